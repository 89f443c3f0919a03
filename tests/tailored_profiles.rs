//! A profile that imports another profile (an organization tailoring a NIST baseline): the
//! chain is followed down to the catalog and every profile's selection applies.

mod common;
use common::*;
use respmatrix::data::embedded::DataSource;
use respmatrix::data::{load_catalog_file, CatalogOptions};

const REV5: &str = "nist-oscal/sp800-53-rev5";

/// A temp folder with the NIST LOW baseline profile and the catalog beside it (the files are
/// public domain), plus `tailored.json` importing `low.json` with `selection`.
fn tailoring(selection: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let copy =
        |from: &str, to: &str| std::fs::copy(shared_data(&format!("{REV5}/{from}")), dir.path().join(to)).unwrap();
    copy("NIST_SP-800-53_rev5_LOW-baseline_profile.json", "low.json");
    copy("NIST_SP-800-53_rev5_catalog.json", "NIST_SP-800-53_rev5_catalog.json");
    let profile = format!(
        r#"{{"profile": {{
  "uuid": "8f0c3a40-5d35-4c1e-9d55-1b7e4f4f2a10",
  "metadata": {{"title": "Northwind tailored LOW", "last-modified": "2026-11-01T00:00:00Z", "version": "1.0", "oscal-version": "1.1.2"}},
  "imports": [{{"href": "low.json", {selection}}}],
  "modify": {{"set-parameters": [{{"param-id": "ac-1_prm_2", "values": ["annually"]}}]}}
}}}}"#
    );
    std::fs::write(dir.path().join("tailored.json"), profile).unwrap();
    dir
}

fn ids(m: &serde_json::Value) -> Vec<String> {
    m["controls"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_tailoring_of_the_low_baseline_keeps_lows_controls_less_its_exclusions() {
    let dir = tailoring(r#""include-all": {}, "exclude-controls": [{"with-ids": ["ac-2", "at-2"]}]"#);
    let inv = root().join("samples/inventory.csv");
    let m = map_json(&["-i", s(&inv), "-f", s(&dir.path().join("tailored.json"))]);
    let got = ids(&m);
    assert_eq!(got.len(), 149 - 2, "LOW's 149 less the two excluded");
    assert!(!got.contains(&"AC-2".to_string()) && !got.contains(&"AT-2".to_string()));
    assert!(got.contains(&"AC-1".to_string()) && got.contains(&"SI-2".to_string()));
    assert!(!got.contains(&"AC-2(1)".to_string()), "LOW leaves AC-2(1) out and the tailoring cannot bring it back");
    assert_eq!(m["frameworks"][0]["title"], "Northwind tailored LOW");
}

#[test]
fn ids_the_baseline_lacks_are_named_and_the_chain_is_the_source() {
    let dir = tailoring(r#""include-controls": [{"with-ids": ["ac-1", "ac-2", "ac-2.1"]}]"#);
    let inv = root().join("samples/inventory.csv");
    let tailored = dir.path().join("tailored.json");
    let o = run(&["map", "-i", s(&inv), "-f", s(&tailored)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(ids(&m), ["AC-1", "AC-2"]);
    let err = stderr(&o);
    assert!(err.contains("the profile names 1 control(s) that") && err.contains("low.json"), "{err}");
    assert!(err.contains("AC-2(1)") || err.contains("ac-2.1"), "{err}");
    let opts = CatalogOptions { include_withdrawn: false, catalog: None };
    let (catalog, _) = load_catalog_file(&DataSource::default(), &tailored, &opts).unwrap();
    let chain = catalog.source.split_once("NIST_SP-800-53_rev5_catalog.json (").map(|(_, rest)| rest).unwrap_or("");
    assert!(
        chain.contains(") through ") && chain.ends_with("low.json"),
        "the source names the chain: {}",
        catalog.source
    );
    let inputs: Vec<&str> = catalog.inputs.iter().map(|p| p.rsplit('/').next().unwrap()).collect();
    assert_eq!(inputs, ["tailored.json", "low.json", "NIST_SP-800-53_rev5_catalog.json"], "every file is an input");
}

#[test]
fn profiles_that_import_each_other_are_a_placed_error_not_a_hang() {
    let dir = tailoring(r#""include-all": {}"#);
    // low.json now imports tailored.json back.
    let low = dir.path().join("low.json");
    let text = std::fs::read_to_string(&low).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["profile"]["imports"][0]["href"] = "tailored.json".into();
    std::fs::write(&low, v.to_string()).unwrap();
    let inv = root().join("samples/inventory.csv");
    let o = run(&["map", "-i", s(&inv), "-f", s(&dir.path().join("tailored.json"))]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("imports[0].href") && err.contains("loop"), "{err}");
}
