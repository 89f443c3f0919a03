//! `control-implementation`: one implemented requirement per control of the plan's framework,
//! a by-component per in-scope service (what the provider gives, as `inherited`, and what the
//! organization must do) and one for this system, and the same per statement where the
//! control is answered statement by statement.

use super::model::{
    ByComponent, ControlImplementation, ImplementedRequirement, Inherited, Prop, ResponsibleRole, State, Statement,
};
use super::names::{control_id, line};
use super::origination::{self, origins};
use super::system::Parts;
use super::uuid::Ids;
use crate::model::Status;
use crate::view::{Cell, ControlView, Matrix, StatementView};

/// The namespace of respmatrix's own props (`.invalid`: a name, never fetched).
pub const RESPMATRIX_NS: &str = "https://respmatrix.invalid/ns/oscal";

/// The implemented requirements of framework `fi`, in catalog order (withdrawn controls are
/// not requirements and are left out).
pub fn control_implementation(m: &Matrix, fi: usize, ids: &Ids, parts: &Parts) -> ControlImplementation {
    let fw = &m.frameworks[fi];
    let implemented_requirements =
        m.controls_of(fi).filter(|c| c.withdrawn.is_none()).map(|c| requirement(m, c, ids, parts)).collect();
    ControlImplementation {
        description: format!(
            "How each control of {} ({}) is implemented across the system's {} in-scope services, as \
             the responsibility matrix decides it: what each provider gives (inherited) and what the \
             organization must do. control-origination follows FedRAMP's vocabulary from this system's \
             point of view. respmatrix records who is responsible, not whether the work is done: the \
             organization's parts are planned until the system owner confirms them.",
            fw.title,
            fw.id,
            m.services.len()
        ),
        implemented_requirements,
    }
}

/// Where a set of cells belongs: the control, and the statement when it is one.
struct Place<'a> {
    control: &'a ControlView,
    statement: Option<&'a StatementView>,
}

/// What every part of a requirement is built from.
struct Ctx<'a> {
    m: &'a Matrix,
    fw: &'a str,
    ids: &'a Ids,
    parts: &'a Parts,
}

fn requirement(m: &Matrix, c: &ControlView, ids: &Ids, parts: &Parts) -> ImplementedRequirement {
    let fw = m.frameworks[c.framework].id.as_str();
    let x = Ctx { m, fw, ids, parts };
    let place = Place { control: c, statement: None };
    let control_parts = by_components(&x, &place, &c.cells);
    let statements = c
        .statements
        .iter()
        .map(|s| {
            let place = Place { control: c, statement: Some(s) };
            Statement {
                statement_id: s.id.clone(),
                uuid: ids.of(&["statement", fw, &c.id, &s.id]),
                props: vec![own("label", &s.label), own("responsibility", &s.status.to_string())],
                by_components: by_components(&x, &place, &s.cells),
                remarks: line(&format!("{}: {}", s.label, s.prose), &s.label),
            }
        })
        .collect();
    let mut all = Vec::new();
    c.cells.iter().for_each(|cell| all.extend(origins(m, cell)));
    let mut props = vec![own("label", &c.id), own("responsibility", &c.status.to_string())];
    props.extend(origination::props(&origination::sorted(all)));
    ImplementedRequirement {
        uuid: ids.of(&["requirement", fw, &c.id]),
        control_id: control_id(&c.id),
        props,
        by_components: control_parts,
        statements,
    }
}

/// One by-component per in-scope service, then this system's.
fn by_components(x: &Ctx, place: &Place, cells: &[Cell]) -> Vec<ByComponent> {
    let mut out: Vec<ByComponent> =
        cells.iter().enumerate().map(|(si, cell)| service_part(x, place, cell, si)).collect();
    out.push(system_part(x, place, cells));
    out
}

