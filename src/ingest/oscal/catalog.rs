//! An OSCAL catalog into respmatrix's catalog: groups become families (nested groups keep their
//! parent), controls and their enhancements are flattened in catalog order (parent first),
//! statements are rendered with their parameters, withdrawn controls are left out or marked.
//!
//! Control classes that are not controls of their own: `category` (CPRT CSF) is a family level
//! between function and subcategory; `security_requirement` (CPRT 800-171) holds the statement
//! of its parent requirement.

use super::labels::{display_id, withdrawal_note, WithdrawalRules};
use super::model::{self as oscal, Metadata};
use super::profile::Selection;
use super::prose::{self, ParamIndex};
use super::response_points;
use crate::model::{control_id, Catalog, Control, Family, LayerSet};
use std::collections::{HashMap, HashSet};

/// What to take from the catalog.
#[derive(Default)]
pub struct Options<'s> {
    pub include_withdrawn: bool,
    /// The selections of the profiles between the catalog and the user, innermost first; a
    /// control is taken when every one takes it. Empty takes every control.
    pub selections: &'s [Selection],
    /// Statement part ids the profiles mark as response points (`response_points::of_profile`).
    pub points: Option<&'s HashSet<String>>,
}

/// The converted catalog (id, origin and layers still to fill) and what was left out.
pub struct Converted {
    pub catalog: Catalog,
    /// Labels of withdrawn controls left out.
    pub withdrawn_left_out: Vec<String>,
    /// Labels of withdrawn controls listed (marked) because of `--include-withdrawn`.
    pub withdrawn_listed: usize,
    /// Keys (control_id::key) of every control the selection took or named, for reporting the
    /// ids a profile names that the catalog lacks.
    pub seen: HashSet<String>,
    /// Labels of controls the selection named but that are withdrawn here.
    pub selected_withdrawn: Vec<String>,
    /// Display ids given to more than one control.
    pub duplicates: Vec<String>,
    /// Labels of controls whose statement outgrew `limits::PROSE_EXPANDED_MAX` by parameter
    /// insertion (and was cut).
    pub expansion_cut: Vec<String>,
}

/// Converts a parsed OSCAL catalog.
pub fn convert(src: &oscal::Catalog, opts: &Options) -> Converted {
    let mut w = Walker {
        params: ParamIndex::new(src),
        labels: HashMap::new(),
        rules: WithdrawalRules::for_catalog(src),
        opts,
        families: Vec::new(),
        controls: Vec::new(),
        ids: HashSet::new(),
        no_points: HashSet::new(),
        out: Converted {
            catalog: Catalog::default(),
            withdrawn_left_out: Vec::new(),
            withdrawn_listed: 0,
            seen: HashSet::new(),
            selected_withdrawn: Vec::new(),
            duplicates: Vec::new(),
            expansion_cut: Vec::new(),
        },
    };
    src.controls.iter().for_each(|c| w.label_pass(c));
    src.groups.iter().for_each(|g| w.label_group(g));
    let top = vec![false; opts.selections.len()];
    for c in &src.controls {
        w.control(c, "", &top);
    }
    for g in &src.groups {
        w.group(g, None);
    }
    let families = used_families(w.families, &w.controls);
    let mut out = w.out;
    out.catalog = Catalog {
        title: clean(&src.metadata.title),
        version: src.metadata.version.trim().to_string(),
        publisher: publisher(&src.metadata),
        families,
        controls: w.controls,
        ..Catalog::default()
    };
    out
}

struct Walker<'a, 'o> {
    params: ParamIndex<'a>,
    labels: HashMap<&'a str, String>,
    rules: WithdrawalRules,
    opts: &'o Options<'o>,
    families: Vec<Family>,
    controls: Vec<Control>,
    ids: HashSet<String>,
    no_points: HashSet<String>,
    out: Converted,
}

