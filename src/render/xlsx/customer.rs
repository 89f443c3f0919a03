//! The Customer Responsibilities sheet: one row per (control, service) that is the customer's or
//! shared, saying what the organization must do, with empty columns for reviewers (Owner,
//! Evidence, Review status as a drop-down, Reviewer notes). Written row by row.

use super::cells::{headers, widths, Formats, Row, SIZED_ROWS};
use super::customer_part;
use crate::render::style;
use crate::view::{Cell, ControlView, Matrix};
use rust_xlsxwriter::{DataValidation, Worksheet, XlsxError};

const WIDTHS: [f64; 15] = [15.0, 12.0, 36.0, 18.0, 24.0, 20.0, 11.0, 22.0, 60.0, 22.0, 60.0, 18.0, 30.0, 18.0, 40.0];
const HEADERS: [&str; 15] = [
    "Framework",
    "Control ID",
    "Control title",
    "Service ID",
    "Service",
    "Service owner (inventory)",
    "Status",
    "Organization's layers",
    "What the organization must do",
    "Decided by",
    "Why",
    "Owner",
    "Evidence",
    "Review status",
    "Reviewer notes",
];
/// Columns 11–14 (Owner, Evidence, Review status, Reviewer notes) are left for reviewers.
const REVIEW_STATUS_COL: u16 = 13;
pub const REVIEW_STATUSES: [&str; 5] =
    ["Not started", "In progress", "Evidence collected", "Accepted", "Not applicable"];

pub fn write(ws: &mut Worksheet, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("Customer Responsibilities")?;
    widths(ws, &WIDTHS)?;
    let rows = super::customer_rows(m) as u32;
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, rows, HEADERS.len() as u16 - 1)?;
    if rows > 0 {
        ws.add_data_validation(1, REVIEW_STATUS_COL, rows, REVIEW_STATUS_COL, &review_status()?)?;
    }
    headers(ws, 0, &HEADERS, &WIDTHS, f)?;
    let size = rows as usize <= SIZED_ROWS;
    let mut row = 0;
    for c in &m.controls {
        for (si, cell) in c.cells.iter().enumerate() {
            if customer_part(cell.status) {
                row += 1;
                write_row(Row::new(ws, row, &WIDTHS).sized(size), m, c, cell, si, f)?;
            }
        }
    }
    Ok(())
}

fn write_row(mut row: Row, m: &Matrix, c: &ControlView, cell: &Cell, si: usize, f: &Formats) -> Result<(), XlsxError> {
    let s = &m.services[si];
    row.put(0, &m.frameworks[c.framework].id, &f.text)?
        .put(1, &c.id, &f.text)?
        .wrap(2, &c.title, &f.wrap)?
        .put(3, &s.id, &f.text)?
        .wrap(4, &s.name, &f.wrap)?
        .wrap(5, s.owner.as_deref().unwrap_or(""), &f.wrap)?
        .put(6, style::label(cell.status), f.status(cell.status))?
        .wrap(7, &layers(cell), &f.wrap)?
        .wrap(8, &m.customer_statement(c, cell, si), &f.wrap)?
        .wrap(9, &m.decided_by(cell, si), &f.wrap)?
        .wrap(10, &m.rationale(c, cell, si), &f.wrap)?
        .finish()
}

/// The layers the organization runs alone, then those both run.
fn layers(cell: &Cell) -> String {
    let own = cell.customer.ids().join(", ");
    let both = cell.shared.ids().join(", ");
    match (own.is_empty(), both.is_empty()) {
        (_, true) => own,
        (true, false) => format!("shared: {both}"),
        (false, false) => format!("{own}; shared: {both}"),
    }
}

/// The Review status drop-down.
fn review_status() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(&REVIEW_STATUSES)?
        .set_input_title("Review status")?
        .set_input_message("Pick where the review of this responsibility stands.")?
        .set_error_title("Review status")?
        .set_error_message(format!("Choose one of: {}.", REVIEW_STATUSES.join(", ")))
}
