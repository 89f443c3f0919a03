//! Where overrides and controls meet, found by control-id key: an override naming one control
//! is looked up, not tried on every control, so a long overrides file against a big catalog
//! stays linear. Glob overrides are still tried on every control.

use super::overrides::ActiveOverride;
use crate::model::{control_id, Catalog, Control, Part};
use std::collections::HashMap;

/// The controls of the selected catalogs by id key, and their statements by part id (lower
/// case) and by label key (`AC-2(a)` = `ac-2.a`).
pub struct Controls<'c> {
    catalogs: &'c [Catalog],
    by_key: HashMap<String, Vec<(usize, usize)>>,
    parts: HashMap<String, Vec<(usize, usize, usize)>>,
}

impl<'c> Controls<'c> {
    pub fn new(catalogs: &'c [Catalog]) -> Self {
        let mut by_key: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        let mut parts: HashMap<String, Vec<(usize, usize, usize)>> = HashMap::new();
        for (ci, c) in catalogs.iter().enumerate() {
            for (xi, x) in c.controls.iter().enumerate() {
                by_key.entry(control_id::key(&x.id)).or_default().push((ci, xi));
                for (pi, p) in x.parts.iter().enumerate() {
                    parts.entry(p.id.to_ascii_lowercase()).or_default().push((ci, xi, pi));
                    parts.entry(control_id::key(&p.label)).or_default().push((ci, xi, pi));
                }
            }
        }
        Controls { catalogs, by_key, parts }
    }

    /// The catalogs indexed.
    pub fn catalogs(&self) -> &'c [Catalog] {
        self.catalogs
    }

    /// The first control, in catalog order, whose id is `key`, of the catalogs `take` accepts.
    pub fn first_with_key(&self, key: &str, take: impl Fn(&Catalog) -> bool) -> Option<&'c Control> {
        let catalogs = self.catalogs;
        let at = self.by_key.get(key)?;
        at.iter().find(|&&(ci, _)| take(&catalogs[ci])).map(|&(ci, xi)| &catalogs[ci].controls[xi])
    }

    /// The first statement, in catalog order, that `spelling` names by its part id or its label
    /// (`ac-2_smt.a`, `AC-2(a)`), of the catalogs `take` accepts.
    pub fn part_named(&self, spelling: &str, take: impl Fn(&Catalog) -> bool) -> Option<(&'c Control, &'c Part)> {
        let catalogs = self.catalogs;
        let by_id = self.parts.get(&spelling.trim().to_ascii_lowercase());
        let by_label = self.parts.get(&control_id::key(spelling));
        let first = by_id.into_iter().chain(by_label).flatten().filter(|&&(ci, _, _)| take(&catalogs[ci])).min()?;
        let x = &catalogs[first.0].controls[first.1];
        Some((x, &x.parts[first.2]))
    }

    /// The controls `o` matches, in catalog order.
    pub fn matched(&self, o: &ActiveOverride) -> Vec<&'c Control> {
        let catalogs = self.catalogs;
        match o.key() {
            Some(key) => self
                .by_key
                .get(key)
                .into_iter()
                .flatten()
                .map(|&(ci, xi)| (&catalogs[ci], &catalogs[ci].controls[xi]))
                .filter(|(c, x)| o.matches(&c.id, &x.id))
                .map(|(_, x)| x)
                .collect(),
            None => catalogs.iter().flat_map(|c| c.controls.iter().filter(|x| o.matches(&c.id, &x.id))).collect(),
        }
    }
}

/// The active overrides by the control-id key they name; globs apart.
pub struct ByControl<'o, 'a> {
    active: &'o [ActiveOverride<'a>],
    by_key: HashMap<&'o str, Vec<usize>>,
    globs: Vec<usize>,
}

impl<'o, 'a> ByControl<'o, 'a> {
    pub fn new(active: &'o [ActiveOverride<'a>]) -> Self {
        let (mut by_key, mut globs) = (HashMap::<&str, Vec<usize>>::new(), Vec::new());
        for (i, o) in active.iter().enumerate() {
            match o.key() {
                Some(key) => by_key.entry(key).or_default().push(i),
                None => globs.push(i),
            }
        }
        ByControl { active, by_key, globs }
    }

    /// The overrides that match control `control` of framework `framework`, in file order.
    pub fn matching(&self, framework: &str, control: &str) -> Vec<&'o ActiveOverride<'a>> {
        let named = self.by_key.get(control_id::key(control).as_str()).map(Vec::as_slice).unwrap_or_default();
        let mut at: Vec<usize> =
            named.iter().chain(&self.globs).copied().filter(|&i| self.active[i].matches(framework, control)).collect();
        at.sort_unstable();
        at.into_iter().map(|i| &self.active[i]).collect()
    }
}
