//! The Customer Responsibilities sheet: the organization's working list for the audit. One row
//! per responsibility (see [`responsibilities`](super::responsibilities)): a control, what the
//! organization must do, and the services it must do it for, with empty columns for reviewers
//! (Owner, Evidence, Review status as a drop-down, Reviewer notes). Written row by row.

use super::cells::{headers, widths, Formats, Row, SIZED_ROWS};
use super::responsibilities::{self as resp, Responsibility};
use crate::model::LayerSet;
use crate::render::style;
use crate::view::{ControlView, Matrix};
use rust_xlsxwriter::{DataValidation, Worksheet, XlsxError};

const WIDTHS: [f64; 15] = [15.0, 12.0, 36.0, 11.0, 22.0, 60.0, 10.0, 30.0, 24.0, 22.0, 60.0, 18.0, 30.0, 18.0, 40.0];
const HEADERS: [&str; 15] = [
    "Framework",
    "Control ID",
    "Control title",
    "Status",
    "Organization's layers",
    "What the organization must do",
    "Services",
    "Service names",
    "Service owners (inventory)",
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

/// The sheet's name; past XLSX's row limit the rows continue on "Customer Responsibilities 2", …
pub const SHEET: &str = "Customer Responsibilities";
/// Data rows per sheet: XLSX's 1,048,576 rows less the header.
pub const ROWS_PER_SHEET: usize = 1_048_575;

/// The sheet's rows: every control's responsibilities, grouped once.
pub struct Rows<'m> {
    groups: Vec<(&'m ControlView, Vec<Responsibility>)>,
    total: usize,
}

impl<'m> Rows<'m> {
    pub fn new(m: &'m Matrix) -> Rows<'m> {
        let groups: Vec<_> = m.controls.iter().map(|c| (c, resp::group(c))).collect();
        let total = groups.iter().map(|(_, g)| g.len()).sum();
        Rows { groups, total }
    }

    /// How many sheets the rows need (at least one, which may be empty).
    pub fn sheets(&self) -> usize {
        self.sheets_of(ROWS_PER_SHEET)
    }

    fn sheets_of(&self, per_sheet: usize) -> usize {
        self.total.div_ceil(per_sheet).max(1)
    }
}

/// Writes the rows onto `sheets` (as many as `Rows::sheets` says), continuing past each
/// sheet's row limit on the next.
pub fn write_all(sheets: &mut [Worksheet], rows: &Rows, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    write_chunked(sheets, rows, m, f, ROWS_PER_SHEET)
}

fn write_chunked(
    sheets: &mut [Worksheet],
    rows: &Rows,
    m: &Matrix,
    f: &Formats,
    per_sheet: usize,
) -> Result<(), XlsxError> {
    let mut items = rows.groups.iter().flat_map(|(c, g)| g.iter().map(move |r| (*c, r)));
    for (k, ws) in sheets.iter_mut().enumerate() {
        let n = rows.total.saturating_sub(k * per_sheet).min(per_sheet);
        let name = if k == 0 { SHEET.to_string() } else { format!("{SHEET} {}", k + 1) };
        write(ws, &name, n, items.by_ref().take(n), m, f)?;
    }
    Ok(())
}

fn write<'a>(
    ws: &mut Worksheet,
    name: &str,
    rows: usize,
    items: impl Iterator<Item = (&'a ControlView, &'a Responsibility)>,
    m: &Matrix,
    f: &Formats,
) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    widths(ws, &WIDTHS)?;
    let last = rows as u32;
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, last, HEADERS.len() as u16 - 1)?;
    if rows > 0 {
        ws.add_data_validation(1, REVIEW_STATUS_COL, last, REVIEW_STATUS_COL, &review_status()?)?;
    }
    headers(ws, 0, &HEADERS, &WIDTHS, f)?;
    let size = rows <= SIZED_ROWS;
    for (i, (c, r)) in items.enumerate() {
        write_row(Row::new(ws, 1 + i as u32, &WIDTHS).sized(size), m, c, r, f)?;
    }
    Ok(())
}

fn write_row(mut row: Row, m: &Matrix, c: &ControlView, r: &Responsibility, f: &Formats) -> Result<(), XlsxError> {
    row.put(0, &m.frameworks[c.framework].id, &f.text)?
        .put(1, &c.id, &f.text)?
        .wrap(2, &c.title, &f.wrap)?
        .put(3, style::label(r.status), f.status(r.status))?
        .wrap(4, &layers(r.customer, r.shared), &f.wrap)?
        .wrap(5, &resp::statement(m, c, r), &f.wrap)?
        .num(6, r.services.len(), &f.number)?
        .list(7, &resp::service_names(m, r), &f.wrap)?
        .list(8, &resp::service_owners(m, r), &f.wrap)?
        .list(9, &resp::decided_by(m, c, r), &f.wrap)?
        .wrap(10, &resp::why(m, c, r), &f.wrap)?
        .finish()
}

/// The layers the organization runs alone, then those both run.
fn layers(customer: LayerSet, shared: LayerSet) -> String {
    let own = customer.ids().join(", ");
    let both = shared.ids().join(", ");
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::xlsx::tests::{matrix, report};

    #[test]
    fn rows_past_the_sheet_limit_continue_on_numbered_sheets() {
        let r = report(matrix(1, 5));
        // Five controls whose one service each is the customer's: five rows, two per sheet.
        let rows = Rows::new(&r.matrix);
        assert_eq!(rows.sheets_of(2), 3);
        let mut sheets: Vec<Worksheet> = (0..3).map(|_| Worksheet::new()).collect();
        write_chunked(&mut sheets, &rows, &r.matrix, &Formats::new(), 2).unwrap();
        let names: Vec<String> = sheets.iter().map(|w| w.name()).collect();
        assert_eq!(names, ["Customer Responsibilities", "Customer Responsibilities 2", "Customer Responsibilities 3"]);
    }
}
