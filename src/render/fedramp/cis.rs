//! The `<Level> CIS Worksheet`: the template's title, two-row merged header and column widths,
//! then one row per response point with an "X" under its Control Origination, and under its
//! Implementation Status when the matrix (`N/A`: the point applies to no in-scope service) or
//! the carried reviews (see [`implementation`](super::implementation)) say it.

use super::formats::Formats;
use super::level::Level;
use super::rows::{Point, NOT_APPLICABLE_COL};
use crate::render::xlsx::cells::put;
use crate::review::carry::Carried;
use crate::view::Matrix;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The Implementation Status columns (B–F), as the template spells them.
pub const STATUS_COLUMNS: [&str; 5] =
    ["Implemented", "Partially Implemented", "Planned", "Alternative Implementation", "N/A"];

/// The Control Origination columns (G–M), as the template spells them (two spaces before
/// "Authorization" included).
pub const ORIGINATION_COLUMNS: [&str; 7] = [
    "Service Provider Corporate",
    "Service Provider System Specific",
    "Service Provider Hybrid (Corporate and System Specific)",
    "Configured by Customer (Customer System Specific)",
    "Provided by Customer (Customer System Specific)",
    "Shared (Service Provider and Customer Responsibility)",
    "Inherited from Pre-Existing  Authorization",
];

/// The first data row (0-based): row 4.
pub const FIRST_ROW: u32 = 3;
const LAST_COL: u16 = 12;

pub fn write(
    ws: &mut Worksheet,
    level: Level,
    m: &Matrix,
    points: &[Point],
    carried: Option<&Carried>,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(level.cis_sheet())?;
    for (c, w) in level.cis_widths().into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_row_height(0, 42.0)?;
    ws.set_row_height(1, 32.25)?;
    ws.set_row_height(2, level.cis_names_height())?;
    ws.merge_range(0, 0, 0, LAST_COL, &level.cis_title(), &f.title)?;
    ws.merge_range(1, 0, 2, 0, "Control ID", &f.header)?;
    ws.merge_range(1, 1, 1, 5, "Implementation Status", &f.header)?;
    ws.merge_range(1, 6, 1, LAST_COL, "Control Origination", &f.header)?;
    for (i, name) in STATUS_COLUMNS.iter().chain(&ORIGINATION_COLUMNS).enumerate() {
        put(ws, 2, i as u16 + 1, name, &f.header)?;
    }
    ws.set_freeze_panes(FIRST_ROW, 1)?;
    // Printed: landscape, one page wide, the header on every page.
    ws.set_landscape().set_print_fit_to_pages(1, 0).set_repeat_rows(0, FIRST_ROW - 1)?;
    for (i, p) in points.iter().enumerate() {
        let row = FIRST_ROW + i as u32;
        put(ws, row, 0, p.id, &f.id)?;
        let reviewed = carried.and_then(|c| super::implementation::status(m, p.control, c));
        match p.not_applicable() {
            true => put(ws, row, NOT_APPLICABLE_COL, "X", &f.mark)?,
            false => reviewed.map(|col| put(ws, row, col, "X", &f.mark)).transpose().map(drop)?,
        }
        if let Some(o) = p.origination(m) {
            put(ws, row, o as u16, "X", &f.mark)?;
        }
    }
    Ok(())
}
