//! The review sheets: the hidden Review Index (each Customer Responsibilities row's pairs and
//! the responsibility they were given, so the next report can carry reviews pair by pair),
//! Orphaned reviews and Changes since last report (only when a previous report was carried).

use super::cells::{headers, put, widths, Formats, Row};
use super::customer::Rows;
use super::responsibilities as resp;
use crate::review::carry::{pair_now, Carried};
use crate::review::workbook_in::{INDEX_HEADERS, INDEX_SHEET};
use crate::view::Matrix;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub const ORPHANS_SHEET: &str = "Orphaned reviews";
pub const CHANGES_SHEET: &str = "Changes since last report";

/// One row per (control, service) pair of the Customer Responsibilities rows.
pub fn index(ws: &mut Worksheet, rows: &Rows, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(INDEX_SHEET)?;
    widths(ws, &[17.0, 16.0, 15.0, 12.0, 20.0, 11.0, 30.0, 30.0, 30.0, 24.0, 16.0])?;
    headers(ws, 0, &INDEX_HEADERS, &[], f)?;
    let mut r = 1;
    for (c, group) in &rows.groups {
        for g in group {
            let row = resp::row_id(m, c, g);
            for &si in &g.services {
                let p = pair_now(m, c, si, &row);
                let cells = [
                    &p.row,
                    &p.responsibility,
                    &p.framework,
                    &p.control,
                    &p.service,
                    &p.status,
                    &p.provider_layers.join(", "),
                    &p.customer_layers.join(", "),
                    &p.shared_layers.join(", "),
                    &p.decided_by,
                    &p.statement,
                ];
                for (col, v) in cells.iter().enumerate() {
                    put(ws, r, col as u16, v, &f.text)?;
                }
                r += 1;
            }
        }
    }
    ws.set_hidden(true);
    Ok(())
}

const ORPHAN_HEADERS: [&str; 8] =
    ["Previous row id", "Framework", "Control ID", "Services and why the row is gone", "Owner", "Evidence", "Review status", "Reviewer notes"];
const ORPHAN_WIDTHS: [f64; 8] = [17.0, 15.0, 12.0, 50.0, 18.0, 30.0, 18.0, 40.0];

/// Reviewed rows whose responsibility no longer exists, with their values as they were.
pub fn orphans(ws: &mut Worksheet, carried: &Carried, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(ORPHANS_SHEET)?;
    widths(ws, &ORPHAN_WIDTHS)?;
    put(ws, 0, 0, &format!("Reviews in {} whose responsibility is gone: nothing is dropped, each is listed here with its values.", carried.source), &f.caption)?;
    headers(ws, 1, &ORPHAN_HEADERS, &ORPHAN_WIDTHS, f)?;
    ws.set_freeze_panes(2, 0)?;
    for (i, o) in carried.orphans.iter().enumerate() {
        let e = &o.entry;
        Row::new(ws, 2 + i as u32, &ORPHAN_WIDTHS)
            .put(0, &o.row, &f.text)?
            .put(1, &o.framework, &f.text)?
            .put(2, &o.control, &f.text)?
            .list(3, &o.services, &f.wrap)?
            .wrap(4, &e.owner, &f.wrap)?
            .wrap(5, &e.evidence, &f.wrap)?
            .put(6, &e.review_status, &f.text)?
            .wrap(7, &e.notes, &f.wrap)?
            .finish()?;
    }
    if carried.orphans.is_empty() {
        put(ws, 2, 0, "None: every reviewed row was carried into Customer Responsibilities.", &f.text)?;
    }
    Ok(())
}

const CHANGE_HEADERS: [&str; 8] = ["Change", "Group", "Framework", "Control ID", "Service", "Before", "After", "What changed"];
const CHANGE_WIDTHS: [f64; 8] = [22.0, 16.0, 15.0, 12.0, 18.0, 24.0, 24.0, 80.0];

/// The diff between the previous matrix and this one, most important first.
pub fn changes(ws: &mut Worksheet, carried: &Carried, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(CHANGES_SHEET)?;
    widths(ws, &CHANGE_WIDTHS)?;
    let Some(d) = &carried.diff else {
        let why = format!(
            "The previous matrix.json was not found beside {}: only the reviewed responsibilities were compared (see the Changed since last review column).",
            carried.source
        );
        return put(ws, 0, 0, &why, &f.caption);
    };
    put(ws, 0, 0, &format!("Changes from {} to this report ({} of {} cells present in both unchanged).", d.old, d.unchanged_cells, d.compared_cells), &f.caption)?;
    headers(ws, 1, &CHANGE_HEADERS, &CHANGE_WIDTHS, f)?;
    ws.set_freeze_panes(2, 0)?;
    ws.autofilter(1, 0, 1 + d.changes.len() as u32, CHANGE_HEADERS.len() as u16 - 1)?;
    for (i, c) in d.changes.iter().enumerate() {
        Row::new(ws, 2 + i as u32, &CHANGE_WIDTHS)
            .put(0, c.code.id(), &f.text)?
            .put(1, c.code.group().title(), &f.text)?
            .put(2, &c.framework, &f.text)?
            .put(3, &c.control, &f.text)?
            .put(4, &c.service, &f.text)?
            .wrap(5, &c.old, &f.wrap)?
            .wrap(6, &c.new, &f.wrap)?
            .wrap(7, &c.sentence, &f.wrap)?
            .finish()?;
    }
    Ok(())
}
