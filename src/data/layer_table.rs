//! Layer tables (`frameworks/layers/<catalog>.yaml`): layer tags for imported catalogs that carry
//! none, as family defaults plus per-control entries, each with its reason.

use super::yaml;
use crate::diag::{Diagnostics, Location};
use crate::error::{Error, Result};
use crate::model::{control_id, Layer, LayerSet};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    id: String,
    title: String,
    families: Vec<RawFamily>,
    #[serde(default)]
    controls: Vec<RawRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFamily {
    #[serde(deserialize_with = "yaml::scalar_string")]
    id: String,
    #[serde(default)]
    title: String,
    /// Other catalogs' ids for the same family (800-171 `03.01` for `AC`).
    #[serde(default)]
    also: Vec<String>,
    layers: Vec<String>,
    why: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(deserialize_with = "yaml::scalar_string")]
    id: String,
    layers: Vec<String>,
    why: String,
    /// Statements of the control with layers of their own, by item path (`a`, `d.1`) or any
    /// spelling of the statement (`AC-2(a)`, `ac-2_smt.a`).
    #[serde(default)]
    statements: std::collections::BTreeMap<String, RawStatement>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStatement {
    layers: Vec<String>,
    why: String,
}

/// A control entry's statements with layers of their own, and the entry's line.
#[derive(Debug, Clone, Default)]
pub struct StatementTags {
    pub line: usize,
    /// (key as written, tags), in key order.
    pub statements: Vec<(String, Tags)>,
}

/// Layers and the reason for them.
#[derive(Debug, Clone)]
pub struct Tags {
    pub layers: LayerSet,
    pub why: String,
}

/// A parsed layer table.
#[derive(Debug, Clone)]
pub struct LayerTable {
    pub id: String,
    pub title: String,
    /// The file it was read from, for placing warnings.
    pub name: String,
    /// Control key → the statements of its entry with layers of their own.
    statements: HashMap<String, StatementTags>,
    /// Family key (its id and every `also` id) → the family's id and tags.
    families: HashMap<String, (String, Tags)>,
    /// Control key → the control id as written and its tags.
    controls: HashMap<String, (String, Tags)>,
}

impl LayerTable {
    /// The tags of a control: its own entry, else its base control's, else its family's. The
    /// reason says which entry decided.
    pub fn lookup(&self, control: &str, family: &str) -> Option<Tags> {
        let key = control_id::key(control);
        let own = self.controls.get(&key);
        let base = || control_id::base_of(&key).and_then(|b| self.controls.get(b));
        if let Some((id, tags)) = own.or_else(base) {
            return Some(Tags { layers: tags.layers, why: format!("{} ({id}): {}", self.id, tags.why) });
        }
        self.family(family).map(|(id, tags)| Tags {
            layers: tags.layers,
            why: format!("{} family {id} default: {}", self.id, tags.why),
        })
    }

    /// The statements of a control's own entry (not its base control's: AC-2(1) has other
    /// statements than AC-2) that carry layers of their own.
    pub fn statements_of(&self, control: &str) -> Option<&StatementTags> {
        self.statements.get(&control_id::key(control))
    }

    fn family(&self, family: &str) -> Option<&(String, Tags)> {
        self.families.get(&control_id::key(family))
    }

    /// Whether the table knows this family id.
    pub fn knows_family(&self, family: &str) -> bool {
        self.family(family).is_some()
    }

    /// Tags for a control id written without its catalog (`maps_to: AC-2`): a control entry, or
    /// an id of the form `<family>-<number>` whose family the table knows.
    pub fn lookup_id(&self, id: &str) -> Option<Tags> {
        let key = control_id::key(id);
        if self.controls.contains_key(&key) {
            return self.lookup(id, "");
        }
        let (family, number) = key.split_once('-')?;
        let numeric = number.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
        (numeric && self.knows_family(family)).then(|| self.lookup(id, family)).flatten()
    }
}

