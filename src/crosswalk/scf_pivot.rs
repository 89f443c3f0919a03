//! The Secure Controls Framework workbook as a pivot, read from the user's copy at run time
//! (its licence forbids shipping it): the controls of two frameworks that the same SCF control
//! row lists are related (a concept crosswalk through the SCF control). Which columns are read
//! and the framework of each is data (`frameworks/crosswalks/scf-columns.yaml`).

use super::edge::{Edge, End, Relationship, Style};
use super::sheet::{norm, Sheet};
use super::{too_many, Crosswalk, EDGES_MAX};
use crate::data::embedded::DataSource;
use crate::data::yaml;
use crate::diag::Diagnostics;
use crate::error::Result;
use serde::Deserialize;

const COLUMNS: &str = "frameworks/crosswalks/scf-columns.yaml";
const SCF_ID: &str = "SCF #";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumns {
    columns: Vec<RawColumn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumn {
    header: String,
    framework: String,
    #[serde(default)]
    prefix: String,
}

/// `SCF 2022.3`, `SCF 2025.1`: the control sheet of an SCF workbook.
pub fn is_scf_sheet(name: &str) -> bool {
    name.strip_prefix("SCF ").is_some_and(|v| v.starts_with(|c: char| c.is_ascii_digit()))
}

pub fn read(source: &DataSource, name: &str, bytes: &[u8], sheet_name: &str) -> Result<(Crosswalk, Diagnostics)> {
    let f = source.read(COLUMNS)?;
    let table: RawColumns = yaml::parse(&f.name, &f.text)?;
    let sheet = Sheet::read(name, bytes, sheet_name, &[SCF_ID])?;
    let id_col = sheet.col(SCF_ID);
    let cols: Vec<(usize, &RawColumn)> = table
        .columns
        .iter()
        .filter_map(|c| sheet.header_texts().iter().position(|h| norm(h) == norm(&c.header)).map(|i| (i, c)))
        .collect();
    let title = format!("Secure Controls Framework pivot ({sheet_name})");
    let mut edges = Vec::new();
    for r in sheet.data_rows() {
        let scf = sheet.cell(r, id_col);
        let mut ends: Vec<End> = Vec::new();
        for (c, col) in &cols {
            for id in sheet.cell(r, Some(*c)).lines().map(str::trim).filter(|s| !s.is_empty()) {
                let id = if id.starts_with(|ch: char| ch.is_ascii_digit()) {
                    format!("{}{id}", col.prefix)
                } else {
                    id.to_string()
                };
                let end = End::new(&col.framework, &id);
                if !ends.iter().any(|e| e.framework == end.framework && e.key == end.key) {
                    ends.push(end);
                }
            }
        }
        for (i, a) in ends.iter().enumerate() {
            for b in ends[i + 1..].iter().filter(|b| b.framework != a.framework) {
                if edges.len() >= EDGES_MAX {
                    return Err(too_many(sheet.place(r, None)));
                }
                edges.push(Edge {
                    from: a.clone(),
                    to: b.clone(),
                    relationship: Relationship::Related,
                    style: Style::ConceptCrosswalk,
                    rationale: format!("both listed under SCF control {scf}"),
                    crosswalk: title.clone(),
                    provenance: format!("{} (SCF {scf})", sheet.place(r, None)),
                });
            }
        }
    }
    let cw = Crosswalk {
        id: format!("scf-{}", sheet_name.trim_start_matches("SCF ")),
        title,
        source:
            "Secure Controls Framework (SCF), securecontrolsframework.com (CC BY-ND 4.0), read from the user's copy"
                .to_string(),
        origin: name.to_string(),
        edges,
    };
    Ok((cw, Diagnostics::default()))
}
