//! The Markdown report (GitHub-flavoured): a summary and one table per framework, for
//! pull-request reviews and wikis.

use crate::error::Result;
use crate::render::page::Page;
use crate::render::templates::{Format, Templates};
use crate::report::Report;

/// The artifact's file name in a report folder.
pub const FILE_NAME: &str = "responsibility-matrix.md";

/// Renders `responsibility-matrix.md`. Input text is escaped for Markdown (`|`, emphasis,
/// HTML, line breaks) by the templates' default escape.
pub fn render_markdown(report: &Report) -> Result<Vec<u8>> {
    let templates = Templates::load(Format::Markdown, &report.options.templates)?;
    // The Markdown report runs no script: its page model leaves the script's data out.
    templates.render(Page::without_script(report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{RenderOptions, ReportMeta, TemplateOverride};

    fn empty_report(templates: Vec<TemplateOverride>) -> Report {
        let matrix = crate::view::fixtures::empty_matrix();
        let meta = ReportMeta { organization: "A | B <c>".into(), ..Default::default() };
        Report { matrix, meta, options: RenderOptions { templates, ..Default::default() } }
    }

    #[test]
    fn an_empty_report_renders_with_escaped_front_matter() {
        let md = String::from_utf8(render_markdown(&empty_report(Vec::new())).unwrap()).unwrap();
        assert!(md.starts_with("# Responsibility matrix: A \\| B &lt;c&gt;\n"), "{md}");
        assert!(md.contains("| Organization | A \\| B &lt;c&gt; |"), "{md}");
        assert!(md.contains("| **All frameworks** | **0** | **0** (0%)"), "{md}");
    }

    #[test]
    fn a_user_template_replaces_the_page() {
        let t = TemplateOverride {
            name: "report.md.hbs".into(),
            origin: "t/report.md.hbs".into(),
            text: "{{meta.organization}} / {{{meta.organization}}}\n".into(),
        };
        let md = render_markdown(&empty_report(vec![t])).unwrap();
        assert_eq!(String::from_utf8(md).unwrap(), "A \\| B &lt;c&gt; / A | B <c>\n");
    }
}
