//! A provider's CIS/CRM workbook read back: the FedRAMP Rev 5 template (its `Example CRM
//! Worksheet Responses`, 62 answered rows) and the Rev 4 CIS workbook template (header on row 4,
//! ids like `AC-01 (a)`), each answer with its sheet and row.

mod common;
use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use respmatrix::ingest::provider_data::{read_file, ProviderCrm};
use respmatrix::model::Status;
use std::path::Path;

const REV5: &str = "fedramp-templates/SSP-Appendix-J-CSO-CIS-and-CRM-Workbook.xlsx";
const REV4: &str = "fedramp-templates/REV_4_SSP-A09-FedRAMP-Low-or-Moderate-CIS-Workbook-Template.xlsx";
const EXAMPLE: &str = "Example CRM Worksheet Responses";

/// (1-based row, id, answer) of every row of `sheet` with an answer in column B, read with
/// calamine on its own.
fn answered(path: &Path, sheet: &str) -> Vec<(usize, String, String)> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let (top, _) = range.start().unwrap();
    let text = |d: Option<&Data>| d.map(|d| d.to_string().trim().to_string()).unwrap_or_default();
    range
        .rows()
        .enumerate()
        .map(|(i, r)| (top as usize + i + 1, text(r.first()), text(r.get(1))))
        .filter(|(_, id, a)| !id.is_empty() && ["Yes", "Partial", "No"].contains(&a.as_str()))
        .collect()
}

fn status(answer: &str) -> Status {
    match answer {
        "Yes" => Status::Inherited,
        "Partial" => Status::Shared,
        _ => Status::Customer,
    }
}

fn read(path: &Path) -> ProviderCrm {
    let (crm, diags) = read_file(path).unwrap_or_else(|e| panic!("{e}"));
    assert!(!diags.has_errors());
    crm
}

#[test]
fn the_rev5_example_sheet_gives_its_62_answers_with_their_rows() {
    let Some(path) = shared_file(REV5) else { return };
    let crm = read(&path);
    let want = answered(&path, EXAMPLE);
    assert_eq!(want.len(), 62);
    let got: Vec<(usize, String, Status)> =
        crm.answers.iter().map(|a| (a.place.row.unwrap(), a.written.clone(), a.status)).collect();
    let want: Vec<(usize, String, Status)> = want.into_iter().map(|(r, id, a)| (r, id, status(&a))).collect();
    assert_eq!(got, want);
    assert!(crm.answers.iter().all(|a| a.place.sheet.as_deref() == Some(EXAMPLE)));
    // Every spelling (`AC-2(a)`, `AC-02 (01)`, `AC-03`) reads as a row id of the High worksheet.
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let high = wb.worksheet_range("High CRM Worksheet").unwrap();
    let ids: Vec<String> = high.rows().filter_map(|r| r.first().map(|d| d.to_string())).collect();
    for a in &crm.answers {
        assert!(ids.contains(&a.point.label()), "{} read as {}", a.written, a.point.label());
    }
    let ac201 = crm.answers.iter().find(|a| a.written == "AC-02 (01)").unwrap();
    assert_eq!((ac201.point.control.as_str(), ac201.point.statement.as_deref()), ("AC-2(1)", None));
    assert!(ac201.text.contains("<CSP>"), "the responsibilities text comes along");
}

#[test]
fn the_header_row_is_found_on_row_3_for_high_and_row_4_elsewhere() {
    let Some(path) = shared_file(REV5) else { return };
    let crm = read(&path);
    let rows: Vec<(&str, usize)> = crm.sheets.iter().map(|(s, r)| (s.as_str(), *r)).collect();
    assert_eq!(
        rows,
        [
            (EXAMPLE, 2),
            ("High CRM Worksheet", 3),
            ("Moderate CRM Worksheet", 4),
            ("Low CRM Worksheet", 4),
            ("LI-SaaS CRM Worksheet", 4)
        ]
    );
}

