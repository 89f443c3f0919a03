//! The report view: what every renderer sees. Compact cells; prose is built on demand.

use crate::model::{Counterpart, LayerSet, Owner, Status};

#[cfg(test)]
pub(crate) mod fixtures;
mod provider;
mod rationale;
mod statement_level;
pub use provider::{ProviderAnswerView, ProviderDisagreement, ProviderView};
pub use rationale::{override_tail, provider_tail, rationale_held, rationale_held_of, withdrawn_rationale, Principle};
pub use statement_level::statement_runs;

/// How a statement that stands for several services names them.
pub const LISTED: &str = "each listed service";

/// Stands for the service's name in `Matrix::prose`.
pub const NAME: char = '\u{0}';

/// A cell without a text of that kind (`Cell::ptext`, `Cell::ctext`).
pub const NO_TEXT: u32 = u32::MAX;

/// Per-status counts of a control or framework.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub inherited: usize,
    pub shared: usize,
    pub customer: usize,
    pub not_applicable: usize,
    /// Controls whose services differ (framework counts of overall statuses only).
    pub mixed: usize,
}

impl Counts {
    pub fn add(&mut self, s: Status) {
        match s {
            Status::Inherited => self.inherited += 1,
            Status::Shared => self.shared += 1,
            Status::Customer => self.customer += 1,
            Status::NotApplicable => self.not_applicable += 1,
            Status::Mixed => self.mixed += 1,
        }
    }
    pub fn get(&self, s: Status) -> usize {
        match s {
            Status::Inherited => self.inherited,
            Status::Shared => self.shared,
            Status::Customer => self.customer,
            Status::NotApplicable => self.not_applicable,
            Status::Mixed => self.mixed,
        }
    }
    /// Adds another tally to this one.
    pub fn merge(&mut self, o: &Counts) {
        self.inherited += o.inherited;
        self.shared += o.shared;
        self.customer += o.customer;
        self.not_applicable += o.not_applicable;
        self.mixed += o.mixed;
    }
    pub fn total(&self) -> usize {
        self.inherited + self.shared + self.customer + self.not_applicable + self.mixed
    }
}

/// A framework in the report.
#[derive(Debug, Clone)]
pub struct FrameworkView {
    pub id: String,
    pub title: String,
    pub version: String,
    pub publisher: String,
    pub source: String,
    pub licence: String,
    pub origin: String,
    pub controls: usize,
    /// Overall statuses of its controls.
    pub counts: Counts,
}

/// Where a layer's owner for a service came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnerSource {
    Model,
    Product,
    Service,
}

/// A service as the report shows it.
#[derive(Debug, Clone)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub provider: Option<String>,
    pub provider_title: Option<String>,
    pub product: Option<String>,
    pub model: String,
    pub model_title: String,
    /// "given" or how the model was inferred.
    pub model_source: String,
    pub model_given: bool,
    pub owner: Option<String>,
    pub environment: Option<String>,
    pub classification: Option<String>,
    pub notes: Option<String>,
    pub evidence: Option<String>,
    pub in_scope: bool,
    /// False for a service in the organization's own datacentre (model `cloud: false`).
    pub cloud: bool,
    /// Per-service layer overrides as written: `guest-os=provider`.
    pub layer_overrides: Vec<String>,
    /// The reason the inventory gives for each layer override (parallel to `layer_overrides`).
    pub layer_override_reasons: Vec<Option<String>>,
    /// The inventory's own product text when the catalog names the product differently.
    pub product_as_given: Option<String>,
    /// Owner of each layer (indexed by `Layer::index`) and where it came from.
    pub owners: Vec<(Owner, OwnerSource)>,
    /// Why each layer has its owner (model, product or inventory rationale).
    pub owner_why: Vec<String>,
    /// Rendered sentences per layer.
    pub provider_sentences: Vec<String>,
    pub customer_sentences: Vec<String>,
    /// Where the row came from, e.g. `inventory.xlsx[Services]!A7`.
    pub origin: String,
}

impl ServiceView {
    /// The product as the catalog names it, with the inventory's text beside it when that
    /// differs: `Amazon RDS (inventory: AWS::RDS::DBInstance)`.
    pub fn product_shown(&self) -> String {
        match (&self.product, &self.product_as_given) {
            (Some(p), Some(given)) => format!("{p} (inventory: {given})"),
            (Some(p), None) => p.clone(),
            (None, _) => String::new(),
        }
    }

    /// Each layer override with its reason: `guest-os=provider (Fargate runs the host)`.
    pub fn layer_overrides_explained(&self) -> Vec<String> {
        let reasons = self.layer_override_reasons.iter().map(Option::as_deref).chain(std::iter::repeat(None));
        self.layer_overrides
            .iter()
            .zip(reasons)
            .map(|(o, why)| match why {
                Some(w) if !w.trim().is_empty() => format!("{o} ({})", w.trim()),
                _ => o.clone(),
            })
            .collect()
    }
}

