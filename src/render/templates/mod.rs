//! Report templates (handlebars, strict mode): the built-in set embedded at compile time, any
//! of them replaceable by file name from `--templates DIR` (like mdBook's theme folder), and
//! template errors placed at `file:line:col`.

pub mod helpers;
mod include;
mod loops;

use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::report::TemplateOverride;
use handlebars::{Handlebars, RenderError, RenderErrorReason, TemplateError, TemplateErrorReason};
use serde::Serialize;

/// Every built-in report template by file name. The first of each format is its page; the
/// others are partials, included as `{{> name}}` with the `.hbs` left off.
pub const BUILTIN: &[(&str, &str)] = &[
    ("report.html.hbs", include_str!("../../../templates/report.html.hbs")),
    ("style.css.hbs", include_str!("../../../templates/style.css.hbs")),
    ("script.js.hbs", include_str!("../../../templates/script.js.hbs")),
    ("summary.html.hbs", include_str!("../../../templates/summary.html.hbs")),
    ("matrix.html.hbs", include_str!("../../../templates/matrix.html.hbs")),
    ("controls.html.hbs", include_str!("../../../templates/controls.html.hbs")),
    ("services.html.hbs", include_str!("../../../templates/services.html.hbs")),
    ("report.md.hbs", include_str!("../../../templates/report.md.hbs")),
    ("framework.md.hbs", include_str!("../../../templates/framework.md.hbs")),
];

/// Which artifact a template set renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Markdown,
}

impl Format {
    /// The template names this format uses, page first.
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Format::Html => &[
                "report.html.hbs",
                "style.css.hbs",
                "script.js.hbs",
                "summary.html.hbs",
                "matrix.html.hbs",
                "controls.html.hbs",
                "services.html.hbs",
            ],
            Format::Markdown => &["report.md.hbs", "framework.md.hbs"],
        }
    }
    fn artifact(self) -> &'static str {
        match self {
            Format::Html => crate::render::html::FILE_NAME,
            Format::Markdown => crate::render::markdown::FILE_NAME,
        }
    }
}

/// A compiled template set, remembering where each template came from for error messages.
pub struct Templates {
    hb: Handlebars<'static>,
    format: Format,
    origins: Vec<(String, String)>,
}

/// The name a template is registered and included under: the file name without `.hbs`.
pub fn partial_name(file: &str) -> &str {
    file.strip_suffix(".hbs").unwrap_or(file)
}

