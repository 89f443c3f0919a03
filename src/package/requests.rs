//! The request list (the "PBC" list an auditor works from): one row per thing the
//! organization must do for a control (its customer and shared cells, grouped by what they ask
//! for), and one row per provider and framework naming the attestation to collect for what is
//! inherited. Request ids derive from the framework, the normalized control id, the service set
//! and the status, never from positions, so the same responsibility keeps its id across runs
//! and quarters.

use super::evidence::{Evidence, FindingKind, Links};
use crate::model::{control_id, LayerSet, Status};
use crate::render::safe::csv_cell;
use crate::report::sha256_hex;
use crate::view::{Decided, Matrix};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The organization's part of a control (customer or shared cells).
    Responsibility,
    /// The provider attestation an inherited cell relies on.
    Attestation,
}

impl Kind {
    pub fn id(self) -> &'static str {
        match self {
            Kind::Responsibility => "responsibility",
            Kind::Attestation => "provider-attestation",
        }
    }
}

/// One row of the request list.
#[derive(Debug, Clone)]
pub struct Request {
    pub id: String,
    pub kind: Kind,
    /// Index into `Matrix::frameworks`.
    pub framework: usize,
    /// Indexes into `Matrix::controls`.
    pub controls: Vec<usize>,
    /// Indexes into `Matrix::services`.
    pub services: Vec<usize>,
    /// `customer`, `shared` or `inherited`.
    pub status: Status,
    pub provide: String,
    pub owner: String,
    pub due: String,
    /// Indexes into the evidence list.
    pub evidence: Vec<usize>,
    /// Provider id (attestation rows).
    pub provider: Option<String>,
}

impl Request {
    /// `open` (nothing linked), `evidence-linked`, or `evidence-findings` (linked evidence is
    /// missing, expired or outside the period).
    pub fn state(&self, evidence: &[Evidence]) -> &'static str {
        let relevant = |e: &&Evidence| e.findings.iter().any(|f| f.kind != FindingKind::ServesNothing);
        match self.evidence.is_empty() {
            true => "open",
            false if self.evidence.iter().map(|&i| &evidence[i]).any(|e| relevant(&e)) => "evidence-findings",
            false => "evidence-linked",
        }
    }
}

/// The request list of a matrix; `due` goes into every row.
pub fn build(m: &Matrix, links: &Links, attestations: &[(String, String)], due: &str) -> Vec<Request> {
    let by_cell = links.by_cell();
    let mut out = Vec::new();
    for (ci, c) in m.controls.iter().enumerate() {
        if c.withdrawn.is_some() {
            continue;
        }
        for (status, services) in group(c) {
            let fw = &m.frameworks[c.framework].id;
            let first = services[0];
            let cell = &c.cells[first];
            let provide = match services.len() {
                1 => m.customer_statement(c, cell, first),
                _ => m.customer_statement_generic(c, cell),
            };
            // The set, not the order: the same services in another inventory order keep the id.
            let mut ids: Vec<&str> = services.iter().map(|&si| m.services[si].id.as_str()).collect();
            ids.sort_unstable();
            let evidence = linked(&by_cell, services.iter().map(|&si| (ci, si)));
            out.push(Request {
                id: request_id("REQ", &[fw, &control_id::key(&c.id), status.id(), &ids.join(",")]),
                kind: Kind::Responsibility,
                framework: c.framework,
                controls: vec![ci],
                owner: owners(m, &services),
                services,
                status,
                provide,
                due: due.to_string(),
                evidence,
                provider: None,
            });
        }
    }
    out.extend(attestation_rows(m, &by_cell, attestations, due));
    unique_ids(&mut out);
    out
}

/// Evidence indexes per (control, service) cell.
type ByCell = HashMap<(usize, usize), Vec<usize>>;

/// The evidence linked to any of the cells, each once, in evidence order.
fn linked(by_cell: &ByCell, cells: impl IntoIterator<Item = (usize, usize)>) -> Vec<usize> {
    let set: BTreeSet<usize> = cells.into_iter().filter_map(|c| by_cell.get(&c)).flatten().copied().collect();
    set.into_iter().collect()
}

/// A control's customer and shared cells grouped by what they ask of the organization (status,
/// layers, statement, deciding override), each group's services in inventory order.
fn group(c: &crate::view::ControlView) -> Vec<(Status, Vec<usize>)> {
    type Key = (Status, LayerSet, LayerSet, u32, Option<u32>);
    let mut index: FxHashMap<Key, usize> = FxHashMap::default();
    let mut out: Vec<(Status, Vec<usize>)> = Vec::new();
    for (si, cell) in c.cells.iter().enumerate() {
        if !matches!(cell.status, Status::Customer | Status::Shared) {
            continue;
        }
        let over = match cell.decided {
            Decided::Override(i) => Some(i),
            _ => None,
        };
        let key = (cell.status, cell.customer, cell.shared, cell.ctext, over);
        let at = *index.entry(key).or_insert_with(|| {
            out.push((cell.status, Vec::new()));
            out.len() - 1
        });
        out[at].1.push(si);
    }
    out
}

