//! Compares two matrices: every change keyed by (framework, normalized control id, service id),
//! never by position, with a code, its group and a sentence. Works across catalog versions
//! where control ids persist, and says which controls it could not pair.

use super::codes::Code;
use super::snapshot::{Cell, Control, Override, Prose, Service, Snapshot};
use super::statements::Statements;
use crate::model::{Date, Status};
use std::collections::{BTreeMap, HashMap, HashSet};

/// One change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub code: Code,
    /// Framework id (empty for service and override changes).
    pub framework: String,
    /// Control id as the new side spells it (the old side's when removed).
    pub control: String,
    /// Service id (empty for control-level changes).
    pub service: String,
    /// The old and new values: short text, or the statements (kept as the snapshots keep them,
    /// written out where an output shows them).
    pub old: Prose,
    pub new: Prose,
    pub sentence: String,
}

/// The comparison of two matrices.
#[derive(Debug, Clone, Default)]
pub struct Diff {
    pub old: String,
    pub new: String,
    pub old_as_of: Option<Date>,
    pub new_as_of: Option<Date>,
    /// Most important first (see `Code`), then framework, control and service.
    pub changes: Vec<Change>,
    /// Frameworks paired although their ids differ, and other remarks.
    pub notes: Vec<String>,
    /// Cells present on both sides, and how many of them did not change.
    pub compared_cells: usize,
    pub unchanged_cells: usize,
}

impl Diff {
    pub fn count(&self, code: Code) -> usize {
        self.changes.iter().filter(|c| c.code == code).count()
    }
}

/// Compares `old` with `new`; overrides expiring within `expiring_within` days of the new
/// side's day are listed.
pub fn compare(old: &Snapshot, new: &Snapshot, expiring_within: i64) -> Diff {
    let mut d = Diff {
        old: old.source.clone(),
        new: new.source.clone(),
        old_as_of: old.as_of,
        new_as_of: new.as_of,
        ..Diff::default()
    };
    let names: HashMap<&str, &str> =
        new.services.iter().chain(&old.services).map(|s| (s.id.as_str(), s.name.as_str())).collect();
    services(&mut d, &old.services, &new.services);
    let pairs = pair_frameworks(&mut d, old, new);
    controls(&mut d, old, new, &pairs, &names);
    overrides(&mut d, &old.overrides, &new.overrides, new.as_of, expiring_within);
    d.changes.sort_by(|a, b| {
        (a.code, &a.framework, super::ids::control_key(&a.control), &a.service).cmp(&(
            b.code,
            &b.framework,
            super::ids::control_key(&b.control),
            &b.service,
        ))
    });
    d
}

fn push(d: &mut Diff, code: Code, at: (&str, &str, &str), old: &str, new: &str, sentence: String) {
    push_prose(d, code, at, (Prose::Text(old.to_string()), Prose::Text(new.to_string())), sentence);
}

fn push_prose(d: &mut Diff, code: Code, at: (&str, &str, &str), (old, new): (Prose, Prose), sentence: String) {
    d.changes.push(Change {
        code,
        framework: at.0.to_string(),
        control: at.1.to_string(),
        service: at.2.to_string(),
        old,
        new,
        sentence,
    });
}

