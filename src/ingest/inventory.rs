//! Records into a validated inventory: names and ids, providers, products and models (given or
//! inferred), scope, per-service layer overrides. Every problem of the file is collected.

use super::columns::{parse_in_scope, Field};
use super::record::Record;
use crate::diag::{Diagnostics, Location};
use crate::model::{Inventory, Layer, LayerOverride, ModelSource, Owner, Provider, Registry, Service};
use crate::names;
use std::collections::HashMap;

/// Validates records into services. Errors land in `diags`; the caller decides to stop.
pub fn build(source: &str, records: Vec<Record>, registry: &Registry, diags: &mut Diagnostics) -> Inventory {
    if records.is_empty() {
        diags.error(Location::file(source), "no services: the header row has no rows under it");
    }
    let mut services = Vec::with_capacity(records.len());
    let mut ids: HashMap<String, Location> = HashMap::new();
    for rec in records {
        let Some(service) = service(&rec, registry, diags) else {
            continue;
        };
        let id_at = if rec.get(Field::Id).is_some() { rec.at(Field::Id) } else { rec.at(Field::Name) };
        if let Some(first) = ids.get(&service.id.to_lowercase()) {
            let hint =
                if rec.get(Field::Id).is_none() { "; give the services distinct names or an id column" } else { "" };
            diags.error(
                id_at,
                format!("duplicate service id \"{}\" (first used at {}){hint}", service.id, first.in_file()),
            );
            continue;
        }
        ids.insert(service.id.to_lowercase(), id_at);
        services.push(service);
    }
    if !services.is_empty() && !services.iter().any(|s| s.in_scope) {
        diags.error(Location::file(source), "every service is marked out of scope; nothing to map");
    }
    Inventory { source: source.to_string(), services }
}

fn service(rec: &Record, registry: &Registry, diags: &mut Diagnostics) -> Option<Service> {
    let Some(name) = rec.get(Field::Name) else {
        diags.error(rec.at(Field::Name), "missing service name");
        return None;
    };
    let id = match rec.get(Field::Id) {
        Some(id) => id.to_string(),
        None => names::slug(name),
    };
    let in_scope = match rec.get(Field::InScope).map(|t| (t, parse_in_scope(t))) {
        None => true,
        Some((_, Some(b))) => b,
        Some((t, None)) => {
            diags.error(rec.at(Field::InScope), format!("in-scope value \"{t}\" is neither yes nor no"));
            true
        }
    };

    let provider_text = rec.get(Field::Provider);
    let mut provider = provider_text.and_then(|p| registry.provider(p));
    let (product_text, model_text) = product_and_model(rec, registry, provider);
    let mut product = match (provider, product_text) {
        (Some(p), Some(t)) => registry.product(p, t),
        _ => None,
    };
    // A product the named provider does not list may sit in exactly one other catalog
    // ("Azure" + "Azure AD" → Microsoft Entra ID). Such a match changes the provider, or reads
    // a provider spelling respmatrix does not know, so it is a warning naming what was matched.
    if product.is_none() {
        if let Some((p, prod)) = product_text.and_then(|t| registry.product_anywhere(t)) {
            let given = provider_text.unwrap_or("");
            match provider {
                Some(known) if known.id != p.id => diags.warning(
                    rec.at(Field::Product),
                    format!(
                        "{name}: \"{}\" is not in the {} catalog; matched {} of {} ({}): give the product as the {} catalog names it if that is not meant",
                        product_text.unwrap_or(""), known.title, prod.name, p.title, prod.model, known.title
                    ),
                ),
                None if !given.is_empty() => diags.warning(
                    rec.at(Field::Provider),
                    format!("{name}: provider \"{given}\" is not a known spelling; matched product {} of {} by the product alone", prod.name, p.title),
                ),
                _ => {}
            }
            provider = Some(p);
            product = Some(prod);
        }
    }

    let (model, model_source) = match model_text {
        Some(text) => match registry.model(text) {
            Some(m) => {
                if let Some(prod) = product.filter(|p| p.model != m.id) {
                    diags.warning(
                        rec.at(Field::Model),
                        format!(
                            "model {} given for {name}, but the provider catalog lists {} as {}; using {}",
                            m.id, prod.name, prod.model, m.id
                        ),
                    );
                }
                (m.id.clone(), ModelSource::Given)
            }
            None => {
                let ids = registry.model_ids();
                let hint = names::closest(text, ids.iter().copied())
                    .map(|c| format!("; did you mean {c}?"))
                    .unwrap_or_default();
                diags.error(
                    rec.at(Field::Model),
                    format!("unknown service model \"{text}\" (expected one of {}{hint})", ids.join(", ")),
                );
                return None;
            }
        },
        None => match (product, provider.and_then(|p| p.default_model.as_ref().map(|m| (p, m)))) {
            (Some(prod), _) => (prod.model.clone(), ModelSource::Inferred(prod.name.clone())),
            (None, Some((p, m))) => (m.clone(), ModelSource::ProviderDefault(p.title.clone())),
            (None, None) => {
                diags.error(
                    rec.at(Field::Model),
                    no_model_message(name, provider_text, product_text, provider, registry),
                );
                return None;
            }
        },
    };

    let layer_overrides = rec
        .get(Field::Overrides)
        .map(|t| parse_layer_overrides(t, &rec.at(Field::Overrides), diags))
        .unwrap_or_default();
    Some(Service {
        id,
        name: name.to_string(),
        provider: provider.map(|p| p.id.clone()).or_else(|| provider_text.map(str::to_string)),
        provider_title: provider.map(|p| p.title.clone()),
        product: product.map(|p| p.name.clone()).or_else(|| product_text.map(str::to_string)),
        product_known: product.is_some(),
        product_as_given: product_as_given(product.map(|p| p.name.as_str()), product_text, provider),
        model,
        model_source,
        owner: rec.get(Field::Owner).map(str::to_string),
        environment: rec.get(Field::Environment).map(str::to_string),
        classification: rec.get(Field::Classification).map(str::to_string),
        in_scope,
        notes: rec.get(Field::Notes).map(str::to_string),
        evidence: rec.get(Field::Evidence).map(str::to_string),
        layer_overrides,
        extra: rec.extra.clone(),
        origin: rec.origin.clone(),
    })
}

