//! What a catalog calls its controls and which of them are withdrawn.
//!
//! Display ids come from `label` props: 800-53 5.0.1 has one (`AC-2(1)`); 5.1.1 has three (`AC-02`
//! class zero-padded, `AC-2`, `AC-02` class sp800-53a) and the one without a class wins; CPRT
//! catalogs write `Personnel Screening (03.09.01)`, whose id is the part in parentheses.

use super::model::{prop, Catalog, Control, Link, Part, Prop};

/// The id a person reads: the class-less label, else any label, else (for generated ids such as
/// `SP_800_171_03.01.13`) the sort-id, else the OSCAL id.
pub fn display_id(oscal_id: &str, props: &[Prop]) -> String {
    let labels: Vec<&Prop> = props.iter().filter(|p| p.name == "label").collect();
    let chosen = labels.iter().find(|p| p.class.is_none()).or(labels.first());
    if let Some(id) = chosen.and_then(|l| id_of_label(&l.value)) {
        return id;
    }
    if oscal_id.contains('_') {
        if let Some(sort) = prop(props, "sort-id").map(|p| p.value.trim()).filter(|v| !v.is_empty()) {
            return sort.to_string();
        }
    }
    oscal_id.to_string()
}

/// `AC-2(1)` as is; `Personnel Screening (03.09.01)` → `03.09.01`; other prose → none.
fn id_of_label(label: &str) -> Option<String> {
    let label = label.trim();
    if label.is_empty() {
        return None;
    }
    if !label.contains(char::is_whitespace) {
        return Some(label.to_string());
    }
    let inner = label.strip_suffix(')')?.rsplit_once('(')?.1.trim();
    (!inner.is_empty() && !inner.contains(char::is_whitespace)).then(|| inner.to_string())
}

/// How a catalog marks withdrawn controls beyond `status: withdrawn`.
#[derive(Debug, Clone, Copy, Default)]
pub struct WithdrawalRules {
    /// NIST's CPRT CSF catalog keeps CSF 1.1 subcategories for traceability without a status
    /// prop; the live ones are those with implementation examples (`part name="example"`).
    pub csf_examples: bool,
}

impl WithdrawalRules {
    pub fn for_catalog(c: &Catalog) -> Self {
        let csf = c.metadata.props.iter().any(|p| p.name == "framework-identifier" && p.value == "CSF");
        WithdrawalRules { csf_examples: csf }
    }

    /// Whether the control is withdrawn.
    pub fn withdrawn(&self, c: &Control) -> bool {
        if c.props.iter().any(|p| p.name == "status" && p.value.eq_ignore_ascii_case("withdrawn")) {
            return true;
        }
        if statement_text(&c.parts).is_some_and(|s| s.trim_start().starts_with("[Withdrawn")) {
            return true;
        }
        self.csf_examples && c.class.as_deref() == Some("subcategory") && !c.parts.iter().any(|p| p.name == "example")
    }
}

fn statement_text(parts: &[Part]) -> Option<&str> {
    parts.iter().find(|p| p.name == "statement").and_then(|p| p.prose.as_deref())
}

/// What became of a withdrawn control, from its links (`incorporated-into`, `moved-to`,
/// `addressed_by`) or its `[Withdrawn: …]` statement. `label_of` turns an OSCAL id into a label.
pub fn withdrawal_note(c: &Control, label_of: &dyn Fn(&str) -> Option<String>) -> String {
    if let Some(text) = statement_text(&c.parts).map(str::trim).filter(|s| s.starts_with("[Withdrawn")) {
        return text.trim_start_matches('[').trim_end_matches(']').to_string();
    }
    let mut by_rel: Vec<(String, Vec<String>)> = Vec::new();
    for Link { href, rel } in &c.links {
        let Some(rel) = rel.as_deref().filter(|r| matches!(*r, "incorporated-into" | "moved-to" | "addressed_by"))
        else {
            continue;
        };
        let words = rel.replace(['-', '_'], " ");
        let target = link_target(href, label_of);
        match by_rel.iter_mut().find(|(w, _)| *w == words) {
            Some((_, list)) => list.push(target),
            None => by_rel.push((words, vec![target])),
        }
    }
    let parts: Vec<String> = by_rel.into_iter().map(|(w, list)| format!("{w} {}", list.join(", "))).collect();
    match parts.is_empty() {
        true => "withdrawn".to_string(),
        false => format!("withdrawn: {}", parts.join("; ")),
    }
}

/// `#ac-2_smt.k` → `AC-2k`; `#ac-6.9` → `AC-6(9)`; `03.13.08` stays.
fn link_target(href: &str, label_of: &dyn Fn(&str) -> Option<String>) -> String {
    let id = href.trim_start_matches('#');
    if let Some(label) = label_of(id) {
        return label;
    }
    if let Some((control, part)) = id.split_once("_smt") {
        if let Some(label) = label_of(control) {
            return format!("{label}{}", part.trim_start_matches('.'));
        }
    }
    id.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(value: &str, class: Option<&str>) -> Prop {
        Prop { name: "label".into(), value: value.into(), class: class.map(str::to_string), ns: None }
    }

    #[test]
    fn the_classless_label_wins() {
        let props = [label("AC-02", Some("zero-padded")), label("AC-2", None), label("AC-02", Some("sp800-53a"))];
        assert_eq!(display_id("ac-2", &props), "AC-2");
        assert_eq!(display_id("ac-2", &[label("AC-02", Some("sp800-53a"))]), "AC-02");
        assert_eq!(display_id("x", &[label("Personnel Screening (03.09.01)", None)]), "03.09.01");
        let sort = Prop { name: "sort-id".into(), value: "03.01.13".into(), ..Default::default() };
        assert_eq!(display_id("SP_800_171_03.01.13", &[sort]), "03.01.13");
        assert_eq!(display_id("ac", &[]), "ac");
    }

    #[test]
    fn withdrawal_notes_name_the_successor() {
        let c = Control {
            id: "ac-2.10".into(),
            links: vec![Link { href: "#ac-2_smt.k".into(), rel: Some("incorporated-into".into()) }],
            ..Default::default()
        };
        let label_of = |id: &str| (id == "ac-2").then(|| "AC-2".to_string());
        assert_eq!(withdrawal_note(&c, &label_of), "withdrawn: incorporated into AC-2k");
    }
}
