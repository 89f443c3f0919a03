//! The engine: layers × service models × overrides → a status per (control, service) and per
//! control, each with what decided it (DESIGN.md §2).

mod chunks;
mod override_index;
pub mod overrides;
pub mod owners;
pub mod parts;
pub mod provider;
pub mod statements;
pub mod wording;
pub mod wording_data;

use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use crate::model::{
    Catalog, Control, ControlOverride, Counterpart, Date, Family, Inventory, LayerSet, ProviderData, Registry, Service,
    Status,
};
use crate::view::{Cell, ControlView, Counts, Decided, FrameworkView, Matrix, OverrideView, ServiceView, NO_TEXT};
use owners::ServiceOwners;
pub use statements::Statements;
use std::collections::HashMap;

/// Everything the engine needs; all of it already read and validated by the importers.
pub struct Inputs<'a> {
    pub registry: &'a Registry,
    pub statements: &'a Statements,
    pub catalogs: &'a [Catalog],
    pub inventory: &'a Inventory,
    pub overrides: &'a [ControlOverride],
    /// The day expiry dates are checked against.
    pub as_of: Date,
    /// Overrides expiring within this many days of `as_of` are warned about.
    pub expiring_within: i64,
    /// How counterpart controls are read.
    pub counterpart: Counterpart,
    /// Providers' own responsibility data (`--provider-data`), applied to their services.
    pub provider_data: &'a [ProviderData],
}

/// The status of one control's layers under one service's owners, before overrides.
pub fn decide(layers: LayerSet, owners: &ServiceOwners) -> Cell {
    let provider = layers.and(owners.provider);
    let customer = layers.and(owners.customer);
    let shared = layers.and(owners.shared);
    let status = if customer.is_empty() && shared.is_empty() {
        Status::Inherited
    } else if provider.is_empty() && shared.is_empty() {
        Status::Customer
    } else {
        Status::Shared
    };
    let decided = if !layers.and(owners.by_service).is_empty() {
        Decided::Service
    } else if !layers.and(owners.refined).is_empty() {
        Decided::Product
    } else {
        Decided::Model
    };
    Cell { status, provider, customer, shared, decided, ptext: NO_TEXT, ctext: NO_TEXT }
}

/// A withdrawn control listed for traceability (`--include-withdrawn`): nothing to implement, so
/// not applicable for every service; no override applies to it.
fn withdrawn_cell() -> Cell {
    let none = LayerSet::EMPTY;
    Cell {
        status: Status::NotApplicable,
        provider: none,
        customer: none,
        shared: none,
        decided: Decided::Model,
        ptext: NO_TEXT,
        ctext: NO_TEXT,
    }
}

/// A control's overall status over in-scope services: the status every applicable cell shares
/// (not-applicable cells are left out; all not-applicable → not-applicable), else `mixed`.
pub fn overall(counts: &Counts) -> Status {
    let applicable = counts.total() - counts.not_applicable;
    if applicable == 0 {
        return Status::NotApplicable;
    }
    [Status::Inherited, Status::Shared, Status::Customer]
        .into_iter()
        .find(|s| counts.get(*s) == applicable)
        .unwrap_or(Status::Mixed)
}

