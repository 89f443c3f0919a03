//! A spreadsheet package (XLSX, XLSM, XLSB, ODS are zip files) checked before calamine opens
//! it: the number of parts, each part's and all parts' decompressed size (measured by
//! decompressing, not trusting the sizes the zip declares), and in worksheet XML every cell
//! and row reference (`r="XFD1048576"`): a reference past Excel's last row or column, or one
//! too long to be a number, is refused here, before any reader trusts it.

use super::limits::{self, SHEET_COLUMNS_MAX, SHEET_ROWS_MAX, UNZIPPED_PART_MAX, UNZIPPED_TOTAL_MAX, ZIP_ENTRIES_MAX};
use crate::diag::{excerpt, Location};
use crate::error::Error;
use std::io::{Cursor, Read};

/// What the package holds, for choosing a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Package {
    Xlsx,
    Xlsb,
    Other,
}

/// Checks a zip package within the limits; `Ok(None)` when the bytes are not a zip at all.
pub fn check(name: &str, bytes: &[u8]) -> Result<Option<Package>, Error> {
    if !bytes.starts_with(b"PK") {
        return Ok(None);
    }
    let at = Location::file(name);
    let bad = |why: String| limits::exceeded(at.clone(), why);
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| bad(format!("not a readable spreadsheet package (zip): {}", excerpt(&e.to_string(), 120))))?;
    if zip.len() > ZIP_ENTRIES_MAX {
        return Err(bad(format!("the package has {} parts; respmatrix reads at most {ZIP_ENTRIES_MAX}", zip.len())));
    }
    let mut total = 0u64;
    let mut kind = Package::Other;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).map_err(|e| bad(format!("a damaged part: {}", excerpt(&e.to_string(), 120))))?;
        let part_name = excerpt(&String::from_utf8_lossy(part.name_raw()), 120);
        match part_name.as_str() {
            "xl/workbook.xml" => kind = Package::Xlsx,
            "xl/workbook.bin" => kind = Package::Xlsb,
            _ => {}
        }
        let sheet_xml = part_name.starts_with("xl/worksheets/") && part_name.ends_with(".xml");
        let ods_content = part_name == "content.xml";
        let mut buf = Vec::new();
        let mut sink = std::io::sink();
        let mut limited = (&mut part).take(UNZIPPED_PART_MAX + 1);
        let read = match sheet_xml || ods_content {
            true => limited.read_to_end(&mut buf).map(|n| n as u64),
            false => std::io::copy(&mut limited, &mut sink),
        }
        .map_err(|e| bad(format!("part {part_name} cannot be decompressed: {}", excerpt(&e.to_string(), 120))))?;
        if read > UNZIPPED_PART_MAX {
            return Err(bad(format!(
                "part {part_name} decompresses to more than {}; respmatrix reads at most that per part",
                limits::bytes(UNZIPPED_PART_MAX)
            )));
        }
        total += read;
        if total > UNZIPPED_TOTAL_MAX {
            return Err(bad(format!(
                "the package decompresses to more than {}; respmatrix reads at most that",
                limits::bytes(UNZIPPED_TOTAL_MAX)
            )));
        }
        if ods_content {
            super::ods_guard::check(&buf).map_err(|r| {
                let cell = |n: u64| usize::try_from(n.saturating_add(1)).unwrap_or(usize::MAX);
                limits::sheet_span(Location::cell(name, Some(&excerpt(&r.sheet, 80)), cell(r.row), Some(cell(r.col))))
            })?;
        }
        if sheet_xml {
            check_refs(&buf).map_err(|r| {
                bad(format!(
                    "{part_name}: cell reference \"{r}\" lies beyond the last row ({SHEET_ROWS_MAX}) or column \
                     (XFD) a sheet may have"
                ))
            })?;
        }
    }
    Ok(Some(kind))
}

/// Every `r` attribute of a worksheet (`<c r="A1">`, `<row r='1'>`, either quote, any spacing,
/// read as calamine reads it: `xml_scan`) is a valid cell or row reference within limits.
fn check_refs(xml: &[u8]) -> Result<(), String> {
    for tag in super::xml_scan::tags(xml).filter(|t| !t.end) {
        for value in tag.values(b"r") {
            if value.len() > 20 || !valid_ref(value) {
                return Err(String::from_utf8_lossy(&value[..value.len().min(64)]).into_owned());
            }
        }
    }
    Ok(())
}

/// `A1`…`XFD1048576`, or a bare row number for `<row r="…">`.
fn valid_ref(r: &[u8]) -> bool {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let digits = &r[letters..];
    if letters > 3 || digits.is_empty() || digits.len() > 7 || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let col = r[..letters].iter().fold(0u32, |c, b| c * 26 + (b.to_ascii_uppercase() - b'A') as u32 + 1);
    let row: u32 = std::str::from_utf8(digits).ok().and_then(|d| d.parse().ok()).unwrap_or(u32::MAX);
    (1..=SHEET_ROWS_MAX).contains(&row) && col <= SHEET_COLUMNS_MAX
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_past_the_sheet_are_refused() {
        assert!(check_refs(br#"<row r="1"><c r="A1"/><c r="XFD1048576"/></row>"#).is_ok());
        assert_eq!(check_refs(br#"<c r="XFE1"/>"#).unwrap_err(), "XFE1");
        assert_eq!(check_refs(br#"<c r="A1048577"/>"#).unwrap_err(), "A1048577");
        assert!(check_refs(br#"<row r="99999999999999999999"/>"#).is_err());
        // Single quotes, a newline or tab before `r`, spaces around `=`: a row past u32 wrapped.
        assert_eq!(check_refs(b"<row r='4294967299'>").unwrap_err(), "4294967299");
        assert_eq!(check_refs(b"<c\nr='A4294967299' t='s'/>").unwrap_err(), "A4294967299");
        assert_eq!(check_refs(b"<x:c a='>'\tr = \"A2000000\"/>").unwrap_err(), "A2000000");
        assert!(check("x", b"not a zip").unwrap().is_none());
    }
}
