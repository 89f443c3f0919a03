//! The statement sets of `templates/statements/*.yaml`, read and compiled: per control, family
//! and default, a provider, customer and inherited text with variants per model and product.

use super::statements::{Statements, Template};
use crate::data::yaml;
use crate::diag::{Diagnostic, Location};
use crate::error::Result;
use crate::model::control_id;
use crate::names;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// Texts as written: each optional, a variant gives only what differs.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawTexts {
    #[serde(default)]
    provider: Option<String>,
    #[serde(default)]
    customer: Option<String>,
    #[serde(default)]
    inherited: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    #[serde(default)]
    provider: Option<String>,
    #[serde(default)]
    customer: Option<String>,
    #[serde(default)]
    inherited: Option<String>,
    #[serde(default)]
    models: BTreeMap<String, RawTexts>,
    #[serde(default)]
    products: BTreeMap<String, RawTexts>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    catalog: String,
    #[serde(default)]
    controls: BTreeMap<String, RawEntry>,
    #[serde(default)]
    families: BTreeMap<String, RawEntry>,
    #[serde(default)]
    default: Option<RawEntry>,
}

/// Compiled texts of one entry or variant.
#[derive(Debug, Clone, Copy, Default)]
pub struct Texts {
    pub provider: Option<Template>,
    pub customer: Option<Template>,
    pub inherited: Option<Template>,
}

/// Which text of an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Provider,
    Customer,
    Inherited,
}

impl Texts {
    pub fn get(&self, f: Field) -> Option<Template> {
        match f {
            Field::Provider => self.provider,
            Field::Customer => self.customer,
            Field::Inherited => self.inherited,
        }
    }
}

/// A control's (or family's, or the default) texts with their variants.
#[derive(Debug, Clone, Default)]
pub struct Entry {
    pub base: Texts,
    /// By model id.
    pub models: HashMap<String, Texts>,
    /// By `names::key` of the product name.
    pub products: HashMap<String, Texts>,
    /// Product keys and names as written, for messages.
    pub product_names: Vec<(String, String)>,
    /// File and line, for messages.
    pub place: String,
}

impl Entry {
    /// The field for a service of model `model` running the product whose `names::key` is
    /// `product`: the product's variant, else the model's, else the entry's own.
    pub fn pick(&self, f: Field, model: &str, product: Option<&str>) -> Option<Template> {
        let by_product = || product.and_then(|p| self.products.get(p)).and_then(|t| t.get(f));
        let by_model = || self.models.get(model).and_then(|t| t.get(f));
        by_product().or_else(by_model).or(self.base.get(f))
    }
}

/// All texts for one catalog.
#[derive(Debug, Clone, Default)]
pub struct Set {
    pub catalog: String,
    /// By `control_id::key`.
    pub controls: HashMap<String, Entry>,
    pub families: HashMap<String, Entry>,
    pub default: Option<Entry>,
}

impl Set {
    /// Adds another file's entries; a control or family worded twice is an error.
    pub fn merge(&mut self, other: Set, file: &str, errors: &mut Vec<Diagnostic>) {
        self.catalog = other.catalog;
        for (map, theirs, what) in
            [(&mut self.controls, other.controls, "control"), (&mut self.families, other.families, "family")]
        {
            for (k, e) in theirs {
                if let Some(first) = map.get(&k) {
                    let msg = format!("{what} {k} is worded twice (first at {})", first.place);
                    errors.push(Diagnostic::error(Location::file(&e.place), msg));
                } else {
                    map.insert(k, e);
                }
            }
        }
        if let Some(d) = other.default {
            if self.default.is_some() {
                errors.push(Diagnostic::error(Location::file(file), "a second `default:` for this catalog"));
            }
            self.default = Some(d);
        }
    }

    /// Every entry with its place.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &Entry)> {
        self.controls.values().chain(self.families.values()).chain(&self.default).map(|e| (e.place.as_str(), e))
    }
}

