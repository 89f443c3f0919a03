//! Calibration against public data: respmatrix's statuses for an Azure SQL Database service under
//! SP 800-53 Rev. 5, compared with Microsoft's own NIST SP 800-53 R5 initiative
//! (`../shared/data/azure-policy/`, MIT).
//!
//! Azure's side, per control (policy group `NIST_SP_800-53_R5_<ID>` with at least one reference):
//! a "Microsoft Managed Control" policy of the v13 set is Microsoft's part; an automated audit of
//! v13 or any reference of v14 (customer manual actions `CMA_*` and audits) is the customer's.
//! Both → shared, Microsoft only → inherited, customer only → customer. A PE control whose v13
//! references are all Microsoft-managed counts as inherited: the v14 manual actions there are
//! about the customer's own offices, not the cloud service.

mod common;

use respmatrix::model::Date;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

const PREFIX: &str = "NIST_SP_800-53_R5_";

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// Every policy definition's GUID (lower-case) → whether it is a Microsoft Managed Control.
fn definitions(dir: &Path, out: &mut HashMap<String, bool>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            definitions(&path, out);
        } else if path.extension().is_some_and(|e| e == "json") {
            let v = read(&path);
            let name = v["name"].as_str().unwrap_or_default().to_ascii_lowercase();
            let props = &v["properties"];
            let managed = props["policyType"] == "Static"
                && props["displayName"].as_str().is_some_and(|d| d.starts_with("Microsoft Managed Control"));
            out.insert(name, managed);
        }
    }
}

/// Per control: (has a Microsoft part, has a customer part, every v13 reference is Microsoft's).
fn azure_parts(root: &Path) -> BTreeMap<String, (bool, bool, bool)> {
    let mut defs = HashMap::new();
    definitions(&root.join("policyDefinitions"), &mut defs);
    let mut parts: BTreeMap<String, (bool, bool, bool)> = BTreeMap::new();
    for (file, v13) in [("NIST_SP_800-53_R5.v13.0.0.json", true), ("NIST_SP_800-53_R5.json", false)] {
        let set = read(&root.join("policySetDefinitions").join(file));
        for r in set["properties"]["policyDefinitions"].as_array().unwrap() {
            let id = r["policyDefinitionId"].as_str().unwrap().rsplit('/').next().unwrap().to_ascii_lowercase();
            let managed = *defs.get(&id).unwrap_or(&false);
            for g in r["groupNames"].as_array().into_iter().flatten() {
                let Some(control) = g.as_str().and_then(|g| g.strip_prefix(PREFIX)) else { continue };
                let e = parts.entry(control.to_ascii_uppercase()).or_insert((false, false, true));
                if v13 && managed {
                    e.0 = true;
                } else {
                    e.1 = true;
                }
                if v13 && !managed {
                    e.2 = false;
                }
            }
        }
    }
    parts
}

fn azure_status(control: &str, (ms, customer, all_ms_v13): (bool, bool, bool)) -> &'static str {
    if control.starts_with("PE-") && ms && all_ms_v13 {
        return "inherited";
    }
    match (ms, customer) {
        (true, true) => "shared",
        (true, false) => "inherited",
        _ => "customer",
    }
}

#[test]
fn azure_sql_database_agrees_with_microsofts_sp800_53_initiative() {
    let root = common::shared_data("azure-policy");
    let catalog = common::shared_data("nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json");
    if !root.is_dir() || !catalog.is_file() {
        assert!(std::env::var_os("CI").is_none(), "CI needs ../shared/data/azure-policy");
        eprintln!("skipped: ../shared/data/azure-policy is not here");
        return;
    }
    let azure = azure_parts(&root);
    let dir = tempfile::tempdir().unwrap();
    let inventory = common::fixture(
        &dir,
        "inventory.csv",
        b"Service ID,Service Name,Provider,Provider Service\nsqldb,Claims DB,Azure,Azure SQL Database\n",
    );
    let frameworks = [catalog.display().to_string()];
    let m = respmatrix::pipeline::map_files(&inventory, &frameworks, Date::parse("2026-12-01").unwrap()).unwrap();
    let ours: HashMap<String, &'static str> =
        m.controls.iter().map(|c| (c.id.to_ascii_uppercase(), c.cells[0].status.id())).collect();

    let (mut total, mut agree) = (0, 0);
    let mut split: BTreeMap<&str, usize> = BTreeMap::new();
    let mut differ = Vec::new();
    for (control, parts) in &azure {
        let Some(mine) = ours.get(control) else { continue };
        let theirs = azure_status(control, *parts);
        *split.entry(theirs).or_default() += 1;
        total += 1;
        if *mine == theirs {
            agree += 1;
        } else {
            differ.push(format!("{control} (Azure {theirs}, respmatrix {mine})"));
        }
    }
    let rate = agree as f64 / total as f64;
    eprintln!("agreement with Azure's initiative: {agree}/{total} = {:.1}%; Azure split {split:?}", rate * 100.0);
    eprintln!("differences: {}", differ.join(", "));
    // The data set: 390 controls with references, all in the catalog.
    assert_eq!(total, 390, "controls compared");
    assert!(rate >= 0.85, "agreement {:.1}% is under the 85% floor", rate * 100.0);
    // Principles that stay even where Azure reads differently: the organization's users' access
    // rights are the customer's; media sanitization in Microsoft's data centres is inherited.
    assert_eq!(ours["AC-2"], "customer");
    assert_eq!(ours["MP-6"], "inherited");
    let seen: HashSet<&str> = split.keys().copied().collect();
    assert!(seen.contains("inherited") && seen.contains("shared"), "{split:?}");
}
