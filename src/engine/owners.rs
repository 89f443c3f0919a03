//! Who runs each layer for one service: the model's defaults, refined by the product catalog,
//! then by the inventory's per-service overrides, read under the interpretation setting.

use crate::model::{Counterpart, Layer, LayerSet, Owner, Registry, Service};
use crate::view::OwnerSource;

/// The resolved owner table of one service.
#[derive(Debug, Clone)]
pub struct ServiceOwners {
    pub owners: Vec<(Owner, OwnerSource)>,
    pub why: Vec<String>,
    pub provider: LayerSet,
    pub customer: LayerSet,
    pub shared: LayerSet,
    /// Layers whose owner came from the product catalog or the inventory.
    pub refined: LayerSet,
    pub by_service: LayerSet,
}

/// Resolves the owner of every layer. The model must exist (the importer checked it). Under
/// `counterpart: customer`, a counterpart layer the model shares is the organization's.
pub fn resolve(registry: &Registry, service: &Service, counterpart: Counterpart) -> ServiceOwners {
    let model = registry.model(&service.model).expect("importer validated the model");
    let mut owners: Vec<(Owner, OwnerSource)> = model.owners.iter().map(|r| (r.owner, OwnerSource::Model)).collect();
    let mut why: Vec<String> = model.owners.iter().map(|r| r.why.clone()).collect();

    let product = service
        .provider
        .as_deref()
        .and_then(|p| registry.provider(p))
        .and_then(|p| service.product.as_deref().and_then(|name| registry.product(p, name)));
    if let Some(product) = product.filter(|p| p.model == model.id) {
        for (layer, rule) in &product.layers {
            owners[layer.index()] = (rule.owner, OwnerSource::Product);
            why[layer.index()] = rule.why.clone();
        }
    }
    if counterpart == Counterpart::Customer {
        for info in registry.layers.iter().filter(|l| l.counterpart) {
            let i = info.layer.index();
            if owners[i] == (Owner::Shared, OwnerSource::Model) {
                owners[i].0 = Owner::Customer;
                why[i] = format!(
                    "{} (counterpart: customer: the provider's own program is covered by its attestation, so the \
                     organization's part is the whole control)",
                    why[i].trim_end_matches('.')
                );
            }
        }
    }
    for o in &service.layer_overrides {
        owners[o.layer.index()] = (o.owner, OwnerSource::Service);
        why[o.layer.index()] =
            o.why.clone().unwrap_or_else(|| format!("the inventory sets {} to {}", o.layer, o.owner.id()));
    }

    let mut out = ServiceOwners {
        owners,
        why,
        provider: LayerSet::EMPTY,
        customer: LayerSet::EMPTY,
        shared: LayerSet::EMPTY,
        refined: LayerSet::EMPTY,
        by_service: LayerSet::EMPTY,
    };
    for layer in Layer::ALL {
        let (owner, source) = out.owners[layer.index()];
        match owner {
            Owner::Provider => out.provider.insert(layer),
            Owner::Customer => out.customer.insert(layer),
            Owner::Shared => out.shared.insert(layer),
        }
        match source {
            OwnerSource::Model => {}
            OwnerSource::Product => out.refined.insert(layer),
            OwnerSource::Service => out.by_service.insert(layer),
        }
    }
    out
}
