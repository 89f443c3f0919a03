//! Control-level overrides: validation against the catalogs and inventory, expiry, matching.

use crate::data::BUILTIN_IDS;
use crate::diag::Diagnostics;
use crate::ingest::limits::glob_matcher;
use crate::model::{control_id, Catalog, ControlOverride, Date, Service};
use globset::GlobMatcher;

/// An override that is in force, with its compiled pattern.
pub struct ActiveOverride<'a> {
    pub index: u32,
    pub entry: &'a ControlOverride,
    matcher: Matcher,
    /// Indexes into the in-scope services; empty means all.
    services: Vec<usize>,
}

/// A glob (`PR.AA-*`, `P[1-8].*`) matched case-insensitively, or one control id matched across
/// spellings (`AC-2(1)` = `ac-2.1` = `AC-02 (01)`).
enum Matcher {
    Glob(GlobMatcher),
    Id(String),
}

impl ActiveOverride<'_> {
    pub fn matches(&self, framework: &str, control: &str) -> bool {
        self.entry.framework.as_deref().is_none_or(|f| f.eq_ignore_ascii_case(framework))
            && match &self.matcher {
                Matcher::Glob(g) => g.is_match(control.to_ascii_lowercase()),
                Matcher::Id(key) => control_id::key(control) == *key,
            }
    }
    pub fn applies_to(&self, service: usize) -> bool {
        self.services.is_empty() || self.services.contains(&service)
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

/// The services the overrides may name: in scope (in order) and out of scope.
pub struct Scope<'s> {
    pub in_scope: &'s [&'s Service],
    pub excluded: &'s [&'s Service],
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
    for (i, e) in entries.iter().enumerate() {
        let state =
            activate_one(i, e, catalogs, scope, as_of, warn_days, diags).map_or(OverrideState::Idle, |(a, s)| {
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
    catalogs: &[Catalog],
    scope: &Scope,
    as_of: Date,
    warn_days: i64,
    diags: &mut Diagnostics,
) -> Option<(ActiveOverride<'a>, OverrideState)> {
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
    let matcher = match glob_matcher(&e.control.to_ascii_lowercase()) {
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
    let active = ActiveOverride { index: i as u32, entry: e, matcher, services: idx };
    let hits = catalogs.iter().any(|c| c.controls.iter().any(|ctl| active.matches(&c.id, &ctl.id)));
    if !hits {
        diags.warning(
            e.origin.with_field("control"),
            format!("\"{}\" matches no control of the selected frameworks", e.control),
        );
    }
    Some((active, state))
}

/// The in-scope services an entry names; a name that is out of scope or unknown is a warning.
fn named_services(e: &ControlOverride, scope: &Scope, diags: &mut Diagnostics) -> Vec<usize> {
    let same = |x: &Service, s: &str| x.id.eq_ignore_ascii_case(s) || x.name.eq_ignore_ascii_case(s);
    let mut idx = Vec::new();
    let mut missing = Vec::new();
    for s in &e.services {
        match scope.in_scope.iter().position(|x| same(x, s)) {
            Some(p) => idx.push(p),
            None => missing.push(s),
        }
    }
    let rest = if idx.is_empty() {
        "the entry applies to nothing and is ignored"
    } else {
        "the entry keeps its other services"
    };
    for s in missing {
        let why = if scope.excluded.iter().any(|x| same(x, s)) {
            "is out of scope in the inventory".to_string()
        } else {
            let ids = scope.in_scope.iter().chain(scope.excluded).map(|x| x.id.as_str());
            let hint = crate::names::closest(s, ids).map(|c| format!(" (did you mean {c}?)")).unwrap_or_default();
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
