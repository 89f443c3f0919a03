//! `respmatrix/matrix@2`, the compact matrix.json: it loses nothing (every cell of the sample and
//! of an SP 800-53 import rebuilds, string for string, to the cell `@1` writes), it is a tenth
//! of the size or less, it matches docs/matrix-v2.schema.json, and `diff` reads it.

mod common;
use common::matrix_v2::inline;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const CATALOG: &str = "nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";

fn catalog() -> Option<PathBuf> {
    let p = shared_data(CATALOG);
    if !p.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI needs {}", p.display());
        eprintln!("skipped: {} is missing", p.display());
        return None;
    }
    Some(p)
}

/// `map` in both layouts for the same arguments: (inline bytes, compact bytes).
fn both(args: &[&str]) -> (Vec<u8>, Vec<u8>) {
    let layout = |l: &str| {
        let mut full = vec!["map", "-q", "--json-layout", l];
        full.extend_from_slice(args);
        let o = run(&full);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        o.stdout
    };
    (layout("inline"), layout("compact"))
}

fn parse(bytes: &[u8]) -> Value {
    serde_json::from_slice(bytes).expect("map prints JSON")
}

/// Every cell and every other field of the compact document, rebuilt, equals the inline one.
fn assert_same_matrix(v1: &Value, v2: &Value) {
    assert_eq!(v1["schema"], "respmatrix/matrix@1");
    assert_eq!(v2["schema"], "respmatrix/matrix@2");
    let rebuilt = inline(v2);
    let (a, b) = (v1["controls"].as_array().unwrap(), rebuilt["controls"].as_array().unwrap());
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        let (xs, ys) = (x["services"].as_array().unwrap(), y["services"].as_array().unwrap());
        assert_eq!(xs.len(), ys.len(), "{}", x["id"]);
        for (cx, cy) in xs.iter().zip(ys) {
            for field in ["rationale", "customer_statement", "provider_statement", "decided_by", "responsibility_id"] {
                assert_eq!(cx[field], cy[field], "{field} of {} × {}", x["id"], cx["service"]);
            }
        }
        assert_eq!(x, y, "control {}", x["id"]);
    }
    assert_eq!(v1, &rebuilt, "every field besides the controls");
}

#[test]
fn every_cell_of_the_sample_rebuilds_to_the_inline_cell() {
    let Some(cat) = catalog() else { return };
    let cfg = root().join("samples/respmatrix.yaml");
    let mut args = vec!["--config", s(&cfg), "--as-of", "2026-11-30", "--include-withdrawn"];
    for f in ["nist-csf-2.0", "iso-27017-2015", "soc2-2017", s(&cat)] {
        args.extend(["-f", f]);
    }
    let (i, c) = both(&args);
    let (v1, v2) = (parse(&i), parse(&c));
    assert_same_matrix(&v1, &v2);
    // The fixture exercises every way a cell is decided and written.
    let mut seen = std::collections::BTreeSet::new();
    for c in v1["controls"].as_array().unwrap() {
        if c.get("withdrawn").is_some() {
            seen.insert("withdrawn".to_string());
        }
        for cell in c["services"].as_array().unwrap() {
            seen.insert(cell["decided_by"].as_str().unwrap().split(':').next().unwrap().to_string());
        }
    }
    for kind in ["model", "product", "service-override", "override", "rule", "withdrawn"] {
        assert!(seen.contains(kind), "the fixture exercises {kind}: {seen:?}");
    }
    // A name with braces stays a name: the texts escape their own braces only.
    let texts = v2["texts"].as_array().unwrap();
    assert_eq!(texts[0], "", "text 0 is the empty text");
    assert!(texts.iter().any(|t| t.as_str().unwrap().contains("{service}")));
}

#[test]
fn an_800_53_import_at_100_services_is_a_tenth_of_the_size_and_loses_nothing() {
    let Some(cat) = catalog() else { return };
    let dir = tempfile::tempdir().unwrap();
    let inv = fixture(&dir, "inventory.csv", respmatrix::synth::inventory_csv(100).as_bytes());
    let (i, c) = both(&["-i", s(&inv), "-f", s(&cat), "--as-of", "2026-11-30"]);
    assert!(c.len() * 10 <= i.len(), "compact {} bytes against inline {}: more than a tenth", c.len(), i.len());
    assert_same_matrix(&parse(&i), &parse(&c));
    // The other reading of counterpart controls decides by other principles.
    let small = fixture(&dir, "small.csv", respmatrix::synth::inventory_csv(20).as_bytes());
    let (i, c) = both(&["-i", s(&small), "-f", s(&cat), "--as-of", "2026-11-30", "--counterpart", "customer"]);
    assert_same_matrix(&parse(&i), &parse(&c));
}

