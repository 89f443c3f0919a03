//! Catalog import on the real files in ../shared/data: OSCAL catalogs (JSON, XML) and profiles,
//! withdrawn controls, parameters, id spellings, layer tags, custom spreadsheet/YAML catalogs,
//! and broken files.

mod common;
use common::*;
use respmatrix::data::embedded::DataSource;
use respmatrix::data::{load_catalog_file, CatalogOptions};
use respmatrix::diag::Diagnostics;
use respmatrix::model::{control_id, Catalog};

const SP800_53: &str = "nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";
const REV5: &str = "nist-oscal/sp800-53-rev5";
const CSF_XML: &str = "nist-oscal/csf-2.0/NIST_CSF_v2.0_catalog.xml";
const SP800_171: &str = "nist-oscal/sp800-171-rev3/NIST_SP800-171_rev3_catalog.xml";

fn load_with(rel: &str, include_withdrawn: bool) -> (Catalog, Diagnostics) {
    let path = shared_data(rel);
    let opts = CatalogOptions { include_withdrawn, catalog: None };
    load_catalog_file(&DataSource::default(), &path, &opts).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn load(rel: &str) -> Catalog {
    let (c, d) = load_with(rel, false);
    assert!(d.items.is_empty(), "{rel}: unexpected warnings: {:?}", d.items);
    c
}

fn control<'a>(c: &'a Catalog, id: &str) -> &'a respmatrix::model::Control {
    c.controls.iter().find(|x| x.id == id).unwrap_or_else(|| panic!("{}: no control {id}", c.id))
}

