//! A field of megabytes where a name or a title belongs (a service name, a control id or title,
//! an override's justification, any spreadsheet cell) is refused at its place with the limit,
//! exit 2, before anything is written: each is repeated in every cell and page it belongs to,
//! and a 20 MB service name or control title used to run `report` for minutes. Fields at the
//! limit are read as before.

mod common;
use common::*;

const HUGE: usize = 5_000_000;

/// `report` on the inputs, which must fail fast with exit 2, naming `place` and the limit, and
/// leave no report folder.
fn refused(dir: &tempfile::TempDir, inventory: &str, framework: &str, extra: &[&str], place: &str, limit: &str) {
    let out = dir.path().join("report");
    let mut args = vec!["report", "-i", inventory, "-f", framework, "--out", s(&out)];
    args.extend_from_slice(extra);
    let o = run_bounded(&args);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{place}: {err}");
    assert!(err.contains(place), "the error names {place}: {err}");
    assert!(err.contains(&format!("at most {limit} characters")), "the error names the limit: {err}");
    assert!(err.len() < 2_000, "the error quotes an excerpt, not the value: {} bytes", err.len());
    assert!(!out.exists(), "nothing is written for refused input");
}

/// The workbook with `from` replaced by `to` in every part: a cell longer than Excel (and
/// rust_xlsxwriter) lets one be, as another program could write it.
fn replaced(book: &[u8], from: &str, to: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(text.replace(from, to).as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_huge_service_field_is_refused_at_its_cell_in_every_inventory_format() {
    let dir = tempfile::tempdir().unwrap();
    let name = "N".repeat(HUGE);
    let csv = fixture(&dir, "inv.csv", format!("name,provider,model\nweb,aws,iaas\n{name},aws,paas\n").as_bytes());
    refused(&dir, s(&csv), "nist-csf-2.0", &[], "inv.csv!A3", "32767");
    let long = "N".repeat(3_000);
    let csv = fixture(&dir, "names.csv", format!("name,provider,model\nweb,aws,iaas\ndb,aws,{long}\n").as_bytes());
    refused(&dir, s(&csv), "nist-csf-2.0", &[], "names.csv!C3", "2048");
    let yaml =
        format!("services:\n  - name: web\n    model: iaas\n  - name: db\n    model: paas\n    owner: \"{name}\"\n");
    let yaml = fixture(&dir, "inv.yaml", yaml.as_bytes());
    refused(&dir, s(&yaml), "nist-csf-2.0", &[], "services[1].owner", "2048");
    let book = xlsx("Services", &[&["name", "model", "notes"], &["web", "iaas", "PLACEHOLDER"]]);
    let xlsx = fixture(&dir, "inv.xlsx", &replaced(&book, "PLACEHOLDER", &"n".repeat(40_000)));
    refused(&dir, s(&xlsx), "nist-csf-2.0", &[], "inv.xlsx[Services]!C2", "32767");
}

#[test]
fn a_huge_control_id_or_title_is_refused_in_a_custom_and_an_oscal_catalog() {
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let title = "T".repeat(HUGE);
    let rows = fixture(&dir, "cat.csv", format!("id,title,family\nX-1,One,X\nX-2,{title},X\n").as_bytes());
    refused(&dir, s(&inv), s(&rows), &[], "cat.csv!B3", "32767");
    let id = "I".repeat(3_000);
    let rows =
        fixture(&dir, "ids.yaml", format!("- {{id: X-1, title: One}}\n- {{id: \"{id}\", title: Two}}\n").as_bytes());
    refused(&dir, s(&inv), s(&rows), &[], "[1].id", "2048");
    let oscal = serde_json::json!({"catalog": {
        "uuid": "00000000-0000-4000-8000-000000000001",
        "metadata": {"title": "Tiny", "version": "1", "oscal-version": "1.1.2",
                     "last-modified": "2026-01-01T00:00:00Z"},
        "controls": [{"id": "t-1", "title": "One"}, {"id": "t-2", "title": title}]}});
    let oscal = fixture(&dir, "tiny.json", oscal.to_string().as_bytes());
    refused(&dir, s(&inv), s(&oscal), &[], "control 2", "32767");
}

#[test]
fn a_huge_override_justification_or_label_is_refused_at_its_entry() {
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let why = "j ".repeat(HUGE / 2);
    let ov = format!("overrides:\n  - control: \"*\"\n    status: customer\n    justification: \"{why}\"\n");
    let ov = fixture(&dir, "ov.yaml", ov.as_bytes());
    refused(&dir, s(&inv), "nist-csf-2.0", &["--overrides", s(&ov)], "overrides[0].justification", "32767");
}

#[test]
fn fields_at_the_limits_are_read_and_reported() {
    let dir = tempfile::tempdir().unwrap();
    let (name, notes) = ("N".repeat(2_048), "n".repeat(32_767));
    let csv = format!("name,provider,model,notes\n{name},aws,iaas,{notes}\n");
    let csv = fixture(&dir, "inv.csv", csv.as_bytes());
    let out = dir.path().join("report");
    let o = run_bounded(&["report", "-q", "-i", s(&csv), "-f", "nist-csf-2.0", "--formats", "json", "--out", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let m = read_matrix(&out.join("matrix.json"));
    assert_eq!(m["services"][0]["name"].as_str().map(str::len), Some(2_048), "the name is kept whole");
}

#[test]
fn a_huge_organization_in_the_project_file_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("samples/inventory.csv"), dir.path().join("inventory.csv")).unwrap();
    let org = "O".repeat(HUGE);
    let project = format!("scope: s\norganization: \"{org}\"\ninventory: inventory.csv\nframeworks: [nist-csf-2.0]\n");
    let project = fixture(&dir, "respmatrix.yaml", project.as_bytes());
    let out = dir.path().join("report");
    let o = run_bounded(&["report", "--config", s(&project), "--out", s(&out)]);
    let err = stderr(&o);
    assert_eq!(code(&o), 2, "{err}");
    assert!(err.contains("respmatrix.yaml:2:1") && err.contains("at most 32767 characters"), "{err}");
    assert!(!out.exists(), "nothing is written for refused input");
}