fn services(d: &mut Diff, old: &[Service], new: &[Service]) {
    let before: HashMap<&str, &Service> = old.iter().map(|s| (s.id.as_str(), s)).collect();
    let after: HashMap<&str, &Service> = new.iter().map(|s| (s.id.as_str(), s)).collect();
    for s in new {
        let at = ("", "", s.id.as_str());
        let Some(o) = before.get(s.id.as_str()) else {
            let (code, state) =
                if s.in_scope { (Code::ServiceAdded, "in scope") } else { (Code::ServiceAdded, "out of scope") };
            push(
                d,
                code,
                at,
                "",
                &s.model,
                format!("{} ({}) was added to the inventory as {}, {state}.", s.name, s.id, s.model),
            );
            continue;
        };
        match (o.in_scope, s.in_scope) {
            (false, true) => {
                push(d, Code::ServiceIntoScope, at, "out of scope", "in scope", format!("{} came into scope.", s.name))
            }
            (true, false) => push(
                d,
                Code::ServiceOutOfScope,
                at,
                "in scope",
                "out of scope",
                format!("{} went out of scope.", s.name),
            ),
            _ => {}
        }
        if o.model != s.model {
            push(
                d,
                Code::ServiceModelChanged,
                at,
                &o.model,
                &s.model,
                format!("{} changed service model: {} → {}.", s.name, o.model, s.model),
            );
        }
        if o.layer_overrides != s.layer_overrides {
            let (a, b) = (list(&o.layer_overrides), list(&s.layer_overrides));
            push(
                d,
                Code::LayerOverrideChanged,
                at,
                &a,
                &b,
                format!("{}'s layer overrides changed: {a} → {b}.", s.name),
            );
        }
    }
    for s in old.iter().filter(|s| !after.contains_key(s.id.as_str())) {
        push(
            d,
            Code::ServiceRemoved,
            ("", "", &s.id),
            &s.model,
            "",
            format!("{} ({}) was removed from the inventory.", s.name, s.id),
        );
    }
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "none".to_string()
    } else {
        items.join(", ")
    }
}

/// Pairs frameworks by id; frameworks left unpaired on both sides pair when at least half the
/// smaller one's control ids are in the other (a new version of the same catalog).
fn pair_frameworks(d: &mut Diff, old: &Snapshot, new: &Snapshot) -> Vec<(String, String)> {
    let keys = |s: &Snapshot, f: &str| -> HashSet<String> {
        s.controls.iter().filter(|c| c.framework == f).map(|c| c.key.clone()).collect()
    };
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut lone_old: Vec<&str> = Vec::new();
    for f in &old.frameworks {
        if new.frameworks.iter().any(|n| n.id == f.id) {
            pairs.push((f.id.clone(), f.id.clone()));
        } else {
            lone_old.push(&f.id);
        }
    }
    for n in new.frameworks.iter().filter(|n| !old.frameworks.iter().any(|f| f.id == n.id)) {
        let theirs = keys(new, &n.id);
        let best = lone_old
            .iter()
            .map(|o| {
                let mine = keys(old, o);
                let shared = theirs.iter().filter(|k| mine.contains(*k)).count();
                (shared, mine.len().min(theirs.len()), *o)
            })
            .filter(|(shared, smaller, _)| *smaller > 0 && shared * 2 >= *smaller)
            .max_by_key(|(shared, _, _)| *shared);
        match best {
            Some((shared, _, o)) => {
                d.notes.push(format!(
                    "framework {o} was paired with {} by their common control ids ({shared} in common)",
                    n.id
                ));
                pairs.push((o.to_string(), n.id.clone()));
                lone_old.retain(|x| *x != o);
            }
            None => push(
                d,
                Code::FrameworkAdded,
                (&n.id, "", ""),
                "",
                &n.id,
                format!("Framework {} ({}) was added.", n.id, n.title),
            ),
        }
    }
    for o in lone_old {
        push(d, Code::FrameworkRemoved, (o, "", ""), o, "", format!("Framework {o} is no longer in the report."));
    }
    pairs
}

fn controls(d: &mut Diff, old: &Snapshot, new: &Snapshot, pairs: &[(String, String)], names: &HashMap<&str, &str>) {
    let mut statements = Statements::default();
    for (of, nf) in pairs {
        let before: BTreeMap<&str, &Control> =
            old.controls.iter().filter(|c| &c.framework == of).map(|c| (c.key.as_str(), c)).collect();
        let after: BTreeMap<&str, &Control> =
            new.controls.iter().filter(|c| &c.framework == nf).map(|c| (c.key.as_str(), c)).collect();
        let mut unpaired = Vec::new();
        for (key, c) in &after {
            match before.get(key) {
                Some(o) => control(d, (nf, &mut statements), o, c, names),
                None => {
                    push(
                        d,
                        Code::ControlAdded,
                        (nf, &c.id, ""),
                        "",
                        &c.status,
                        format!("{} {} ({}) is new: overall {}.", nf, c.id, c.title, c.status),
                    );
                    unpaired.push(c.id.as_str());
                }
            }
        }
        let gone: Vec<&Control> = before.iter().filter(|(k, _)| !after.contains_key(*k)).map(|(_, c)| *c).collect();
        for c in &gone {
            push(
                d,
                Code::ControlRemoved,
                (nf, &c.id, ""),
                &c.status,
                "",
                format!("{} {} ({}) is no longer in the catalog.", of, c.id, c.title),
            );
        }
        if of != nf && (!unpaired.is_empty() || !gone.is_empty()) {
            d.notes.push(format!(
                "{} of {nf}'s controls and {} of {of}'s could not be paired (listed as added and removed)",
                unpaired.len(),
                gone.len()
            ));
        }
    }
}

