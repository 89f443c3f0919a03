//! OSCAL JSON and YAML documents: `{"catalog": …}` or `{"profile": …}`, read straight into the
//! shared model. Syntax and shape errors are placed at line:column.

use super::model::{Catalog, Profile};
use super::Document;
use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use serde::Deserialize;

#[derive(Deserialize)]
struct Root {
    #[serde(default)]
    catalog: Option<Catalog>,
    #[serde(default)]
    profile: Option<Profile>,
}

/// Parses an OSCAL JSON document.
pub fn parse_json(name: &str, text: &str) -> Result<Document, Error> {
    let root: Root = serde_json::from_str(text).map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Data => "not a valid OSCAL document",
            _ => "JSON syntax error",
        };
        Error::unreadable(Diagnostic::error(
            Location::line(name, e.line(), e.column()),
            format!("{what}: {}", strip_position(&e.to_string())),
        ))
    })?;
    document(name, root)
}

/// Parses an OSCAL YAML document (the same model as JSON).
pub fn parse_yaml(name: &str, text: &str) -> Result<Document, Error> {
    let root: Root = crate::data::yaml::parse(name, text)?;
    document(name, root)
}

fn document(name: &str, root: Root) -> Result<Document, Error> {
    match (root.catalog, root.profile) {
        (Some(c), _) => Ok(Document::Catalog(c)),
        (None, Some(p)) => Ok(Document::Profile(p)),
        (None, None) => Err(Error::unreadable(Diagnostic::error(
            Location::file(name),
            "not an OSCAL catalog or profile: expected a top-level \"catalog\" or \"profile\" object",
        ))),
    }
}

/// serde_json ends its messages with " at line X column Y", which the location already says.
fn strip_position(msg: &str) -> String {
    crate::data::yaml::clean_message(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_and_shape_errors_are_placed() {
        let err = parse_json("c.json", "{\"catalog\": {\n  \"groups\": [ }\n}").unwrap_err();
        assert!(err.to_string().starts_with("error: c.json:2:15: JSON syntax error"), "{err}");
        let err = parse_json("c.json", "{\"catalog\": {\"controls\": [{\"title\": \"x\"}]}}").unwrap_err();
        assert!(err.to_string().contains("not a valid OSCAL document: missing field `id`"), "{err}");
        let err = parse_json("c.json", "{\"component-definition\": {}}").unwrap_err();
        assert!(err.to_string().contains("not an OSCAL catalog or profile"), "{err}");
    }

    #[test]
    fn yaml_reads_the_same_model() {
        let doc = parse_yaml(
            "c.yaml",
            "catalog:\n  metadata: {title: T, version: '1'}\n  controls:\n    - {id: x-1, title: X}\n",
        )
        .unwrap();
        let Document::Catalog(c) = doc else { panic!("not a catalog") };
        assert_eq!(c.controls[0].id, "x-1");
    }
}
