//! `report --formats oscal`: ssp.oscal.json for an inventory on AWS and Azure against the
//! FedRAMP Moderate baseline passes the OSCAL 1.1.3 and 1.2.1 JSON Schemas, loads in
//! compliance-trestle, keeps its ids when only the date changes, and says per service what is
//! inherited exactly where the matrix inherits or shares.

mod common;
use common::*;
use serde_json::Value;
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::process::Command;

const INVENTORY: &str = "\
Service ID,Service Name,Cloud Provider,Provider Service,Service Model,Owner,Environment,Data Classification,In Scope
web,Patient Portal,AWS,Amazon EC2,IaaS,Platform Engineering,Production,Confidential,Yes
orders-db,Orders DB,AWS,Amazon RDS,,Platform Engineering,Production,Restricted,Yes
documents,Document Store,AWS,Amazon S3,,Data Team,Production,Restricted,Yes
billing-db,Billing DB,Azure,Azure SQL Database,,Finance IT,Production,Restricted,Yes
archive,Imaging Archive,Azure,Azure Blob Storage,,Data Team,Production,Confidential,Yes
vmware,VMware Cluster,Own datacenter,VMware vSphere,On-prem,IT Operations,Production,Internal,Yes
legacy,Legacy FTP,AWS,Amazon EC2,IaaS,IT Operations,Production,Internal,No
";

/// A project on AWS, Azure and an own datacentre against FedRAMP Rev 5 Moderate (the profile
/// and the SP 800-53 catalog the repository ships), with an AWS attestation.
fn project(dir: &tempfile::TempDir, date: &str) -> PathBuf {
    fixture(dir, "inventory.csv", INVENTORY.as_bytes());
    let catalogs = root().join("catalogs");
    let yaml = format!(
        "organization: Northwind Health\nscope: Patient analytics platform\nreport_date: {date}\n\
         inventory: inventory.csv\nframeworks: [{}]\ncatalog: {}\n\
         document: {{version: \"3.0\", classification: Confidential, prepared_by: Jane Doe}}\n\
         attestations:\n  aws:\n    - {{kind: fedramp, id: F1603087869, period: \"2025-10-01 to 2026-09-30\"}}\n",
        catalogs.join("fedramp-rev5/FedRAMP_rev5_MODERATE-baseline_profile.json").display(),
        catalogs.join("nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json").display(),
    );
    fixture(dir, "respmatrix.yaml", yaml.as_bytes())
}

/// Runs `report` into `out` with extra arguments; returns the SSP's bytes.
fn report(config: &Path, out: &Path, extra: &[&str]) -> Vec<u8> {
    let mut args = vec!["report", "-q", "--config", s(config), "--out", s(out)];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(code(&o), 0, "report failed: {}", stderr(&o));
    std::fs::read(out.join("ssp.oscal.json")).expect("report wrote ssp.oscal.json")
}

fn ssp(bytes: &[u8]) -> Value {
    let v: Value = serde_json::from_slice(bytes).expect("ssp.oscal.json is JSON");
    v["system-security-plan"].clone()
}

fn list<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v[key].as_array().unwrap_or_else(|| panic!("{key} is a list"))
}

