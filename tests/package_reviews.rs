//! The reviewers' Evidence cells of a previous report become evidence in the package, and the
//! bag's workbook carries the reviews; the package and the reviews ledger name the previous
//! report the same however its path is spelled.

mod common;

use common::{code, run, s, stderr, stdout};
use std::path::Path;
use std::process::{Command, Output};

#[test]
fn reviewer_evidence_of_the_previous_report_is_packaged_with_its_hash() {
    let tmp = tempfile::tempdir().unwrap();
    let project = common::root().join("samples/respmatrix.yaml");
    let q1 = tmp.path().join("Q1");
    assert_eq!(code(&run(&["report", "--config", s(&project), "--out", s(&q1)])), 0);
    let book = q1.join(common::workbook::XLSX);
    let typed = tmp.path().join("typed.xlsx");
    // Row 2, Evidence (column 14) and Review status (15): the reviewer's entries.
    common::workbook::type_into(&book, &typed, &[(1, 14, "evidence/mission.txt"), (1, 15, "Evidence collected")]);
    std::fs::copy(&typed, &book).unwrap();
    std::fs::create_dir_all(q1.join("evidence")).unwrap();
    std::fs::write(q1.join("evidence/mission.txt"), "Mission statement v3, approved 2026-03-01\n").unwrap();

    let bag = tmp.path().join("bag");
    let o = run(&["package", "--config", s(&project), "--previous", s(&q1), "--out", s(&bag)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bag.join("data/evidence-manifest.json")).unwrap()).unwrap();
    let text = manifest.to_string();
    assert!(text.contains("mission.txt"), "{text}");
    let digest = respmatrix::report::sha256_hex(b"Mission statement v3, approved 2026-03-01\n");
    assert!(text.contains(&digest), "the evidence file is listed with its SHA-256");
    assert!(text.contains("reviewer Evidence"), "its origin says it came from the reviewers: {text}");
    let carried = common::workbook::sheet(&bag.join("data/report"), "Customer Responsibilities");
    assert_eq!(
        carried.get((1, 15)).map(|d| d.to_string()).unwrap_or_default(),
        "Evidence collected",
        "the bag's workbook carries the review"
    );
    assert_eq!(code(&run(&["verify", s(&bag)])), 0);
}

/// The binary run in `cwd` with a pinned date.
fn run_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(common::BIN).current_dir(cwd).args(args).env("SOURCE_DATE_EPOCH", "1795000000").output().unwrap()
}

#[test]
fn the_previous_report_is_recorded_by_name_however_its_path_is_spelled() {
    let tmp = tempfile::tempdir().unwrap();
    let project = common::root().join("samples/respmatrix.yaml");
    let q1 = tmp.path().join("Q1");
    assert_eq!(code(&run(&["report", "--config", s(&project), "--out", s(&q1), "-q"])), 0);
    let book = q1.join(common::workbook::XLSX);
    let typed = tmp.path().join("typed.xlsx");
    common::workbook::type_into(&book, &typed, &[(1, 14, "evidence/mission.txt"), (1, 15, "Evidence collected")]);
    std::fs::copy(&typed, &book).unwrap();
    std::fs::create_dir_all(q1.join("evidence")).unwrap();
    std::fs::write(q1.join("evidence/mission.txt"), "Mission statement v3\n").unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    std::fs::create_dir_all(&a).unwrap();
    std::fs::create_dir_all(&b).unwrap();

    // `Q1` from the temporary folder, `<absolute>/Q1/` from another one.
    let absolute = format!("{}/", q1.display());
    let spellings = [(tmp.path(), "Q1", "a/pkg"), (a.as_path(), absolute.as_str(), "../b/pkg")];
    let mut zips = Vec::new();
    for (cwd, previous, out) in spellings {
        let o = run_in(cwd, &["package", "--config", s(&project), "--previous", previous, "--out", out, "--zip", "-q"]);
        assert_eq!(code(&o), 0, "{previous}: {}", stderr(&o));
        zips.push(std::fs::read(cwd.join(format!("{out}.zip"))).unwrap());
    }
    assert!(zips[0] == zips[1], "the package's bytes depend on how --previous is spelled");
    let info = std::fs::read_to_string(b.join("pkg/bag-info.txt")).unwrap();
    let manifest = std::fs::read_to_string(b.join("pkg/data/evidence-manifest.json")).unwrap();
    let machine = tmp.path().display().to_string();
    assert!(!info.contains(&machine) && !manifest.contains(&machine), "{manifest}");
    assert!(manifest.contains("\"responsibility-matrix.xlsx (reviewer Evidence, row "), "{manifest}");

    // The ledger for git: the same bytes for `Q1`, `./Q1/` and the workbook's absolute path.
    let ledgers: Vec<String> =
        [(tmp.path(), "Q1".to_string()), (tmp.path(), "./Q1/".into()), (a.as_path(), s(&book).into())]
            .iter()
            .map(|(cwd, given)| {
                let o = run_in(cwd, &["reviews", "export", given, "-q"]);
                assert_eq!(code(&o), 0, "{given}: {}", stderr(&o));
                stdout(&o)
            })
            .collect();
    assert!(ledgers.iter().all(|l| *l == ledgers[0]), "the ledgers differ:\n{}\n{}", ledgers[0], ledgers[2]);
    assert!(ledgers[0].contains("\nsource: responsibility-matrix.xlsx\n"), "{}", ledgers[0]);
}