/// What decided a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Decided {
    Model,
    Product,
    Service,
    /// A cloud-only control on a service in the organization's own datacentre.
    CloudOnly,
    /// Index into `Matrix::overrides`.
    Override(u32),
    /// The control's statements, decided apart, roll up to another status than its own layers.
    Statements,
    /// The provider's own responsibility data (`--provider-data`): an index into
    /// `Matrix::provider.answers`.
    Provider(u32),
}

/// One (control, service) decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub status: Status,
    pub provider: LayerSet,
    pub customer: LayerSet,
    pub shared: LayerSet,
    pub decided: Decided,
    /// What the provider does: an index into `Matrix::prose`, or `NO_TEXT`.
    pub ptext: u32,
    /// What the organization must do: an index into `Matrix::prose`, or `NO_TEXT`.
    pub ctext: u32,
}

impl Cell {
    /// The organization's part: what a responsibility id is made of.
    pub fn part(&self) -> crate::review::ids::Part {
        crate::review::ids::Part { status: self.status, customer: self.customer, shared: self.shared }
    }
}

/// A control with its overall status and one cell per in-scope service.
#[derive(Debug, Clone)]
pub struct ControlView {
    /// Index into `Matrix::frameworks`.
    pub framework: usize,
    pub id: String,
    pub title: String,
    pub family: String,
    pub family_title: String,
    pub layers: LayerSet,
    pub why: String,
    /// Set for a withdrawn control listed with `--include-withdrawn`: what became of it.
    pub withdrawn: Option<String>,
    pub status: Status,
    pub counts: Counts,
    /// Indexed like `Matrix::services`.
    pub cells: Vec<Cell>,
    /// The control's response points with a cell per service each, in catalog order; empty when
    /// the control is answered as a whole. The control's cells roll these up.
    pub statements: Vec<StatementView>,
}

/// One response point of a control (`AC-2(a)`) with its own decision per service.
#[derive(Debug, Clone)]
pub struct StatementView {
    /// The catalog's part id (`ac-2_smt.a`).
    pub id: String,
    /// The FedRAMP row id (`AC-2(a)`).
    pub label: String,
    pub prose: String,
    pub layers: LayerSet,
    /// Why the statement touches layers of its own (the layer table's `statements:`); `None`
    /// when it takes the control's.
    pub why: Option<String>,
    pub status: Status,
    pub counts: Counts,
    /// Indexed like `Matrix::services`.
    pub cells: Vec<Cell>,
}

impl ControlView {
    /// The title, with what became of the control when it is withdrawn:
    /// `Shared and Group Account Credential Change (withdrawn: incorporated into AC-2k)`.
    pub fn display_title(&self) -> std::borrow::Cow<'_, str> {
        match &self.withdrawn {
            Some(note) => format!("{} ({note})", self.title).into(),
            None => self.title.as_str().into(),
        }
    }
}

/// The cells of one framework on the services of one model.
#[derive(Debug, Clone)]
pub struct ModelSplit {
    pub framework: usize,
    pub model: String,
    pub model_title: String,
    pub services: usize,
    pub counts: Counts,
}

/// An override that took part in the matrix.
#[derive(Debug, Clone)]
pub struct OverrideView {
    pub label: String,
    /// The framework it is limited to, as written.
    pub framework: Option<String>,
    /// The control id or pattern, as written.
    pub control: String,
    /// The statement it is limited to (`statement:`), as written.
    pub statement: Option<String>,
    /// The services it names, as written; empty means every service.
    pub services: Vec<String>,
    /// Where it stands on `Matrix::as_of`.
    pub state: crate::engine::overrides::OverrideState,
    pub status: Status,
    pub justification: String,
    pub expires: Option<String>,
    pub origin: String,
}

/// The whole responsibility matrix.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub generator: String,
    pub frameworks: Vec<FrameworkView>,
    /// In-scope services, in inventory order.
    pub services: Vec<ServiceView>,
    /// Services the inventory marks out of scope.
    pub excluded: Vec<ServiceView>,
    pub controls: Vec<ControlView>,
    pub overrides: Vec<OverrideView>,
    /// The day override expiry was checked against.
    pub as_of: Option<crate::model::Date>,
    /// Every distinct statement, with `NAME` where the service's name goes.
    pub prose: Vec<String>,
    /// How counterpart controls were read.
    pub counterpart: Counterpart,
    /// The layers of programs each party runs in its own context (workforce, governance).
    pub counterpart_layers: LayerSet,
    /// Per control (indexed like `controls`), the controls of other selected frameworks a
    /// crosswalk relates it to; empty when no crosswalk applies (`crosswalk::links`).
    pub also_serves: Vec<Vec<crate::crosswalk::AlsoServes>>,
    /// Provider data applied (`--provider-data`); empty without.
    pub provider: ProviderView,
}

