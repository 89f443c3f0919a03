//! The reviewers' Evidence cells of a previous report become evidence in the package, and the
//! bag's workbook carries the reviews.

mod common;

use common::{code, run, s, stderr};

#[test]
fn reviewer_evidence_of_the_previous_report_is_packaged_with_its_hash() {
    let tmp = tempfile::tempdir().unwrap();
    let project = common::root().join("samples/respmatrix.yaml");
    let q1 = tmp.path().join("Q1");
    assert_eq!(code(&run(&["report", "--config", s(&project), "--out", s(&q1)])), 0);
    let book = q1.join(common::workbook::XLSX);
    let typed = tmp.path().join("typed.xlsx");
    // Row 2, Evidence (column 14) and Review status (15): the reviewer's entries.
    common::workbook::type_into(&book, &typed, &[(1, 14, "evidence/mission.txt"), (1, 15, "Evidence collected")]);
    std::fs::copy(&typed, &book).unwrap();
    std::fs::create_dir_all(q1.join("evidence")).unwrap();
    std::fs::write(q1.join("evidence/mission.txt"), "Mission statement v3, approved 2026-03-01\n").unwrap();

    let bag = tmp.path().join("bag");
    let o = run(&["package", "--config", s(&project), "--previous", s(&q1), "--out", s(&bag)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bag.join("data/evidence-manifest.json")).unwrap()).unwrap();
    let text = manifest.to_string();
    assert!(text.contains("mission.txt"), "{text}");
    let digest = respmatrix::report::sha256_hex(b"Mission statement v3, approved 2026-03-01\n");
    assert!(text.contains(&digest), "the evidence file is listed with its SHA-256");
    assert!(text.contains("reviewer Evidence"), "its origin says it came from the reviewers: {text}");
    let carried = common::workbook::sheet(&bag.join("data/report"), "Customer Responsibilities");
    assert_eq!(
        carried.get((1, 15)).map(|d| d.to_string()).unwrap_or_default(),
        "Evidence collected",
        "the bag's workbook carries the review"
    );
    assert_eq!(code(&run(&["verify", s(&bag)])), 0);
}
