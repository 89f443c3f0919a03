//! The bag's payload, assembled in memory: the report artifacts under `report/` (the FedRAMP
//! CIS/CRM workbook and the OSCAL SSP among them when chosen), the exact input files under
//! `inputs/`, the evidence files under `evidence/`, the evidence manifest, the request list, a
//! Statement of Applicability per ISO catalog and the index. Pure: the CLI reads the files and
//! hands their bytes in.

use super::evidence::{Evidence, Links};
use super::index::Index;
use super::requests::Request;
use super::{manifest, requests, soa, BagFile};
use crate::report::Report;

pub const REQUESTS_FILE: &str = "request-list.csv";

/// Everything the payload is made of.
pub struct Parts<'a> {
    pub report: &'a Report,
    /// Report artifacts by file name (`matrix.json`, the workbook, …).
    pub artifacts: Vec<(String, Vec<u8>)>,
    /// Input files: (path under `inputs/`, role, bytes).
    pub inputs: Vec<(String, String, Vec<u8>)>,
    pub evidence: &'a [Evidence],
    /// Evidence files: (path under `data/`, bytes), each once.
    pub evidence_files: Vec<(String, Vec<u8>)>,
    pub links: &'a Links,
    pub requests: &'a [Request],
}

/// The payload files (paths relative to `data/`).
pub fn build(p: Parts) -> Vec<BagFile> {
    let m = &p.report.matrix;
    let mut files: Vec<BagFile> = Vec::new();
    let mut contents: Vec<(String, String)> = Vec::new();
    for (name, bytes) in p.artifacts {
        contents.push((format!("data/report/{name}"), artifact_note(&name, p.report)));
        files.push((format!("report/{name}"), bytes));
    }
    for (path, role, bytes) in p.inputs {
        contents.push((format!("data/inputs/{path}"), format!("input file ({role}), exactly as read")));
        files.push((format!("inputs/{path}"), bytes));
    }
    let ids: Vec<&str> = p.evidence.iter().map(|e| e.reference.id.as_str()).collect();
    files.push((manifest::JSON_FILE.into(), manifest::json(m, &p.report.meta, p.evidence, p.links)));
    files.push((manifest::CSV_FILE.into(), manifest::csv(m, p.evidence, p.links)));
    contents.push((format!("data/{}", manifest::JSON_FILE), format!("evidence manifest ({})", manifest::SCHEMA)));
    contents.push((format!("data/{}", manifest::CSV_FILE), "evidence manifest as a table".into()));
    files.push((REQUESTS_FILE.into(), requests::csv(m, p.requests, p.evidence)));
    contents.push((
        format!("data/{REQUESTS_FILE}"),
        "request list: one row per customer or shared responsibility, one per provider attestation to collect".into(),
    ));
    for fi in soa::iso_frameworks(m) {
        let name = soa::file_name(&m.frameworks[fi].id);
        let reviewed = p.report.options.review.as_deref().map(|c| &c.soa);
        files.push((name.clone(), soa::csv(m, fi, p.requests, &ids, p.links, reviewed)));
        contents.push((format!("data/{name}"), format!("Statement of Applicability, {}", m.frameworks[fi].id)));
    }
    let evidence_count = p.evidence_files.len();
    for (path, bytes) in p.evidence_files {
        files.push((path, bytes));
    }
    if evidence_count > 0 {
        contents.push(("data/evidence/".into(), format!("{evidence_count} evidence files, listed in the manifest")));
    }
    contents.push(("data/README.md".into(), "this index as text".into()));
    contents.push(("data/index.html".into(), "this index as a page".into()));
    let index = Index {
        matrix: m,
        meta: &p.report.meta,
        requests: p.requests,
        evidence: p.evidence,
        links: p.links,
        contents: &contents,
    };
    files.push(("README.md".into(), index.readme()));
    files.push(("index.html".into(), index.html()));
    files
}

/// What a report artifact is, as the index lists it.
fn artifact_note(name: &str, report: &Report) -> String {
    use crate::render::{fedramp, oscal};
    let m = &report.matrix;
    if let Some(level) = report.options.fedramp.filter(|l| l.file_name() == name) {
        let rows = match fedramp::framework(m, level) {
            Ok(fi) => format!(", one row per response point of {}", m.frameworks[fi].id),
            Err(_) => String::new(),
        };
        return format!(
            "FedRAMP SSP Appendix J CIS/CRM workbook ({}): the Rev 5 template's {} and {}{rows}",
            level.name(),
            level.cis_sheet(),
            level.crm_sheet()
        );
    }
    if name == oscal::FILE_NAME {
        let version = report.options.oscal_version.as_str();
        let answers = match oscal::framework(report) {
            Some(fi) => format!(" answering {}", m.frameworks[fi].id),
            None => String::new(),
        };
        return format!(
            "OSCAL {version} System Security Plan{answers}, the organization's system as one that leverages its \
             providers' authorizations; valid OSCAL (respmatrix's tests check it against NIST's OSCAL {version} JSON \
             Schema), not a complete FedRAMP SSP"
        );
    }
    if name == crate::render::pdf::PROFILES_FILE {
        return "the responsibilities by profile as PDF: per service model, what the provider does and what the \
                organization must do"
            .into();
    }
    match name.rsplit_once('.').map(|(_, e)| e) {
        Some("json") if report.options.json_layout == crate::render::json::Layout::Compact => {
            "the responsibility matrix as JSON (respmatrix/matrix@2: each distinct text stored once)"
        }
        Some("json") => "the responsibility matrix as JSON (respmatrix/matrix@1)",
        Some("xlsx") => "the auditor workbook",
        Some("pdf") => "the responsibility matrix as PDF",
        Some("html") => "the report as a web page",
        Some("md") => "the report as Markdown",
        _ => "report artifact",
    }
    .into()
}