/// Registers templates into `Statements`, collecting errors.
pub struct Compiler<'a> {
    pub st: &'a mut Statements,
    pub errors: &'a mut Vec<Diagnostic>,
}

impl Compiler<'_> {
    /// Reads one statement file; `None` when its YAML could not be read (errors recorded).
    pub fn set(&mut self, name: &str, text: &str) -> Result<Option<Set>> {
        let raw: RawSet = match yaml::parse(name, text) {
            Ok(r) => r,
            Err(crate::error::Error::Unreadable(d)) => {
                self.errors.extend(d);
                return Ok(None);
            }
            Err(e) => return Err(e),
        };
        let mut set = Set { catalog: raw.catalog.trim().to_string(), ..Set::default() };
        let places = Places::new(name, text);
        for (id, e) in raw.controls {
            set.controls.insert(control_id::key(&id), self.entry(e, &places, &id));
        }
        for (id, e) in raw.families {
            set.families.insert(control_id::key(&id), self.entry(e, &places, &id));
        }
        set.default = raw.default.map(|e| self.entry(e, &places, "default"));
        Ok(Some(set))
    }

    fn entry(&mut self, e: RawEntry, places: &Places, id: &str) -> Entry {
        let own = RawTexts { provider: e.provider, customer: e.customer, inherited: e.inherited };
        let mut out = Entry { base: self.texts(&own, places, id), place: places.of(id), ..Entry::default() };
        for (m, t) in e.models {
            let texts = self.texts(&t, places, &format!("{id}/models/{m}"));
            out.models.insert(m.trim().to_string(), texts);
        }
        for (p, t) in e.products {
            let texts = self.texts(&t, places, &format!("{id}/products/{p}"));
            out.product_names.push((names::key(&p), p.clone()));
            out.products.insert(names::key(&p), texts);
        }
        out
    }

    /// Compiles the texts of one entry or variant; `what` names it in messages.
    pub fn texts(&mut self, raw: &RawTexts, places: &Places, what: &str) -> Texts {
        let mut one = |field: &str, src: &Option<String>| -> Option<Template> {
            let src = src.as_deref()?.trim();
            let id = self.st.places.len() as u32;
            let at = places.of(what.split('/').next().unwrap_or(what));
            self.st.sources.push(src.to_string());
            self.st.places.push(format!("{at} ({what}.{field})"));
            Some(Template { id, uses_product: reads_product(src) })
        };
        Texts {
            provider: one("provider", &raw.provider),
            customer: one("customer", &raw.customer),
            inherited: one("inherited", &raw.inherited),
        }
    }
}

/// Whether a template reads `{{product}}` (in any expression), so its text varies by product.
fn reads_product(src: &str) -> bool {
    src.split("{{").skip(1).any(|e| e.split("}}").next().is_some_and(|inside| inside.contains("product")))
}

/// Where the keys of one statement file are, for messages: each key's first line, found in one
/// pass over the file (an entry's place is asked for once per template, thousands of times).
pub struct Places<'t> {
    name: &'t str,
    lines: HashMap<&'t str, usize>,
}

impl<'t> Places<'t> {
    pub fn new(name: &'t str, text: &'t str) -> Places<'t> {
        let mut lines = HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let Some((key, _)) = line.split_once(':') else { continue };
            let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
            lines.entry(key).or_insert(i + 1);
        }
        Places { name, lines }
    }

    /// `file:line` of an entry's key, else the file.
    pub fn of(&self, id: &str) -> String {
        match self.lines.get(id) {
            Some(l) => format!("{}:{l}", self.name),
            None => self.name.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_expressions_that_name_the_product_make_a_template_vary_by_product() {
        assert!(super::reads_product("Runs {{product}} for {{service}}."));
        assert!(super::reads_product("{{#if product}}({{product}}){{/if}}"));
        assert!(!super::reads_product("Keeps production data of {{service}} apart."));
    }
}
