//! The NIST OLIR crosswalk workbook (`Relationships` sheet: Focal Document Element, Reference
//! Document Element, Comments, Strength of Relationship). Without a `Relationship` column it is a
//! concept crosswalk (every row "related"); with one (the OLIR set-theory template) each row
//! carries its own. The frameworks come from the ids' shape, else the file name.

use super::edge::{Edge, End, Relationship, Style};
use super::sheet::Sheet;
use super::{scheme, too_many, Crosswalk, EDGES_MAX};
use crate::diag::{Diagnostics, Location};
use crate::error::Result;
use std::path::Path;

pub const SHEET: &str = "Relationships";
const FOCAL: &str = "Focal Document Element";
const REFERENCE: &str = "Reference Document Element";

pub fn read(name: &str, bytes: &[u8], path: &Path) -> Result<(Crosswalk, Diagnostics)> {
    let sheet = Sheet::read(name, bytes, SHEET, &[FOCAL, REFERENCE])?;
    let (focal, reference) = (sheet.col(FOCAL), sheet.col(REFERENCE));
    let relationship_col = sheet.col("Relationship");
    let comments = sheet.col("Comments (Optional)").or_else(|| sheet.col("Comments"));
    let strength = sheet.col("Strength of Relationship (Optional)").or_else(|| sheet.col("Strength of Relationship"));
    let file_stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let rows: Vec<usize> = sheet.data_rows().filter(|&r| !sheet.cell(r, reference).is_empty()).collect();
    let guess = |col: Option<usize>, fallback: Option<&'static str>| -> String {
        rows.iter().find_map(|&r| scheme::from_id(sheet.cell(r, col))).or(fallback).unwrap_or("unknown").to_string()
    };
    let focal_fw = guess(focal, scheme::from_name(file_stem));
    let reference_fw = guess(reference, Some("sp800-53"));
    let title = format!("NIST OLIR crosswalk {file_stem}");
    let mut diags = Diagnostics::default();
    let mut edges = Vec::new();
    for r in rows {
        let (from, to) = (sheet.cell(r, focal), sheet.cell(r, reference));
        if from.is_empty() {
            diags.error(sheet.place(r, focal), "a reference element without its focal element");
            continue;
        }
        let (relationship, style) = match relationship_col.map(|c| sheet.cell(r, Some(c))) {
            None | Some("") => (Relationship::Related, Style::ConceptCrosswalk),
            Some(text) => match Relationship::parse(text) {
                Some(rel) => (rel, rel.style()),
                None => {
                    diags.error(
                        sheet.place(r, relationship_col),
                        format!("unknown relationship \"{}\"", crate::diag::excerpt(text, 60)),
                    );
                    continue;
                }
            },
        };
        if edges.len() >= EDGES_MAX {
            return Err(too_many(sheet.place(r, None)));
        }
        let notes: Vec<&str> =
            [sheet.cell(r, comments), sheet.cell(r, strength)].into_iter().filter(|s| !s.is_empty()).collect();
        let at: Location = sheet.place(r, reference);
        edges.push(Edge {
            from: End::new(&focal_fw, from),
            to: End::new(&reference_fw, to),
            relationship,
            style,
            rationale: if notes.is_empty() { "NIST OLIR concept crosswalk".to_string() } else { notes.join("; ") },
            crosswalk: title.clone(),
            provenance: at.to_string(),
        });
    }
    crate::error::fail_on_errors(&diags)?;
    let cw = Crosswalk {
        id: file_stem.to_string(),
        title,
        source: "NIST Online Informative References (OLIR)".to_string(),
        origin: name.to_string(),
        edges,
    };
    Ok((cw, Diagnostics::default()))
}
