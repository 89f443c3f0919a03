//! A consumer of `respmatrix/matrix@2` for the tests: rebuilds the `@1` document (the prose in
//! every cell) from the compact one as docs/matrix-v2.md tells a consumer to, written apart
//! from the crate's own reader so the two check each other.

use serde_json::{Map, Value};
use std::path::Path;

/// A `texts` entry with the service's name filled in (`{service}`; `{{` and `}}` are braces).
pub fn fill(template: &str, name: &str) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                out.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                out.push('}');
            }
            '{' => {
                let word: String = chars.by_ref().take_while(|&c| c != '}').collect();
                assert_eq!(word, "service", "unknown placeholder in {template:?}");
                out.push_str(name);
            }
            '}' => panic!("a lone closing brace in {template:?}"),
            c => out.push(c),
        }
    }
    out
}

/// The `@1` document a `@2` one stands for (any other document is returned as it is).
pub fn inline(doc: &Value) -> Value {
    if doc["schema"] != "respmatrix/matrix@2" {
        return doc.clone();
    }
    let texts: Vec<&str> = doc["texts"].as_array().unwrap().iter().map(|t| t.as_str().unwrap()).collect();
    let services = doc["services"].as_array().unwrap();
    let mut out = doc.as_object().unwrap().clone();
    out.remove("texts");
    out.insert("schema".into(), "respmatrix/matrix@1".into());
    let controls: Vec<Value> = doc["controls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let mut c2 = c.as_object().unwrap().clone();
            let rebuilt = cells_of(&mut c2, &texts, services, &c["id"]);
            c2.insert("services".into(), rebuilt.into());
            if let Some(Value::Array(sts)) = c2.remove("statements") {
                let sts: Vec<Value> = sts
                    .into_iter()
                    .map(|st| {
                        let mut s2 = st.as_object().unwrap().clone();
                        let rebuilt = cells_of(&mut s2, &texts, services, &st["label"]);
                        s2.insert("cells".into(), rebuilt.into());
                        Value::Object(s2)
                    })
                    .collect();
                c2.insert("statements".into(), sts.into());
            }
            Value::Object(c2)
        })
        .collect();
    out.insert("controls".into(), controls.into());
    Value::Object(out)
}

/// Takes `decisions` and `cells` out of a control or statement and rebuilds its `@1` cells.
fn cells_of(c2: &mut Map<String, Value>, texts: &[&str], services: &[Value], id: &Value) -> Vec<Value> {
    let decisions = c2.remove("decisions").unwrap();
    let cells = c2.remove("cells").unwrap();
    let cells = cells.as_array().unwrap();
    assert_eq!(cells.len(), services.len(), "one cell per service in {id}");
    cells
        .iter()
        .zip(services)
        .map(|(cell, s)| {
            let name = s["name"].as_str().unwrap();
            let d = &decisions[cell[1].as_u64().unwrap() as usize];
            let text = |v: &Value| fill(texts[v.as_u64().unwrap() as usize], name);
            let rationale: String = d["rationale"].as_array().unwrap().iter().map(text).collect();
            let mut m = Map::new();
            m.insert("service".into(), s["id"].clone());
            m.insert("responsibility_id".into(), cell[0].clone());
            for k in ["status", "provider_layers", "customer_layers", "shared_layers", "decided_by"] {
                m.insert(k.into(), d[k].clone());
            }
            m.insert("rationale".into(), rationale.into());
            m.insert("customer_statement".into(), text(&d["customer_statement"]).into());
            m.insert("provider_statement".into(), text(&d["provider_statement"]).into());
            Value::Object(m)
        })
        .collect()
}

/// A `matrix.json` in the `@1` shape, whichever layout it was written in.
pub fn read_matrix(path: &Path) -> Value {
    let doc: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).expect("matrix.json parses");
    inline(&doc)
}
