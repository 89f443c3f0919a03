//! Crosswalks on the real binary: the ISO/IEC 27001:2022 built-in, each crosswalk reader on the
//! real NIST files (and the SCF workbook as a pivot), "also serves" in matrix.json, and the
//! consistency check finding a planted disagreement.

mod common;

use common::{code, map_json, run, said, stderr};
use serde_json::Value;

/// The 93 Annex A controls of ISO/IEC 27001:2022, 5.1-5.37, 6.1-6.8, 7.1-7.14, 8.1-8.34.
fn annex_a_ids() -> Vec<String> {
    [(5, 37), (6, 8), (7, 14), (8, 34)].iter().flat_map(|&(t, n)| (1..=n).map(move |i| format!("{t}.{i}"))).collect()
}

#[test]
fn iso_27001_2022_has_exactly_the_93_annex_a_controls() {
    let o = run(&["frameworks"]);
    assert_eq!(code(&o), 0);
    let line = said(&o).lines().find(|l| l.starts_with("iso-27001-2022")).map(str::to_string).unwrap();
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

fn data(rel: &str) -> Option<String> {
    let p = common::shared_data(rel);
    if p.exists() {
        Some(p.display().to_string())
    } else {
        eprintln!("skipped: {} is missing", p.display());
        None
    }
}

fn control<'a>(m: &'a Value, id: &str) -> &'a Value {
    m["controls"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("no control {id}"))
}

