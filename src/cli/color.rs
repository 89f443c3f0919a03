//! Colour on a terminal: `--color auto|always|never`, and `NO_COLOR` (no-color.org) for `auto`.
//! Only the leading `error:`, `warning:`, `note:` or `ok:` of a line is coloured.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// When to colour diagnostics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set or `TERM=dumb`.
    #[default]
    Auto,
    Always,
    Never,
}

/// Where a line goes.
#[derive(Clone, Copy)]
pub enum Stream {
    Stdout,
    Stderr,
}

static CHOICE: AtomicU8 = AtomicU8::new(0);

/// Set once by `run` from the command line.
pub fn set(choice: ColorChoice) {
    CHOICE.store(choice as u8, Ordering::Relaxed);
}

fn choice() -> ColorChoice {
    match CHOICE.load(Ordering::Relaxed) {
        1 => ColorChoice::Always,
        2 => ColorChoice::Never,
        _ => ColorChoice::Auto,
    }
}

/// Whether lines written to `stream` get colour.
pub fn enabled(stream: Stream) -> bool {
    match choice() {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
            let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
            let tty = match stream {
                Stream::Stdout => std::io::stdout().is_terminal(),
                Stream::Stderr => std::io::stderr().is_terminal(),
            };
            tty && !no_color && !dumb
        }
    }
}

/// The line with its level word coloured (bold red error, bold yellow warning, bold cyan note,
/// bold green ok) when `stream` gets colour; otherwise the line as it is.
pub fn paint(line: &str, stream: Stream) -> String {
    let Some((word, rest)) = line.split_once(':') else { return line.to_string() };
    let code = match word {
        "error" => "1;31",
        "warning" => "1;33",
        "note" => "1;36",
        "ok" => "1;32",
        _ => return line.to_string(),
    };
    if !enabled(stream) {
        return line.to_string();
    }
    format!("\x1b[{code}m{word}:\x1b[0m{rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_level_words_are_painted() {
        set(ColorChoice::Always);
        assert_eq!(paint("error: a.csv:2: bad", Stream::Stderr), "\x1b[1;31merror:\x1b[0m a.csv:2: bad");
        assert_eq!(paint("wrote out/x.pdf", Stream::Stderr), "wrote out/x.pdf");
        assert_eq!(paint("inventory: header row 2", Stream::Stderr), "inventory: header row 2");
        set(ColorChoice::Never);
        assert_eq!(paint("warning: x", Stream::Stderr), "warning: x");
        set(ColorChoice::Auto);
    }
}
