//! The HTML report: one self-contained page (inline CSS and script, no network) rendered from
//! the handlebars templates.

use crate::error::Result;
use crate::render::page::Page;
use crate::render::templates::{Format, Templates};
use crate::report::Report;

/// Renders `responsibility-matrix.html`. Input text is HTML-escaped by the templates' default
/// escape; user templates from `report.options.templates` replace built-in ones by name.
pub fn render_html(report: &Report) -> Result<Vec<u8>> {
    let templates = Templates::load(Format::Html, &report.options.templates)?;
    templates.render(&Page::new(report))
}
