//! A provider's CRM applied (`--provider-data`): its Yes/Partial/No answers decide the cells of
//! that provider's services per response point, with `decided_by: provider:<file>` and the row
//! in the rationale; other providers' services keep the model; an override still wins; every
//! cell where the answer and the model differ is listed on the Provider vs model sheet and in
//! matrix.json; our own CIS/CRM written from it answers as the provider did.

mod common;
use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use respmatrix::ingest::provider_data::read_file;
use respmatrix::model::Status;
use std::path::{Path, PathBuf};

const REV5: &str = "fedramp-templates/SSP-Appendix-J-CSO-CIS-and-CRM-Workbook.xlsx";
const FILE: &str = "SSP-Appendix-J-CSO-CIS-and-CRM-Workbook.xlsx";
const CATALOG: &str = "catalogs/nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";
const MODERATE: &str = "catalogs/fedramp-rev5/FedRAMP_rev5_MODERATE-baseline_profile.json";

fn template() -> Option<PathBuf> {
    shared_file(REV5)
}

fn args(inventory: &Path) -> Vec<String> {
    let (c, p) = (root().join(CATALOG), root().join(MODERATE));
    ["-i", s(inventory), "--framework", s(&p), "--catalog", s(&c)].iter().map(|x| x.to_string()).collect()
}

fn strs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn word(s: Status) -> &'static str {
    match s {
        Status::Inherited => "inherited",
        Status::Shared => "shared",
        _ => "customer",
    }
}

/// The cells of response point `label` (a statement, else the control).
fn cells<'a>(m: &'a serde_json::Value, control: &str, label: &str) -> Option<&'a Vec<serde_json::Value>> {
    let c = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == control)?;
    match c["statements"].as_array().and_then(|s| s.iter().find(|s| s["label"] == label)) {
        Some(st) => st["cells"].as_array(),
        None if label == control => c["services"].as_array(),
        None => None,
    }
}

fn provider_of<'a>(m: &'a serde_json::Value, service: &serde_json::Value) -> &'a str {
    let svc = m["services"].as_array().unwrap().iter().find(|s| s["id"] == *service).unwrap();
    svc["provider"].as_str().unwrap_or("")
}

#[test]
fn the_providers_answers_decide_its_services_and_leave_the_others_to_the_model() {
    let Some(crm) = template() else { return };
    let dir = tempfile::tempdir().unwrap();
    let a = args(&sample_rows(dir.path(), &["AWS", "Azure"], usize::MAX));
    let spec = format!("aws={}", crm.display());
    let m = map_json(&[&strs(&a)[..], &["--provider-data", &spec, "--json-layout", "inline"]].concat());
    let (read, _) = read_file(&crm).unwrap();
    let mut placed = 0;
    for answer in &read.answers {
        let label = answer.point.label();
        let Some(cells) = cells(&m, &answer.point.control, &label) else { continue };
        placed += 1;
        for cell in cells {
            let by = cell["decided_by"].as_str().unwrap();
            if provider_of(&m, &cell["service"]) == "aws" {
                assert_eq!(cell["status"], word(answer.status), "{label} on {}", cell["service"]);
                assert_eq!(by, format!("provider:{FILE}"), "{label}");
                let why = cell["rationale"].as_str().unwrap();
                let row = format!("[Example CRM Worksheet Responses]!A{}", answer.place.row.unwrap());
                assert!(why.contains(&row) && why.contains(&format!("answers {}", a_word(answer.status))), "{why}");
            } else {
                assert!(!by.starts_with("provider:"), "{label}: an Azure service is not decided by AWS's CRM: {by}");
            }
        }
    }
    assert!(placed >= 60, "the example's answers are placed on Moderate's response points: {placed}");
    let files = m["provider_data"].as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["answers"], read.answers.len());
    assert_eq!(files[0]["file"], FILE);
}

fn a_word(s: Status) -> &'static str {
    match s {
        Status::Inherited => "Yes",
        Status::Shared => "Partial",
        _ => "No",
    }
}

/// (1-based row, id, answer) of the rows of a CRM sheet with an answer in column B.
fn answered(path: &Path, sheet: &str) -> Vec<(String, String)> {
    let mut wb: Xlsx<_> = open_workbook(path).unwrap();
    let range = wb.worksheet_range(sheet).unwrap();
    let text = |d: Option<&Data>| d.map(|d| d.to_string().trim().to_string()).unwrap_or_default();
    range
        .rows()
        .map(|r| (text(r.first()), text(r.get(1))))
        .filter(|(id, a)| !id.is_empty() && ["Yes", "Partial", "No"].contains(&a.as_str()))
        .collect()
}

