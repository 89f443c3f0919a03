//! `--framework PATH`: which kind of catalog a file is, by extension and content, and loading it.
//!
//! Spreadsheets and CSV are custom catalogs, or NIST's CSF core export (Function, Category,
//! Subcategory columns; `ingest::csf_core`). JSON and XML are OSCAL catalogs or profiles
//! (`{"catalog"`/`{"profile"`, `<catalog>`/`<profile>`). YAML is an OSCAL document when its top
//! key is `catalog` or `profile`, respmatrix's own format (frameworks/README.md) when it is a map
//! with `id` and `controls` whose controls use only that format's keys, and a custom catalog
//! otherwise (a list of rows, or rows using `maps_to` or other column spellings).

use super::{catalog_yaml, custom_catalog, tagging, yaml};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::ingest::oscal::{self, LoadOptions, Syntax};
use crate::ingest::table::Table;
use crate::ingest::{catalog_rows, csf_core, csv_table, text, xlsx_table};
use crate::model::Catalog;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tagging::LayerSources;

/// Options for imported catalogs.
#[derive(Debug, Clone, Default)]
pub struct CatalogOptions {
    /// List withdrawn controls, marked, instead of leaving them out.
    pub include_withdrawn: bool,
    /// The catalog an OSCAL profile imports (`--catalog PATH`).
    pub catalog: Option<PathBuf>,
}

/// Keys of respmatrix's own control entries.
const OWN_KEYS: &[&str] = &["id", "family", "title", "description", "layers", "why"];

/// Loads a catalog file of any supported kind, tagged with layers, with its warnings.
pub fn load(path: &Path, opts: &CatalogOptions, sources: &LayerSources) -> Result<(Catalog, Diagnostics)> {
    let (catalog, diags) = load_any(path, opts, sources)?;
    check_lengths(&path.display().to_string(), &catalog)?;
    Ok((catalog, diags))
}

/// Refuses a control whose id, family or title is longer than respmatrix reads, whatever the
/// catalog's format (rows are refused at their cell before this; an OSCAL or own-format control
/// is named by its position and the start of its id).
fn check_lengths(name: &str, catalog: &Catalog) -> Result<()> {
    use crate::ingest::limits::{field_length, FIELD_CHARS_MAX, NAME_CHARS_MAX};
    for (i, c) in catalog.controls.iter().enumerate() {
        let at = || {
            let id: String = c.id.chars().take(40).collect();
            Location::at_path(name, format!("control {} (\"{id}\")", i + 1))
        };
        field_length(&c.id, NAME_CHARS_MAX, "control id", at)?;
        field_length(&c.family, NAME_CHARS_MAX, "control family", at)?;
        field_length(&c.title, FIELD_CHARS_MAX, "control title", at)?;
    }
    for (i, f) in catalog.families.iter().enumerate() {
        let at = || Location::at_path(name, format!("family {}", i + 1));
        field_length(&f.id, NAME_CHARS_MAX, "family id", at)?;
        field_length(&f.title, FIELD_CHARS_MAX, "family title", at)?;
    }
    Ok(())
}

fn load_any(path: &Path, opts: &CatalogOptions, sources: &LayerSources) -> Result<(Catalog, Diagnostics)> {
    let name = path.display().to_string();
    let bytes = crate::ingest::limits::read_input(path)?;
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let zip_or_ole = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0");
    if matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods") || zip_or_ole {
        let book = xlsx_table::Book::open(&name, &bytes)?;
        let found = book.first_sheet(|t| catalog_rows::has_header(t) || csf_layout(t))?;
        match &found {
            Ok(table) if csf_layout(table) => return csf(&name, &stem, table, opts, sources),
            _ => {}
        }
        return custom_catalog::build(&name, &stem, catalog_rows::from_found(&book, found)?, sources);
    }
    if matches!(ext.as_str(), "csv" | "tsv") {
        let table = csv_table::read_scored(&name, &bytes, |t| {
            let rows = t.rows.iter().take(30).map(|r| catalog_rows::header_score(r)).max().unwrap_or(0);
            rows.max(usize::from(csf_layout(t)))
        })?;
        if csf_layout(&table) {
            return csf(&name, &stem, &table, opts, sources);
        }
        return custom_catalog::build(&name, &stem, catalog_rows::from_table(&table)?, sources);
    }
    let text = text::decode(&name, &bytes)?;
    if text.trim().is_empty() {
        return Err(Error::unreadable(Diagnostic::error(Location::file(&name), "the file is empty: no controls")));
    }
    let opts_oscal = LoadOptions { include_withdrawn: opts.include_withdrawn, catalog: opts.catalog.as_deref() };
    let doc = match Syntax::detect(path, &text) {
        Syntax::Yaml => match yaml_kind(&name, &text)? {
            YamlKind::Oscal => oscal::parse(&name, &text, Syntax::Yaml)?,
            YamlKind::Own => {
                let mut c = catalog_yaml::parse_catalog(&name, &text, &name)?;
                c.inputs.push(name);
                return Ok((c, Diagnostics::default()));
            }
            YamlKind::Rows(doc) => {
                return custom_catalog::build(&name, &stem, catalog_rows::from_yaml(&name, &doc)?, sources);
            }
        },
        syntax => oscal::parse(&name, &text, syntax)?,
    };
    let (mut catalog, mut diags) = oscal::load_document(path, doc, opts_oscal)?;
    diags.extend(tagging::tag(&mut catalog, sources));
    Ok((catalog, diags))
}

/// A sheet laid out as the CSF core (and not as a catalog of rows with an id column).
fn csf_layout(table: &Table) -> bool {
    csf_core::is_core(table) && !catalog_rows::has_header(table)
}

/// The CSF core as NIST's tools export it: tagged through its mapping column where it has one
/// (as a custom catalog's `maps_to`), the rest like an OSCAL CSF (the built-in CSF's layers and
/// statements where the ids are the built-in's).
fn csf(
    name: &str,
    stem: &str,
    table: &Table,
    opts: &CatalogOptions,
    sources: &LayerSources,
) -> Result<(Catalog, Diagnostics)> {
    let mut resolved = custom_catalog::Resolved::default();
    let mut maps_to =
        |text: &str| custom_catalog::maps_to(text, sources, &mut resolved).map(|(_, t)| (t.layers, t.why));
    let (mut catalog, mut diags) = csf_core::catalog(name, stem, table, opts.include_withdrawn, &mut maps_to)?;
    diags.extend(tagging::tag(&mut catalog, sources));
    Ok((catalog, diags))
}

enum YamlKind {
    Oscal,
    Own,
    Rows(Value),
}

fn yaml_kind(name: &str, text: &str) -> Result<YamlKind> {
    let doc: Value = yaml::parse(name, text)?;
    let Value::Object(map) = &doc else { return Ok(YamlKind::Rows(doc)) };
    if map.contains_key("catalog") || map.contains_key("profile") {
        return Ok(YamlKind::Oscal);
    }
    let own_controls = match map.get("controls") {
        Some(Value::Array(items)) => items.iter().all(|c| match c {
            Value::Object(fields) => fields.keys().all(|k| OWN_KEYS.contains(&k.as_str())),
            _ => true,
        }),
        _ => false,
    };
    Ok(match map.contains_key("id") && own_controls {
        true => YamlKind::Own,
        false => YamlKind::Rows(doc),
    })
}
