//! A table of text cells (from CSV or a sheet): finds the header row below any title block and
//! turns the rows under it into records.

use super::columns::{header_fields, ColumnMap, Field};
use super::record::{FieldValue, Record};
use crate::diag::{Diagnostic, Location};
use crate::error::Error;

/// How many rows a title block may take before the header row.
const HEADER_SEARCH_ROWS: usize = 30;

/// Cells as text, with the absolute position of the first cell.
#[derive(Debug, Clone, Default)]
pub struct Table {
    pub file: String,
    pub sheet: Option<String>,
    /// 0-based absolute row and column of `rows[0][0]`.
    pub origin: (usize, usize),
    pub rows: Vec<Vec<String>>,
    /// Cells holding an Excel error value (`#N/A`, `#REF!`: a formula that failed), by their
    /// index in `rows`, with the error as Excel shows it (also the cell's text). Readers refuse
    /// one in a column they read (`check_errors`).
    pub errors: Vec<(usize, usize, String)>,
}

impl Table {
    /// The place of a cell, by its index in `rows`.
    pub fn place(&self, row: usize, col: Option<usize>) -> Location {
        Location::cell(&self.file, self.sheet.as_deref(), self.origin.0 + row + 1, col.map(|c| self.origin.1 + c + 1))
    }

    /// Refuses a cell longer than a spreadsheet cell may be (`limits::FIELD_CHARS_MAX`, Excel's
    /// 32,767 characters), at the cell: a CSV file, or a workbook written by another program,
    /// could otherwise put megabytes into a value that every artifact repeats.
    pub fn check_cells(&self) -> Result<(), crate::error::Error> {
        for (r, row) in self.rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                super::limits::field_length(text, super::limits::FIELD_CHARS_MAX, "cell", || self.place(r, Some(c)))?;
            }
        }
        Ok(())
    }

    /// Refuses the first cell holding an Excel error below row `header` in a column `read`
    /// accepts, at the cell: its value is not a value but a formula that failed.
    pub fn check_errors(&self, header: usize, read: impl Fn(usize) -> bool) -> Result<(), Error> {
        let Some((r, c, shown)) = self.errors.iter().find(|(r, c, _)| *r > header && read(*c)) else {
            return Ok(());
        };
        Err(Error::unreadable(Diagnostic::error(
            self.place(*r, Some(*c)),
            format!(
                "the cell shows the Excel error {shown} (a formula that failed); fix the formula or type the value"
            ),
        )))
    }

    /// The index of the header row: the first row, within the first rows, that names the service
    /// name column and at least one other known column (or names only a name column).
    pub fn header_row(&self) -> Option<usize> {
        self.header_row_with(&ColumnMap::default())
    }

    /// The header row: with a hand mapping, the first row holding every mapped header.
    pub fn header_row_with(&self, map: &ColumnMap) -> Option<usize> {
        if let Some(i) = self.rows.iter().take(HEADER_SEARCH_ROWS).position(|r| map.matches(r)) {
            return Some(i);
        }
        // Of the rows that qualify, the one naming the most known columns: a merged group
        // header above the real one ("Service | Hosting | Governance") names fewer.
        let mut best: Option<(usize, usize)> = None;
        for (i, row) in self.rows.iter().take(HEADER_SEARCH_ROWS).enumerate() {
            let fields = header_fields(row);
            let known = fields.iter().flatten().count();
            let filled = row.iter().filter(|c| !c.trim().is_empty()).count();
            if fields.contains(&Some(Field::Name)) && (known >= 2 || filled == 1) && best.is_none_or(|(_, k)| known > k)
            {
                best = Some((i, known));
            }
        }
        best.map(|(i, _)| i)
    }

    /// How well this table looks like an inventory: known columns in the header row.
    pub fn score(&self) -> usize {
        self.header_row().map(|h| header_fields(&self.rows[h]).iter().flatten().count()).unwrap_or(0)
    }

    /// The records under the header row; blank rows are skipped.
    pub fn records(&self) -> Result<Vec<Record>, Error> {
        self.records_with(&ColumnMap::default()).map(|(r, _)| r)
    }

    /// The records, with a hand mapping of headers, and a description of the header row used,
    /// the column each field came from and the columns ignored (for `--verbose`).
    pub fn records_with(&self, map: &ColumnMap) -> Result<(Vec<Record>, String), Error> {
        if self.rows.iter().all(|r| r.iter().all(|c| c.trim().is_empty())) {
            let loc = Location { sheet: self.sheet.clone(), ..Location::file(&self.file) };
            return Err(Error::unreadable(Diagnostic::error(loc, "the file is empty: no header row and no services")));
        }
        let Some(h) = self.header_row_with(map) else {
            let loc = Location { sheet: self.sheet.clone(), ..Location::file(&self.file) };
            return Err(Error::unreadable(Diagnostic::error(
                loc,
                format!(
                    "no header row found in the first {HEADER_SEARCH_ROWS} rows: need a service name column \
                     (\"Name\", \"Service Name\" or \"Service\") and at least one other known column \
                     (Provider, Service, Model, Owner, Environment, Data Classification, In Scope, …)"
                ),
            )));
        };
        let headers = &self.rows[h];
        let mut fields = header_fields(headers);
        map.apply(headers, &mut fields);
        let layout = describe(self, h, headers, &fields);
        let named = |c: usize| headers.get(c).is_some_and(|h| !h.trim().is_empty());
        self.check_errors(h, |c| fields.get(c).copied().flatten().is_some() || named(c))?;
        let mut out = Vec::new();
        for (r, row) in self.rows.iter().enumerate().skip(h + 1) {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            let mut rec = Record { origin: self.place(r, Some(0)), fields: Vec::new(), extra: Vec::new() };
            rec.origin.col = None;
            for (c, text) in row.iter().enumerate() {
                match fields.get(c).copied().flatten() {
                    Some(field) => {
                        rec.fields.push(FieldValue { field, text: text.clone(), at: self.place(r, Some(c)) })
                    }
                    None => {
                        let header = headers.get(c).map(|s| s.trim()).unwrap_or("");
                        if !header.is_empty() && !text.trim().is_empty() {
                            rec.extra.push((header.to_string(), text.trim().to_string()));
                        }
                    }
                }
            }
            // Absent cells of a short row still have a place.
            for (c, f) in fields.iter().enumerate() {
                if let Some(field) = f {
                    if c >= row.len() {
                        rec.fields.push(FieldValue { field: *field, text: String::new(), at: self.place(r, Some(c)) });
                    }
                }
            }
            out.push(rec);
        }
        Ok((out, layout))
    }
}

