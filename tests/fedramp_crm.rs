//! `report --fedramp LEVEL`: the FedRAMP CIS/CRM workbook, checked against the official Rev 5
//! SSP Appendix J template (sheet names, titles, headers, merged cells, row ids), against the
//! matrix (Yes/Partial/No), in LibreOffice, and for reproducible bytes.

mod common;
use calamine::{open_workbook, Data, Range, Reader, Xlsx};
use common::workbook::part;
use common::*;
use std::path::{Path, PathBuf};

const TEMPLATE: &str = "fedramp-templates/SSP-Appendix-J-CSO-CIS-and-CRM-Workbook.xlsx";
const CATALOG: &str = "catalogs/nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";
const MODERATE: &str = "catalogs/fedramp-rev5/FedRAMP_rev5_MODERATE-baseline_profile.json";
const FILE: &str = "fedramp-moderate-cis-crm.xlsx";
const CIS: &str = "Moderate CIS Worksheet";
const CRM: &str = "Moderate CRM Worksheet";
/// The Moderate CRM header is on row 4 (0-based 3); High's on row 3.
const CRM_HEADER: u32 = 3;

/// The sample inventory's AWS and Azure services.
fn aws_and_azure(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(root().join("samples/inventory.csv")).unwrap();
    let mut lines = text.lines();
    let mut out = vec![lines.next().unwrap().to_string()];
    out.extend(lines.filter(|l| l.contains(",AWS,") || l.contains(",Azure,")).map(str::to_string));
    assert!(out.len() > 8, "the sample has AWS and Azure services");
    let path = dir.join("inventory.csv");
    std::fs::write(&path, out.join("\n")).unwrap();
    path
}

