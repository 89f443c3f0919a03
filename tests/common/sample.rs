//! The sample organization decided in-process, with its overrides, against some built-ins and
//! SP 800-53 with withdrawn controls listed: every way a cell is decided occurs.

use respmatrix::data::{self, embedded::DataSource, CatalogOptions};
use respmatrix::engine::{self, Statements};
use respmatrix::model::{Counterpart, Date};
use respmatrix::view::Matrix;

/// The sample matrix, or `None` (skipped, said why) when the 800-53 catalog is absent; CI
/// needs it.
pub fn sample_matrix(builtins: &[&str], counterpart: Counterpart) -> Option<Matrix> {
    let catalog = super::shared_data("nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json");
    if !catalog.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI needs {}", catalog.display());
        eprintln!("skipped: {} is missing", catalog.display());
        return None;
    }
    let root = super::root();
    let source = DataSource::default();
    let registry = data::registry(&source).unwrap();
    let statements = Statements::load(&source).unwrap();
    let mut frameworks: Vec<String> = builtins.iter().map(|s| s.to_string()).collect();
    frameworks.push(catalog.display().to_string());
    let options = CatalogOptions { include_withdrawn: true, catalog: None };
    let (catalogs, _) = data::select_catalogs(&source, &frameworks, &options).unwrap();
    let inventory = root.join("samples/inventory.csv");
    let (inventory, _) = respmatrix::ingest::load_inventory(&inventory, None, &registry).unwrap();
    let overrides = respmatrix::ingest::overrides::load(&root.join("samples/overrides.yaml")).unwrap();
    let inputs = engine::Inputs {
        registry: &registry,
        statements: &statements,
        catalogs: &catalogs,
        inventory: &inventory,
        overrides: &overrides,
        as_of: Date::parse("2026-11-30").unwrap(),
        expiring_within: 30,
        counterpart,
        provider_data: &[],
    };
    Some(engine::build(&inputs).unwrap().0)
}
