//! The project file (`respmatrix.yaml`): who the report is for, the period, the report date,
//! and default inputs. Paths in it are relative to the file.

use super::text;
use crate::data::yaml;
use crate::error::{Error, Result};
use crate::model::{Counterpart, Date};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProject {
    #[serde(default)]
    organization: Option<String>,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    period: Option<String>,
    #[serde(default, deserialize_with = "yaml::scalar_string")]
    report_date: String,
    #[serde(default)]
    inventory: Option<String>,
    #[serde(default)]
    sheet: Option<String>,
    /// Document control: `{version, classification, prepared_by, reviewed_by, approved_by}`.
    #[serde(default)]
    document: RawDocument,
    /// Inventory headers mapped by hand: `{name: resourceName, product: resourceType}`.
    #[serde(default)]
    columns: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    overrides: Option<String>,
    #[serde(default)]
    frameworks: Vec<String>,
    #[serde(default)]
    catalog: Option<String>,
    #[serde(default)]
    include_withdrawn: bool,
    #[serde(default)]
    counterpart: Option<String>,
    #[serde(default)]
    attestations: super::attestations::RawAttestations,
    /// Crosswalk files (`--crosswalk`): a path, or `{file: PATH, style: concept-crosswalk}`.
    #[serde(default)]
    crosswalks: Vec<RawCrosswalk>,
    /// Providers' own responsibility data (`--provider-data`): `{aws: aws-crm.xlsx}`.
    #[serde(default)]
    provider_data: std::collections::BTreeMap<String, Option<String>>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawCrosswalk {
    Path(String),
    Entry {
        file: String,
        #[serde(default)]
        style: Option<String>,
    },
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    #[serde(default, deserialize_with = "yaml::scalar_string")]
    version: String,
    #[serde(default)]
    classification: Option<String>,
    #[serde(default)]
    prepared_by: Option<String>,
    #[serde(default)]
    reviewed_by: Option<String>,
    #[serde(default)]
    approved_by: Option<String>,
}

/// A project file, paths resolved.
#[derive(Debug, Clone, Default)]
pub struct Project {
    pub organization: Option<String>,
    pub scope: Option<String>,
    pub period: Option<String>,
    pub report_date: Option<Date>,
    pub inventory: Option<PathBuf>,
    pub sheet: Option<String>,
    /// `document:` (document control for the cover and page markings).
    pub document: crate::report::DocumentControl,
    /// `columns:` as `field=Header,…` (see `ColumnMap::parse`).
    pub columns: Option<String>,
    pub overrides: Option<PathBuf>,
    /// Built-in ids stay as written; anything that is a file relative to the project becomes a
    /// path.
    pub frameworks: Vec<String>,
    /// The catalog OSCAL profiles import (`--catalog`).
    pub catalog: Option<PathBuf>,
    /// List withdrawn controls of imported catalogs (`--include-withdrawn`).
    pub include_withdrawn: bool,
    /// How counterpart controls are read (`--counterpart`).
    pub counterpart: Counterpart,
    /// Provider attestations the inherited cells rely on (`attestations:`).
    pub attestations: Vec<super::attestations::ProviderAttestation>,
    /// Crosswalk files (`--crosswalk`), each with the style it is read as.
    pub crosswalks: Vec<crate::crosswalk::CrosswalkInput>,
    /// Providers' responsibility data (`provider_data:`): provider id and file, in id order.
    pub provider_data: Vec<(String, PathBuf)>,
}

/// Reads a project file.
pub fn load(path: &Path) -> Result<Project> {
    let name = path.display().to_string();
    let bytes = super::limits::read_file(path, super::limits::TEXT_FILE_MAX)?;
    let text = text::decode(&name, &bytes)?;
    let raw: RawProject = yaml::parse(&name, &text)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let report_date = match raw.report_date.trim() {
        "" => None,
        t => Some(Date::parse(t).ok_or_else(|| {
            let line = yaml::line_of(&text, "report_date").unwrap_or(1);
            Error::unreadable(crate::diag::Diagnostic::error(
                crate::diag::Location::line(&name, line, 1),
                format!("report_date \"{t}\" is not a date (YYYY-MM-DD)"),
            ))
        })?),
    };
    let counterpart = match raw.counterpart.as_deref() {
        None => Counterpart::default(),
        Some(t) => Counterpart::parse(t).ok_or_else(|| {
            let line = yaml::line_of(&text, "counterpart").unwrap_or(1);
            Error::unreadable(crate::diag::Diagnostic::error(
                crate::diag::Location::line(&name, line, 1),
                format!("counterpart \"{t}\": expected shared or customer"),
            ))
        })?,
    };
    for (key, value) in [("organization", &raw.organization), ("scope", &raw.scope), ("period", &raw.period)] {
        let at = || crate::diag::Location::line(&name, yaml::line_of(&text, &format!("{key}:")).unwrap_or(1), 1);
        let given = value.as_deref().unwrap_or("");
        super::limits::field_length(given, super::limits::FIELD_CHARS_MAX, format_args!("project {key}"), at)?;
    }
    let mut diags = crate::diag::Diagnostics::default();
    let attestations = super::attestations::check(raw.attestations, &name, &text, base, &mut diags);
    crate::error::fail_on_errors(&diags)?;
    let frameworks = raw
        .frameworks
        .into_iter()
        .map(|f| {
            let p = base.join(&f);
            // `ID=PATH` names a file relative to this file too.
            let named = f.split_once('=').map(|(id, path)| (id, base.join(path)));
            match named {
                _ if p.is_file() => p.display().to_string(),
                Some((id, path)) if path.is_file() => format!("{id}={}", path.display()),
                _ => f,
            }
        })
        .collect();
    let crosswalks = crosswalk_inputs(&name, &text, base, raw.crosswalks)?;
    // `aws: ~` or `aws:` is no file, not a file named "~".
    let provider_data: Vec<(String, String)> =
        raw.provider_data.into_iter().map(|(k, v)| (k, v.unwrap_or_default())).collect();
    if let Some((k, v)) = provider_data.iter().find(|(k, v)| k.trim().is_empty() || v.trim().is_empty()) {
        let line = yaml::line_of(&text, "provider_data").unwrap_or(1);
        let what = match k.trim().is_empty() {
            true => format!("provider_data: an entry without a provider (\"{}\"); write `aws: aws-crm.xlsx`", v.trim()),
            false => format!("provider_data.{k}: no file given; write `{k}: {k}-crm.xlsx` (relative to this file)"),
        };
        return Err(Error::unreadable(crate::diag::Diagnostic::error(
            crate::diag::Location::line(&name, line, 1),
            what,
        )));
    }
    Ok(Project {
        crosswalks,
        provider_data: provider_data.into_iter().map(|(k, v)| (k, base.join(v))).collect(),
        organization: raw.organization,
        scope: raw.scope,
        period: raw.period,
        report_date,
        inventory: raw.inventory.map(|p| base.join(p)),
        sheet: raw.sheet,
        document: crate::report::DocumentControl {
            version: Some(raw.document.version.trim().to_string()).filter(|v| !v.is_empty()),
            classification: raw.document.classification,
            prepared_by: raw.document.prepared_by,
            reviewed_by: raw.document.reviewed_by,
            approved_by: raw.document.approved_by,
        },
        columns: (!raw.columns.is_empty())
            .then(|| raw.columns.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")),
        overrides: raw.overrides.map(|p| base.join(p)),
        frameworks,
        catalog: raw.catalog.map(|p| base.join(p)),
        include_withdrawn: raw.include_withdrawn,
        counterpart,
        attestations,
    })
}

/// `crosswalks:` entries, paths made relative to the project file; a style must be one of the
/// three.
fn crosswalk_inputs(
    name: &str,
    text: &str,
    base: &Path,
    raw: Vec<RawCrosswalk>,
) -> Result<Vec<crate::crosswalk::CrosswalkInput>> {
    raw.into_iter()
        .map(|c| {
            let (file, style) = match c {
                RawCrosswalk::Path(p) => (p, None),
                RawCrosswalk::Entry { file, style } => (file, style),
            };
            let style = match style.as_deref() {
                None => None,
                Some(t) => Some(crate::crosswalk::Style::parse(t).ok_or_else(|| {
                    let line = yaml::line_of(text, t).unwrap_or(1);
                    Error::unreadable(crate::diag::Diagnostic::error(
                        crate::diag::Location::line(name, line, 1),
                        format!("crosswalks: style \"{t}\": expected concept-crosswalk, set-theory or supportive"),
                    ))
                })?),
            };
            Ok(crate::crosswalk::CrosswalkInput { path: base.join(file), style })
        })
        .collect()
}
