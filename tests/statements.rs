//! Statement-level responsibility: the response set of 800-53 and FedRAMP controls (the FedRAMP
//! `response-point` marks, else the first-level items), checked row for row against the official
//! FedRAMP CIS/CRM template.

mod common;
use calamine::{open_workbook, Data, Reader, Xlsx};
use common::*;
use respmatrix::data::embedded::DataSource;
use respmatrix::data::{load_catalog_file, CatalogOptions};
use respmatrix::model::Catalog;
use std::path::PathBuf;

const CATALOG: &str = "catalogs/nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";
const TEMPLATE: &str = "fedramp-templates/SSP-Appendix-J-CSO-CIS-and-CRM-Workbook.xlsx";

fn fedramp(level: &str) -> PathBuf {
    root().join(format!("catalogs/fedramp-rev5/FedRAMP_rev5_{level}-baseline_profile.json"))
}

fn load(path: &std::path::Path, catalog: Option<PathBuf>) -> Catalog {
    let opts = CatalogOptions { include_withdrawn: false, catalog };
    let (c, _) = load_catalog_file(&DataSource::default(), path, &opts).unwrap_or_else(|e| panic!("{e}"));
    c
}

/// The CIS/CRM row ids of a catalog: one per part, or the control id when it has none.
fn rows(c: &Catalog) -> Vec<String> {
    c.controls
        .iter()
        .flat_map(|x| match x.parts.is_empty() {
            true => vec![x.id.clone()],
            false => x.parts.iter().map(|p| p.label.clone()).collect(),
        })
        .collect()
}

/// The `Control ID` column of the template's `<Level> CRM Worksheet`, below its header row.
fn template_rows(level: &str, header_row: usize) -> Option<Vec<String>> {
    let path = shared_data(TEMPLATE);
    if !path.is_file() {
        assert!(std::env::var_os("CI").is_none(), "{} is missing", path.display());
        eprintln!("skipped: {} is missing", path.display());
        return None;
    }
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    let range = wb.worksheet_range(&format!("{level} CRM Worksheet")).unwrap();
    let (top, _) = range.start().unwrap();
    let ids = range
        .rows()
        .enumerate()
        .filter(|(i, _)| top as usize + i >= header_row)
        .filter_map(|(_, r)| match r.first() {
            Some(Data::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            _ => None,
        })
        .collect();
    Some(ids)
}

fn check_level(profile: &str, sheet: &str, header_row: usize, want: usize) {
    let c = load(&fedramp(profile), Some(root().join(CATALOG)));
    let got = rows(&c);
    assert_eq!(got.len(), want, "{profile}: response points");
    if let Some(official) = template_rows(sheet, header_row) {
        assert_eq!(official.len(), want, "{sheet} CRM Worksheet rows");
        let diff: Vec<(usize, &String, &String)> = got
            .iter()
            .zip(&official)
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| (i, a, b))
            .take(5)
            .collect();
        assert!(diff.is_empty(), "{sheet}: rows differ from the template (index, ours, template): {diff:?}");
    }
}

#[test]
fn fedramp_moderate_answers_688_response_points_as_the_template_rows() {
    check_level("MODERATE", "Moderate", 4, 688);
}

#[test]
fn fedramp_low_answers_424_and_high_791_response_points() {
    check_level("LOW", "Low", 4, 424);
    check_level("HIGH", "High", 3, 791);
}

#[test]
fn response_points_carry_their_prose_with_parameters_in_one_line() {
    let c = load(&fedramp("MODERATE"), Some(root().join(CATALOG)));
    let ac2 = c.controls.iter().find(|x| x.id == "AC-2").unwrap();
    let a = ac2.parts.iter().find(|p| p.label == "AC-2(a)").unwrap();
    assert_eq!(a.id, "ac-2_smt.a");
    assert!(a.prose.starts_with("Define and document the types of accounts"), "{}", a.prose);
    let c_part = ac2.parts.iter().find(|p| p.label == "AC-2(c)").unwrap();
    assert!(!c_part.prose.contains("{{") && c_part.prose.contains("group and role membership"), "{}", c_part.prose);
    let d = ac2.parts.iter().find(|p| p.label == "AC-2(d)").unwrap();
    assert!(!d.prose.contains('\n') && d.prose.contains("Authorized users"), "{}", d.prose);
    // AC-12 is answered as a whole: no parts, the row is the control.
    assert!(c.controls.iter().find(|x| x.id == "AC-12").unwrap().parts.is_empty());
}

