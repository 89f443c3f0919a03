//! `matrix.json` is a public contract: its fast writer must say exactly what the report view
//! says, cell by cell, for every way a cell can be decided.

use respmatrix::data::{self, embedded::DataSource, CatalogOptions};
use respmatrix::engine::{self, Statements};
use respmatrix::model::Date;
use respmatrix::view::Matrix;
use respmatrix::{ingest, render};
use serde_json::{json, Value};

mod common;

/// The sample organization with its overrides, against the built-ins and SP 800-53 with
/// withdrawn controls listed: model, product, inventory and override decisions, not-applicable
/// statements and withdrawn controls all occur.
fn sample_matrix() -> Option<Matrix> {
    let catalog = common::shared_data("nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json");
    if !catalog.exists() {
        eprintln!("skipped: {} is missing", catalog.display());
        return None;
    }
    let root = common::root();
    let source = DataSource::default();
    let registry = data::registry(&source).unwrap();
    let statements = Statements::load(&source).unwrap();
    let mut frameworks: Vec<String> = data::DEFAULT_IDS.iter().map(|s| s.to_string()).collect();
    frameworks.push(catalog.display().to_string());
    let options = CatalogOptions { include_withdrawn: true, catalog: None };
    let (catalogs, _) = data::select_catalogs(&source, &frameworks, &options).unwrap();
    let (inventory, _) = ingest::load_inventory(&root.join("samples/inventory.csv"), None, &registry).unwrap();
    let overrides = ingest::overrides::load(&root.join("samples/overrides.yaml")).unwrap();
    let inputs = engine::Inputs {
        registry: &registry,
        statements: &statements,
        catalogs: &catalogs,
        inventory: &inventory,
        overrides: &overrides,
        as_of: Date::parse("2026-11-30").unwrap(),
        expiring_within: 30,
        counterpart: Default::default(),
    };
    Some(engine::build(&inputs).unwrap().0)
}

/// One cell as the report view defines it.
fn expected_cell(m: &Matrix, ci: usize, si: usize) -> Value {
    let c = &m.controls[ci];
    let cell = &c.cells[si];
    json!({
        "service": m.services[si].id,
        "responsibility_id": respmatrix::review::ids::pair_id(
            &m.frameworks[c.framework].id,
            &respmatrix::review::ids::control_key(&c.id),
            &m.services[si].id,
            &cell.part()
        ),
        "status": cell.status.id(),
        "provider_layers": cell.provider.ids(),
        "customer_layers": cell.customer.ids(),
        "shared_layers": cell.shared.ids(),
        "decided_by": m.decided_by(cell, si),
        "rationale": m.rationale(c, cell, si),
        "customer_statement": m.customer_statement(c, cell, si),
        "provider_statement": m.provider_statement(c, cell, si),
    })
}

#[test]
fn every_cell_of_matrix_json_says_what_the_report_view_says() {
    let Some(m) = sample_matrix() else { return };
    let bytes = render::json::render(&m);
    let doc: Value = serde_json::from_slice(&bytes).expect("matrix.json parses");
    assert_eq!(doc["schema"], "respmatrix/matrix@1");
    let controls = doc["controls"].as_array().unwrap();
    assert_eq!(controls.len(), m.controls.len());
    let mut seen = std::collections::BTreeSet::new();
    for (ci, (got, c)) in controls.iter().zip(&m.controls).enumerate() {
        assert_eq!(got["id"], c.id.as_str());
        assert_eq!(got["status"], c.status.id());
        assert_eq!(got["layers"], json!(c.layers.ids()));
        assert_eq!(got["counts"]["not-applicable"], c.counts.not_applicable);
        assert_eq!(got["withdrawn"].as_str(), c.withdrawn.as_deref(), "{}", c.id);
        let cells = got["services"].as_array().unwrap();
        assert_eq!(cells.len(), c.cells.len());
        for (si, cell) in cells.iter().enumerate() {
            assert_eq!(cell, &expected_cell(&m, ci, si), "{} × {}", c.id, m.services[si].id);
            let by = cell["decided_by"].as_str().unwrap();
            seen.insert(by.split(':').next().unwrap().to_string());
            if cell["customer_statement"].as_str().unwrap().starts_with("Not applicable to ") {
                seen.insert("not-applicable statement".into());
            }
        }
        if c.withdrawn.is_some() {
            seen.insert("withdrawn".into());
        }
    }
    for kind in ["model", "product", "service-override", "override", "not-applicable statement", "withdrawn"] {
        assert!(seen.contains(kind), "the fixture exercises {kind}: {seen:?}");
    }
}

#[test]
fn each_cell_is_one_line_and_the_file_ends_with_a_newline() {
    let Some(m) = sample_matrix() else { return };
    let text = String::from_utf8(render::json::render(&m)).unwrap();
    assert!(text.ends_with("}\n"));
    let cell_lines = text.lines().filter(|l| l.starts_with("      {\"service\":")).count();
    let cells: usize = m.controls.iter().map(|c| c.cells.len()).sum();
    assert_eq!(cell_lines, cells, "one line per (control, service) cell");
}
