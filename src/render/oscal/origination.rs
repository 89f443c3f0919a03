//! FedRAMP's `control-origination` and OSCAL's implementation status of a cell, seen from the
//! leveraging system: the provider's part is `inherited`; the organization's own part is
//! `sp-system`, or `sp-corporate` when it runs the program organization-wide (the workforce,
//! governance and business layers). `customer-*` would be the organization's own customers,
//! whom the matrix does not model.

use super::model::{Prop, State};
use crate::model::{Layer, LayerSet, Status};
use crate::view::{Cell, Matrix};

/// FedRAMP's namespace for `control-origination`.
pub const FEDRAMP_NS: &str = "https://fedramp.gov/ns/oscal";

/// The origins of one cell, in the order FedRAMP lists them; empty when not applicable.
pub fn origins(m: &Matrix, cell: &Cell) -> Vec<&'static str> {
    let own = own_origin(m, cell.customer.or(cell.shared));
    match cell.status {
        Status::Inherited => vec!["inherited"],
        Status::Shared => {
            let mut out = vec![own];
            if !cell.provider.is_empty() || !cell.shared.is_empty() {
                out.push("inherited");
            }
            sorted(out)
        }
        Status::Customer => vec![own],
        Status::NotApplicable | Status::Mixed => Vec::new(),
    }
}

/// `sp-corporate` when every layer the organization holds is a program it runs organization-wide
/// (counterpart layers and its business context), else `sp-system`.
fn own_origin(m: &Matrix, held: LayerSet) -> &'static str {
    let corporate = held.iter().all(|l| l == Layer::Business || m.counterpart_layers.contains(l));
    match corporate && !held.is_empty() {
        true => "sp-corporate",
        false => "sp-system",
    }
}

/// Distinct origins in FedRAMP's order (`sp-corporate, sp-system, …, inherited`).
pub fn sorted(mut list: Vec<&'static str>) -> Vec<&'static str> {
    const ORDER: [&str; 5] = ["sp-corporate", "sp-system", "customer-configured", "customer-provided", "inherited"];
    list.sort_by_key(|o| ORDER.iter().position(|x| x == o));
    list.dedup();
    list
}

/// The origins as `control-origination` props.
pub fn props(list: &[&'static str]) -> Vec<Prop> {
    list.iter()
        .map(|o| Prop { name: "control-origination".into(), ns: Some(FEDRAMP_NS), value: o.to_string() })
        .collect()
}

/// The implementation status a cell implies. respmatrix records who is responsible, not
/// whether the work is done: the provider's part is `implemented` (on its attestation), the
/// organization's part `planned` until the system owner confirms it, a split `partial`.
pub fn status(s: Status) -> &'static str {
    match s {
        Status::Inherited => "implemented",
        Status::Shared => "partial",
        Status::Customer => "planned",
        Status::NotApplicable => "not-applicable",
        // A control's overall status only: services differ.
        Status::Mixed => "partial",
    }
}

/// The implementation status of a set of cells (the organization's whole system).
pub fn status_of(cells: &[Cell]) -> State {
    let live: Vec<Status> = cells.iter().map(|c| c.status).filter(|s| *s != Status::NotApplicable).collect();
    let state = match () {
        _ if live.is_empty() => "not-applicable",
        _ if live.iter().all(|s| *s == Status::Inherited) => "implemented",
        _ if live.iter().all(|s| *s == Status::Customer) => "planned",
        _ => "partial",
    };
    State { state, remarks: None }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_come_in_fedramp_order_once_each() {
        assert_eq!(
            sorted(vec!["inherited", "sp-system", "inherited", "sp-corporate"]),
            ["sp-corporate", "sp-system", "inherited"]
        );
        assert_eq!(status(Status::Inherited), "implemented");
        assert_eq!(status(Status::NotApplicable), "not-applicable");
    }
}
