//! The HTML report: one self-contained page (inline CSS and script, no network) rendered from
//! the handlebars templates.

use crate::error::Result;
use crate::render::page::Page;
use crate::render::templates::{Format, Templates};
use crate::report::Report;

/// The artifact's file name in a report folder.
pub const FILE_NAME: &str = "responsibility-matrix.html";

/// Renders `responsibility-matrix.html`. Input text is HTML-escaped by the templates' default
/// escape; user templates from `report.options.templates` replace built-in ones by name.
pub fn render_html(report: &Report) -> Result<Vec<u8>> {
    let templates = Templates::load(Format::Html, &report.options.templates)?;
    templates.render(Page::new(report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{RenderOptions, ReportMeta};

    fn empty_report() -> Report {
        let matrix = crate::view::fixtures::empty_matrix();
        Report { matrix, meta: ReportMeta::default(), options: RenderOptions::default() }
    }

    #[test]
    fn an_empty_report_renders_a_whole_page() {
        let html = String::from_utf8(render_html(&empty_report()).unwrap()).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
        assert!(html.contains("All 0 controls"), "counts of nothing are zero, not an error");
        assert!(!html.contains("NaN"), "no division by zero");
    }

    #[test]
    fn the_page_loads_nothing_from_the_network() {
        let html = String::from_utf8(render_html(&empty_report()).unwrap()).unwrap();
        assert!(html.contains("Content-Security-Policy\" content=\"default-src 'none';"));
        for needle in ["http://", "https://", "src=\"", "@import", "url("] {
            assert!(!html.contains(needle), "{needle}");
        }
    }
}
