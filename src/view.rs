//! The report view: what every renderer sees. Compact cells; prose is built on demand.

use crate::model::{Layer, LayerSet, Owner, Status};

/// How a statement that stands for several services names them.
pub const LISTED: &str = "each listed service";

/// Per-status counts of a control or framework.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub inherited: usize,
    pub shared: usize,
    pub customer: usize,
    pub not_applicable: usize,
}

impl Counts {
    pub fn add(&mut self, s: Status) {
        match s {
            Status::Inherited => self.inherited += 1,
            Status::Shared => self.shared += 1,
            Status::Customer => self.customer += 1,
            Status::NotApplicable => self.not_applicable += 1,
        }
    }
    pub fn get(&self, s: Status) -> usize {
        match s {
            Status::Inherited => self.inherited,
            Status::Shared => self.shared,
            Status::Customer => self.customer,
            Status::NotApplicable => self.not_applicable,
        }
    }
    pub fn total(&self) -> usize {
        self.inherited + self.shared + self.customer + self.not_applicable
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
    /// Per-service layer overrides as written: `guest-os=provider`.
    pub layer_overrides: Vec<String>,
    /// Owner of each layer (indexed by `Layer::index`) and where it came from.
    pub owners: Vec<(Owner, OwnerSource)>,
    /// Why each layer has its owner (model, product or inventory rationale).
    pub owner_why: Vec<String>,
    /// Rendered sentences per layer.
    pub provider_sentences: Vec<String>,
    pub customer_sentences: Vec<String>,
    /// The customer sentences with the service called [`LISTED`], for a line that stands for
    /// several services.
    pub customer_generic: Vec<String>,
    /// Where the row came from, e.g. `inventory.xlsx[Services]!A7`.
    pub origin: String,
}

/// What decided a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decided {
    Model,
    Product,
    Service,
    /// Index into `Matrix::overrides`.
    Override(u32),
}

/// One (control, service) decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cell {
    pub status: Status,
    pub provider: LayerSet,
    pub customer: LayerSet,
    pub shared: LayerSet,
    pub decided: Decided,
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

/// An override that took part in the matrix.
#[derive(Debug, Clone)]
pub struct OverrideView {
    pub label: String,
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
}

impl Matrix {
    /// `decided_by` of the JSON contract: `model:paas`, `product:AWS Fargate`,
    /// `service-override:orders-db`, `override:3`.
    pub fn decided_by(&self, cell: &Cell, si: usize) -> String {
        self.decided_text(cell.decided, si)
    }

    /// `decided_by` for a way of deciding on service `si`.
    pub fn decided_text(&self, decided: Decided, si: usize) -> String {
        let s = &self.services[si];
        match decided {
            Decided::Model => format!("model:{}", s.model),
            Decided::Product => format!("product:{}", s.product.as_deref().unwrap_or("")),
            Decided::Service => format!("service-override:{}", s.id),
            Decided::Override(i) => format!("override:{}", self.overrides[i as usize].label),
        }
    }

    /// One id per service such that two services share an id exactly when their per-layer
    /// sentences are the same apart from the service's own name. With `statement_source`, it
    /// keys statements that read alike, so renderers can group services without building every
    /// cell's prose.
    pub fn wording_ids(&self) -> Vec<usize> {
        let mut seen: std::collections::HashMap<Vec<String>, usize> = std::collections::HashMap::new();
        self.services
            .iter()
            .map(|s| {
                let key: Vec<String> = s
                    .provider_sentences
                    .iter()
                    .chain(&s.customer_sentences)
                    .map(|t| if s.name.is_empty() { t.clone() } else { t.replace(&s.name, "\u{0}") })
                    .collect();
                let next = seen.len();
                *seen.entry(key).or_insert(next)
            })
            .collect()
    }

