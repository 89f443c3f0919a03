//! Carries the reviewers' work of a previous report into the new workbook, pair by pair, so
//! regrouped rows lose nothing: unchanged responsibilities keep their values; changed ones keep
//! owner, evidence and notes, get "Needs re-review" and say what changed; reviewed pairs whose
//! responsibility is gone are listed as orphaned.

use super::ids;
use super::prior::{pair_key, Entry, Pair, Prior, NEEDS_REREVIEW};
use crate::render::xlsx::responsibilities::{self as resp, Responsibility};
use crate::view::{ControlView, Matrix};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What one new row gets.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CarriedRow {
    pub entry: Entry,
    /// "Changed since last review": empty when nothing changed.
    pub changed: String,
}

/// A reviewed row (or part of one) whose responsibility no longer exists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Orphan {
    pub row: String,
    pub framework: String,
    pub control: String,
    /// The services it was for, with why each is gone.
    pub services: String,
    pub entry: Entry,
}

/// The carry's result, handed to the workbook.
#[derive(Debug, Clone, Default)]
pub struct Carried {
    pub source: String,
    /// By the new row's id.
    pub rows: HashMap<String, CarriedRow>,
    pub orphans: Vec<Orphan>,
    /// The Statements of Applicability's reviewer cells, by control.
    pub soa: super::soa_reviews::Carried,
    /// Changes since the previous matrix, when it was found.
    pub diff: Option<super::diff::Diff>,
    pub notes: Vec<String>,
    /// Rows carried unchanged, rows set to re-review.
    pub kept: usize,
    pub rereview: usize,
}

type Key = (String, String, String);

/// The digest of the statement a row shows for any number of services: the same for every pair
/// of a row, so computed once per row (`pair_now` takes it).
pub fn statement_digest(m: &Matrix, c: &ControlView, si: usize) -> String {
    ids::text_digest(&m.customer_statement_generic(c, &c.cells[si]))
}

/// The pair as the new matrix has it (no reviewer entry), on the row with id `row` whose
/// statement has the digest `statement`.
pub fn pair_now(m: &Matrix, c: &ControlView, si: usize, row: &str, statement: &str) -> Pair {
    let cell = &c.cells[si];
    let fw = &m.frameworks[c.framework].id;
    let key = ids::control_key(&c.id);
    let names = |s: crate::model::LayerSet| s.ids().into_iter().map(str::to_string).collect::<Vec<_>>();
    Pair {
        framework: fw.clone(),
        control: c.id.clone(),
        service: m.services[si].id.clone(),
        responsibility: ids::pair_id(fw, &key, &m.services[si].id, &cell.part()),
        row: row.to_string(),
        status: cell.status.id().to_string(),
        provider_layers: names(cell.provider),
        customer_layers: names(cell.customer),
        shared_layers: names(cell.shared),
        decided_by: m.decided_by(cell, si),
        statement: statement.to_string(),
        entry: Entry::default(),
    }
}

fn key_of(p: &Pair) -> Key {
    (p.framework.clone(), ids::control_key(&p.control), p.service.clone())
}

/// What changed between the reviewed pair and the new one ("" when nothing did).
fn what_changed(old: &Pair, new: &Pair) -> Vec<String> {
    let mut out = Vec::new();
    if old.status != new.status {
        out.push(format!("status {} → {}", old.status, new.status));
    }
    let show = |p: &Pair| format!("{} / shared {}", join(&p.customer_layers), join(&p.shared_layers));
    if old.customer_layers != new.customer_layers || old.shared_layers != new.shared_layers {
        out.push(format!("organization's layers {} → {}", show(old), show(new)));
    } else if old.provider_layers != new.provider_layers {
        out.push(format!("provider's layers {} → {}", join(&old.provider_layers), join(&new.provider_layers)));
    }
    if old.decided_by != new.decided_by {
        out.push(format!("decided by {} → {}", old.decided_by, new.decided_by));
    }
    if out.is_empty() && !old.statement.is_empty() && old.statement != new.statement {
        out.push("what the organization must do was reworded".to_string());
    }
    out
}

