//! The Customer Responsibilities sheet: the organization's working list for the audit. One row
//! per responsibility (see [`responsibilities`](super::responsibilities)): a control, what the
//! organization must do, and the services it must do it for, with empty columns for reviewers
//! (Owner, Evidence, Review status as a drop-down, Reviewer notes). rust_xlsxwriter writes each
//! sheet and its header row (`frames`); the rows go to a `Sink` per sheet (`write_rows`).

use super::cells::{headers, widths, Formats, Row, Sink, SIZED_ROWS};
use super::responsibilities::{self as resp, Responsibility};
use crate::model::LayerSet;
use crate::render::style;
use crate::review::carry::{Carried, CarriedRow};
use crate::view::{ControlView, Matrix};
use rust_xlsxwriter::{DataValidation, Worksheet, XlsxError};

const WIDTHS: [f64; 17] =
    [17.0, 15.0, 12.0, 36.0, 11.0, 22.0, 60.0, 10.0, 30.0, 24.0, 22.0, 60.0, 30.0, 18.0, 30.0, 18.0, 40.0];
const HEADERS: [&str; 17] = [
    "Id",
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
    "Changed since last review",
    "Owner",
    "Evidence",
    "Review status",
    "Reviewer notes",
];
/// Columns 13–16 (Owner, Evidence, Review status, Reviewer notes) are the reviewers' input.
const FIRST_INPUT_COL: u16 = 13;
const REVIEW_STATUS_COL: u16 = 15;
/// "Also serves": the controls of other selected frameworks a crosswalk relates this one to
/// (only when there are any).
const ALSO_COL: u16 = HEADERS.len() as u16;
pub const REVIEW_STATUSES: [&str; 6] = [
    "Not started",
    "In progress",
    "Evidence collected",
    "Accepted",
    "Not applicable",
    crate::review::prior::NEEDS_REREVIEW,
];

/// The sheet's name; past XLSX's row limit the rows continue on "Customer Responsibilities 2", …
pub const SHEET: &str = "Customer Responsibilities";
/// Data rows per sheet: XLSX's 1,048,576 rows less the header.
pub const ROWS_PER_SHEET: usize = 1_048_575;

/// The sheet's rows: every control's responsibilities, grouped once.
pub struct Rows<'m> {
    pub(super) groups: Vec<(&'m ControlView, Vec<Responsibility>)>,
    /// Each row's stable id (`resp::row_id`), made once for every sheet that shows it.
    pub(super) ids: Vec<Vec<String>>,
    total: usize,
    carried: Option<&'m Carried>,
}

impl<'m> Rows<'m> {
    pub fn new(m: &'m Matrix, carried: Option<&'m Carried>) -> Rows<'m> {
        let groups: Vec<_> = m.controls.iter().map(|c| (c, resp::group(c))).collect();
        let total = groups.iter().map(|(_, g)| g.len()).sum();
        let ids = groups.iter().map(|(c, g)| g.iter().map(|r| resp::row_id(m, c, r)).collect()).collect();
        Rows { groups, ids, total, carried }
    }

    /// What a row carries from the previous report, if anything.
    pub fn carried(&self, row_id: &str) -> Option<&'m CarriedRow> {
        self.carried.and_then(|c| c.rows.get(row_id))
    }

    /// How many sheets the rows need (at least one, which may be empty).
    pub fn sheets(&self) -> usize {
        self.sheets_of(ROWS_PER_SHEET)
    }

    fn sheets_of(&self, per_sheet: usize) -> usize {
        self.total.div_ceil(per_sheet).max(1)
    }
}

/// Names and lays out `sheets` (as many as `Rows::sheets` says), the rows continuing past each
/// sheet's row limit on the next; `write_rows` writes their rows.
pub fn frames(sheets: &mut [Worksheet], rows: &Rows, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    frames_chunked(sheets, rows, m, f, ROWS_PER_SHEET)
}

/// The rows of the sheets `frames` laid out, one `Sink` per sheet.
pub fn write_rows(sheets: &mut [impl Sink], rows: &Rows, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    rows_chunked(sheets, rows, m, f, ROWS_PER_SHEET)
}

/// How many rows sheet `k` holds.
fn on_sheet(rows: &Rows, k: usize, per_sheet: usize) -> usize {
    rows.total.saturating_sub(k * per_sheet).min(per_sheet)
}

fn frames_chunked(
    sheets: &mut [Worksheet],
    rows: &Rows,
    m: &Matrix,
    f: &Formats,
    per_sheet: usize,
) -> Result<(), XlsxError> {
    for (k, ws) in sheets.iter_mut().enumerate() {
        let name = if k == 0 { SHEET.to_string() } else { format!("{SHEET} {}", k + 1) };
        frame(ws, &name, on_sheet(rows, k, per_sheet), m, f)?;
    }
    Ok(())
}

fn rows_chunked(
    sheets: &mut [impl Sink],
    rows: &Rows,
    m: &Matrix,
    f: &Formats,
    per_sheet: usize,
) -> Result<(), XlsxError> {
    let mut items = rows
        .groups
        .iter()
        .zip(&rows.ids)
        .enumerate()
        .flat_map(|(ci, ((c, g), ids))| g.iter().zip(ids).map(move |(r, id)| (ci, *c, r, id.as_str())));
    for (k, ws) in sheets.iter_mut().enumerate() {
        let n = on_sheet(rows, k, per_sheet);
        body(ws, n, items.by_ref().take(n), rows, m, f)?;
    }
    Ok(())
}