impl Templates {
    /// Compiles the built-in templates of `format`, each replaced by the user's file of the same
    /// name if there is one. Every problem is reported, each at its file and line.
    pub fn load(format: Format, overrides: &[TemplateOverride]) -> Result<Templates> {
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        helpers::register(&mut hb);
        match format {
            Format::Html => hb.register_escape_fn(handlebars::html_escape),
            Format::Markdown => hb.register_escape_fn(helpers::markdown_escape),
        }
        let mut errors = unknown_names(overrides);
        let mut origins = Vec::new();
        for &name in format.names() {
            let builtin = BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, t)| *t).unwrap_or_default();
            let (origin, text) = match overrides.iter().rev().find(|o| o.name == name) {
                Some(o) => (o.origin.clone(), o.text.as_str()),
                None => (format!("(built-in) templates/{name}"), builtin),
            };
            if let Err(e) = hb.register_template_string(partial_name(name), text) {
                errors.push(syntax_error(&origin, &e));
            }
            origins.push((partial_name(name).to_string(), origin));
        }
        if errors.is_empty() {
            let set: Vec<(String, &handlebars::template::Template)> = format
                .names()
                .iter()
                .filter_map(|n| hb.get_template(partial_name(n)).map(|t| (partial_name(n).to_string(), t)))
                .collect();
            if let Some((name, why)) = loops::check(&set) {
                let origin = origins.iter().find(|(n, _)| *n == name).map(|(_, o)| o.clone()).unwrap_or(name);
                errors.push(Diagnostic::error(Location::file(origin), format!("cannot use these templates: {why}")));
            }
        }
        if !errors.is_empty() {
            return Err(Error::Unreadable(errors));
        }
        let names: Vec<&str> = format.names().iter().map(|n| partial_name(n)).collect();
        include::rewrite(&mut hb, &names);
        Ok(Templates { hb, format, origins })
    }

    /// Renders the format's page with `data`, which it takes so it can be dropped once it is
    /// the templates' JSON: the page model is not held twice while the page is written.
    pub fn render<T: Serialize>(&self, data: T) -> Result<Vec<u8>> {
        let context = self.context(data)?;
        self.render_context(&context)
    }

    /// The templates' JSON view of `data` (taken, so it is dropped once converted). One context
    /// can serve several template sets: the HTML and the Markdown report share a page model.
    pub fn context<T: Serialize>(&self, data: T) -> Result<handlebars::Context> {
        let json = serde_json::to_value(&data).map_err(|e| {
            Error::unreadable(Diagnostic::error(
                Location::file(self.origin_of(None)),
                format!("cannot render {}: {e}", self.format.artifact()),
            ))
        })?;
        drop(data);
        Ok(handlebars::Context::from(json))
    }

    /// Renders the format's page from a context made by [`Templates::context`].
    pub fn render_context(&self, context: &handlebars::Context) -> Result<Vec<u8>> {
        let page = partial_name(self.format.names()[0]);
        self.hb.render_with_context(page, context).map(String::into_bytes).map_err(|e| self.render_error(&e))
    }

    fn origin_of(&self, name: Option<&str>) -> String {
        let name = name.unwrap_or(partial_name(self.format.names()[0]));
        self.origins.iter().find(|(n, _)| n == name).map(|(_, o)| o.clone()).unwrap_or_else(|| name.to_string())
    }

    fn render_error(&self, e: &RenderError) -> Error {
        let origin = self.origin_of(e.template_name.as_deref());
        let place = match (e.line_no, e.column_no) {
            (Some(l), Some(c)) => Location::line(&origin, l, c),
            _ => Location::file(&origin),
        };
        let why = match e.reason() {
            RenderErrorReason::MissingVariable(Some(name)) => {
                format!("no field {name:?} here (templates run in strict mode)")
            }
            RenderErrorReason::MissingVariable(None) => "a field is missing here (templates run in strict mode)".into(),
            other => other.to_string(),
        };
        let what = format!("cannot render {}: {why}", self.format.artifact());
        Error::unreadable(Diagnostic::error(place, what))
    }
}

fn syntax_error(origin: &str, e: &TemplateError) -> Diagnostic {
    let place = match e.pos() {
        Some((line, col)) => Location::line(origin, line, col),
        None => Location::file(origin),
    };
    let why = match e.reason() {
        TemplateErrorReason::InvalidSyntax(_) => "invalid handlebars syntax".to_string(),
        other => other.to_string(),
    };
    Diagnostic::error(place, format!("template syntax error: {why}"))
}

/// A user file whose name is no built-in template is most likely a typo: say so.
fn unknown_names(overrides: &[TemplateOverride]) -> Vec<Diagnostic> {
    let known: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
    overrides
        .iter()
        .filter(|o| !known.contains(&o.name.as_str()))
        .map(|o| {
            Diagnostic::error(
                Location::file(&o.origin),
                format!("no built-in template is named {} (expected one of {})", o.name, known.join(", ")),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn over(name: &str, text: &str) -> TemplateOverride {
        TemplateOverride { name: name.into(), origin: format!("my/{name}"), text: text.into() }
    }

    #[test]
    fn builtins_compile() {
        Templates::load(Format::Html, &[]).unwrap();
        Templates::load(Format::Markdown, &[]).unwrap();
    }

    #[test]
    fn a_syntax_error_names_file_line_and_column() {
        let err = Templates::load(Format::Markdown, &[over("report.md.hbs", "ok\n{{#if x}}\n  {{/each}}\n")])
            .err()
            .expect("error");
        let text = err.to_string();
        assert!(text.contains("my/report.md.hbs:3:3: template syntax error"), "{text}");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn a_missing_field_is_an_error_at_its_place() {
        let t = Templates::load(Format::Markdown, &[over("report.md.hbs", "line\n  {{nope}}\n")]).unwrap();
        let err = t.render(serde_json::json!({})).unwrap_err().to_string();
        assert!(
            err.contains("my/report.md.hbs:2:3: cannot render responsibility-matrix.md: no field \"nope\""),
            "{err}"
        );
    }

    #[test]
    fn an_unknown_name_is_an_error() {
        let err = Templates::load(Format::Html, &[over("reprot.html.hbs", "x")]).err().expect("error");
        assert!(err.to_string().contains("no built-in template is named reprot.html.hbs"), "{err}");
    }
}
