//! The HTML and the Markdown report from one page model: when a run writes both, the model
//! (the biggest working memory of any renderer) is built once and both pages render from it,
//! side by side, instead of each building its own.

use crate::error::Result;
use crate::render::page::Page;
use crate::render::templates::{Format, Templates};
use crate::render::{html, markdown};
use crate::report::Report;

/// Both template sets, compiled, and the page model they render from.
pub struct Pages {
    html: Templates,
    markdown: Templates,
    context: handlebars::Context,
}

impl Pages {
    /// Compiles both template sets (the HTML's errors first) and builds the page model, with
    /// the HTML page's script data; the Markdown templates get it too and leave it unused.
    pub fn new(report: &Report) -> Result<Pages> {
        let html = Templates::load(Format::Html, &report.options.templates)?;
        let markdown = Templates::load(Format::Markdown, &report.options.templates)?;
        let context = html.context(Page::new(report))?;
        Ok(Pages { html, markdown, context })
    }

    /// True when `name` is one of the two artifacts.
    pub fn renders(name: &str) -> bool {
        name == html::FILE_NAME || name == markdown::FILE_NAME
    }

    /// Renders artifact `name` (see [`Pages::renders`]): the same bytes as its own renderer.
    pub fn render(&self, name: &str) -> Result<Vec<u8>> {
        let templates = if name == html::FILE_NAME { &self.html } else { &self.markdown };
        templates.render_context(&self.context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{RenderOptions, ReportMeta, TemplateOverride};

    #[test]
    fn both_pages_from_one_model_are_the_pages_each_renderer_makes() {
        let custom = TemplateOverride {
            name: "framework.md.hbs".into(),
            origin: "mine/framework.md.hbs".into(),
            text: "## {{title}} has {{control_count}} controls\n".into(),
        };
        let meta = ReportMeta { organization: "A | B <c>".into(), ..Default::default() };
        let options = RenderOptions { templates: vec![custom], ..Default::default() };
        let report = Report { matrix: crate::view::fixtures::empty_matrix(), meta, options };
        let pages = Pages::new(&report).unwrap();
        assert_eq!(pages.render(html::FILE_NAME).unwrap(), html::render_html(&report).unwrap());
        assert_eq!(pages.render(markdown::FILE_NAME).unwrap(), markdown::render_markdown(&report).unwrap());
        assert!(Pages::renders(markdown::FILE_NAME) && !Pages::renders(crate::render::pdf::FILE_NAME));
    }
}
