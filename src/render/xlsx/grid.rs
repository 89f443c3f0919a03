//! The data rows of the workbook's big sheets (Matrix, Controls, Statements, Customer
//! Responsibilities, the Request List and SoAs, the Review Index), written as worksheet XML by
//! this module instead of rust_xlsxwriter, and deflated as they are written.
//!
//! rust_xlsxwriter hashes and compares the whole `Format` of every cell it stores, which was a
//! quarter of the workbook's time. Here a cell's style is the index rust_xlsxwriter gave its
//! format when the workbook registered it (`Formats::indexed`), and the rows go straight to a
//! deflate stream. rust_xlsxwriter still writes the sheet around them (its header rows,
//! column widths, frozen panes, filter, print setup); `splice` puts the rows into it. The XML
//! is the one rust_xlsxwriter writes for the same cells (inline strings, the same escapes),
//! which `tests` checks.

use super::cells::Sink;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use rust_xlsxwriter::{Format, XlsxError};
use std::fmt::Write as _;
use std::io::Write;

/// A sheet's data rows as a deflate stream that has not ended (a sync flush ends it, so the
/// stream can be put between the compressed head and tail of the sheet's XML), with the
/// hyperlinks of its cells.
pub struct Rows {
    /// Raw deflate blocks, ending byte-aligned and not final.
    pub deflated: Vec<u8>,
    /// The CRC-32 and length of the XML the blocks hold.
    pub crc: crc32fast::Hasher,
    pub len: u64,
    /// `<hyperlink …/>` elements, in cell order.
    pub links: String,
    /// The last row and column written (zero-based), if any.
    pub last: Option<(u32, u16)>,
}

/// Writes rows in order (a row's cells in any order); the `Sink` that `cells::Row` writes to.
pub struct Grid<'f> {
    out: DeflateEncoder<Vec<u8>>,
    crc: crc32fast::Hasher,
    len: u64,
    /// Each format, its style index and the ` s="N"` attribute that names it ("" for 0).
    styles: Vec<(&'f Format, u32, String)>,
    /// The row being written, its cells' XML so far (each cell's column and where its XML
    /// starts), and its height in points, if set.
    row: Option<u32>,
    row_name: String,
    cells: String,
    starts: Vec<(u16, usize)>,
    height: Option<f64>,
    max_col: u16,
    links: String,
    columns: Vec<String>,
}

