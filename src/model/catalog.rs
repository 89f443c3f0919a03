//! A framework catalog: families and controls, each control tagged with the layers it touches.

use super::layer::LayerSet;

/// A control catalog (built-in or imported), controls in catalog order.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub id: String,
    pub title: String,
    pub version: String,
    pub publisher: String,
    pub source: String,
    pub licence: String,
    /// "built-in" or the path the catalog was read from.
    pub origin: String,
    pub families: Vec<Family>,
    pub controls: Vec<Control>,
    /// Files read to build it (a profile and the catalog it resolved to); empty for built-ins.
    pub inputs: Vec<String>,
    /// Which statement set (`templates/statements/*.yaml`, by its `catalog:`) words its controls:
    /// its own id for a built-in, the layer table or built-in that tagged an imported catalog.
    pub statements: Option<String>,
}

/// A group of controls (CSF function or category, ISO clause or objective, TSC series).
#[derive(Debug, Clone, Default)]
pub struct Family {
    pub id: String,
    pub title: String,
    pub parent: Option<String>,
    pub description: Option<String>,
}

/// One control with its layer tags and the reason for them.
#[derive(Debug, Clone, Default)]
pub struct Control {
    pub id: String,
    pub family: String,
    pub title: String,
    pub description: Option<String>,
    pub layers: LayerSet,
    /// Why the control touches these layers.
    pub why: String,
    /// Set for a withdrawn control listed with `--include-withdrawn`: what became of it
    /// ("incorporated into AC-6(9)").
    pub withdrawn: Option<String>,
    /// A control that exists only for cloud services (ISO/IEC 27017 CLD.*): not applicable to a
    /// service in the organization's own datacentre.
    pub cloud_only: bool,
}

impl Catalog {
    pub fn family(&self, id: &str) -> Option<&Family> {
        self.families.iter().find(|f| f.id == id)
    }
}