/// On an AWS-only inventory, the CIS/CRM respmatrix writes answers every response point the
/// provider answered as the provider did; the workbook lists each cell that differed from the
/// model, as matrix.json does.
#[test]
fn a_crm_fed_in_comes_back_out_and_every_disagreement_is_on_the_sheet() {
    let Some(crm) = template() else { return };
    let dir = tempfile::tempdir().unwrap();
    let a = args(&sample_rows(dir.path(), &["AWS"], usize::MAX));
    let out = dir.path().join("out");
    let spec = format!("aws={}", crm.display());
    let o = run(&[
        &["report", "-q"][..],
        &strs(&a),
        &["--provider-data", &spec, "--fedramp", "moderate", "--formats", "xlsx,json", "-o", s(&out)],
    ]
    .concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let given: Vec<(String, String)> = answered(&crm, "Example CRM Worksheet Responses");
    let ours: Vec<(String, String)> = answered(&out.join("fedramp-moderate-cis-crm.xlsx"), "Moderate CRM Worksheet");
    let key = |id: &str| respmatrix::ingest::provider_data::point_id::parse(id).map(|p| p.label());
    let mut compared = 0;
    for (id, answer) in &given {
        let Some((_, mine)) = ours.iter().find(|(x, _)| key(x) == key(id)) else { continue };
        compared += 1;
        assert_eq!(mine, answer, "{id}");
    }
    assert!(compared >= 60, "{compared} of {} rows compared", given.len());

    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("matrix.json")).unwrap()).unwrap();
    let listed = m["provider_data"][0]["disagreements"].as_array().unwrap();
    assert!(!listed.is_empty(), "the template's example differs from the model somewhere");
    let mut wb: Xlsx<_> = open_workbook(out.join("responsibility-matrix.xlsx")).unwrap();
    let sheet = wb.worksheet_range("Provider vs model").unwrap();
    let rows: Vec<Vec<String>> = sheet.rows().map(|r| r.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(rows[0][3], "Response point");
    assert_eq!(rows.len() - 1, listed.len(), "one row per cell that differs");
    for (row, d) in rows[1..].iter().zip(listed) {
        assert_eq!(row[3], d["point"].as_str().unwrap());
        assert!(row[1].ends_with(&format!("]!{}", d["origin"].as_str().unwrap().rsplit('!').next().unwrap())));
        assert_ne!(row[5].to_lowercase(), row[6].to_lowercase(), "provider and model differ: {row:?}");
    }
    let inputs = std::fs::read_to_string(out.join("matrix.json")).unwrap();
    assert!(!inputs.contains(s(dir.path())), "no folder of this machine in matrix.json");
}

/// An override of the organization on a point the provider answered decides that point.
#[test]
fn an_override_wins_over_the_providers_answer() {
    let Some(crm) = template() else { return };
    let dir = tempfile::tempdir().unwrap();
    let a = args(&sample_rows(dir.path(), &["AWS"], usize::MAX));
    let overrides = dir.path().join("overrides.yaml");
    let text = "overrides:\n  - id: ac2a-ours\n    control: AC-2(a)\n    status: customer\n    justification: We run all account management ourselves.\n";
    std::fs::write(&overrides, text).unwrap();
    let spec = format!("aws={}", crm.display());
    let with = |extra: &[&str]| {
        map_json(&[&strs(&a)[..], &["--provider-data", &spec, "--json-layout", "inline"], extra].concat())
    };
    let m = with(&[]);
    let before = &cells(&m, "AC-2", "AC-2(a)").unwrap()[0];
    assert_eq!(
        (before["status"].as_str(), before["decided_by"].as_str()),
        (Some("shared"), Some(&*format!("provider:{FILE}")))
    );
    let m = with(&["--overrides", s(&overrides)]);
    let after = &cells(&m, "AC-2", "AC-2(a)").unwrap()[0];
    assert_eq!(
        (after["status"].as_str(), after["decided_by"].as_str()),
        (Some("customer"), Some("override:ac2a-ours"))
    );
    let b = &cells(&m, "AC-2", "AC-2(b)").unwrap()[0];
    assert_eq!(b["decided_by"], format!("provider:{FILE}"), "the other points keep the provider's answer");
}