/// Builds the matrix. Override errors fail the run (exit 1); warnings come back with it.
pub fn build(inputs: &Inputs) -> Result<(Matrix, Diagnostics)> {
    let mut diags = Diagnostics::default();
    let in_scope: Vec<&Service> = inputs.inventory.in_scope().collect();
    let excluded: Vec<&Service> = inputs.inventory.services.iter().filter(|s| !s.in_scope).collect();
    let scope = overrides::Scope::new(&in_scope, &excluded);
    let (active, states) = overrides::activate(
        inputs.overrides,
        inputs.catalogs,
        &scope,
        inputs.as_of,
        inputs.expiring_within,
        &mut diags,
    );
    if diags.has_errors() {
        return Err(Error::Invalid(diags.items));
    }

    diags.extend(inputs.statements.check(inputs.registry));
    let owners: Vec<ServiceOwners> =
        in_scope.iter().map(|s| owners::resolve(inputs.registry, s, inputs.counterpart)).collect();
    let clouds: Vec<bool> = in_scope.iter().map(|s| inputs.registry.model(&s.model).is_none_or(|m| m.cloud)).collect();
    let services =
        in_scope.iter().zip(&owners).map(|(s, o)| service_view(inputs, s, Some(o))).collect::<Result<Vec<_>>>()?;
    let excluded = inputs
        .inventory
        .services
        .iter()
        .filter(|s| !s.in_scope)
        .map(|s| service_view(inputs, s, None))
        .collect::<Result<Vec<_>>>()?;

    let answers = provider::Answers::new(inputs.provider_data, &in_scope);
    answers.unplaced_warnings(inputs.catalogs, &mut diags);
    let all: Vec<(usize, &Control)> =
        inputs.catalogs.iter().enumerate().flat_map(|(fi, c)| c.controls.iter().map(move |k| (fi, k))).collect();
    let family_titles = family_titles(inputs.catalogs);
    let active = override_index::ByControl::new(&active);
    let cx = Shared { inputs, active: &active, owners: &owners, clouds: &clouds, answers: &answers, family_titles };
    let (controls, prose, disagreements) =
        chunks::decide(chunks::SPLIT_AT, &all, inputs.statements, inputs.registry, &in_scope, |at, w| {
            let mut found = Vec::new();
            let views: Result<Vec<ControlView>> =
                at.iter().map(|&(ci, fi, control)| cx.control(fi, control, ci, w, &mut found)).collect();
            views.map(|v| (v, found))
        })?;
    let mut frameworks = Vec::new();
    for (fi, catalog) in inputs.catalogs.iter().enumerate() {
        let mut fw_counts = Counts::default();
        controls.iter().filter(|c| c.framework == fi).for_each(|c| fw_counts.add(c.status));
        frameworks.push(FrameworkView {
            id: catalog.id.clone(),
            title: catalog.title.clone(),
            version: catalog.version.clone(),
            publisher: catalog.publisher.clone(),
            source: catalog.source.clone(),
            licence: catalog.licence.clone(),
            origin: catalog.origin.clone(),
            controls: catalog.controls.len(),
            counts: fw_counts,
        });
    }

    let overrides = inputs
        .overrides
        .iter()
        .zip(&states)
        .map(|(o, state)| OverrideView {
            label: o.label.clone(),
            framework: o.framework.clone(),
            control: o.control.clone(),
            statement: o.statement.clone(),
            services: o.services.clone(),
            state: *state,
            status: o.status,
            justification: o.justification.clone(),
            expires: o.expires.map(|d| d.to_string()),
            origin: o.origin.to_string(),
        })
        .collect();
    let matrix = Matrix {
        generator: crate::GENERATOR.to_string(),
        frameworks,
        services,
        excluded,
        controls,
        overrides,
        prose,
        counterpart: inputs.counterpart,
        as_of: Some(inputs.as_of),
        counterpart_layers: inputs.registry.layers.iter().filter(|l| l.counterpart).map(|l| l.layer).collect(),
        also_serves: Vec::new(),
        provider: crate::view::ProviderView { answers: answers.views(), disagreements },
    };
    Ok((matrix, diags))
}

/// What every control's decision reads: the inputs, the active overrides, and per in-scope
/// service its owners, whether it is a cloud service, and the providers' answers.
struct Shared<'s, 'a> {
    inputs: &'s Inputs<'a>,
    active: &'s override_index::ByControl<'s, 'a>,
    owners: &'s [ServiceOwners],
    clouds: &'s [bool],
    answers: &'s provider::Answers<'a>,
    /// Per framework, each family's title as a control shows it (see [`family_titles`]).
    family_titles: Vec<HashMap<&'a str, &'a str>>,
}

/// Per catalog, the title shown beside each family id: the first family of that id, and none
/// for a family named by its title alone (a custom catalog's "Physical Security" is shown once,
/// not as "Physical Security Physical Security"). Hashed, as a catalog may have a family per
/// control.
fn family_titles(catalogs: &[Catalog]) -> Vec<HashMap<&str, &str>> {
    catalogs.iter().map(|c| c.families.iter().rev().map(|f| (f.id.as_str(), shown_title(f))).collect()).collect()
}

fn shown_title(f: &Family) -> &str {
    if f.title == f.id {
        ""
    } else {
        f.title.as_str()
    }
}

