//! Words every cell: picks the control's provider and customer texts for the cell's status,
//! model and product, renders each distinct one once and keeps it in the matrix's prose table
//! (the service's name stands as `view::NAME`, filled in when a renderer asks).

use super::statements::{capitalize, is_plural, provider_name, Statements, Template};
use super::wording_data::{Entry, Field};
use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::model::{Control, Registry, Service, Status};
use crate::view::{Cell, NAME, NO_TEXT};
use serde::Serialize;
use std::collections::HashMap;

/// What a service contributes to a sentence, besides its name.
struct Class {
    provider: String,
    model: String,
    model_title: String,
    product: Option<String>,
    /// `names::key` of the product, the key of the statements' product variants (computed once
    /// per service, not once per cell).
    product_key: Option<String>,
    /// Services with the same provider and model share it.
    group: u32,
    /// Services with the same provider, model and product share it.
    with_product: u32,
}

#[derive(Serialize)]
struct ControlContext<'a> {
    id: &'a str,
    title: &'a str,
    text: &'a str,
    family: &'a str,
}

#[derive(Serialize)]
struct Context<'a> {
    service: &'a str,
    product: &'a str,
    provider: &'a str,
    model: &'a str,
    plural: bool,
    control: ControlContext<'a>,
}

/// The prose table being built, and the per-control cache.
pub struct Wording<'a> {
    st: &'a Statements,
    classes: Vec<Class>,
    pub prose: Vec<String>,
    index: HashMap<String, u32>,
    /// (template, class key) → prose id, for the current control.
    cache: HashMap<(u32, u32), u32>,
    /// (template, plural provider name, product class or none) → the text with the provider and
    /// model as placeholders, for the current control: one render serves every provider and model.
    raw: HashMap<(u32, bool, u32), String>,
    /// The entries that word the current control (`Statements::lookup`).
    chain: [&'a Entry; 4],
}

/// Stand for the provider's name and the model's title in a rendered template.
const PROVIDER: char = '\u{1}';
const MODEL: char = '\u{2}';

impl<'a> Wording<'a> {
    pub fn new(st: &'a Statements, registry: &Registry, services: &[&Service]) -> Self {
        let mut groups: HashMap<(String, String), u32> = HashMap::new();
        let mut with_product: HashMap<(String, String, Option<String>), u32> = HashMap::new();
        let classes = services
            .iter()
            .map(|s| {
                let provider = provider_name(s).to_string();
                let model = registry.model(&s.model).map(|m| (m.id.clone(), m.title.clone()));
                let (model, model_title) = model.unwrap_or_else(|| (s.model.clone(), s.model.clone()));
                let n = groups.len() as u32;
                let group = *groups.entry((provider.clone(), model.clone())).or_insert(n);
                let n = with_product.len() as u32;
                let key = (provider.clone(), model.clone(), s.product.clone());
                let with_product = *with_product.entry(key).or_insert(n);
                let product_key = s.product.as_deref().map(crate::names::key);
                Class { provider, model, model_title, product: s.product.clone(), product_key, group, with_product }
            })
            .collect();
        let generic = &st.generic;
        Wording {
            st,
            classes,
            prose: Vec::new(),
            index: HashMap::new(),
            cache: HashMap::new(),
            raw: HashMap::new(),
            chain: [generic; 4],
        }
    }

    /// Starts a new control of statement set `set`: cached renders belong to the previous one.
    pub fn next_control(&mut self, control: &Control, set: Option<&str>) {
        self.cache.clear();
        self.raw.clear();
        self.chain = self.st.lookup(set, &control.id, &control.family);
    }

    /// Keeps a text in the prose table once.
    pub fn intern(&mut self, text: String) -> u32 {
        if let Some(&id) = self.index.get(&text) {
            return id;
        }
        let id = self.prose.len() as u32;
        self.index.insert(text.clone(), id);
        self.prose.push(text);
        id
    }

    /// Takes in the prose table of another `Wording` that worded later controls: each text is
    /// kept once, and the result maps the other table's ids to this one's.
    pub fn absorb(&mut self, other: Vec<String>) -> Vec<u32> {
        other.into_iter().map(|text| self.intern(text)).collect()
    }

    /// Sets the cell's provider and customer texts for its status on service `si`.
    pub fn word(&mut self, cell: &mut Cell, control: &Control, si: usize) -> Result<()> {
        let chain = self.chain;
        let (provider, customer) = match cell.status {
            Status::Inherited => (Some(Field::Provider), Some(Field::Inherited)),
            Status::Shared => (Some(Field::Provider), Some(Field::Customer)),
            Status::Customer => (None, Some(Field::Customer)),
            Status::NotApplicable | Status::Mixed => (None, None),
        };
        cell.ptext = match provider {
            Some(f) => self.render(&chain, f, control, si)?,
            None => NO_TEXT,
        };
        cell.ctext = match customer {
            Some(f) => self.render(&chain, f, control, si)?,
            None => NO_TEXT,
        };
        Ok(())
    }

    /// Both texts of a not-applicable cell: `Not applicable to <service>: <why>`.
    pub fn not_applicable(&mut self, cell: &mut Cell, why: &str) {
        let id = self.intern(format!("Not applicable to {NAME}: {why}"));
        cell.ptext = id;
        cell.ctext = id;
    }

    fn render(&mut self, chain: &[&Entry; 4], f: Field, control: &Control, si: usize) -> Result<u32> {
        let class = &self.classes[si];
        let Some(tpl) = chain.iter().find_map(|e| e.pick(f, &class.model, class.product_key.as_deref())) else {
            return Ok(NO_TEXT);
        };
        let key = (tpl.id, if tpl.uses_product { class.with_product } else { class.group });
        if let Some(&id) = self.cache.get(&key) {
            return Ok(id);
        }
        let plural = is_plural(&class.provider);
        let raw_key = (tpl.id, plural, if tpl.uses_product { class.with_product } else { u32::MAX });
        if !self.raw.contains_key(&raw_key) {
            let text = self.render_one(tpl, control, si, plural)?;
            self.raw.insert(raw_key, text);
        }
        let class = &self.classes[si];
        let raw = &self.raw[&raw_key];
        let text = capitalize(&raw.replace(PROVIDER, &class.provider).replace(MODEL, &class.model_title));
        let id = self.intern(text);
        self.cache.insert(key, id);
        Ok(id)
    }

    /// Renders a template once for every provider and model, with placeholders for them (the
    /// first letter is capitalized once they are filled in).
    fn render_one(&self, tpl: Template, control: &Control, si: usize, plural: bool) -> Result<String> {
        let class = &self.classes[si];
        let (name, provider, model) = (NAME.to_string(), PROVIDER.to_string(), MODEL.to_string());
        let ctx = Context {
            service: &name,
            product: class.product.as_deref().unwrap_or(""),
            provider: &provider,
            model: &model,
            plural,
            control: ControlContext {
                id: &control.id,
                title: &control.title,
                text: control.description.as_deref().unwrap_or(""),
                family: &control.family,
            },
        };
        let text = self.st.render_template(tpl.id, &ctx).map_err(|e| {
            let place = self.st.places.get(tpl.id as usize).cloned().unwrap_or_default();
            Error::unreadable(Diagnostic::error(Location::file(place), format!("{}: {e}", control.id)))
        })?;
        Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}
