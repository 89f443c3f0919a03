//! `map --format csv` is streamed from pieces made once per service and control: every row must
//! still say exactly what the report view says, for every way a cell is decided.

use respmatrix::data::{self, embedded::DataSource, CatalogOptions};
use respmatrix::engine::{self, Statements};
use respmatrix::model::Date;
use respmatrix::render::safe::csv_cell;
use respmatrix::view::Matrix;
use respmatrix::{ingest, render};

mod common;

/// The sample organization with its overrides, against the built-ins and SP 800-53 with
/// withdrawn controls listed, read the `customer` way so every principle occurs.
fn sample_matrix() -> Option<Matrix> {
    let catalog = common::shared_data("nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json");
    if !catalog.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI needs {}", catalog.display());
        eprintln!("skipped: {} is missing", catalog.display());
        return None;
    }
    let root = common::root();
    let source = DataSource::default();
    let registry = data::registry(&source).unwrap();
    let statements = Statements::load(&source).unwrap();
    let mut frameworks: Vec<String> = data::BUILTIN_IDS.iter().map(|s| s.to_string()).collect();
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
        counterpart: respmatrix::model::Counterpart::Customer,
    };
    Some(engine::build(&inputs).unwrap().0)
}

#[test]
fn every_streamed_row_says_what_the_report_view_says() {
    let Some(m) = sample_matrix() else { return };
    let bytes = render::csv::render(&m);
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), render::csv::HEADERS);
    let mut rows = r.records();
    let mut withdrawn = 0;
    for c in &m.controls {
        withdrawn += c.withdrawn.is_some() as usize;
        for (si, cell) in c.cells.iter().enumerate() {
            let s = &m.services[si];
            let got = rows.next().expect("a row per cell").unwrap();
            let want = [
                m.frameworks[c.framework].id.clone(),
                c.id.clone(),
                c.title.clone(),
                c.status.id().to_string(),
                s.id.clone(),
                s.name.clone(),
                s.provider.clone().unwrap_or_default(),
                s.product.clone().unwrap_or_default(),
                s.model.clone(),
                cell.status.id().to_string(),
                cell.provider.ids().join(" "),
                cell.customer.ids().join(" "),
                cell.shared.ids().join(" "),
                m.decided_by(cell, si),
                m.rationale(c, cell, si),
                m.provider_statement(c, cell, si),
                m.customer_statement(c, cell, si),
                c.layers.ids().join(" "),
            ];
            let want: Vec<String> = want.iter().map(|t| csv_cell(t).into_owned()).collect();
            assert_eq!(got.iter().collect::<Vec<_>>(), want, "{} × {}", c.id, s.id);
        }
    }
    assert!(rows.next().is_none(), "no row beyond the cells");
    assert!(withdrawn > 0, "the fixture lists withdrawn controls");
    assert!(bytes.ends_with(b"\n") && !bytes.contains(&b'\r'), "LF line ends");
}
