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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::xlsx::tests::matrix;

    fn statuses(m: &mut Matrix, s: &[Status]) {
        for (cell, status) in m.controls[0].cells.iter_mut().zip(s) {
            cell.status = *status;
        }
    }

    #[test]
    fn the_answer_ignores_services_a_point_does_not_apply_to() {
        use Status::*;
        let mut m = matrix(3, 1);
        let cases = [
            ([Inherited, Inherited, NotApplicable], Answer::Yes),
            ([Customer, NotApplicable, Customer], Answer::No),
            ([Inherited, Customer, Customer], Answer::Partial),
            ([Shared, Inherited, Inherited], Answer::Partial),
            ([NotApplicable, NotApplicable, NotApplicable], Answer::No),
        ];
        for (s, want) in cases {
            statuses(&mut m, &s);
            assert_eq!(points(&m, 0)[0].answer(), want, "{s:?}");
        }
        assert!(points(&m, 0)[0].not_applicable());
        assert_eq!(points(&m, 0)[0].origination(&m), None, "nothing to originate where nothing applies");
    }

    #[test]
    fn customer_points_are_provided_when_the_organization_supplies_a_layer_else_configured() {
        let mut m = matrix(2, 1);
        let identity: LayerSet = [Layer::Identity].into_iter().collect();
        let guest: LayerSet = [Layer::GuestOs, Layer::Identity].into_iter().collect();
        m.controls[0].cells.iter_mut().for_each(|c| c.customer = identity);
        assert_eq!(points(&m, 0)[0].origination(&m), Some(Origination::Configured));
        m.controls[0].cells[1].customer = guest;
        assert_eq!(points(&m, 0)[0].origination(&m), Some(Origination::Provided));
        m.controls[0].cells[1].customer = identity;
        m.services[0].cloud = false;
        assert_eq!(points(&m, 0)[0].origination(&m), Some(Origination::Provided), "own datacentre");
    }

    #[test]
    fn column_c_is_blank_for_yes_and_names_every_service_otherwise() {
        let mut m = matrix(2, 1);
        m.prose = vec!["\u{0} is patched by the provider.".into(), "Review \u{0}'s users.".into()];
        for cell in &mut m.controls[0].cells {
            (cell.status, cell.ptext, cell.ctext) = (Status::Inherited, 0, 1);
        }
        assert_eq!(points(&m, 0)[0].responsibilities(&m), "");
        m.controls[0].cells[1].status = Status::Shared;
        m.services[1].provider_title = Some("Amazon Web Services".into());
        let text = points(&m, 0)[0].responsibilities(&m);
        assert_eq!(
            text,
            "Service 0: Inherited from the provider. Service 0 is patched by the provider.\n\n\
             Service 1: Inherited from Amazon Web Services: Service 1 is patched by the provider. Customer \
             responsibility: Review Service 1's users."
        );
    }

    #[test]
    fn a_control_with_statements_gives_one_row_per_statement() {
        let mut m = matrix(1, 2);
        let c = m.controls[0].clone();
        let statement = |label: &str| crate::view::StatementView {
            id: format!("c-0_smt.{label}"),
            label: format!("C-0({label})"),
            prose: String::new(),
            layers: c.layers,
            why: None,
            status: c.status,
            counts: c.counts,
            cells: c.cells.clone(),
        };
        m.controls[0].statements = vec![statement("a"), statement("b")];
        let ids: Vec<&str> = points(&m, 0).iter().map(|p| p.id).collect();
        assert_eq!(ids, ["C-0(a)", "C-0(b)", "C-1"]);
    }
}