impl Shared<'_, '_> {
    /// Decides control `control` of framework `fi`, the `ci`th of the matrix, for every
    /// in-scope service: its cells, worded, and its statements.
    fn control(
        &self,
        fi: usize,
        control: &Control,
        ci: usize,
        wording: &mut wording::Wording,
        disagreements: &mut Vec<crate::view::ProviderDisagreement>,
    ) -> Result<ControlView> {
        let (inputs, answers) = (self.inputs, self.answers);
        let catalog = &inputs.catalogs[fi];
        let matching = self.active.matching(&catalog.id, &control.id);
        let (on_statements, candidates): (Vec<_>, Vec<_>) = matching.into_iter().partition(|o| o.statement.is_some());
        let mut counts = Counts::default();
        let answered = answers.of_control(control);
        let at = provider::At { control: ci as u32, statement: None };
        wording.next_control(control, catalog.statements.as_deref());
        let mut cells = Vec::with_capacity(self.owners.len());
        for (si, o) in self.owners.iter().enumerate() {
            let mut cell = decide(control.layers, o);
            let mut why_na = None;
            if control.withdrawn.is_some() {
                cell = withdrawn_cell();
            } else {
                if control.cloud_only && !self.clouds[si] {
                    cell.status = Status::NotApplicable;
                    cell.decided = Decided::CloudOnly;
                    why_na = Some(format!(
                        "{} is a cloud-only control and {} runs in the organization's own datacentre.",
                        control.id,
                        crate::view::NAME
                    ));
                }
                if let Some(i) = answers.pick(answered.whole.iter().copied(), si) {
                    answers.apply(&mut cell, i, si, at, disagreements);
                }
                if let Some(ov) = overrides::pick(&candidates, si) {
                    cell.status = ov.entry.status;
                    cell.decided = Decided::Override(ov.index);
                    why_na = Some(ov.entry.justification.clone());
                }
                match cell.status {
                    Status::NotApplicable => wording.not_applicable(&mut cell, why_na.as_deref().unwrap_or("")),
                    _ => wording.word(&mut cell, control, si)?,
                }
            }
            cells.push(cell);
        }
        let cx = parts::Context {
            control,
            owners: self.owners,
            clouds: self.clouds,
            on_control: &candidates,
            on_statements: &on_statements,
            answers,
            answered: &answered.parts,
            at,
        };
        let statements = parts::decide_statements(&cx, &mut cells, wording, disagreements)?;
        cells.iter().for_each(|c| counts.add(c.status));
        Ok(ControlView {
            framework: fi,
            id: control.id.clone(),
            title: control.title.clone(),
            family: control.family.clone(),
            family_title: self.family_titles[fi].get(control.family.as_str()).copied().unwrap_or_default().to_string(),
            layers: control.layers,
            why: control.why.clone(),
            withdrawn: control.withdrawn.clone(),
            status: overall(&counts),
            counts,
            cells,
            statements,
        })
    }
}

fn service_view(inputs: &Inputs, s: &Service, owners: Option<&ServiceOwners>) -> Result<ServiceView> {
    let model = inputs.registry.model(&s.model).expect("importer validated the model");
    let computed;
    let owners = match owners {
        Some(o) => o,
        None => {
            computed = owners::resolve(inputs.registry, s, inputs.counterpart);
            &computed
        }
    };
    let (provider_sentences, customer_sentences) = inputs.statements.render(s, &model.title)?;
    Ok(ServiceView {
        id: s.id.clone(),
        name: s.name.clone(),
        provider: s.provider.clone(),
        provider_title: s.provider_title.clone(),
        product: s.product.clone(),
        model: model.id.clone(),
        model_title: model.title.clone(),
        model_source: s.model_source.describe(),
        model_given: s.model_source.is_given(),
        owner: s.owner.clone(),
        environment: s.environment.clone(),
        classification: s.classification.clone(),
        notes: s.notes.clone(),
        evidence: s.evidence.clone(),
        in_scope: s.in_scope,
        cloud: model.cloud,
        layer_overrides: s.layer_overrides.iter().map(|o| format!("{}={}", o.layer, o.owner.id())).collect(),
        layer_override_reasons: s.layer_overrides.iter().map(|o| o.why.clone()).collect(),
        product_as_given: s.product_as_given.clone(),
        owners: owners.owners.clone(),
        owner_why: owners.why.clone(),
        provider_sentences,
        customer_sentences,
        origin: s.origin.to_string(),
    })
}
