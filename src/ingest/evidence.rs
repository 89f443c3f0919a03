//! The evidence file (`--evidence FILE`, YAML): each piece of evidence, its file, when it was
//! collected and how long it is valid, where it came from and how, and which controls of which
//! services it answers. Keys are checked strictly, like the overrides file; every bad entry is
//! reported with its place. Paths are relative to the file's folder, or to `--evidence-dir`.

use super::text;
use crate::data::yaml;
use crate::diag::{Diagnostics, Location};
use crate::error::{Error, Result};
use crate::model::Date;
use crate::package::evidence::{target, Declared, Reference, Serves};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    evidence: Vec<RawEvidence>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvidence {
    #[serde(deserialize_with = "yaml::scalar_string")]
    id: String,
    file: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string")]
    collected: String,
    #[serde(default, deserialize_with = "yaml::scalar_string")]
    effective: String,
    #[serde(default, deserialize_with = "yaml::scalar_string")]
    valid_until: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    method: Option<String>,
    serves: Vec<RawServes>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawServes {
    #[serde(default)]
    framework: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string")]
    control: String,
    #[serde(default)]
    service: Option<String>,
}

/// Reads an evidence file; `base` is where its relative paths start (its folder unless
/// `--evidence-dir` says otherwise).
pub fn load(path: &Path, base: &Path) -> Result<Vec<Reference>> {
    let name = path.display().to_string();
    let bytes = super::limits::read_file(path, super::limits::TEXT_FILE_MAX)?;
    let text = text::decode(&name, &bytes)?;
    let raw: RawFile = yaml::parse(&name, &text)?;
    let mut diags = Diagnostics::default();
    let mut out = Vec::new();
    let mut ids = BTreeSet::new();
    let lines = entry_lines(&text);
    for (i, r) in raw.evidence.into_iter().enumerate() {
        let at = match lines.get(i) {
            Some(n) => Location { path: Some(format!("evidence[{i}]")), ..Location::line(&name, *n, 1) },
            None => Location::at_path(&name, format!("evidence[{i}]")),
        };
        let id = r.id.trim().to_string();
        if id.is_empty() || id.chars().any(|c| c.is_whitespace() || c.is_control()) || id.len() > 64 {
            diags.error(at.with_field("id"), "an evidence id is 1 to 64 characters without spaces");
        } else if !ids.insert(id.to_lowercase()) {
            diags.error(at.with_field("id"), format!("evidence id \"{id}\" is used twice"));
        }
        if r.file.trim().is_empty() {
            diags.error(at.with_field("file"), "empty file (a path or an https:// link)");
        }
        let mut date = |field: &str, t: &str| -> Option<Date> {
            let t = t.trim();
            if t.is_empty() {
                return None;
            }
            let d = Date::parse(t);
            if d.is_none() {
                diags.error(
                    at.with_field(field),
                    format!("\"{}\" is not a date (YYYY-MM-DD)", crate::diag::excerpt(t, 40)),
                );
            }
            d
        };
        let collected = date("collected", &r.collected);
        let effective = date("effective", &r.effective);
        let valid_until = date("valid_until", &r.valid_until);
        if r.serves.is_empty() {
            diags.error(at.with_field("serves"), "serves nothing: name a control, a service or both");
        }
        let mut serves = Vec::new();
        for (k, s) in r.serves.into_iter().enumerate() {
            let control = Some(s.control.trim().to_string()).filter(|c| !c.is_empty());
            let here = at.with_field(&format!("serves[{k}]"));
            if control.is_none() && s.service.is_none() {
                diags.error(here, "name a control, a service or both");
                continue;
            }
            if let Some(c) = &control {
                if let Err(why) = super::limits::glob_matcher(c) {
                    diags.error(here.with_field("control"), format!("not a control id or pattern: {why}"));
                    continue;
                }
            }
            serves.push(Serves { framework: s.framework, control, service: s.service, ..Default::default() });
        }
        out.push(Reference {
            id,
            declared: Declared::EvidenceFile,
            origin: at.to_string(),
            written: r.file.trim().to_string(),
            target: target(r.file.trim(), base),
            base: Some(base.to_path_buf()),
            title: r.title.unwrap_or_default().trim().to_string(),
            collected,
            effective,
            valid_until,
            source: r.source.unwrap_or_default().trim().to_string(),
            method: r.method.unwrap_or_default().trim().to_string(),
            serves,
            attestation: None,
        });
    }
    if diags.has_errors() {
        return Err(Error::Invalid(diags.items));
    }
    Ok(out)
}

/// The 1-based line of each list entry's `id:` key, in order.
fn entry_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().strip_prefix("- ").is_some_and(|r| r.trim_start().starts_with("id:")))
        .map(|(n, _)| n + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_entry_is_reported_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("evidence.yaml");
        let text =
            "evidence:\n  - id: EV-1\n    file: a.pdf\n    collected: 2026-02-30\n    serves: [{control: CC6.1}]\n  \
                    - id: EV-1\n    file: b.pdf\n    serves: []\n";
        std::fs::write(&p, text).unwrap();
        let err = load(&p, dir.path()).unwrap_err().to_string();
        assert!(err.contains("evidence.yaml:2:1: evidence[0].collected"), "{err}");
        assert!(err.contains(":6:1: evidence[1].id") && err.contains("used twice"), "{err}");
        assert!(err.contains("evidence[1].serves: serves nothing"), "{err}");
        std::fs::write(&p, "evidence:\n  - id: X\n    file: a.pdf\n    sevres: []\n").unwrap();
        assert!(load(&p, dir.path()).unwrap_err().to_string().contains("sevres"));
    }
}
