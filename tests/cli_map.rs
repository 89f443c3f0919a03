//! `map` on the real binary: the JSON contract, CSV rows, determinism, safe and atomic output.

mod common;
use common::*;

fn sample(name: &str) -> String {
    root().join("samples").join(name).to_str().unwrap().to_string()
}

#[test]
fn json_keeps_the_public_contract() {
    let m = map_json(&["-i", &sample("inventory.csv")]);
    assert_eq!(m["schema"], "respmatrix/matrix@1");
    assert!(m["generator"].as_str().unwrap().starts_with("respmatrix "));
    let ids: Vec<_> = m["frameworks"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["nist-csf-2.0", "iso-27017-2015", "soc2-2017"]);
    for f in m["frameworks"].as_array().unwrap() {
        for k in ["id", "title", "version", "controls"] {
            assert!(!f[k].is_null(), "framework.{k}");
        }
    }
    for s in m["services"].as_array().unwrap() {
        for k in ["id", "name", "provider", "service", "model"] {
            assert!(s.get(k).is_some(), "service.{k}");
        }
    }
    let controls = m["controls"].as_array().unwrap();
    assert_eq!(controls.len(), 106 + 121 + 61);
    assert_eq!(controls[0]["id"], "GV.OC-01", "controls keep catalog order");
    let statuses = ["inherited", "shared", "customer", "not-applicable", "mixed"];
    let cell_statuses = &statuses[..4];
    for c in controls {
        for k in ["framework", "id", "title", "layers", "status", "counts", "services"] {
            assert!(c.get(k).is_some(), "control.{k}");
        }
        assert!(statuses.contains(&c["status"].as_str().unwrap()));
        for cell in c["services"].as_array().unwrap() {
            for k in [
                "service",
                "status",
                "provider_layers",
                "customer_layers",
                "shared_layers",
                "decided_by",
                "rationale",
                "customer_statement",
                "provider_statement",
            ] {
                assert!(cell.get(k).is_some(), "cell.{k}");
            }
            // Cells never say mixed: that is an overall status only.
            assert!(cell_statuses.contains(&cell["status"].as_str().unwrap()), "{cell}");
        }
    }
}

#[test]
fn same_inputs_give_the_same_bytes() {
    let args = ["map", "-i", &sample("inventory.xlsx"), "--overrides", &sample("overrides.yaml")];
    assert_eq!(run(&args).stdout, run(&args).stdout);
}

#[test]
fn csv_has_one_row_per_control_and_service() {
    let o = run(&["map", "-i", &sample("inventory.csv"), "--format", "csv", "-f", "soc2-2017"]);
    assert_eq!(code(&o), 0);
    let m = map_json(&["-i", &sample("inventory.csv"), "-f", "soc2-2017"]);
    let services = m["services"].as_array().unwrap().len();
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    assert_eq!(
        r.headers().unwrap().iter().take(4).collect::<Vec<_>>(),
        ["framework", "control_id", "control_title", "control_status"]
    );
    assert_eq!(r.records().count(), 61 * services);
}

#[test]
fn csv_never_turns_input_text_into_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let inv = fixture(&dir, "inv.csv", b"Name,Model,Owner\n=HYPERLINK(\"http://x\"),IaaS,@team\n+cmd,SaaS,-1\n");
    let o = run(&["map", "-i", s(&inv), "--format", "csv", "-f", "soc2-2017"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    for rec in r.records() {
        for field in rec.unwrap().iter() {
            assert!(!field.starts_with(['=', '+', '-', '@', '\t', '\r']), "formula-like field {field:?}");
        }
    }
}

#[test]
fn out_writes_atomically_and_a_failed_run_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matrix.json");
    let o = run(&["map", "-i", &sample("inventory.yaml"), "--out", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let good = std::fs::read(&out).unwrap();
    assert!(serde_json::from_slice::<serde_json::Value>(&good).is_ok());
    let bad = fixture(&dir, "bad.csv", b"Name,Model\nWeb,Nope\n");
    let o = run(&["map", "-i", s(&bad), "--out", s(&out)]);
    assert_eq!(code(&o), 1);
    assert_eq!(std::fs::read(&out).unwrap(), good, "the good file was replaced");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(code(&run(&["map"])), 2);
    assert_eq!(code(&run(&["map", "-i", &sample("inventory.csv"), "--format", "pdf"])), 2);
    assert_eq!(code(&run(&["map", "-i", &sample("inventory.csv"), "--as-of", "tomorrow"])), 2);
}

#[test]
fn the_sample_is_the_same_organization_in_xlsx_csv_and_yaml() {
    let ov = sample("overrides.yaml");
    let xlsx = run(&["map", "-i", &sample("inventory.xlsx"), "--overrides", &ov]);
    assert_eq!(code(&xlsx), 0, "{}", stderr(&xlsx));
    for other in ["inventory.csv", "inventory.yaml"] {
        let o = run(&["map", "-i", &sample(other), "--overrides", &ov]);
        assert!(o.stdout == xlsx.stdout, "{other} maps differently from inventory.xlsx");
    }
    let m: serde_json::Value = serde_json::from_slice(&xlsx.stdout).unwrap();
    let services = m["services"].as_array().unwrap();
    assert!((20..=30).contains(&(services.len() + 1)), "20–30 services");
    assert_eq!(m["excluded_services"].as_array().unwrap().len(), 1);
    assert_eq!(services.iter().filter(|s| !s["layer_overrides"].as_array().unwrap().is_empty()).count(), 1);
    let providers: std::collections::BTreeSet<_> = services.iter().map(|s| s["provider"].as_str().unwrap()).collect();
    assert_eq!(providers.into_iter().collect::<Vec<_>>(), ["aws", "azure", "gcp", "microsoft", "self"]);
    assert!(services.iter().any(|s| s["name"] == "Zürich File Server"));
    assert!(services.iter().any(|s| s["model_source"] == "inferred"));
}
