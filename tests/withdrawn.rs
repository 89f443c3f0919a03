//! Withdrawn controls of SP 800-53 with `--include-withdrawn`: listed, marked, not applicable,
//! and named as withdrawn in every artifact.

mod common;
use common::*;

const SP800_53: &str = "nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";

#[test]
fn include_withdrawn_lists_them_marked_and_not_applicable() {
    let inv = root().join("samples/inventory.csv");
    let m = map_json(&["-i", s(&inv), "-f", s(&shared_data(SP800_53)), "--include-withdrawn"]);
    let controls = m["controls"].as_array().unwrap();
    assert_eq!(controls.len(), 1189);
    let w = controls.iter().find(|c| c["id"] == "AC-2(10)").unwrap();
    assert_eq!(w["withdrawn"], "withdrawn: incorporated into AC-2k");
    assert_eq!(w["status"], "not-applicable");
    assert!(w["services"][0]["rationale"].as_str().unwrap().contains("listed for traceability"));
    assert_eq!(controls.iter().filter(|c| c.get("withdrawn").is_some()).count(), 182);
    let active = controls.iter().find(|c| c["id"] == "AC-2").unwrap();
    assert!(active.get("withdrawn").is_none());
}

#[test]
fn withdrawn_controls_carry_their_note_in_every_report() {
    let inv = root().join("samples/inventory.csv");
    let dir = tempfile::tempdir().unwrap();
    let catalog = shared_data(SP800_53);
    let o = run(&["report", "-q", "-i", s(&inv), "-f", s(&catalog), "--include-withdrawn", "--out", s(dir.path())]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let want = "Shared and Group Account Credential Change (withdrawn: incorporated into AC-2k)";
    for file in ["responsibility-matrix.md", "responsibility-matrix.html"] {
        let text = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(text.contains(want), "{file} lacks the withdrawn note");
    }
    let pdf = std::process::Command::new("pdftotext")
        .args(["-raw", s(&dir.path().join("responsibility-matrix.pdf")), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed");
    let text = String::from_utf8_lossy(&pdf.stdout).replace('\n', " ");
    assert!(text.contains("(withdrawn: incorporated into AC-2k)"), "the PDF shows the withdrawn note");
}
