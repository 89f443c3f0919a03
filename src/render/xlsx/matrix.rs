//! The Matrix sheet: one row per control, one coloured status column per in-scope service.
//! rust_xlsxwriter writes the sheet and its two header rows (`frame`); the control rows go to
//! a `Grid` (`rows`), strictly row by row.

use super::cells::{headers, Formats, Row, SIZED_ROWS};
use super::grid::Grid;
use crate::render::style;
use crate::view::Matrix;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// Columns before the first service column.
const ID_COLUMNS: [&str; 4] = ["Framework", "Control ID", "Title", "Overall status"];
pub const FIRST_SERVICE_COL: u16 = ID_COLUMNS.len() as u16;
/// Row 0 names each service's model; row 1 is the header (service names); data from row 2.
pub const HEADER_ROW: u32 = 1;
const ID_WIDTHS: [f64; 4] = [15.0, 12.0, 48.0, 14.0];
const SERVICE_WIDTH: f64 = 14.0;

/// The sheet, its layout and its header rows.
pub fn frame(ws: &mut Worksheet, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("Matrix")?;
    let widths = widths(m);
    layout(ws, m)?;
    model_row(ws, m, &widths, f)?;
    let mut names: Vec<&str> = ID_COLUMNS.to_vec();
    names.extend(m.services.iter().map(|s| s.name.as_str()));
    headers(ws, HEADER_ROW, &names, &widths, f)
}

fn widths(m: &Matrix) -> Vec<f64> {
    let mut widths = ID_WIDTHS.to_vec();
    widths.extend(m.services.iter().map(|_| SERVICE_WIDTH));
    widths
}

/// A row per control: its ids, linked to its row on the Controls sheet, and a status per service.
pub fn rows(grid: &mut Grid, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    let widths = widths(m);
    let size = m.controls.len() <= SIZED_ROWS;
    for (i, c) in m.controls.iter().enumerate() {
        let mut row = Row::new(grid, HEADER_ROW + 1 + i as u32, &widths).sized(size);
        row.put(0, &m.frameworks[c.framework].id, &f.text)?
            .link(1, &c.id, &super::cells::controls_row(i), &f.text)?
            .wrap(2, &c.display_title(), &f.wrap)?
            .put(3, style::label(c.status), f.status(c.status))?;
        for (si, cell) in c.cells.iter().enumerate() {
            row.put(FIRST_SERVICE_COL + si as u16, style::label(cell.status), f.status(cell.status))?;
        }
        row.finish()?;
    }
    Ok(())
}

/// Widths, frozen header rows and id columns, autofilter over the whole table.
fn layout(ws: &mut Worksheet, m: &Matrix) -> Result<(), XlsxError> {
    super::cells::widths(ws, &ID_WIDTHS)?;
    // The size was checked against the XLSX limits before writing (`check_limits`).
    let last_col = FIRST_SERVICE_COL + m.services.len() as u16 - 1;
    if !m.services.is_empty() {
        ws.set_column_range_width(FIRST_SERVICE_COL, last_col, SERVICE_WIDTH)?;
    }
    // The ids and the overall status stay in view while the service columns scroll.
    ws.set_freeze_panes(HEADER_ROW + 1, FIRST_SERVICE_COL)?;
    ws.autofilter(HEADER_ROW, 0, HEADER_ROW + m.controls.len() as u32, last_col)?;
    Ok(())
}

/// Above each service name: its model and provider, so the reader sees why columns differ.
fn model_row(ws: &mut Worksheet, m: &Matrix, widths: &[f64], f: &Formats) -> Result<(), XlsxError> {
    let mut row = Row::new(ws, 0, widths);
    row.wrap(2, "Service model and provider (service columns)", &f.caption)?;
    for (si, s) in m.services.iter().enumerate() {
        let provider = s.provider_title.as_deref().or(s.provider.as_deref()).unwrap_or("");
        let caption = if provider.is_empty() { s.model.clone() } else { format!("{} · {provider}", s.model) };
        row.wrap(FIRST_SERVICE_COL + si as u16, &caption, &f.caption)?;
    }
    row.finish()
}
