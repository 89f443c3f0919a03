//! Provider data against the model: each answer of a provider's CRM (`ingest::provider_data`)
//! compared, response point by response point, with the matrix's cells on that provider's
//! in-scope services. Every disagreement is listed with the answer's file, sheet and row: that
//! catches a wrong model and a stale provider CRM alike.

use crate::diag::{Diagnostic, Location};
use crate::ingest::provider_data::{CrmAnswer, ProviderCrm};
use crate::model::{control_id, Status};
use crate::view::{Cell, ControlView, Matrix};
use std::collections::HashMap;

/// One answer the model disagrees with, on some of the provider's services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Disagreement {
    /// The row id (`AC-2(a)`).
    pub point: String,
    /// What the provider answers.
    pub provider: Status,
    /// The model's status and the services that have it, for each status that differs.
    pub model: Vec<(Status, Vec<String>)>,
    pub place: Location,
}

/// The comparison of one provider's CRM.
#[derive(Debug, Clone, Default)]
pub struct Comparison {
    pub agree: usize,
    pub disagree: Vec<Disagreement>,
    /// Answers naming response points the selected frameworks do not have, by place.
    pub unplaced: Vec<(String, Location)>,
}

/// Compares `crm` with the cells of the in-scope services whose provider is `provider`.
pub fn compare(m: &Matrix, provider: &str, crm: &ProviderCrm) -> Comparison {
    let services: Vec<usize> = (0..m.services.len())
        .filter(|&si| {
            let s = &m.services[si];
            crate::model::provider_data::names_provider(provider, s.provider.as_deref(), s.provider_title.as_deref())
        })
        .collect();
    let mut by_key: HashMap<String, Vec<&ControlView>> = HashMap::new();
    for c in &m.controls {
        by_key.entry(control_id::key(&c.id)).or_default().push(c);
    }
    let mut out = Comparison::default();
    for a in &crm.answers {
        let controls = by_key.get(&control_id::key(&a.point.control)).map(Vec::as_slice).unwrap_or(&[]);
        let found: Vec<&[Cell]> = controls.iter().filter_map(|c| cells(c, a)).collect();
        if found.is_empty() {
            out.unplaced.push((a.point.label(), a.place.clone()));
            continue;
        }
        let mut differ: Vec<(Status, Vec<String>)> = Vec::new();
        for &si in &services {
            let status = found[0][si].status;
            if status == a.status || status == Status::NotApplicable {
                continue;
            }
            let name = m.services[si].name.clone();
            match differ.iter_mut().find(|(s, _)| *s == status) {
                Some((_, names)) => names.push(name),
                None => differ.push((status, vec![name])),
            }
        }
        if differ.is_empty() {
            out.agree += 1;
        } else {
            out.disagree.push(Disagreement {
                point: a.point.label(),
                provider: a.status,
                model: differ,
                place: a.place.clone(),
            });
        }
    }
    out
}

/// The cells an answer speaks about: its statement's, else (a control answered as a whole on
/// either side) the control's.
fn cells<'m>(c: &'m ControlView, a: &CrmAnswer) -> Option<&'m [Cell]> {
    let label = a.point.label();
    let part = a.point.part_id();
    if let Some(s) = c.statements.iter().find(|s| s.label == label || s.id == part) {
        return Some(&s.cells);
    }
    match (&a.point.statement, c.statements.is_empty()) {
        (None, _) | (Some(_), true) => Some(&c.cells),
        (Some(_), false) => None,
    }
}

/// The comparison as warnings: one per disagreement at the answer's place, and one for the
/// answers the selected frameworks have no response point for.
pub fn warnings(file: &str, provider: &str, kind: &str, cmp: &Comparison) -> Vec<Diagnostic> {
    let answer = |s: Status| match s {
        Status::Inherited => "Yes (inherited)",
        Status::Shared => "Partial (shared)",
        _ => "No (customer)",
    };
    let mut out: Vec<Diagnostic> = cmp
        .disagree
        .iter()
        .map(|d| {
            let model: Vec<String> = d.model.iter().map(|(s, names)| format!("{s} for {}", names.join(", "))).collect();
            let msg = format!(
                "provider vs model: {}: {provider}'s {kind} answers {}, the model has {}",
                d.point,
                answer(d.provider),
                model.join("; ")
            );
            Diagnostic::warning(d.place.clone(), msg)
        })
        .collect();
    if !cmp.unplaced.is_empty() {
        let some: Vec<String> =
            cmp.unplaced.iter().take(5).map(|(p, at)| format!("{p} ({})", at.in_workbook())).collect();
        let more = cmp.unplaced.len().saturating_sub(5);
        let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
        let msg = format!(
            "{} answers name response points the selected frameworks do not have: {}{tail}",
            cmp.unplaced.len(),
            some.join(", ")
        );
        out.push(Diagnostic::warning(Location::file(file), msg));
    }
    out
}