fn service_part(x: &Ctx, place: &Place, cell: &Cell, si: usize) -> ByComponent {
    let (m, fw, ids, parts) = (x.m, x.fw, x.ids, x.parts);
    let s = &m.services[si];
    let c = place.control;
    let stmt = place.statement.map_or("", |s| s.id.as_str());
    let label = place.statement.map_or(c.id.as_str(), |s| s.label.as_str());
    let customer = match place.statement {
        None => m.customer_statement(c, cell, si),
        Some(_) => m.text(cell.ctext, &s.name),
    };
    let provider = match place.statement {
        None => m.provider_statement(c, cell, si),
        Some(_) => m.text(cell.ptext, &s.name),
    };
    let why = match place.statement {
        None => m.rationale(c, cell, si),
        Some(st) => m.statement_rationale(st, cell, si),
    };
    let who = s.provider_title.as_deref().or(s.provider.as_deref()).unwrap_or("the provider");
    let description = match cell.status {
        Status::Inherited => format!("Inherited from {who} for {}: nothing is left for the organization.", s.name),
        Status::NotApplicable => format!("Not applicable to {}: {why}", s.name),
        _ if customer.trim().is_empty() => format!("The organization's part of {label} on {}.", s.name),
        _ => customer,
    };
    let inherited = match cell.status {
        Status::Inherited | Status::Shared => vec![Inherited {
            uuid: ids.of(&["inherited", fw, &c.id, stmt, &s.id]),
            provided_uuid: ids.of(&[
                "provided",
                s.provider.as_deref().unwrap_or(""),
                s.product.as_deref().unwrap_or(&s.id),
                fw,
                &c.id,
                stmt,
            ]),
            description: match provider.trim().is_empty() {
                true => format!("{who}'s part of {label} on {}.", s.name),
                false => provider,
            },
        }],
        _ => Vec::new(),
    };
    let mut props = origination::props(&origins(m, cell));
    props.push(own("responsibility", &cell.status.to_string()));
    ByComponent {
        component_uuid: parts.service(si).to_string(),
        uuid: ids.of(&["by-component", fw, &c.id, stmt, &s.id]),
        description,
        props,
        implementation_status: State { state: origination::status(cell.status), remarks: None },
        inherited,
        responsible_roles: parts.owner_role(si),
        remarks: (cell.status != Status::NotApplicable).then(|| line(&why, "-")),
    }
}

/// This system's by-component: the organization's part across its services.
fn system_part(x: &Ctx, place: &Place, cells: &[Cell]) -> ByComponent {
    let (m, fw, ids, parts) = (x.m, x.fw, x.ids, x.parts);
    let c = place.control;
    let stmt = place.statement.map_or("", |s| s.id.as_str());
    let label = place.statement.map_or(c.id.as_str(), |s| s.label.as_str());
    let mut counts = crate::view::Counts::default();
    cells.iter().for_each(|cell| counts.add(cell.status));
    let mut said = Vec::new();
    for (what, n) in [
        ("the organization's", counts.customer),
        ("shared", counts.shared),
        ("inherited", counts.inherited),
        ("not applicable", counts.not_applicable),
    ] {
        if n > 0 {
            said.push(format!("{what} on {n}"));
        }
    }
    let description = format!(
        "{label} across the system's {} in-scope services: {}. Each service's component says what \
         the organization does there and what it inherits.",
        cells.len(),
        if said.is_empty() { "no services".to_string() } else { said.join(", ") }
    );
    let mut all = Vec::new();
    cells.iter().for_each(|cell| all.extend(origins(m, cell)));
    let mut props = origination::props(&origination::sorted(all));
    props.push(own("responsibility", &overall(cells).to_string()));
    ByComponent {
        component_uuid: parts.this_system.clone(),
        uuid: ids.of(&["by-component", fw, &c.id, stmt, "this-system"]),
        description,
        props,
        implementation_status: origination::status_of(cells),
        inherited: Vec::new(),
        responsible_roles: vec![ResponsibleRole {
            role_id: "system-owner",
            party_uuids: vec![parts.organization.clone()],
        }],
        remarks: None,
    }
}

/// The status a set of cells shares, `mixed` when they differ (not-applicable cells aside).
fn overall(cells: &[Cell]) -> Status {
    let mut live = cells.iter().map(|c| c.status).filter(|s| *s != Status::NotApplicable);
    match live.next() {
        None => Status::NotApplicable,
        Some(first) if live.all(|s| s == first) => first,
        Some(_) => Status::Mixed,
    }
}

/// A prop in respmatrix's namespace.
pub fn own(name: &str, value: &str) -> Prop {
    Prop { name: name.into(), ns: Some(RESPMATRIX_NS), value: line(value, "-") }
}
