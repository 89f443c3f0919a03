//! Statement prose as people read it: `{{ insert: param, ac-2_prm_1 }}` becomes
//! `[Assignment: organization-defined prerequisites and criteria]` or
//! `[Selection (one or more): a; b]`, and statement items keep their labels (`a.`, `1.`, `(a)`).

use super::model::{prop, Catalog, Control, Group, Param, Part};
use crate::ingest::limits::PROSE_EXPANDED_MAX;
use std::cell::Cell;
use std::collections::HashMap;

/// How deep parameters may insert parameters (choices that insert, values that insert).
const MAX_DEPTH: usize = 4;

/// Every parameter of a catalog by id, and by its `alt-identifier` (5.1.1 names its 800-53A
/// parameters `ac-02_odp.01` and keeps the old `ac-2_prm_1` as an alternative).
pub struct ParamIndex<'a> {
    by_id: HashMap<&'a str, &'a Param>,
    /// What the statement being rendered may still grow by (`PROSE_EXPANDED_MAX` at its start).
    budget: Cell<usize>,
    /// Whether a statement was cut since the last `take_cut`.
    cut: Cell<bool>,
}

impl<'a> ParamIndex<'a> {
    pub fn new(catalog: &'a Catalog) -> Self {
        let mut index =
            ParamIndex { by_id: HashMap::new(), budget: Cell::new(PROSE_EXPANDED_MAX), cut: Cell::new(false) };
        index.add_all(&catalog.params);
        for c in &catalog.controls {
            index.control(c);
        }
        for g in &catalog.groups {
            index.group(g);
        }
        index.alternatives();
        index
    }

    fn add_all(&mut self, params: &'a [Param]) {
        for p in params {
            self.by_id.insert(p.id.as_str(), p);
        }
    }

    fn group(&mut self, g: &'a Group) {
        self.add_all(&g.params);
        g.controls.iter().for_each(|c| self.control(c));
        g.groups.iter().for_each(|x| self.group(x));
    }

    fn control(&mut self, c: &'a Control) {
        self.add_all(&c.params);
        c.controls.iter().for_each(|x| self.control(x));
    }

    /// Alternative ids point at their parameter unless a parameter has that id itself.
    fn alternatives(&mut self) {
        let alts: Vec<(&'a str, &'a Param)> = self
            .by_id
            .values()
            .flat_map(|p| p.props.iter().filter(|x| x.name == "alt-identifier").map(move |x| (x.value.as_str(), *p)))
            .collect();
        for (alt, p) in alts {
            self.by_id.entry(alt).or_insert(p);
        }
    }

    pub fn get(&self, id: &str) -> Option<&'a Param> {
        self.by_id.get(id).copied()
    }

    /// Whether a statement rendered since the last call hit `PROSE_EXPANDED_MAX` (and was cut).
    pub fn take_cut(&self) -> bool {
        self.cut.replace(false)
    }

    /// Takes `n` bytes of the budget; false (and the statement marked cut) when it is spent.
    fn charge(&self, n: usize) -> bool {
        let left = self.budget.get();
        self.budget.set(left.saturating_sub(n));
        if n > left {
            self.cut.set(true);
        }
        n <= left
    }
}

/// Prose with every parameter insertion rendered, at most `PROSE_EXPANDED_MAX` of it (parameters
/// that insert parameters could otherwise grow exponentially).
pub fn render(text: &str, params: &ParamIndex) -> String {
    params.budget.set(PROSE_EXPANDED_MAX);
    render_at(text, params, 0)
}

fn render_at(text: &str, params: &ParamIndex, depth: usize) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else { break };
        if !params.charge(start + 16) {
            return out;
        }
        out.push_str(&rest[..start]);
        let inner = &rest[start + 2..start + len];
        match param_ref(inner) {
            Some(id) => out.push_str(&param_text(id, params, depth)),
            None => out.push_str(&rest[start..start + len + 2]),
        }
        rest = &rest[start + len + 2..];
    }
    if params.charge(rest.len()) {
        out.push_str(rest);
    }
    out
}

/// `insert: param, ac-2_prm_1` → `ac-2_prm_1`.
fn param_ref(inner: &str) -> Option<&str> {
    let (kind, id) = inner.split_once(',')?;
    let kind: String = kind.chars().filter(|c| !c.is_whitespace()).collect();
    (kind == "insert:param").then(|| id.trim())
}

fn param_text(id: &str, params: &ParamIndex, depth: usize) -> String {
    let Some(p) = params.get(id) else { return format!("[Assignment: {id}]") };
    if depth >= MAX_DEPTH {
        return format!("[{}]", assignment(p));
    }
    if !p.values.is_empty() {
        return p.values.iter().map(|v| render_at(v, params, depth + 1)).collect::<Vec<_>>().join(", ");
    }
    if let Some(select) = &p.select {
        let how = match select.how_many.as_deref() {
            Some("one-or-more") => " (one or more)",
            _ => "",
        };
        let choices: Vec<String> =
            select.choice.iter().map(|c| render_at(c.trim(), params, depth + 1).trim().to_string()).collect();
        return format!("[Selection{how}: {}]", choices.join("; "));
    }
    let constraints: Vec<&str> = p
        .constraints
        .iter()
        .filter_map(|c| c.description.as_deref())
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .collect();
    match constraints.is_empty() {
        true => format!("[Assignment: {}]", assignment(p)),
        false => format!("[Assignment: {} (constraint: {})]", assignment(p), constraints.join("; ")),
    }
}

