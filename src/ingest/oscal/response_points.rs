//! A control's response set (DESIGN §2, statement level): the statement parts a provider or an
//! assessor answers one by one.
//!
//! FedRAMP marks them with `response-point` props (ns `https://fedramp.gov/ns/oscal`): added by a
//! profile's `modify.alters[].adds[]` with `by-id`, or carried on the parts of a resolved
//! catalog. Only statement parts count (`ac-2_smt.a`); assessment objectives (`ac-2_obj.a`) do
//! not. A response point on the statement itself (`ac-12_smt`) answers the control as a whole.
//! A control the marks do not cover answers its statement's first-level items (XX-1 controls:
//! (a), (b), (c)); a statement without items is answered as a whole.

use super::model::{Part as OscalPart, Profile, Prop};
use super::prose::{self, ParamIndex};
use crate::model::Part;
use std::collections::HashSet;

/// The namespace of FedRAMP's props.
pub const FEDRAMP_NS: &str = "https://fedramp.gov/ns/oscal";

/// Whether a prop marks a response point (FedRAMP's namespace, or none).
fn is_mark(p: &Prop) -> bool {
    p.name == "response-point" && p.ns.as_deref().is_none_or(|ns| ns.trim_end_matches('/') == FEDRAMP_NS)
}

/// The statement part ids a profile marks as response points, lower case.
pub fn of_profile(profile: &Profile) -> HashSet<String> {
    let Some(modify) = &profile.modify else { return HashSet::new() };
    modify
        .alters
        .iter()
        .flat_map(|a| &a.adds)
        .filter(|add| add.props.iter().any(is_mark))
        .filter_map(|add| add.by_id.as_deref())
        .filter(|id| id.contains("_smt"))
        .map(|id| id.trim().to_ascii_lowercase())
        .collect()
}

/// The response set of a control labelled `label` (`AC-2`), from its OSCAL statement parts and
/// the marked part ids `points`.
pub fn parts(label: &str, parts: &[OscalPart], points: &HashSet<String>, params: &ParamIndex) -> Vec<Part> {
    let statements: Vec<&OscalPart> = parts.iter().filter(|p| p.name == "statement").collect();
    let mut marked = Vec::new();
    for s in &statements {
        collect_marked(s, points, &mut marked);
    }
    let chosen: Vec<&OscalPart> = match marked.is_empty() {
        false => marked,
        true => statements.iter().flat_map(|s| s.parts.iter().filter(|p| p.name == "item")).collect(),
    };
    if chosen.len() == 1 && chosen[0].name == "statement" {
        return Vec::new();
    }
    chosen.into_iter().map(|p| part(label, p, params)).collect()
}

/// Parts (the statement and its items, depth first) marked in `points` or by their own props.
fn collect_marked<'a>(part: &'a OscalPart, points: &HashSet<String>, out: &mut Vec<&'a OscalPart>) {
    let id = part.id.as_deref().map(|i| i.trim().to_ascii_lowercase()).unwrap_or_default();
    let by_id = !id.is_empty() && points.contains(&id);
    if by_id || part.props.iter().any(is_mark) {
        out.push(part);
    }
    for sub in part.parts.iter().filter(|p| p.name == "item") {
        collect_marked(sub, points, out);
    }
}

fn part(control: &str, p: &OscalPart, params: &ParamIndex) -> Part {
    let id = p.id.clone().unwrap_or_default();
    let text = match p.name == "statement" {
        true => prose::statement(p, params),
        false => prose::item(p, params),
    };
    Part {
        label: row_label(control, &id, p),
        id,
        prose: text.split_whitespace().collect::<Vec<_>>().join(" "),
        layers: None,
        why: None,
    }
}

/// The CIS/CRM row id: `ac-2_smt.a` of `AC-2` → `AC-2(a)`; `ac-2.3_smt.a` of `AC-2(3)` →
/// `AC-2(3)(a)`; `ac-12_smt` → `AC-12`. A part id without `_smt` takes its label prop.
pub fn row_label(control: &str, part_id: &str, p: &OscalPart) -> String {
    let path: Vec<String> = match part_id.split_once("_smt") {
        Some((_, rest)) => rest.split('.').filter(|s| !s.is_empty()).map(str::to_string).collect(),
        None => super::model::prop(&p.props, "label")
            .map(|l| l.value.trim().trim_matches(|c| c == '(' || c == ')' || c == '.').to_string())
            .filter(|l| !l.is_empty())
            .map(|l| vec![l.rsplit('.').next().unwrap_or(&l).to_string()])
            .unwrap_or_default(),
    };
    let mut out = control.to_string();
    for step in path {
        out.push_str(&format!("({step})"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::oscal::model::{Catalog, Prop};

    fn item(id: &str, label: &str, prose: &str, kids: Vec<OscalPart>) -> OscalPart {
        let props = vec![Prop { name: "label".into(), value: label.into(), ..Default::default() }];
        OscalPart { id: Some(id.into()), name: "item".into(), props, prose: Some(prose.into()), parts: kids }
    }

    fn statement(id: &str, kids: Vec<OscalPart>) -> OscalPart {
        OscalPart { id: Some(id.into()), name: "statement".into(), parts: kids, ..Default::default() }
    }

    #[test]
    fn marked_points_win_and_a_mark_on_the_statement_answers_the_whole() {
        let cat = Catalog::default();
        let params = ParamIndex::new(&cat);
        let d = item("ac-2_smt.d", "d.", "Specify:", vec![item("ac-2_smt.d.1", "1.", "Authorized users;", vec![])]);
        let parts = vec![statement("ac-2_smt", vec![item("ac-2_smt.a", "a.", "Define  types;", vec![]), d])];
        let none = HashSet::new();
        let items = super::parts("AC-2", &parts, &none, &params);
        let labels: Vec<&str> = items.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["AC-2(a)", "AC-2(d)"]);
        assert_eq!(items[0].prose, "Define types;");
        assert_eq!(items[1].prose, "Specify: 1. Authorized users;");
        let marked: HashSet<String> = ["ac-2_smt.d.1".to_string()].into();
        let deep = super::parts("AC-2", &parts, &marked, &params);
        assert_eq!(deep.iter().map(|p| p.label.as_str()).collect::<Vec<_>>(), ["AC-2(d)(1)"]);
        let whole: HashSet<String> = ["ac-2_smt".to_string()].into();
        assert!(super::parts("AC-2", &parts, &whole, &params).is_empty());
        let single = vec![statement("ac-12_smt", vec![])];
        assert!(super::parts("AC-12", &single, &none, &params).is_empty());
    }

    #[test]
    fn enhancement_rows_nest_their_labels() {
        let p = OscalPart::default();
        assert_eq!(row_label("AC-2(3)", "ac-2.3_smt.a", &p), "AC-2(3)(a)");
        assert_eq!(row_label("AC-12", "ac-12_smt", &p), "AC-12");
        assert_eq!(row_label("03.01.01", "x", &item("x", "03.01.01.b", "", vec![])), "03.01.01(b)");
    }
}