    /// Which sentences make up a cell's statements: the layers whose per-service sentences the
    /// provider and customer statements join, or a not-applicable override replacing both.
    pub fn statement_source(&self, c: &ControlView, cell: &Cell) -> StatementSource<'_> {
        match self.override_of(cell) {
            Some(o) if o.status == Status::NotApplicable => StatementSource::NotApplicable(&o.justification),
            Some(o) if o.status == Status::Customer => {
                StatementSource::Layers { provider: LayerSet::EMPTY, customer: c.layers }
            }
            Some(o) if o.status == Status::Inherited => {
                StatementSource::Layers { provider: c.layers, customer: LayerSet::EMPTY }
            }
            _ => StatementSource::Layers {
                provider: cell.provider.or(cell.shared),
                customer: cell.customer.or(cell.shared),
            },
        }
    }

    /// What the provider does for this control on this service.
    pub fn provider_statement(&self, c: &ControlView, cell: &Cell, si: usize) -> String {
        let s = &self.services[si];
        if c.withdrawn.is_some() {
            return String::new();
        }
        match self.statement_source(c, cell) {
            StatementSource::NotApplicable(why) => not_applicable_statement(&s.name, why),
            StatementSource::Layers { provider, .. } => join(&s.provider_sentences, provider),
        }
    }

    /// What the organization must do for this control on this service.
    pub fn customer_statement(&self, c: &ControlView, cell: &Cell, si: usize) -> String {
        let s = &self.services[si];
        self.customer_statement_of(c, cell, &s.name, &s.customer_sentences)
    }

    /// `customer_statement` naming [`LISTED`] instead of the service: for a line that stands
    /// for every service whose generic sentences are those of service `si`.
    pub fn customer_statement_generic(&self, c: &ControlView, cell: &Cell, si: usize) -> String {
        self.customer_statement_of(c, cell, LISTED, &self.services[si].customer_generic)
    }

    fn customer_statement_of(&self, c: &ControlView, cell: &Cell, name: &str, sentences: &[String]) -> String {
        if let Some(note) = &c.withdrawn {
            return format!("Nothing to implement for {name}: {} is {note}.", c.id);
        }
        match self.statement_source(c, cell) {
            StatementSource::NotApplicable(why) => not_applicable_statement(name, why),
            StatementSource::Layers { customer, .. } => join(sentences, customer),
        }
    }

    /// Why the cell has its status, in words an auditor can check. Built from four pieces
    /// (intro, held, one note per control layer, tail) that reports may also show apart.
    pub fn rationale(&self, c: &ControlView, cell: &Cell, si: usize) -> String {
        if let Some(why) = withdrawn_rationale(c) {
            return why;
        }
        let mut out = self.rationale_intro(si);
        out.push_str(&rationale_held(c, cell));
        for layer in c.layers.iter() {
            out.push_str(&self.rationale_note(si, layer));
        }
        out.push_str(&self.rationale_tail(cell));
        out
    }

    /// The rationale's first sentence: `Orders DB runs as paas (given).`
    pub fn rationale_intro(&self, si: usize) -> String {
        let s = &self.services[si];
        format!("{} runs as {} ({}).", s.name, s.model, s.model_source)
    }

    /// Why a layer of a service has its owner when the product or the inventory set it (with a
    /// leading space), or "" when the service model did.
    pub fn rationale_note(&self, si: usize, layer: Layer) -> String {
        let s = &self.services[si];
        let (_, source) = s.owners[layer.index()];
        let who = match source {
            OwnerSource::Model => return String::new(),
            OwnerSource::Product => s.product.clone().unwrap_or_default(),
            OwnerSource::Service => "the inventory".to_string(),
        };
        format!(" {layer}: set by {who}: {}.", s.owner_why[layer.index()].trim_end_matches('.'))
    }

    /// The rationale's last sentence: the override that set the status, or the rule that decided.
    pub fn rationale_tail(&self, cell: &Cell) -> String {
        match self.override_of(cell) {
            Some(o) => override_tail(o),
            None => format!(" Rule: {}.", rule_text(cell.status)),
        }
    }

    pub fn override_of(&self, cell: &Cell) -> Option<&OverrideView> {
        match cell.decided {
            Decided::Override(i) => self.overrides.get(i as usize),
            _ => None,
        }
    }

    /// Controls of one framework, in catalog order.
    pub fn controls_of(&self, framework: usize) -> impl Iterator<Item = &ControlView> {
        self.controls.iter().filter(move |c| c.framework == framework)
    }
}

/// Which layers a cell's statements are built from (see [`Matrix::statement_source`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatementSource<'a> {
    /// A not-applicable override: both statements say so, with its justification.
    NotApplicable(&'a str),
    /// The statements join the service's sentences of these layers.
    Layers { provider: LayerSet, customer: LayerSet },
}

/// Why a withdrawn control listed with `--include-withdrawn` is not applicable; `None` for a
/// control in force.
pub fn withdrawn_rationale(c: &ControlView) -> Option<String> {
    let note = c.withdrawn.as_ref()?;
    Some(format!("{} is {note} in its catalog; listed for traceability (--include-withdrawn), not applicable.", c.id))
}

/// The rationale's last sentence when override `o` decided: ` Override … sets …: why`.
pub fn override_tail(o: &OverrideView) -> String {
    let mut out = format!(" Override {} ({}) sets {}: {}", o.label, o.origin, o.status, o.justification);
    if let Some(e) = &o.expires {
        out.push_str(&format!(" (expires {e})"));
    }
    out
}

/// Both statements of a cell a not-applicable override decided.
pub fn not_applicable_statement(service: &str, justification: &str) -> String {
    format!("Not applicable to {service}: {justification}")
}

/// The rationale's middle: ` For PR.PS-02 (host-os, guest-os): the provider holds host-os; …`.
pub fn rationale_held(c: &ControlView, cell: &Cell) -> String {
    let mut held = Vec::new();
    for (party, set) in
        [("the provider holds", cell.provider), ("the organization holds", cell.customer), ("both hold", cell.shared)]
    {
        if !set.is_empty() {
            held.push(format!("{party} {}", set.ids().join(", ")));
        }
    }
    format!(" For {} ({}): {}.", c.id, c.layers.ids().join(", "), held.join("; "))
}

/// The rule that decided a cell's status when no override did.
pub fn rule_text(status: Status) -> &'static str {
    match status {
        Status::Inherited => "every layer is the provider's, so the control is inherited",
        Status::Customer => "every layer is the organization's, so the control is the customer's",
        Status::Shared => "layers on both sides, so the control is shared",
        Status::NotApplicable => "not applicable",
    }
}

fn join(sentences: &[String], set: LayerSet) -> String {
    set.iter().map(|l: Layer| sentences[l.index()].as_str()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
}