/// The words of an assignment. 800-53 5.0.1 labels read "organization-defined …"; 800-53A
/// parameters (5.1.1, 800-171r3) carry the short form ("personnel or roles"), so the
/// organization-defined wording comes from `usage` or is restored.
fn assignment(p: &Param) -> String {
    const OD: &str = "organization-defined";
    let label = p.label.as_deref().map(str::trim).unwrap_or("");
    if label.starts_with(OD) {
        return label.to_string();
    }
    if let Some(usage) = p.usage.as_deref().map(str::trim).filter(|u| u.starts_with(OD)) {
        return usage.lines().next().unwrap_or(usage).to_string();
    }
    let assessment_style = p.id.contains("_odp") || p.id.contains(".ODP") || prop(&p.props, "alt-identifier").is_some();
    match (label.is_empty(), assessment_style) {
        (true, _) => p.id.clone(),
        (false, true) => format!("{OD} {label}"),
        (false, false) => label.to_string(),
    }
}

/// A statement part as text: its own prose, then each item on its own line with its label,
/// nested items indented.
pub fn statement(part: &Part, params: &ParamIndex) -> String {
    let mut lines = Vec::new();
    params.budget.set(PROSE_EXPANDED_MAX);
    if let Some(prose) = &part.prose {
        lines.extend(render_at(prose, params, 0).lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()));
    }
    for item in part.parts.iter().filter(|p| p.name == "item") {
        item_lines(item, params, 0, &mut lines);
    }
    lines.join("\n")
}

/// An item part as text without its own label: its prose, then its sub-items with theirs.
pub fn item(part: &Part, params: &ParamIndex) -> String {
    let mut lines = Vec::new();
    params.budget.set(PROSE_EXPANDED_MAX);
    if let Some(prose) = &part.prose {
        lines.push(render_at(prose, params, 0));
    }
    for sub in part.parts.iter().filter(|p| p.name == "item") {
        item_lines(sub, params, 0, &mut lines);
    }
    lines.join("\n")
}

fn item_lines(part: &Part, params: &ParamIndex, depth: usize, lines: &mut Vec<String>) {
    let label = prop(&part.props, "label").map(|l| short_label(&l.value)).unwrap_or_default();
    let prose = part.prose.as_deref().map(|p| render_at(p, params, 0)).unwrap_or_default();
    let prose = prose.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = [label.as_str(), prose.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>();
    if !text.is_empty() {
        lines.push(format!("{}{}", "  ".repeat(depth), text.join(" ")));
    }
    for sub in part.parts.iter().filter(|p| p.name == "item") {
        item_lines(sub, params, depth + 1, lines);
    }
}

/// Item labels written as full ids (`SR-03.17.01.a`, 800-171r3) shortened to `a.`.
fn short_label(label: &str) -> String {
    let label = label.trim();
    if label.len() <= 5 {
        return label.to_string();
    }
    match label.rsplit_once('.') {
        Some((_, last)) if !last.is_empty() => format!("{last}."),
        _ => label.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::oscal::model::{Prop, Select};

    fn param(id: &str, label: Option<&str>) -> Param {
        Param { id: id.into(), label: label.map(str::to_string), ..Default::default() }
    }

    #[test]
    fn assignments_and_selections_read_like_the_publication() {
        let mut cat = Catalog::default();
        let mut sel = param("ac-1_prm_2", None);
        sel.select = Some(Select { how_many: Some("one-or-more".into()), choice: vec!["a".into(), "b".into()] });
        let mut odp = param("ac-02_odp.01", Some("prerequisites and criteria"));
        odp.props.push(Prop { name: "alt-identifier".into(), value: "ac-2_prm_1".into(), ..Default::default() });
        cat.params = vec![param("ac-1_prm_1", Some("organization-defined personnel or roles")), sel, odp];
        let idx = ParamIndex::new(&cat);
        assert_eq!(
            render("Disseminate to {{ insert: param, ac-1_prm_1 }}: {{insert: param, ac-1_prm_2}}", &idx),
            "Disseminate to [Assignment: organization-defined personnel or roles]: [Selection (one or more): a; b]"
        );
        let want = "Require [Assignment: organization-defined prerequisites and criteria] for";
        assert_eq!(render("Require {{ insert: param, ac-02_odp.01 }} for", &idx), want);
        assert_eq!(render("Require {{ insert: param, ac-2_prm_1 }} for", &idx), want);
        assert_eq!(
            render("Keep {{ odd }} and {{ insert: param, nope }}", &idx),
            "Keep {{ odd }} and [Assignment: nope]"
        );
    }

    #[test]
    fn parameters_inserting_parameters_stay_bounded() {
        let mut cat = Catalog::default();
        let ten = "{{ insert: param, p }}".repeat(10);
        let mut p = param("p", Some("x"));
        p.values = vec![format!("{ten}{ten}{ten}")];
        cat.params = vec![p];
        let idx = ParamIndex::new(&cat);
        let started = std::time::Instant::now();
        let out = render(&ten, &idx);
        assert!(out.len() <= PROSE_EXPANDED_MAX, "{}", out.len());
        assert!(idx.take_cut() && !idx.take_cut());
        assert!(started.elapsed().as_secs() < 5);
    }

    #[test]
    fn labels_written_as_ids_are_shortened() {
        assert_eq!(short_label("a."), "a.");
        assert_eq!(short_label("(a)"), "(a)");
        assert_eq!(short_label("SR-03.17.01.a"), "a.");
    }
}
