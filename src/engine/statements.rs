//! Responsibility sentences from per-layer handlebars templates (`templates/statements.yaml`).

use crate::data::embedded::DataSource;
use crate::data::yaml;
use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::model::{Layer, Service};
use handlebars::Handlebars;
use serde::Deserialize;
use std::collections::BTreeMap;

const FILE: &str = "templates/statements.yaml";

#[derive(Deserialize)]
struct RawStatements {
    layers: BTreeMap<String, RawPair>,
}

#[derive(Deserialize)]
struct RawPair {
    provider: String,
    customer: String,
}

/// The compiled sentence templates.
pub struct Statements {
    hb: Handlebars<'static>,
}

#[derive(serde::Serialize)]
struct Context<'a> {
    service: &'a str,
    product: &'a str,
    provider: &'a str,
    model: &'a str,
}

impl Statements {
    /// Loads and compiles the templates; a missing layer or a template syntax error is an
    /// error at the template's place.
    pub fn load(source: &DataSource) -> Result<Statements> {
        let file = source.read(FILE)?;
        let raw: RawStatements = yaml::parse(&file.name, &file.text)?;
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(handlebars::no_escape);
        let mut errors = Vec::new();
        for layer in Layer::ALL {
            let place = || match yaml::line_of(&file.text, &format!("{}:", layer.id())) {
                Some(l) => Location::line(&file.name, l, 1),
                None => Location::file(&file.name),
            };
            let Some(pair) = raw.layers.iter().find(|(k, _)| Layer::parse(k) == Some(layer)).map(|(_, p)| p) else {
                errors.push(Diagnostic::error(place(), format!("no sentences for layer {layer}")));
                continue;
            };
            for (party, text) in [("provider", &pair.provider), ("customer", &pair.customer)] {
                if let Err(e) = hb.register_template_string(&format!("{}/{party}", layer.id()), text) {
                    errors.push(Diagnostic::error(place(), format!("{layer} {party} template: {e}")));
                }
            }
        }
        if !errors.is_empty() {
            return Err(Error::Unreadable(errors));
        }
        Ok(Statements { hb })
    }

    /// The provider and customer sentence of every layer for one service.
    pub fn render(&self, service: &Service, model_title: &str) -> Result<(Vec<String>, Vec<String>)> {
        let p = self.render_party(service, model_title, &service.name, "provider")?;
        let c = self.render_party(service, model_title, &service.name, "customer")?;
        Ok((p, c))
    }

    /// The customer sentences of `render` with the service called `name`, e.g. "each listed
    /// service" for a line that stands for several services.
    pub fn render_customer_named(&self, service: &Service, model_title: &str, name: &str) -> Result<Vec<String>> {
        self.render_party(service, model_title, name, "customer")
    }

    fn render_party(&self, service: &Service, model_title: &str, name: &str, party: &str) -> Result<Vec<String>> {
        let provider = service.provider_title.as_deref().or(service.provider.as_deref()).unwrap_or("the provider");
        let ctx =
            Context { service: name, product: service.product.as_deref().unwrap_or(""), provider, model: model_title };
        Layer::ALL
            .iter()
            .map(|layer| {
                let text = self.hb.render(&format!("{}/{party}", layer.id()), &ctx).map_err(|e| {
                    Error::unreadable(Diagnostic::error(Location::file(FILE), format!("{layer} {party} template: {e}")))
                })?;
                Ok(capitalize(text.trim()))
            })
            .collect()
    }
}

/// Sentences start upper-case even when a template begins with `{{provider}}` = "the provider".
fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(f) => f.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
