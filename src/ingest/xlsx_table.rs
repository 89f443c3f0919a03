//! A worksheet into a table, via calamine (XLSX, XLS, XLSB, ODS).

use super::limits::{self, SHEET_CELLS_MAX, SHEET_COLUMNS_MAX, SHEET_ROWS_MAX};
use super::table::Table;
use super::zip_guard::{self, Package};
use crate::diag::{excerpt, Diagnostic, Location};
use crate::error::Error;
use calamine::{Data, Reader, Xlsb, Xlsx};
use std::io::Cursor;

/// Reads the named sheet, or the first one. The package is checked first (`zip_guard`), and
/// XLSX/XLSB sheets are read cell by cell, so a sheet's declared size and its stray far cells
/// are never turned into a dense rectangle before the limits say it is sane.
pub fn read(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table, Error> {
    let package = zip_guard::check(name, bytes)?;
    read_package(name, bytes, package, sheet)
}

/// A spreadsheet whose package passed the limits (`zip_guard`) once, read sheet by sheet: a
/// reader of several sheets does not decompress and scan the whole package again for each.
pub struct Book<'a> {
    name: &'a str,
    bytes: &'a [u8],
    package: Option<Package>,
    names: Vec<String>,
    /// Whether each sheet is hidden (or very hidden) in Excel or LibreOffice.
    hidden: Vec<bool>,
}

impl<'a> Book<'a> {
    pub fn open(name: &'a str, bytes: &'a [u8]) -> Result<Book<'a>, Error> {
        let package = zip_guard::check(name, bytes)?;
        let (names, hidden) = sheets_of(name, bytes)?;
        Ok(Book { name, bytes, package, names, hidden })
    }

    /// The file's name as shown in messages.
    pub fn name(&self) -> &str {
        self.name
    }

    /// The sheet names, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The first sheet, in order, that `wanted` accepts, read; else `Err` with the first sheet
    /// (whose own error says what it lacks). Only the sheets up to the one found are read.
    /// Visible sheets come first: a hidden sheet (an old copy, a lookup list) is what a person
    /// opening the file does not see, so it is read only when no visible sheet qualifies.
    pub fn first_sheet(&self, wanted: impl Fn(&Table) -> bool) -> Result<Result<Table, Table>, Error> {
        let mut first = None;
        let visible = self.names.iter().zip(&self.hidden).filter(|(_, h)| !**h);
        let hidden = self.names.iter().zip(&self.hidden).filter(|(_, h)| **h);
        for (sheet, _) in visible.chain(hidden) {
            let table = self.read(Some(sheet))?;
            if wanted(&table) {
                return Ok(Ok(table));
            }
            first.get_or_insert(table);
        }
        Ok(Err(match first {
            Some(t) => t,
            None => self.read(None)?,
        }))
    }

    /// Reads the named sheet, or the first one, as `read` does.
    pub fn read(&self, sheet: Option<&str>) -> Result<Table, Error> {
        read_package(self.name, self.bytes, self.package, sheet)
    }
}

fn read_package(name: &str, bytes: &[u8], package: Option<Package>, sheet: Option<&str>) -> Result<Table, Error> {
    let fail = |msg: String| Error::unreadable(Diagnostic::error(Location::file(name), msg));
    let unreadable =
        |e: String| fail(format!("not a readable spreadsheet (XLSX, XLS, XLSB or ODS): {}", excerpt(&e, 200)));
    match package {
        Some(Package::Xlsx) => {
            let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
            let chosen = choose(name, &book.sheet_names(), sheet)?;
            let mut cells = book.worksheet_cells_reader(&chosen).map_err(|e| sheet_error(name, &chosen, e))?;
            let mut sparse = Sparse::new(name, &chosen);
            while let Some(c) = cells.next_cell().map_err(|e| sheet_error(name, &chosen, e))? {
                sparse.push(c.get_position(), Data::from(c.get_value().clone()))?;
            }
            sparse.table()
        }
        Some(Package::Xlsb) => {
            let mut book = Xlsb::new(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
            let chosen = choose(name, &book.sheet_names(), sheet)?;
            let mut cells = book.worksheet_cells_reader(&chosen).map_err(|e| sheet_error(name, &chosen, e))?;
            let mut sparse = Sparse::new(name, &chosen);
            while let Some(c) = cells.next_cell().map_err(|e| sheet_error(name, &chosen, e))? {
                sparse.push(c.get_position(), Data::from(c.get_value().clone()))?;
            }
            sparse.table()
        }
        // ODS caps repeated rows and columns itself; XLS cannot address past 65,536 × 256.
        _ => {
            let mut book =
                calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| unreadable(e.to_string()))?;
            let chosen = choose(name, &book.sheet_names(), sheet)?;
            let range = book.worksheet_range(&chosen).map_err(|e| sheet_error(name, &chosen, e))?;
            let mut sparse = Sparse::new(name, &chosen);
            for (r, c, d) in range.used_cells() {
                let (r0, c0) = range.start().unwrap_or((0, 0));
                sparse.push((r0 + r as u32, c0 + c as u32), d.clone())?;
            }
            sparse.table()
        }
    }
}

