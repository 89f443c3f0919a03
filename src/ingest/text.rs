//! Decoding input bytes: UTF-8 with or without a BOM, with a placed error otherwise.

use crate::diag::{Diagnostic, Location};
use crate::error::Error;

/// The text of a file; invalid UTF-8 is an error at its line and column.
pub fn decode(name: &str, bytes: &[u8]) -> Result<String, Error> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
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

#[cfg(test)]
mod tests {
    use super::*;

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