/// `provider_data:` in the project file works as the flag does; a provider no service has is a
/// usage error naming the providers there are.
#[test]
fn the_project_file_names_provider_data_and_an_unknown_provider_is_refused() {
    let Some(crm) = template() else { return };
    let dir = tempfile::tempdir().unwrap();
    let inv = sample_rows(dir.path(), &["AWS"], usize::MAX);
    std::fs::copy(&crm, dir.path().join("aws-crm.xlsx")).unwrap();
    let (c, p) = (root().join(CATALOG), root().join(MODERATE));
    let project = dir.path().join("respmatrix.yaml");
    let yaml = format!(
        "organization: Example\ninventory: inventory.csv\ncatalog: {}\nframeworks: [{}]\nprovider_data:\n  aws: aws-crm.xlsx\n",
        c.display(),
        p.display()
    );
    std::fs::write(&project, yaml).unwrap();
    let m = map_json(&["-c", s(&project), "--json-layout", "inline"]);
    let cell = &cells(&m, "AC-2", "AC-2(a)").unwrap()[0];
    assert_eq!(cell["decided_by"], "provider:aws-crm.xlsx");

    let spec = format!("gcp={}", crm.display());
    let o = run(&["map", "-i", s(&inv), "--framework", s(&p), "--catalog", s(&c), "--provider-data", &spec]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("no in-scope service has provider \"gcp\" (providers: aws)"), "{}", stderr(&o));
    let o = run(&["map", "-i", s(&inv), "--provider-data", "aws"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("expected PROVIDER=FILE"), "{}", stderr(&o));
}

/// With provider data, the compact matrix.json still matches the published schema and the
/// Python consumer rebuilds from it exactly what `map` writes inline, provider rationales and
/// all.
#[test]
fn the_compact_matrix_with_provider_data_matches_its_schema_and_rebuilds_inline() {
    let Some(crm) = template() else { return };
    let python = std::env::var("RESPMATRIX_PYTHON").unwrap_or_else(|_| "python3".into());
    let has = std::process::Command::new(&python).args(["-c", "import jsonschema"]).output();
    if !has.map(|o| o.status.success()).unwrap_or(false) {
        assert!(std::env::var_os("CI").is_none(), "CI needs {python} with jsonschema");
        eprintln!("skipped: {python} cannot import jsonschema");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let a = args(&sample_rows(dir.path(), &["AWS", "Azure"], usize::MAX));
    let spec = format!("aws={}", crm.display());
    let o = run(&[&["map", "--json-layout", "compact"][..], &strs(&a), &["--provider-data", &spec]].concat());
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let file = fixture(&dir, "matrix.json", &o.stdout);
    let script = root().join("scripts/matrix_v2.py");
    let schema = root().join("docs/matrix-v2.schema.json");
    let v = std::process::Command::new(&python).arg(&script).arg("validate").arg(&schema).arg(&file).output().unwrap();
    assert!(v.status.success(), "{}", stderr(&v));
    let back = std::process::Command::new(&python).arg(&script).arg("inline").arg(&file).output().unwrap();
    assert!(back.status.success(), "{}", stderr(&back));
    let rebuilt: serde_json::Value = serde_json::from_slice(&back.stdout).unwrap();
    let inline = map_json(&[&strs(&a)[..], &["--provider-data", &spec, "--json-layout", "inline"]].concat());
    assert_eq!(rebuilt, inline);
}

/// A provider's OSCAL SSP applies as its CRM does: the NIST leveraged-system example exports
/// AC-2(a) as provided and a customer responsibility, so AC-2(a) is shared on the AWS services,
/// decided by the file, with the JSON path in the rationale.
#[test]
fn a_providers_oscal_ssp_applies_at_its_json_path() {
    let ssp = shared_data("nist-oscal/examples/oscal_leveraged-example_ssp.json");
    if !ssp.is_file() {
        assert!(std::env::var_os("CI").is_none(), "{} is missing", ssp.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let a = args(&sample_rows(dir.path(), &["AWS", "Azure"], usize::MAX));
    let spec = format!("aws={}", ssp.display());
    let m = map_json(&[&strs(&a)[..], &["--provider-data", &spec, "--json-layout", "inline"]].concat());
    let mut aws = 0;
    for cell in cells(&m, "AC-2", "AC-2(a)").unwrap() {
        let by = cell["decided_by"].as_str().unwrap();
        if provider_of(&m, &cell["service"]) != "aws" {
            assert!(!by.starts_with("provider:"), "{by}");
            continue;
        }
        aws += 1;
        assert_eq!((cell["status"].as_str(), by), (Some("shared"), "provider:oscal_leveraged-example_ssp.json"));
        let why = cell["rationale"].as_str().unwrap();
        assert!(why.contains("OSCAL SSP answers Partial for AC-2(a)"), "{why}");
        assert!(why.contains("implemented-requirements[0]"), "the JSON path: {why}");
    }
    assert!(aws > 0);
    assert_eq!(m["provider_data"][0]["kind"], "OSCAL SSP");
}
