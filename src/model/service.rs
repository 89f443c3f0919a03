//! A service of the organization's inventory, normalized and resolved against the catalogs.

use super::layer::{Layer, Owner};
use crate::diag::Location;

/// Where a service's model came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelSource {
    /// The inventory named the model.
    Given,
    /// Inferred from the provider catalog entry named here.
    Inferred(String),
    /// Inferred from the provider's default model (own infrastructure → on-prem).
    ProviderDefault(String),
}

impl ModelSource {
    pub fn describe(&self) -> String {
        match self {
            ModelSource::Given => "given".to_string(),
            ModelSource::Inferred(p) => format!("inferred from the provider catalog entry {p}"),
            ModelSource::ProviderDefault(p) => format!("inferred: the default model of {p}"),
        }
    }
    pub fn is_given(&self) -> bool {
        matches!(self, ModelSource::Given)
    }
}

/// A per-service change of one layer's owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerOverride {
    pub layer: Layer,
    pub owner: Owner,
    pub why: Option<String>,
}

/// One inventory row after normalization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Service {
    pub id: String,
    pub name: String,
    /// Provider id from the catalog ("aws"), or the text as given when unknown.
    pub provider: Option<String>,
    /// The provider's display name ("Amazon Web Services") when known.
    pub provider_title: Option<String>,
    /// The provider product, by its catalog name when known ("Amazon RDS").
    pub product: Option<String>,
    /// Whether `product` was found in a provider catalog.
    pub product_known: bool,
    /// The inventory's own product text when the catalog knows it by another name
    /// (`AWS::RDS::DBInstance` for "Amazon RDS").
    pub product_as_given: Option<String>,
    /// Service model id (`iaas`, `paas`, …).
    pub model: String,
    pub model_source: ModelSource,
    pub owner: Option<String>,
    pub environment: Option<String>,
    pub classification: Option<String>,
    pub in_scope: bool,
    pub notes: Option<String>,
    pub evidence: Option<String>,
    pub layer_overrides: Vec<LayerOverride>,
    /// Columns the importer did not use, kept as (header, value).
    pub extra: Vec<(String, String)>,
    /// The row or entry the service came from.
    pub origin: Location,
}

/// A normalized inventory.
#[derive(Debug, Clone, Default)]
pub struct Inventory {
    /// The file the inventory came from.
    pub source: String,
    pub services: Vec<Service>,
}

impl Inventory {
    pub fn in_scope(&self) -> impl Iterator<Item = &Service> {
        self.services.iter().filter(|s| s.in_scope)
    }
}
