//! Mapping in one call for library users, tests and benchmarks: an inventory file and framework
//! ids or paths, read with the built-in data, into the matrix (`map` without a project file or
//! overrides).

use crate::data::{self, embedded::DataSource, CatalogOptions};
use crate::engine::{self, Statements};
use crate::error::Result;
use crate::ingest;
use crate::model::Date;
use crate::view::Matrix;
use std::path::Path;

/// Reads the inventory and frameworks (empty = the built-ins) and decides every cell, checking
/// expiry dates against `as_of`. Warnings are dropped; errors are returned.
pub fn map_files(inventory: &Path, frameworks: &[String], as_of: Date) -> Result<Matrix> {
    let source = DataSource::default();
    let registry = data::registry(&source)?;
    let statements = Statements::load(&source)?;
    let (catalogs, _) = data::select_catalogs(&source, frameworks, &CatalogOptions::default())?;
    let (inventory, _) = ingest::load_inventory(inventory, None, &registry)?;
    let inputs = engine::Inputs {
        registry: &registry,
        statements: &statements,
        catalogs: &catalogs,
        inventory: &inventory,
        overrides: &[],
        as_of,
        expiring_within: 30,
        counterpart: Default::default(),
        provider_data: &[],
    };
    Ok(engine::build(&inputs)?.0)
}