#[test]
fn without_response_points_the_first_level_items_answer() {
    let c = load(&root().join(CATALOG), None);
    let ac1 = c.controls.iter().find(|x| x.id == "AC-1").unwrap();
    let labels: Vec<&str> = ac1.parts.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(labels, ["AC-1(a)", "AC-1(b)", "AC-1(c)"]);
    let ac2 = c.controls.iter().find(|x| x.id == "AC-2").unwrap();
    assert_eq!(ac2.parts.len(), 12, "AC-2 (a)–(l)");
    // A statement without items (AC-12 in the catalog) is answered as a whole.
    assert!(c.controls.iter().find(|x| x.id == "AC-12").unwrap().parts.is_empty());
}

#[test]
fn the_resolved_moderate_xml_catalog_carries_the_same_688_points() {
    let path = shared_data("fedramp-automation/baselines/FedRAMP_rev5_MODERATE-baseline-resolved-profile_catalog.xml");
    if !path.is_file() {
        assert!(std::env::var_os("CI").is_none(), "{} is missing", path.display());
        return;
    }
    let xml = rows(&load(&path, None));
    let json = rows(&load(&fedramp("MODERATE"), Some(root().join(CATALOG))));
    assert_eq!(xml.len(), 688);
    assert_eq!(xml, json);
}

/// `map --format json` on the sample inventory against FedRAMP Moderate, with overrides.
fn moderate(overrides: Option<&str>) -> (i32, serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.xlsx");
    let (profile, catalog) = (fedramp("MODERATE"), root().join(CATALOG));
    let mut args = vec!["map", "--format", "json", "-i", s(&inv), "-f", s(&profile), "--catalog", s(&catalog)];
    let ov = overrides.map(|text| fixture(&dir, "overrides.yaml", text.as_bytes()));
    if let Some(ov) = &ov {
        args.extend(["--overrides", s(ov)]);
    }
    let o = run(&args);
    let json = serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null);
    (code(&o), json, stderr(&o))
}

fn control<'a>(m: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    m["controls"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap_or_else(|| panic!("no {id}"))
}

fn statement<'a>(c: &'a serde_json::Value, label: &str) -> &'a serde_json::Value {
    c["statements"].as_array().unwrap().iter().find(|s| s["label"] == label).unwrap_or_else(|| panic!("no {label}"))
}

fn cell<'a>(cells: &'a serde_json::Value, svc: &str) -> &'a serde_json::Value {
    cells.as_array().unwrap().iter().find(|c| c["service"] == svc).unwrap_or_else(|| panic!("no {svc}"))
}

