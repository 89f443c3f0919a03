//! The Markdown report (GitHub-flavoured): a summary and one table per framework, for
//! pull-request reviews and wikis.

use crate::error::Result;
use crate::render::page::Page;
use crate::render::templates::{Format, Templates};
use crate::report::Report;

/// Renders `responsibility-matrix.md`. Input text is escaped for Markdown (`|`, emphasis,
/// HTML, line breaks) by the templates' default escape.
pub fn render_markdown(report: &Report) -> Result<Vec<u8>> {
    let templates = Templates::load(Format::Markdown, &report.options.templates)?;
    templates.render(&Page::new(report))
}
