//! The Statements sheet (only when a control has statement parts: SP 800-53, FedRAMP): one row
//! per response point with its text, its status for every service, and what decided it. The
//! control's own row in Matrix and Controls rolls these up. rust_xlsxwriter writes the sheet
//! and its header row (`frame`); the statement rows go to a `Grid` (`rows`), row by row.

use super::cells::{headers, widths, Formats, Row, SIZED_ROWS};
use super::grid::Grid;
use crate::render::style;
use crate::view::{Matrix, StatementView};
use rust_xlsxwriter::{Worksheet, XlsxError};

pub const NAME: &str = "Statements";

const HEADERS: [&str; 8] = [
    "Framework",
    "Control ID",
    "Statement",
    "Statement text",
    "Layers",
    "Why these layers",
    "Overall status",
    "Decided by",
];

const WIDTHS: [f64; 8] = [15.0, 12.0, 14.0, 60.0, 22.0, 40.0, 14.0, 40.0];

/// Width of a per-service status column.
const SERVICE_WIDTH: f64 = 14.0;

/// Services a "Decided by" line names before it says how many more.
const NAMED: usize = 5;

/// Whether the workbook gets the sheet.
pub fn wanted(m: &Matrix) -> bool {
    m.controls.iter().any(|c| !c.statements.is_empty())
}

/// The sheet, its layout and its header row.
pub fn frame(ws: &mut Worksheet, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(NAME)?;
    let mut names: Vec<&str> = HEADERS.to_vec();
    names.extend(m.services.iter().map(|s| s.name.as_str()));
    let sizes = sizes(m);
    widths(ws, &sizes)?;
    ws.set_freeze_panes(1, 3)?;
    ws.autofilter(0, 0, count(m) as u32, names.len() as u16 - 1)?;
    headers(ws, 0, &names, &sizes, f)
}

/// Column widths: the statement's columns, then one per service.
fn sizes(m: &Matrix) -> Vec<f64> {
    let mut sizes: Vec<f64> = WIDTHS.to_vec();
    sizes.extend(m.services.iter().map(|_| SERVICE_WIDTH));
    sizes
}

fn count(m: &Matrix) -> usize {
    m.controls.iter().map(|c| c.statements.len()).sum()
}

/// A row per statement.
pub fn rows(grid: &mut Grid, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    let sizes = sizes(m);
    let size = count(m) <= SIZED_ROWS;
    let mut row = 1u32;
    for c in &m.controls {
        for st in &c.statements {
            let mut r = Row::new(grid, row, &sizes).sized(size);
            r.put(0, &m.frameworks[c.framework].id, &f.text)?
                .put(1, &c.id, &f.text)?
                .put(2, &st.label, &f.text)?
                .wrap(3, &st.prose, &f.wrap)?
                .wrap(4, &st.layers.ids().join(", "), &f.wrap)?
                .wrap(5, st.why.as_deref().unwrap_or(""), &f.wrap)?
                .put(6, style::label(st.status), f.status(st.status))?
                .wrap(7, &decided_by(m, st), &f.wrap)?;
            for (si, cell) in st.cells.iter().enumerate() {
                r.put((HEADERS.len() + si) as u16, style::label(cell.status), f.status(cell.status))?;
            }
            r.finish()?;
            row += 1;
        }
    }
    Ok(())
}

/// What decided the statement's cells: each `decided_by` once, with the services it decided.
fn decided_by(m: &Matrix, st: &StatementView) -> String {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for (si, cell) in st.cells.iter().enumerate() {
        let d = m.decided_by(cell, si);
        let name = m.services[si].name.as_str();
        match groups.iter_mut().find(|(x, _)| *x == d) {
            Some((_, list)) => list.push(name),
            None => groups.push((d, vec![name])),
        }
    }
    let line = |(d, names): &(String, Vec<&str>)| {
        let shown = names.iter().take(NAMED).copied().collect::<Vec<_>>().join(", ");
        match names.len() > NAMED {
            true => format!("{d}: {shown} and {} more", names.len() - NAMED),
            false => format!("{d}: {shown}"),
        }
    };
    groups.iter().map(line).collect::<Vec<_>>().join("\n")
}
