//! `report`: the project file, the report date (never the clock), matrix.json as the contract.

mod common;
use common::*;
use std::process::Command;

fn report(args: &[&str], epoch: Option<&str>) -> std::process::Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("report").args(args).env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", e);
    }
    cmd.output().unwrap()
}

#[test]
fn report_matrix_json_is_the_map_contract_for_the_same_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = root().join("samples/respmatrix.yaml");
    let o = report(&["--config", s(&cfg), "--out", s(dir.path())], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let from_report = std::fs::read(dir.path().join("matrix.json")).unwrap();
    // The project file's report date (2026-11-30) is also the day override expiry is checked on.
    // `report` writes the compact layout (matrix@2) unless told otherwise.
    let map = run(&["map", "--config", s(&cfg), "--as-of", "2026-11-30", "--json-layout", "compact"]);
    assert_eq!(code(&map), 0, "{}", stderr(&map));
    assert!(from_report == map.stdout, "matrix.json differs from `map --json-layout compact` output");
    let o = report(&["--config", s(&cfg), "--out", s(dir.path()), "--json-layout", "inline"], None);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let map = run(&["map", "--config", s(&cfg), "--as-of", "2026-11-30"]);
    assert!(
        std::fs::read(dir.path().join("matrix.json")).unwrap() == map.stdout,
        "inline matrix.json differs from `map`"
    );
}

#[test]
fn flags_win_over_the_project_file_and_inputs_are_required() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = root().join("samples/respmatrix.yaml");
    let inv = fixture(&dir, "inv.csv", b"Name,Model\nWeb,IaaS\n");
    let out = dir.path().join("out");
    let o = report(
        &[
            "--config",
            s(&cfg),
            "-i",
            s(&inv),
            "-f",
            "soc2-2017",
            "--overrides",
            s(&root().join("samples/overrides.yaml")),
            "--out",
            s(&out),
        ],
        None,
    );
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("matrix.json")).unwrap()).unwrap();
    assert_eq!(m["services"].as_array().unwrap().len(), 1);
    assert_eq!(m["frameworks"].as_array().unwrap().len(), 1);

    let o = report(&["--out", s(&out)], None);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no inventory"), "{}", stderr(&o));
    let bad = fixture(&dir, "p.yaml", b"organization: X\nreport_date: someday\n");
    let o = report(&["--config", s(&bad), "-i", s(&inv), "--out", s(&out)], None);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("p.yaml:2:1: report_date \"someday\" is not a date"), "{}", stderr(&o));
}

#[test]
fn the_report_date_comes_from_flags_config_or_source_date_epoch_never_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let inv = fixture(&dir, "inv.csv", b"Name,Model\nWeb,IaaS\n");
    // Same inputs, no date anywhere: two runs a moment apart give the same bytes.
    let a = dir.path().join("a");
    let b = dir.path().join("b");
    assert_eq!(code(&report(&["-i", s(&inv), "--out", s(&a)], None)), 0);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(code(&report(&["-i", s(&inv), "--out", s(&b)], None)), 0);
    for entry in std::fs::read_dir(&a).unwrap() {
        let name = entry.unwrap().file_name();
        assert!(
            std::fs::read(a.join(&name)).unwrap() == std::fs::read(b.join(&name)).unwrap(),
            "{name:?} differs between runs"
        );
    }
    let o = report(&["-i", s(&inv), "--out", s(&a), "--date", "2026-02-30"], None);
    assert_eq!(code(&o), 2, "an impossible date is a usage error");
}