fn join(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

/// Carries `prior` into the rows of `m`.
pub fn carry(prior: &Prior, m: &Matrix) -> Carried {
    // The previous pairs by framework and control, then by service.
    let mut index: HashMap<(String, String), HashMap<&str, &Pair>> = HashMap::new();
    for p in &prior.pairs {
        let (fw, control, _) = key_of(p);
        index.entry((fw, control)).or_default().insert(p.service.as_str(), p);
    }
    let mut out = Carried { source: prior.source.clone(), notes: prior.notes.clone(), ..Carried::default() };
    let present = Present::new(m);
    // Reviewed pairs with no row now, by the row they were on.
    let mut lost: HashMap<&str, Vec<&Pair>> = HashMap::new();
    for p in prior.pairs.iter().filter(|p| !p.entry.is_empty() && !present.has(p)) {
        lost.entry(p.row.as_str()).or_default().push(p);
    }
    let mut carried_rows: HashSet<String> = HashSet::new();
    for c in &m.controls {
        let (fw, key) = (&m.frameworks[c.framework].id, ids::control_key(&c.id));
        // Only rows with a reviewed pair carry anything: the others are not even built.
        let Some(by_service) = index.get(&(fw.clone(), key.clone())) else { continue };
        for r in resp::group(c) {
            let olds: Vec<Option<&Pair>> =
                r.services.iter().map(|&si| by_service.get(m.services[si].id.as_str()).copied()).collect();
            if olds.iter().flatten().all(|p| p.entry.is_empty()) {
                continue;
            }
            let row = resp::row_id(m, c, &r);
            let statement = r.services.first().map(|&si| statement_digest(m, c, si)).unwrap_or_default();
            let now: Vec<Pair> = r.services.iter().map(|&si| pair_now(m, c, si, &row, &statement)).collect();
            let joined = |si: usize| prior.unreviewed.contains(&pair_key(fw, &key, &m.services[si].id));
            if let Some(carried) = carry_row(&present, &r, &now, &olds, joined, &lost, &mut carried_rows) {
                if carried.entry.review_status == NEEDS_REREVIEW {
                    out.rereview += 1
                } else {
                    out.kept += 1
                }
                out.rows.insert(row, carried);
            }
        }
    }
    out.orphans = orphans(prior, &present, &lost, &carried_rows);
    let (soa, gone) = super::soa_reviews::carry(&prior.soa, m);
    out.soa = soa;
    out.orphans.extend(gone);
    out
}

/// Which (framework, control, service) pairs have a row in the new matrix: those whose cell is
/// the organization's work, alone or shared (`resp::group`), looked up without building them.
struct Present<'a> {
    m: &'a Matrix,
    controls: HashMap<(&'a str, String), Vec<&'a ControlView>>,
    services: HashMap<&'a str, usize>,
    excluded: HashSet<&'a str>,
}

impl<'a> Present<'a> {
    fn new(m: &'a Matrix) -> Present<'a> {
        let mut controls: HashMap<(&str, String), Vec<&ControlView>> = HashMap::new();
        for c in &m.controls {
            controls.entry((m.frameworks[c.framework].id.as_str(), ids::control_key(&c.id))).or_default().push(c);
        }
        let services = m.services.iter().enumerate().map(|(i, s)| (s.id.as_str(), i)).collect();
        let excluded = m.excluded.iter().map(|s| s.id.as_str()).collect();
        Present { m, controls, services, excluded }
    }

    /// Why a reviewed pair has no row now.
    fn gone_because(&self, p: &Pair) -> String {
        if self.excluded.contains(p.service.as_str()) {
            return "the service is now out of scope".into();
        }
        let Some(&si) = self.services.get(p.service.as_str()) else {
            return "the service is no longer in the inventory".into();
        };
        if !self.m.frameworks.iter().any(|f| f.id == p.framework) {
            return "the framework is not in this report".into();
        }
        match self.controls.get(&(p.framework.as_str(), ids::control_key(&p.control))) {
            None => "the control is no longer in the catalog".into(),
            Some(cs) => format!("now {} (no work for the organization)", cs[0].cells[si].status.id()),
        }
    }

    fn has(&self, p: &Pair) -> bool {
        let Some(&si) = self.services.get(p.service.as_str()) else { return false };
        let Some(cs) = self.controls.get(&(p.framework.as_str(), ids::control_key(&p.control))) else { return false };
        cs.iter().any(|c| resp::customer_part(c.cells[si].status))
    }
}

fn carry_row(
    present: &Present,
    r: &Responsibility,
    now: &[Pair],
    olds: &[Option<&Pair>],
    joined: impl Fn(usize) -> bool,
    lost: &HashMap<&str, Vec<&Pair>>,
    carried_rows: &mut HashSet<String>,
) -> Option<CarriedRow> {
    let entries: Vec<&Entry> = dedup(olds.iter().flatten().map(|p| &p.entry).filter(|e| !e.is_empty()));
    if entries.is_empty() {
        return None;
    }
    // Change descriptions, each with the services it applies to.
    let mut changes: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for ((p, old), &si) in now.iter().zip(olds).zip(&r.services) {
        let name = present.m.services[si].name.as_str();
        match old {
            None if joined(si) => changes.entry("joined this row, not reviewed before".into()).or_default().push(name),
            None => changes.entry("new in this row, not reviewed before".into()).or_default().push(name),
            Some(o) if o.entry.is_empty() => {
                changes.entry("joined this row, not reviewed before".into()).or_default().push(name)
            }
            Some(o) => what_changed(o, p).into_iter().for_each(|t| changes.entry(t).or_default().push(name)),
        }
    }
    let mut entry = merge(&entries);
    if entries.len() > 1 && !entries.iter().all(|e| e.review_status == entries[0].review_status) {
        changes
            .entry(format!("merged from {} reviewed rows with different review statuses", entries.len()))
            .or_default();
    }
    let mut changed: Vec<String> =
        changes
            .into_iter()
            .map(|(what, names)| {
                if names.is_empty() || names.len() == now.len() {
                    what
                } else {
                    format!("{what} ({})", names.join(", "))
                }
            })
            .collect();
    if !changed.is_empty() {
        entry.review_status = NEEDS_REREVIEW.to_string();
    }
    // Services the reviewed row covered that have no row now: said here, not orphaned, since
    // the review itself lives on in this row.
    for o in olds.iter().flatten().filter(|o| !o.entry.is_empty()) {
        if carried_rows.insert(o.row.clone()) {
            if let Some(gone) = lost.get(o.row.as_str()) {
                let list: Vec<String> =
                    gone.iter().map(|p| format!("{} ({})", p.service, present.gone_because(p))).collect();
                changed.push(format!("no longer here: {}", list.join(", ")));
            }
        }
    }
    Some(CarriedRow { entry, changed: changed.join("; ") })
}

fn dedup<'a>(items: impl Iterator<Item = &'a Entry>) -> Vec<&'a Entry> {
    let mut out: Vec<&Entry> = Vec::new();
    for e in items {
        if !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// One entry from several: each field's distinct values, in order, one per line.
fn merge(entries: &[&Entry]) -> Entry {
    let field = |f: fn(&Entry) -> &String| {
        let mut vals: Vec<&str> = Vec::new();
        for e in entries {
            let v = f(e).trim();
            if !v.is_empty() && !vals.contains(&v) {
                vals.push(v);
            }
        }
        vals.join("\n")
    };
    Entry {
        owner: field(|e| &e.owner),
        evidence: field(|e| &e.evidence),
        review_status: field(|e| &e.review_status),
        notes: field(|e| &e.notes),
    }
}

/// Reviewed rows none of whose pairs has a row now, with the reason for each pair.
fn orphans(
    prior: &Prior,
    present: &Present,
    lost: &HashMap<&str, Vec<&Pair>>,
    carried_rows: &HashSet<String>,
) -> Vec<Orphan> {
    let mut by_row: BTreeMap<(String, String, String), (Entry, Vec<String>)> = BTreeMap::new();
    for (row, pairs) in lost.iter().filter(|(row, _)| !carried_rows.contains(**row)) {
        for p in pairs {
            let slot = by_row
                .entry((p.framework.clone(), ids::control_key(&p.control), row.to_string()))
                .or_insert_with(|| (p.entry.clone(), Vec::new()));
            slot.1.push(format!("{}: {}", p.service, present.gone_because(p)));
        }
    }
    let mut out: Vec<Orphan> = by_row
        .into_iter()
        .map(|((framework, _, row), (entry, services))| {
            let control = lost[row.as_str()][0].control.clone();
            Orphan { row, framework, control, services: services.join("\n"), entry }
        })
        .collect();
    out.extend(prior.loose.iter().filter(|l| !l.entry.is_empty()).map(|l| Orphan {
        row: l.row.clone(),
        framework: l.framework.clone(),
        control: l.control.clone(),
        services: match l.why.as_str() {
            "" => format!("{}: the previous workbook did not record this row's pairs ({})", l.services, l.origin),
            why => format!("{}\n{why} ({})", l.services, l.origin),
        },
        entry: l.entry.clone(),
    }));
    out
}