/// "header row 2 (A2:E2); name ← B "Service Name", …; ignored: F "Region"".
fn describe(t: &Table, h: usize, headers: &[String], fields: &[Option<Field>]) -> String {
    let col = |c: usize| crate::diag::column_letters(t.origin.1 + c + 1);
    let mut used = Vec::new();
    let mut ignored = Vec::new();
    for (c, head) in headers.iter().enumerate() {
        match fields.get(c).copied().flatten() {
            Some(f) => used.push(format!("{} ← {} \"{}\"", f.yaml_key(), col(c), head.trim())),
            None if !head.trim().is_empty() => ignored.push(format!("{} \"{}\"", col(c), head.trim())),
            None => {}
        }
    }
    let at = t.place(h, None);
    let ignored = if ignored.is_empty() { "none".to_string() } else { ignored.join(", ") };
    format!("{at}: header row {}; columns: {}; ignored: {ignored}", t.origin.0 + h + 1, used.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            file: "t.csv".into(),
            sheet: None,
            origin: (0, 0),
            errors: Vec::new(),
            rows: rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect(),
        }
    }

    #[test]
    fn header_below_a_title_block_and_blank_rows() {
        let t = table(&[
            &["ACME service inventory", "", ""],
            &["Prepared for the 2026 audit"],
            &[],
            &["Service Name", "Cloud Provider", "Budget"],
            &["Orders DB", "AWS", "12"],
            &["", "", ""],
            &["Mail", "Microsoft", ""],
        ]);
        let recs = t.records().unwrap();
        assert_eq!(recs.len(), 2);
        assert_eq!(recs[0].get(Field::Name), Some("Orders DB"));
        assert_eq!(recs[0].at(Field::Provider).to_string(), "t.csv!B5");
        assert_eq!(recs[0].extra, vec![("Budget".to_string(), "12".to_string())]);
        assert_eq!(recs[1].origin.to_string(), "t.csv row 7");
    }

    #[test]
    fn no_header_is_a_placed_error() {
        let err = table(&[&["a", "b"], &["c", "d"]]).records().unwrap_err();
        assert!(err.to_string().starts_with("error: t.csv: no header row found"), "{err}");
        assert_eq!(err.exit_code(), 2);
    }
}