/// Runs `report --fedramp moderate` on the AWS and Azure services into `dir/out`.
fn report(dir: &Path) -> PathBuf {
    let inventory = aws_and_azure(dir);
    let out = dir.join("out");
    let catalog = root().join(CATALOG);
    let profile = root().join(MODERATE);
    let args = ["report", "-q", "-i", s(&inventory), "--framework", s(&profile), "--catalog", s(&catalog)];
    let o = run(&[
        &args[..],
        &[
            "--fedramp",
            "moderate",
            "--formats",
            "json",
            "--json-layout",
            "inline",
            "--date",
            "2026-11-30",
            "-o",
            s(&out),
        ],
    ]
    .concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    out
}

fn open(path: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The official template, or `None` (skipped outside CI) when the shared data is absent.
fn template() -> Option<Xlsx<std::io::BufReader<std::fs::File>>> {
    let path = shared_data(TEMPLATE);
    if !path.is_file() {
        assert!(std::env::var_os("CI").is_none(), "{} is missing", path.display());
        eprintln!("skipped: {} is missing", path.display());
        return None;
    }
    Some(open(&path))
}

fn text(r: &Range<Data>, row: u32, col: u32) -> String {
    match r.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// The non-empty `Control ID` cells below a header row (absolute 0-based rows).
fn ids(r: &Range<Data>, header: u32) -> Vec<String> {
    let end = r.end().map_or(0, |(row, _)| row);
    (header + 1..=end).map(|row| text(r, row, 0)).filter(|t| !t.trim().is_empty()).collect()
}

/// The header rows' texts, as (row, column, text), for rows up to `last`.
fn header_texts(r: &Range<Data>, last: u32) -> Vec<(u32, u32, String)> {
    let mut out = Vec::new();
    for row in 0..=last {
        for col in 0..13 {
            let t = text(r, row, col);
            if !t.is_empty() && !t.starts_with("GUIDANCE") {
                out.push((row, col, t));
            }
        }
    }
    out
}

fn merged(wb: &mut Xlsx<std::io::BufReader<std::fs::File>>, sheet: &str) -> Vec<((u32, u32), (u32, u32))> {
    let mut m: Vec<_> = wb.merge_cells_by_sheet_name(sheet).unwrap().into_iter().map(|d| (d.start, d.end)).collect();
    m.sort();
    m
}

/// Runs `report --fedramp LEVEL` with the baseline `profile` on the AWS and Azure services.
fn report_level(dir: &Path, level: &str, profile: &str) -> PathBuf {
    let inventory = aws_and_azure(dir);
    let out = dir.join(level);
    let (catalog, profile) = (root().join(CATALOG), root().join(profile));
    let args = ["report", "-q", "-i", s(&inventory), "--framework", s(&profile), "--catalog", s(&catalog)];
    let o = run(&[&args[..], &["--fedramp", level, "--formats", "json", "-o", s(&out)]].concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    out.join(format!("fedramp-{level}-cis-crm.xlsx"))
}

/// Every level: the template's sheet names, title and header texts (CRM header on row 3 for
/// High, row 4 for the others) and merged cells, and its rows one for one.
#[test]
fn each_level_has_the_templates_sheets_titles_headers_merged_cells_and_rows() {
    let Some(mut official) = template() else { return };
    let dir = tempfile::tempdir().unwrap();
    for (level, name, profile, crm_header) in [
        ("high", "High", "HIGH", 2),
        ("moderate", "Moderate", "MODERATE", 3),
        ("low", "Low", "LOW", 3),
        ("li-saas", "LI-SaaS", "LOW", 3),
    ] {
        let path = report_level(
            dir.path(),
            level,
            &format!("catalogs/fedramp-rev5/FedRAMP_rev5_{profile}-baseline_profile.json"),
        );
        let mut ours = open(&path);
        let names = ours.sheet_names();
        assert_eq!(
            names,
            ["Instructions".to_string(), format!("{name} CIS Worksheet"), format!("{name} CRM Worksheet")]
        );
        for (sheet, header) in [(format!("{name} CIS Worksheet"), 2), (format!("{name} CRM Worksheet"), crm_header)] {
            assert!(official.sheet_names().contains(&sheet), "the template has {sheet}");
            let a = official.worksheet_range(&sheet).unwrap();
            let b = ours.worksheet_range(&sheet).unwrap();
            assert_eq!(header_texts(&b, header), header_texts(&a, header), "{sheet}: title and header texts");
            assert_eq!(merged(&mut ours, &sheet), merged(&mut official, &sheet), "{sheet}: merged cells");
            assert_eq!(ids(&b, header), ids(&a, header), "{sheet}: the template's rows");
        }
        let cis = ours.worksheet_range(&format!("{name} CIS Worksheet")).unwrap();
        assert_eq!(text(&cis, 2, 12), "Inherited from Pre-Existing  Authorization", "two spaces, as the template");
    }
}

/// One answer per CRM row from matrix.json: the statement's counts where the row is a
/// statement, else the control's.
fn expected(m: &serde_json::Value) -> Vec<(String, &'static str)> {
    let answer = |counts: &serde_json::Value| {
        let n = |k: &str| counts[k].as_u64().unwrap();
        match (n("inherited"), n("shared"), n("customer")) {
            (0, 0, _) => "No",
            (_, 0, 0) => "Yes",
            _ => "Partial",
        }
    };
    let mut out = Vec::new();
    for c in m["controls"].as_array().unwrap() {
        match c["statements"].as_array().filter(|s| !s.is_empty()) {
            Some(statements) => {
                out.extend(statements.iter().map(|s| (s["label"].as_str().unwrap().to_string(), answer(&s["counts"]))))
            }
            None => out.push((c["id"].as_str().unwrap().to_string(), answer(&c["counts"]))),
        }
    }
    out
}

#[test]
fn every_crm_row_answers_as_the_matrix_says_with_the_list_on_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let out = report(dir.path());
    let m = read_matrix(&out.join("matrix.json"));
    let want = expected(&m);
    let crm = open(&out.join(FILE)).worksheet_range(CRM).unwrap();
    let got: Vec<(String, String)> = (0..want.len() as u32)
        .map(|i| (text(&crm, CRM_HEADER + 1 + i, 0), text(&crm, CRM_HEADER + 1 + i, 1)))
        .collect();
    let want: Vec<(String, String)> = want.into_iter().map(|(id, a)| (id, a.to_string())).collect();
    assert_eq!(got, want);
    assert!(got.iter().any(|(_, a)| a == "Yes") && got.iter().any(|(_, a)| a == "Partial"), "{got:?}");
    assert_eq!(ids(&crm, CRM_HEADER).len(), got.len(), "no rows beyond the response points");
    // Column C: blank for Yes, one "<Service name>:" paragraph per service otherwise.
    let services: Vec<String> =
        m["services"].as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap().into()).collect();
    for (i, (id, answer)) in got.iter().enumerate() {
        let c = text(&crm, CRM_HEADER + 1 + i as u32, 2);
        match answer.as_str() {
            "Yes" => assert_eq!(c, "", "{id}: blank for Yes"),
            _ => {
                let starts: Vec<&str> = c.split("\n\n").map(|p| p.split(": ").next().unwrap()).collect();
                assert_eq!(starts, services, "{id}: one paragraph per service, in inventory order");
            }
        }
    }
    // The list validation covers exactly the data rows.
    let xml = part(&out.join(FILE), "xl/worksheets/sheet3.xml");
    let rows = format!("sqref=\"B{}:B{}\"", CRM_HEADER + 2, CRM_HEADER + 1 + got.len() as u32);
    assert!(xml.contains(&rows), "validation {rows} in {}", &xml[xml.find("<dataValidations").unwrap_or(0)..][..300]);
    assert!(xml.contains("<formula1>\"No,Partial,Yes\"</formula1>"), "the template's list");
}

#[test]
fn the_cis_marks_one_origination_per_row_matching_the_crm() {
    let dir = tempfile::tempdir().unwrap();
    let out = report(dir.path());
    let mut wb = open(&out.join(FILE));
    let (cis, crm) = (wb.worksheet_range(CIS).unwrap(), wb.worksheet_range(CRM).unwrap());
    assert_eq!(ids(&cis, 2), ids(&crm, CRM_HEADER), "the CIS and CRM list the same rows");
    for (i, id) in ids(&cis, 2).iter().enumerate() {
        let row = 3 + i as u32;
        let marked: Vec<u32> = (6..13).filter(|&c| text(&cis, row, c) == "X").collect();
        let answer = text(&crm, CRM_HEADER + 1 + i as u32, 1);
        let allowed: &[u32] = match answer.as_str() {
            "Yes" => &[12],
            "Partial" => &[11],
            _ => &[9, 10],
        };
        assert_eq!(marked.len(), 1, "{id}: one Control Origination mark");
        assert!(allowed.contains(&marked[0]), "{id}: {answer} marked column {}", marked[0]);
    }
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (x, y) = (report(a.path()), report(b.path()));
    assert!(std::fs::read(x.join(FILE)).unwrap() == std::fs::read(y.join(FILE)).unwrap());
}

#[test]
fn without_the_baseline_it_is_a_usage_error_naming_the_profile() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = aws_and_azure(dir.path());
    let out = dir.path().join("out");
    let o = run(&["report", "-q", "-i", s(&inventory), "--fedramp", "high", "--formats", "json", "-o", s(&out)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("FedRAMP_rev5_HIGH-baseline_profile.json"), "{}", stderr(&o));
    assert!(!out.join("matrix.json").exists(), "nothing written");
}

#[test]
fn libreoffice_opens_the_workbook() {
    if !have("soffice", "libreoffice-calc-nogui") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = report(dir.path());
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let filter = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
    let csv_dir = dir.path().join("csv");
    let book = out.join(FILE);
    let args = ["--headless", &profile, "--convert-to", filter, "--outdir", s(&csv_dir), s(&book)];
    let o = std::process::Command::new("soffice").args(args).output().expect("soffice runs");
    assert!(o.status.success(), "soffice failed: {}", stderr(&o));
    let crm = std::fs::read_to_string(csv_dir.join(format!("fedramp-moderate-cis-crm-{CRM}.csv"))).unwrap();
    assert!(crm.contains("Can Be Inherited from CSP") && crm.contains("AC-2"), "LibreOffice reads the CRM");
}

/// The workbook read back as a provider's CRM (`ingest::provider_data`) gives the same answers.
#[test]
fn the_workbook_reads_back_as_a_provider_crm_with_the_same_answers() {
    let dir = tempfile::tempdir().unwrap();
    let out = report(dir.path());
    let (crm, diags) = respmatrix::ingest::provider_data::read_file(&out.join(FILE)).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(crm.sheets, [(CRM.to_string(), CRM_HEADER as usize + 1)]);
    // The CIS origination marks agree with the CRM answers on every row (the reader checks).
    assert!(diags.items.is_empty(), "{:?}", diags.items);
    assert_eq!(crm.cross_checked, crm.answers.len());
    let want: Vec<(String, &str)> = expected(&read_matrix(&out.join("matrix.json")));
    let got: Vec<(String, &str)> = crm
        .answers
        .iter()
        .map(|a| {
            let answer = match a.status {
                respmatrix::model::Status::Inherited => "Yes",
                respmatrix::model::Status::Shared => "Partial",
                _ => "No",
            };
            (a.point.label(), answer)
        })
        .collect();
    assert_eq!(got, want);
}

/// Review statuses typed into the auditor workbook become the CIS Implementation Status of the
/// next report: all rows of a control Accepted → Implemented, some → Partially Implemented, all
/// Not applicable → N/A; a control nobody reviewed stays unmarked.
#[test]
fn reviewed_rows_give_the_implementation_status() {
    let dir = tempfile::tempdir().unwrap();
    let inventory = aws_and_azure(dir.path());
    let (catalog, profile) = (root().join(CATALOG), root().join(MODERATE));
    let run_report = |out: &Path, more: &[&str]| {
        let args = ["report", "-q", "-i", s(&inventory), "--framework", s(&profile), "--catalog", s(&catalog)];
        let tail = ["--fedramp", "moderate", "--formats", "xlsx", "--date", "2026-11-30", "-o", s(out)];
        let o = run(&[&args[..], &tail, more].concat());
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    };
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    run_report(&a, &[]);
    let book = a.join("responsibility-matrix.xlsx");
    let r = open(&book).worksheet_range("Customer Responsibilities").unwrap();
    let col = |name: &str| (0..r.width() as u32).find(|&c| text(&r, 0, c) == name).unwrap();
    let (control_col, status_col) = (col("Control ID"), col("Review status") as usize);
    let rows_of = |id: &str| (1..r.height() as u32).filter(|&i| text(&r, i, control_col) == id).collect::<Vec<_>>();
    // A control with several rows gets one Accepted and the rest In progress.
    let several = (1..r.height() as u32)
        .map(|i| text(&r, i, control_col))
        .find(|id| rows_of(id).len() > 1 && id != "AC-2" && id != "AU-2")
        .expect("a control with several responsibilities");
    let mut edits: Vec<(usize, usize, &str)> = Vec::new();
    edits.extend(rows_of("AC-2").into_iter().map(|i| (i as usize, status_col, "Accepted")));
    edits.extend(rows_of("AU-2").into_iter().map(|i| (i as usize, status_col, "Not applicable")));
    for (k, i) in rows_of(&several).into_iter().enumerate() {
        edits.push((i as usize, status_col, if k == 0 { "Accepted" } else { "In progress" }));
    }
    let typed = dir.path().join("typed.xlsx");
    common::workbook::type_into(&book, &typed, &edits);
    std::fs::copy(&typed, &book).unwrap();
    run_report(&b, &["--previous", s(&a)]);
    let cis = open(&b.join(FILE)).worksheet_range(CIS).unwrap();
    let marks = |prefix: &str| -> Vec<Vec<u32>> {
        let rows = (3..cis.height() as u32).filter(|&i| {
            let id = text(&cis, i, 0);
            id == prefix || id.starts_with(&format!("{prefix}("))
        });
        rows.map(|i| (1..6).filter(|&c| text(&cis, i, c) == "X").collect()).collect()
    };
    let direct = |m: Vec<Vec<u32>>| m.into_iter().next().unwrap();
    assert!(marks("AC-2").iter().take(12).all(|m| m == &[1]), "AC-2(a)…(l) Implemented: {:?}", marks("AC-2"));
    assert_eq!(direct(marks("AU-2")), [5], "AU-2 N/A");
    assert_eq!(direct(marks(&several)), [2], "{several} Partially Implemented");
    assert!(marks("AC-3").iter().all(|m| m.is_empty()), "AC-3 was not reviewed");
}
