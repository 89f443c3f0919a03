//! Layer tags for imported catalogs: from a layer table whose families the catalog uses
//! (800-53, 800-171), else from a built-in catalog with the same control ids (an imported CSF
//! 2.0), else a conservative default announced in one warning. Also resolves a custom catalog's
//! `maps_to` to the control whose layers it borrows.

use super::embedded::{DataSource, LAYER_TABLES};
use super::layer_table::{self, LayerTable, Tags};
use crate::diag::{Diagnostics, Location};
use crate::error::Result;
use crate::model::{control_id, Catalog, Control, Layer, LayerSet};
use std::collections::HashMap;

/// The layers an untagged control of an unknown catalog gets: the organization's own settings of
/// the service (service-config: customer under every model) and the application (the
/// organization's own code, or the provider's software in SaaS and abstracted services, which
/// makes those shared). Nothing is ever claimed as inherited without evidence.
pub const DEFAULT_LAYERS: [Layer; 2] = [Layer::Application, Layer::ServiceConfig];

pub fn default_tags() -> Tags {
    Tags {
        layers: DEFAULT_LAYERS.into_iter().collect(),
        why: "No layer tags known for this control: conservative default [application, service-config], \
              the application and the organization's own settings of the service, so nothing is claimed as inherited without evidence."
            .to_string(),
    }
}

/// What tags can come from: the layer tables and the built-in catalogs.
pub struct LayerSources {
    pub tables: Vec<LayerTable>,
    pub builtins: Vec<Catalog>,
    /// The built-in controls by id key: (catalog, control) positions in `builtins`, so that a
    /// catalog of many `maps_to` cells is not a scan of every built-in control per id.
    by_key: HashMap<String, Vec<(usize, usize)>>,
}

impl LayerSources {
    /// The built-in layer tables (each replaceable with `--data DIR`), any extra
    /// `DIR/frameworks/layers/*.yaml`, and the built-in catalogs.
    pub fn load(source: &DataSource, builtins: Vec<Catalog>) -> Result<Self> {
        let mut tables = Vec::new();
        for rel in LAYER_TABLES {
            let f = source.read(rel)?;
            tables.push(layer_table::parse(&f.name, &f.text)?);
        }
        for rel in source.extra_files("frameworks/layers", "yaml") {
            let f = source.read(&rel)?;
            tables.push(layer_table::parse(&f.name, &f.text)?);
        }
        let mut by_key: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (ci, c) in builtins.iter().enumerate() {
            for (xi, x) in c.controls.iter().enumerate() {
                by_key.entry(control_id::key(&x.id)).or_default().push((ci, xi));
            }
        }
        Ok(LayerSources { tables, builtins, by_key })
    }

    /// `PR.PS-02`, `nist-csf-2.0:PR.PS-02`, `AC-2` or `sp800-53:AC-2(1)`: the control whose
    /// layers a custom control borrows, as `catalog:id`, with its tags.
    pub fn resolve_maps_to(&self, text: &str) -> Result<(String, Tags), String> {
        let text = text.trim();
        let known = |p: &str| {
            self.builtins.iter().any(|c| c.id.eq_ignore_ascii_case(p))
                || self.tables.iter().any(|t| t.id.eq_ignore_ascii_case(p))
        };
        let (scope, id) = match text.split_once(':') {
            Some((p, id)) if known(p.trim()) => (Some(p.trim()), id.trim()),
            _ => (None, text),
        };
        let in_scope = |cid: &str| scope.is_none_or(|s| s.eq_ignore_ascii_case(cid));
        let key = control_id::key(id);
        let mut hits: Vec<(String, Tags)> = Vec::new();
        let mut seen_catalogs = Vec::new();
        for &(ci, xi) in self.by_key.get(&key).map(Vec::as_slice).unwrap_or_default() {
            let (c, x) = (&self.builtins[ci], &self.builtins[ci].controls[xi]);
            // One hit per catalog, its first control of that key, as a scan would find it.
            if in_scope(&c.id) && !seen_catalogs.contains(&ci) {
                seen_catalogs.push(ci);
                hits.push((format!("{}:{}", c.id, x.id), Tags { layers: x.layers, why: x.why.clone() }));
            }
        }
        for t in self.tables.iter().filter(|t| in_scope(&t.id)) {
            if let Some(tags) = t.lookup_id(id) {
                hits.push((format!("{}:{id}", t.id), tags));
            }
        }
        match hits.len() {
            1 => Ok(hits.remove(0)),
            0 => Err(format!(
                "maps_to \"{text}\" names no known control (built-in catalogs {}; SP 800-53/800-171 ids such as AC-2 \
                 or 03.01.01)",
                self.builtins.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
            )),
            _ => Err(format!(
                "maps_to \"{text}\" is ambiguous ({}); write it with its catalog, e.g. \"{}\"",
                hits.iter().map(|h| h.0.as_str()).collect::<Vec<_>>().join(", "),
                hits[0].0
            )),
        }
    }
}

