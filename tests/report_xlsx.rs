//! The auditor workbook (`report` → responsibility-matrix.xlsx), read back with calamine, the
//! package XML and LibreOffice.

mod common;

use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use common::workbook::{label, part, sheet, workbook, XLSX};
use common::{code, run, s, stderr};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

const SHEETS: [&str; 9] = [
    "Summary",
    "Matrix",
    "Controls",
    "Services",
    "Customer Responsibilities",
    "Request List",
    "SoA iso-27017-2015",
    "About",
    "Review Index",
];

/// The sample organization's report, built once per test run.
fn sample() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report_xlsx_sample");
        let _ = std::fs::remove_dir_all(&dir);
        let o = report_sample(&dir);
        assert_eq!(code(&o), 0, "report failed: {}", stderr(&o));
        dir
    })
}

fn report_sample(dir: &Path) -> std::process::Output {
    let config = common::root().join("samples/respmatrix.yaml");
    run(&["report", "--config", s(&config), "--out", s(dir)])
}

fn matrix_json(dir: &Path) -> Value {
    common::read_matrix(&dir.join("matrix.json"))
}

/// The text of a cell at an absolute (row, column), "" when empty.
fn at(r: &Range<Data>, row: usize, col: usize) -> String {
    match r.get_value((row as u32, col as u32)) {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(other) => other.to_string(),
    }
}

fn row(r: &Range<Data>, row: usize) -> Vec<String> {
    (0..r.end().map_or(0, |e| e.1 as usize + 1)).map(|c| at(r, row, c)).collect()
}

#[test]
fn the_workbook_has_its_sheets_with_their_headers() {
    let dir = sample();
    assert_eq!(workbook(dir).sheet_names(), SHEETS.map(String::from).to_vec());
    let expect: [(&str, usize, &[&str]); 5] = [
        ("Matrix", 1, &["Framework", "Control ID", "Title", "Overall status"]),
        ("Controls", 0, &["Framework", "Control ID", "Title", "Family", "Layers", "Overall status", "Inherited"]),
        ("Services", 0, &["Service ID", "Service", "Provider", "Provider service", "Model", "Model source"]),
        (
            "Customer Responsibilities",
            0,
            &[
                "Id",
                "Framework",
                "Control ID",
                "Control title",
                "Status",
                "Organization's layers",
                "What the organization must do",
            ],
        ),
        ("Summary", 0, &["Responsibility matrix"]),
    ];
    for (name, r, headers) in expect {
        let got = row(&sheet(dir, name), r);
        assert_eq!(&got[..headers.len()], headers, "{name} row {}", r + 1);
    }
    let controls = row(&sheet(dir, "Controls"), 0);
    for h in ["Provider statement", "Customer statement", "Rationale", "Override justification"] {
        assert!(controls.contains(&h.to_string()), "Controls lacks {h}: {controls:?}");
    }
    let cr = row(&sheet(dir, "Customer Responsibilities"), 0);
    assert_eq!(&cr[cr.len() - 4..], ["Owner", "Evidence", "Review status", "Reviewer notes"]);
}

#[test]
fn every_matrix_cell_is_the_engines_status() {
    let dir = sample();
    let m = matrix_json(dir);
    let r = sheet(dir, "Matrix");
    let services = m["services"].as_array().unwrap();
    let header = row(&r, 1);
    let names: Vec<&str> = services.iter().map(|s| s["name"].as_str().unwrap()).collect();
    assert_eq!(&header[4..], names, "one column per in-scope service, headed by its name");
    let controls = m["controls"].as_array().unwrap();
    assert_eq!(r.end().unwrap().0 as usize, 1 + controls.len(), "one row per control");
    let mut checked = 0;
    for (i, c) in controls.iter().enumerate() {
        let cells = row(&r, 2 + i);
        assert_eq!(cells[0], c["framework"].as_str().unwrap());
        assert_eq!(cells[1], c["id"].as_str().unwrap());
        assert_eq!(cells[2], c["title"].as_str().unwrap());
        assert_eq!(cells[3], label(c["status"].as_str().unwrap()), "overall status of {}", c["id"]);
        for (si, cell) in c["services"].as_array().unwrap().iter().enumerate() {
            assert_eq!(cell["service"], services[si]["id"]);
            assert_eq!(cells[4 + si], label(cell["status"].as_str().unwrap()), "{} × {}", c["id"], cell["service"]);
            checked += 1;
        }
    }
    assert_eq!(checked, controls.len() * services.len());
}

