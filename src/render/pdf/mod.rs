//! The PDF responsibility matrix for auditors: cover, executive summary with charts, services,
//! the matrix per framework, the responsibilities of every shared or customer control, and an
//! About page. A pure function of the report: same report, same bytes.

mod about;
mod canvas;
mod chart;
mod columns;
mod cover;
mod document;
mod fonts;
mod layout;
mod matrix;
mod prose;
mod services;
mod statements;
mod summary;
mod table;
mod text;

use crate::error::Error;
use crate::report::Report;

/// The artifact's file name in a report folder.
pub const FILE_NAME: &str = "responsibility-matrix.pdf";

/// Renders the report as PDF bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, Error> {
    let fail = |message: String| Error::Render { artifact: FILE_NAME.to_string(), message };
    let metrics = fonts::Metrics::load().map_err(fail)?;
    let mut doc = layout::Doc::new(&metrics, report.options.paper);
    cover::draw(&mut doc, report);
    summary::draw(&mut doc, report);
    services::draw(&mut doc, report);
    matrix::draw(&mut doc, report);
    statements::draw(&mut doc, report);
    about::draw(&mut doc, report);
    let title = format!("{} · Responsibility matrix", report.meta.organization);
    let footer =
        format!("{} · report date {} · {}", report.meta.organization, report.meta.date_text(), report.matrix.generator);
    layout::frame(&mut doc.pages, &metrics, &title, &footer);
    let outline = std::mem::take(&mut doc.outline);
    let pages = std::mem::take(&mut doc.pages);
    document::save(pages, &outline, report).map_err(fail)
}