/// The "also serves" entries of a control as (framework, control, strength, source).
fn serves(m: &Value, id: &str) -> Vec<(String, String, String, String)> {
    control(m, id)["also_serves"]
        .as_array()
        .map(|l| {
            l.iter()
                .map(|x| {
                    let s = |k: &str| x[k].as_str().unwrap_or_default().to_string();
                    (s("framework"), s("control"), s("strength"), s("source"))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn has(list: &[(String, String, String, String)], fw: &str, id: &str, strength: &str, source: &str) -> bool {
    list.iter().any(|x| x.0 == fw && x.1 == id && x.2 == strength && x.3.contains(source))
}

const SP800_53_MODERATE: &str = "nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json";
const SP800_53: &str = "nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";

/// CSF 2.0 and the 800-53 MODERATE baseline, with extra arguments.
fn csf_and_800_53(extra: &[&str]) -> Option<Value> {
    let (profile, catalog) = (data(SP800_53_MODERATE)?, data(SP800_53)?);
    let mut args =
        vec!["-q", "-i", "samples/inventory.csv", "-f", "nist-csf-2.0", "-f", &profile, "--catalog", &catalog];
    args.extend_from_slice(extra);
    Some(map_json(&args))
}

#[test]
fn the_builtin_csf_to_800_53_crosswalk_links_an_imported_baseline() {
    let Some(m) = csf_and_800_53(&[]) else { return };
    let pr_aa_05 = serves(&m, "PR.AA-05");
    assert!(has(
        &pr_aa_05,
        "nist-sp-800-53-rev5-moderate-baseline-profile",
        "AC-2",
        "related",
        "informative references"
    ));
    // Read from the other end too; a concept crosswalk says nothing more than "related".
    assert!(has(&serves(&m, "AC-2"), "nist-csf-2.0", "PR.AA-05", "related", "CSF 2.0 row"));
    assert!(control(&m, "AC-2")["also_serves"].as_array().unwrap().iter().all(|x| x["relationship"] == "related"));
}

#[test]
fn the_olir_workbook_reads_as_a_concept_crosswalk() {
    let Some(olir) = data("nist-csf/Cybersecurity_Framework_v2-0_Concept_Crosswalk_800-53_5_2_0_draft.xlsx") else {
        return;
    };
    let Some(m) = csf_and_800_53(&["--crosswalk", &olir]) else { return };
    // PR.AA-01 -> AC-02 is a row of the Relationships sheet, and AC-2 is in MODERATE.
    let list = serves(&m, "PR.AA-01");
    let olir_rows: Vec<_> = list.iter().filter(|x| x.3.contains("NIST OLIR crosswalk")).collect();
    assert!(!olir_rows.is_empty(), "{list:?}");
    assert!(olir_rows.iter().all(|x| x.2 == "related"));
    assert!(olir_rows.iter().any(|x| x.1 == "AC-2" && x.3.contains("[Relationships]!C")), "{olir_rows:?}");
    // Provenance names the file, not where it lives.
    assert!(olir_rows.iter().all(|x| !x.3.contains("/shared/")), "{olir_rows:?}");
}

#[test]
fn an_oscal_mapping_collection_keeps_its_set_theory_claim_unless_told_otherwise() {
    let Some(mc) = data("nist-csf/third-party-derived/NIST_CSF_v2.0-to-NIST_SP-800-53_rev5_mapping-collection.json")
    else {
        return;
    };
    let (Some(profile), Some(catalog)) = (data(SP800_53_MODERATE), data(SP800_53)) else { return };
    let o = run(&[
        "map",
        "-i",
        "samples/inventory.csv",
        "-f",
        "nist-csf-2.0",
        "-f",
        &profile,
        "--catalog",
        &catalog,
        "--crosswalk",
        &mc,
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("says superset-of"), "{}", stderr(&o));
    let m: Value = serde_json::from_slice(&o.stdout).unwrap();
    let de_ae_02 = control(&m, "DE.AE-02")["also_serves"].as_array().unwrap().clone();
    let au6 = de_ae_02.iter().find(|x| x["control"] == "AU-6" && x["strength"] == "full").expect("AU-6, full");
    assert_eq!(au6["relationship"], "superset-of");
    assert!(au6["source"].as_str().unwrap().contains("maps[0]"), "{au6}");
    // AU-6 reads the same edge as a subset: it serves DE.AE-02 partially.
    let back = control(&m, "AU-6")["also_serves"].as_array().unwrap().clone();
    assert!(back
        .iter()
        .any(|x| x["control"] == "DE.AE-02" && x["relationship"] == "subset-of" && x["strength"] == "partial"));

    // The same file listed in a project file as a concept crosswalk: related only.
    let dir = tempfile::tempdir().unwrap();
    let project = format!(
        "inventory: {}\nframeworks: [nist-csf-2.0, {profile}]\ncatalog: {catalog}\ncrosswalks:\n  - {{file: {mc}, style: concept-crosswalk}}\n",
        common::root().join("samples/inventory.csv").display()
    );
    let p = common::fixture(&dir, "respmatrix.yaml", project.as_bytes());
    let m = map_json(&["-q", "-c", common::s(&p)]);
    let de_ae_02 = serves(&m, "DE.AE-02");
    assert!(de_ae_02.iter().filter(|x| x.3.contains("NIST_CSF_v2.0 to")).all(|x| x.2 == "related"), "{de_ae_02:?}");
    assert!(has(&de_ae_02, "nist-sp-800-53-rev5-moderate-baseline-profile", "AU-6", "related", "NIST_CSF_v2.0 to"));
}

#[test]
fn csf_iso_2022_and_soc_2_show_what_each_control_also_serves() {
    let Some(scf) = data("scf/Secure Controls Framework (SCF) - 2022.3.xlsx") else { return };
    let Some(csf2) = data("nist-csf/csf2.xlsx") else { return };
    let m = map_json(&[
        "-q",
        "-i",
        "samples/inventory.csv",
        "-f",
        "nist-csf-2.0",
        "-f",
        "iso-27001-2022",
        "-f",
        "soc2-2017",
        "--crosswalk",
        &scf,
        "--crosswalk",
        &csf2,
    ]);
    // CSF 2.0 <-> ISO 27001:2022 from NIST's informative references (built in, and the same
    // references read straight from the reference tool export).
    let gv_oc_03 = serves(&m, "GV.OC-03");
    assert!(has(&gv_oc_03, "iso-27001-2022", "5.31", "related", "NIST CSF 2.0 to ISO/IEC 27001:2022"), "{gv_oc_03:?}");
    assert!(has(&gv_oc_03, "iso-27001-2022", "5.31", "related", "NIST CSF 2.0 informative references"));
    // SOC 2 <-> ISO 27001:2022 through the SCF pivot: CC6.4 (physical access) and 7.1 (physical
    // perimeters), both listed under SCF PES-01.
    let cc64 = serves(&m, "CC6.4");
    assert!(has(&cc64, "iso-27001-2022", "7.1", "related", "(SCF PES-01)"), "{cc64:?}");
    assert!(cc64.iter().all(|x| x.0 != "soc2-2017"), "a control never serves its own framework");
    assert!(has(&serves(&m, "7.1"), "soc2-2017", "CC6.4", "related", "Secure Controls Framework pivot"));
    // Only selected frameworks appear.
    for c in m["controls"].as_array().unwrap() {
        for x in c["also_serves"].as_array().into_iter().flatten() {
            let fw = x["framework"].as_str().unwrap();
            assert!(["nist-csf-2.0", "iso-27001-2022", "soc2-2017"].contains(&fw), "{x}");
        }
    }
    // Without crosswalks between the selected frameworks there is no also_serves at all.
    let plain = map_json(&["-i", "samples/inventory.csv", "-f", "soc2-2017"]);
    assert!(plain["controls"].as_array().unwrap().iter().all(|c| c.get("also_serves").is_none()));
}

const PLANTED: &str = "overrides:
  - id: planted
    framework: iso-27017-2015
    control: A.11.1.1
    services: [web-frontend]
    status: customer
    justification: planted for the crosswalk consistency test
";

#[test]
fn the_consistency_check_finds_a_planted_disagreement() {
    let base = ["check", "-i", "samples/inventory.csv", "-f", "iso-27017-2015", "-f", "iso-27001-2022"];
    let clean = run(&base);
    assert_eq!(code(&clean), 0, "{}", said(&clean));
    assert!(!said(&clean).contains("crosswalk consistency"), "{}", said(&clean));

    let dir = tempfile::tempdir().unwrap();
    let ov = common::fixture(&dir, "overrides.yaml", PLANTED.as_bytes());
    let mut args = base.to_vec();
    args.extend(["--overrides", common::s(&ov)]);
    let o = run(&args);
    assert_eq!(code(&o), 0, "warnings only: {}", said(&o));
    let out = said(&o);
    let line = out.lines().find(|l| l.contains("crosswalk consistency")).unwrap_or_else(|| panic!("{out}"));
    assert!(line.contains("iso-27017-2015 A.11.1.1 is customer but iso-27001-2022 7.1 is inherited"), "{line}");
    assert!(line.contains("web-frontend") && line.contains("A.11.1.1 equals 7.1"), "{line}");
    // Both rationales: the override's and the model's.
    assert!(line.contains("planted for the crosswalk consistency test") && line.contains("Principle"), "{line}");
    assert_eq!(out.lines().filter(|l| l.starts_with("warning: crosswalk consistency")).count(), 1, "{out}");

    // The workbook lists it on the Crosswalk consistency sheet.
    let out_dir = dir.path().join("report");
    let mut args = vec!["report", "-i", "samples/inventory.csv", "-f", "iso-27017-2015", "-f", "iso-27001-2022"];
    args.extend(["--overrides", common::s(&ov), "--out", common::s(&out_dir)]);
    let o = run(&args);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let rows = |name: &str| -> Vec<Vec<String>> {
        common::workbook::sheet(&out_dir, name).rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    };
    let sheet = rows("Crosswalk consistency");
    assert_eq!(sheet.len(), 2, "one finding: {sheet:?}");
    assert_eq!(&sheet[1][1..4], ["iso-27017-2015", "A.11.1.1", "Customer"]);
    assert_eq!(&sheet[1][5..8], ["iso-27001-2022", "7.1", "Inherited"]);
    let controls = rows("Controls");
    let col = controls[0].iter().position(|h| h == "Also serves").unwrap();
    let a1111 = controls.iter().find(|r| r[1] == "A.11.1.1").unwrap();
    assert!(a1111[col].contains("iso-27001-2022 7.1 (full: equal;"), "{}", a1111[col]);
}

#[test]
fn bad_crosswalks_are_reported_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let bad = "id: x\nfrom: nist-csf-2.0\nto: iso-27001-2022\nmappings:\n  - {from: GV.OC-01, to: \"5.1\", relationship: same-ish}\n";
    let p = common::fixture(&dir, "bad.yaml", bad.as_bytes());
    let o = run(&["check", "-i", "samples/inventory.csv", "--crosswalk", common::s(&p)]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    assert!(said(&o).contains("bad.yaml: mappings[0].relationship: unknown relationship \"same-ish\""), "{}", said(&o));
    let p = common::fixture(&dir, "notes.txt", b"hello");
    let o = run(&["map", "-i", "samples/inventory.csv", "--crosswalk", common::s(&p)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("unknown crosswalk format"), "{}", stderr(&o));
    let p = common::fixture(&dir, "m.json", b"{\"catalog\": {}}");
    let o = run(&["map", "-i", "samples/inventory.csv", "--crosswalk", common::s(&p)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("not an OSCAL mapping collection"), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn every_id_of_the_builtin_crosswalks_names_a_real_control() {
    use respmatrix::data::{self, embedded::DataSource, CatalogOptions};
    use respmatrix::model::control_id::key;
    let source = DataSource::default();
    let (crosswalks, _) = respmatrix::crosswalk::load(&source, &[]).unwrap();
    let mut catalogs = data::builtin_catalogs(&source).unwrap();
    if let Some(p) = data(SP800_53) {
        let opts = CatalogOptions { include_withdrawn: true, catalog: None };
        let (mut c, _) = data::load_catalog_file(&source, std::path::Path::new(&p), &opts).unwrap();
        c.id = "sp800-53".into();
        catalogs.push(c);
    }
    for cw in &crosswalks {
        assert!(!cw.edges.is_empty(), "{}", cw.id);
        for e in &cw.edges {
            for end in [&e.from, &e.to] {
                let Some(c) = catalogs.iter().find(|c| c.id == end.framework) else {
                    panic!("{}: framework {} is no built-in", cw.id, end.framework)
                };
                // SP 800-53 5.2.0 added a few controls the 5.0.1 catalog here does not have.
                let known = c.controls.iter().any(|x| key(&x.id) == end.key);
                if end.framework == "sp800-53" && !known {
                    let added_in_5_2 = ["ia-13", "sa-15.13", "sa-24", "si-2.7"];
                    assert!(added_in_5_2.contains(&end.key.as_str()), "{}: {} {}", cw.id, end.framework, end.control);
                    continue;
                }
                assert!(known, "{}: {} {} ({})", cw.id, end.framework, end.control, e.provenance);
            }
        }
    }
    // Every 2013 Annex A control reaches 2022, and every 2022 control but the new ones continues
    // or merges 2013 controls.
    let iso = crosswalks.iter().find(|c| c.id == "iso-27002-2013-to-27001-2022").unwrap();
    let old = catalogs.iter().find(|c| c.id == "iso-27017-2015").unwrap();
    for x in old.controls.iter().filter(|x| x.id.starts_with("A.")) {
        assert!(iso.edges.iter().any(|e| e.from.control == x.id), "{}", x.id);
    }
    let new_in_2022 = ["5.7", "5.23", "5.30", "7.4", "8.9", "8.10", "8.11", "8.12", "8.16", "8.23", "8.28"];
    for id in annex_a_ids() {
        let continued = iso.edges.iter().any(|e| e.to.control == id && e.relationship.id() != "intersects-with");
        assert_eq!(!continued, new_in_2022.contains(&id.as_str()), "{id}");
    }
}

#[test]
fn a_mapping_naming_a_control_the_catalog_lacks_is_a_warning_at_the_mapping() {
    // `PR.AA-5O` (letter O) and `CC9.9` relate nothing: said at their mapping, not dropped.
    let dir = tempfile::tempdir().unwrap();
    let text = "id: typos\nfrom: nist-csf-2.0\nto: soc2-2017\nmappings:\n  - {from: PR.AA-05, to: CC6.3, relationship: subset}\n  - {from: PR.AA-5O, to: CC6.3, relationship: subset}\n  - {from: PR.AA-06, to: CC9.9, relationship: subset}\n";
    let p = common::fixture(&dir, "xw.yaml", text.as_bytes());
    let o = run(&["check", "-c", "samples/respmatrix.yaml", "--crosswalk", common::s(&p)]);
    let out = said(&o);
    assert!(out.contains("xw.yaml: mappings[1].from: \"PR.AA-5O\" is not a control of nist-csf-2.0"), "{out}");
    assert!(out.contains("xw.yaml: mappings[2].to: \"CC9.9\" is not a control of soc2-2017"), "{out}");
    assert!(!out.contains("mappings[0]."), "the mapping between real controls is fine: {out}");
}