/// A Python that runs scripts/oscal_check.py's schema check (`jsonschema` and `regex`, which the
/// schemas' `\p{…}` patterns need); skipped with a reason without one, a failure under CI.
fn python_for_schemas() -> Option<String> {
    let python = std::env::var("RESPMATRIX_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python).args(["-c", "import jsonschema, regex"]).output().map(|o| o.status.success());
    if ok.unwrap_or(false) {
        return Some(python);
    }
    let why = format!("{python} cannot import jsonschema and regex (.ci/run installs them in its venv)");
    assert!(std::env::var_os("CI").is_none(), "CI needs {why}");
    eprintln!("skipped: {why}");
    None
}

/// A Python whose compliance-trestle reads OSCAL `major.minor` (trestle 3.x reads 1.1, 5.x reads
/// 1.2, so .ci/run keeps one venv each: RESPMATRIX_TRESTLE_1_1_PYTHON and RESPMATRIX_PYTHON).
fn python_with_trestle(version: &str) -> Option<String> {
    let minor = &version[..version.rfind('.').unwrap()];
    let candidates =
        ["RESPMATRIX_TRESTLE_1_1_PYTHON", "RESPMATRIX_PYTHON"].iter().filter_map(|v| std::env::var(v).ok());
    for python in candidates.chain(["python3".to_string()]) {
        let o = Command::new(&python).arg(checker()).arg("trestle-version").output();
        let reads = o.ok().filter(|o| o.status.success()).map(|o| stdout(&o).trim().to_string());
        if reads.is_some_and(|r| r.starts_with(&format!("{minor}."))) {
            return Some(python);
        }
    }
    let why = format!(
        "no compliance-trestle that reads OSCAL {minor}: RESPMATRIX_TRESTLE_1_1_PYTHON names a Python with \
         compliance-trestle 3.12 (OSCAL 1.1), RESPMATRIX_PYTHON one with 5.2 (OSCAL 1.2); .ci/run makes both"
    );
    assert!(std::env::var_os("CI").is_none(), "CI needs {why}");
    eprintln!("skipped: {why}");
    None
}

fn checker() -> PathBuf {
    root().join("scripts/oscal_check.py")
}

fn schema(version: &str) -> Option<PathBuf> {
    let p = shared_data(&format!("oscal-schemas/{version}/oscal_ssp_schema.json"));
    if !p.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI needs {}", p.display());
        eprintln!("skipped: {} is missing", p.display());
        return None;
    }
    Some(p)
}

fn check_valid(file: &Path, version: &str) {
    if let (Some(python), Some(schema)) = (python_for_schemas(), schema(version)) {
        let o = Command::new(&python).arg(checker()).arg("schema").arg(&schema).arg(file).output().unwrap();
        assert!(o.status.success(), "not valid OSCAL {version}: {}", stderr(&o));
    }
    if let Some(python) = python_with_trestle(version) {
        let o = Command::new(&python).arg(checker()).arg("trestle").arg(file).output().unwrap();
        assert!(o.status.success(), "compliance-trestle cannot load it: {}", stderr(&o));
    }
}

#[test]
fn the_ssp_passes_both_oscal_schemas_and_loads_in_compliance_trestle() {
    let dir = tempfile::tempdir().unwrap();
    let config = project(&dir, "2026-11-30");
    for (version, extra) in [("1.1.3", vec![]), ("1.2.1", vec!["--oscal-version", "1.2.1"])] {
        let out = dir.path().join(format!("out-{version}"));
        let mut args = vec!["--formats", "oscal"];
        args.extend(extra);
        let doc = ssp(&report(&config, &out, &args));
        assert_eq!(doc["metadata"]["oscal-version"], version);
        check_valid(&out.join("ssp.oscal.json"), version);
    }
    // The checker notices a broken plan: an id that is no UUID.
    let out = dir.path().join("out-1.1.3");
    let text = std::fs::read_to_string(out.join("ssp.oscal.json")).unwrap();
    let first = ssp(text.as_bytes())["uuid"].as_str().unwrap().to_string();
    let broken = fixture(&dir, "broken.json", text.replacen(&first, "not-a-uuid", 1).as_bytes());
    if let (Some(python), Some(schema)) = (python_for_schemas(), schema("1.1.3")) {
        let o = Command::new(&python).arg(checker()).arg("schema").arg(&schema).arg(&broken).output().unwrap();
        assert!(!o.status.success(), "the schema check let a broken uuid through");
    }
}

/// Every uuid and uuid reference of the plan, in document order.
fn ids(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match x.as_str() {
                    Some(id) if k == "uuid" || k.ends_with("-uuid") => out.push(id.to_string()),
                    _ => ids(x, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|x| ids(x, out)),
        _ => {}
    }
}

