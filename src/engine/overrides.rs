//! Control-level overrides: validation against the catalogs and inventory, expiry, matching.

use super::override_index::Controls;
use crate::data::BUILTIN_IDS;
use crate::diag::Diagnostics;
use crate::ingest::limits::glob_matcher;
use crate::model::{control_id, Catalog, ControlOverride, Date, Service};
use globset::GlobMatcher;
use std::collections::HashMap;

/// An override that is in force, with its compiled pattern.
pub struct ActiveOverride<'a> {
    pub index: u32,
    pub entry: &'a ControlOverride,
    /// The statement it is limited to, as written or split off the control id (`AC-2(a)`).
    pub statement: Option<String>,
    matcher: Matcher,
    /// Indexes into the in-scope services, sorted; empty means all.
    services: Vec<usize>,
}

/// A glob (`PR.AA-*`, `P[1-8].*`) matched case-insensitively, or one control id matched across
/// spellings (`AC-2(1)` = `ac-2.1` = `AC-02 (01)`).
enum Matcher {
    Glob(GlobMatcher),
    Id(String),
}

impl ActiveOverride<'_> {
    /// The control-id key of an override naming one control; `None` for a glob.
    pub fn key(&self) -> Option<&str> {
        match &self.matcher {
            Matcher::Id(key) => Some(key),
            Matcher::Glob(_) => None,
        }
    }

    pub fn matches(&self, framework: &str, control: &str) -> bool {
        self.entry.framework.as_deref().is_none_or(|f| f.eq_ignore_ascii_case(framework))
            && match &self.matcher {
                Matcher::Glob(g) => g.is_match(control.to_ascii_lowercase()),
                Matcher::Id(key) => control_id::key(control) == *key,
            }
    }
    /// Whether the override is limited to part `part` of control `control` (its label).
    pub fn names_part(&self, control: &str, part: &crate::model::Part) -> bool {
        self.statement.as_deref().is_some_and(|s| part.named_by(s, control))
    }

    pub fn applies_to(&self, service: usize) -> bool {
        self.services.is_empty() || self.services.binary_search(&service).is_ok()
    }
}

/// Where an override entry stands on the day expiry is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OverrideState {
    /// In force.
    Active,
    /// In force, but it expires within the warning window (days left).
    Expiring(i64),
    /// Past its expiry date: ignored.
    Expired,
    /// Names only services that are out of scope or gone, or a framework not selected: ignored.
    Idle,
}

impl OverrideState {
    pub fn id(self) -> &'static str {
        match self {
            OverrideState::Active => "active",
            OverrideState::Expiring(_) => "expiring",
            OverrideState::Expired => "expired",
            OverrideState::Idle => "idle",
        }
    }
}

/// The services the overrides may name: in scope (in order) and out of scope, found by id or
/// name (any case) through an index, as an overrides file may name many services many times.
pub struct Scope<'s> {
    pub in_scope: &'s [&'s Service],
    pub excluded: &'s [&'s Service],
    /// Lower-case id and name → the first in-scope position, or `None` for an excluded service.
    by_name: HashMap<String, Option<usize>>,
    /// How many more "did you mean" hints may be looked for (each one compares with every service).
    hints_left: std::cell::Cell<usize>,
}

/// The most unknown service names given a "did you mean" hint in one run.
const HINTS_MAX: usize = 50;

impl<'s> Scope<'s> {
    pub fn new(in_scope: &'s [&'s Service], excluded: &'s [&'s Service]) -> Self {
        let mut by_name = HashMap::new();
        for (p, x) in in_scope.iter().enumerate() {
            by_name.entry(x.id.to_lowercase()).or_insert(Some(p));
            by_name.entry(x.name.to_lowercase()).or_insert(Some(p));
        }
        for x in excluded {
            by_name.entry(x.id.to_lowercase()).or_insert(None);
            by_name.entry(x.name.to_lowercase()).or_insert(None);
        }
        Scope { in_scope, excluded, by_name, hints_left: std::cell::Cell::new(HINTS_MAX) }
    }

    /// The closest service id to `s`, while hints are left.
    fn hint(&self, s: &str) -> Option<&'s str> {
        let left = self.hints_left.get().checked_sub(1)?;
        self.hints_left.set(left);
        crate::names::closest(s, self.in_scope.iter().chain(self.excluded).map(|x| x.id.as_str()))
    }
}

