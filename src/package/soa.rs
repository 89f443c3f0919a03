//! The Statement of Applicability for each ISO catalog in the report (catalog ids starting
//! `iso-`): every control, whether it applies and why (an override's justification, the
//! cloud-only reasoning, a withdrawal), the responsible party from the matrix, the request and
//! evidence ids, and columns for the reviewer's implementation status and notes (carried from
//! the previous report with `--previous`).

use super::evidence::Links;
use super::requests::Request;
use crate::model::Status;
use crate::render::safe::csv_cell;
use crate::review::soa_reviews;
use crate::view::{withdrawn_rationale, ControlView, Decided, Matrix};
use std::collections::BTreeSet;

/// The frameworks that get a Statement of Applicability.
pub fn iso_frameworks(m: &Matrix) -> Vec<usize> {
    (0..m.frameworks.len()).filter(|&fi| m.frameworks[fi].id.starts_with("iso-")).collect()
}

/// The file name of a framework's statement inside the bag.
pub fn file_name(framework_id: &str) -> String {
    format!("statement-of-applicability-{}.csv", super::names::portable(framework_id))
}

pub const HEADERS: [&str; 15] = [
    "framework",
    "control_id",
    "control_title",
    "applicable",
    "justification",
    "responsible_party",
    "inherited_services",
    "shared_services",
    "customer_services",
    "not_applicable_services",
    "request_ids",
    "evidence_ids",
    "implementation_status",
    "reviewer",
    "reviewer_notes",
];

/// `Yes`, `No`, or `Yes (not for N services)`.
pub fn applicable(c: &ControlView) -> String {
    let na = c.counts.not_applicable;
    let all = c.cells.len();
    match (c.withdrawn.is_some(), na) {
        (true, _) => "No".into(),
        (false, _) if all == 0 || na == all => "No".into(),
        (false, 0) => "Yes".into(),
        (false, n) => format!("Yes (not for {n} of {all} services)"),
    }
}

/// Why the control applies or not.
pub fn justification(m: &Matrix, c: &ControlView) -> String {
    if let Some(why) = withdrawn_rationale(c) {
        return why;
    }
    let all = c.cells.len();
    let applies = all - c.counts.not_applicable;
    let mut parts = Vec::new();
    if applies > 0 {
        let why = c.why.trim().trim_end_matches('.');
        parts.push(match why.is_empty() {
            true => format!("Applies to {applies} of {all} in-scope services."),
            false => format!("Applies to {applies} of {all} in-scope services: {why}."),
        });
    }
    let mut overrides: BTreeSet<u32> = BTreeSet::new();
    let mut cloud_only = Vec::new();
    for (si, cell) in c.cells.iter().enumerate() {
        if cell.status != Status::NotApplicable {
            continue;
        }
        match cell.decided {
            Decided::Override(i) => {
                overrides.insert(i);
            }
            _ => cloud_only.push(m.services[si].name.as_str()),
        }
    }
    for i in overrides {
        let o = &m.overrides[i as usize];
        let names: Vec<&str> = c
            .cells
            .iter()
            .enumerate()
            .filter(|(_, cell)| cell.decided == Decided::Override(i) && cell.status == Status::NotApplicable)
            .map(|(si, _)| m.services[si].name.as_str())
            .collect();
        parts.push(format!("Not applicable to {} (override {}): {}", names.join(", "), o.label, o.justification));
    }
    if !cloud_only.is_empty() {
        parts.push(format!(
            "Not applicable to {}: a cloud-only control, and these services run in the organization's own datacentre.",
            cloud_only.join(", ")
        ));
    }
    if all == 0 {
        parts.push("No in-scope service.".into());
    }
    parts.join(" ")
}

/// Who is responsible: the provider, the organization, both, or how it varies by service.
pub fn responsible(c: &ControlView) -> String {
    match c.status {
        Status::Inherited => "Provider (inherited; rely on the provider's attestation)".into(),
        Status::Customer => "Organization".into(),
        Status::Shared => "Shared: provider and organization".into(),
        Status::NotApplicable => "None (not applicable)".into(),
        Status::Mixed => {
            let k = &c.counts;
            format!(
                "Varies by service: {} inherited, {} shared, {} organization, {} not applicable",
                k.inherited, k.shared, k.customer, k.not_applicable
            )
        }
    }
}

/// One framework's Statement of Applicability as CSV.
/// `reviewed`: the reviewer cells carried from a previous report (`report --previous`).
pub fn csv(
    m: &Matrix,
    fi: usize,
    requests: &[Request],
    evidence_ids: &[&str],
    links: &Links,
    reviewed: Option<&soa_reviews::Carried>,
) -> Vec<u8> {
    let by_cell = links.by_cell();
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = w.write_record(HEADERS);
    for (ci, c) in m.controls.iter().enumerate().filter(|(_, c)| c.framework == fi) {
        let names = |s: Status| -> String {
            let list: Vec<&str> = c
                .cells
                .iter()
                .enumerate()
                .filter(|(_, cell)| cell.status == s)
                .map(|(si, _)| m.services[si].id.as_str())
                .collect();
            list.join(" ")
        };
        let reqs: Vec<&str> = requests.iter().filter(|r| r.controls.contains(&ci)).map(|r| r.id.as_str()).collect();
        let ev: BTreeSet<usize> =
            (0..c.cells.len()).filter_map(|si| by_cell.get(&(ci, si))).flatten().copied().collect();
        let row = [
            m.frameworks[fi].id.clone(),
            c.id.clone(),
            c.display_title().into_owned(),
            applicable(c),
            justification(m, c),
            responsible(c),
            names(Status::Inherited),
            names(Status::Shared),
            names(Status::Customer),
            names(Status::NotApplicable),
            reqs.join(" "),
            ev.iter().map(|&i| evidence_ids[i]).collect::<Vec<_>>().join(" "),
        ];
        let [status, reviewer, notes] = soa_reviews::cells(reviewed, &m.frameworks[fi].id, &c.id);
        let row = row.into_iter().chain([status, reviewer, notes]);
        let _ = w.write_record(row.map(|t| csv_cell(&t).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}
