//! Built-in data: catalogs, service models, provider catalogs and sentence templates.

pub mod catalog_yaml;
pub mod embedded;
pub mod registry_yaml;
pub mod yaml;

use crate::error::{Error, Result};
use crate::model::{Catalog, Registry};
use embedded::{DataSource, CATALOGS};
use std::path::Path;

/// The ids of the built-in catalogs (checked against the files by a test).
pub const BUILTIN_IDS: [&str; 3] = ["nist-csf-2.0", "iso-27017-2015", "soc2-2017"];

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

/// Resolves `--framework` values: built-in ids or paths to catalog files. Empty selects the
/// three built-ins.
pub fn select_catalogs(source: &DataSource, wanted: &[String]) -> Result<Vec<Catalog>> {
    let builtins = builtin_catalogs(source)?;
    if wanted.is_empty() {
        return Ok(builtins);
    }
    let mut out: Vec<Catalog> = Vec::new();
    for w in wanted {
        let catalog = match builtins.iter().find(|c| c.id.eq_ignore_ascii_case(w)) {
            Some(c) => c.clone(),
            None if Path::new(w).is_file() => load_catalog_file(Path::new(w))?,
            None => {
                let ids: Vec<&str> = builtins.iter().map(|c| c.id.as_str()).collect();
                return Err(Error::Usage(format!(
                    "--framework {w}: not a built-in framework ({}) nor an existing file",
                    ids.join(", ")
                )));
            }
        };
        if out.iter().any(|c| c.id == catalog.id) {
            return Err(Error::Usage(format!("--framework {w}: framework {} selected twice", catalog.id)));
        }
        out.push(catalog);
    }
    Ok(out)
}

/// Reads a catalog file in respmatrix's YAML format.
pub fn load_catalog_file(path: &Path) -> Result<Catalog> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let text = crate::ingest::text::decode(&name, &bytes)?;
    catalog_yaml::parse_catalog(&name, &text, &name)
}

/// Service models and provider catalogs.
pub fn registry(source: &DataSource) -> Result<Registry> {
    registry_yaml::load_registry(source)
}
