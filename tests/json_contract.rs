//! `matrix.json` is a public contract: its fast writer must say exactly what the report view
//! says, cell by cell, for every way a cell can be decided.

use respmatrix::render;
use respmatrix::view::Matrix;
use serde_json::{json, Value};

mod common;

/// The sample organization with its overrides, against the built-ins and SP 800-53 with
/// withdrawn controls listed: model, product, inventory and override decisions, not-applicable
/// statements and withdrawn controls all occur.
fn sample_matrix() -> Option<Matrix> {
    common::sample::sample_matrix(&respmatrix::data::DEFAULT_IDS, Default::default())
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
        // Each statement's cells say what the view says of them.
        let statements = got.get("statements").and_then(Value::as_array).map_or(&[][..], |v| v.as_slice());
        assert_eq!(statements.len(), c.statements.len(), "{}", c.id);
        for (gs, st) in statements.iter().zip(&c.statements) {
            assert_eq!((gs["id"].as_str(), gs["label"].as_str()), (Some(st.id.as_str()), Some(st.label.as_str())));
            assert_eq!(gs["status"], st.status.id());
            for ((gc, cell), si) in gs["cells"].as_array().unwrap().iter().zip(&st.cells).zip(0..) {
                assert_eq!(gc["status"], cell.status.id());
                assert_eq!(gc["decided_by"], m.decided_by(cell, si).as_str());
                assert_eq!(gc["rationale"], m.statement_rationale(st, cell, si).as_str(), "{} × {si}", st.label);
                assert_eq!(gc["customer_statement"], m.customer_statement(c, cell, si).as_str());
            }
            seen.insert("statement".into());
        }
    }
    for kind in
        ["model", "product", "service-override", "override", "not-applicable statement", "withdrawn", "statement"]
    {
        assert!(seen.contains(kind), "the fixture exercises {kind}: {seen:?}");
    }
}

#[test]
fn each_cell_is_one_line_and_the_file_ends_with_a_newline() {
    let Some(m) = sample_matrix() else { return };
    let text = String::from_utf8(render::json::render(&m)).unwrap();
    assert!(text.ends_with("}\n"));
    let cell_lines = text.lines().filter(|l| l.starts_with("      {\"service\":")).count();
    // Statement cells (controls[].statements[].cells) are cells too, one line each.
    let cells: usize =
        m.controls.iter().map(|c| c.cells.len() + c.statements.iter().map(|s| s.cells.len()).sum::<usize>()).sum();
    assert!(m.controls.iter().any(|c| !c.statements.is_empty()), "the fixture has statements");
    assert_eq!(cell_lines, cells, "one line per (control or statement, service) cell");
}
