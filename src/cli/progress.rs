//! A progress bar on stderr for long runs: shown only when stderr is a terminal, never in CI
//! or with `--quiet`.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::time::Duration;

/// Steps of a run, drawn as a bar; a hidden bar when nobody is watching.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    pub fn new(quiet: bool, steps: u64) -> Progress {
        let watched = !quiet && std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let bar = if watched {
            let bar = ProgressBar::with_draw_target(Some(steps), ProgressDrawTarget::stderr());
            let style = ProgressStyle::with_template("{spinner} [{elapsed}] {bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar }
    }

    /// Says what the run is doing now.
    pub fn doing(&self, what: &str) {
        self.bar.set_message(what.to_string());
    }

    /// One step done.
    pub fn done(&self, what: &str) {
        self.bar.inc(1);
        self.bar.set_message(format!("{what} done"));
    }

    /// Clears the bar before the run prints its summary.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