fn position(c: &Catalog, id: &str) -> usize {
    c.controls.iter().position(|x| x.id == id).unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn sp800_53_json_has_1007_active_of_1189_and_enhancements_follow_their_control() {
    let c = load(SP800_53);
    assert_eq!(c.controls.len(), 1007);
    assert_eq!(c.version, "5.0.1");
    assert_eq!(c.families.len(), 20);
    assert_eq!(c.families[0].id, "AC");
    assert!(position(&c, "AC-2") < position(&c, "AC-2(1)") && position(&c, "AC-2(13)") < position(&c, "AC-3"));
    assert!(c.controls.iter().all(|x| x.withdrawn.is_none()));
    assert!(c.source.contains("182 withdrawn controls left out"), "{}", c.source);
    let (all, _) = load_with(SP800_53, true);
    assert_eq!(all.controls.len(), 1189);
    assert_eq!(all.controls.iter().filter(|x| x.withdrawn.is_some()).count(), 182);
    assert_eq!(control(&all, "AC-2(10)").withdrawn.as_deref(), Some("withdrawn: incorporated into AC-2k"));
    assert_eq!(control(&all, "AC-13").withdrawn.as_deref(), Some("withdrawn: incorporated into AC-2, AU-6"));
}

#[test]
fn csf_2_xml_has_106_active_subcategories_and_borrows_the_builtin_tags() {
    let c = load(CSF_XML);
    assert_eq!(c.controls.len(), 106);
    let builtin = respmatrix::data::builtin_catalogs(&DataSource::default()).unwrap();
    let csf = builtin.iter().find(|b| b.id == "nist-csf-2.0").unwrap();
    // Same subcategories; the XML keeps its own (alphabetical) category order, the built-in
    // catalog NIST's published one.
    let mut ids: Vec<&str> = c.controls.iter().map(|x| x.id.as_str()).collect();
    let mut want: Vec<&str> = csf.controls.iter().map(|x| x.id.as_str()).collect();
    ids.sort_unstable();
    want.sort_unstable();
    assert_eq!(ids, want);
    let x = control(&c, "PR.PS-02");
    assert_eq!(x.title, "Software is maintained, replaced, and removed commensurate with risk");
    assert_eq!(x.layers, control(csf, "PR.PS-02").layers);
    assert!(x.why.starts_with("as nist-csf-2.0 PR.PS-02:"), "{}", x.why);
    // Functions and the 22 live categories are families; the 12 CSF 1.1 categories hold nothing.
    assert_eq!(c.families.iter().filter(|f| f.parent.is_none()).count(), 6);
    assert_eq!(c.families.iter().filter(|f| f.parent.as_deref() == Some("PR")).count(), 5);
    assert!(c.family("ID.BE").is_none());
    // Withdrawn CSF 1.1 subcategories have no examples and no status prop; listed on request.
    let (all, _) = load_with(CSF_XML, true);
    assert_eq!(all.controls.len(), 185);
    assert!(control(&all, "ID.BE-01").withdrawn.is_some());
    assert!(all.family("ID.BE").is_some());
}

#[test]
fn sp800_171_rev3_xml_imports_with_the_800_53_family_tags() {
    let c = load(SP800_171);
    assert_eq!(c.controls.len(), 97);
    assert_eq!(c.families.len(), 17);
    let x = control(&c, "03.09.01");
    assert_eq!(x.title, "Personnel Screening");
    assert_eq!(x.family, "03.09");
    assert_eq!(
        x.description.as_deref(),
        Some(
            "a. Screen individuals prior to authorizing access to the system.\nb. Rescreen individuals in \
             accordance with [Assignment: organization-defined conditions requiring rescreening]."
        )
    );
    assert_eq!(control(&c, "03.01.01").layers.ids(), ["identity"]);
    assert!(control(&c, "03.10.07").why.starts_with("sp800-53 family PE"), "{}", control(&c, "03.10.07").why);
    // Cryptographic protection: the provider's mechanism, the organization's settings.
    assert_eq!(control(&c, "03.13.11").layers.ids(), ["security-services", "data"]);
    let (all, _) = load_with(SP800_171, true);
    assert_eq!(all.controls.len(), 130);
    assert_eq!(control(&all, "03.01.13").withdrawn.as_deref(), Some("withdrawn: addressed by 03.13.08"));
}

#[test]
fn baseline_profiles_select_149_287_370_from_the_catalog_beside_them() {
    for (level, n) in [("LOW", 149), ("MODERATE", 287), ("HIGH", 370)] {
        let rel = format!("{REV5}/NIST_SP-800-53_rev5_{level}-baseline_profile.json");
        let c = load(&rel);
        assert_eq!(c.controls.len(), n, "{level}");
        assert_eq!(c.inputs.len(), 2, "{:?}", c.inputs);
        assert!(c.inputs[1].ends_with("NIST_SP-800-53_rev5_catalog.json"));
        assert!(c.title.contains(level), "{}", c.title);
        let resolved = load(&format!("{REV5}/NIST_SP-800-53_rev5_{level}-baseline-resolved-profile_catalog-min.json"));
        assert_eq!(resolved.controls.len(), n, "{level} resolved");
        let ids = |c: &Catalog| c.controls.iter().map(|x| control_id::key(&x.id)).collect::<Vec<_>>();
        assert_eq!(ids(&c), ids(&resolved), "{level}: profile and NIST's resolution select the same controls");
    }
}

#[test]
fn resolved_5_1_1_catalogs_use_the_classless_label_and_800_53a_parameters() {
    let c = load(&format!("{REV5}/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json"));
    assert_eq!(c.version, "5.1.1+u4");
    let ac2 = control(&c, "AC-2");
    let text = ac2.description.as_deref().unwrap();
    assert!(
        text.contains("c. Require [Assignment: organization-defined prerequisites and criteria] for group"),
        "{text}"
    );
    assert!(control(&c, "AC-2(1)").title.starts_with("Automated System Account Management"));
    let ac1 = control(&c, "AC-1").description.clone().unwrap();
    assert!(ac1.contains("[Selection (one or more): organization-level; mission/business process-level; system-level]"));
}

#[test]
fn parameters_are_rendered_in_every_real_catalog() {
    let c = load(SP800_53);
    let ac1 = control(&c, "AC-1").description.clone().unwrap();
    assert!(ac1.starts_with("a. Develop, document, and disseminate to [Assignment: organization-defined personnel or roles]:\n  1. [Selection (one or more): Organization-level; Mission/business process-level; System-level] access control policy that:\n    (a) Addresses purpose"), "{ac1}");
    let ac7 = control(&c, "AC-7").description.clone().unwrap();
    assert!(ac7.contains("[Selection (one or more): lock the account or node for an [Assignment: organization-defined time period]; lock the account"), "{ac7}");
    let fedramp = load("fedramp-automation/baselines/FedRAMP_rev5_MODERATE-baseline-resolved-profile_catalog.xml");
    assert_eq!(fedramp.controls.len(), 323);
    let ac2 = control(&fedramp, "AC-2").description.clone().unwrap();
    assert!(
        ac2.contains("[Assignment: organization-defined time period (constraint: twenty-four (24) hours)]"),
        "{ac2}"
    );
    for cat in [&c, &fedramp, &load(SP800_171), &load(CSF_XML)] {
        for x in &cat.controls {
            let text = format!("{} {}", x.title, x.description.as_deref().unwrap_or(""));
            assert!(!text.contains("{{") && !text.contains("insert:"), "{} {}: {text}", cat.id, x.id);
        }
    }
}

#[test]
fn id_spellings_name_one_control() {
    let table = [
        ("ac-2.1", "ac-2.1"),
        ("AC-2(1)", "ac-2.1"),
        ("AC-02(01)", "ac-2.1"),
        ("AC-02 (01)", "ac-2.1"),
        ("AC-2 (1)", "ac-2.1"),
        ("RA-05 (05)", "ra-5.5"),
        ("CP-02(08)\n", "cp-2.8"),
        ("PM-09", "pm-9"),
        ("AC-2(10)", "ac-2.10"),
        ("PR.PS-02", "pr.ps-2"),
    ];
    for (spelling, key) in table {
        assert_eq!(control_id::key(spelling), key, "{spelling}");
    }
    // An override written zero-padded with a space hits the catalog's AC-2(1); globs still work.
    let dir = tempfile::tempdir().unwrap();
    let ov = fixture(
        &dir,
        "ov.yaml",
        b"overrides:\n  - {id: padded, control: \"AC-02 (01)\", status: not-applicable, justification: \"No system accounts: SSO only.\"}\n  - {id: glob, control: \"PE-1*\", services: [vmware-cluster], status: inherited, justification: \"Colocation provider runs the site.\"}\n",
    );
    let inv = root().join("samples/inventory.csv");
    let m = map_json(&["-i", s(&inv), "-f", s(&shared_data(SP800_53)), "--overrides", s(&ov)]);
    assert_eq!(cell_status(&m, "AC-2(1)", "web-frontend"), "not-applicable");
    assert_eq!(cell_status(&m, "AC-2", "web-frontend"), "customer");
    assert_eq!(cell_status(&m, "PE-13", "vmware-cluster"), "inherited");
    assert_eq!(cell_status(&m, "PE-3", "vmware-cluster"), "customer");
}

#[test]
fn map_800_53_on_the_sample_inventory() {
    let inv = root().join("samples/inventory.csv");
    let o = run(&["map", "--format", "json", "-i", s(&inv), "-f", s(&shared_data(SP800_53))]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "every 800-53 control is tagged by the layer table: {}", stderr(&o));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(m["frameworks"][0]["controls"], 1007);
    assert_eq!(m["controls"].as_array().unwrap().len(), 1007);
    // Physical and environmental: inherited from every cloud provider, the customer's on-prem.
    for svc in ["web-frontend", "orders-db", "document-store", "email"] {
        assert_eq!(cell_status(&m, "PE-3", svc), "inherited", "{svc}");
    }
    assert_eq!(cell_status(&m, "PE-3", "vmware-cluster"), "customer");
    // Identity is the customer's; training and contingency planning are shared (the seeds'
    // examples); policies are counterpart controls, shared with every cloud provider.
    for svc in ["web-frontend", "orders-db", "document-store", "email"] {
        assert_eq!(cell_status(&m, "AC-2", svc), "customer", "{svc}");
        assert_eq!(cell_status(&m, "AT-2", svc), "shared", "{svc}");
        assert_eq!(cell_status(&m, "CP-2", svc), "shared", "{svc}");
        assert_eq!(cell_status(&m, "AC-1", svc), "shared", "{svc}");
    }
    // Backups and encryption at rest: the provider's mechanism on managed services, the
    // organization's own on a bare instance.
    for svc in ["orders-db", "document-store", "email"] {
        assert_eq!(cell_status(&m, "CP-9", svc), "shared", "{svc}");
        assert_eq!(cell_status(&m, "SC-28", svc), "shared", "{svc}");
    }
    assert_eq!(cell_status(&m, "SC-28", "web-frontend"), "customer");
    // Flaw remediation of a SaaS service: nothing left for the organization.
    assert_eq!(cell_status(&m, "SI-2", "email"), "inherited");
    assert_eq!(cell_status(&m, "SI-2", "orders-db"), "shared");
    // EC2: AWS protects its network, the customer configures the security groups.
    assert_eq!(cell_status(&m, "SC-7", "web-frontend"), "shared");
    assert_eq!(cell_status(&m, "SC-7", "hl7-interface"), "shared");
    let pe3 = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == "PE-3").unwrap();
    assert_eq!(pe3["family"], "PE");
    assert!(pe3["services"][0]["rationale"].as_str().unwrap().contains("facilities"));
}

