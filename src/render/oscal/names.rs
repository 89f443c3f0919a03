//! How the SSP spells what it names: OSCAL control ids (`ac-2.3`), one-line strings the OSCAL
//! string type accepts, tokens, and input paths as URI references.

/// The OSCAL form of a control id: `AC-2(3)` → `ac-2.3`, `PR.PS-02` → `pr.ps-02`, `CC6.1` →
/// `cc6.1`. An id that still is no OSCAL token (a custom catalog's `1.1`) gets `_` in front and
/// `_` for each character a token cannot hold, so the plan stays valid.
pub fn control_id(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    for c in label.trim().chars() {
        match c {
            '(' => out.push('.'),
            ')' => {}
            c if c.is_whitespace() => {}
            c => out.extend(c.to_lowercase()),
        }
    }
    token(&out)
}

/// `text` as an OSCAL token (an XML NCName): letters, digits, `.`, `-`, `_`, not starting with
/// a digit, `.` or `-`.
pub fn token(text: &str) -> String {
    let mut out: String =
        text.chars().map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    if !out.starts_with(|c: char| c.is_alphabetic() || c == '_') {
        out.insert(0, '_');
    }
    out
}

/// `text` on one line with single spaces and no space at either end (the OSCAL string type);
/// `fallback` when nothing is left.
pub fn line(text: &str, fallback: &str) -> String {
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match joined.is_empty() {
        true => fallback.to_string(),
        false => joined,
    }
}

/// A path as given, as a URI reference: `/` kept, every byte outside RFC 3986's unreserved
/// set and `/` percent-encoded (`my catalogs/x.json` → `my%20catalogs/x.json`).
pub fn href(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.replace('\\', "/").bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(b as char),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_ids_take_the_oscal_form() {
        assert_eq!(control_id("AC-2(3)"), "ac-2.3");
        assert_eq!(control_id("AC-2"), "ac-2");
        assert_eq!(control_id("PR.PS-02"), "pr.ps-02");
        assert_eq!(control_id("A.12.6.1"), "a.12.6.1");
        assert_eq!(control_id("1.1 x/y"), "_1.1x_y");
    }

    #[test]
    fn strings_and_hrefs() {
        assert_eq!(line("  two\n lines ", "-"), "two lines");
        assert_eq!(line(" \n", "not set"), "not set");
        assert_eq!(href("my catalogs/é.json"), "my%20catalogs/%C3%A9.json");
    }
}
