//! The About sheet: generator, what each sheet is for, every input file with its SHA-256, the
//! catalogs' sources and licences, the overrides in force, and how statuses are decided.

use super::cells::{headers, put, widths, Formats, Row};
use crate::render::style;
use crate::report::Report;
use crate::view::{Decided, Matrix};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// What each sheet is for, in workbook order.
pub const SHEET_PURPOSES: [(&str, &str); 12] = [
    ("Summary", "Who and what the report covers and how counterpart controls were read, the overall status of the controls per framework (mixed included) with a chart, the cells per service model, and what the statuses mean."),
    ("Matrix", "One row per control, one column per in-scope service: the status of every (control, service) pair."),
    ("Controls", "Per control: layers, overall status and counts, what the provider and the organization do, why, and overrides."),
    ("Services", "The normalized inventory: each service's model and where it came from, layer overrides, and who runs each layer."),
    ("Customer Responsibilities", "One row per thing the organization must do for a control (alone or shared with the provider), with the services it applies to and columns for reviewers to fill."),
    ("Request List", "What the assessor will ask for: one row per customer or shared responsibility (what to provide, owner, due date, evidence) and per provider attestation an inherited cell relies on."),
    ("SoA <ISO catalog>", "Statement of Applicability per ISO catalog: every control, applicable or not and why, who is responsible, requests and evidence, columns for implementation status."),
    ("Changes since last report", "With report --previous: what changed since the previous report, by framework, control and service, most important first."),
    ("Orphaned reviews", "With report --previous: reviewed rows whose responsibility is gone, with their values and why."),
    ("Crosswalk consistency", "When a crosswalk relates two selected frameworks: related controls whose statuses disagree for the same service, with both rationales."),
    ("About", "How this workbook was made: generator, input files with SHA-256, catalog sources, overrides, method."),
    ("Review Index", "Hidden: each Customer Responsibilities row's (control, service) pairs and the responsibility they were given, so the next report can carry reviews pair by pair."),
];

const WIDTHS: [f64; 7] = [26.0, 60.0, 66.0, 12.0, 30.0, 36.0, 40.0];

pub fn write(ws: &mut Worksheet, report: &Report, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("About")?;
    widths(ws, &WIDTHS)?;
    put(ws, 0, 0, "About this workbook", &f.title)?;
    let m = &report.matrix;
    put(ws, 2, 0, "Generator", &f.label)?;
    put(ws, 2, 1, &m.generator, &f.text)?;
    put(ws, 3, 0, "Report date", &f.label)?;
    put(ws, 3, 1, &report.meta.date_text(), &f.text)?;
    put(ws, 4, 0, "Reproducible", &f.label)?;
    let note =
        "The same input files (SHA-256 below) and the same respmatrix version give this workbook byte for byte; \
                the report date comes from the project file, --date or SOURCE_DATE_EPOCH, never the clock.";
    Row::new(ws, 4, &WIDTHS).wrap(1, note, &f.wrap)?.finish()?;
    let mut row = sheets(ws, 6, f)?;
    row = inputs(ws, row + 1, report, f)?;
    row = catalogs(ws, row + 1, m, f)?;
    row = overrides(ws, row + 1, m, f)?;
    put(ws, row + 1, 0, "How statuses are decided", &f.heading)?;
    Row::new(ws, row + 2, &WIDTHS).put(0, "Method", &f.label)?.wrap(1, style::METHOD, &f.wrap)?.finish()?;
    let reading = m.counterpart.describe();
    Row::new(ws, row + 3, &WIDTHS).put(0, "Interpretation", &f.label)?.wrap(1, reading, &f.wrap)?.finish()?;
    Ok(())
}

fn sheets(ws: &mut Worksheet, row: u32, f: &Formats) -> Result<u32, XlsxError> {
    put(ws, row, 0, "Sheets", &f.heading)?;
    headers(ws, row + 1, &["Sheet", "What it is for"], &WIDTHS, f)?;
    let mut r = row + 2;
    for (name, purpose) in SHEET_PURPOSES {
        Row::new(ws, r, &WIDTHS).put(0, name, &f.label)?.wrap(1, purpose, &f.wrap)?.finish()?;
        r += 1;
    }
    Ok(r)
}

fn inputs(ws: &mut Worksheet, row: u32, report: &Report, f: &Formats) -> Result<u32, XlsxError> {
    put(ws, row, 0, "Input files", &f.heading)?;
    headers(ws, row + 1, &["Role", "Path", "SHA-256"], &WIDTHS, f)?;
    let mut r = row + 2;
    for input in &report.meta.inputs {
        Row::new(ws, r, &WIDTHS)
            .put(0, &input.role, &f.text)?
            .wrap(1, &input.path, &f.wrap)?
            .put(2, &input.sha256, &f.text)?
            .finish()?;
        r += 1;
    }
    if report.meta.inputs.is_empty() {
        put(ws, r, 0, "No input files were recorded.", &f.caption)?;
        r += 1;
    }
    Ok(r)
}

fn catalogs(ws: &mut Worksheet, row: u32, m: &Matrix, f: &Formats) -> Result<u32, XlsxError> {
    put(ws, row, 0, "Framework catalogs", &f.heading)?;
    headers(ws, row + 1, &["Framework", "Title", "Source", "Version", "Publisher", "Licence", "Origin"], &WIDTHS, f)?;
    let mut r = row + 2;
    for fw in &m.frameworks {
        let cells = [&fw.id, &fw.title, &fw.source, &fw.version, &fw.publisher, &fw.licence, &fw.origin];
        let mut line = Row::new(ws, r, &WIDTHS);
        for (c, v) in cells.into_iter().enumerate() {
            line.wrap(c as u16, v, &f.wrap)?;
        }
        line.finish()?;
        r += 1;
    }
    Ok(r)
}

fn overrides(ws: &mut Worksheet, row: u32, m: &Matrix, f: &Formats) -> Result<u32, XlsxError> {
    put(ws, row, 0, "Control overrides", &f.heading)?;
    headers(ws, row + 1, &["Label", "Justification", "Defined in", "Status", "Expires", "Cells decided"], &WIDTHS, f)?;
    let mut decided = vec![0usize; m.overrides.len()];
    for cell in m.controls.iter().flat_map(|c| &c.cells) {
        if let Decided::Override(i) = cell.decided {
            if let Some(n) = decided.get_mut(i as usize) {
                *n += 1;
            }
        }
    }
    let mut r = row + 2;
    for (o, n) in m.overrides.iter().zip(decided) {
        let mut line = Row::new(ws, r, &WIDTHS);
        line.wrap(0, &o.label, &f.wrap)?
            .wrap(1, &o.justification, &f.wrap)?
            .wrap(2, &o.origin, &f.wrap)?
            .put(3, style::label(o.status), f.status(o.status))?
            .put(4, o.expires.as_deref().unwrap_or(""), &f.text)?;
        match n {
            0 => line.wrap(5, "none (expired, or matched no in-scope cell)", &f.wrap)?,
            n => line.num(5, n, &f.number)?,
        };
        line.finish()?;
        r += 1;
    }
    if m.overrides.is_empty() {
        put(ws, r, 0, "No control overrides were given.", &f.caption)?;
        r += 1;
    }
    Ok(r)
}