#[test]
fn the_rev4_template_reads_with_its_zero_padded_ids() {
    let Some(path) = shared_file(REV4) else { return };
    let crm = read(&path);
    assert!(crm.sheets.contains(&("CRM Worksheet".to_string(), 4)), "{:?}", crm.sheets);
    let want = answered(&path, EXAMPLE);
    assert!(!want.is_empty());
    let got: Vec<(usize, String, Status)> =
        crm.answers.iter().map(|a| (a.place.row.unwrap(), a.written.clone(), a.status)).collect();
    let want: Vec<(usize, String, Status)> = want.into_iter().map(|(r, id, a)| (r, id, status(&a))).collect();
    assert_eq!(got, want);
    let labels: Vec<String> = crm.answers.iter().map(|a| a.point.label()).collect();
    assert!(labels.contains(&"AC-2".to_string()) && labels.contains(&"RA-5(8)".to_string()), "{labels:?}");
}

const CATALOG: &str = "catalogs/nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";
const MODERATE: &str = "catalogs/fedramp-rev5/FedRAMP_rev5_MODERATE-baseline_profile.json";

fn baseline_args(inventory: &Path) -> Vec<String> {
    let (c, p) = (root().join(CATALOG), root().join(MODERATE));
    ["-i", s(inventory), "--framework", s(&p), "--catalog", s(&c)].iter().map(|x| x.to_string()).collect()
}

/// The model's status strings on the AWS services for a response point, from matrix.json.
fn model_statuses(m: &serde_json::Value, control: &str, label: &str) -> Option<Vec<String>> {
    let c = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == control)?;
    let services = m["services"].as_array().unwrap();
    let cells = match c["statements"].as_array().and_then(|s| s.iter().find(|s| s["label"] == label)) {
        Some(s) => s["services"].as_array().or(s["cells"].as_array())?.clone(),
        None if label == control || c["statements"].as_array().is_none_or(|s| s.is_empty()) => {
            c["services"].as_array()?.clone()
        }
        None => return None,
    };
    let aws: Vec<String> = cells
        .iter()
        .filter(|x| services.iter().any(|s| s["id"] == x["service"] && s["provider"] == "aws"))
        .map(|x| x["status"].as_str().unwrap().to_string())
        .collect();
    Some(aws)
}

/// `check --provider-data aws=<the Rev 5 template>`: its example answers against the model on
/// the AWS services; every point where they disagree is listed at the answer's row.
#[test]
fn check_lists_every_point_where_the_providers_crm_and_the_model_disagree() {
    let Some(path) = shared_file(REV5) else { return };
    let dir = tempfile::tempdir().unwrap();
    let inv = sample_rows(dir.path(), &["AWS", "Azure"], 100);
    let args = baseline_args(&inv);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let spec = format!("aws={}", path.display());
    let o = run(&[&["check"], &args[..], &["--provider-data", &spec]].concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = said(&o);
    let listed: Vec<&str> = out.lines().filter(|l| l.contains("provider vs model:")).collect();
    let m = map_json(&[&args[..], &["--json-layout", "inline"]].concat());
    let crm = read(&path);
    let mut want = Vec::new();
    for a in &crm.answers {
        let Some(statuses) = model_statuses(&m, &a.point.control, &a.point.label()) else { continue };
        let provider = match a.status {
            Status::Inherited => "inherited",
            Status::Shared => "shared",
            _ => "customer",
        };
        if statuses.iter().any(|s| s != provider && s != "not-applicable") {
            want.push(format!("[{EXAMPLE}]!A{}: provider vs model: {}:", a.place.row.unwrap(), a.point.label()));
        }
    }
    assert!(!want.is_empty());
    assert_eq!(listed.len(), want.len(), "{}", listed.join("\n"));
    for (line, w) in listed.iter().zip(&want) {
        assert!(line.contains(w.as_str()), "{line} / {w}");
    }
}

/// A single-service report's own CRM, fed back in as that provider's data, agrees everywhere.
#[test]
fn our_own_crm_fed_back_in_agrees_with_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let inv = sample_rows(dir.path(), &["AWS"], 1);
    let args = baseline_args(&inv);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = dir.path().join("out");
    let o =
        run(&[&["report", "-q"], &args[..], &["--fedramp", "moderate", "--formats", "json", "-o", s(&out)]].concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let spec = format!("aws={}", out.join("fedramp-moderate-cis-crm.xlsx").display());
    let o = run(&[&["check"], &args[..], &["--provider-data", &spec]].concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!said(&o).contains("provider vs model"), "{}", said(&o));
    assert!(!said(&o).contains("response points the selected frameworks do not have"), "{}", said(&o));
}
