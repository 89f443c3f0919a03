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

/// Checks every override and keeps those in force on `as_of`. Expired entries are warned about
/// and ignored; unknown frameworks or services are errors; patterns matching nothing are warned.
pub fn activate<'a>(
    entries: &'a [ControlOverride],
    catalogs: &[Catalog],
    services: &[&Service],
    as_of: Date,
    diags: &mut Diagnostics,
) -> Vec<ActiveOverride<'a>> {
    let mut out = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(f) = &e.framework {
            if !catalogs.iter().any(|c| c.id.eq_ignore_ascii_case(f)) {
                // One overrides file serves runs over any subset of the built-ins; only an id
                // that names nothing is a mistake.
                if !BUILTIN_IDS.iter().any(|b| b.eq_ignore_ascii_case(f)) {
                    let ids: Vec<&str> = catalogs.iter().map(|c| c.id.as_str()).chain(BUILTIN_IDS).collect();
                    diags.error(
                        e.origin.with_field("framework"),
                        format!("unknown framework \"{f}\" (known here: {})", ids.join(", ")),
                    );
                }
                continue;
            }
        }
        let matcher = match glob_matcher(&e.control.to_ascii_lowercase()) {
            _ if !control_id::is_glob(&e.control) => Matcher::Id(control_id::key(&e.control)),
            Ok(g) => Matcher::Glob(g),
            Err(err) => {
                diags.error(e.origin.with_field("control"), format!("bad control pattern: {err}"));
                continue;
            }
        };
        let mut idx = Vec::new();
        for s in &e.services {
            match services.iter().position(|x| x.id.eq_ignore_ascii_case(s) || x.name.eq_ignore_ascii_case(s)) {
                Some(p) => idx.push(p),
                None => diags.error(
                    e.origin.with_field("services"),
                    format!("service \"{s}\" is not an in-scope service of the inventory"),
                ),
            }
        }
        if idx.len() != e.services.len() {
            continue;
        }
        if let Some(exp) = e.expires {
            if exp < as_of {
                diags.warning(
                    e.origin.clone(),
                    format!("override {} expired on {exp} (as of {as_of}); ignored", e.label),
                );
                continue;
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
        out.push(active);
    }
    out
}

/// The override deciding a cell: an entry naming the service beats one for all services; among
/// equals, the later entry wins.
pub fn pick<'b, 'a>(candidates: &'b [&'b ActiveOverride<'a>], service: usize) -> Option<&'b ActiveOverride<'a>> {
    candidates.iter().copied().filter(|o| o.applies_to(service)).max_by_key(|o| (o.entry.is_scoped(), o.index))
}
