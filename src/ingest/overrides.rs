//! The control overrides file (`--overrides FILE`, YAML).

use super::text;
use crate::data::yaml;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::model::{ControlOverride, Date, Status};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    overrides: Vec<RawOverride>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    framework: Option<String>,
    #[serde(deserialize_with = "yaml::scalar_string")]
    control: String,
    #[serde(default, deserialize_with = "yaml::scalar_string")]
    statement: String,
    #[serde(default)]
    services: Vec<String>,
    status: String,
    #[serde(default)]
    justification: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string")]
    expires: String,
}

/// Whether a line holds an entry's `control:` key.
fn names_control(line: &str) -> bool {
    let t = line.trim_start().trim_start_matches("- ");
    t.starts_with("control:") || (t.starts_with('{') && t.contains("control:"))
}

/// Refuses an entry's id, framework, statement or a service longer than a name
/// (`limits::NAME_CHARS_MAX`), or a justification longer than a field (`FIELD_CHARS_MAX`): the
/// label and justification are repeated in every cell the override decides.
fn lengths(origin: &Location, r: &RawOverride, justification: &str) -> Result<()> {
    use super::limits::{field_length, FIELD_CHARS_MAX, NAME_CHARS_MAX};
    let names = [("id", r.id.as_deref()), ("framework", r.framework.as_deref()), ("statement", Some(&r.statement))];
    for (key, text) in names {
        field_length(text.unwrap_or(""), NAME_CHARS_MAX, format_args!("override {key}"), || origin.with_field(key))?;
    }
    for (i, s) in r.services.iter().enumerate() {
        field_length(s, NAME_CHARS_MAX, "service", || origin.with_field(&format!("services[{i}]")))?;
    }
    field_length(justification, FIELD_CHARS_MAX, "justification", || origin.with_field("justification"))
}

/// Reads and checks an overrides file; every bad entry is reported.
pub fn load(path: &std::path::Path) -> Result<Vec<ControlOverride>> {
    let name = path.display().to_string();
    let bytes = super::limits::read_file(path, super::limits::TEXT_FILE_MAX)?;
    let text = text::decode(&name, &bytes)?;
    let raw: RawFile = yaml::parse(&name, &text)?;
    let globs = raw.overrides.iter().filter(|r| crate::model::control_id::is_glob(&r.control)).count();
    if globs > super::limits::GLOB_OVERRIDES_MAX {
        return Err(Error::unreadable(Diagnostic::error(
            Location::file(&name),
            format!(
                "{globs} overrides match controls by a pattern; at most {} may (each is tried on every control): \
                 name the controls, or merge the patterns",
                super::limits::GLOB_OVERRIDES_MAX
            ),
        )));
    }
    let mut diags = Diagnostics::default();
    let mut out = Vec::new();
    // Each entry is placed at its `control:` line, the i-th one in the file (a flow entry,
    // `- {id: …, control: …}`, at its line), read in one pass over the text.
    let mut control_lines = text.lines().enumerate().filter(|(_, l)| names_control(l)).map(|(n, _)| n);
    for (i, r) in raw.overrides.into_iter().enumerate() {
        let line = control_lines.next();
        let origin = match line {
            Some(n) => Location { path: Some(format!("overrides[{i}]")), ..Location::line(&name, n + 1, 1) },
            None => Location::at_path(&name, format!("overrides[{i}]")),
        };
        let status = Status::parse(&r.status);
        if status.is_none() {
            diags.error(
                origin.with_field("status"),
                format!("unknown status \"{}\" (expected inherited, shared, customer or not-applicable)", r.status),
            );
        }
        let justification = r.justification.as_deref().unwrap_or("").trim().to_string();
        lengths(&origin, &r, &justification)?;
        if justification.is_empty() {
            diags.error(origin.with_field("justification"), "an override needs a justification an auditor can read");
        }
        let expires = match r.expires.trim() {
            "" => None,
            t => {
                let d = Date::parse(t);
                if d.is_none() {
                    diags.error(origin.with_field("expires"), format!("expiry \"{t}\" is not a date (YYYY-MM-DD)"));
                }
                d
            }
        };
        if r.control.trim().is_empty() {
            diags.error(origin.with_field("control"), "empty control id or pattern");
        }
        if r.control.chars().count() > super::limits::GLOB_CHARS_MAX {
            return Err(super::limits::exceeded(
                origin.with_field("control"),
                format!(
                    "the control id or pattern is longer than {} characters; respmatrix reads at most that",
                    super::limits::GLOB_CHARS_MAX
                ),
            ));
        }
        if let Some(status) = status {
            out.push(ControlOverride {
                label: r.id.unwrap_or_else(|| (i + 1).to_string()),
                framework: r.framework,
                control: r.control.trim().to_string(),
                statement: Some(r.statement.trim().to_string()).filter(|s| !s.is_empty()),
                services: r.services,
                status,
                justification,
                expires,
                origin,
            });
        }
    }
    if diags.has_errors() {
        return Err(Error::Invalid(diags.items));
    }
    Ok(out)
}
