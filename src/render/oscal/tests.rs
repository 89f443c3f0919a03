//! The SSP of a matrix whose control is answered statement by statement: each statement gets
//! its part id and its own by-components, inherited only where its own cells are.

use crate::model::{Date, LayerSet, Status};
use crate::report::{RenderOptions, Report, ReportMeta};
use crate::view::{Counts, StatementView};
use serde_json::Value;

fn report() -> Report {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let as_of = Date::parse("2026-11-30").unwrap();
    let mut matrix =
        crate::pipeline::map_files(&root.join("samples/inventory.csv"), &["nist-csf-2.0".to_string()], as_of).unwrap();
    // The first control the providers take part in, answered in two parts: (a) as the control
    // is decided, (b) the organization's alone.
    let c = matrix
        .controls
        .iter_mut()
        .find(|c| c.cells.iter().any(|x| matches!(x.status, Status::Inherited | Status::Shared)))
        .expect("a control with inherited or shared cells");
    let mut own = c.cells.clone();
    for cell in &mut own {
        cell.status = Status::Customer;
        cell.customer = cell.customer.or(cell.provider).or(cell.shared);
        cell.provider = LayerSet::default();
        cell.shared = LayerSet::default();
    }
    let part = |id: &str, label: &str, cells: Vec<crate::view::Cell>| {
        let mut counts = Counts::default();
        cells.iter().for_each(|x| counts.add(x.status));
        StatementView {
            id: id.into(),
            label: label.into(),
            prose: "Identities are managed.".into(),
            layers: c.layers,
            why: None,
            status: Status::Mixed,
            counts,
            cells,
        }
    };
    let id = super::names::control_id(&c.id);
    let (a, b) = (format!("{id}_smt.a"), format!("{id}_smt.b"));
    c.statements = vec![part(&a, &format!("{}(a)", c.id), c.cells.clone()), part(&b, &format!("{}(b)", c.id), own)];
    let meta = ReportMeta { organization: "Northwind".into(), report_date: Some(as_of), ..Default::default() };
    Report { matrix, meta, options: RenderOptions::default() }
}

#[test]
fn statements_carry_their_part_ids_and_their_own_inheritance() {
    let r = report();
    let doc: Value = serde_json::from_slice(&super::render(&r).unwrap()).unwrap();
    let reqs = doc["system-security-plan"]["control-implementation"]["implemented-requirements"].as_array().unwrap();
    let c = r.matrix.controls.iter().find(|c| !c.statements.is_empty()).unwrap();
    let req = reqs.iter().find(|q| q["control-id"] == super::names::control_id(&c.id)).expect("its requirement");
    let statements = req["statements"].as_array().expect("statements");
    let ids: Vec<&str> = statements.iter().map(|s| s["statement-id"].as_str().unwrap()).collect();
    let wanted: Vec<&str> = c.statements.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, wanted);
    let services = r.matrix.services.len();
    for (s, view) in statements.iter().zip(&c.statements) {
        let parts = s["by-components"].as_array().unwrap();
        assert_eq!(parts.len(), services + 1, "a by-component per service and this system");
        for (part, cell) in parts.iter().zip(&view.cells) {
            let inherits = matches!(cell.status, Status::Inherited | Status::Shared);
            assert_eq!(part.get("inherited").is_some(), inherits, "{}", view.id);
        }
    }
    // The first part inherits somewhere (the fixture tests both), the second nowhere.
    let inherited =
        |s: &Value| s["by-components"].as_array().unwrap().iter().filter(|p| p.get("inherited").is_some()).count();
    assert!(inherited(&statements[0]) > 0);
    assert_eq!(inherited(&statements[1]), 0);
    // Statement uuids differ from each other and from the requirement's.
    assert_ne!(statements[0]["uuid"], statements[1]["uuid"]);
    assert_ne!(statements[0]["uuid"], req["uuid"]);
}
