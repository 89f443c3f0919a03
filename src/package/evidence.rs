//! Evidence: what answers a control. A [`Reference`] is declared (the inventory's Evidence
//! column, `evidence.yaml`, a provider attestation in the project file, a reviewer's column,
//! a file found in `--evidence-dir`); the CLI reads its file into [`Evidence`]; [`assess`] adds
//! the findings an assessor would raise (missing, expired, outside the period, serving
//! nothing); [`Links`] says which (control, service) cells each piece of evidence answers.

use super::period::Period;
use crate::model::{control_id, Date, Status};
use crate::view::Matrix;
use std::path::PathBuf;

/// Where a reference was declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Declared {
    /// `evidence.yaml`.
    EvidenceFile,
    /// The inventory's Evidence column.
    Inventory,
    /// `attestations:` in the project file.
    Attestation,
    /// A reviewer's Evidence column (quarterly review work).
    Reviewer,
    /// A file of `--evidence-dir` that nothing references.
    Folder,
}

impl Declared {
    pub fn id(self) -> &'static str {
        match self {
            Declared::EvidenceFile => "evidence-file",
            Declared::Inventory => "inventory",
            Declared::Attestation => "attestation",
            Declared::Reviewer => "reviewer",
            Declared::Folder => "evidence-dir",
        }
    }
}

/// Where the evidence is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A local file (resolved path), packaged into the bag.
    File(PathBuf),
    /// A link (`https://…`): listed, not packaged.
    Url(String),
    /// Nothing given (an attestation without `file:`).
    None,
}

/// Which cells a piece of evidence answers; an absent field matches everything.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Serves {
    pub framework: Option<String>,
    /// A control id or glob (`CC6.*`), matched case-insensitively.
    pub control: Option<String>,
    /// A service id or name.
    pub service: Option<String>,
    /// A provider id or name (attestations).
    pub provider: Option<String>,
    /// Only cells the provider holds alone (attestations answer inherited cells).
    pub inherited_only: bool,
}

impl Serves {
    /// `soc2-2017 CC6.2 orders-db`, `provider aws (inherited cells)`.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(self.framework.clone());
        parts.extend(self.control.clone());
        if let Some(s) = &self.service {
            parts.push(format!("service {s}"));
        }
        if let Some(p) = &self.provider {
            parts.push(format!("provider {p}"));
        }
        if self.inherited_only {
            parts.push("(inherited cells)".into());
        }
        if parts.is_empty() {
            "every control".into()
        } else {
            parts.join(" ")
        }
    }
}

/// A provider attestation an inherited cell relies on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attestation {
    /// The provider as written in the project file (`aws`).
    pub provider: String,
    /// `soc2-type2`, `bridge-letter`, `iso-27001`, `fedramp`, …
    pub kind: String,
    /// The report, certificate or package id.
    pub reference: String,
    pub period: Option<Period>,
    /// The period as written.
    pub period_text: String,
}

/// A declared piece of evidence, before its file is read.
#[derive(Debug, Clone)]
pub struct Reference {
    /// Unique within the package.
    pub id: String,
    pub declared: Declared,
    /// Where it was declared: `evidence.yaml: evidence[2]`, `inventory.xlsx[Services]!L4`.
    pub origin: String,
    /// The file or link as written.
    pub written: String,
    pub target: Target,
    /// The folder a file must stay inside (links and `..` included), so an inventory row
    /// cannot pull an unrelated file of the machine into a package sent to an assessor.
    pub base: Option<PathBuf>,
    pub title: String,
    pub collected: Option<Date>,
    pub effective: Option<Date>,
    pub valid_until: Option<Date>,
    pub source: String,
    pub method: String,
    pub serves: Vec<Serves>,
    pub attestation: Option<Attestation>,
}

/// A file as packaged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Content {
    /// Path inside the bag's payload, e.g. `evidence/EV-001-access-review.pdf` (under `data/`).
    pub bag_path: String,
    pub sha256: String,
    pub size: u64,
    pub media_type: &'static str,
}

/// What an assessor would raise about a piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FindingKind {
    Missing,
    Expired,
    OutsidePeriod,
    NotPackaged,
    ServesNothing,
}

impl FindingKind {
    pub fn id(self) -> &'static str {
        match self {
            FindingKind::Missing => "missing",
            FindingKind::Expired => "expired",
            FindingKind::OutsidePeriod => "outside-period",
            FindingKind::NotPackaged => "not-packaged",
            FindingKind::ServesNothing => "serves-nothing",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub message: String,
}

/// A piece of evidence with its file (when read) and findings.
#[derive(Debug, Clone)]
pub struct Evidence {
    pub reference: Reference,
    pub content: Option<Content>,
    /// Why the file could not be read, when it could not.
    pub unread: Option<String>,
    pub findings: Vec<Finding>,
}

/// The media type of a file by its extension.
pub fn media_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "txt" | "log" => "text/plain",
        "md" => "text/markdown",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "xml" => "application/xml",
        "yaml" | "yml" => "application/yaml",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "zip" => "application/zip",
        "eml" => "message/rfc822",
        _ => "application/octet-stream",
    }
}

/// Which cells each piece of evidence answers: per evidence, `(control index, service index)`.
pub struct Links {
    pub cells: Vec<Vec<(usize, usize)>>,
}

impl Links {
    /// Matches every piece of evidence against every cell of the matrix, and counts it against
    /// the controls of other selected frameworks a crosswalk says the matched control fully
    /// covers (equal, superset): evidence of a tested responsibility serves every framework it
    /// answers, not only the one it was filed under.
    pub fn new(m: &Matrix, evidence: &[Evidence]) -> Links {
        let cells = evidence.iter().map(|e| with_crosswalks(m, matching_cells(m, &e.reference.serves))).collect();
        Links { cells }
    }