impl<'f> Grid<'f> {
    /// A grid whose cells use `styles`: each format with the style index of the workbook.
    pub fn new(styles: Vec<(&'f Format, u32)>) -> Grid<'f> {
        Grid {
            out: DeflateEncoder::new(Vec::new(), Compression::fast()),
            crc: crc32fast::Hasher::new(),
            len: 0,
            styles: styles
                .into_iter()
                .map(|(f, s)| (f, s, if s > 0 { format!(" s=\"{s}\"") } else { String::new() }))
                .collect(),
            row: None,
            row_name: String::new(),
            cells: String::new(),
            starts: Vec::new(),
            height: None,
            max_col: 0,
            links: String::new(),
            columns: Vec::new(),
        }
    }

    /// Ends the rows: the stream is flushed to a byte boundary but not finished.
    pub fn finish(mut self) -> Result<Rows, XlsxError> {
        let last_row = self.row;
        self.end_row()?;
        self.out.flush()?;
        let deflated = std::mem::take(self.out.get_mut());
        Ok(Rows {
            deflated,
            crc: self.crc,
            len: self.len,
            links: self.links,
            last: last_row.map(|r| (r, self.max_col)),
        })
    }

    /// Where `format` is in `styles`.
    fn style(&self, format: &Format) -> Result<usize, XlsxError> {
        let found = self.styles.iter().position(|(f, ..)| std::ptr::eq(*f, format));
        let found = found.or_else(|| self.styles.iter().position(|(f, ..)| *f == format));
        match found {
            Some(i) => Ok(i),
            None => Err(XlsxError::ParameterError("a cell format the workbook did not register".into())),
        }
    }

    /// Starts cell `(row, col)` (`<c r="B3"`): the rows come in order, a row's cells in any.
    fn open(&mut self, row: u32, col: u16) -> Result<(), XlsxError> {
        // A worksheet's rows and columns, as rust_xlsxwriter checks them.
        if row >= 1_048_576 || col >= 16_384 {
            return Err(XlsxError::RowColumnLimitError);
        }
        if self.row != Some(row) {
            if let Some(before) = self.row.filter(|r| *r > row) {
                return Err(order(format!("row {} written after row {}", row + 1, before + 1)));
            }
            self.end_row()?;
            self.row = Some(row);
            self.row_name = (row + 1).to_string();
        }
        self.starts.push((col, self.cells.len()));
        self.max_col = self.max_col.max(col);
        while self.columns.len() <= col as usize {
            self.columns.push(rust_xlsxwriter::column_number_to_name(self.columns.len() as u16));
        }
        self.cells.push_str("<c r=\"");
        self.cells.push_str(&self.columns[col as usize]);
        self.cells.push_str(&self.row_name);
        self.cells.push('"');
        Ok(())
    }

    /// ` s="N"` unless the style is the default one (`s` is where it is in `styles`).
    fn styled(&mut self, s: usize) {
        self.cells.push_str(&self.styles[s].2);
    }

    /// Writes the finished row, with its height if one was set.
    fn end_row(&mut self) -> Result<(), XlsxError> {
        let Some(row) = self.row.take() else { return Ok(()) };
        let mut xml = format!("<row r=\"{}\"", row + 1);
        if let Some(points) = self.height.take() {
            // rust_xlsxwriter keeps heights in whole pixels and writes them back in points.
            let pixels = (points * 4.0 / 3.0).round() as u32;
            let _ = write!(xml, " ht=\"{}\" customHeight=\"1\"", f64::from(pixels) * 0.75);
        }
        xml.push('>');
        let (cells, starts) = (std::mem::take(&mut self.cells), std::mem::take(&mut self.starts));
        self.write(xml.as_bytes())?;
        if starts.windows(2).all(|w| w[0].0 < w[1].0) {
            self.write(cells.as_bytes())?;
        } else {
            // Cells written out of column order go out in it, as rust_xlsxwriter sorts them.
            let ends: Vec<usize> = starts.iter().skip(1).map(|s| s.1).chain([cells.len()]).collect();
            let mut spans: Vec<(u16, usize, usize)> = starts.iter().zip(ends).map(|(s, e)| (s.0, s.1, e)).collect();
            spans.sort_by_key(|s| s.0);
            if let Some(w) = spans.windows(2).find(|w| w[0].0 == w[1].0) {
                return Err(order(format!("column {} of row {} written twice", w[0].0 + 1, row + 1)));
            }
            for (_, start, end) in spans {
                self.write(&cells.as_bytes()[start..end])?;
            }
        }
        self.write(b"</row>")?;
        (self.cells, self.starts) = (cells, starts);
        self.cells.clear();
        self.starts.clear();
        Ok(())
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), XlsxError> {
        self.crc.update(bytes);
        self.len += bytes.len() as u64;
        self.out.write_all(bytes)?;
        Ok(())
    }
}

impl Sink for Grid<'_> {
    fn string(&mut self, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
        if text.is_empty() {
            return self.blank(row, col, format);
        }
        let s = self.style(format)?;
        self.open(row, col)?;
        self.styled(s);
        let edge = ['\t', '\n', ' '];
        let preserve = if text.starts_with(edge) || text.ends_with(edge) { " xml:space=\"preserve\"" } else { "" };
        self.cells.push_str(" t=\"inlineStr\"><is><t");
        self.cells.push_str(preserve);
        self.cells.push('>');
        if plain(text) {
            self.cells.push_str(text);
        } else {
            self.cells.push_str(&escape_data(&escape_escapes(text)));
        }
        self.cells.push_str("</t></is></c>");
        Ok(())
    }

    fn blank(&mut self, row: u32, col: u16, format: &Format) -> Result<(), XlsxError> {
        let s = self.style(format)?;
        // rust_xlsxwriter writes no cell for a blank without a format.
        if self.styles[s].1 > 0 {
            self.open(row, col)?;
            self.styled(s);
            self.cells.push_str("/>");
        }
        Ok(())
    }

    fn link(&mut self, row: u32, col: u16, text: &str, target: &str, format: &Format) -> Result<(), XlsxError> {
        self.string(row, col, text, format)?;
        if text.is_empty() {
            return Ok(()); // a blank, and nothing to click
        }
        let (target, text) = (escape_attribute(target), escape_attribute(text));
        let cell = &self.columns[col as usize];
        let _ =
            write!(self.links, "<hyperlink ref=\"{cell}{}\" location=\"{target}\" display=\"{text}\"/>", self.row_name);
        Ok(())
    }

    fn number(&mut self, row: u32, col: u16, n: f64, format: &Format) -> Result<(), XlsxError> {
        let s = self.style(format)?;
        self.open(row, col)?;
        self.styled(s);
        let _ = write!(self.cells, "><v>{n}</v></c>");
        Ok(())
    }

    fn height(&mut self, row: u32, points: f64) -> Result<(), XlsxError> {
        if self.row != Some(row) {
            return Err(order(format!("the height of row {} set after the row", row + 1)));
        }
        self.height = Some(points);
        Ok(())
    }
}

fn order(message: String) -> XlsxError {
    XlsxError::ParameterError(format!("cells written out of order: {message}"))
}

/// Whether `text` goes into the XML as it is: no byte that `escape_data` or `escape_escapes`
/// would change could start there (`&`, `<`, `>`, a control character, `_` of `_xHHHH_`, or
/// the lead byte 0xEF of U+FFFE and U+FFFF). One pass over the bytes, where the escapes take
/// three over the characters; most cells are plain prose.
fn plain(text: &str) -> bool {
    const fn table() -> [bool; 256] {
        let mut t = [false; 256];
        let mut b = 0;
        while b < 0x20 {
            t[b] = b != b'\t' as usize && b != b'\n' as usize;
            b += 1;
        }
        t[b'&' as usize] = true;
        t[b'<' as usize] = true;
        t[b'>' as usize] = true;
        t[b'_' as usize] = true;
        t[0xEF] = true;
        t
    }
    const SPECIAL: [bool; 256] = table();
    !text.bytes().any(|b| SPECIAL[b as usize])
}

/// XML text as rust_xlsxwriter escapes it: `&`, `<`, `>`, and the control characters XML cannot
/// hold (and U+FFFE, U+FFFF) as Excel's `_xHHHH_`.
fn escape_data(text: &str) -> std::borrow::Cow<'_, str> {
    let entity = |c| match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    };
    escape(text, entity, |c| control(c) || matches!(c, '\u{FFFE}' | '\u{FFFF}'))
}

