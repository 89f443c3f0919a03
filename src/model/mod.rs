//! The domain model: catalogs, services, service models, overrides. No I/O here.

pub mod catalog;
pub mod control_id;
pub mod date;
pub mod interpretation;
pub mod layer;
pub mod overrides;
pub mod provider_data;
pub mod registry;
pub mod service;

pub use catalog::{Catalog, Control, Family, Part};
pub use date::Date;
pub use interpretation::Counterpart;
pub use layer::{Layer, LayerSet, Owner, Status};
pub use overrides::ControlOverride;
pub use provider_data::{ProviderAnswer, ProviderData};
pub use registry::{LayerRule, Product, Provider, Registry, ServiceModel};
pub use service::{Inventory, LayerOverride, ModelSource, Service};
