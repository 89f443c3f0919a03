//! Crosswalks: typed edges between the controls of two frameworks (NIST IR 8477 styles), read
//! from the built-in crosswalk files and from `--crosswalk FILE` (respmatrix YAML, an OSCAL 1.2
//! mapping collection, the NIST OLIR crosswalk workbook, the CSF 2.0 reference tool export, the
//! SCF workbook as a pivot), then used for "also serves" and the consistency check.

pub mod consistency;
pub mod csf_references;
pub mod edge;
pub mod links;
pub mod olir;
pub mod oscal_mapping;
pub mod scf_pivot;
pub mod scheme;
pub mod sheet;
pub mod unknown;
pub mod yaml_format;

pub use edge::{Edge, End, Relationship, Strength, Style};
pub use links::AlsoServes;

use crate::data::embedded::DataSource;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::ingest::limits;
use std::path::Path;

/// The built-in crosswalks (`frameworks/crosswalks/`), each replaceable with `--data DIR`.
pub const BUILTIN: &[&str] = &[
    "frameworks/crosswalks/nist-csf-2.0-to-sp800-53.yaml",
    "frameworks/crosswalks/nist-csf-2.0-to-iso-27001-2022.yaml",
    "frameworks/crosswalks/iso-27002-2013-to-27001-2022.yaml",
];

/// Most edges one crosswalk file may produce (the SCF pivot of 2022.3 makes about 60,000).
pub const EDGES_MAX: usize = 2_000_000;

/// One crosswalk: its edges and where it came from.
#[derive(Debug, Clone, Default)]
pub struct Crosswalk {
    pub id: String,
    pub title: String,
    /// Who published the relationships, and when.
    pub source: String,
    /// "(built-in) frameworks/crosswalks/…" or the path read.
    pub origin: String,
    pub edges: Vec<Edge>,
}

/// How a user crosswalk is read: as its format says, or downgraded to a concept crosswalk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrosswalkInput {
    pub path: std::path::PathBuf,
    /// `Some(ConceptCrosswalk)` reads every edge as "related" whatever it claims.
    pub style: Option<Style>,
}

/// The built-in crosswalks and the user's, in that order.
pub fn load(source: &DataSource, inputs: &[CrosswalkInput]) -> Result<(Vec<Crosswalk>, Diagnostics)> {
    let mut out = Vec::new();
    let mut diags = Diagnostics::default();
    for rel in BUILTIN {
        let f = source.read(rel)?;
        out.push(yaml_format::parse(&f.name, &f.text)?);
    }
    for input in inputs {
        let (mut cw, warnings) = load_file(source, &input.path)?;
        if let Some(style) = input.style {
            cw.edges.iter_mut().for_each(|e| e.style = style);
        }
        diags.extend(warnings);
        out.push(cw);
    }
    Ok((out, diags))
}

/// Reads one crosswalk file of any supported format, by its extension and contents.
pub fn load_file(source: &DataSource, path: &Path) -> Result<(Crosswalk, Diagnostics)> {
    let name = path.display().to_string();
    let bytes = limits::read_input(path)?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let fail = |msg: String| Error::unreadable(Diagnostic::error(Location::file(&name), msg));
    match ext.as_str() {
        "yaml" | "yml" => {
            let text = crate::ingest::text::decode(&name, &bytes)?;
            Ok((yaml_format::parse(&name, &text)?, Diagnostics::default()))
        }
        "json" => {
            let text = crate::ingest::text::decode(&name, &bytes)?;
            oscal_mapping::parse(&name, &text)
        }
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => {
            let names = sheet::names(&name, &bytes)?;
            if names.iter().any(|n| n == olir::SHEET) {
                olir::read(&name, &bytes, path)
            } else if names.iter().any(|n| n == csf_references::SHEET) {
                csf_references::read(&name, &bytes)
            } else if let Some(s) = names.iter().find(|n| scf_pivot::is_scf_sheet(n)) {
                scf_pivot::read(source, &name, &bytes, s)
            } else {
                Err(fail(format!(
                    "not a crosswalk workbook: expected a \"{}\" sheet (NIST OLIR), a \"{}\" sheet (CSF 2.0 \
                     reference tool) or an \"SCF …\" sheet (Secure Controls Framework); sheets: {}",
                    olir::SHEET,
                    csf_references::SHEET,
                    crate::diag::excerpt(&names.join(", "), 300)
                )))
            }
        }
        _ => Err(fail(
            "unknown crosswalk format: expected .yaml (respmatrix crosswalk), .json (OSCAL mapping collection) \
             or a workbook (.xlsx: NIST OLIR, CSF 2.0 reference tool, SCF)"
                .to_string(),
        )),
    }
}

/// An error for a crosswalk that grew past [`EDGES_MAX`].
pub fn too_many(at: Location) -> Error {
    limits::exceeded(
        at,
        format!("the crosswalk has more than {EDGES_MAX} relationships; respmatrix reads at most that"),
    )
}