/// One row per provider and framework with inherited cells: the attestation to collect.
/// `attestations` are (provider key, description) pairs from the project file.
fn attestation_rows(m: &Matrix, by_cell: &ByCell, attestations: &[(String, String)], due: &str) -> Vec<Request> {
    let mut groups: BTreeMap<(String, usize), (BTreeSet<usize>, BTreeSet<usize>)> = BTreeMap::new();
    for (ci, c) in m.controls.iter().enumerate() {
        for (si, cell) in c.cells.iter().enumerate() {
            if cell.status == Status::Inherited && c.withdrawn.is_none() {
                let provider = m.services[si].provider.clone().unwrap_or_else(|| "unknown provider".into());
                let g = groups.entry((provider, c.framework)).or_default();
                g.0.insert(ci);
                g.1.insert(si);
            }
        }
    }
    let mut out = Vec::new();
    for ((provider, fi), (controls, services)) in groups {
        let title =
            services.iter().find_map(|&si| m.services[si].provider_title.clone()).unwrap_or_else(|| provider.clone());
        let listed: Vec<&str> = attestations
            .iter()
            .filter(|(p, _)| p.eq_ignore_ascii_case(&provider) || p.eq_ignore_ascii_case(&title))
            .map(|(_, d)| d.as_str())
            .collect();
        let provide = match listed.is_empty() {
            false => format!(
                "Collect {title}'s attestation covering the period and review its complementary user entity controls: {}.",
                listed.join("; ")
            ),
            true => format!(
                "No attestation of {title} is listed in the project file (attestations:). Collect the one the inherited \
                 controls rely on: its SOC 2 Type II report covering the period (with a bridge letter for any gap), its \
                 ISO/IEC 27001 certificate and expiry, or its FedRAMP package id; review its complementary user entity \
                 controls."
            ),
        };
        let cells: Vec<(usize, usize)> = controls
            .iter()
            .flat_map(|&ci| services.iter().map(move |&si| (ci, si)))
            .filter(|&(ci, si)| m.controls[ci].cells[si].status == Status::Inherited)
            .collect();
        let services: Vec<usize> = services.into_iter().collect();
        out.push(Request {
            id: request_id("REQ-P", &[&m.frameworks[fi].id, &provider, "inherited"]),
            kind: Kind::Attestation,
            framework: fi,
            controls: controls.into_iter().collect(),
            owner: owners(m, &services),
            services,
            status: Status::Inherited,
            provide,
            due: due.to_string(),
            evidence: linked(by_cell, cells),
            provider: Some(provider),
        });
    }
    out
}

/// `REQ-3f9a0c12de`: a prefix and the first 10 hex digits of the parts' SHA-256. (`R-` and
/// `CR-` are the review's pair and row ids; a request is neither.)
fn request_id(prefix: &str, parts: &[&str]) -> String {
    format!("{prefix}-{}", &sha256_hex(parts.join("\u{1f}").as_bytes())[..10])
}

/// Ids stay unique: a (very unlikely) repeat gets a `-2`, `-3` suffix in list order.
fn unique_ids(list: &mut [Request]) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for r in list.iter_mut() {
        let n = seen.entry(r.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            r.id = format!("{}-{n}", r.id);
        }
    }
}

/// The inventory owner of the services, or each distinct owner when they differ.
fn owners(m: &Matrix, services: &[usize]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for &si in services {
        if let Some(o) = m.services[si].owner.as_deref() {
            if !seen.contains(&o) {
                seen.push(o);
            }
        }
    }
    seen.join("; ")
}

pub const HEADERS: [&str; 13] = [
    "request_id",
    "type",
    "framework",
    "controls",
    "services",
    "service_names",
    "responsibility",
    "what_to_provide",
    "owner",
    "due_date",
    "state",
    "evidence_ids",
    "evidence_files",
];

/// The request list as CSV (formula-safe, LF line ends).
pub fn csv(m: &Matrix, list: &[Request], evidence: &[Evidence]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = w.write_record(HEADERS);
    for r in list {
        let _ = w.write_record(row(m, r, evidence).iter().map(|t| csv_cell(t).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}

/// One request's fields under `HEADERS`, as text (not yet made formula-safe).
pub fn row(m: &Matrix, r: &Request, evidence: &[Evidence]) -> [String; 13] {
    let ev = r.evidence.iter().map(|&i| &evidence[i]);
    [
        r.id.clone(),
        r.kind.id().to_string(),
        m.frameworks[r.framework].id.clone(),
        r.controls.iter().map(|&ci| m.controls[ci].id.as_str()).collect::<Vec<_>>().join(" "),
        r.services.iter().map(|&si| m.services[si].id.as_str()).collect::<Vec<_>>().join(" "),
        r.services.iter().map(|&si| m.services[si].name.as_str()).collect::<Vec<_>>().join("; "),
        r.status.id().to_string(),
        r.provide.clone(),
        r.owner.clone(),
        r.due.clone(),
        r.state(evidence).to_string(),
        ev.clone().map(|e| e.reference.id.as_str()).collect::<Vec<_>>().join(" "),
        ev.filter_map(|e| e.content.as_ref()).map(|c| format!("data/{}", c.bag_path)).collect::<Vec<_>>().join(" "),
    ]
}
