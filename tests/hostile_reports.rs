//! Damaged reports and misplaced files, as a careless user or a hostile file gives them: `diff`
//! of a relabelled or gutted matrix.json, `verify` of a manifest that climbs out of its payload,
//! a FedRAMP CIS/CRM workbook given as the inventory. Each ends in exit 2 (unreadable) or 1
//! (findings) with a message naming the file and its place, without a panic or a hang.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// A one-service report's matrix.json in `layout` (inline → matrix@1, compact → matrix@2).
fn matrix(dir: &Path, layout: &str) -> PathBuf {
    let out = dir.join(layout);
    let inv = sample_rows(dir, &["AWS"], 1);
    let o = run_bounded(&["report", "-q", "-i", s(&inv), "--formats", "json", "--json-layout", layout, "-o", s(&out)]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    out.join("matrix.json")
}

/// `diff` of a damaged report: a matrix@2 file whose schema line says @1 compared as "no
/// changes" (exit 0), and a matrix.json cut down to its schema line as a report without
/// frameworks or services; both are refused by name now, as a pipe nobody writes to is.
#[test]
fn diff_refuses_a_relabelled_or_gutted_matrix_instead_of_reporting_no_changes() {
    let dir = tempfile::tempdir().unwrap();
    let (inline, compact) = (matrix(dir.path(), "inline"), matrix(dir.path(), "compact"));
    let o = run_bounded(&["diff", s(&inline), s(&compact)]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    assert!(stdout(&o).contains("no changes") && !stdout(&o).contains("0 of 0 cells"), "{}", said(&o));

    let text = std::fs::read_to_string(&compact).unwrap().replacen("respmatrix/matrix@2", "respmatrix/matrix@1", 1);
    std::fs::create_dir(dir.path().join("relabelled")).unwrap();
    let relabelled = dir.path().join("relabelled/matrix.json");
    std::fs::write(&relabelled, text).unwrap();
    let o = run_bounded(&["diff", s(&relabelled), s(&inline)]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    let err = stderr(&o);
    assert!(err.contains("matrix.json: controls[0].services: 0 cells for 1 services"), "{err}");
    assert!(err.contains("it has matrix@2 `cells`, but the file's schema says respmatrix/matrix@1"), "{err}");

    let gutted = dir.path().join("gutted.json");
    std::fs::write(&gutted, "{\"schema\": \"respmatrix/matrix@1\"}").unwrap();
    let o = run_bounded(&["diff", s(&gutted), s(&inline)]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(stderr(&o).contains("gutted.json:1:") && stderr(&o).contains("missing field `frameworks`"), "{}", said(&o));

    #[cfg(unix)]
    {
        let fifo = dir.path().join("old.json");
        let c = std::ffi::CString::new(s(&fifo)).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let o = run_bounded(&["diff", s(&fifo), s(&inline)]);
        assert_eq!(code(&o), 2, "{}", said(&o));
        assert!(stderr(&o).contains("old.json"), "{}", said(&o));
    }
}

/// `matrix` with one more text, `text`, as every decision's customer statement; the number of cells.
fn one_text_everywhere(from: &Path, to: &Path, text: &str, rename: Option<&str>) -> usize {
    let mut doc: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(from).unwrap()).unwrap();
    let texts = doc["texts"].as_array_mut().unwrap();
    texts.push(text.into());
    let at = texts.len() - 1;
    if let Some(name) = rename {
        doc["services"][0]["name"] = name.into();
    }
    let mut cells = 0;
    for c in doc["controls"].as_array_mut().unwrap() {
        cells += c["cells"].as_array().unwrap().len();
        for d in c["decisions"].as_array_mut().unwrap() {
            d["customer_statement"] = at.into();
        }
    }
    std::fs::write(to, serde_json::to_string(&doc).unwrap()).unwrap();
    cells
}

/// A matrix@2 file can give every decision of every control one long text. `diff` compares
/// such statements by what they read (the same text in two files is no change; a difference at
/// its end or in the service's name is one, in every cell), and refuses a text that would read
/// longer than a statement may, naming it.
#[test]
fn diff_reads_a_long_text_every_cell_shares_and_refuses_an_overlong_one() {
    let dir = tempfile::tempdir().unwrap();
    let compact = matrix(dir.path(), "compact");
    let long = "A".repeat(120_000);
    let at = |name: &str| dir.path().join(name);
    let n = one_text_everywhere(&compact, &at("a.json"), &format!("{{service}} {long} 1"), None);
    one_text_everywhere(&compact, &at("same.json"), &format!("{{service}} {long} 1"), None);
    one_text_everywhere(&compact, &at("end.json"), &format!("{{service}} {long} 2"), None);
    one_text_everywhere(&compact, &at("renamed.json"), &format!("{{service}} {long} 1"), Some("Renamed"));
    assert!(n > 100, "{n} cells");

    let o = run_bounded(&["diff", s(&at("a.json")), s(&at("same.json"))]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    assert!(stdout(&o).contains(&format!("no changes; {n} of {n} cells")), "{}", said(&o));
    for other in ["end.json", "renamed.json"] {
        let o = run_bounded(&["diff", s(&at("a.json")), s(&at(other))]);
        assert_eq!(code(&o), 0, "{}", said(&o));
        assert!(stdout(&o).contains(&format!("{n} statement-changed")), "{other}: {}", said(&o));
    }
    // The JSON lists each statement written out.
    let o = run_bounded(&["diff", s(&at("a.json")), s(&at("end.json")), "--format", "json", "-o", s(&at("d.json"))]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(at("d.json")).unwrap()).unwrap();
    let changes = doc["changes"].as_array().unwrap();
    assert_eq!(changes.len(), n);
    let (old, new) = (changes[0]["old"].as_str().unwrap(), changes[0]["new"].as_str().unwrap());
    assert!(old.ends_with(&format!("{long} 1")) && new.ends_with(&format!("{long} 2")), "{}", &old[..80]);
    assert!(!old.contains("{service}") && old.len() > 120_000);

    let o = run_bounded(&["diff", s(&at("a.json")), s(&at("end.json")), "--format", "csv", "-o", s(&at("d.csv"))]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    assert_eq!(csv::Reader::from_path(at("d.csv")).unwrap().records().count(), n);

    one_text_everywhere(&compact, &at("overlong.json"), &"B".repeat(140_000), None);
    let o = run_bounded(&["diff", s(&at("a.json")), s(&at("overlong.json"))]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    let err = stderr(&o);
    assert!(err.contains("overlong.json: texts[") && err.contains("respmatrix reads at most 131068"), "{err}");
    assert!(stdout(&o).is_empty());
}

/// A payload manifest line that climbs out of data/ with `..` is malformed, not "missing".
#[test]
fn verify_names_a_manifest_path_that_climbs_out_of_the_payload() {
    let dir = tempfile::tempdir().unwrap();
    let inv = sample_rows(dir.path(), &["AWS"], 1);
    let bag = dir.path().join("bag");
    let o = run_bounded(&["package", "-q", "-i", s(&inv), "--date", "2026-11-30", "-o", s(&bag)]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    let manifest = bag.join("manifest-sha256.txt");
    let mut text = std::fs::read_to_string(&manifest).unwrap();
    text.push_str(&format!("{}  data/../../outside.txt\n", "0".repeat(64)));
    std::fs::write(&manifest, text).unwrap();
    let o = run_bounded(&["verify", s(&bag)]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    assert!(
        stdout(&o).contains("malformed: manifest-sha256.txt: data/../../outside.txt: a `.` or `..` step"),
        "{}",
        said(&o)
    );
    assert!(!stdout(&o).contains("missing: data/../../outside.txt"), "{}", said(&o));
}

/// The FedRAMP CIS/CRM template given as the inventory: one error saying what it is and where it
/// goes (was: a page of "missing service name" for the rows of its Instructions sheet).
#[test]
fn a_crm_workbook_given_as_the_inventory_says_where_it_belongs() {
    let Some(template) = shared_file("fedramp-templates/SSP-Appendix-J-CSO-CIS-and-CRM-Workbook.xlsx") else { return };
    let o = run_bounded(&["check", "-i", s(&template)]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    let err = stderr(&o);
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(err.contains("FedRAMP CIS/CRM workbook") && err.contains("--provider-data PROVIDER=FILE"), "{err}");
}