impl Matrix {
    /// `decided_by` of the JSON contract: `model:paas`, `product:AWS Fargate`,
    /// `service-override:orders-db`, `override:3`.
    pub fn decided_by(&self, cell: &Cell, si: usize) -> String {
        self.decided_text(cell.decided, si)
    }

    /// `decided_by` for a way of deciding on service `si`.
    pub fn decided_text(&self, decided: Decided, si: usize) -> String {
        let mut out = String::new();
        self.push_decided(&mut out, decided, si);
        out
    }

    /// `decided_text` added to `out` (the Review Index writes one for each of its pairs).
    pub fn push_decided(&self, out: &mut String, decided: Decided, si: usize) {
        let s = &self.services[si];
        let (kind, what) = match decided {
            Decided::Model => ("model:", s.model.as_str()),
            Decided::Product => ("product:", s.product.as_deref().unwrap_or("")),
            Decided::Service => ("service-override:", s.id.as_str()),
            Decided::CloudOnly => ("rule:cloud-only", ""),
            Decided::Override(i) => ("override:", self.overrides[i as usize].label.as_str()),
            Decided::Statements => ("rule:statements", ""),
            Decided::Provider(i) => ("provider:", self.provider.answers[i as usize].file.as_str()),
        };
        out.push_str(kind);
        out.push_str(what);
    }

    /// A prose text with `NAME` replaced by `name`; "" for `NO_TEXT`.
    pub fn text(&self, id: u32, name: &str) -> String {
        match self.prose.get(id as usize) {
            Some(t) if t.contains(NAME) => t.replace(NAME, name),
            Some(t) => t.clone(),
            None => String::new(),
        }
    }

    /// What the provider does for this control on this service.
    pub fn provider_statement(&self, c: &ControlView, cell: &Cell, si: usize) -> String {
        if c.withdrawn.is_some() {
            return String::new();
        }
        self.text(cell.ptext, &self.services[si].name)
    }

    /// What the organization must do for this control on this service.
    pub fn customer_statement(&self, c: &ControlView, cell: &Cell, si: usize) -> String {
        self.customer_statement_named(c, cell, &self.services[si].name)
    }

    /// `customer_statement` naming [`LISTED`] instead of the service: for a line that stands
    /// for every service whose cell has the same customer text.
    pub fn customer_statement_generic(&self, c: &ControlView, cell: &Cell) -> String {
        self.customer_statement_named(c, cell, LISTED)
    }

    fn customer_statement_named(&self, c: &ControlView, cell: &Cell, name: &str) -> String {
        if let Some(note) = &c.withdrawn {
            return format!("Nothing to implement for {name}: {} is {note}.", c.id);
        }
        self.text(cell.ctext, name)
    }

    pub fn override_of(&self, cell: &Cell) -> Option<&OverrideView> {
        match cell.decided {
            Decided::Override(i) => self.overrides.get(i as usize),
            _ => None,
        }
    }

    /// Per framework and service model (in the order models first appear), the cell counts:
    /// what the cloud estate inherits and what the own datacentre carries.
    pub fn cells_by_model(&self) -> Vec<ModelSplit> {
        let mut models: Vec<&str> = Vec::new();
        for s in &self.services {
            if !models.contains(&s.model.as_str()) {
                models.push(&s.model);
            }
        }
        let mut out = Vec::new();
        for fi in 0..self.frameworks.len() {
            for model in &models {
                let members: Vec<usize> =
                    (0..self.services.len()).filter(|&si| self.services[si].model == *model).collect();
                let mut counts = Counts::default();
                for c in self.controls_of(fi) {
                    members.iter().for_each(|&si| counts.add(c.cells[si].status));
                }
                let title = self.services[members[0]].model_title.clone();
                out.push(ModelSplit {
                    framework: fi,
                    model: model.to_string(),
                    model_title: title,
                    services: members.len(),
                    counts,
                });
            }
        }
        out
    }

    /// Controls of one framework, in catalog order.
    pub fn controls_of(&self, framework: usize) -> impl Iterator<Item = &ControlView> {
        self.controls.iter().filter(move |c| c.framework == framework)
    }
}

#[cfg(test)]
mod tests {
    /// A matrix holds a cell per (control or statement, service): 3 million at 800-53 × 1,000
    /// services, so every byte of a cell is 3 MB.
    #[test]
    fn a_cell_takes_24_bytes() {
        assert_eq!(std::mem::size_of::<super::Cell>(), 24);
    }
}
