//! Service models and provider catalogs, with the tolerant look-ups the importer needs.

use super::layer::{Layer, Owner};
use crate::names;
use std::collections::HashMap;

/// Who runs one layer under a model or product, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerRule {
    pub owner: Owner,
    pub why: String,
}

/// A service model (on-prem, iaas, …) with one owner rule per layer.
#[derive(Debug, Clone)]
pub struct ServiceModel {
    pub id: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub description: String,
    /// False for the organization's own datacentre: cloud-only controls do not apply.
    pub cloud: bool,
    /// Indexed by `Layer::index()`.
    pub owners: Vec<LayerRule>,
}

/// A provider product and where it departs from its model's defaults.
#[derive(Debug, Clone)]
pub struct Product {
    pub name: String,
    pub model: String,
    pub aliases: Vec<String>,
    pub layers: Vec<(Layer, LayerRule)>,
}

/// A provider catalog.
#[derive(Debug, Clone)]
pub struct Provider {
    pub id: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub strip: Vec<String>,
    pub default_model: Option<String>,
    pub products: Vec<Product>,
}

/// What one layer means, for legends and templates.
#[derive(Debug, Clone)]
pub struct LayerInfo {
    pub layer: Layer,
    pub title: String,
    pub covers: String,
    /// A layer of programs each party runs in its own context (workforce, governance).
    pub counterpart: bool,
}

/// Service models and provider catalogs with their look-up indexes.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    pub layers: Vec<LayerInfo>,
    pub models: Vec<ServiceModel>,
    pub providers: Vec<Provider>,
    model_keys: HashMap<String, usize>,
    provider_keys: HashMap<String, usize>,
    /// Per provider: product key → product index.
    product_keys: Vec<HashMap<String, usize>>,
}

impl Registry {
    /// Builds the indexes. Alias collisions are the data files' problem and are reported by
    /// `collisions`.
    pub fn new(layers: Vec<LayerInfo>, models: Vec<ServiceModel>, providers: Vec<Provider>) -> Self {
        let mut model_keys = HashMap::new();
        for (i, m) in models.iter().enumerate() {
            for a in std::iter::once(&m.id).chain(&m.aliases).chain(std::iter::once(&m.title)) {
                model_keys.entry(names::key(a)).or_insert(i);
            }
        }
        let mut provider_keys = HashMap::new();
        let mut product_keys = Vec::new();
        for (i, p) in providers.iter().enumerate() {
            for a in std::iter::once(&p.id).chain(&p.aliases).chain(std::iter::once(&p.title)) {
                provider_keys.entry(names::key(a)).or_insert(i);
            }
            let mut keys = HashMap::new();
            for (j, prod) in p.products.iter().enumerate() {
                for a in std::iter::once(&prod.name).chain(&prod.aliases) {
                    keys.entry(names::key(a)).or_insert(j);
                    keys.entry(names::product_key(a, &p.strip)).or_insert(j);
                }
            }
            product_keys.push(keys);
        }
        Registry { layers, models, providers, model_keys, provider_keys, product_keys }
    }

    /// A model by id or any accepted spelling ("IaaS", "Function as a Service", "On-Prem").
    pub fn model(&self, text: &str) -> Option<&ServiceModel> {
        self.model_keys.get(&names::key(text)).map(|&i| &self.models[i])
    }

    pub fn model_ids(&self) -> Vec<&str> {
        self.models.iter().map(|m| m.id.as_str()).collect()
    }

    /// A provider by id or spelling ("AWS", "Amazon Web Services", "GCP"), also as CMDBs write
    /// vendors: "Amazon Web Services (AWS)", "Microsoft Corporation", "Google LLC".
    pub fn provider(&self, text: &str) -> Option<&Provider> {
        std::iter::once(text.to_string())
            .chain(names::vendor_variants(text))
            .find_map(|t| self.provider_keys.get(&names::key(&t)))
            .map(|&i| &self.providers[i])
    }

    /// Provider ids and titles, for messages.
    pub fn provider_names(&self) -> Vec<String> {
        self.providers.iter().map(|p| format!("{} ({})", p.id, p.title)).collect()
    }

    /// A product of one provider ("Amazon RDS", "AWS RDS", "RDS"; an ARN or Azure resource ID by the resource type it
    /// names, `resource_id`).
    pub fn product(&self, provider: &Provider, text: &str) -> Option<&Product> {
        let i = self.providers.iter().position(|p| p.id == provider.id)?;
        let keys = &self.product_keys[i];
        let find = |t: &str| keys.get(&names::key(t)).or_else(|| keys.get(&names::product_key(t, &provider.strip)));
        find(text)
            .or_else(|| crate::resource_id::resource_type(text).and_then(|r| find(&r.ty)))
            .map(|&j| &self.providers[i].products[j])
    }

    /// A product of any provider, when exactly one provider knows it.
    pub fn product_anywhere(&self, text: &str) -> Option<(&Provider, &Product)> {
        let mut found = self.providers.iter().filter_map(|p| self.product(p, text).map(|prod| (p, prod)));
        let first = found.next()?;
        match found.next() {
            Some(_) => None,
            None => Some(first),
        }
    }

    /// Pairs of aliases that normalize to the same key within a provider or across models.
    pub fn collisions(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen: HashMap<String, &str> = HashMap::new();
        for m in &self.models {
            for a in std::iter::once(&m.id).chain(&m.aliases) {
                if let Some(other) = seen.insert(names::key(a), &m.id) {
                    if other != m.id {
                        out.push(format!("model alias \"{a}\" belongs to {other} and {}", m.id));
                    }
                }
            }
        }
        for p in &self.providers {
            let mut seen: HashMap<String, &str> = HashMap::new();
            for prod in &p.products {
                for a in std::iter::once(&prod.name).chain(&prod.aliases) {
                    for k in [names::key(a), names::product_key(a, &p.strip)] {
                        if let Some(other) = seen.insert(k, &prod.name) {
                            if other != prod.name {
                                out.push(format!("{}: \"{a}\" matches both {other} and {}", p.id, prod.name));
                            }
                        }
                    }
                }
            }
        }
        out
    }
}