/// The row's product and model texts. A cloud export's `Type` column, read as the model, holds
/// the resource's kind (the Azure portal's "SQL database", Resource Graph's
/// `microsoft.sql/servers/databases`): on a row that names no product, a text that is no service
/// model but is a product is the product.
fn product_and_model<'r>(
    rec: &'r Record,
    registry: &Registry,
    provider: Option<&Provider>,
) -> (Option<&'r str>, Option<&'r str>) {
    let (product, model) = (rec.get(Field::Product), rec.get(Field::Model));
    let is_product = |t: &str| match provider {
        Some(p) => registry.product(p, t).is_some(),
        None => registry.product_anywhere(t).is_some(),
    };
    match (product, model) {
        (None, Some(t)) if registry.model(t).is_none() && is_product(t) => (Some(t), None),
        _ => (product, model),
    }
}

/// The inventory's product text, kept beside the catalog name when it says something the name
/// does not: `AWS::RDS::DBInstance`, `RDS for PostgreSQL`; not `S3` for Amazon S3.
fn product_as_given(name: Option<&str>, text: Option<&str>, provider: Option<&Provider>) -> Option<String> {
    let (name, text) = (name?, text?);
    let strip: &[String] = provider.map(|p| p.strip.as_slice()).unwrap_or(&[]);
    (names::product_key(name, strip) != names::product_key(text, strip)).then(|| text.to_string())
}

