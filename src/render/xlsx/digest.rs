//! Control-level prose for the Controls sheet: the statements, decisions and overrides of many
//! services condensed into one row per control.

use super::cells::utf16_len;
use crate::model::Status;
use crate::render::style;
use crate::view::{Cell, ControlView, Decided, Matrix};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Characters of statements one cell shows before pointing to the full list (a readable cell,
/// well under Excel's 32,767).
const BUDGET: usize = 8_000;
/// Service names listed before "and N more".
const NAMES: usize = 10;

/// One control's row of prose.
pub struct Digest {
    pub provider: String,
    pub customer: String,
    pub rationale: String,
    pub overrides: String,
}

pub fn digest(m: &Matrix, c: &ControlView) -> Digest {
    Digest {
        provider: statements(m, c, |cell| cell.ptext, |cell, si| m.provider_statement(c, cell, si), "matrix.json"),
        customer: statements(
            m,
            c,
            |cell| cell.ctext,
            |cell, si| m.customer_statement(c, cell, si),
            "the Customer Responsibilities sheet",
        ),
        rationale: rationale(m, c),
        overrides: overrides(m, c),
    }
}

/// The control's statements, one line per wording: services whose statements differ only in
/// the service's own name share a line ("… Likewise for Orders DB, Billing DB and 3 more.").
/// Cells are grouped by their prose text first, so the prose is built once per text, not once
/// per service.
fn statements(
    m: &Matrix,
    c: &ControlView,
    text_of: impl Fn(&Cell) -> u32,
    statement: impl Fn(&Cell, usize) -> String,
    full: &str,
) -> String {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    let mut by_key: FxHashMap<u32, Option<usize>> = FxHashMap::default();
    let mut by_wording: HashMap<String, usize> = HashMap::new();
    for (si, cell) in c.cells.iter().enumerate() {
        let name = m.services[si].name.as_str();
        let key = text_of(cell);
        match by_key.get(&key) {
            Some(Some(g)) => groups[*g].1.push(name),
            Some(None) => {}
            None => {
                let text = statement(cell, si);
                if text.is_empty() {
                    by_key.insert(key, None);
                    continue;
                }
                // Different sources can still read the same; those share a line too.
                let same = if name.is_empty() { text.clone() } else { text.replace(name, "\u{0}") };
                match by_wording.get(&same) {
                    Some(&g) => {
                        groups[g].1.push(name);
                        by_key.insert(key, Some(g));
                    }
                    None => {
                        by_wording.insert(same, groups.len());
                        by_key.insert(key, Some(groups.len()));
                        groups.push((text, Vec::new()));
                    }
                }
            }
        }
    }
    let mut out = String::new();
    let (mut used, mut left_out) = (0, 0);
    for (first, others) in groups {
        let line = match others.is_empty() {
            true => first,
            false => format!("{first} Likewise for {}.", names(&others)),
        };
        let len = utf16_len(&line) + 1;
        if used + len > BUDGET {
            left_out += 1;
            continue;
        }
        used += len;
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    if left_out > 0 {
        out.push_str(&format!("\n… and {left_out} more (every statement per service is in {full})."));
    }
    out
}

/// Why the control has its overall status: its layers, the tally and what decided cells.
fn rationale(m: &Matrix, c: &ControlView) -> String {
    if let Some(why) = crate::view::withdrawn_rationale(c) {
        return why;
    }
    let mut out = format!("Touches {}.", c.layers.ids().join(", "));
    let why = c.why.trim();
    if !why.is_empty() {
        out.push(' ');
        out.push_str(why.trim_end_matches('.'));
        out.push('.');
    }
    let k = &c.counts;
    out.push_str(&format!(
        " Across {} in-scope services: {} inherited, {} shared, {} customer, {} not applicable, so the control is {} \
         overall: {}.",
        c.cells.len(),
        k.inherited,
        k.shared,
        k.customer,
        k.not_applicable,
        style::label(c.status).to_lowercase(),
        overall_rule(c)
    ));
    out.push_str(&refinements(m, c, 0..c.cells.len()));
    let over: Vec<&str> = decided(m, c, |d| matches!(d, Decided::Override(_))).collect();
    if !over.is_empty() {
        out.push_str(&format!(" Control overrides set the status for {} (see Override justification).", names(&over)));
    }
    out
}

fn overall_rule(c: &ControlView) -> &'static str {
    if c.cells.is_empty() {
        return "there are no in-scope services";
    }
    match c.status {
        Status::Inherited => "the provider runs it for every applicable service",
        Status::Customer => "the organization runs it for every applicable service",
        Status::Shared => "responsibility is split, within a service or between services",
        Status::NotApplicable => "it is not applicable to any in-scope service",
        Status::Mixed => "the services differ: the counts say how",
    }
}

/// Which of `services` had their layer owners refined by the provider catalog or the
/// inventory, as sentences with a leading space ("" when none).
pub fn refinements(m: &Matrix, c: &ControlView, services: impl Iterator<Item = usize> + Clone) -> String {
    let mut out = String::new();
    for (kind, what) in [
        (Decided::Product, "The provider catalog refines the layer owners of"),
        (Decided::Service, "Inventory layer overrides change the layer owners of"),
    ] {
        let hit: Vec<&str> =
            services.clone().filter(|&si| c.cells[si].decided == kind).map(|si| m.services[si].name.as_str()).collect();
        if !hit.is_empty() {
            out.push_str(&format!(" {what} {}.", names(&hit)));
        }
    }
    out
}

/// Names of the services whose cell was decided in a way `pick` accepts.
fn decided<'a>(
    m: &'a Matrix,
    c: &'a ControlView,
    pick: impl Fn(Decided) -> bool + 'a,
) -> impl Iterator<Item = &'a str> {
    c.cells.iter().enumerate().filter(move |(_, cell)| pick(cell.decided)).map(|(si, _)| m.services[si].name.as_str())
}

/// Each control override that decided a cell: label, status, services, justification.
fn overrides(m: &Matrix, c: &ControlView) -> String {
    let mut used: Vec<u32> = Vec::new();
    for cell in &c.cells {
        if let Decided::Override(i) = cell.decided {
            if !used.contains(&i) {
                used.push(i);
            }
        }
    }
    let mut lines = Vec::new();
    for i in used {
        let Some(o) = m.overrides.get(i as usize) else { continue };
        let hit: Vec<&str> = decided(m, c, |d| d == Decided::Override(i)).collect();
        let mut line = format!("{} ({}) sets {} for {}: {}", o.label, o.origin, o.status, names(&hit), o.justification);
        if let Some(e) = &o.expires {
            line.push_str(&format!(" (expires {e})"));
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// "A, B and C", or the first few and "and N more".
pub fn names(list: &[&str]) -> String {
    let shown = &list[..list.len().min(NAMES)];
    let rest = list.len() - shown.len();
    match (shown.split_last(), rest) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.to_string(),
        (Some((last, init)), 0) => format!("{} and {last}", init.join(", ")),
        (Some(_), n) => format!("{} and {n} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn names_are_listed_then_counted() {
        assert_eq!(names(&[]), "");
        assert_eq!(names(&["A"]), "A");
        assert_eq!(names(&["A", "B", "C"]), "A, B and C");
        let many: Vec<String> = (0..12).map(|i| format!("S{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert!(names(&many).ends_with("S9 and 2 more"));
    }
}