fn control(d: &mut Diff, (f, st): (&str, &mut Statements), o: &Control, c: &Control, names: &HashMap<&str, &str>) {
    if c.withdrawn && !o.withdrawn {
        push(
            d,
            Code::ControlWithdrawn,
            (f, &c.id, ""),
            "",
            "withdrawn",
            format!("{f} {} was withdrawn from the catalog.", c.id),
        );
    }
    let before: HashMap<&str, &Cell> = o.cells.iter().map(|x| (&*x.service, x)).collect();
    for cell in &c.cells {
        let Some(old) = before.get(&*cell.service) else { continue };
        d.compared_cells += 1;
        let name = names.get(&*cell.service).copied().unwrap_or(&cell.service);
        if !self::cell(d, (f, &c.id, &cell.service), (name, st), old, cell) {
            d.unchanged_cells += 1;
        }
    }
}

/// Records what changed in one cell; `false` when nothing did.
fn cell(d: &mut Diff, at: (&str, &str, &str), (name, st): (&str, &mut Statements), old: &Cell, new: &Cell) -> bool {
    let mut details: Vec<String> = Vec::new();
    if old.decided_by != new.decided_by {
        details.push(format!("decided by {} → {}", old.decided_by, new.decided_by));
    }
    details.extend(layer_delta(old, new));
    let tail =
        |details: &[String]| if details.is_empty() { String::new() } else { format!("; {}", details.join("; ")) };
    let head = format!("{} {} for {name}", at.0, at.1);
    if old.status != new.status {
        let code = direction(&old.status, &new.status);
        let what = match code.group() {
            super::codes::Group::NewWork => " (new work for the organization)",
            super::codes::Group::LessWork => " (less for the organization)",
            super::codes::Group::Review => "",
        };
        let sentence = format!("{head}: {} → {}{what}{}.", old.status, new.status, tail(&details));
        push(d, code, at, &old.status, &new.status, sentence);
        return true;
    }
    if old.decided_by != new.decided_by {
        push(
            d,
            Code::DeciderChanged,
            at,
            &old.decided_by,
            &new.decided_by,
            format!("{head}: still {}{}.", new.status, tail(&details)),
        );
        return true;
    }
    if !details.is_empty() {
        let show = |c: &Cell| format!("{}; shared: {}", list(&c.customer_layers), list(&c.shared_layers));
        push(
            d,
            Code::StatusChanged,
            at,
            &show(old),
            &show(new),
            format!("{head}: still {}{}.", new.status, tail(&details)),
        );
        return true;
    }
    let which = if !st.same(&old.customer_statement, &new.customer_statement) {
        "what the organization must do"
    } else if !st.same(&old.provider_statement, &new.provider_statement) {
        "what the provider does"
    } else {
        return false;
    };
    let sentence = format!("{head}: still {}, but {which} reads differently.", new.status);
    let statements = (old.customer_statement.clone(), new.customer_statement.clone());
    push_prose(d, Code::StatementChanged, at, statements, sentence);
    true
}