impl<'a> Walker<'a, '_> {
    fn label_group(&mut self, g: &'a oscal::Group) {
        g.controls.iter().for_each(|c| self.label_pass(c));
        g.groups.iter().for_each(|x| self.label_group(x));
    }

    fn label_pass(&mut self, c: &'a oscal::Control) {
        let mut label = display_id(&c.id, &c.props);
        // No label, but a title that is the id in the publisher's spelling (`GV.OC-01` for `gv.oc-01`).
        let title = c.title.trim();
        if label == c.id && title != c.id && control_id::same(title, &c.id) {
            label = title.to_string();
        }
        self.labels.insert(c.id.as_str(), label);
        c.controls.iter().for_each(|x| self.label_pass(x));
    }

    fn label(&self, c: &oscal::Control) -> String {
        self.labels.get(c.id.as_str()).cloned().unwrap_or_else(|| c.id.clone())
    }

    fn group(&mut self, g: &'a oscal::Group, parent: Option<&str>) {
        let raw = g.id.clone().unwrap_or_else(|| format!("group-{}", self.families.len() + 1));
        let mut id = display_id(&raw, &g.props);
        // 800-53 family ids are lower case ("ac") while its labels are "AC-2": show "AC".
        let upper = id.to_uppercase();
        if id == raw && g.controls.first().is_some_and(|c| self.label(c).starts_with(&format!("{upper}-"))) {
            id = upper;
        }
        self.families.push(Family {
            id: id.clone(),
            title: clean(&g.title),
            parent: parent.map(str::to_string),
            description: None,
        });
        for sub in &g.groups {
            self.group(sub, Some(&id));
        }
        let top = vec![false; self.opts.selections.len()];
        for c in &g.controls {
            self.control(c, &id, &top);
        }
    }

    /// `parents[i]`: whether selection `i` takes this control because it took its parent's
    /// children.
    fn control(&mut self, c: &'a oscal::Control, family: &str, parents: &[bool]) {
        if c.class.as_deref() == Some("category") {
            let id = self.label(c);
            let parent = (!family.is_empty()).then(|| family.to_string());
            self.families.push(Family { id: id.clone(), title: clean(&c.title), parent, description: None });
            let top = vec![false; parents.len()];
            for sub in &c.controls {
                self.control(sub, &id, &top);
            }
            return;
        }
        let label = self.label(c);
        let mut take = true;
        let mut children = Vec::with_capacity(parents.len());
        for (sel, &parent) in self.opts.selections.iter().zip(parents) {
            let (t, ch) = sel.wants(&c.id, &label, parent);
            take &= t;
            children.push(ch);
        }
        if take {
            self.emit(c, &label, family);
        }
        for sub in c.controls.iter().filter(|x| x.class.as_deref() != Some("security_requirement")) {
            self.control(sub, family, &children);
        }
    }

    fn emit(&mut self, c: &oscal::Control, label: &str, family: &str) {
        let selected = !self.opts.selections.is_empty();
        if selected {
            self.out.seen.insert(control_id::key(&c.id));
            self.out.seen.insert(control_id::key(label));
        }
        let withdrawn = self.rules.withdrawn(c);
        if withdrawn && !self.opts.include_withdrawn {
            self.out.withdrawn_left_out.push(label.to_string());
            if selected {
                self.out.selected_withdrawn.push(label.to_string());
            }
            return;
        }
        if !self.ids.insert(control_id::key(label)) {
            self.out.duplicates.push(label.to_string());
        }
        let note = withdrawn.then(|| {
            self.out.withdrawn_listed += 1;
            withdrawal_note(c, &|id| self.labels.get(id).cloned())
        });
        let (title, description) = self.title_and_text(c, label, note.as_deref());
        let parts = match withdrawn {
            true => Vec::new(),
            false => response_points::parts(label, &c.parts, self.opts.points.unwrap_or(&self.no_points), &self.params),
        };
        if self.params.take_cut() {
            self.out.expansion_cut.push(label.to_string());
        }
        self.controls.push(Control {
            id: label.to_string(),
            family: family.to_string(),
            title,
            description,
            layers: LayerSet::EMPTY,
            why: String::new(),
            withdrawn: note,
            cloud_only: false,
            parts,
        });
    }

    /// The title, and the statement as the description. Catalogs whose titles are just the id
    /// (CSF `GV.OC-01`, withdrawn 800-171 `03.01.13`) take the statement as the title.
    fn title_and_text(&self, c: &oscal::Control, label: &str, note: Option<&str>) -> (String, Option<String>) {
        let mut text: Vec<String> = Vec::new();
        let folded = c.controls.iter().filter(|x| x.class.as_deref() == Some("security_requirement"));
        for parts in std::iter::once(&c.parts).chain(folded.map(|x| &x.parts)) {
            for part in parts.iter().filter(|p| p.name == "statement") {
                let s = prose::statement(part, &self.params);
                if !s.is_empty() {
                    text.push(s);
                }
            }
        }
        let text = text.join("\n");
        let title = clean(&c.title);
        let is_id = |t: &str| t.is_empty() || control_id::same(t, label) || control_id::same(t, &c.id);
        if !is_id(&title) {
            return (title, (!text.is_empty()).then_some(text));
        }
        match text.split_once('\n') {
            Some((first, rest)) => (first.to_string(), Some(rest.to_string())),
            None if !text.is_empty() => (text, None),
            None => (note.map(capitalize).unwrap_or_else(|| label.to_string()), None),
        }
    }
}

/// Families that hold a control, directly or below, in their original order.
fn used_families(families: Vec<Family>, controls: &[Control]) -> Vec<Family> {
    let mut used: HashSet<String> = controls.iter().map(|c| c.family.clone()).collect();
    for f in families.iter().rev() {
        if used.contains(&f.id) {
            if let Some(p) = &f.parent {
                used.insert(p.clone());
            }
        }
    }
    let mut seen = HashSet::new();
    families.into_iter().filter(|f| used.contains(&f.id) && seen.insert(f.id.clone())).collect()
}

pub fn publisher(m: &Metadata) -> String {
    let by_role = m
        .responsible_parties
        .iter()
        .filter(|r| matches!(r.role_id.as_str(), "publisher" | "creator" | "author"))
        .flat_map(|r| r.party_uuids.iter())
        .find_map(|u| m.parties.iter().find(|p| &p.uuid == u));
    by_role.or(m.parties.first()).map(|p| clean(&p.name)).unwrap_or_default()
}

fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