#[test]
fn a_profile_copied_beside_its_catalog_resolves_by_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let profile = dir.path().join("low.json");
    std::fs::copy(shared_data(&format!("{REV5}/NIST_SP-800-53_rev5_LOW-baseline_profile.json")), &profile).unwrap();
    let inv = root().join("samples/inventory.csv");
    // The rlink (../../../../nist.gov/…) leads nowhere and the catalog is not beside it yet.
    let o = run(&["map", "-i", s(&inv), "-f", s(&profile)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("low.json: imports[0].href: cannot find the catalog this profile imports: \"#84cbf061-eb87-4ec1-8112-1f529232e907\""), "{err}");
    assert!(err.contains("nist.gov/SP800-53/rev5/json/NIST_SP-800-53_rev5_catalog.json"), "{err}");
    assert!(err.contains("--catalog PATH"), "{err}");
    std::fs::copy(shared_data(SP800_53), dir.path().join("NIST_SP-800-53_rev5_catalog.json")).unwrap();
    let m = map_json(&["-i", s(&inv), "-f", s(&profile)]);
    assert_eq!(m["frameworks"][0]["controls"], 149);
    assert_eq!(m["frameworks"][0]["id"], "low");
}

#[test]
fn catalog_flag_and_ids_the_catalog_lacks_are_warned_not_silenced() {
    let dir = tempfile::tempdir().unwrap();
    let profile = fixture(
        &dir,
        "mine.json",
        br##"{"profile": {"metadata": {"title": "Mine", "version": "1"},
             "imports": [{"href": "#cat", "include-controls": [{"with-ids": ["ac-2", "AC-2(1)", "ac-2.10", "zz-99"]}]}],
             "back-matter": {"resources": [{"uuid": "cat", "rlinks": [{"href": "https://example.org/catalog.json"}]}]}}}"##,
    );
    let inv = root().join("samples/inventory.csv");
    let o = run(&["map", "-i", s(&inv), "-f", s(&profile)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("https://example.org/catalog.json (not downloaded"), "{}", stderr(&o));
    let o = run(&["map", "-i", s(&inv), "-f", s(&profile), "--catalog", s(&shared_data(SP800_53))]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ids: Vec<&str> = m["controls"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["AC-2", "AC-2(1)"]);
    let err = stderr(&o);
    assert!(err.contains("names 1 control(s) that") && err.contains("does not have, left out: zz-99"), "{err}");
    assert!(err.contains("withdrawn in") && err.contains("AC-2(10)"), "{err}");
    // The project file can name the catalog too.
    let cat = s(&shared_data(SP800_53)).to_string();
    let project = format!("inventory: {}\nframeworks: [mine.json]\ncatalog: {cat}\n", s(&inv));
    let config = fixture(&dir, "respmatrix.yaml", project.as_bytes());
    let m = map_json(&["--config", s(&config)]);
    assert_eq!(m["controls"].as_array().unwrap().len(), 2);
    // `check` prints the same warnings on stdout.
    let o = run(&["check", "-i", s(&inv), "-f", s(&profile), "--catalog", s(&shared_data(SP800_53))]);
    assert_eq!(code(&o), 0);
    assert!(said(&o).contains("zz-99") && said(&o).contains("2 warning(s)"), "{}", said(&o));
}

#[test]
fn broken_catalogs_are_placed_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let json = std::fs::read(shared_data(SP800_53)).unwrap();
    let cut = fixture(&dir, "cut.json", &json[..2000]);
    let xml = fixture(&dir, "bad.xml", b"<?xml version=\"1.0\"?>\n<catalog xmlns=\"http://csrc.nist.gov/ns/oscal/1.0\">\n  <group id=\"ac\">\n    <title>AC</title>\n</catalog>\n");
    let ssp = shared_data("nist-oscal/examples/ssp-example.json");
    let inv = root().join("samples/inventory.csv");
    for (file, want) in [
        (cut.clone(), "cut.json:59:2: JSON syntax error: EOF while parsing a list".to_string()),
        (xml.clone(), "bad.xml:5:1: XML syntax error: expected 'group' tag, not 'catalog'".to_string()),
        (ssp.clone(), "not an OSCAL catalog or profile".to_string()),
    ] {
        for cmd in ["map", "check"] {
            let o = run(&[cmd, "-i", s(&inv), "-f", s(&file)]);
            assert_eq!(code(&o), 2, "{cmd} {}", file.display());
            let text = format!("{}{}", said(&o), stderr(&o));
            assert!(text.contains(&want), "{cmd}: {text}");
        }
    }
}