/// Checks every override and keeps those in force on `as_of`, with every entry's state.
/// Expired entries, and entries expiring within `warn_days`, are warned about; unknown
/// frameworks and bad patterns are errors; a service that is out of scope or no longer in the
/// inventory is a warning (the entry keeps its other services); patterns matching nothing are
/// warned.
pub fn activate<'a>(
    entries: &'a [ControlOverride],
    catalogs: &[Catalog],
    scope: &Scope,
    as_of: Date,
    warn_days: i64,
    diags: &mut Diagnostics,
) -> (Vec<ActiveOverride<'a>>, Vec<OverrideState>) {
    let mut out = Vec::new();
    let mut states = Vec::with_capacity(entries.len());
    let controls = Controls::new(catalogs);
    for (i, e) in entries.iter().enumerate() {
        let state =
            activate_one(i, e, &controls, scope, as_of, warn_days, diags).map_or(OverrideState::Idle, |(a, s)| {
                out.push(a);
                s
            });
        let state = match e.expires {
            Some(exp) if exp < as_of => OverrideState::Expired,
            _ => state,
        };
        states.push(state);
    }
    (out, states)
}

fn activate_one<'a>(
    i: usize,
    e: &'a ControlOverride,
    controls: &Controls,
    scope: &Scope,
    as_of: Date,
    warn_days: i64,
    diags: &mut Diagnostics,
) -> Option<(ActiveOverride<'a>, OverrideState)> {
    let catalogs = controls.catalogs();
    if let Some(f) = &e.framework {
        if !catalogs.iter().any(|c| c.id.eq_ignore_ascii_case(f)) {
            // One overrides file serves runs over any subset of the built-ins; only an id
            // that names nothing is a mistake.
            if !BUILTIN_IDS.iter().any(|b| b.eq_ignore_ascii_case(f)) {
                let mut ids: Vec<&str> = Vec::new();
                for id in catalogs.iter().map(|c| c.id.as_str()).chain(BUILTIN_IDS) {
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                diags.error(
                    e.origin.with_field("framework"),
                    format!("unknown framework \"{f}\" (known here: {})", ids.join(", ")),
                );
            }
            return None;
        }
    }
    let mut matcher = match glob_matcher(&e.control.to_ascii_lowercase()) {
        _ if !control_id::is_glob(&e.control) => Matcher::Id(control_id::key(&e.control)),
        Ok(g) => Matcher::Glob(g),
        Err(err) => {
            diags.error(e.origin.with_field("control"), format!("bad control pattern: {err}"));
            return None;
        }
    };
    let idx = named_services(e, scope, diags);
    if !e.services.is_empty() && idx.is_empty() {
        return None;
    }
    let mut state = OverrideState::Active;
    if let Some(exp) = e.expires {
        let left = as_of.days_until(exp);
        if left < 0 {
            diags.warning(e.origin.clone(), format!("override {} expired on {exp} (as of {as_of}); ignored", e.label));
            return None;
        }
        if left <= warn_days {
            let when = if left == 0 { "today".to_string() } else { format!("in {left} days") };
            diags.warning(
                e.origin.with_field("expires"),
                format!("override {} expires on {exp}, {when} (as of {as_of}): renew or remove it", e.label),
            );
            state = OverrideState::Expiring(left);
        }
    }
    let mut statement = e.statement.clone();
    if let (None, Matcher::Id(_)) = (&statement, &matcher) {
        match split_statement(e, controls) {
            Split::Whole => {}
            Split::Part(control, part) => {
                matcher = Matcher::Id(control_id::key(&control));
                statement = Some(part);
            }
            Split::Missing(message) => {
                diags.error(e.origin.with_field("control"), message);
                return None;
            }
        }
    }
    let active = ActiveOverride { index: i as u32, entry: e, statement, matcher, services: idx };
    if let Some(message) = missing_statement(&active, controls) {
        diags.error(e.origin.with_field("statement"), message);
        return None;
    }
    if controls.matched(&active).is_empty() {
        diags.warning(
            e.origin.with_field("control"),
            format!("\"{}\" matches no control of the selected frameworks", e.control),
        );
    }
    Some((active, state))
}

/// What a control id that may spell a statement (`AC-2(a)`, `ac-2_smt.a`) names.
enum Split {
    /// A control (or nothing): not a statement.
    Whole,
    /// Control label and part id.
    Part(String, String),
    /// It names a statement its control lacks: the message.
    Missing(String),
}

fn split_statement(e: &ControlOverride, controls: &Controls) -> Split {
    let in_framework = |c: &Catalog| e.framework.as_deref().is_none_or(|f| f.eq_ignore_ascii_case(&c.id));
    if controls.first_with_key(&control_id::key(&e.control), in_framework).is_some() {
        return Split::Whole;
    }
    if let Some((x, p)) = controls.part_named(&e.control, in_framework) {
        return Split::Part(x.id.clone(), p.id.clone());
    }
    let Some(base) = statement_base(&e.control) else { return Split::Whole };
    match controls.first_with_key(&control_id::key(base), in_framework) {
        Some(x) => Split::Missing(no_such_statement(&x.id, &e.control, &x.parts)),
        None => Split::Whole,
    }
}

/// The control part of a statement spelling: `AC-2(3)(a)` → `AC-2(3)`, `ac-2_smt.a` → `ac-2`.
fn statement_base(spelling: &str) -> Option<&str> {
    if let Some((base, _)) = spelling.split_once("_smt") {
        return Some(base);
    }
    let mut at = 0;
    while let Some(open) = spelling[at..].find('(').map(|o| o + at) {
        let close = spelling[open..].find(')').map(|c| c + open)?;
        let inner = spelling[open + 1..close].trim();
        if !inner.is_empty() && inner.chars().all(|ch| ch.is_ascii_alphabetic()) {
            return Some(spelling[..open].trim_end());
        }
        at = close;
    }
    None
}

/// For an override limited to a statement: the message when no control it matches has it.
fn missing_statement(o: &ActiveOverride, controls: &Controls) -> Option<String> {
    let wanted = o.statement.as_deref()?;
    let matched = controls.matched(o);
    if matched.is_empty() || matched.iter().any(|x| x.parts.iter().any(|p| p.named_by(wanted, &x.id))) {
        return None;
    }
    Some(no_such_statement(&matched[0].id, wanted, &matched[0].parts))
}

fn no_such_statement(control: &str, wanted: &str, parts: &[crate::model::Part]) -> String {
    let wanted = crate::diag::excerpt(wanted, 40);
    if parts.is_empty() {
        return format!("{control} has no statement \"{wanted}\": it is answered as a whole (no statements)");
    }
    let labels: Vec<String> = parts.iter().map(|p| p.label.clone()).collect();
    format!("{control} has no statement \"{wanted}\" (its statements: {})", crate::ingest::oscal::list(&labels))
}

/// The in-scope services an entry names; a name that is out of scope or unknown is a warning.
fn named_services(e: &ControlOverride, scope: &Scope, diags: &mut Diagnostics) -> Vec<usize> {
    let mut idx = Vec::new();
    let mut missing = Vec::new();
    for s in &e.services {
        match scope.by_name.get(&s.to_lowercase()) {
            Some(Some(p)) => idx.push(*p),
            found => missing.push((s, found.is_some())),
        }
    }
    // Sorted, for `applies_to`'s binary search.
    idx.sort_unstable();
    idx.dedup();
    let rest = if idx.is_empty() {
        "the entry applies to nothing and is ignored"
    } else {
        "the entry keeps its other services"
    };
    for (s, excluded) in missing {
        let why = if excluded {
            "is out of scope in the inventory".to_string()
        } else {
            let hint = scope.hint(s).map(|c| format!(" (did you mean {c}?)")).unwrap_or_default();
            format!("is not in the inventory{hint}")
        };
        diags.warning(e.origin.with_field("services"), format!("override {}: service \"{s}\" {why}; {rest}", e.label));
    }
    idx
}

/// The override deciding a cell: an entry naming the service beats one for all services; among
/// equals, the later entry wins.
pub fn pick<'b, 'a>(candidates: &'b [&'b ActiveOverride<'a>], service: usize) -> Option<&'b ActiveOverride<'a>> {
    candidates.iter().copied().filter(|o| o.applies_to(service)).max_by_key(|o| (o.entry.is_scoped(), o.index))
}
