//! Workbook helpers for the crosswalk readers: sheet names, a sheet as a bounded table
//! (`ingest::xlsx_table`), and the header row found by the column names it must have.

use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use crate::ingest::table::Table;
use crate::ingest::{xlsx_table, zip_guard};
use calamine::Reader;
use std::io::Cursor;

/// How many rows a title block may take before the header row.
const HEADER_SEARCH_ROWS: usize = 30;

/// The workbook's sheet names (the package checked first).
pub fn names(name: &str, bytes: &[u8]) -> Result<Vec<String>, Error> {
    zip_guard::check(name, bytes)?;
    let book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        Error::unreadable(Diagnostic::error(
            Location::file(name),
            format!("not a readable workbook: {}", crate::diag::excerpt(&e.to_string(), 200)),
        ))
    })?;
    Ok(book.sheet_names().to_vec())
}

/// A header name compared without case, spaces or line breaks.
pub fn norm(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect()
}

/// A sheet with its header row and the column of each wanted header.
pub struct Sheet {
    pub table: Table,
    pub header: usize,
    headers: Vec<String>,
}

impl Sheet {
    /// Reads `sheet` and finds the first row, within the first rows, that has every `required`
    /// header (compared by [`norm`]).
    pub fn read(name: &str, bytes: &[u8], sheet: &str, required: &[&str]) -> Result<Sheet, Error> {
        let table = xlsx_table::read(name, bytes, Some(sheet))?;
        let want: Vec<String> = required.iter().map(|h| norm(h)).collect();
        let header = table.rows.iter().take(HEADER_SEARCH_ROWS).position(|row| {
            let have: Vec<String> = row.iter().map(|c| norm(c)).collect();
            want.iter().all(|w| have.contains(w))
        });
        let Some(header) = header else {
            return Err(Error::unreadable(Diagnostic::error(
                Location { sheet: Some(sheet.to_string()), ..Location::file(name) },
                format!(
                    "no header row with the columns {} in the first {HEADER_SEARCH_ROWS} rows",
                    required.join(", ")
                ),
            )));
        };
        let headers: Vec<String> = table.rows[header].iter().map(|c| norm(c)).collect();
        table.check_errors(header, |c| headers.get(c).is_some_and(|h| want.contains(h)))?;
        Ok(Sheet { table, header, headers })
    }

    /// The index of a column by its header.
    pub fn col(&self, header: &str) -> Option<usize> {
        let h = norm(header);
        self.headers.iter().position(|x| *x == h)
    }

    /// The raw header texts.
    pub fn header_texts(&self) -> &[String] {
        &self.table.rows[self.header]
    }

    /// The cell text (trimmed), or "".
    pub fn cell(&self, row: usize, col: Option<usize>) -> &str {
        col.and_then(|c| self.table.rows.get(row)?.get(c)).map(|s| s.trim()).unwrap_or("")
    }

    /// The rows under the header, by index in `table.rows`.
    pub fn data_rows(&self) -> std::ops::Range<usize> {
        self.header + 1..self.table.rows.len()
    }

    /// The place of a cell for provenance and errors.
    pub fn place(&self, row: usize, col: Option<usize>) -> Location {
        self.table.place(row, col)
    }
}