/// Parses and validates a layer table; every problem is reported with its line.
pub fn parse(name: &str, text: &str) -> Result<LayerTable> {
    let raw: RawTable = yaml::parse(name, text)?;
    let mut diags = Diagnostics::default();
    let lines = yaml::IdLines::new(text);
    let place = |id: &str| Location::line(name, lines.of(id).unwrap_or(1), 1);
    let tags = |id: &str, layers: &[String], why: &str, diags: &mut Diagnostics| {
        // A statement's problems are placed at its control's entry.
        let at = id.split(" statement ").next().unwrap_or(id);
        let place = |_: &str| place(at);
        let mut set = LayerSet::EMPTY;
        for l in layers {
            match Layer::parse(l) {
                Some(layer) => set.insert(layer),
                None => {
                    diags.error(place(id), format!("{id}: unknown layer \"{l}\" (expected one of {})", Layer::ids()))
                }
            }
        }
        if layers.is_empty() {
            diags.error(place(id), format!("{id}: no layers"));
        }
        if why.trim().is_empty() {
            diags.error(place(id), format!("{id}: say why (`why:`)"));
        }
        Tags { layers: set, why: why.trim().to_string() }
    };
    let mut families = HashMap::new();
    for f in &raw.families {
        let t = tags(&f.id, &f.layers, &f.why, &mut diags);
        let shown = match f.title.trim() {
            "" => f.id.clone(),
            title => format!("{} ({title})", f.id),
        };
        for alias in std::iter::once(&f.id).chain(&f.also) {
            if families.insert(control_id::key(alias), (shown.clone(), t.clone())).is_some() {
                diags.error(place(alias), format!("family id \"{alias}\" listed twice"));
            }
        }
    }
    let mut controls = HashMap::new();
    let mut statements = HashMap::new();
    for c in &raw.controls {
        let t = tags(&c.id, &c.layers, &c.why, &mut diags);
        if !c.statements.is_empty() {
            let mut own = StatementTags { line: place(&c.id).row.unwrap_or(1), statements: Vec::new() };
            for (key, s) in &c.statements {
                let shown = format!("{} statement {key}", c.id);
                own.statements.push((key.trim().to_string(), tags(&shown, &s.layers, &s.why, &mut diags)));
            }
            statements.insert(control_id::key(&c.id), own);
        }
        if controls.insert(control_id::key(&c.id), (c.id.clone(), t)).is_some() {
            diags.error(place(&c.id), format!("control \"{}\" listed twice", c.id));
        }
    }
    if diags.has_errors() {
        return Err(Error::Unreadable(diags.items));
    }
    Ok(LayerTable { id: raw.id, title: raw.title, name: name.to_string(), statements, families, controls })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "id: t\ntitle: T\nfamilies:\n  - {id: AC, also: [\"03.01\"], layers: [identity], why: accounts}\ncontrols:\n  - {id: AC-4, layers: [network-config], why: flows}\n";

    #[test]
    fn control_then_base_then_family() {
        let t = parse("t.yaml", TABLE).unwrap();
        assert_eq!(t.lookup("AC-4", "AC").unwrap().why, "t (AC-4): flows");
        assert_eq!(t.lookup("AC-04(01)", "AC").unwrap().why, "t (AC-4): flows");
        assert_eq!(t.lookup("AC-2", "AC").unwrap().why, "t family AC default: accounts");
        assert_eq!(t.lookup("03.01.01", "03.01").unwrap().layers.ids(), ["identity"]);
        assert!(t.lookup("XY-1", "XY").is_none());
        assert!(t.lookup_id("AC-2(3)").is_some());
        assert!(t.lookup_id("PR.PS-02").is_none());
    }

    #[test]
    fn bad_tables_are_placed() {
        let err =
            parse("t.yaml", "id: t\ntitle: T\nfamilies:\n  - {id: AC, layers: [idnetity], why: x}\n").unwrap_err();
        assert!(err.to_string().contains("t.yaml:4:1: AC: unknown layer \"idnetity\""), "{err}");
    }
}
