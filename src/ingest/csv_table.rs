//! CSV into a table: comma, semicolon or tab separated, BOM or not, CRLF or LF.

use super::table::Table;
use super::text;
use crate::diag::{Diagnostic, Location};
use crate::error::Error;

/// A 1-based line and column of the text.
type LineCol = (usize, usize);

/// Reads CSV text, choosing the delimiter whose header row names the most known columns.
pub fn read(name: &str, bytes: &[u8]) -> Result<Table, Error> {
    read_scored(name, bytes, Table::score)
}

/// Reads CSV text, choosing the delimiter whose table `score` rates highest (the first on a tie).
pub fn read_scored(name: &str, bytes: &[u8], score: impl Fn(&Table) -> usize) -> Result<Table, Error> {
    let text = text::decode(name, bytes)?;
    let mut best: Option<(usize, Table, Option<LineCol>)> = None;
    for delim in [b',', b';', b'\t'] {
        let (table, open) = parse(name, &text, delim)?;
        let s = score(&table);
        if best.as_ref().is_none_or(|(b, _, _)| s > *b) {
            best = Some((s, table, open));
        }
    }
    let (table, open) = best.map(|(_, t, o)| (t, o)).unwrap_or_default();
    // Only the delimiter the file is read with counts: a quote after a comma in a semicolon
    // file is text, not the start of a field.
    if let Some((line, col)) = open {
        return Err(Error::unreadable(Diagnostic::error(
            Location::line(name, line, col),
            "a quoted field opened here is never closed: the rest of the file would be read into it; \
             close the quote, or write a quote inside a quoted field as two (\"\")",
        )));
    }
    table.check_cells()?;
    Ok(table)
}

/// The table of one delimiter, and the line and column of a quoted field left open at the end of
/// the text, if any (the csv crate reads such a field to the end without an error).
fn parse(name: &str, text: &str, delim: u8) -> Result<(Table, Option<LineCol>), Error> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delim).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut last = None;
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
            Error::unreadable(Diagnostic::error(Location::line(name, line, 1), format!("malformed CSV: {e}")))
        })?;
        last = rec.position().map(|p| start(text, p));
        // The csv crate skips blank lines, and a quoted field may span lines: an empty row for
        // each line between records keeps a row's index its line, so every place (a cell, the
        // header row, a title block) names the line an editor shows.
        if let Some((_, line)) = last {
            rows.resize_with(rows.len().max(line.saturating_sub(1)), Vec::new);
        }
        rows.push(rec.iter().map(str::to_string).collect());
    }
    let open = last.and_then(|(byte, line)| open_quote(text.get(byte..)?, delim, line));
    Ok((Table { file: name.to_string(), sheet: None, origin: (0, 0), rows, errors: Vec::new() }, open))
}

/// The byte and 1-based line where a record's text begins. The csv crate gives the place where
/// it began reading the record, before the blank lines it skips; the line counts `\n`s as the
/// crate does.
fn start(text: &str, pos: &csv::Position) -> (usize, usize) {
    let byte = pos.byte() as usize;
    let blank = text.as_bytes().get(byte..).unwrap_or(&[]).iter().take_while(|&&b| b == b'\r' || b == b'\n');
    let (skipped, lines) = blank.fold((0, 0), |(n, l), &b| (n + 1, l + (b == b'\n') as usize));
    (byte + skipped, pos.line() as usize + lines)
}

/// Where a quoted field opens that the end of `record` (the last record's text, from its start
/// on line `line`) leaves open: the states of the csv crate's reader, with its defaults (a quote
/// opens a field only as its first character, two quotes inside one stand for one).
fn open_quote(record: &str, delim: u8, line: usize) -> Option<LineCol> {
    let (mut line, mut col) = (line, 0usize);
    let mut opened: Option<LineCol> = None;
    let mut field_start = true;
    let mut bytes = record.bytes().peekable();
    while let Some(b) = bytes.next() {
        // Columns count characters, not the bytes of a UTF-8 sequence.
        if b & 0xC0 != 0x80 {
            col += 1;
        }
        match (opened, b) {
            (Some(_), b'"') if bytes.peek() == Some(&b'"') => {
                bytes.next();
                col += 1;
            }
            (Some(_), b'"') => opened = None,
            (Some(_), b'\n') => (line, col) = (line + 1, 0),
            (Some(_), _) => {}
            (None, b'\r' | b'\n') => return None,
            (None, b'"') if field_start => opened = Some((line, col)),
            (None, _) => {}
        }
        field_start = opened.is_none() && b == delim;
    }
    opened
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::columns::Field;

    #[test]
    fn semicolons_bom_and_crlf() {
        let t = read("x.csv", b"\xEF\xBB\xBFName;Provider;Model\r\nMail;Microsoft;SaaS\r\n").unwrap();
        let r = t.records().unwrap();
        assert_eq!(r[0].get(Field::Model), Some("SaaS"));
        assert_eq!(r[0].at(Field::Model).to_string(), "x.csv!C2");
    }

    #[test]
    fn commas_inside_quotes_do_not_fool_the_sniffer() {
        let t = read("x.csv", b"Name,Provider,Notes\n\"Orders; DB\",AWS,\"a; b; c\"\n").unwrap();
        assert_eq!(t.records().unwrap()[0].get(Field::Name), Some("Orders; DB"));
    }

    #[test]
    fn a_quote_left_open_at_the_end_is_an_error_where_it_opened() {
        let err =
            read("inv.csv", b"Name,Provider,Model,Notes\nOrders,AWS,paas,\"unterminated note\nFiles,AWS,iaas,ok\n")
                .unwrap_err();
        assert!(
            err.to_string().starts_with("error: inv.csv:2:17: a quoted field opened here is never closed"),
            "{err}"
        );
        // Closed quotes over lines, doubled quotes, a quote inside a field and a quote after a
        // comma of a semicolon file are all fine.
        let t = read("ok.csv", b"Name,Notes\nA,\"two\nlines \"\"q\"\"\"\nB,5\" disk\n").unwrap();
        assert_eq!(t.rows[1][1], "two\nlines \"q\"");
        assert_eq!(t.rows[3][1], "5\" disk");
        read("semi.csv", b"Name;Notes\nA;x,\"y\n").unwrap();
        let err = read("blank.csv", b"Name,Notes\nA,x\n\r\n\nB,\"open\n\nC,x\n").unwrap_err();
        assert!(err.to_string().starts_with("error: blank.csv:5:3: a quoted field"), "{err}");
    }

    #[test]
    fn rows_are_placed_at_their_lines_after_blank_lines_and_multi_line_fields() {
        let t = read("b.csv", b"\nName,Model,Notes\n\nA,paas,\"two\nlines\"\n\n\nB,iaas,x\n").unwrap();
        let r = t.records_with(&Default::default()).unwrap();
        assert!(r.1.contains("header row 2"), "{}", r.1);
        assert_eq!(r.0[0].at(Field::Model).to_string(), "b.csv!B4");
        assert_eq!(r.0[1].at(Field::Model).to_string(), "b.csv!B8");
    }
}
