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
    /// The control's response set (DESIGN §2, statement level): the parts a provider or an
    /// assessor answers separately, in catalog order. Empty when the control is answered as a
    /// whole (catalogs without normative parts, single-part controls).
    pub parts: Vec<Part>,
}

/// One response point of a control: a statement part (`ac-2_smt.a`) answered on its own.
#[derive(Debug, Clone, Default)]
pub struct Part {
    /// The catalog's part id (`ac-2_smt.a`; `ac-2_smt` for a control answered as one statement).
    pub id: String,
    /// The id a FedRAMP CIS/CRM row uses (`AC-2(a)`, `AC-2(3)(a)`, `AC-12`).
    pub label: String,
    /// The part's prose, parameters inserted, one line.
    pub prose: String,
    /// Layers of its own (the layer table's `statements:`); `None` = the control's layers.
    pub layers: Option<LayerSet>,
    /// Why the part touches its own layers (with `layers`).
    pub why: Option<String>,
}

impl Catalog {
    pub fn family(&self, id: &str) -> Option<&Family> {
        self.families.iter().find(|f| f.id == id)
    }
}