/// The workbook's sheet names, in order (the package checked first, as `read` does).
pub fn sheet_names(name: &str, bytes: &[u8]) -> Result<Vec<String>, Error> {
    zip_guard::check(name, bytes)?;
    names_of(name, bytes)
}

fn names_of(name: &str, bytes: &[u8]) -> Result<Vec<String>, Error> {
    Ok(sheets_of(name, bytes)?.0)
}

/// The sheet names in order, and whether each is hidden.
fn sheets_of(name: &str, bytes: &[u8]) -> Result<(Vec<String>, Vec<bool>), Error> {
    let fail = |msg: String| Error::unreadable(Diagnostic::error(Location::file(name), msg));
    let book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        fail(format!("not a readable spreadsheet (XLSX, XLS, XLSB or ODS): {}", excerpt(&e.to_string(), 200)))
    })?;
    let hidden = book.sheets_metadata().iter().map(|s| s.visible != calamine::SheetVisible::Visible).collect();
    Ok((book.sheet_names(), hidden))
}

fn sheet_error(name: &str, sheet: &str, e: impl std::fmt::Display) -> Error {
    Error::unreadable(Diagnostic::error(
        Location { sheet: Some(sheet.to_string()), ..Location::file(name) },
        format!("cannot read the sheet: {}", excerpt(&e.to_string(), 200)),
    ))
}

/// The sheet asked for (exact name, else ignoring case), or the first one.
fn choose(name: &str, names: &[String], sheet: Option<&str>) -> Result<String, Error> {
    let fail = |msg: String| Error::unreadable(Diagnostic::error(Location::file(name), msg));
    match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(s)))
            .cloned()
            .ok_or_else(|| fail(format!("no sheet named \"{s}\" (sheets: {})", excerpt(&names.join(", "), 300)))),
        None => names.first().cloned().ok_or_else(|| fail("the workbook has no sheets".to_string())),
    }
}

/// A sheet's used cells as they come, then as a table once their rectangle is within limits.
struct Sparse<'a> {
    name: &'a str,
    sheet: &'a str,
    cells: Vec<((u32, u32), String)>,
    /// The cells of `cells` that hold an Excel error value.
    errors: Vec<((u32, u32), String)>,
    min: (u32, u32),
    max: (u32, u32),
}

impl<'a> Sparse<'a> {
    fn new(name: &'a str, sheet: &'a str) -> Self {
        Sparse { name, sheet, cells: Vec::new(), errors: Vec::new(), min: (u32::MAX, u32::MAX), max: (0, 0) }
    }

    fn push(&mut self, (r, c): (u32, u32), d: Data) -> Result<(), Error> {
        let text = cell_text(&d);
        if text.is_empty() {
            return Ok(());
        }
        let at = || Location::cell(self.name, Some(self.sheet), r as usize + 1, Some(c as usize + 1));
        limits::field_length(&text, limits::FIELD_CHARS_MAX, "cell", at)?;
        self.min = (self.min.0.min(r), self.min.1.min(c));
        self.max = (self.max.0.max(r), self.max.1.max(c));
        let rect = (self.max.0 - self.min.0 + 1) as u64 * (self.max.1 - self.min.1 + 1) as u64;
        if r >= SHEET_ROWS_MAX
            || c >= SHEET_COLUMNS_MAX
            || rect > SHEET_CELLS_MAX
            || self.cells.len() as u64 >= SHEET_CELLS_MAX
        {
            return Err(limits::sheet_span(at()));
        }
        if matches!(d, Data::Error(_)) {
            self.errors.push(((r, c), text.clone()));
        }
        self.cells.push(((r, c), text));
        Ok(())
    }

    fn table(self) -> Result<Table, Error> {
        if self.cells.is_empty() {
            return Ok(Table {
                file: self.name.to_string(),
                sheet: Some(self.sheet.to_string()),
                origin: (0, 0),
                rows: Vec::new(),
                errors: Vec::new(),
            });
        }
        let (h, w) = ((self.max.0 - self.min.0 + 1) as usize, (self.max.1 - self.min.1 + 1) as usize);
        let mut rows = vec![vec![String::new(); w]; h];
        for ((r, c), text) in self.cells {
            rows[(r - self.min.0) as usize][(c - self.min.1) as usize] = text;
        }
        let index = |(r, c): (u32, u32)| ((r - self.min.0) as usize, (c - self.min.1) as usize);
        let errors = self.errors.into_iter().map(|(at, shown)| (index(at).0, index(at).1, shown)).collect();
        let origin = (self.min.0 as usize, self.min.1 as usize);
        Ok(Table { file: self.name.to_string(), sheet: Some(self.sheet.to_string()), origin, rows, errors })
    }
}

/// A cell as the text a person sees: whole numbers without ".0", dates as YYYY-MM-DD, an error
/// value as Excel shows it (`#N/A`).
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) => {
                let s = t.to_string();
                s.strip_suffix(" 00:00:00").map(str::to_string).unwrap_or(s)
            }
            None => dt.to_string(),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}
