//! Reads a catalog in respmatrix's own YAML format (built-in or `--framework file.yaml`).

use super::yaml;
use crate::diag::{Diagnostics, Location};
use crate::error::{Error, Result};
use crate::model::{Catalog, Control, Family, Layer, LayerSet};
use serde::Deserialize;
use std::collections::HashSet;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalog {
    id: String,
    title: String,
    #[serde(deserialize_with = "yaml::scalar_string", default)]
    version: String,
    #[serde(default)]
    publisher: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    licence: String,
    #[serde(default)]
    families: Vec<RawFamily>,
    controls: Vec<RawControl>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFamily {
    #[serde(deserialize_with = "yaml::scalar_string")]
    id: String,
    title: String,
    parent: Option<String>,
    description: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawControl {
    #[serde(deserialize_with = "yaml::scalar_string")]
    id: String,
    #[serde(default)]
    family: Option<String>,
    title: String,
    description: Option<String>,
    #[serde(default)]
    layers: Vec<String>,
    #[serde(default)]
    why: Option<String>,
    #[serde(default)]
    cloud_only: bool,
}

/// Parses and validates a catalog; every problem in the file is reported at once.
pub fn parse_catalog(name: &str, text: &str, origin: &str) -> Result<Catalog> {
    let raw: RawCatalog = yaml::parse(name, text)?;
    let mut diags = Diagnostics::default();
    let lines = yaml::IdLines::new(text);
    let place = |id: &str, path: String| match lines.of(id) {
        Some(line) => Location::line(name, line, 1).with_field(&path),
        None => Location::at_path(name, path),
    };

    let mut family_ids = HashSet::new();
    for (i, f) in raw.families.iter().enumerate() {
        if !family_ids.insert(f.id.clone()) {
            diags.error(place(&f.id, format!("families[{i}]")), format!("duplicate family id \"{}\"", f.id));
        }
        if let Some(p) = &f.parent {
            if !family_ids.contains(p) {
                diags.error(
                    place(&f.id, format!("families[{i}].parent")),
                    format!("parent \"{p}\" is not a family listed above"),
                );
            }
        }
    }

    let mut ids = HashSet::new();
    let mut controls = Vec::with_capacity(raw.controls.len());
    for (i, c) in raw.controls.into_iter().enumerate() {
        let at = |field: &str| place(&c.id, format!("controls[{i}].{field}"));
        if c.id.trim().is_empty() {
            diags.error(at("id"), "control has an empty id");
        }
        if !ids.insert(c.id.to_ascii_lowercase()) {
            diags.error(at("id"), format!("duplicate control id \"{}\"", c.id));
        }
        let family = c.family.clone().unwrap_or_default();
        if !family.is_empty() && !family_ids.contains(&family) {
            diags.error(at("family"), format!("family \"{family}\" is not listed under families"));
        }
        let mut layers = LayerSet::EMPTY;
        for l in &c.layers {
            match Layer::parse(l) {
                Some(layer) => layers.insert(layer),
                None => diags.error(at("layers"), format!("unknown layer \"{l}\" (expected one of {})", Layer::ids())),
            }
        }
        if c.layers.is_empty() {
            diags.error(
                at("layers"),
                format!("control {} has no layers; tag it with one or more of {}", c.id, Layer::ids()),
            );
        }
        controls.push(Control {
            id: c.id,
            family,
            title: c.title,
            description: c.description,
            layers,
            why: c.why.unwrap_or_default(),
            withdrawn: None,
            cloud_only: c.cloud_only,
            parts: Vec::new(),
        });
    }
    if controls.is_empty() {
        diags.error(Location::file(name), "catalog has no controls");
    }
    if diags.has_errors() {
        return Err(Error::Unreadable(diags.items));
    }
    let raw_id = raw.id.clone();
    Ok(Catalog {
        id: raw.id,
        title: raw.title,
        version: raw.version,
        publisher: raw.publisher,
        source: raw.source,
        licence: raw.licence,
        origin: origin.to_string(),
        families: raw
            .families
            .into_iter()
            .map(|f| Family { id: f.id, title: f.title, parent: f.parent, description: f.description })
            .collect(),
        statements: Some(raw_id),
        controls,
        inputs: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_catalog_reports_every_problem_with_its_line() {
        let text = "id: x\ntitle: X\nfamilies:\n  - {id: F, title: F}\ncontrols:\n  - id: X-1\n    family: F\n    title: One\n    layers: [guest-os, gust-os]\n  - id: X-1\n    family: G\n    title: Two\n    layers: []\n";
        let err = parse_catalog("c.yaml", text, "test").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("c.yaml:6:1: controls[0].layers: unknown layer \"gust-os\""), "{msg}");
        assert!(msg.contains("duplicate control id \"X-1\""), "{msg}");
        assert!(msg.contains("family \"G\" is not listed"), "{msg}");
        assert!(msg.contains("has no layers"), "{msg}");
        assert_eq!(err.exit_code(), 2);
    }
}
