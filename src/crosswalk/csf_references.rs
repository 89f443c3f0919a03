//! The NIST CSF 2.0 reference tool export (`CSF 2.0` sheet: Function, Category, Subcategory,
//! Implementation Examples, Informative References). Each reference line `<Source>: <id>` of a
//! subcategory becomes a concept-crosswalk edge to the framework the source names; references
//! to sources respmatrix has no framework for (NICE, CRI Profile, SP 800-37, …) and the
//! 27001:2022 mandatory clauses (not Annex A controls) are left out.

use super::edge::{Edge, End, Relationship, Style};
use super::sheet::Sheet;
use super::{too_many, Crosswalk, EDGES_MAX};
use crate::diag::Diagnostics;
use crate::error::Result;

pub const SHEET: &str = "CSF 2.0";
const SUBCATEGORY: &str = "Subcategory";
const REFERENCES: &str = "Informative References";

/// Reference-line prefixes and the framework they name.
const SOURCES: &[(&str, &str)] = &[
    ("SP 800-53 Rev 5.2.0:", "sp800-53"),
    ("SP 800-53 Rev 5.1.1:", "sp800-53"),
    ("ISO/IEC 27001:2022: Annex A Controls:", "iso-27001-2022"),
    ("CSF v1.1:", "nist-csf-1.1"),
    ("SP 800-171 Rev 3:", "sp800-171"),
    ("CCMv4.0:", "ccm-4.0"),
    ("CIS Controls v8.0:", "cis-controls-8"),
    ("CIS Controls v8.1:", "cis-controls-8"),
    ("PCI DSS:", "pci-dss-4.0"),
    ("SP 800-218:", "sp800-218"),
];

pub fn read(name: &str, bytes: &[u8]) -> Result<(Crosswalk, Diagnostics)> {
    let sheet = Sheet::read(name, bytes, SHEET, &[SUBCATEGORY, REFERENCES])?;
    let (sub, refs) = (sheet.col(SUBCATEGORY), sheet.col(REFERENCES));
    let title = "NIST CSF 2.0 informative references".to_string();
    let mut edges: Vec<Edge> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in sheet.data_rows() {
        let text = sheet.cell(r, sub);
        // `GV.OC-01: The organizational mission …`; withdrawn subcategories carry no references.
        let Some(id) = text.split(':').next().map(str::trim).filter(|id| !id.is_empty() && !id.contains(' ')) else {
            continue;
        };
        for line in sheet.cell(r, refs).lines() {
            let line = line.trim();
            let Some((prefix, fw)) = SOURCES.iter().find(|(p, _)| line.starts_with(p)) else { continue };
            let target = line[prefix.len()..].trim().trim_end_matches(',').trim();
            if target.is_empty() || !seen.insert((id.to_string(), *fw, target.to_string())) {
                continue;
            }
            if edges.len() >= EDGES_MAX {
                return Err(too_many(sheet.place(r, refs)));
            }
            edges.push(Edge {
                from: End::new("nist-csf-2.0", id),
                to: End::new(fw, target),
                relationship: Relationship::Related,
                style: Style::ConceptCrosswalk,
                rationale: format!("NIST CSF 2.0 informative reference ({})", prefix.trim_end_matches(':')),
                crosswalk: title.clone(),
                provenance: sheet.place(r, refs).to_string(),
            });
        }
    }
    let cw = Crosswalk {
        id: "csf2-informative-references".to_string(),
        title,
        source: "NIST CSF 2.0 Reference Tool export (informative references)".to_string(),
        origin: name.to_string(),
        edges,
    };
    Ok((cw, Diagnostics::default()))
}