/// A Python with `jsonschema` (`RESPMATRIX_PYTHON`, which .ci/run sets to its venv, else
/// `python3`); skipped with a reason without one, a failure under CI.
fn python_with_jsonschema() -> Option<String> {
    let python = std::env::var("RESPMATRIX_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python).args(["-c", "import jsonschema"]).output().map(|o| o.status.success());
    if ok.unwrap_or(false) {
        return Some(python);
    }
    let why = format!("{python} cannot import jsonschema (pip install jsonschema; .ci/run makes a venv with it)");
    assert!(std::env::var_os("CI").is_none(), "CI needs {why}");
    eprintln!("skipped: {why}");
    None
}

fn validate(python: &str, file: &Path) -> std::process::Output {
    let script = root().join("scripts/matrix_v2.py");
    let schema = root().join("docs/matrix-v2.schema.json");
    Command::new(python).arg(&script).arg("validate").arg(&schema).arg(file).output().unwrap()
}

#[test]
fn report_matrix_json_matches_the_published_schema_and_the_python_consumer_rebuilds_it() {
    let Some(python) = python_with_jsonschema() else { return };
    let dir = tempfile::tempdir().unwrap();
    let cfg = root().join("samples/respmatrix.yaml");
    let out = dir.path().join("out");
    let o = run(&["report", "-q", "--config", s(&cfg), "--out", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let file = out.join("matrix.json");
    let v = validate(&python, &file);
    assert!(v.status.success(), "matrix.json does not match the schema: {}", stderr(&v));

    // The Python consumer of docs/matrix-v2.md rebuilds what `map` writes inline.
    let back =
        Command::new(&python).arg(root().join("scripts/matrix_v2.py")).arg("inline").arg(&file).output().unwrap();
    assert!(back.status.success(), "{}", stderr(&back));
    let map = run(&["map", "--config", s(&cfg), "--as-of", "2026-11-30"]);
    assert_eq!(parse(&back.stdout), parse(&map.stdout));

    // The schema is strict enough to notice a field out of place.
    let mut doc: Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    doc["controls"][0]["cells"][0][1] = Value::from("0");
    let broken = fixture(&dir, "broken.json", &serde_json::to_vec(&doc).unwrap());
    let v = validate(&python, &broken);
    assert!(!v.status.success() && stderr(&v).contains("controls/0/cells/0/1"), "{}", stderr(&v));
}

fn report(cfg: &Path, inv: &Path, out: &Path, layout: &str) {
    let o = run(&["report", "-q", "--config", s(cfg), "-i", s(inv), "--json-layout", layout, "--out", s(out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn diff_reads_a_compact_report_as_it_reads_an_inline_one() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = root().join("samples/respmatrix.yaml");
    let q1 = root().join("samples/inventory.csv");
    let text = std::fs::read_to_string(&q1).unwrap();
    // Q2: the orders database moves to a VM the organization runs.
    let q2 = fixture(
        &dir,
        "q2.csv",
        text.replacen("orders-db,Orders DB,AWS,RDS for PostgreSQL,,", "orders-db,Orders DB,AWS,Amazon EC2,IaaS,", 1)
            .as_bytes(),
    );
    assert_ne!(std::fs::read_to_string(&q2).unwrap(), text);
    report(&cfg, &q1, &dir.path().join("q1"), "inline");
    report(&cfg, &q2, &dir.path().join("new"), "inline");
    let both_inline =
        Command::new(BIN).args(["diff", "q1", "new", "--format", "json"]).current_dir(dir.path()).output().unwrap();
    report(&cfg, &q2, &dir.path().join("new"), "compact");
    let head = std::fs::read(dir.path().join("new/matrix.json")).unwrap();
    assert!(head.starts_with(b"{\n  \"schema\": \"respmatrix/matrix@2\""));
    let with_compact =
        Command::new(BIN).args(["diff", "q1", "new", "--format", "json"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(code(&with_compact), 0, "{}", stderr(&with_compact));
    let d: Value = serde_json::from_slice(&with_compact.stdout).unwrap();
    assert!(
        d["changes"].as_array().unwrap().iter().any(|c| c["service"] == "orders-db" && c["code"] == "toward-customer"),
        "{d}"
    );
    assert_eq!(stdout(&with_compact), stdout(&both_inline), "the same changes whichever layout the new report has");
    // Compact against compact, and a compact report against the same matrix inline: no changes.
    report(&cfg, &q1, &dir.path().join("q1c"), "compact");
    let same = run(&["diff", s(&dir.path().join("q1")), s(&dir.path().join("q1c")), "--fail-on", "any"]);
    assert_eq!(code(&same), 0, "{}", stdout(&same));
    assert!(stdout(&same).contains("no changes"), "{}", stdout(&same));

    // A compact file whose cell names a decision it does not have is an error naming the cell.
    let mut doc: Value = serde_json::from_slice(&head).unwrap();
    doc["controls"][3]["cells"][1][1] = Value::from(999);
    let bad = fixture(&dir, "bad.json", &serde_json::to_vec(&doc).unwrap());
    let o = run(&["diff", s(&dir.path().join("q1")), s(&bad)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("controls[3].cells[1]") && stderr(&o).contains("decision 999"), "{}", stderr(&o));
}
