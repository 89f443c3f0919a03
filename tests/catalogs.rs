//! The built-in catalogs: exact counts, NIST wording taken from the official OSCAL file, our own
//! summaries for copyrighted frameworks, and every control tagged.

mod common;
use common::*;
use respmatrix::data::{builtin_catalogs, embedded::DataSource};
use respmatrix::model::Catalog;

fn catalog(id: &str) -> Catalog {
    builtin_catalogs(&DataSource::default()).unwrap().into_iter().find(|c| c.id == id).unwrap()
}

#[test]
fn nist_csf_has_6_functions_22_categories_106_subcategories() {
    let c = catalog("nist-csf-2.0");
    let functions: Vec<_> = c.families.iter().filter(|f| f.parent.is_none()).map(|f| f.id.as_str()).collect();
    assert_eq!(functions, ["GV", "ID", "PR", "DE", "RS", "RC"]);
    assert_eq!(c.families.iter().filter(|f| f.parent.is_some()).count(), 22);
    assert_eq!(c.controls.len(), 106);
    assert_eq!(c.controls[0].id, "GV.OC-01");
    // Categories in the order NIST publishes them (the XML lists them alphabetically).
    let categories: Vec<_> = c
        .families
        .iter()
        .filter(|f| f.parent.as_deref() == Some("DE") || f.parent.as_deref() == Some("GV"))
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(categories, ["GV.OC", "GV.RM", "GV.RR", "GV.PO", "GV.OV", "GV.SC", "DE.CM", "DE.AE"]);
    assert_eq!(
        c.controls[0].title,
        "The organizational mission is understood and informs cybersecurity risk management"
    );
}

#[test]
fn nist_csf_text_matches_the_official_oscal_catalog() {
    let path = shared_data("nist-oscal/csf-2.0/NIST_CSF_v2.0_catalog.xml");
    let Ok(xml) = std::fs::read_to_string(&path) else {
        panic!("{} is missing: CI runs with ../shared beside the repository", path.display());
    };
    // Whitespace folded and the common entities decoded, as an XML reader would see the text.
    let xml = xml.split_whitespace().collect::<Vec<_>>().join(" ");
    let xml = xml
        .replace("&apos;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    let c = catalog("nist-csf-2.0");
    for control in &c.controls {
        // Every subcategory id and its statement appear in NIST's file.
        assert!(xml.contains(&format!("id=\"{}\"", control.id)), "{}", control.id);
        assert!(xml.contains(&control.title), "{}: {}", control.id, control.title);
    }
}

#[test]
fn iso_27017_has_114_annex_a_controls_and_7_cloud_controls() {
    let c = catalog("iso-27017-2015");
    assert_eq!(c.controls.len(), 121);
    assert_eq!(c.controls.iter().filter(|x| x.id.starts_with("A.")).count(), 114);
    let cld: Vec<_> = c.controls.iter().filter(|x| x.id.starts_with("CLD.")).map(|x| x.id.as_str()).collect();
    assert_eq!(cld, ["CLD.6.3.1", "CLD.8.1.5", "CLD.9.5.1", "CLD.9.5.2", "CLD.12.1.5", "CLD.12.4.5", "CLD.13.1.4"]);
    let clauses: Vec<_> = c.families.iter().filter(|f| f.parent.is_none()).map(|f| f.id.as_str()).collect();
    assert_eq!(clauses.len(), 14);
}

#[test]
fn soc2_has_all_61_criteria_matching_the_published_id_list() {
    let c = catalog("soc2-2017");
    assert_eq!(c.controls.len(), 61);
    let path = shared_data("azure-policy/policySetDefinitions/SOC_2.json");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).expect("shared data present")).unwrap();
    let mut published: Vec<String> = json["properties"]["policyDefinitionGroups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["name"].as_str().unwrap().trim_start_matches("SOC_2_").to_string())
        .collect();
    let mut ours: Vec<String> = c.controls.iter().map(|x| x.id.clone()).collect();
    published.sort();
    ours.sort();
    assert_eq!(ours, published);
}

#[test]
fn every_control_has_layers_and_a_reason() {
    for c in builtin_catalogs(&DataSource::default()).unwrap() {
        for x in &c.controls {
            assert!(!x.layers.is_empty(), "{} {}", c.id, x.id);
            assert!(x.why.len() > 20, "{} {}: no reason for its layers", c.id, x.id);
            assert!(!x.title.is_empty(), "{} {}", c.id, x.id);
        }
    }
}

#[test]
fn frameworks_command_lists_counts() {
    let o = run(&["frameworks"]);
    assert_eq!(code(&o), 0);
    let out = stdout(&o);
    for (id, n) in [("nist-csf-2.0", "106"), ("iso-27017-2015", "121"), ("soc2-2017", "61")] {
        let line = out.lines().find(|l| l.starts_with(id)).unwrap_or_else(|| panic!("{id} missing: {out}"));
        assert!(line.split_whitespace().any(|w| w == n), "{line}");
    }
    let json: serde_json::Value = serde_json::from_slice(&run(&["frameworks", "--format", "json"]).stdout).unwrap();
    let ids: Vec<&str> = json.as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, respmatrix::data::BUILTIN_IDS);
}

#[test]
fn provider_catalogs_are_large_enough_and_match_tolerantly() {
    let reg = respmatrix::data::registry(&DataSource::default()).unwrap();
    let count = |id: &str| reg.providers.iter().find(|p| p.id == id).unwrap().products.len();
    assert!(count("aws") >= 40 && count("azure") >= 25 && count("gcp") >= 20);
    let aws = reg.provider("Amazon Web Services").unwrap();
    for spelling in ["Amazon RDS", "AWS RDS", "RDS", "Amazon Relational Database Service", "rds"] {
        assert_eq!(reg.product(aws, spelling).map(|p| p.name.as_str()), Some("Amazon RDS"), "{spelling}");
    }
    for spelling in ["IaaS", "Infrastructure as a Service", "infrastructure-as-a-service"] {
        assert_eq!(reg.model(spelling).unwrap().id, "iaas");
    }
    assert_eq!(reg.model("FaaS").unwrap().id, "serverless");
    assert_eq!(reg.model("On-Prem").unwrap().id, "on-prem");
    assert_eq!(reg.model("on premises").unwrap().id, "on-prem");
    assert!(reg.collisions().is_empty(), "{:?}", reg.collisions());
}

#[test]
fn a_catalog_file_can_be_given_by_path_and_bad_ones_are_placed() {
    let dir = tempfile::tempdir().unwrap();
    let good = fixture(&dir, "own.yaml", b"id: own\ntitle: Own controls\nfamilies: [{id: F, title: F}]\ncontrols:\n  - {id: OWN-1, family: F, title: Backups, layers: [data]}\n");
    let inv = fixture(&dir, "inv.csv", b"Name,Model\nWeb,IaaS\n");
    let m = map_json(&["-i", s(&inv), "-f", s(&good)]);
    assert_eq!(m["frameworks"][0]["id"], "own");
    assert_eq!(cell_status(&m, "OWN-1", "web"), "customer");
    let bad = fixture(
        &dir,
        "bad.yaml",
        b"id: own\ntitle: Own\ncontrols:\n  - id: OWN-1\n    title: Backups\n    layers: [dta]\n",
    );
    let o = run(&["map", "-i", s(&inv), "-f", s(&bad)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("bad.yaml:4:1: controls[0].layers: unknown layer \"dta\""), "{}", stderr(&o));
    let o = run(&["map", "-i", s(&inv), "-f", "nist-csf-3.0"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("not a built-in framework"), "{}", stderr(&o));
}
