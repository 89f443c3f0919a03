//! Puts the rows `grid` wrote into the sheets rust_xlsxwriter wrote around them: each such
//! sheet's XML becomes its head (up to the end of its header rows), the grid's deflated rows,
//! and its tail (with the rows' hyperlinks and a dimension that covers them). Every other part
//! of the package is copied as rust_xlsxwriter compressed it.

use super::grid::Rows;
use super::zipfile::{self, Entry};
use flate2::write::DeflateEncoder;
use flate2::Compression;
use std::io::{self, Cursor, Read, Write};

/// The package with `rows` put into their sheets, each given by its part name
/// (`xl/worksheets/sheet2.xml`).
pub fn splice(package: &[u8], mut rows: Vec<(String, Rows)>) -> io::Result<Vec<u8>> {
    let mut archive = zip::ZipArchive::new(Cursor::new(package)).map_err(io::Error::other)?;
    let mut entries = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        let mut file = archive.by_index_raw(i).map_err(io::Error::other)?;
        let name = file.name().map_err(io::Error::other)?.to_string();
        let (date, time) = file.last_modified().map_or((0x21, 0), |d| (d.datepart(), d.timepart()));
        let entry = match rows.iter().position(|(part, _)| *part == name) {
            Some(at) => {
                drop(file);
                let (_, part_rows) = rows.swap_remove(at);
                let mut xml = String::new();
                archive.by_index(i).map_err(io::Error::other)?.read_to_string(&mut xml)?;
                sheet(name, &xml, part_rows, date, time)?
            }
            None => {
                // Copied as it was compressed.
                let mut data = Vec::with_capacity(file.compressed_size() as usize);
                file.read_to_end(&mut data)?;
                let (method, crc, size) = (method(file.compression(), &name)?, file.crc32(), file.size());
                Entry { name, method, crc, size, data: vec![data], date, time }
            }
        };
        entries.push(entry);
    }
    if let Some((part, _)) = rows.first() {
        return Err(io::Error::other(format!("the workbook has no part {part} for the rows written for it")));
    }
    zipfile::write(entries)
}

/// The zip code of how a part is stored.
fn method(method: zip::CompressionMethod, name: &str) -> io::Result<u16> {
    match method {
        zip::CompressionMethod::Stored => Ok(0),
        zip::CompressionMethod::Deflated => Ok(8),
        other => Err(io::Error::other(format!("unexpected compression {other:?} in part {name}"))),
    }
}

/// The sheet's entry: its head, the rows, and its tail, as one deflate stream.
fn sheet(name: String, xml: &str, rows: Rows, date: u16, time: u16) -> io::Result<Entry> {
    let bad = |what: &str| io::Error::other(format!("{name} as rust_xlsxwriter wrote it has {what}"));
    let (head, tail) = match (xml.find("<sheetData/>"), xml.find("</sheetData>")) {
        (Some(at), _) => (format!("{}<sheetData>", &xml[..at]), format!("</sheetData>{}", &xml[at + 12..])),
        (None, Some(at)) => (xml[..at].to_string(), xml[at..].to_string()),
        (None, None) => return Err(bad("no sheetData")),
    };
    let head = drop_repeated_row(head);
    let head = match rows.last {
        Some(last) => widen_dimension(&head, last).ok_or_else(|| bad("no dimension"))?,
        None => head,
    };
    let tail = match rows.links.is_empty() {
        true => tail,
        false => with_links(&tail, &rows.links).ok_or_else(|| bad("hyperlinks of its own, or no page margins"))?,
    };
    let mut crc = crc32fast::Hasher::new();
    crc.update(head.as_bytes());
    crc.combine(&rows.crc);
    let mut tail_crc = crc32fast::Hasher::new();
    tail_crc.update(tail.as_bytes());
    crc.combine(&tail_crc);
    let mut start = DeflateEncoder::new(Vec::new(), Compression::fast());
    start.write_all(head.as_bytes())?;
    start.flush()?;
    let mut end = DeflateEncoder::new(Vec::new(), Compression::fast());
    end.write_all(tail.as_bytes())?;
    let size = (head.len() + tail.len()) as u64 + rows.len;
    let data = vec![std::mem::take(start.get_mut()), rows.deflated, end.finish()?];
    Ok(Entry { name, method: 8, crc: crc.finalize(), size, data, date, time })
}