#[test]
fn statements_default_to_the_control_and_appear_in_matrix_json() {
    let (code, m, err) = moderate(None);
    assert_eq!(code, 0, "{err}");
    let rows: usize = m["controls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.get("statements").and_then(|s| s.as_array()).map_or(1, |s| s.len()))
        .sum();
    assert_eq!(rows, 688);
    let a = statement(control(&m, "AC-2"), "AC-2(a)");
    assert_eq!(a["id"], "ac-2_smt.a");
    assert!(a["prose"].as_str().unwrap().starts_with("Define and document"));
    // AC-17's statements have no layers of their own: each cell is the control's.
    let ac17 = control(&m, "AC-17");
    let a = statement(ac17, "AC-17(a)");
    for svc in ["web-frontend", "email", "orders-db"] {
        let (own, whole) = (cell(&a["cells"], svc), cell(&ac17["services"], svc));
        for field in ["status", "decided_by", "customer_statement", "provider_statement"] {
            assert_eq!(own[field], whole[field], "{svc} {field}");
        }
        assert!(own["rationale"].as_str().unwrap().contains("For AC-17(a) ("), "{}", own["rationale"]);
    }
    assert!(control(&m, "AC-12").get("statements").is_none(), "answered as a whole");
}

#[test]
fn an_override_on_one_statement_rolls_up_and_the_rationale_names_the_parts() {
    let ov = "overrides:\n  - id: crm-j\n    control: AC-2(j)\n    services: [web-frontend]\n    status: inherited\n    justification: The provider reauthorizes its own accounts.\n  - id: crm-a\n    control: AC-2\n    statement: a\n    services: [email]\n    status: inherited\n    justification: Provider-defined account types.\n  - control: ac-2_smt.b\n    services: [email]\n    status: inherited\n    justification: Provider-assigned managers.\n";
    let (code, m, err) = moderate(Some(ov));
    assert_eq!(code, 0, "{err}");
    let ac2 = control(&m, "AC-2");
    assert_eq!(cell(&statement(ac2, "AC-2(j)")["cells"], "web-frontend")["status"], "inherited");
    assert_eq!(cell(&statement(ac2, "AC-2(j)")["cells"], "web-frontend")["decided_by"], "override:crm-j");
    assert_eq!(cell(&statement(ac2, "AC-2(i)")["cells"], "web-frontend")["status"], "customer");
    let whole = cell(&ac2["services"], "web-frontend");
    assert_eq!(whole["status"], "shared");
    assert_eq!(whole["decided_by"], "rule:statements");
    let why = whole["rationale"].as_str().unwrap();
    assert!(why.contains("AC-2(a)–(i), AC-2(k)–(l) customer, AC-2(j) inherited"), "{why}");
    let email = control(&m, "AC-2");
    assert_eq!(cell(&statement(email, "AC-2(a)")["cells"], "email")["decided_by"], "override:crm-a");
    assert_eq!(cell(&statement(email, "AC-2(b)")["cells"], "email")["status"], "inherited");
    assert!(cell(&email["services"], "email")["rationale"].as_str().unwrap().contains("AC-2(a)–(b) inherited"));
    // Where no statement differs the control keeps its own decision.
    assert_eq!(cell(&ac2["services"], "vmware-cluster")["decided_by"], "model:on-prem");
}

#[test]
fn an_override_on_the_control_applies_to_every_statement() {
    let ov = "overrides:\n  - id: all\n    control: AC-2\n    services: [email]\n    status: inherited\n    justification: Fully managed.\n";
    let (code, m, err) = moderate(Some(ov));
    assert_eq!(code, 0, "{err}");
    let ac2 = control(&m, "AC-2");
    for st in ac2["statements"].as_array().unwrap() {
        assert_eq!(cell(&st["cells"], "email")["decided_by"], "override:all", "{}", st["label"]);
    }
    assert_eq!(cell(&ac2["services"], "email")["decided_by"], "override:all");
}

#[test]
fn an_override_naming_a_statement_the_control_lacks_is_a_placed_error() {
    for (entry, field) in [("control: AC-2(z)", "control"), ("control: AC-2\n    statement: z", "statement")] {
        let ov = format!("overrides:\n  - {entry}\n    status: inherited\n    justification: x\n");
        let (code, _, err) = moderate(Some(&ov));
        assert_eq!(code, 1, "{err}");
        assert!(err.contains("overrides.yaml:2") && err.contains(field), "{err}");
        assert!(
            err.contains("AC-2 has no statement \"")
                && err.contains("z")
                && err.contains("(its statements: AC-2(a), AC-2(b)"),
            "{err}"
        );
    }
    let ov = "overrides:\n  - control: AC-12\n    statement: a\n    status: inherited\n    justification: x\n";
    let (code, _, err) = moderate(Some(ov));
    assert_eq!(code, 1);
    assert!(err.contains("answered as a whole"), "{err}");
}

#[test]
fn a_statement_with_layers_of_its_own_is_decided_from_them() {
    let (code, m, err) = moderate(None);
    assert_eq!(code, 0, "{err}");
    let cp9 = control(&m, "CP-9");
    let c = statement(cp9, "CP-9(c)");
    assert_eq!(c["layers"], serde_json::json!(["data"]));
    // A managed database: the provider takes the backups (shared), but backing up the system
    // documentation is the organization's.
    let db = cell(&c["cells"], "orders-db");
    assert_eq!(db["status"], "customer", "{db}");
    assert!(db["rationale"].as_str().unwrap().contains("For CP-9(c) (data)"), "{db}");
    assert_eq!(cell(&statement(cp9, "CP-9(a)")["cells"], "orders-db")["status"], "shared");
    let whole = cell(&cp9["services"], "orders-db");
    assert_eq!((whole["status"].as_str(), whole["decided_by"].as_str()), (Some("shared"), Some("model:paas")));
    let why = whole["rationale"].as_str().unwrap();
    assert!(why.ends_with("Its statements differ: CP-9(a)–(b), CP-9(d) shared, CP-9(c) customer."), "{why}");
    // On a bare instance every statement is the organization's: nothing differs.
    let vm = cell(&cp9["services"], "web-frontend");
    assert_eq!((vm["status"].as_str(), vm["decided_by"].as_str()), (Some("customer"), Some("model:iaas")));
    assert!(!vm["rationale"].as_str().unwrap().contains("statements"), "{vm}");
}

#[test]
fn a_layer_table_key_naming_no_statement_is_a_placed_warning() {
    let dir = tempfile::tempdir().unwrap();
    let layers = dir.path().join("frameworks/layers");
    std::fs::create_dir_all(&layers).unwrap();
    let table = std::fs::read_to_string(root().join("frameworks/layers/sp800-53.yaml")).unwrap();
    let table = table.replacen(
        "    statements:\n      c:",
        "    statements:\n      zz: {layers: [identity], why: x}\n      c:",
        1,
    );
    std::fs::write(layers.join("sp800-53.yaml"), &table).unwrap();
    let line = table.lines().position(|l| l == "  - id: CP-9").unwrap() + 1;
    let inv = root().join("samples/inventory.xlsx");
    let (profile, catalog) = (fedramp("MODERATE"), root().join(CATALOG));
    let o = run(&["check", "-i", s(&inv), "-f", s(&profile), "--catalog", s(&catalog), "--data", s(dir.path())]);
    let err = stderr(&o) + &stdout(&o);
    assert!(err.contains(&format!("sp800-53.yaml:{line}:1")), "{err}");
    assert!(err.contains("CP-9: statements: \"zz\" names no statement of CP-9"), "{err}");
}

/// `report` on the sample inventory against FedRAMP Moderate with `overrides`, into `dir`.
fn report_moderate(dir: &std::path::Path, overrides: &str) -> std::process::Output {
    let inv = root().join("samples/inventory.xlsx");
    let (profile, catalog) = (fedramp("MODERATE"), root().join(CATALOG));
    let ov = dir.join("overrides.yaml");
    std::fs::write(&ov, overrides).unwrap();
    let out = dir.join("out");
    let args =
        ["report", "-i", s(&inv), "-f", s(&profile), "--catalog", s(&catalog), "--overrides", s(&ov), "--out", s(&out)];
    run(&args)
}

fn text(r: &calamine::Range<Data>, row: usize, col: usize) -> String {
    match r.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

#[test]
fn the_workbook_lists_every_statement_with_its_status_per_service() {
    let dir = tempfile::tempdir().unwrap();
    let ov = "overrides:\n  - id: crm-j\n    control: AC-2(j)\n    status: inherited\n    justification: The provider reauthorizes its own accounts.\n";
    let o = report_moderate(dir.path(), ov);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut wb: Xlsx<_> = open_workbook(dir.path().join("out/responsibility-matrix.xlsx")).unwrap();
    let names = wb.sheet_names();
    let at = names.iter().position(|n| n == "Statements").expect("a Statements sheet");
    assert_eq!(names[at - 1], "Services");
    let r = wb.worksheet_range("Statements").unwrap();
    let header: Vec<String> = (0..r.width()).map(|c| text(&r, 0, c)).collect();
    assert_eq!(header[..4], ["Framework", "Control ID", "Statement", "Statement text"]);
    let web = header.iter().position(|h| h == "Patient Portal Web Tier").expect("a column per service");
    let decided = header.iter().position(|h| h == "Decided by").unwrap();
    let m = common::read_matrix(&dir.path().join("out/matrix.json"));
    let want: usize =
        m["controls"].as_array().unwrap().iter().map(|c| c["statements"].as_array().map_or(0, |s| s.len())).sum();
    assert_eq!(r.height() - 1, want, "one row per statement");
    let row = (1..r.height()).find(|&i| text(&r, i, 2) == "AC-2(j)").expect("the AC-2(j) row");
    assert_eq!(text(&r, row, 1), "AC-2");
    assert!(text(&r, row, 3).starts_with("Review accounts"), "{}", text(&r, row, 3));
    assert_eq!(text(&r, row, web), "Inherited");
    assert!(text(&r, row, decided).contains("override:crm-j: Patient Portal Web Tier"), "{}", text(&r, row, decided));
    let i = (1..r.height()).find(|&i| text(&r, i, 2) == "AC-2(i)").unwrap();
    assert_eq!(text(&r, i, web), "Customer");
    // The PDF shows statements only where they differ from their control.
    let pdf = dir.path().join("out/responsibility-matrix.pdf");
    let o = std::process::Command::new("pdftotext").args([s(&pdf), "-"]).output();
    let Ok(o) = o else {
        assert!(std::env::var_os("CI").is_none(), "CI needs pdftotext (poppler-utils)");
        return;
    };
    let words = String::from_utf8_lossy(&o.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains(
            "Statements of AC-2: AC-2(a)–(i), AC-2(k)–(l) customer, AC-2(j) inherited (for all 25 services)."
        ),
        "AC-2 note"
    );
    // AC-2(3) is drawn and has statements (a)–(d), all the organization's like the control.
    assert!(words.contains("AC-2(3) · Disable Accounts · Customer"), "AC-2(3) is in the section");
    assert!(!words.contains("Statements of AC-2(3):"), "AC-2(3)'s statements agree with it");
}

#[test]
fn a_broken_statement_template_is_one_error_at_its_line() {
    // `check` compiles every template and reports the broken one; the mapping that stops at the
    // same template does not report it a second time.
    let dir = tempfile::tempdir().unwrap();
    let set = std::fs::read_to_string(root().join("templates/statements/nist-csf-2.0.yaml")).unwrap();
    let key = set.find("\"PR.DS-01\"").unwrap();
    let at = key + set[key..].find("provider: \"").unwrap() + "provider: \"".len();
    let broken = format!("{}{{{{#if service}}}}unclosed {}", &set[..at], &set[at..]);
    // Errors point at the control's key.
    let line = set[..key].matches('\n').count() + 1;
    std::fs::create_dir_all(dir.path().join("templates/statements")).unwrap();
    std::fs::write(dir.path().join("templates/statements/nist-csf-2.0.yaml"), broken).unwrap();
    let inv = root().join("samples/inventory.csv");
    let o = run(&["check", "-i", s(&inv), "-f", "nist-csf-2.0", "--data", s(dir.path())]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    let out = said(&o);
    let want = format!("nist-csf-2.0.yaml:{line} (PR.DS-01.provider): Template error");
    assert_eq!(out.matches(&want).count(), 1, "{want:?} once in:\n{out}");
    assert!(out.contains("1 error(s)"), "{out}");
}
