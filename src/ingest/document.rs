//! YAML and JSON inventories into records: a list of services, or a map with `services:`.

use super::columns::{header_fields, Field};
use super::record::{FieldValue, Record};
use super::text;
use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use serde_json::Value;

/// Parses a YAML or JSON inventory document.
pub fn read(name: &str, bytes: &[u8], json: bool) -> Result<Vec<Record>, Error> {
    let text = text::decode(name, bytes)?;
    if text.trim().is_empty() {
        return Err(Error::unreadable(Diagnostic::error(Location::file(name), "the file is empty: no services")));
    }
    let doc: Value = if json {
        super::json_strict::from_str(&text).map_err(|e| {
            Error::unreadable(Diagnostic::error(
                Location::line(name, e.line(), e.column()),
                format!("JSON syntax error: {}", strip_pos(&e.to_string())),
            ))
        })?
    } else {
        crate::data::yaml::parse_value(name, &text)?
    };
    let (list, path) = match &doc {
        Value::Array(items) => (items, "".to_string()),
        Value::Object(map) => {
            match map.iter().find(|(k, _)| matches!(k.to_ascii_lowercase().as_str(), "services" | "inventory")) {
                Some((k, Value::Array(items))) => (items, k.clone()),
                _ => return Err(shape(name, "expected a list of services, or a map with a `services:` list")),
            }
        }
        _ => return Err(shape(name, "expected a list of services, or a map with a `services:` list")),
    };
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let origin = Location::at_path(name, format!("{path}[{i}]"));
        let Value::Object(map) = item else {
            return Err(Error::unreadable(Diagnostic::error(
                origin,
                "each service must be a map of fields (name: …, provider: …)",
            )));
        };
        // A YAML merge key (`<<: *retired`) is not applied by the parser: its fields (in_scope:
        // no) would be lost without a word.
        if map.contains_key("<<") {
            return Err(Error::unreadable(Diagnostic::error(
                origin.with_field("<<"),
                "merge keys (<<: *anchor) are not supported: write the fields out in each service",
            )));
        }
        let keys: Vec<String> = map.keys().cloned().collect();
        let fields = header_fields(&keys);
        let mut rec = Record { origin: origin.clone(), fields: Vec::new(), extra: Vec::new() };
        for ((key, value), field) in map.iter().zip(fields) {
            let text = match (field, value) {
                (Some(Field::Overrides), Value::Object(layers)) => layer_map(layers),
                _ => scalar(value),
            };
            match field {
                Some(field) => rec.fields.push(FieldValue { field, text, at: origin.with_field(key) }),
                None => {
                    // A key one or two letters away from a field is a typo, not a column of
                    // the organization's own: dropping it would lose the field silently.
                    if let Some(close) = typo_of(key) {
                        return Err(Error::unreadable(Diagnostic::error(
                            origin.with_field(key),
                            format!("unknown key \"{}\" (did you mean {close}?)", crate::diag::excerpt(key, 40)),
                        )));
                    }
                    if !text.is_empty() {
                        rec.extra.push((key.clone(), text));
                    }
                }
            }
        }
        out.push(rec);
    }
    Ok(out)
}

/// The known key an unknown one is a typo of (`provder` → `provider`), if any.
fn typo_of(key: &str) -> Option<&'static str> {
    let k = crate::names::key(key);
    if k.len() < 4 {
        return None;
    }
    super::columns::known_keys()
        .filter(|(_, c)| c.len() >= 4)
        .map(|(f, c)| (crate::names::distance(&k, c), c, f))
        .filter(|(d, c, _)| *d > 0 && *d <= if c.len() >= 8 { 2 } else { 1 })
        .min_by_key(|(d, _, _)| *d)
        .map(|(_, _, f)| f.yaml_key())
}

fn shape(name: &str, msg: &str) -> Error {
    Error::unreadable(Diagnostic::error(Location::file(name), msg))
}

fn strip_pos(msg: &str) -> String {
    crate::data::yaml::clean_message(msg)
}

/// A scalar as text; lists are joined with "; ".
fn scalar(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join("; "),
        Value::Object(_) => v.to_string(),
    }
}

/// `layers: {guest-os: provider}` or `{guest-os: {owner: provider, why: …}}` in the column syntax.
fn layer_map(layers: &serde_json::Map<String, Value>) -> String {
    let parts: Vec<String> = layers
        .iter()
        .map(|(layer, v)| match v {
            Value::Object(o) => {
                let owner = o.get("owner").map(scalar).unwrap_or_default();
                match o.get("why").map(scalar).filter(|w| !w.is_empty()) {
                    Some(why) => format!("{layer}={owner} ({why})"),
                    None => format!("{layer}={owner}"),
                }
            }
            other => format!("{layer}={}", scalar(other)),
        })
        .collect();
    parts.join("; ")
}