    /// Evidence indexes per (control, service), for the request list and the index.
    pub fn by_cell(&self) -> std::collections::HashMap<(usize, usize), Vec<usize>> {
        let mut out: std::collections::HashMap<(usize, usize), Vec<usize>> = Default::default();
        for (ei, cells) in self.cells.iter().enumerate() {
            for &cell in cells {
                out.entry(cell).or_default().push(ei);
            }
        }
        out
    }
}

/// The cells plus, for each, the same service's cell of every control its control fully covers.
fn with_crosswalks(m: &Matrix, mut cells: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut more = Vec::new();
    for &(ci, si) in &cells {
        for x in m.also_serves.get(ci).into_iter().flatten() {
            let full = x.strength == crate::crosswalk::Strength::Full;
            if full && m.controls[x.control].cells.get(si).is_some_and(|c| c.status != Status::NotApplicable) {
                more.push((x.control, si));
            }
        }
    }
    cells.extend(more);
    cells.sort_unstable();
    cells.dedup();
    cells
}

fn same(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// How a `serves` entry names controls.
enum Control {
    Key(String),
    Glob(Option<globset::GlobMatcher>),
}

/// The cells a list of `serves` entries matches, in matrix order, each once.
fn matching_cells(m: &Matrix, serves: &[Serves]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for s in serves {
        // One id matches in any spelling (`AC-02(01)` = `AC-2(1)`); a pattern as a glob.
        let control = s.control.as_deref().map(|c| match control_id::is_glob(c) {
            true => Control::Glob(crate::ingest::limits::glob_matcher(&c.to_lowercase()).ok()),
            false => Control::Key(control_id::key(c)),
        });
        let services: Vec<usize> = (0..m.services.len())
            .filter(|&si| {
                let v = &m.services[si];
                let service_ok = s.service.as_deref().is_none_or(|x| same(x, &v.id) || same(x, &v.name));
                let provider_ok = s.provider.as_deref().is_none_or(|p| {
                    v.provider.as_deref().is_some_and(|q| same(p, q))
                        || v.provider_title.as_deref().is_some_and(|q| same(p, q))
                });
                service_ok && provider_ok
            })
            .collect();
        if services.is_empty() {
            continue;
        }
        for (ci, c) in m.controls.iter().enumerate() {
            let fw_ok = s.framework.as_deref().is_none_or(|f| same(f, &m.frameworks[c.framework].id));
            let control_ok = match &control {
                None => true,
                Some(Control::Key(k)) => *k == control_id::key(&c.id),
                Some(Control::Glob(Some(g))) => g.is_match(c.id.to_lowercase()),
                Some(Control::Glob(None)) => false,
            };
            if !fw_ok || !control_ok {
                continue;
            }
            for &si in &services {
                let status = c.cells[si].status;
                if status == Status::NotApplicable || (s.inherited_only && status != Status::Inherited) {
                    continue;
                }
                out.push((ci, si));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Adds the findings: a file that is missing or a link (not packaged), validity that ended
/// before the report date, a collection or effective date outside the period, an attestation
/// whose period does not overlap the assessment period, evidence that answers no cell.
pub fn assess(evidence: &mut [Evidence], links: &Links, report_date: Date, period: Option<Period>) {
    for (ei, e) in evidence.iter_mut().enumerate() {
        let r = &e.reference;
        let mut found = Vec::new();
        let mut add = |kind, message: String| found.push(Finding { kind, message });
        match (&r.target, &e.content) {
            (Target::File(_), None) => add(
                FindingKind::Missing,
                format!(
                    "{} cannot be read: {}",
                    crate::diag::excerpt(&r.written, 120),
                    e.unread.as_deref().unwrap_or("not found")
                ),
            ),
            (Target::Url(u), _) => add(
                FindingKind::NotPackaged,
                format!("{} is a link; its content is not in the package", crate::diag::excerpt(u, 120)),
            ),
            (Target::None, _) => {
                add(FindingKind::NotPackaged, "no file given; the attestation must be collected".into())
            }
            _ => {}
        }
        if let Some(until) = r.valid_until.filter(|u| *u < report_date) {
            add(FindingKind::Expired, format!("valid until {until}, before the report date {report_date}"));
        }
        if let Some(p) = period {
            for (what, date) in [("collected", r.collected), ("effective", r.effective)] {
                if let Some(d) = date.filter(|d| !p.contains(*d)) {
                    add(FindingKind::OutsidePeriod, format!("{what} {d}, outside the period {p}"));
                }
            }
            if let Some(ap) = r.attestation.as_ref().and_then(|a| a.period) {
                if !ap.overlaps(&p) {
                    add(FindingKind::OutsidePeriod, format!("the attestation covers {ap}, not the period {p}"));
                }
            }
        }
        if links.cells[ei].is_empty() {
            let what = match r.declared {
                Declared::Folder => "nothing references this file".to_string(),
                _ => format!("serves {} but no applicable cell matches", join_serves(&r.serves)),
            };
            add(FindingKind::ServesNothing, what);
        }
        e.findings = found;
    }
}

/// `soc2-2017 CC6.2 service orders-db; …`.
pub fn join_serves(serves: &[Serves]) -> String {
    if serves.is_empty() {
        return "nothing".into();
    }
    serves.iter().map(Serves::describe).collect::<Vec<_>>().join("; ")
}

/// A link when the text has a scheme (`https://…`), else a path under `base`.
pub fn target(written: &str, base: &std::path::Path) -> Target {
    if written.contains("://") {
        Target::Url(written.to_string())
    } else {
        Target::File(base.join(written))
    }
}