/// What the organization holds (alone or shared) that it did not, and no longer holds.
fn layer_delta(old: &Cell, new: &Cell) -> Vec<String> {
    let held = |c: &Cell| -> Vec<String> { c.customer_layers.iter().chain(c.shared_layers.iter()).cloned().collect() };
    let (a, b) = (held(old), held(new));
    let gained: Vec<String> = b.iter().filter(|l| !a.contains(l)).cloned().collect();
    let lost: Vec<String> = a.iter().filter(|l| !b.contains(l)).cloned().collect();
    let mut out = Vec::new();
    if !gained.is_empty() {
        out.push(format!("the organization now also holds {}", gained.join(", ")));
    }
    if !lost.is_empty() {
        out.push(format!("the organization no longer holds {}", lost.join(", ")));
    }
    if out.is_empty() && (old.customer_layers != new.customer_layers || old.shared_layers != new.shared_layers) {
        let show = |c: &Cell| format!("{} / shared {}", list(&c.customer_layers), list(&c.shared_layers));
        out.push(format!("its layers moved between alone and shared ({} → {})", show(old), show(new)));
    }
    out
}

/// The code of a status change: toward the customer when the organization has more to do.
pub fn direction(old: &str, new: &str) -> Code {
    let work = |s: Option<Status>| match s {
        Some(Status::Inherited) => Some(0),
        Some(Status::Shared) | Some(Status::Mixed) => Some(1),
        Some(Status::Customer) => Some(2),
        _ => None,
    };
    let (a, b) = (super::snapshot::status(old), super::snapshot::status(new));
    match (a, b) {
        (_, Some(Status::NotApplicable)) => Code::NowNotApplicable,
        (Some(Status::NotApplicable), Some(Status::Inherited)) => Code::NowApplicable,
        (Some(Status::NotApplicable), Some(_)) => Code::TowardCustomer,
        _ => match (work(a), work(b)) {
            (Some(x), Some(y)) if y > x => Code::TowardCustomer,
            (Some(x), Some(y)) if y < x => Code::TowardProvider,
            _ => Code::StatusChanged,
        },
    }
}

fn overrides(d: &mut Diff, old: &[Override], new: &[Override], as_of: Option<Date>, window: i64) {
    let before: HashMap<&str, &Override> = old.iter().map(|o| (o.id.as_str(), o)).collect();
    for o in new {
        let at = (o.framework.as_deref().unwrap_or(""), o.control.as_str(), "");
        let expires = o.expires.as_deref().unwrap_or("");
        match before.get(o.id.as_str()) {
            None => push(
                d,
                Code::OverrideAdded,
                at,
                "",
                &o.status,
                format!("Override {} was added: {} {} → {}.", o.id, at.0, o.control, o.status),
            ),
            Some(p) if p.state != "expired" && o.state == "expired" => push(
                d,
                Code::OverrideExpired,
                at,
                expires,
                "expired",
                format!("Override {} expired on {expires}: its cells fall back to the model.", o.id),
            ),
            Some(p)
                if (&p.status, &p.control, &p.services, &p.justification, &p.expires)
                    != (&o.status, &o.control, &o.services, &o.justification, &o.expires) =>
            {
                push(
                    d,
                    Code::OverrideChanged,
                    at,
                    &p.status,
                    &o.status,
                    format!("Override {} changed (status, control, services, justification or expiry).", o.id),
                )
            }
            _ => {}
        }
        let left = as_of.zip(o.expires.as_deref().and_then(Date::parse)).map(|(day, exp)| day.days_until(exp));
        if let Some(left) = left.filter(|l| (0..=window).contains(l)) {
            push(
                d,
                Code::OverrideExpiring,
                at,
                expires,
                &format!("{left} days"),
                format!(
                    "Override {} expires on {expires}, {left} days after {}: renew or remove it.",
                    o.id,
                    as_of.map(|x| x.to_string()).unwrap_or_default()
                ),
            );
        }
    }
    let after: HashSet<&str> = new.iter().map(|o| o.id.as_str()).collect();
    for o in old.iter().filter(|o| !after.contains(o.id.as_str())) {
        let at = (o.framework.as_deref().unwrap_or(""), o.control.as_str(), "");
        push(
            d,
            Code::OverrideRemoved,
            at,
            &o.status,
            "",
            format!("Override {} was removed: {} {} fall back to the model.", o.id, at.0, o.control),
        );
    }
}
