//! Reads `service-models.yaml` and the provider catalogs into a `Registry`.

use super::embedded::{DataSource, PROVIDERS};
use super::yaml;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::model::registry::LayerInfo;
use crate::model::{Layer, LayerRule, Owner, Product, Provider, Registry, ServiceModel};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct RawModels {
    layers: Vec<RawLayer>,
    models: Vec<RawModel>,
}

#[derive(Deserialize)]
struct RawLayer {
    id: String,
    title: String,
    #[serde(default)]
    covers: String,
    #[serde(default)]
    counterpart: bool,
}

#[derive(Deserialize)]
struct RawModel {
    id: String,
    title: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    description: String,
    #[serde(default = "yes")]
    cloud: bool,
    owners: BTreeMap<String, RawRule>,
}

#[derive(Deserialize)]
struct RawRule {
    owner: String,
    #[serde(default)]
    why: String,
}

#[derive(Deserialize)]
struct RawProvider {
    id: String,
    title: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    strip: Vec<String>,
    #[serde(default)]
    default_model: Option<String>,
    #[serde(default)]
    products: Vec<RawProduct>,
}

#[derive(Deserialize)]
struct RawProduct {
    name: String,
    model: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    layers: BTreeMap<String, RawRule>,
}

fn yes() -> bool {
    true
}

/// Loads the service models and every provider catalog.
pub fn load_registry(source: &DataSource) -> Result<Registry> {
    let file = source.read("frameworks/service-models.yaml")?;
    let raw: RawModels = yaml::parse(&file.name, &file.text)?;
    let mut diags = Diagnostics::default();
    let at = |needle: &str, path: String| match yaml::line_of(&file.text, needle) {
        Some(line) => Location::line(&file.name, line, 1).with_field(&path),
        None => Location::at_path(&file.name, path),
    };

    let mut layers = Vec::new();
    for (i, l) in raw.layers.into_iter().enumerate() {
        match Layer::parse(&l.id) {
            Some(layer) => {
                layers.push(LayerInfo { layer, title: l.title, covers: l.covers, counterpart: l.counterpart })
            }
            None => diags
                .error(at(&format!("id: {}", l.id), format!("layers[{i}].id")), format!("unknown layer \"{}\"", l.id)),
        }
    }
    let mut models = Vec::new();
    for (i, m) in raw.models.into_iter().enumerate() {
        let place = at(&format!("id: {}", m.id), format!("models[{i}].owners"));
        let owners = rules_for_all_layers(&m.owners, &place, &mut diags);
        models.push(ServiceModel {
            id: m.id,
            title: m.title,
            aliases: m.aliases,
            description: m.description,
            cloud: m.cloud,
            owners,
        });
    }

    let mut providers = Vec::new();
    for rel in PROVIDERS {
        let file = source.read(rel)?;
        let raw: RawProvider = yaml::parse(&file.name, &file.text)?;
        providers.push(provider(raw, &file.name, &file.text, &models, &mut diags));
    }
    let registry = Registry::new(layers, models, providers);
    for c in registry.collisions() {
        diags.error(Location::file("frameworks/"), c);
    }
    if diags.has_errors() {
        return Err(Error::Unreadable(diags.items));
    }
    Ok(registry)
}

fn provider(raw: RawProvider, name: &str, text: &str, models: &[ServiceModel], diags: &mut Diagnostics) -> Provider {
    let known = |m: &str| models.iter().any(|x| x.id == m);
    let place = |needle: &str| match yaml::line_of(text, needle) {
        Some(line) => Location::line(name, line, 1),
        None => Location::file(name),
    };
    if let Some(m) = &raw.default_model {
        if !known(m) {
            diags.error(place("default_model"), format!("unknown model \"{m}\""));
        }
    }
    let products = raw
        .products
        .into_iter()
        .map(|p| {
            if !known(&p.model) {
                diags.error(place(&p.name), format!("product {}: unknown model \"{}\"", p.name, p.model));
            }
            let mut layers = Vec::new();
            for (l, rule) in p.layers {
                match (Layer::parse(&l), Owner::parse(&rule.owner)) {
                    (Some(layer), Some(owner)) => layers.push((layer, LayerRule { owner, why: rule.why })),
                    _ => diags.error(place(&p.name), format!("product {}: bad layer rule {l}: {}", p.name, rule.owner)),
                }
            }
            Product { name: p.name, model: p.model, aliases: p.aliases, layers }
        })
        .collect();
    Provider {
        id: raw.id,
        title: raw.title,
        aliases: raw.aliases,
        strip: raw.strip.iter().map(|s| s.to_lowercase()).collect(),
        default_model: raw.default_model,
        products,
    }
}

/// One rule per layer, all present, owners spelled right.
fn rules_for_all_layers(raw: &BTreeMap<String, RawRule>, place: &Location, diags: &mut Diagnostics) -> Vec<LayerRule> {
    let mut out = Vec::with_capacity(Layer::COUNT);
    for layer in Layer::ALL {
        let rule = raw.iter().find(|(k, _)| Layer::parse(k) == Some(layer)).map(|(_, r)| r);
        match rule.map(|r| (Owner::parse(&r.owner), r)) {
            Some((Some(owner), r)) => out.push(LayerRule { owner, why: r.why.clone() }),
            Some((None, r)) => {
                diags.push(Diagnostic::error(place.clone(), format!("layer {layer}: unknown owner \"{}\"", r.owner)));
                out.push(LayerRule { owner: Owner::Customer, why: String::new() });
            }
            None => {
                diags.push(Diagnostic::error(place.clone(), format!("no owner for layer {layer}")));
                out.push(LayerRule { owner: Owner::Customer, why: String::new() });
            }
        }
    }
    for k in raw.keys() {
        if Layer::parse(k).is_none() {
            diags.error(place.clone(), format!("unknown layer \"{k}\""));
        }
    }
    out
}