#[test]
fn an_unknown_oscal_catalog_gets_the_default_with_one_warning() {
    let dir = tempfile::tempdir().unwrap();
    let cat = fixture(
        &dir,
        "acme.yaml",
        b"catalog:\n  metadata: {title: ACME Controls, version: '1'}\n  groups:\n    - id: ops\n      title: Operations\n      controls:\n        - {id: ops-1, title: Backups}\n        - {id: ops-2, title: Monitoring}\n",
    );
    let inv = root().join("samples/inventory.csv");
    let o = run(&["map", "--format", "json", "-i", s(&inv), "-f", s(&cat)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:")).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("2 of 2 controls of \"ACME Controls\" (acme)"), "{}", warnings[0]);
    assert!(warnings[0].contains("[application, service-config]"), "{}", warnings[0]);
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(cell_status(&m, "ops-1", "web-frontend"), "customer");
    assert_eq!(cell_status(&m, "ops-1", "email"), "shared");
    let q = run(&["--quiet", "map", "-i", s(&inv), "-f", s(&cat)]);
    assert!(stderr(&q).is_empty());
    // A layer table of one's own, added with --data, tags it.
    std::fs::create_dir_all(dir.path().join("data/frameworks/layers")).unwrap();
    let table = "id: acme\ntitle: ACME\nfamilies:\n  - {id: ops, layers: [data, workforce], why: \"Backups and monitoring of our data.\"}\n";
    fixture(&dir, "data/frameworks/layers/acme.yaml", table.as_bytes());
    let data = dir.path().join("data");
    let o = run(&["--data", s(&data), "map", "--format", "json", "-i", s(&inv), "-f", s(&cat)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(cell_status(&m, "ops-1", "web-frontend"), "shared");
}

#[test]
fn a_spreadsheet_catalog_borrows_layers_through_maps_to() {
    let dir = tempfile::tempdir().unwrap();
    let book = xlsx(
        "Controls",
        &[
            &["ACME licensed ISO wording", "", "", "", ""],
            &[],
            &["Control ID", "Control Name", "Domain", "Layers", "Maps To", "Control Text"],
            &["A.8.13", "Information backup", "Technological", "", "nist-csf-2.0:PR.DS-11", "Backups are kept."],
            &["A.7.1", "Physical security perimeters", "Physical", "", "PE-3", ""],
            &["ACME-1", "Own access reviews", "Own", "identity; data", "", ""],
            &["ACME-2", "Vendor letters", "Own", "", "", ""],
            &["A.5.15", "Access control", "Organizational", "", "AC-02 (01)", ""],
        ],
    );
    let path = fixture(&dir, "acme-iso.xlsx", &book);
    let inv = root().join("samples/inventory.csv");
    let o = run(&["map", "--format", "json", "-i", s(&inv), "-f", s(&path)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("1 of 5 controls of \"ACME licensed ISO wording\" (acme-iso)"), "{}", stderr(&o));
    assert!(stderr(&o).contains(": ACME-2"), "{}", stderr(&o));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(m["frameworks"][0]["id"], "acme-iso");
    assert_eq!(cell_status(&m, "A.8.13", "web-frontend"), "shared");
    assert_eq!(cell_status(&m, "A.7.1", "document-store"), "inherited");
    assert_eq!(cell_status(&m, "ACME-1", "email"), "customer");
    assert_eq!(cell_status(&m, "A.5.15", "email"), "customer");
    let a713 = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == "A.7.1").unwrap();
    assert_eq!(a713["family"], "Physical");
    let why = a713["services"][0]["rationale"].as_str().unwrap();
    assert!(why.contains("facilities"), "{why}");
}

#[test]
fn an_xml_profile_with_children_exclusions_and_parameter_values() {
    let dir = tempfile::tempdir().unwrap();
    let profile = fixture(
        &dir,
        "mine.xml",
        br##"<?xml version="1.0" encoding="UTF-8"?>
<profile xmlns="http://csrc.nist.gov/ns/oscal/1.0" uuid="5b8e2a4c-0000-4000-8000-000000000001">
  <metadata><title>Mine (XML)</title><version>1</version><oscal-version>1.1.2</oscal-version></metadata>
  <import href="#cat">
    <include-controls with-child-controls="yes"><with-id>ac-2</with-id></include-controls>
    <include-controls><with-id>PE-03</with-id></include-controls>
    <exclude-controls><with-id>AC-2(13)</with-id></exclude-controls>
  </import>
  <merge><as-is>true</as-is></merge>
  <modify><set-parameter param-id="ac-2_prm_1"><value>approval by the CISO</value></set-parameter></modify>
  <back-matter>
    <resource uuid="cat"><rlink href="missing/NIST_SP-800-53_rev5_catalog.json" media-type="application/oscal.catalog+json"/></resource>
  </back-matter>
</profile>
"##,
    );
    std::fs::copy(shared_data(SP800_53), dir.path().join("NIST_SP-800-53_rev5_catalog.json")).unwrap();
    let opts = CatalogOptions::default();
    let (c, d) = load_catalog_file(&DataSource::default(), &profile, &opts).unwrap();
    let ids: Vec<&str> = c.controls.iter().map(|x| x.id.as_str()).collect();
    let want = ["AC-2", "AC-2(1)", "AC-2(2)", "AC-2(3)", "AC-2(4)", "AC-2(5)", "AC-2(6)", "AC-2(7)", "AC-2(8)"];
    assert_eq!(ids[..9], want);
    assert_eq!(ids[9..], ["AC-2(9)", "AC-2(11)", "AC-2(12)", "PE-3"]);
    assert_eq!(c.title, "Mine (XML)");
    let ac2 = control(&c, "AC-2").description.clone().unwrap();
    assert!(ac2.contains("c. Require approval by the CISO for group and role membership;"), "{ac2}");
    let warnings: Vec<String> = d.items.iter().map(|w| w.to_string()).collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("withdrawn in") && warnings[0].ends_with("AC-2(10)"), "{warnings:?}");
}

/// Every cell's responsibility id, in document order.
fn pair_ids(m: &serde_json::Value) -> Vec<String> {
    let cells = m["controls"].as_array().unwrap().iter().flat_map(|c| c["services"].as_array().unwrap());
    cells.map(|x| x["responsibility_id"].as_str().unwrap().to_string()).collect()
}

#[test]
fn id_equals_path_keeps_the_framework_id_and_pair_ids_when_the_file_is_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let (old, new) = (dir.path().join("sp800-53-2024.json"), dir.path().join("catalog (1).json"));
    std::fs::copy(shared_data(SP800_53), &old).unwrap();
    std::fs::copy(shared_data(SP800_53), &new).unwrap();
    let by_name = map_json(&["-i", s(&inv), "-f", s(&old)]);
    assert_eq!(by_name["frameworks"][0]["id"], "sp800-53-2024", "without an id, the file name names it");
    let a = map_json(&["-i", s(&inv), "-f", &format!("sp800-53r5={}", s(&old))]);
    let b = map_json(&["-i", s(&inv), "-f", &format!("sp800-53r5={}", s(&new))]);
    assert_eq!(a["frameworks"][0]["id"], "sp800-53r5");
    assert_eq!(b["frameworks"][0]["id"], "sp800-53r5");
    assert_eq!(pair_ids(&a), pair_ids(&b), "a renamed download keeps every pair id");
    assert_ne!(pair_ids(&a), pair_ids(&by_name));
    // A built-in's id is refused rather than merged with the built-in.
    let o = run(&["map", "-i", s(&inv), "-f", &format!("nist-csf-2.0={}", s(&old))]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("nist-csf-2.0 is the id of the built-in"), "{}", stderr(&o));
    // In a project file, PATH is read relative to the project file.
    let project = format!("inventory: {}\nframeworks: [\"sp800-53r5=catalog (1).json\"]\n", s(&inv));
    let config = fixture(&dir, "respmatrix.yaml", project.as_bytes());
    let c = map_json(&["--config", s(&config)]);
    assert_eq!(c["frameworks"][0]["id"], "sp800-53r5");
    assert_eq!(pair_ids(&c), pair_ids(&a));
}