#[test]
fn ids_stay_the_same_next_quarter_and_the_dates_come_from_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let a = report(&project(&dir, "2026-11-30"), &dir.path().join("q4"), &["--formats", "oscal"]);
    let again = report(&project(&dir, "2026-11-30"), &dir.path().join("q4-again"), &["--formats", "oscal"]);
    assert!(a == again, "the same inputs gave different bytes");
    let b = report(&project(&dir, "2027-02-28"), &dir.path().join("q1"), &["--formats", "oscal"]);
    let (a, b) = (ssp(&a), ssp(&b));
    assert_eq!(a["metadata"]["last-modified"], "2026-11-30T00:00:00Z");
    assert_eq!(b["metadata"]["last-modified"], "2027-02-28T00:00:00Z");
    let (mut ia, mut ib) = (Vec::new(), Vec::new());
    ids(&a, &mut ia);
    ids(&b, &mut ib);
    assert!(ia.len() > 1000, "only {} ids", ia.len());
    assert_eq!(ia, ib, "ids changed with the report date");
    for id in &ia {
        assert_eq!(&id[14..15], "5", "{id} is not a UUIDv5");
    }
}

#[test]
fn each_requirement_answers_per_service_and_inherits_only_where_the_matrix_inherits_or_shares() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let config = project(&dir, "2026-11-30");
    let doc = ssp(&report(&config, &out, &["--formats", "oscal,json", "--json-layout", "inline"]));
    let matrix: Value = serde_json::from_slice(&std::fs::read(out.join("matrix.json")).unwrap()).unwrap();
    let services: Vec<&str> = list(&matrix, "services").iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(services.len(), 6, "the out-of-scope service is not in the matrix");

    // Components: this system and one per in-scope service; leveraged authorizations for AWS and
    // Azure only (the own datacentre leverages nothing), AWS's citing its attestation.
    let si = &doc["system-implementation"];
    let components = list(si, "components");
    assert_eq!(components[0]["type"], "this-system");
    assert_eq!(components.len(), services.len() + 1);
    let auths = list(si, "leveraged-authorizations");
    let titles: Vec<&str> = auths.iter().map(|a| a["title"].as_str().unwrap()).collect();
    assert_eq!(auths.len(), 2, "{titles:?}");
    let aws = auths.iter().find(|a| a["title"].as_str().unwrap().contains("Amazon")).expect("an AWS authorization");
    assert_eq!(aws["date-authorized"], "2025-10-01");
    assert!(aws["remarks"].as_str().unwrap().contains("F1603087869"));
    let prop = |c: &Value, name: &str| {
        c["props"].as_array().and_then(|p| p.iter().find(|p| p["name"] == name)).map(|p| p["value"].clone())
    };
    let vmware = components.iter().find(|c| c["title"] == "VMware Cluster").unwrap();
    assert_eq!(prop(vmware, "implementation-point").unwrap(), "internal");
    assert!(prop(vmware, "leveraged-authorization-uuid").is_none());
    let web = components.iter().find(|c| c["title"] == "Patient Portal").unwrap();
    assert_eq!(prop(web, "implementation-point").unwrap(), "external");
    assert_eq!(prop(web, "leveraged-authorization-uuid").unwrap(), aws["uuid"]);

    let roles: HashSet<&str> = list(&doc["metadata"], "roles").iter().map(|r| r["id"].as_str().unwrap()).collect();
    let parties: HashSet<&str> =
        list(&doc["metadata"], "parties").iter().map(|p| p["uuid"].as_str().unwrap()).collect();
    let reqs = list(&doc["control-implementation"], "implemented-requirements");
    let controls: Vec<&Value> = list(&matrix, "controls").iter().filter(|c| c.get("withdrawn").is_none()).collect();
    assert_eq!(reqs.len(), controls.len());
    let (mut inherited, mut own, mut statements) = (0, 0, 0);
    for (req, control) in reqs.iter().zip(&controls) {
        let id = control["id"].as_str().unwrap();
        assert_eq!(req["control-id"], id.to_lowercase().replace('(', ".").replace(')', ""), "{id}");
        let parts = list(req, "by-components");
        assert_eq!(parts.len(), services.len() + 1, "{id}: a by-component per service and this system");
        let uuids: HashSet<&str> = parts.iter().map(|p| p["component-uuid"].as_str().unwrap()).collect();
        assert_eq!(uuids.len(), parts.len(), "{id}: component uuids repeat");
        for (cell, part) in list(control, "services").iter().zip(parts) {
            let status = cell["status"].as_str().unwrap();
            let service = components.iter().find(|c| c["uuid"] == part["component-uuid"]).unwrap();
            assert_eq!(prop(service, "service-id").unwrap(), cell["service"], "{id}");
            let inherits = part.get("inherited").is_some();
            assert_eq!(inherits, status == "inherited" || status == "shared", "{id} {}: {status}", cell["service"]);
            let origins: Vec<&Value> = part["props"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["name"] == "control-origination")
                .map(|p| &p["value"])
                .collect();
            assert_eq!(origins.iter().any(|o| *o == "inherited"), inherits, "{id} {}", cell["service"]);
            if status == "customer" || status == "shared" {
                let text = cell["customer_statement"].as_str().unwrap();
                assert_eq!(part["description"], text, "{id}: the organization's part is its description");
                own += 1;
            }
            if inherits {
                inherited += 1;
            }
            for role in part["responsible-roles"].as_array().into_iter().flatten() {
                assert!(roles.contains(role["role-id"].as_str().unwrap()));
                for p in list(role, "party-uuids") {
                    assert!(parties.contains(p.as_str().unwrap()));
                }
            }
        }
        // Statements, where the control is answered statement by statement, carry the part ids.
        let wanted: BTreeSet<&str> =
            control["statements"].as_array().into_iter().flatten().map(|s| s["id"].as_str().unwrap()).collect();
        let got: BTreeSet<&str> =
            req["statements"].as_array().into_iter().flatten().map(|s| s["statement-id"].as_str().unwrap()).collect();
        assert_eq!(wanted, got, "{id}");
        for (view, st) in control["statements"]
            .as_array()
            .into_iter()
            .flatten()
            .zip(req["statements"].as_array().into_iter().flatten())
        {
            let parts = list(st, "by-components");
            assert_eq!(parts.len(), services.len() + 1, "{id} {}", view["id"]);
            for (cell, part) in list(view, "cells").iter().zip(parts) {
                let status = cell["status"].as_str().unwrap();
                let inherits = part.get("inherited").is_some();
                assert_eq!(
                    inherits,
                    status == "inherited" || status == "shared",
                    "{} {}: {status}",
                    view["id"],
                    cell["service"]
                );
                if status == "customer" || status == "shared" {
                    assert_eq!(part["description"], cell["customer_statement"], "{}", view["id"]);
                }
                statements += 1;
            }
        }
    }
    assert!(statements > 1000, "{statements} statement parts: FedRAMP Moderate is answered statement by statement");
    assert!(
        inherited > 100 && own > 100,
        "{inherited} inherited and {own} own parts: the fixture no longer tests both"
    );
}

