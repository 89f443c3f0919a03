//! The respmatrix crosswalk YAML: a header naming both frameworks and the source, then one line
//! per relationship (`from`, `to`, `relationship`, `rationale`, optional `source` and `style`).
//! The built-in crosswalks are written in it (`frameworks/crosswalks/*.yaml`).

use super::edge::{Edge, End, Relationship, Style};
use super::{too_many, Crosswalk, EDGES_MAX};
use crate::data::yaml;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    licence: String,
    #[serde(default, deserialize_with = "yaml::scalar_string")]
    date: String,
    /// The framework of every `from` id.
    from: String,
    /// The framework of every `to` id.
    to: String,
    /// The style of every line that names none; default set-theory.
    #[serde(default)]
    style: Option<String>,
    mappings: Vec<RawMap>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMap {
    #[serde(deserialize_with = "yaml::scalar_string")]
    from: String,
    #[serde(deserialize_with = "yaml::scalar_string")]
    to: String,
    relationship: String,
    #[serde(default)]
    rationale: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    style: Option<String>,
}

/// Parses one crosswalk file; every bad line is reported, with its place, at once.
pub fn parse(name: &str, text: &str) -> Result<Crosswalk> {
    let raw: Raw = yaml::parse(name, text)?;
    let mut diags = Diagnostics::default();
    let at = |i: usize, field: &str| Location::at_path(name, format!("mappings[{i}].{field}"));
    let default_style = match raw.style.as_deref() {
        None => Style::SetTheory,
        Some(s) => Style::parse(s).ok_or_else(|| {
            Error::unreadable(Diagnostic::error(
                Location::at_path(name, "style"),
                format!("unknown style \"{}\" (expected concept-crosswalk, set-theory or supportive)", excerpt(s)),
            ))
        })?,
    };
    if raw.mappings.len() > EDGES_MAX {
        return Err(too_many(Location::at_path(name, "mappings")));
    }
    let title = if raw.title.is_empty() { raw.id.clone() } else { raw.title.clone() };
    let mut edges = Vec::with_capacity(raw.mappings.len());
    for (i, m) in raw.mappings.iter().enumerate() {
        let Some(relationship) = Relationship::parse(&m.relationship) else {
            diags.error(
                at(i, "relationship"),
                format!(
                    "unknown relationship \"{}\" (expected related, equal, subset-of, superset-of, intersects-with, \
                     supports, is-supported-by, equivalent or contrary)",
                    excerpt(&m.relationship)
                ),
            );
            continue;
        };
        let style = match m.style.as_deref() {
            None if relationship == Relationship::Related => Style::ConceptCrosswalk,
            None => default_style,
            Some(s) => match Style::parse(s) {
                Some(st) => st,
                None => {
                    diags.error(at(i, "style"), format!("unknown style \"{}\"", excerpt(s)));
                    continue;
                }
            },
        };
        if style == Style::SetTheory && relationship.style() != Style::SetTheory
            || style == Style::Supportive && relationship.style() == Style::SetTheory
        {
            diags.error(
                at(i, "relationship"),
                format!("relationship {} is not a {} relationship", relationship.id(), style.id()),
            );
            continue;
        }
        for (field, v) in [("from", &m.from), ("to", &m.to)] {
            if v.trim().is_empty() {
                diags.error(at(i, field), "empty control id");
            }
        }
        edges.push(Edge {
            from: End::new(&raw.from, &m.from),
            to: End::new(&raw.to, &m.to),
            relationship,
            style,
            rationale: m.rationale.trim().to_string(),
            crosswalk: title.clone(),
            provenance: format!(
                "{name}: mappings[{i}]{}",
                m.source.as_deref().map(|s| format!(" ({s})")).unwrap_or_default()
            ),
        });
    }
    crate::error::fail_on_errors(&diags)?;
    let source = [raw.source.as_str(), raw.date.as_str(), raw.licence.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join("; ");
    Ok(Crosswalk { id: raw.id, title, source, origin: name.to_string(), edges })
}

fn excerpt(s: &str) -> String {
    crate::diag::excerpt(s, 60)
}
