//! The Controls sheet: one row per control with its layers, overall status, counts, what the
//! provider and the organization do, why, and any override, plus "Also serves" (the controls of
//! other selected frameworks a crosswalk relates it to) when a crosswalk applies. rust_xlsxwriter
//! writes the sheet and its header row (`frame`); the rows go to a `Sink` (`rows`), row by row.

use super::cells::{headers, widths, Formats, Row, Sink, SIZED_ROWS};
use super::digest::digest;
use crate::model::Status;
use crate::render::style;
use crate::view::Matrix;
use rust_xlsxwriter::{Worksheet, XlsxError};

const HEADERS: [&str; 14] = [
    "Framework",
    "Control ID",
    "Title",
    "Family",
    "Layers",
    "Overall status",
    "Inherited",
    "Shared",
    "Customer",
    "Not applicable",
    "Provider statement",
    "Customer statement",
    "Rationale",
    "Override justification",
];

const WIDTHS: [f64; 14] = [15.0, 12.0, 40.0, 24.0, 22.0, 14.0, 10.0, 10.0, 10.0, 10.0, 60.0, 60.0, 60.0, 40.0];

/// The column added when a crosswalk relates controls of the selected frameworks.
const ALSO_SERVES: (&str, f64) = ("Also serves", 60.0);

/// The sheet, its layout and its header row.
pub fn frame(ws: &mut Worksheet, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("Controls")?;
    let (names, sizes) = columns(m);
    widths(ws, &sizes)?;
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, m.controls.len() as u32, names.len() as u16 - 1)?;
    headers(ws, 0, &names, &sizes, f)
}

/// The column names and widths, with "Also serves" when a crosswalk relates the controls.
fn columns(m: &Matrix) -> (Vec<&'static str>, Vec<f64>) {
    let mut names: Vec<&str> = HEADERS.to_vec();
    let mut sizes: Vec<f64> = WIDTHS.to_vec();
    if also(m) {
        names.push(ALSO_SERVES.0);
        sizes.push(ALSO_SERVES.1);
    }
    (names, sizes)
}

fn also(m: &Matrix) -> bool {
    m.also_serves.iter().any(|l| !l.is_empty())
}

/// A row per control.
pub fn rows(ws: &mut impl Sink, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    let (also, (_, sizes)) = (also(m), columns(m));
    let sizes = sizes.as_slice();
    let size = m.controls.len() <= SIZED_ROWS;
    for (i, c) in m.controls.iter().enumerate() {
        let row = 1 + i as u32;
        let d = digest(m, c);
        let family = match c.family_title.trim() {
            "" => c.family.clone(),
            title => format!("{} {title}", c.family),
        };
        let mut r = Row::new(ws, row, sizes).sized(size);
        r.put(0, &m.frameworks[c.framework].id, &f.text)?
            .put(1, &c.id, &f.text)?
            .wrap(2, &c.display_title(), &f.wrap)?
            .wrap(3, &family, &f.wrap)?
            .wrap(4, &c.layers.ids().join(", "), &f.wrap)?
            .put(5, style::label(c.status), f.status(c.status))?;
        for (k, s) in Status::ALL.into_iter().enumerate() {
            r.num(6 + k as u16, c.counts.get(s), &f.number)?;
        }
        r.wrap(10, &d.provider, &f.wrap)?.wrap(11, &d.customer, &f.wrap)?.wrap(12, &d.rationale, &f.wrap)?.wrap(
            13,
            &d.overrides,
            &f.wrap,
        )?;
        if also {
            let list = m.also_serves.get(i).map(|l| l.as_slice()).unwrap_or_default();
            let text: Vec<String> = list.iter().map(|x| crate::crosswalk::links::describe(m, x)).collect();
            r.list(HEADERS.len() as u16, &text.join("\n"), &f.wrap)?;
        }
        r.finish()?;
    }
    Ok(())
}