/// A character XML cannot hold (tab and newline it can).
fn control(c: char) -> bool {
    c < ' ' && c != '\t' && c != '\n'
}

/// `text` with each character `entity` names replaced by its entity, and each one `coded` picks
/// written as Excel's `_xHHHH_`.
fn escape(text: &str, entity: fn(char) -> Option<&'static str>, coded: fn(char) -> bool) -> std::borrow::Cow<'_, str> {
    if !text.contains(|c| entity(c).is_some() || coded(c)) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match entity(c) {
            Some(e) => out.push_str(e),
            None if coded(c) => {
                let _ = write!(out, "_x{:04X}_", c as u32);
            }
            None => out.push(c),
        }
    }
    out.into()
}

/// Text that already looks like an `_xHHHH_` escape keeps its leading underscore escaped
/// (`_x005F_`), as Excel and rust_xlsxwriter do, so it reads back as written.
fn escape_escapes(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("_x") {
        return text.into();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 12);
    let mut start = 0;
    for (i, _) in text.match_indices("_x") {
        let escape =
            bytes.len() >= i + 7 && bytes[i + 6] == b'_' && bytes[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit);
        if escape {
            out.push_str(&text[start..i]);
            out.push_str("_x005F");
            start = i;
        }
    }
    out.push_str(&text[start..]);
    out.into()
}

