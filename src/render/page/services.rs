//! Services, the service models in use and the overrides, as the templates see them. Each
//! service's layer sentences appear once here instead of in every control.

use super::slug;
use crate::model::{Layer, Owner};
use crate::view::{Matrix, OverrideView, OwnerSource, ServiceView};
use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct ServicePage {
    /// Position among the in-scope (or excluded) services.
    pub index: usize,
    /// `index + 1`, the service's column number in the Markdown tables.
    pub number: usize,
    pub id: String,
    pub anchor: String,
    pub name: String,
    pub provider: Option<String>,
    pub product: Option<String>,
    pub model: String,
    pub model_title: String,
    /// "given" or how the model was inferred.
    pub model_source: String,
    pub owner: Option<String>,
    pub environment: Option<String>,
    pub classification: Option<String>,
    pub notes: Option<String>,
    pub evidence: Option<String>,
    pub layer_overrides: Vec<String>,
    /// Where the inventory row is, e.g. `inventory.xlsx[Services]!A7`.
    pub origin: String,
    /// Who holds each layer for this service and what each party does there.
    pub layers: Vec<LayerRow>,
}

/// One layer of one service.
#[derive(Debug, Serialize)]
pub struct LayerRow {
    pub layer: &'static str,
    /// `provider`, `customer` or `shared`.
    pub owner: &'static str,
    /// `model`, `product` or `inventory`: what set the owner.
    pub source: &'static str,
    /// Why the product or inventory set the owner; empty when the model did (see `models`).
    pub why: String,
    /// The provider's sentence (empty when the customer holds the layer).
    pub provider: String,
    /// The organization's sentence (empty when the provider holds the layer).
    pub customer: String,
}

/// A service model in use: who holds each layer by default, and why.
#[derive(Debug, Serialize)]
pub struct ModelPage {
    pub id: String,
    pub title: String,
    pub services: usize,
    pub layers: Vec<ModelLayer>,
}

#[derive(Debug, Serialize)]
pub struct ModelLayer {
    pub layer: &'static str,
    pub owner: &'static str,
    pub why: String,
}

#[derive(Debug, Serialize)]
pub struct OverridePage {
    pub label: String,
    pub status: &'static str,
    pub justification: String,
    pub expires: Option<String>,
    /// True when it expired before the report date: the matrix ignored it.
    pub expired: bool,
    pub origin: String,
}

/// An in-scope service.
pub fn service(_m: &Matrix, index: usize, s: &ServiceView) -> ServicePage {
    ServicePage {
        index,
        number: index + 1,
        id: s.id.clone(),
        anchor: format!("svc-{}", slug(&s.id)),
        name: s.name.clone(),
        provider: s.provider_title.clone().or_else(|| s.provider.clone()),
        product: s.product.as_ref().map(|_| s.product_shown()),
        model: s.model.clone(),
        model_title: s.model_title.clone(),
        model_source: s.model_source.clone(),
        owner: s.owner.clone(),
        environment: s.environment.clone(),
        classification: s.classification.clone(),
        notes: s.notes.clone(),
        evidence: s.evidence.clone(),
        layer_overrides: s.layer_overrides_explained(),
        origin: s.origin.clone(),
        layers: Layer::ALL.iter().filter_map(|&l| layer_row(s, l)).collect(),
    }
}

/// A service the inventory marks out of scope (listed, without layers).
pub fn excluded(m: &Matrix, index: usize, s: &ServiceView) -> ServicePage {
    let mut page = service(m, index, s);
    page.anchor = format!("out-{}", slug(&s.id));
    page.layers.clear();
    page
}

fn layer_row(s: &ServiceView, l: Layer) -> Option<LayerRow> {
    let &(owner, source) = s.owners.get(l.index())?;
    let sentence = |v: &Vec<String>| v.get(l.index()).cloned().unwrap_or_default();
    Some(LayerRow {
        layer: l.id(),
        owner: owner.id(),
        source: source_id(source),
        why: if source == OwnerSource::Model { String::new() } else { sentence(&s.owner_why) },
        provider: if owner == Owner::Customer { String::new() } else { sentence(&s.provider_sentences) },
        customer: if owner == Owner::Provider { String::new() } else { sentence(&s.customer_sentences) },
    })
}

fn source_id(s: OwnerSource) -> &'static str {
    match s {
        OwnerSource::Model => "model",
        OwnerSource::Product => "product",
        OwnerSource::Service => "inventory",
    }
}

/// The models in use, in the order their first service appears; each layer's default owner and
/// why as the first service that kept the model's default shows it.
pub fn models(m: &Matrix) -> Vec<ModelPage> {
    let mut out: Vec<ModelPage> = Vec::new();
    for s in &m.services {
        if let Some(p) = out.iter_mut().find(|p| p.id == s.model) {
            p.services += 1;
            continue;
        }
        out.push(ModelPage { id: s.model.clone(), title: s.model_title.clone(), services: 1, layers: Vec::new() });
    }
    for p in &mut out {
        for l in Layer::ALL {
            let first = m.services.iter().filter(|s| s.model == p.id).find_map(|s| match s.owners.get(l.index()) {
                Some(&(owner, OwnerSource::Model)) => Some((owner, s.owner_why.get(l.index()).cloned())),
                _ => None,
            });
            if let Some((owner, why)) = first {
                p.layers.push(ModelLayer { layer: l.id(), owner: owner.id(), why: why.unwrap_or_default() });
            }
        }
    }
    out
}

/// An override; `today` is the report date (`YYYY-MM-DD`), if set.
pub fn override_page(o: &OverrideView, today: Option<&str>) -> OverridePage {
    OverridePage {
        label: o.label.clone(),
        status: o.status.id(),
        justification: o.justification.clone(),
        expires: o.expires.clone(),
        expired: matches!((&o.expires, today), (Some(e), Some(t)) if e.as_str() < t),
        origin: o.origin.clone(),
    }
}
