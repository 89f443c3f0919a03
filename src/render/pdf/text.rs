//! Fitting text into a width: greedy word wrap, and "…" when a line limit or the width is hit.
//! Nothing is clipped or shrunk: what does not fit is cut at a character and marked.

use super::fonts::{Metrics, Weight};

/// A font choice: weight and size in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Font {
    pub weight: Weight,
    pub size: f32,
}

impl Font {
    pub const fn regular(size: f32) -> Font {
        Font { weight: Weight::Regular, size }
    }
    pub const fn bold(size: f32) -> Font {
        Font { weight: Weight::Bold, size }
    }
}

const ELLIPSIS: char = '…';

/// `text` on one line within `width`, ending with "…" when cut.
pub fn ellipsize(m: &Metrics, text: &str, font: Font, width: f32) -> String {
    let text = text.trim();
    if m.width(text, font.weight, font.size) <= width {
        return text.to_string();
    }
    cut_with_ellipsis(m, text, font, width)
}

/// The longest prefix of `text` that fits with "…" appended.
fn cut_with_ellipsis(m: &Metrics, text: &str, font: Font, width: f32) -> String {
    let room = width - m.char_width(ELLIPSIS, font.weight, font.size);
    if room < 0.0 {
        return String::new();
    }
    let mut used = 0.0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let w = m.char_width(c, font.weight, font.size);
        if used + w > room {
            break;
        }
        used += w;
        end = i + c.len_utf8();
    }
    let mut out = text[..end].trim_end().to_string();
    out.push(ELLIPSIS);
    out
}

/// Wraps `text` into lines no wider than `width`; at most `max_lines` (the last one ends with
/// "…" when text was left over). Words longer than a line are broken between characters.
/// Line breaks in the text are kept.
pub fn wrap(m: &Metrics, text: &str, font: Font, width: f32, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let space = m.char_width(' ', font.weight, font.size);
    let mut truncated = false;
    'paragraphs: for para in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        for word in para.split_whitespace() {
            let mut word = word;
            let mut ww = m.width(word, font.weight, font.size);
            loop {
                let need = if line.is_empty() { ww } else { line_w + space + ww };
                if need <= width {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w = need;
                    break;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                } else {
                    // A word wider than the whole line: break it.
                    let (head, tail) = split_at_width(m, word, font, width);
                    lines.push(head.to_string());
                    word = tail;
                    ww = m.width(word, font.weight, font.size);
                    if word.is_empty() {
                        break;
                    }
                }
                if lines.len() >= max_lines {
                    truncated = true;
                    break 'paragraphs;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        if lines.len() > max_lines {
            truncated = true;
            break;
        }
    }
    if truncated || lines.len() > max_lines {
        lines.truncate(max_lines.max(1));
        let last = lines.pop().unwrap_or_default();
        let marked = format!("{}{ELLIPSIS}", last.trim_end());
        lines.push(if m.width(&marked, font.weight, font.size) <= width {
            marked
        } else {
            cut_with_ellipsis(m, &last, font, width)
        });
    }
    lines
}

/// Splits `word` where it stops fitting into `width`: after the last hyphen, slash, dot or
/// underscore that fits, else between characters (at least one character goes first).
fn split_at_width<'a>(m: &Metrics, word: &'a str, font: Font, width: f32) -> (&'a str, &'a str) {
    let mut used = 0.0;
    let mut soft = None;
    for (i, c) in word.char_indices() {
        used += m.char_width(c, font.weight, font.size);
        if used > width && i > 0 {
            return word.split_at(soft.unwrap_or(i));
        }
        if matches!(c, '-' | '/' | '.' | '_') {
            soft = Some(i + c.len_utf8());
        }
    }
    (word, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Metrics {
        Metrics::load().unwrap()
    }

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let m = metrics();
        let f = Font::regular(8.0);
        let text = "The organization patches, hardens and monitors the guest operating system of Zürich File Server.";
        let lines = wrap(&m, text, f, 90.0, 20);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(m.width(l, f.weight, f.size) <= 90.0, "{l}");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn line_limit_ends_with_an_ellipsis() {
        let m = metrics();
        let f = Font::regular(8.0);
        let lines = wrap(&m, &"word ".repeat(100), f, 60.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(m.width(&lines[1], f.weight, f.size) <= 60.0);
    }

    #[test]
    fn long_words_break_and_single_lines_ellipsize() {
        let m = metrics();
        let f = Font::regular(8.0);
        let lines = wrap(&m, "soc2-privacy-out-of-scope", f, 50.0, 10);
        assert_eq!(lines[0], "soc2-privacy-");
        let lines = wrap(&m, &"x".repeat(80), f, 40.0, 10);
        assert!(lines.len() > 1 && lines.iter().all(|l| m.width(l, f.weight, f.size) <= 40.0));
        let e = ellipsize(&m, "Report Generation Functions", f, 50.0);
        assert!(e.ends_with('…') && m.width(&e, f.weight, f.size) <= 50.0);
        assert_eq!(ellipsize(&m, "Orders DB", f, 100.0), "Orders DB");
        assert_eq!(ellipsize(&m, "Orders DB", f, 1.0), "");
    }
}
