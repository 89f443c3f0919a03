//! A worksheet into a table, via calamine (XLSX, XLS, XLSB, ODS).

use super::table::Table;
use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use calamine::{Data, Reader};
use std::io::Cursor;

/// Reads the named sheet, or the first one.
pub fn read(name: &str, bytes: &[u8], sheet: Option<&str>) -> Result<Table, Error> {
    let fail = |msg: String| Error::unreadable(Diagnostic::error(Location::file(name), msg));
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| fail(format!("not a readable spreadsheet (XLSX, XLS, XLSB or ODS): {e}")))?;
    let names = book.sheet_names();
    let chosen = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.as_str() == s)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(s)))
            .cloned()
            .ok_or_else(|| fail(format!("no sheet named \"{s}\" (sheets: {})", names.join(", "))))?,
        None => names.first().cloned().ok_or_else(|| fail("the workbook has no sheets".to_string()))?,
    };
    let range = book.worksheet_range(&chosen).map_err(|e| {
        Error::unreadable(Diagnostic::error(
            Location { sheet: Some(chosen.clone()), ..Location::file(name) },
            format!("cannot read the sheet: {e}"),
        ))
    })?;
    let origin = range.start().map(|(r, c)| (r as usize, c as usize)).unwrap_or((0, 0));
    let rows = range.rows().map(|row| row.iter().map(cell_text).collect()).collect();
    Ok(Table { file: name.to_string(), sheet: Some(chosen), origin, rows })
}

/// A cell as the text a person sees: whole numbers without ".0", dates as YYYY-MM-DD.
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
        Data::Error(e) => format!("#{e:?}"),
    }
}
