//! A field of megabytes where a name or a title belongs (a service name, a control id or title,
//! an override's justification, any spreadsheet cell) is refused at its place with the limit,
//! exit 2, before anything is written: each is repeated in every cell and page it belongs to,
//! and a 20 MB service name or control title used to run `report` for minutes. Fields at the
//! limit are read as before. Sheets that stretch past the sheet limits by their structure (ODS
//! repeats, XLSX references) are refused at their cell in the same way.

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
    rewrite_parts(book, |_, text| text.replace(from, to))
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

/// An ODS workbook with one sheet "Inv" holding `rows` (`table:table-row` elements).
fn ods(rows: &str) -> Vec<u8> {
    use std::io::Write;
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Inv">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", &content),
    ] {
        out.start_file(name, stored).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

fn ods_row(cells: &[&str]) -> String {
    let cell =
        |t: &&str| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#);
    format!("<table:table-row>{}</table:table-row>", cells.iter().map(cell).collect::<String>())
}

/// `rows` empty rows of `cols` empty cells, written as one repeated row.
fn ods_filler(rows: u64, cols: u64) -> String {
    format!(
        r#"<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="{cols}"/></table:table-row>"#
    )
}

#[test]
fn an_ods_whose_empty_repeats_come_before_far_content_is_refused_at_that_cell() {
    let dir = tempfile::tempdir().unwrap();
    let head = ods_row(&["Name", "Provider", "Model"]) + &ods_row(&["Web", "AWS", "iaas"]);
    // 97,000 empty rows of 1,000 empty cells, then one cell: a 2 KB file calamine laid out as
    // 97 million cells (6 GB) before the limit was checked.
    let far = |rows: u64, cols: u64| {
        let last = format!(
            r#"<table:table-row><table:table-cell table:number-columns-repeated="{}"/><table:table-cell office:value-type="string"><text:p>far</text:p></table:table-cell></table:table-row>"#,
            cols - 1
        );
        ods(&[head.as_str(), &ods_filler(rows, cols), &last].concat())
    };
    for (name, rows, cols, cell) in
        [("far.ods", 97_000, 1_000, "ALL97003"), ("far16k.ods", 1_000_000, 16_000, "WQJ1000003")]
    {
        let p = fixture(&dir, name, &far(rows, cols));
        let o = run_bounded(&["check", "-i", s(&p)]);
        let err = said(&o);
        assert_eq!(code(&o), 2, "{name}: {err}");
        let want = format!("{name}[Inv]!{cell}: the sheet's used cells span more than 5000000 cells");
        assert!(err.contains(&want), "{name}: wanted {want}\n{err}");
    }
    // The filler LibreOffice writes after the last content stays free: a last row repeated a
    // million times, 1,024 empty cells wide.
    let p = fixture(&dir, "trailing.ods", &ods(&[head.as_str(), &ods_filler(1_048_000, 1_024)].concat()));
    let o = run_bounded(&["check", "-i", s(&p)]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    assert!(said(&o).contains("1 services"), "{}", said(&o));
}

#[test]
fn an_xlsx_reference_past_the_last_row_is_refused_however_its_attribute_is_spelt() {
    let dir = tempfile::tempdir().unwrap();
    let book = xlsx("Services", &[&["Name", "Provider", "Model"], &["Real", "AWS", "iaas"], &["Ghost", "AWS", "iaas"]]);
    // Row 4,294,967,299 wraps to row 3 in 32 bits: a ghost service read past the row check.
    for (name, quote, space) in [("single.xlsx", "'", " "), ("newline.xlsx", "\"", "\n"), ("tab.xlsx", "'", "\t")] {
        let mut edited = replaced(&book, "<row r=\"3\"", &format!("<row{space}r={quote}4294967299{quote}"));
        for col in ["A", "B", "C"] {
            edited =
                replaced(&edited, &format!("<c r=\"{col}3\""), &format!("<c{space}r={quote}{col}4294967299{quote}"));
        }
        let p = fixture(&dir, name, &edited);
        let o = run_bounded(&["check", "-i", s(&p)]);
        let err = said(&o);
        assert_eq!(code(&o), 2, "{name}: {err}");
        assert!(
            err.contains(&format!(
                "{name}: xl/worksheets/sheet1.xml: cell reference \"4294967299\" lies beyond the last row (1048576)"
            )),
            "{name}: {err}"
        );
    }
}
