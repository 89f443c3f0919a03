//! The Crosswalk consistency sheet (only when a crosswalk relates controls of the selected
//! frameworks): one row per service and pair of controls related as equal, or as superset, whose
//! statuses disagree, with both rationales; a single line says so when there is none.

use super::cells::{headers, put, widths, Formats, Row};
use crate::crosswalk::consistency;
use crate::render::style;
use crate::view::Matrix;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub const SHEET: &str = "Crosswalk consistency";

const HEADERS: [&str; 11] = [
    "Service",
    "Framework",
    "Control ID",
    "Status",
    "Relationship",
    "Related framework",
    "Related control",
    "Related status",
    "Crosswalk",
    "Rationale",
    "Related rationale",
];

const WIDTHS: [f64; 11] = [22.0, 15.0, 12.0, 12.0, 14.0, 15.0, 12.0, 12.0, 40.0, 60.0, 60.0];

/// Whether the workbook gets this sheet: some crosswalk links two selected frameworks.
pub fn wanted(m: &Matrix) -> bool {
    m.also_serves.iter().any(|l| !l.is_empty())
}

pub fn write(ws: &mut Worksheet, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SHEET)?;
    widths(ws, &WIDTHS)?;
    ws.set_freeze_panes(1, 0)?;
    headers(ws, 0, &HEADERS, &WIDTHS, f)?;
    let findings = consistency::find(m);
    if findings.is_empty() {
        let note = "No disagreements: every pair of controls the crosswalks relate as equal or superset has \
                    matching statuses on every service (concept crosswalks are not compared).";
        put(ws, 1, 0, note, &f.text)?;
        return Ok(());
    }
    ws.autofilter(0, 0, findings.len() as u32, HEADERS.len() as u16 - 1)?;
    for (i, x) in findings.iter().enumerate() {
        let (a, b) = (&m.controls[x.a], &m.controls[x.b]);
        let (ca, cb) = (&a.cells[x.service], &b.cells[x.service]);
        let mut r = Row::new(ws, 1 + i as u32, &WIDTHS);
        r.put(0, &m.services[x.service].name, &f.text)?
            .put(1, &m.frameworks[a.framework].id, &f.text)?
            .put(2, &a.id, &f.text)?
            .put(3, style::label(ca.status), f.status(ca.status))?
            .put(4, x.relationship.id(), &f.text)?
            .put(5, &m.frameworks[b.framework].id, &f.text)?
            .put(6, &b.id, &f.text)?
            .put(7, style::label(cb.status), f.status(cb.status))?
            .wrap(8, &x.sources, &f.wrap)?
            .wrap(9, &m.rationale(a, ca, x.service), &f.wrap)?
            .wrap(10, &m.rationale(b, cb, x.service), &f.wrap)?
            .finish()?;
    }
    Ok(())
}