/// The head without the empty copy of its last row that rust_xlsxwriter 0.102 writes after a
/// constant-memory sheet's last row when that row has a height (`<row r="2" ht="47.25"
/// customHeight="1"/>` after row 2 and its cells, a repeated row that Excel reports as damaged
/// content). The first copy has the same height.
fn drop_repeated_row(mut head: String) -> String {
    let number =
        |element: &str| element.strip_prefix("<row r=\"").and_then(|e| e.split('"').next()).map(str::to_string);
    let Some(last) = head.rfind("<row ") else { return head };
    let Some(before) = head[..last].rfind("<row ") else { return head };
    let tail = &head[last..];
    // An empty row element, the last thing written, numbered as the row before it.
    let empty = tail.ends_with("/>") && tail.find('>') == Some(tail.len() - 1);
    if empty && number(tail).is_some() && number(tail) == number(&head[before..]) {
        head.truncate(last);
    }
    head
}

/// The head with its `<dimension ref="A1:D2"/>` reaching `last` (zero-based row and column).
fn widen_dimension(head: &str, (row, col): (u32, u16)) -> Option<String> {
    let start = head.find("<dimension ref=\"")? + 16;
    let end = start + head[start..].find('"')?;
    let range = &head[start..end];
    let (first, to) = range.split_once(':').unwrap_or((range, range));
    let (to_row, to_col) = cell(to)?;
    let last = format!("{}{}", rust_xlsxwriter::column_number_to_name(to_col.max(col)), to_row.max(row + 1));
    Some(format!("{}{first}:{last}{}", &head[..start], &head[end..]))
}

/// `SG12` as (12, 500): the one-based row and zero-based column of an A1 reference.
fn cell(reference: &str) -> Option<(u32, u16)> {
    let digits = reference.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = reference.split_at(digits);
    if letters.is_empty() || !letters.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let col = letters.bytes().try_fold(0u32, |n, b| n.checked_mul(26)?.checked_add(u32::from(b - b'A' + 1)))?;
    Some((number.parse().ok()?, u16::try_from(col - 1).ok()?))
}

/// The tail with `<hyperlinks>` where the schema puts them: after data validations, before the
/// print options and page margins.
fn with_links(tail: &str, links: &str) -> Option<String> {
    if tail.contains("<hyperlinks>") {
        return None;
    }
    let at = tail.find("<printOptions").or_else(|| tail.find("<pageMargins"))?;
    Some(format!("{}<hyperlinks>{links}</hyperlinks>{}", &tail[..at], &tail[at..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dimension_grows_to_the_last_row_and_column() {
        let head = r#"<worksheet><dimension ref="A1:SG2"/><sheetViews>"#;
        assert_eq!(
            widen_dimension(head, (1295, 10)).unwrap(),
            r#"<worksheet><dimension ref="A1:SG1296"/><sheetViews>"#
        );
        assert_eq!(widen_dimension(r#"<dimension ref="A1"/>"#, (5, 3)).unwrap(), r#"<dimension ref="A1:D6"/>"#);
        assert_eq!(cell("AA3"), Some((3, 26)));
        assert_eq!(cell("3"), None);
    }

    #[test]
    fn the_repeated_empty_last_row_is_dropped() {
        let head = r#"<sheetData><row r="1"><c r="A1"/></row><row r="2" ht="30" customHeight="1"><c r="A2"/></row><row r="2" ht="30" customHeight="1"/>"#;
        let kept = r#"<sheetData><row r="1"><c r="A1"/></row><row r="2" ht="30" customHeight="1"><c r="A2"/></row>"#;
        assert_eq!(drop_repeated_row(head.into()), kept);
        assert_eq!(drop_repeated_row(kept.into()), kept, "a sheet without the copy keeps its rows");
        let other = r#"<sheetData><row r="1"><c r="A1"/></row><row r="3" ht="30" customHeight="1"/>"#;
        assert_eq!(drop_repeated_row(other.into()), other, "an empty row of its own stays");
    }

    #[test]
    fn links_go_before_the_print_options_or_the_margins() {
        let tail = "</sheetData><autoFilter ref=\"A1:B2\"/><pageMargins left=\"0.7\"/>";
        let out = with_links(tail, "<hyperlink ref=\"B3\"/>").unwrap();
        assert_eq!(out, "</sheetData><autoFilter ref=\"A1:B2\"/><hyperlinks><hyperlink ref=\"B3\"/></hyperlinks><pageMargins left=\"0.7\"/>");
        assert!(with_links("<hyperlinks></hyperlinks><pageMargins/>", "x").is_none());
    }
}
