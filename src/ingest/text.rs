//! Decoding input bytes: UTF-8 with or without a BOM, with a placed error otherwise.

use crate::diag::{Diagnostic, Location};
use crate::error::Error;

/// The text of a file; invalid UTF-8 is an error at its line and column.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") => {
            Err(Error::unreadable(Diagnostic::error(
                Location::file(name),
                "a spreadsheet or zip file (binary), where a text file (YAML, JSON, CSV or XML) is expected here",
            )))
        }
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let col = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
            Err(Error::unreadable(Diagnostic::error(
                Location::line(name, line, col),
                format!(
                    "not valid UTF-8 (byte 0x{:02X}); save the file as UTF-8{}",
                    bytes[e.valid_up_to()],
                    if name.to_ascii_lowercase().ends_with(".csv") { " (in Excel: \"CSV UTF-8\")" } else { "" }
                ),
            )))
        }
    }
}

/// Windows-1252 characters of the bytes 0x80–0x9F (the rest of the code page is Latin-1; the
/// five unassigned bytes map to the C1 controls of the same value, as WHATWG's decoder does).
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// A CSV that is not UTF-8 but reads as Windows-1252 (what Excel's plain "CSV" writes on
/// Western European Windows): its text, and a warning saying so. `None` when it is UTF-8 or
/// looks binary (NUL bytes).
pub fn windows_1252(name: &str, bytes: &[u8]) -> Option<(String, Diagnostic)> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let err = std::str::from_utf8(body).err()?;
    if body.contains(&0) {
        return None;
    }
    let text: String = body
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => CP1252_HIGH[(b - 0x80) as usize],
            _ => b as char,
        })
        .collect();
    let good = &body[..err.valid_up_to()];
    let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = good.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    let warning = Diagnostic::warning(
        Location::line(name, line, col),
        format!(
            "not UTF-8 (byte 0x{:02X}): read as Windows-1252, as Excel's plain CSV writes it; check the accented names, or save as \"CSV UTF-8\"",
            body[err.valid_up_to()]
        ),
    );
    Some((text, warning))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_is_read_with_a_warning() {
        let (text, w) = windows_1252("a.csv", b"Name;Notes\nZ\xFCrich;\x80 5\x96 6\n").unwrap();
        assert_eq!(text, "Name;Notes\nZürich;€ 5– 6\n");
        assert!(w.to_string().contains("a.csv:2:2: not UTF-8 (byte 0xFC): read as Windows-1252"), "{w}");
        assert!(windows_1252("a.csv", b"plain ascii").is_none());
        assert!(windows_1252("a.bin", b"\x00\xFF").is_none());
    }

    #[test]
    fn bom_is_dropped_and_bad_bytes_are_placed() {
        assert_eq!(decode("a.csv", b"\xEF\xBB\xBFname\n").unwrap(), "name\n");
        let err = decode("a.csv", b"name\nZ\xFCrich\n").unwrap_err().to_string();
        assert_eq!(
            err,
            "error: a.csv:2:2: not valid UTF-8 (byte 0xFC); save the file as UTF-8 (in Excel: \"CSV UTF-8\")"
        );
    }
}