/// An attribute value as rust_xlsxwriter escapes it, and control characters (which XML cannot
/// hold, and rust_xlsxwriter leaves in) as `_xHHHH_`.
fn escape_attribute(text: &str) -> std::borrow::Cow<'_, str> {
    let entity = |c| match c {
        '&' => Some("&amp;"),
        '"' => Some("&quot;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        '\n' => Some("&#xA;"),
        _ => None,
    };
    escape(text, entity, control)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::xlsx::cells::{Formats, Row};
    use rust_xlsxwriter::{Workbook, Worksheet};
    use std::io::Read;

    /// Hostile and awkward text: markup, Excel escapes, control characters, edge spaces.
    const TEXTS: [&str; 6] = [
        "<b>&amp;</b> \"q\"",
        "_x0041_ and _x00ZZ_",
        "bell\u{7}\rcr\u{FFFE}",
        " lead",
        "",
        "two\nlines that wrap in a narrow column",
    ];

    fn cells<S: Sink>(ws: &mut S, f: &Formats) {
        let widths = [10.0, 10.0, 10.0];
        for (i, text) in TEXTS.iter().enumerate() {
            let mut row = Row::new(ws, 1 + i as u32, &widths);
            // Written out of column order, as Customer Responsibilities writes "Also serves".
            row.wrap(4, text, &f.wrap).unwrap();
            // rust_xlsxwriter leaves control characters in a link's attributes (not XML).
            let link = text.replace(|c: char| c < ' ' && c != '\n', "?");
            row.link(0, &link, "'Other'!B2", &f.text)
                .unwrap()
                .put(1, text, f.status(crate::model::Status::Shared))
                .unwrap();
            row.num(2, i * 7, &f.number).unwrap().wrap(3, text, &f.input).unwrap();
            row.finish().unwrap();
        }
    }

    fn sheet_xml(package: &[u8]) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(package)).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet1.xml").unwrap().read_to_string(&mut xml).unwrap();
        xml
    }

    fn workbook(f: &Formats, rows: bool) -> Workbook {
        let mut wb = Workbook::new();
        f.all().for_each(|format| wb.register_format(format));
        let ws: &mut Worksheet = wb.add_worksheet_with_constant_memory().unwrap();
        ws.set_name("Other").unwrap();
        crate::render::xlsx::cells::headers(ws, 0, &["A", "B long header name", "C", "D", "E"], &[10.0], f).unwrap();
        if rows {
            cells(ws, f);
        }
        wb
    }

    #[test]
    fn grid_rows_spliced_into_a_sheet_are_the_xml_rust_xlsxwriter_writes() {
        let f = Formats::new();
        let theirs = sheet_xml(&workbook(&f, true).save_to_buffer().unwrap());
        let mut grid = Grid::new(f.indexed());
        cells(&mut grid, &f);
        let frame = workbook(&f, false).save_to_buffer().unwrap();
        let ours = crate::render::xlsx::splice::splice(
            &frame,
            vec![("xl/worksheets/sheet1.xml".into(), grid.finish().unwrap())],
        )
        .unwrap();
        let ours = sheet_xml(&ours);
        // rust_xlsxwriter repeats its last row when it has a height (an empty copy after it);
        // the splice drops that copy.
        let last = theirs.rfind("<row r=\"7\"").unwrap();
        let theirs = format!("{}{}", &theirs[..last], &theirs[theirs.find("</sheetData>").unwrap()..]);
        assert_eq!(ours, theirs);
        assert!(
            ours.contains("_x005F_x0041_") && ours.contains("_x0007_") && ours.contains("&lt;b&gt;&amp;amp;"),
            "{ours}"
        );
    }

    #[test]
    fn text_the_fast_path_calls_plain_is_text_the_escapes_leave_alone() {
        // Every character of the Basic Multilingual Plane, alone and around an escape-like run.
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            for text in [c.to_string(), format!("a{c}x0041_"), format!("_{c}0041_")] {
                let escaped = escape_data(&escape_escapes(&text)).into_owned();
                if plain(&text) {
                    assert_eq!(escaped, text, "{:?}", c);
                }
            }
        }
        assert!(!plain("_x0041_") && !plain("a\u{FFFE}") && !plain("x & y") && !plain("bell\u{7}"));
        assert!(plain("Tabs\tand\nnewlines stay as they are, and so does \u{e9}."));
    }

    #[test]
    fn a_cell_written_twice_or_a_row_out_of_order_is_an_error() {
        let f = Formats::new();
        let mut grid = Grid::new(f.indexed());
        grid.string(3, 1, "x", &f.text).unwrap();
        grid.string(3, 1, "y", &f.text).unwrap();
        assert!(grid.string(4, 0, "z", &f.text).unwrap_err().to_string().contains("column 2 of row 4 written twice"));
        let mut grid = Grid::new(f.indexed());
        grid.string(5, 0, "x", &f.text).unwrap();
        assert!(grid.string(2, 0, "y", &f.text).unwrap_err().to_string().contains("row 3 written after row 6"));
        assert!(grid.string(9, 0, "y", &Format::new().set_bold().set_italic()).is_err(), "an unregistered format");
        assert!(matches!(grid.string(9, 16_384, "y", &f.text), Err(XlsxError::RowColumnLimitError)));
        assert!(grid.link(9, 2, "", "'Controls'!B2", &f.text).is_ok(), "an empty link is a blank");
    }
}