#[test]
fn a_built_in_framework_is_described_in_the_back_matter_that_import_profile_points_at() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let config = root().join("samples/respmatrix.yaml");
    let doc = ssp(&report(&config, &out, &["--formats", "oscal"]));
    let href = doc["import-profile"]["href"].as_str().unwrap();
    let resource = list(&doc["back-matter"], "resources")
        .iter()
        .find(|r| format!("#{}", r["uuid"].as_str().unwrap()) == href)
        .unwrap_or_else(|| panic!("import-profile {href} names no back-matter resource"));
    assert_eq!(resource["title"], "NIST Cybersecurity Framework (CSF) 2.0");
    let first = &list(&doc["control-implementation"], "implemented-requirements")[0];
    assert_eq!(first["control-id"], "gv.oc-01", "CSF ids keep their zeros in the OSCAL form");
    check_valid(&out.join("ssp.oscal.json"), "1.1.3");
}

#[test]
fn oscal_version_without_the_oscal_format_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let config = project(&dir, "2026-11-30");
    let out = dir.path().join("out");
    let o = run(&["report", "--config", s(&config), "--out", s(&out), "--formats", "json", "--oscal-version", "1.2.1"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("add oscal to --formats"), "{}", stderr(&o));
    assert!(!out.join("matrix.json").exists());
}
