//! Built-in data: catalogs, service models, provider catalogs and sentence templates.

pub mod catalog_file;
pub mod catalog_yaml;
pub mod custom_catalog;
pub mod embedded;
pub mod layer_table;
pub mod registry_yaml;
pub mod tagging;
pub mod yaml;
pub mod yaml_guard;

use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use crate::model::{Catalog, Registry};
pub use catalog_file::CatalogOptions;
use embedded::{DataSource, CATALOGS};
use std::path::Path;
use tagging::LayerSources;

/// The ids of the built-in catalogs (checked against the files by a test).
pub const BUILTIN_IDS: [&str; 4] = ["nist-csf-2.0", "iso-27017-2015", "soc2-2017", "iso-27001-2022"];

/// The built-ins a run uses when no framework is given (the README's "all three built-ins";
/// iso-27001-2022 is selected by name).
pub const DEFAULT_IDS: [&str; 3] = ["nist-csf-2.0", "iso-27017-2015", "soc2-2017"];

/// The built-in catalog ids, in default order.
pub fn builtin_ids(source: &DataSource) -> Result<Vec<String>> {
    Ok(builtin_catalogs(source)?.into_iter().map(|c| c.id).collect())
}

/// Every built-in catalog.
pub fn builtin_catalogs(source: &DataSource) -> Result<Vec<Catalog>> {
    CATALOGS
        .iter()
        .map(|rel| {
            let f = source.read(rel)?;
            catalog_yaml::parse_catalog(&f.name, &f.text, "built-in")
        })
        .collect()
}

/// Resolves `--framework` values: built-in ids or paths to catalog files (our YAML, OSCAL
/// catalogs and profiles, custom spreadsheet/YAML catalogs). Empty selects the three default
/// built-ins (`DEFAULT_IDS`).
/// Warnings (untagged controls, profile ids the catalog lacks, …) come back with the catalogs.
pub fn select_catalogs(
    source: &DataSource,
    wanted: &[String],
    opts: &CatalogOptions,
) -> Result<(Vec<Catalog>, Diagnostics)> {
    let builtins = builtin_catalogs(source)?;
    let mut diags = Diagnostics::default();
    if wanted.is_empty() {
        return Ok((builtins.into_iter().filter(|c| DEFAULT_IDS.contains(&c.id.as_str())).collect(), diags));
    }
    let mut sources: Option<LayerSources> = None;
    let mut out: Vec<Catalog> = Vec::new();
    for w in wanted {
        let catalog = match builtins.iter().find(|c| c.id.eq_ignore_ascii_case(w)) {
            Some(c) => c.clone(),
            None if Path::new(w).is_file() || named_file(w).is_some() => {
                if sources.is_none() {
                    sources = Some(LayerSources::load(source, builtins.clone())?);
                }
                let known = sources.as_ref().expect("loaded above");
                let (id, path) = match named_file(w) {
                    Some((id, path)) if !Path::new(w).is_file() => (Some(named_id(w, id, &builtins)?), path),
                    _ => (None, w.as_str()),
                };
                let (mut c, warnings) = catalog_file::load(Path::new(path), opts, known)?;
                diags.extend(warnings);
                if let Some(id) = id {
                    c.id = id;
                }
                c
            }
            None => {
                let ids: Vec<&str> = builtins.iter().map(|c| c.id.as_str()).collect();
                // "soc2" → soc2-2017: the closest id by spelling, or the one it starts.
                let hint = crate::names::closest(w, ids.iter().copied())
                    .or_else(|| ids.iter().copied().find(|id| id.starts_with(&w.to_ascii_lowercase())))
                    .map(|c| format!("; did you mean {c}?"))
                    .unwrap_or_default();
                return Err(Error::Usage(format!(
                    "--framework {w}: not a built-in framework ({}) nor an existing file{hint}",
                    ids.join(", ")
                )));
            }
        };
        if out.iter().any(|c| c.id == catalog.id) {
            return Err(Error::Usage(format!("--framework {w}: framework {} selected twice", catalog.id)));
        }
        out.push(catalog);
    }
    Ok((out, diags))
}

/// `ID=PATH`: a catalog file given the framework id `ID` instead of one made from its file
/// name, so renaming or re-downloading the file keeps its pair ids and reviews. `None` unless
/// `ID` is a plain id (letters, digits, `.`, `_`, `-`) and `PATH` an existing file.
pub fn named_file(w: &str) -> Option<(&str, &str)> {
    let (id, path) = w.split_once('=')?;
    let plain = id.bytes().any(|b| b.is_ascii_alphanumeric())
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b));
    (plain && Path::new(path).is_file()).then_some((id, path))
}

/// The id `ID=PATH` asks for, lower-cased; a built-in's id (or one spelled like it, such as
/// `nist-csf-2-0`) is refused, since the two would be taken for one framework.
fn named_id(w: &str, id: &str, builtins: &[Catalog]) -> Result<String> {
    let id = id.to_ascii_lowercase();
    let slug = crate::names::slug(&id);
    match builtins.iter().find(|c| c.id.eq_ignore_ascii_case(&id) || crate::names::slug(&c.id) == slug) {
        Some(b) => Err(Error::Usage(format!(
            "--framework {w}: {} is the id of the built-in {}; give the file another id",
            b.id, b.title
        ))),
        None => Ok(id),
    }
}

/// Loads one catalog file of any supported kind, tagged, with its warnings.
pub fn load_catalog_file(source: &DataSource, path: &Path, opts: &CatalogOptions) -> Result<(Catalog, Diagnostics)> {
    let sources = LayerSources::load(source, builtin_catalogs(source)?)?;
    catalog_file::load(path, opts, &sources)
}

/// Service models and provider catalogs.
pub fn registry(source: &DataSource) -> Result<Registry> {
    registry_yaml::load_registry(source)
}