#[test]
fn the_matrix_sheet_is_frozen_filtered_and_coloured() {
    let path = sample().join(XLSX);
    let workbook = part(&path, "xl/workbook.xml");
    assert!(workbook.contains(r#"<sheet name="Matrix" sheetId="2""#), "{workbook}");
    let matrix = part(&path, "xl/worksheets/sheet2.xml");
    assert!(
        matrix.contains(r#"<pane xSplit="4" ySplit="2" topLeftCell="E3" activePane="bottomRight" state="frozen"/>"#)
    );
    assert!(matrix.contains("<autoFilter ref=\"A2:"), "autofilter on the header row");
    let styles = part(&path, "xl/styles.xml");
    for fill in ["C8E6C9", "FFE0B2", "BBDEFB", "E0E0E0"] {
        assert!(styles.contains(&format!("rgb=\"FF{fill}\"")), "status fill {fill} in styles.xml");
    }
}

#[test]
fn the_summary_counts_match_the_matrix_and_explain_the_statuses() {
    let dir = sample();
    let m = matrix_json(dir);
    let r = sheet(dir, "Summary");
    let rows: Vec<Vec<String>> = (0..=r.end().unwrap().0 as usize).map(|i| row(&r, i)).collect();
    let find = |first: &str| rows.iter().find(|x| x[0] == first).unwrap_or_else(|| panic!("no row {first}")).clone();
    assert_eq!(find("Organization")[1], "Northwind Health Analytics");
    assert_eq!(find("Report date")[1], "2026-11-30");
    assert_eq!(find("Assessment period")[1], "2026-01-01 to 2026-12-31");
    for fw in m["frameworks"].as_array().unwrap() {
        let x = find(fw["id"].as_str().unwrap());
        assert_eq!(x[2], fw["version"].as_str().unwrap());
        let k = &fw["counts"];
        let want = [&fw["controls"], &k["inherited"], &k["shared"], &k["customer"], &k["mixed"], &k["not-applicable"]];
        assert_eq!(x[3..9], want.map(|v| v.to_string()), "counts of {}", fw["id"]);
    }
    assert!(find("Interpretation")[1].starts_with("counterpart: shared"), "the reading is stated");
    // The cells per service model: the datacentre's cells are the organization's or not applicable.
    let on_prem = rows.iter().find(|x| x[0] == "nist-csf-2.0" && x[1] == "On-premises").expect("by-model row");
    assert_eq!(on_prem[4], "0", "nothing is inherited on-prem: {on_prem:?}");
    for status in ["Inherited", "Shared", "Customer", "Mixed", "Not applicable"] {
        assert!(!find(status)[1].is_empty(), "legend explains {status}");
    }
    let chart = part(&dir.join(XLSX), "xl/charts/chart1.xml");
    assert_eq!(chart.matches("<c:ser>").count(), 5, "one chart series per overall status");
    assert!(chart.contains("<c:f>Summary!$E$"), "the chart plots the Summary table");
}

#[test]
fn customer_responsibilities_covers_every_customer_and_shared_pair_once_for_review() {
    let dir = sample();
    let m = matrix_json(dir);
    let id_of: BTreeMap<String, String> = m["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| (s["name"].as_str().unwrap().to_string(), s["id"].as_str().unwrap().to_string()))
        .collect();
    let key = |v: &Value| v.as_str().unwrap().to_string();
    let mut want = BTreeMap::new();
    for c in m["controls"].as_array().unwrap() {
        for cell in c["services"].as_array().unwrap() {
            if matches!(cell["status"].as_str(), Some("customer" | "shared")) {
                let statement = key(&cell["customer_statement"]);
                want.insert(
                    (key(&c["framework"]), key(&c["id"]), key(&cell["service"])),
                    (key(&cell["status"]), statement),
                );
            }
        }
    }
    let r = sheet(dir, "Customer Responsibilities");
    let last = r.end().unwrap().0 as usize;
    assert!(
        last < want.len() / 4,
        "services that share a responsibility share a row: {last} rows for {} pairs",
        want.len()
    );
    let mut got = BTreeMap::new();
    let (mut single, mut grouped) = (0, 0);
    for i in 1..=last {
        let x = row(&r, i);
        let names: Vec<&str> = x[8].lines().collect();
        assert_eq!(x[7], names.len().to_string(), "row {}: the count matches the names listed", i + 1);
        for name in &names {
            let id = id_of.get(*name).unwrap_or_else(|| panic!("row {}: unknown service {name}", i + 1)).clone();
            let (status, statement) = &want[&(x[1].clone(), x[2].clone(), id.clone())];
            assert_eq!(&x[4], label(status), "row {}: {name}", i + 1);
            if names.len() == 1 {
                assert_eq!(&x[6], statement, "row {}: one service, its own statement", i + 1);
            } else {
                assert_eq!(x[6], statement.replace(*name, "each listed service"), "row {}: {name}", i + 1);
            }
            assert!(
                got.insert((x[1].clone(), x[2].clone(), id), i).is_none(),
                "row {}: {name} is on one row only",
                i + 1
            );
        }
        if names.len() == 1 {
            single += 1
        } else {
            grouped += 1
        }
        assert!(x[6].starts_with("The organization") || x[6].starts_with("Not applicable"), "row {}: {}", i + 1, x[6]);
        assert!(!x[10].is_empty() && !x[11].is_empty(), "row {}: decided by and why", i + 1);
        assert!(x[0].starts_with("CR-"), "row {}: a stable id", i + 1);
        assert_eq!([&x[12], &x[14], &x[15], &x[16]], ["", "", "", ""], "reviewer columns start empty (row {})", i + 1);
        let one_owner = !x[9].is_empty() && !x[9].contains('\n');
        assert!(
            x[13].is_empty() || (one_owner && x[13] == x[9]),
            "row {}: Owner starts as the one inventory owner: {:?}",
            i + 1,
            &x[9..14]
        );
    }
    assert!(single > 0 && grouped > 0, "{single} single-service rows, {grouped} grouped rows");
    assert_eq!(got.keys().collect::<Vec<_>>(), want.keys().collect::<Vec<_>>());
    let xml = part(&dir.join(XLSX), "xl/worksheets/sheet5.xml");
    let list = "\"Not started,In progress,Evidence collected,Accepted,Not applicable,Needs re-review\"";
    assert!(xml.contains(&format!("sqref=\"P2:P{}\"", last + 1)), "Review status drop-down covers every row");
    assert!(xml.contains(&format!("<formula1>{list}</formula1>")), "Review status choices");
}

#[test]
fn controls_services_and_about_carry_the_evidence_an_auditor_checks() {
    let dir = sample();
    let m = matrix_json(dir);
    let controls = sheet(dir, "Controls");
    let overridden = m["controls"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| {
            c["services"].as_array().unwrap().iter().any(|x| x["decided_by"] == "override:m365-secure-development")
        })
        .expect("the sample has an override that decides cells");
    let x = row(&controls, 1 + overridden);
    assert!(x[13].contains("m365-secure-development") && x[13].contains("Northwind develops no code"), "{}", x[13]);
    assert!(x[12].starts_with("Touches "), "rationale: {}", x[12]);

    let services = sheet(dir, "Services");
    let orders = (1..=services.end().unwrap().0 as usize).map(|i| row(&services, i)).find(|x| x[0] == "orders-db");
    let orders = orders.expect("orders-db on the Services sheet");
    assert_eq!(orders[5], "inferred from the provider catalog entry Amazon RDS");
    let out_of_scope = m["excluded_services"].as_array().unwrap().len();
    assert_eq!(services.end().unwrap().0 as usize, m["services"].as_array().unwrap().len() + out_of_scope);

    let about = sheet(dir, "About");
    let text: Vec<String> = (0..=about.end().unwrap().0 as usize).flat_map(|i| row(&about, i)).collect();
    for (role, file) in
        [("inventory", "inventory.xlsx"), ("overrides", "overrides.yaml"), ("project", "respmatrix.yaml")]
    {
        let bytes = std::fs::read(common::root().join("samples").join(file)).unwrap();
        let sha = respmatrix::report::sha256_hex(&bytes);
        assert!(text.contains(&sha), "About lists the SHA-256 of the {role} file");
    }
    assert!(text.iter().any(|t| t.starts_with("Public domain")), "catalog licences");
    assert!(text.iter().any(|t| t.starts_with("Each control is tagged with the layers")), "method");
}

#[test]
fn the_same_inputs_give_the_same_bytes_whatever_the_clock() {
    let tmp = tempfile::tempdir().unwrap();
    let again = tmp.path().join("again");
    let o = report_sample(&again);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let a = std::fs::read(sample().join(XLSX)).unwrap();
    let b = std::fs::read(again.join(XLSX)).unwrap();
    assert!(a == b, "two runs gave different workbooks");
    let core = part(&again.join(XLSX), "docProps/core.xml");
    assert!(core.contains(">2026-11-30T00:00:00Z</dcterms:created>"), "creation date is the report date: {core}");
}

/// Inventory text that a spreadsheet program would run as a formula if it were written as one.
const INJECTION: &str = r#"{"services": [
  {"id": "svc-eq", "name": "=HYPERLINK(\"http://evil.example\",\"click\")", "provider": "AWS",
   "service": "Amazon EC2", "owner": "+1+cmd|' /C calc'!A0", "environment": "-2+3",
   "notes": "@SUM(1,2)", "evidence": "\t=1+1", "data_classification": "\r=2+2"},
  {"id": "svc-plus", "name": "+1+2", "model": "saas", "owner": "@team"},
  {"id": "svc-minus", "name": "-1+2", "model": "paas", "owner": "=owner()"},
  {"id": "svc-at", "name": "@SUM(A1:A2)", "model": "iaas", "owner": "-owner"},
  {"id": "svc-tab", "name": "\t=3+4", "model": "serverless", "owner": "\t+tab"},
  {"id": "svc-cr", "name": "\r=5+6", "model": "abstracted", "owner": "\r@cr"}
]}"#;

/// The formulas stored in a sheet.
fn formulas(path: &Path, sheet: &str) -> Vec<String> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_formula(sheet).unwrap();
    range.used_cells().map(|(_, _, f)| f.clone()).filter(|f| !f.is_empty()).collect()
}

#[test]
fn formula_looking_input_text_never_becomes_a_formula() {
    let tmp = tempfile::tempdir().unwrap();
    let inv = common::fixture(&tmp, "inventory.json", INJECTION.as_bytes());
    let overrides = common::fixture(
        &tmp,
        "overrides.yaml",
        b"overrides:\n  - control: \"GV.*\"\n    status: inherited\n    justification: \"=WEBSERVICE(\\\"http://evil.example\\\")\"\n",
    );
    let out = tmp.path().join("out");
    let o = run(&["report", "-i", s(&inv), "--overrides", s(&overrides), "-f", "nist-csf-2.0", "--out", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for name in workbook(&out).sheet_names() {
        let found = formulas(&out.join(XLSX), &name);
        assert!(found.is_empty(), "{name} holds formulas: {found:?}");
    }
    // The check itself finds a real formula.
    let mut control = rust_xlsxwriter::Workbook::new();
    control.add_worksheet().set_name("Matrix").unwrap().write_formula(0, 0, "=1+1").unwrap();
    std::fs::write(tmp.path().join("control.xlsx"), control.save_to_buffer().unwrap()).unwrap();
    assert_eq!(formulas(&tmp.path().join("control.xlsx"), "Matrix"), ["1+1"]);
    let services = sheet(&out, "Services");
    let names: Vec<String> = (1..=6).map(|i| at(&services, i, 1)).collect();
    for name in ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+2", "-1+2", "@SUM(A1:A2)"] {
        assert!(names.contains(&name.to_string()), "{name} kept as text: {names:?}");
    }
    let first = (1..=6).find(|&i| at(&services, i, 0) == "svc-eq").unwrap();
    assert_eq!(at(&services, first, 7), "+1+cmd|' /C calc'!A0", "owner kept as text");
    let matrix = sheet(&out, "Matrix");
    assert!(row(&matrix, 1).contains(&"@SUM(A1:A2)".to_string()), "service names head the Matrix as text");
    let controls = sheet(&out, "Controls");
    assert!(at(&controls, 1, 13).contains("=WEBSERVICE("), "override justification kept as text");
}

#[test]
fn a_failed_run_writes_nothing_and_keeps_the_previous_workbook() {
    let tmp = tempfile::tempdir().unwrap();
    let good = common::fixture(&tmp, "good.csv", b"Service,Model\nWeb Fleet,IaaS\nMail,SaaS\n");
    let bad = common::fixture(&tmp, "bad.csv", b"Service,Model\nWeb Fleet,Cloud-ish\n");
    let fresh = tmp.path().join("fresh");
    let o = run(&["report", "-i", s(&bad), "--out", s(&fresh)]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(!fresh.join(XLSX).exists(), "a failed run leaves no workbook");

    let out = tmp.path().join("out");
    let o = run(&["report", "-i", s(&good), "--out", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let before = std::fs::read(out.join(XLSX)).unwrap();
    let o = run(&["report", "-i", s(&bad), "--out", s(&out)]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("Cloud-ish"), "{}", stderr(&o));
    assert!(std::fs::read(out.join(XLSX)).unwrap() == before, "the good workbook is untouched");
    let names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.ends_with(".tmp")), "no temp files left: {names:?}");
    assert_eq!(sheet(&out, "Matrix").get_value((1, 4)), Some(&Data::String("Web Fleet".into())));
}

/// LibreOffice opens the workbook and exports every sheet: proof a real spreadsheet program reads
/// it. `.ci/run` installs it (Debian `libreoffice-calc-nogui`); without it this test fails.
#[test]
fn libreoffice_reads_the_workbook() {
    if !common::have("soffice", "libreoffice-calc-nogui") {
        return;
    }
    let dir = sample();
    let tmp = tempfile::tempdir().unwrap();
    let profile = format!("-env:UserInstallation=file://{}", tmp.path().join("profile").display());
    // Plain `--convert-to csv` exports only the first sheet (Summary); the filter options ask for
    // every sheet (the 12th token, -1), one CSV each, in UTF-8 (76).
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    let csv_dir = tmp.path().join("csv");
    let workbook = dir.join(XLSX);
    let args = ["--headless", &profile, "--convert-to", filter, "--outdir", s(&csv_dir), s(&workbook)];
    let o = match std::process::Command::new("soffice").args(args).output() {
        Ok(o) => o,
        Err(e) => panic!(
            "cannot run soffice ({e}): install LibreOffice Calc to run this test \
             (Debian/Ubuntu: apt-get install -y --no-install-recommends libreoffice-calc-nogui)"
        ),
    };
    assert!(o.status.success(), "soffice failed: {}", stderr(&o));
    for name in SHEETS {
        let csv = csv_dir.join(format!("responsibility-matrix-{name}.csv"));
        assert!(csv.is_file(), "LibreOffice exported no {name} sheet: {}", common::stdout(&o));
    }
    let matrix = std::fs::read_to_string(csv_dir.join("responsibility-matrix-Matrix.csv")).unwrap();
    let m = matrix_json(dir);
    let control = m["controls"][0]["id"].as_str().unwrap();
    let service = m["services"][0]["name"].as_str().unwrap();
    assert!(matrix.contains(control), "LibreOffice sees control {control}");
    assert!(matrix.contains(service), "LibreOffice sees service {service}");
}

#[test]
fn every_sheet_prints_landscape_with_repeated_headers_and_ids_link_to_the_controls_sheet() {
    let dir = sample();
    let book = dir.join(XLSX);
    let wb = part(&book, "xl/workbook.xml");
    for (i, name) in SHEETS.iter().enumerate() {
        let xml = part(&book, &format!("xl/worksheets/sheet{}.xml", i + 1));
        assert!(xml.contains("orientation=\"landscape\""), "{name} prints landscape");
        assert!(xml.contains("Page &amp;P of &amp;N"), "{name} numbers its pages");
        if *name != "Summary" && *name != "About" {
            let title = format!("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{i}\">");
            assert!(wb.contains(&title), "{name} repeats its header rows on every page");
        }
    }
    // 26 services fit the page width: the Matrix is scaled to one page wide.
    let matrix = part(&book, "xl/worksheets/sheet2.xml");
    assert!(matrix.contains("<pageSetUpPr fitToPage=\"1\"/>") && matrix.contains("fitToHeight=\"0\""), "fit to width");
    // The Matrix keeps the ids and the overall status in view.
    assert!(part(&book, "xl/worksheets/sheet2.xml").contains("topLeftCell=\"E3\""));
    // Control ids on the Matrix and Customer Responsibilities sheets lead to the Controls row.
    for sheet_no in [2, 5] {
        let xml = part(&book, &format!("xl/worksheets/sheet{sheet_no}.xml"));
        assert!(
            xml.contains("location=\"'Controls'!B2\""),
            "sheet{sheet_no} links the first control to its Controls row"
        );
    }
    let controls = sheet(dir, "Controls");
    let first = matrix_json(dir)["controls"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(at(&controls, 1, 1), first, "Controls!B2 is the first control");
}
