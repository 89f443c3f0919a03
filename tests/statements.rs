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