enum Source<'a> {
    Table(&'a LayerTable),
    Builtin(&'a Catalog, HashMap<String, &'a Control>),
}

/// Tags every control that has no layers yet. One warning names the catalog and how many
/// controls fell back to the default.
pub fn tag(catalog: &mut Catalog, sources: &LayerSources) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let source = choose(catalog, sources);
    if catalog.statements.is_none() {
        catalog.statements = match &source {
            Some(Source::Table(t)) => Some(t.id.clone()),
            Some(Source::Builtin(b, _)) => Some(b.id.clone()),
            None => None,
        };
    }
    let mut defaulted = Vec::new();
    for c in catalog.controls.iter_mut().filter(|c| c.layers.is_empty()) {
        let tags = match &source {
            Some(Source::Table(t)) => t.lookup(&c.id, &c.family),
            Some(Source::Builtin(b, by_key)) => by_key
                .get(&control_id::key(&c.id))
                .map(|x| Tags { layers: x.layers, why: format!("as {} {}: {}", b.id, x.id, x.why) }),
            None => None,
        };
        let tags = tags.unwrap_or_else(|| {
            defaulted.push(c.id.clone());
            default_tags()
        });
        c.layers = tags.layers;
        c.why = tags.why;
    }
    if !defaulted.is_empty() {
        diags.warning(Location::file(&catalog.origin), default_warning(catalog, &source, &defaulted));
    }
    if let Some(Source::Table(t)) = &source {
        tag_statements(catalog, t, &mut diags);
    }
    diags
}

/// Gives the statements a layer table names their own layers. A key that names no statement
/// of a control that has statements is a warning placed at the table's entry (the table serves
/// many catalogs, and a control answered as a whole in this one is left alone).
fn tag_statements(catalog: &mut Catalog, t: &LayerTable, diags: &mut Diagnostics) {
    for c in catalog.controls.iter_mut().filter(|c| !c.parts.is_empty()) {
        let Some(own) = t.statements_of(&c.id) else { continue };
        for (key, tags) in &own.statements {
            match c.parts.iter_mut().find(|p| p.named_by(key, &c.id)) {
                Some(p) => {
                    p.layers = Some(tags.layers);
                    p.why = Some(format!("{} ({}): {}", t.id, p.label, tags.why));
                }
                None => {
                    let labels: Vec<String> = c.parts.iter().map(|p| p.label.clone()).collect();
                    diags.warning(
                        Location::line(&t.name, own.line, 1),
                        format!(
                            "{}: statements: \"{}\" names no statement of {} in {} (its statements: {}); ignored",
                            c.id,
                            crate::diag::excerpt(key, 40),
                            c.id,
                            catalog.id,
                            crate::ingest::oscal::list(&labels)
                        ),
                    );
                }
            }
        }
    }
}

/// A layer table that knows the families of at least half the controls, else a built-in catalog
/// that has at least half of the control ids.
fn choose<'a>(catalog: &Catalog, sources: &'a LayerSources) -> Option<Source<'a>> {
    let untagged: Vec<&Control> = catalog.controls.iter().filter(|c| c.layers.is_empty()).collect();
    let half = untagged.len().div_ceil(2).max(1);
    let table = sources
        .tables
        .iter()
        .map(|t| (untagged.iter().filter(|c| t.knows_family(&c.family)).count(), t))
        .max_by_key(|(n, _)| *n)
        .filter(|(n, _)| *n >= half);
    if let Some((_, t)) = table {
        return Some(Source::Table(t));
    }
    let builtin = sources
        .builtins
        .iter()
        .map(|b| {
            let by_key: HashMap<String, &Control> = b.controls.iter().map(|x| (control_id::key(&x.id), x)).collect();
            (untagged.iter().filter(|c| by_key.contains_key(&control_id::key(&c.id))).count(), b, by_key)
        })
        .max_by_key(|(n, _, _)| *n)
        .filter(|(n, _, _)| *n >= half);
    builtin.map(|(_, b, by_key)| Source::Builtin(b, by_key))
}

fn default_warning(catalog: &Catalog, source: &Option<Source>, ids: &[String]) -> String {
    let known = match source {
        Some(Source::Table(t)) => format!("layer table {} does not know them", t.id),
        Some(Source::Builtin(b, _)) => format!("built-in catalog {} does not have them", b.id),
        None => "no layer table or built-in catalog knows this catalog".to_string(),
    };
    let set: LayerSet = DEFAULT_LAYERS.into_iter().collect();
    format!(
        "{} of {} controls of \"{}\" ({}) have no layer tags ({known}) and get the conservative default [{}], \
         never inherited: {}. Tag them with a `layers` or `maps_to` column, or a layer table \
         DIR/frameworks/layers/<name>.yaml given with --data DIR",
        ids.len(),
        catalog.controls.len(),
        catalog.title,
        catalog.id,
        set.ids().join(", "),
        crate::ingest::oscal::list(ids)
    )
}
