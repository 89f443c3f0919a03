//! The Provider vs model sheet (only with `--provider-data`): one row per cell where a
//! provider's answer (its CRM or SSP) and respmatrix's own model disagree, with the answer's
//! place, both statuses, what decides the cell now and the provider's own words. A wrong model
//! and a stale provider CRM both show here.

use super::cells::{headers, put, widths, Formats, Row};
use crate::render::style;
use crate::view::Matrix;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub const SHEET: &str = "Provider vs model";

const HEADERS: [&str; 11] = [
    "Provider",
    "Read from",
    "Control ID",
    "Response point",
    "Service",
    "Provider answer",
    "Model status",
    "Status now",
    "Decided by",
    "Provider's text",
    "Model rationale",
];

const WIDTHS: [f64; 11] = [12.0, 34.0, 12.0, 14.0, 22.0, 12.0, 12.0, 12.0, 24.0, 60.0, 60.0];

/// Whether the workbook gets this sheet: provider data was given.
pub fn wanted(m: &Matrix) -> bool {
    !m.provider.answers.is_empty()
}

pub fn write(ws: &mut Worksheet, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SHEET)?;
    widths(ws, &WIDTHS)?;
    ws.set_freeze_panes(1, 0)?;
    headers(ws, 0, &HEADERS, &WIDTHS, f)?;
    let found = &m.provider.disagreements;
    if found.is_empty() {
        let note = format!(
            "No disagreements: each of the {} provider answers gives the status the model gives on every \
             service of that provider.",
            m.provider.answers.len()
        );
        put(ws, 1, 0, &note, &f.text)?;
        return Ok(());
    }
    ws.autofilter(0, 0, found.len() as u32, HEADERS.len() as u16 - 1)?;
    for (i, d) in found.iter().enumerate() {
        let a = &m.provider.answers[d.answer as usize];
        let c = &m.controls[d.control as usize];
        let si = d.service as usize;
        let (cell, rationale) = match d.statement.and_then(|k| c.statements.get(k as usize)) {
            Some(st) => (&st.cells[si], model_words(m, &st.label, st.layers, &st.cells[si], si)),
            None => (&c.cells[si], model_words(m, &c.id, c.layers, &c.cells[si], si)),
        };
        let mut r = Row::new(ws, 1 + i as u32, &WIDTHS);
        r.put(0, &a.provider, &f.text)?
            .put(1, &a.origin, &f.text)?
            .put(2, &c.id, &f.text)?
            .put(3, &a.label, &f.text)?
            .put(4, &m.services[si].name, &f.text)?
            .put(5, &format!("{} ({})", a.word, style::label(a.status)), f.status(a.status))?
            .put(6, style::label(d.model), f.status(d.model))?
            .put(7, style::label(cell.status), f.status(cell.status))?
            .put(8, &m.decided_by(cell, si), &f.text)?
            .wrap(9, &a.text, &f.wrap)?
            .wrap(10, &rationale, &f.wrap)?
            .finish()?;
    }
    Ok(())
}

/// What the model holds for the cell's layers: the rationale without the provider's sentence.
fn model_words(m: &Matrix, id: &str, layers: crate::model::LayerSet, cell: &crate::view::Cell, si: usize) -> String {
    let mut out = m.rationale_intro(si);
    out.push_str(&crate::view::rationale_held_of(id, layers, cell));
    out
}
