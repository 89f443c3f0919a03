//! `attestations:` in the project file: per provider, the reports and certificates the
//! organization relies on for what it inherits (a SOC 2 report and its period, a bridge letter,
//! an ISO certificate and its expiry, a FedRAMP package id), each with the file it keeps.

use crate::data::yaml;
use crate::diag::{Diagnostics, Location};
use crate::model::Date;
use crate::package::period::Period;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The kinds of attestation an inherited cell can rest on.
pub const KINDS: [&str; 11] = [
    "soc2-type2",
    "soc2-type1",
    "soc1-type2",
    "bridge-letter",
    "iso-27001",
    "iso-27017",
    "iso-27018",
    "fedramp",
    "csa-star",
    "pci-dss",
    "other",
];

/// As written: `attestations: {aws: [{kind, id, period, file, valid_until}]}`.
pub type RawAttestations = BTreeMap<String, Vec<RawAttestation>>;

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct RawAttestation {
    kind: String,
    #[serde(deserialize_with = "yaml::scalar_string")]
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    period: Option<String>,
    #[serde(default)]
    file: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string")]
    valid_until: String,
}

/// One provider attestation, checked, its file resolved against the project file's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderAttestation {
    /// The provider key as written (matched against the inventory's provider ids and names).
    pub provider: String,
    pub kind: String,
    pub id: String,
    pub title: String,
    pub period_text: String,
    pub period: Option<Period>,
    /// The file as written, and resolved.
    pub file: Option<(String, PathBuf)>,
    pub valid_until: Option<Date>,
    /// `respmatrix.yaml:12:1: attestations.aws[0]`.
    pub origin: String,
    /// The project file's folder: the file must lie under it.
    pub base: PathBuf,
}

/// Checks the raw entries; problems go into `diags` with their place.
pub fn check(
    raw: RawAttestations,
    name: &str,
    text: &str,
    base: &Path,
    diags: &mut Diagnostics,
) -> Vec<ProviderAttestation> {
    // `package.yaml` has the parent "": the working folder.
    let base = if base.as_os_str().is_empty() { Path::new(".") } else { base };
    let mut out = Vec::new();
    let keys = yaml::KeyLines::new(text);
    for (provider, list) in raw {
        let line = keys.of(&provider).unwrap_or(1);
        for (i, a) in list.into_iter().enumerate() {
            let at = Location { path: Some(format!("attestations.{provider}[{i}]")), ..Location::line(name, line, 1) };
            let kind = a.kind.trim().to_ascii_lowercase();
            if !KINDS.contains(&kind.as_str()) {
                diags.error(
                    at.with_field("kind"),
                    format!(
                        "unknown kind \"{}\" (expected one of {})",
                        crate::diag::excerpt(&a.kind, 40),
                        KINDS.join(", ")
                    ),
                );
            }
            if a.id.trim().is_empty() {
                diags.error(at.with_field("id"), "the report, certificate or package id is required");
            }
            let period_text = a.period.unwrap_or_default().trim().to_string();
            let period = Period::parse(&period_text);
            if !period_text.is_empty() && period.is_none() {
                diags.error(at.with_field("period"), "expected two dates, e.g. \"2025-10-01 to 2026-09-30\"");
            }
            let valid_until = match a.valid_until.trim() {
                "" => None,
                t => {
                    let d = Date::parse(t);
                    if d.is_none() {
                        diags.error(
                            at.with_field("valid_until"),
                            format!("\"{}\" is not a date (YYYY-MM-DD)", crate::diag::excerpt(t, 40)),
                        );
                    }
                    d
                }
            };
            let file = a.file.map(|f| f.trim().to_string()).filter(|f| !f.is_empty()).map(|f| {
                let p = base.join(&f);
                (f, p)
            });
            out.push(ProviderAttestation {
                provider: provider.clone(),
                kind,
                id: a.id.trim().to_string(),
                title: a.title.unwrap_or_default().trim().to_string(),
                period_text,
                period,
                file,
                valid_until,
                origin: at.to_string(),
                base: base.to_path_buf(),
            });
        }
    }
    out
}
