//! The CIS/CRM rows of a FedRAMP baseline: one per response point (a statement's label, or the
//! control id when the control is answered as a whole), each with the worksheets' answers
//! (`Can Be Inherited from CSP`, the responsibilities text, the Control Origination mark).

use crate::model::{Layer, LayerSet, Status};
use crate::view::{Cell, ControlView, Matrix};

/// `Can Be Inherited from CSP`, the CRM's list (`No,Partial,Yes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Yes,
    Partial,
    No,
}

impl Answer {
    pub const LIST: [&'static str; 3] = ["No", "Partial", "Yes"];

    pub fn text(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::Partial => "Partial",
            Answer::No => "No",
        }
    }
}

/// The CIS column a row's Control Origination "X" goes in (0-based, A = 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origination {
    /// `Configured by Customer (Customer System Specific)`.
    Configured = 9,
    /// `Provided by Customer (Customer System Specific)`.
    Provided = 10,
    /// `Shared (Service Provider and Customer Responsibility)`.
    Shared = 11,
    /// `Inherited from Pre-Existing  Authorization`.
    Inherited = 12,
}

/// The CIS column of Implementation Status `N/A` (0-based).
pub const NOT_APPLICABLE_COL: u16 = 5;

/// Layers the organization supplies and runs itself (hardware, software, its own programs):
/// a customer cell holding one of them is `Provided by Customer`; one holding only
/// configuration of what the provider runs (network settings, security-service settings,
/// application and tenant settings, identities, data) is `Configured by Customer`.
const SUPPLIED: [Layer; 10] = [
    Layer::Facilities,
    Layer::Hardware,
    Layer::NetworkInfrastructure,
    Layer::Virtualization,
    Layer::HostOs,
    Layer::GuestOs,
    Layer::Platform,
    Layer::Workforce,
    Layer::Governance,
    Layer::Business,
];

/// One response point of the baseline.
pub struct Point<'m> {
    /// The row's `Control ID` (`AC-2(a)`, `AC-3`).
    pub id: &'m str,
    pub control: &'m ControlView,
    /// Indexed like `Matrix::services`.
    pub cells: &'m [Cell],
}

/// Every response point of framework `fi`, in catalog order. Withdrawn controls listed for
/// traceability are no response points.
pub fn points(m: &Matrix, fi: usize) -> Vec<Point<'_>> {
    let mut out = Vec::new();
    for c in m.controls_of(fi).filter(|c| c.withdrawn.is_none()) {
        if c.statements.is_empty() {
            out.push(Point { id: &c.id, control: c, cells: &c.cells });
        }
        for s in &c.statements {
            out.push(Point { id: &s.label, control: c, cells: &s.cells });
        }
    }
    out
}

impl Point<'_> {
    /// Yes when every applicable service inherits it, No when the organization holds it on
    /// every one (or it applies to none), Partial otherwise (shared, or varying by service).
    pub fn answer(&self) -> Answer {
        let applicable = || self.cells.iter().filter(|c| c.status != Status::NotApplicable);
        if applicable().next().is_none() {
            Answer::No
        } else if applicable().all(|c| c.status == Status::Inherited) {
            Answer::Yes
        } else if applicable().all(|c| c.status == Status::Customer) {
            Answer::No
        } else {
            Answer::Partial
        }
    }

    /// Whether the point applies to no in-scope service at all.
    pub fn not_applicable(&self) -> bool {
        self.cells.iter().all(|c| c.status == Status::NotApplicable)
    }

    /// The Control Origination column; `None` when the point applies to no service.
    pub fn origination(&self, m: &Matrix) -> Option<Origination> {
        if self.not_applicable() {
            return None;
        }
        Some(match self.answer() {
            Answer::Yes => Origination::Inherited,
            Answer::Partial => Origination::Shared,
            Answer::No if self.supplied(m) => Origination::Provided,
            Answer::No => Origination::Configured,
        })
    }

    /// Whether the organization supplies something itself on a service it holds this point on:
    /// a service in its own datacentre, or a layer of `SUPPLIED`.
    fn supplied(&self, m: &Matrix) -> bool {
        let supplied: LayerSet = SUPPLIED.into_iter().collect();
        self.cells.iter().enumerate().filter(|(_, c)| c.status == Status::Customer).any(|(si, c)| {
            !m.services[si].cloud || !c.customer.and(supplied).is_empty() || !c.shared.and(supplied).is_empty()
        })
    }

    /// `Specific Inheritance and Customer Agency/CSP Responsibilities`: blank for Yes (as the
    /// template asks), else one `<Service name>:` paragraph per in-scope service saying what is
    /// inherited and what the organization must do, or why it cannot be inherited. Services a
    /// point does not apply to get a paragraph saying so, whatever the answer.
    pub fn responsibilities(&self, m: &Matrix) -> String {
        let yes = self.answer() == Answer::Yes;
        let mut paragraphs = Vec::new();
        for (si, cell) in self.cells.iter().enumerate() {
            if yes && cell.status != Status::NotApplicable {
                continue;
            }
            paragraphs.push(format!("{}: {}", m.services[si].name, self.paragraph(m, cell, si)));
        }
        paragraphs.join("\n\n")
    }

    fn paragraph(&self, m: &Matrix, cell: &Cell, si: usize) -> String {
        let s = &m.services[si];
        let provider = s.provider_title.as_deref().or(s.provider.as_deref()).unwrap_or("the provider");
        let does = sentence(m.text(cell.ptext, &s.name));
        let must = sentence(m.text(cell.ctext, &s.name));
        match cell.status {
            Status::Inherited => join(format!("Inherited from {provider}."), does),
            Status::Shared => {
                let inherited = join(format!("Inherited from {provider}:"), does);
                join(format!("{inherited} Customer responsibility:"), must)
            }
            Status::NotApplicable | Status::Mixed => format!("Not applicable: {}.", reason(m, self.control, cell, si)),
            Status::Customer => join(
                format!("Cannot be inherited: {}. Customer responsibility:", reason(m, self.control, cell, si)),
                must,
            ),
        }
    }
}

/// Why a cell is the organization's alone or not applicable, in a clause.
fn reason(m: &Matrix, c: &ControlView, cell: &Cell, si: usize) -> String {
    let s = &m.services[si];
    if let Some(o) = m.override_of(cell) {
        return format!("override {} sets {}: {}", o.label, o.status, o.justification.trim_end_matches('.'));
    }
    match cell.status {
        Status::NotApplicable | Status::Mixed => {
            format!("{} runs in the organization's own datacentre and {} applies to cloud services only", s.name, c.id)
        }
        _ if !s.cloud => format!("{} runs in the organization's own datacentre", s.name),
        _ => {
            let layers = cell.customer.ids().join(", ");
            format!("every layer it touches on {} is the organization's ({layers})", s.name)
        }
    }
}

/// A statement ready to follow a colon: trimmed, or "" when there is none.
fn sentence(text: String) -> String {
    text.trim().to_string()
}

/// `head tail`; without a tail, a head ending in a colon ends in a full stop instead.
fn join(head: String, tail: String) -> String {
    match (tail.is_empty(), head.strip_suffix(':')) {
        (false, _) => format!("{head} {tail}"),
        (true, Some(bare)) => format!("{bare}."),
        (true, None) => head,
    }
}
