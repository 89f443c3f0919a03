//! CSV into a table: comma, semicolon or tab separated, BOM or not, CRLF or LF.

use super::table::Table;
use super::text;
use crate::diag::{Diagnostic, Location};
use crate::error::Error;

/// Reads CSV text, choosing the delimiter whose header row names the most known columns.
pub fn read(name: &str, bytes: &[u8]) -> Result<Table, Error> {
    read_scored(name, bytes, Table::score)
}

/// Reads CSV text, choosing the delimiter whose table `score` rates highest (the first on a tie).
pub fn read_scored(name: &str, bytes: &[u8], score: impl Fn(&Table) -> usize) -> Result<Table, Error> {
    let text = text::decode(name, bytes)?;
    let mut best: Option<(usize, Table)> = None;
    for delim in [b',', b';', b'\t'] {
        let table = parse(name, &text, delim)?;
        let s = score(&table);
        if best.as_ref().is_none_or(|(b, _)| s > *b) {
            best = Some((s, table));
        }
    }
    let table = best.map(|(_, t)| t).unwrap_or_default();
    table.check_cells()?;
    Ok(table)
}

fn parse(name: &str, text: &str, delim: u8) -> Result<Table, Error> {
    let mut reader =
        csv::ReaderBuilder::new().delimiter(delim).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for rec in reader.records() {
        let rec = rec.map_err(|e| {
            let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
            Error::unreadable(Diagnostic::error(Location::line(name, line, 1), format!("malformed CSV: {e}")))
        })?;
        rows.push(rec.iter().map(str::to_string).collect());
    }
    Ok(Table { file: name.to_string(), sheet: None, origin: (0, 0), rows, errors: Vec::new() })
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
}
