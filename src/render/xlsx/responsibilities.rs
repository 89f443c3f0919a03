//! A control's customer and shared cells grouped into responsibilities: one per thing the
//! organization must do, with the services it must do it for. Services share a responsibility
//! when their cells have the same status, the same organization-held and shared layers, the same
//! override (if any) and statements that read alike apart from the service's name, so one row
//! stands for "the organization patches the guest OS of each listed service" instead of one row
//! per service.

use super::cells::utf16_len;
use super::digest::refinements;
use crate::model::{LayerSet, Status};
use crate::review::ids;
use crate::view::{Cell, ControlView, Decided, Matrix};
use rustc_hash::FxHashMap;

/// Characters a list cell shows before "… and N more" (a readable cell, well under Excel's 32,767).
const BUDGET: usize = 8_000;

/// Services for which the organization must do the same thing for one control.
pub struct Responsibility {
    pub status: Status,
    pub customer: LayerSet,
    pub shared: LayerSet,
    /// Indexes into `Matrix::services`, in inventory order; never empty.
    pub services: Vec<usize>,
}

impl Responsibility {
    fn first(&self) -> usize {
        self.services[0]
    }
}

/// Whether a cell is the organization's work (alone or shared).
pub fn customer_part(s: Status) -> bool {
    matches!(s, Status::Customer | Status::Shared)
}

/// The control's responsibilities, in the order their first service appears in the inventory.
pub fn group(c: &ControlView) -> Vec<Responsibility> {
    type Key = (Status, LayerSet, LayerSet, u32, Option<u32>);
    let mut index: FxHashMap<Key, usize> = FxHashMap::default();
    let mut out: Vec<Responsibility> = Vec::new();
    for (si, cell) in c.cells.iter().enumerate() {
        if !customer_part(cell.status) {
            continue;
        }
        let over = match cell.decided {
            Decided::Override(i) => Some(i),
            _ => None,
        };
        let key = (cell.status, cell.customer, cell.shared, cell.ctext, over);
        let at = *index.entry(key).or_insert_with(|| {
            out.push(Responsibility {
                status: cell.status,
                customer: cell.customer,
                shared: cell.shared,
                services: Vec::new(),
            });
            out.len() - 1
        });
        out[at].services.push(si);
    }
    out
}

/// The row's stable id (`CR-…`): framework, control, the organization's part, the statement
/// and the deciding override, never the row's position or its services.
pub fn row_id(m: &Matrix, c: &ControlView, r: &Responsibility) -> String {
    let cell = &c.cells[r.first()];
    let over = m.override_of(cell).map(|o| o.label.as_str()).unwrap_or("");
    let key = ids::control_key(&c.id);
    ids::row_id(&m.frameworks[c.framework].id, &key, &cell.part(), &m.customer_statement_generic(c, cell), over)
}

/// What the organization must do: the service's own statement when the row is one service, the
/// statement naming "each listed service" when it is several.
pub fn statement(m: &Matrix, c: &ControlView, r: &Responsibility) -> String {
    let si = r.first();
    match r.services.len() {
        1 => m.customer_statement(c, &c.cells[si], si),
        _ => m.customer_statement_generic(c, &c.cells[si]),
    }
}

/// Why: the control's own reasoning (its `why`), what refined the layer owners of the row's
/// services, and the principle or override that decided.
pub fn why(m: &Matrix, c: &ControlView, r: &Responsibility) -> String {
    let si = r.first();
    let cell: &Cell = &c.cells[si];
    if c.withdrawn.is_some() {
        return m.rationale(c, cell, si);
    }
    let mut out = c.why.trim().to_string();
    if !out.is_empty() && !out.ends_with(['.', '!', '?', ')']) {
        out.push('.');
    }
    out.push_str(&refinements(m, c, r.services.iter().copied()));
    out.push_str(&m.rationale_tail(c, cell, si));
    out.trim_start().to_string()
}

/// `decided_by` of the row's cells, each with how many services it decided.
pub fn decided_by(m: &Matrix, c: &ControlView, r: &Responsibility) -> String {
    let mut tally: Vec<(String, usize)> = Vec::new();
    let mut d = String::new();
    for &si in &r.services {
        d.clear();
        m.push_decided(&mut d, c.cells[si].decided, si);
        match tally.iter_mut().find(|(k, _)| *k == d) {
            Some((_, n)) => *n += 1,
            None => tally.push((d.clone(), 1)),
        }
    }
    let lines: Vec<String> = tally.into_iter().map(|(d, n)| format!("{d} ({n})")).collect();
    list(lines.iter().map(String::as_str), "the Matrix sheet")
}

/// The row's service names, one per line.
pub fn service_names(m: &Matrix, r: &Responsibility) -> String {
    list(r.services.iter().map(|&si| m.services[si].name.as_str()), "the Matrix sheet")
}

/// The distinct service owners the inventory gives for the row's services, one per line.
pub fn service_owners(m: &Matrix, r: &Responsibility) -> String {
    let mut owners: Vec<&str> = Vec::new();
    for &si in &r.services {
        if let Some(o) = m.services[si].owner.as_deref().map(str::trim).filter(|o| !o.is_empty()) {
            if !owners.contains(&o) {
                owners.push(o);
            }
        }
    }
    list(owners.into_iter(), "the Services sheet")
}

/// Items one per line until the cell's budget, then "… and N more (see …)".
fn list<'a>(items: impl Iterator<Item = &'a str>, full: &str) -> String {
    let mut out = String::new();
    let (mut used, mut left_out) = (0, 0);
    for item in items {
        let len = utf16_len(item) + 1;
        if left_out > 0 || used + len > BUDGET {
            left_out += 1;
            continue;
        }
        used += len;
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(item);
    }
    if left_out > 0 {
        out.push_str(&format!("\n… and {left_out} more (see {full})"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_stops_at_the_budget_and_counts_the_rest() {
        let names: Vec<String> = (0..2_000).map(|i| format!("Service number {i:05}")).collect();
        let text = list(names.iter().map(String::as_str), "the Matrix sheet");
        assert!(utf16_len(&text) <= BUDGET + 60, "{}", utf16_len(&text));
        let shown = text.lines().count() - 1;
        assert!(text.ends_with(&format!("… and {} more (see the Matrix sheet)", 2_000 - shown)), "{text}");
        assert_eq!(list(["A", "B"].into_iter(), "x"), "A\nB");
    }
}
