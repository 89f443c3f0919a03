//! Control-id spellings: `ac-2.1`, `AC-2(1)`, `AC-02(01)` and `AC-02 (01)` name the same control.
//!
//! One normalization, used wherever ids from different sources meet: profile selection, a custom
//! catalog's `maps_to`, layer-table lookups and the control-override matcher. Output never shows
//! the key; it uses the catalog's own label.

/// The comparison key of a control id: lower case, no spaces, enhancement numbers in
/// parentheses written as `.n`, leading zeros of every number dropped.
///
/// `AC-02 (01)` → `ac-2.1`, `PR.PS-02` → `pr.ps-2`, `03.01.01` → `3.1.1`, `CC1.1` → `cc1.1`.
pub fn key(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    let mut chars = id.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() || c == ')' => {}
            '(' => out.push('.'),
            '0'..='9' => {
                // A number: drop its leading zeros, keep a lone "0".
                let mut digits = String::from(c);
                while let Some(d) = chars.peek().copied().filter(char::is_ascii_digit) {
                    digits.push(d);
                    chars.next();
                }
                let trimmed = digits.trim_start_matches('0');
                out.push_str(if trimmed.is_empty() { "0" } else { trimmed });
            }
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Whether two spellings name the same control.
pub fn same(a: &str, b: &str) -> bool {
    key(a) == key(b)
}

/// The base control of an enhancement key (`ac-2.1` → `ac-2`), `None` for a base control.
/// Only 800-53-style keys (`family-number.enhancement`) have a base.
pub fn base_of(key: &str) -> Option<&str> {
    let dash = key.find('-')?;
    let dot = key[dash..].find('.')? + dash;
    Some(&key[..dot])
}

/// Whether an override pattern is a glob (`PR.AA-*`, `P[1-8].*`) rather than one control id.
pub fn is_glob(pattern: &str) -> bool {
    pattern.contains(['*', '?', '[', ']', '{', '}'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_control_share_a_key() {
        for spelling in ["ac-2.1", "AC-2(1)", "AC-02(01)", "AC-02 (01)", "AC-2 (1)", "ac-02.01", " AC-2(1) "] {
            assert_eq!(key(spelling), "ac-2.1", "{spelling}");
        }
        assert_eq!(key("AC-2"), "ac-2");
        assert_eq!(key("AC-20"), "ac-20");
        assert_ne!(key("AC-2(10)"), key("AC-2(1)"));
        assert_eq!(key("AC-2(10)"), "ac-2.10");
        assert_eq!(key("PR.PS-02"), key("pr.ps-2"));
        assert_eq!(key("03.01.01"), "3.1.1");
        assert_eq!(key("A.5.1.1"), "a.5.1.1");
        assert_eq!(key("CC1.1"), "cc1.1");
        assert_eq!(key("SI-4(0)"), "si-4.0");
        assert!(same("RA-05 (05)", "ra-5.5"));
    }

    #[test]
    fn bases_and_globs() {
        assert_eq!(base_of("ac-2.1"), Some("ac-2"));
        assert_eq!(base_of("ac-2"), None);
        assert_eq!(base_of("pr.ps-2"), None);
        assert_eq!(base_of("3.1.1"), None);
        assert!(is_glob("PR.AA-*"));
        assert!(is_glob("P[1-8].*"));
        assert!(!is_glob("AC-2(1)"));
    }
}
