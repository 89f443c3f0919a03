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

impl Part {
    /// Whether `spelling` names this part of control `control` (its label, e.g. `AC-2`):
    /// the part id (`ac-2_smt.a`), the row id in any control-id spelling (`AC-2(a)`,
    /// `AC-02 (a)`), or the item path alone (`a`, `(a)`, `a.`, `d.1`, `(d)(1)`).
    pub fn named_by(&self, spelling: &str, control: &str) -> bool {
        let s = spelling.trim();
        if s.is_empty() {
            return false;
        }
        if s.eq_ignore_ascii_case(&self.id) {
            return true;
        }
        let label = super::control_id::key(&self.label);
        if super::control_id::key(s) == label {
            return true;
        }
        let path = s.trim_end_matches('.');
        let joined = match path.starts_with('(') {
            true => format!("{control}{path}"),
            false => format!("{control}({path})"),
        };
        super::control_id::key(&joined) == label
    }
}

impl Catalog {
    pub fn family(&self, id: &str) -> Option<&Family> {
        self.families.iter().find(|f| f.id == id)
    }
}