/// "; did you mean Amazon RDS?" when a product name of these providers (or an alias) is close
/// to `text`: the catalog's name is what the user should write.
fn product_hint<'a>(text: &str, providers: impl Iterator<Item = &'a Provider>) -> String {
    if let Some(r) = crate::resource_id::resource_type(text) {
        return format!(" ({} {}, which no catalog lists)", r.kind, r.ty);
    }
    let mut spellings: Vec<(&str, &str)> = Vec::new();
    for p in providers {
        for prod in &p.products {
            spellings.push((prod.name.as_str(), prod.name.as_str()));
            spellings.extend(prod.aliases.iter().map(|a| (a.as_str(), prod.name.as_str())));
        }
    }
    names::closest(text, spellings.iter().map(|(s, _)| *s))
        .and_then(|hit| spellings.iter().find(|(s, _)| *s == hit))
        .map(|(_, name)| format!(" (did you mean {name}?)"))
        .unwrap_or_default()
}

fn no_model_message(
    name: &str,
    provider: Option<&str>,
    product: Option<&str>,
    known: Option<&Provider>,
    registry: &Registry,
) -> String {
    let models = registry.model_ids().join(", ");
    match (provider, product) {
        (Some(p), Some(t)) if known.is_some() => {
            let hint = product_hint(t, known.into_iter());
            format!("no service model for {name}: \"{t}\" is not in the {p} product catalog{hint}; give a model ({models})")
        }
        (Some(p), Some(t)) => {
            let hint = names::closest(p, registry.providers.iter().map(|x| x.title.as_str()).chain(registry.providers.iter().map(|x| x.id.as_str())))
                .map(|c| format!("; did you mean {c}?"))
                .unwrap_or_default();
            format!(
                "no service model for {name}: provider \"{p}\" is not a known provider ({}){hint}, and product \"{t}\" is in no catalog; write a known provider, or give a model ({models})",
                registry.provider_names().join(", ")
            )
        }
        (_, Some(t)) => {
            let hint = product_hint(t, registry.providers.iter());
            format!("no service model for {name}: product \"{t}\" is not in any provider catalog{hint}; give a model ({models})")
        }
        (Some(p), None) => format!("no service model for {name}: provider \"{p}\" without a product says nothing about the model; give a model ({models}) or a product"),
        (None, None) => format!("no service model for {name}: give a model ({models}) or a provider product"),
    }
}

/// Parses `guest-os=provider; network-config=shared (why)`; separators `;`, `,` or new lines.
pub fn parse_layer_overrides(text: &str, at: &Location, diags: &mut Diagnostics) -> Vec<LayerOverride> {
    let mut out: Vec<LayerOverride> = Vec::new();
    for part in split_outside_parens(text) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (body, why) = match (part.find('('), part.ends_with(')')) {
            (Some(i), true) => (part[..i].trim(), Some(part[i + 1..part.len() - 1].trim().to_string())),
            _ => (part, None),
        };
        let Some((l, o)) = body.split_once(['=', ':']) else {
            diags.error(
                at.clone(),
                format!("layer override \"{part}\" is not of the form layer=owner (e.g. guest-os=provider)"),
            );
            continue;
        };
        match (Layer::parse(l), Owner::parse(o)) {
            (Some(layer), Some(owner)) => {
                out.retain(|x| x.layer != layer);
                out.push(LayerOverride { layer, owner, why });
            }
            (None, _) => diags.error(
                at.clone(),
                format!("unknown layer \"{}\" in overrides (expected one of {})", l.trim(), Layer::ids()),
            ),
            (_, None) => diags.error(
                at.clone(),
                format!("unknown owner \"{}\" for {} (expected provider, customer or shared)", o.trim(), l.trim()),
            ),
        }
    }
    out
}

fn split_outside_parens(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ';' | ',' | '\n' if depth <= 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layer_override_column_syntax() {
        let mut d = Diagnostics::default();
        let at = Location::file("x");
        let o = parse_layer_overrides(
            "guest-os=provider (Fargate runs the host, not us); Network Config: shared",
            &at,
            &mut d,
        );
        assert!(!d.has_errors(), "{:?}", d);
        assert_eq!(o.len(), 2);
        assert_eq!(o[0].why.as_deref(), Some("Fargate runs the host, not us"));
        assert_eq!((o[1].layer, o[1].owner), (Layer::NetworkConfig, Owner::Shared));
        parse_layer_overrides("kernel=provider; data=everyone", &at, &mut d);
        assert_eq!(d.errors().count(), 2);
    }
}
