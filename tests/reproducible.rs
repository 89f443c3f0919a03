//! The same inputs give the same bytes: whatever the working folder, whatever the day (the
//! project's report date is the day expiry is checked on), and a SOURCE_DATE_EPOCH out of range
//! is a usage error, not a date in the year 219250468.

mod common;
use common::*;
use std::process::Command;

fn report_in(cwd: &std::path::Path, config: &str, out: &std::path::Path) {
    let o = Command::new(BIN)
        .current_dir(cwd)
        .args(["report", "-q", "--config", config, "--out", s(out)])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn artifacts_do_not_change_with_the_working_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    report_in(&root(), "samples/respmatrix.yaml", &a);
    report_in(&root().join("samples"), "respmatrix.yaml", &b);
    for name in ["matrix.json", "responsibility-matrix.html", "responsibility-matrix.md", "responsibility-matrix.xlsx"]
    {
        let (x, y) = (std::fs::read(a.join(name)).unwrap(), std::fs::read(b.join(name)).unwrap());
        assert!(x == y, "{name} differs between working folders");
    }
    let md = std::fs::read_to_string(a.join("responsibility-matrix.md")).unwrap();
    assert!(!md.contains("samples/") && !md.contains(s(&root())), "input paths as typed in the Markdown");
}

#[test]
fn the_report_date_not_the_clock_decides_expiry() {
    let cfg = root().join("samples/respmatrix.yaml");
    let pinned = run(&["map", "--config", s(&cfg), "--as-of", "2026-11-30"]);
    assert_eq!(code(&pinned), 0, "{}", stderr(&pinned));
    // A build in 2100: the overrides' expiry dates would all have passed.
    let later =
        Command::new(BIN).args(["map", "--config", s(&cfg)]).env("SOURCE_DATE_EPOCH", "4102444800").output().unwrap();
    assert_eq!(code(&later), 0, "{}", stderr(&later));
    assert!(pinned.stdout == later.stdout, "map follows the clock, not the project's report date");
}

#[test]
fn an_out_of_range_source_date_epoch_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    for epoch in ["6918864826963200000", "-5", "soon"] {
        let o = Command::new(BIN)
            .args(["report", "-i", s(&root().join("samples/inventory.xlsx")), "--out", s(dir.path())])
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        assert_eq!(code(&o), 2, "{epoch}: {}", stderr(&o));
        assert!(stderr(&o).contains("SOURCE_DATE_EPOCH="), "{}", stderr(&o));
    }
}