/// The sheet, its layout, the reviewers' drop-down and note, and its header row.
fn frame(ws: &mut Worksheet, name: &str, rows: usize, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    widths(ws, &WIDTHS)?;
    let last = rows as u32;
    ws.set_freeze_panes(1, 3)?;
    let also = also(m);
    let columns = HEADERS.len() as u16 + u16::from(also);
    ws.autofilter(0, 0, last, columns - 1)?;
    if rows > 0 {
        ws.add_data_validation(1, REVIEW_STATUS_COL, last, REVIEW_STATUS_COL, &review_status()?)?;
    }
    ws.insert_note(0, FIRST_INPUT_COL, &input_note())?;
    headers(ws, 0, &HEADERS[..FIRST_INPUT_COL as usize], &WIDTHS, f)?;
    for (i, h) in HEADERS.iter().enumerate().skip(FIRST_INPUT_COL as usize) {
        ws.write_string_with_format(0, i as u16, *h, &f.input_header)?;
    }
    if also {
        // After the reviewer columns, so the other columns keep their places.
        ws.set_column_width(ALSO_COL, 40.0)?;
        ws.write_string_with_format(0, ALSO_COL, "Also serves (crosswalks)", &f.header)?;
    }
    Ok(())
}

fn also(m: &Matrix) -> bool {
    m.also_serves.iter().any(|l| !l.is_empty())
}

/// A sheet's rows.
fn body<'a>(
    ws: &mut impl Sink,
    rows: usize,
    items: impl Iterator<Item = (usize, &'a ControlView, &'a Responsibility, &'a str)>,
    all: &Rows,
    m: &Matrix,
    f: &Formats,
) -> Result<(), XlsxError> {
    let also = also(m);
    let size = rows <= SIZED_ROWS;
    for (i, (ci, c, r, id)) in items.enumerate() {
        let mut row = Row::new(ws, 1 + i as u32, &WIDTHS).sized(size);
        if also {
            let list = m.also_serves.get(ci).map(|l| l.as_slice()).unwrap_or_default();
            let text: Vec<String> = list.iter().map(|x| crate::crosswalk::links::describe(m, x)).collect();
            row.list(ALSO_COL, &text.join("\n"), &f.wrap)?;
        }
        write_row(row, all, m, (ci, c), (r, id), f)?;
    }
    Ok(())
}

/// The note on the first reviewer column: these cells are for people, and are carried.
fn input_note() -> rust_xlsxwriter::Note {
    rust_xlsxwriter::Note::new(
        "Reviewer input (shaded columns): Owner, Evidence, Review status and Reviewer notes. \
         `respmatrix report --previous` carries them into the next report by each row's Id.",
    )
    .set_author("respmatrix")
}

fn write_row(
    mut row: Row<impl Sink>,
    all: &Rows,
    m: &Matrix,
    (ci, c): (usize, &ControlView),
    (r, id): (&Responsibility, &str),
    f: &Formats,
) -> Result<(), XlsxError> {
    let carried = all.carried(id);
    let entry = carried.map(|x| &x.entry);
    let value = |pick: fn(&crate::review::prior::Entry) -> &String| entry.map(|e| pick(e).as_str()).unwrap_or("");
    let owners = resp::service_owners(m, r);
    // One inventory owner for every service of the row: the reviewer's Owner starts as it
    // (and reads back as no input while it still equals the inventory owner).
    let owner = match value(|e| &e.owner) {
        "" if !owners.is_empty()
            && !owners.contains('\n')
            && r.services.iter().all(|&si| m.services[si].owner.is_some()) =>
        {
            owners.as_str()
        }
        v => v,
    };
    row.put(0, id, &f.text)?
        .put(1, &m.frameworks[c.framework].id, &f.text)?
        .link(2, &c.id, &super::cells::controls_row(ci), &f.text)?
        .wrap(3, &c.title, &f.wrap)?
        .put(4, style::label(r.status), f.status(r.status))?
        .wrap(5, &layers(r.customer, r.shared), &f.wrap)?
        .wrap(6, &resp::statement(m, c, r), &f.wrap)?
        .num(7, r.services.len(), &f.number)?
        .list(8, &resp::service_names(m, r), &f.wrap)?
        .list(9, &owners, &f.wrap)?
        .list(10, &resp::decided_by(m, c, r), &f.wrap)?
        .wrap(11, &resp::why(m, c, r), &f.wrap)?
        .wrap(12, carried.map(|x| x.changed.as_str()).unwrap_or(""), &f.wrap)?
        .wrap(13, owner, &f.input)?
        .wrap(14, value(|e| &e.evidence), &f.input)?
        .put(15, value(|e| &e.review_status), &f.input)?
        .wrap(16, value(|e| &e.notes), &f.input)?
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
        let rows = Rows::new(&r.matrix, None);
        assert_eq!(rows.sheets_of(2), 3);
        let mut sheets: Vec<Worksheet> = (0..3).map(|_| Worksheet::new()).collect();
        let f = Formats::new();
        frames_chunked(&mut sheets, &rows, &r.matrix, &f, 2).unwrap();
        let mut grids: Vec<_> = (0..3).map(|_| crate::render::xlsx::grid::Grid::new(f.indexed())).collect();
        rows_chunked(&mut grids, &rows, &r.matrix, &f, 2).unwrap();
        let written: Vec<_> = grids.into_iter().map(|g| g.finish().unwrap().last.map(|(row, _)| row)).collect();
        assert_eq!(written, [Some(2), Some(2), Some(1)], "two rows, two rows, one row (after each header)");
        let names: Vec<String> = sheets.iter().map(|w| w.name()).collect();
        assert_eq!(names, ["Customer Responsibilities", "Customer Responsibilities 2", "Customer Responsibilities 3"]);
    }
}
