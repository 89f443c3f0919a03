//! What the by-components of one OSCAL implemented requirement or statement export to leveraging
//! systems (`by-components[].export{provided[], responsibilities[]}`), and the answer that
//! makes: provided only → inherited, provided and responsibilities → shared, responsibilities
//! only → customer, counted over all the by-components together.

use crate::diag::{excerpt, Diagnostics, Location};
use crate::model::Status;
use serde_json::Value;

/// How long an answer's text may get (the descriptions it quotes, together).
pub const TEXT_CHARS: usize = 2_000;

/// The exports of one requirement or statement, over all its by-components.
#[derive(Debug, Clone, Default)]
pub struct Exports {
    /// Exported `provided` entries.
    pub provided: usize,
    /// Exported `responsibilities` entries.
    pub responsibilities: usize,
    /// Their distinct descriptions, whitespace collapsed, while they fit in `TEXT_CHARS`.
    provided_texts: Vec<String>,
    responsibility_texts: Vec<String>,
    chars: usize,
}

/// What reading by-components notices besides exports, for the messages about a whole file.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    /// A by-component with `inherited` or `satisfied`: what a leveraging system's SSP has.
    pub leveraging: bool,
    /// The first by-component with `provided`/`responsibilities` straight on it, not under
    /// `export` (the NIST SRM prototype's shape).
    pub prototype: Option<Location>,
}

impl Exports {
    /// Reads the `by-components` of `owner`, a requirement or statement at `at`. Entries marked
    /// `"exportable": false` are not exported; UUIDs and references are not checked.
    pub fn of(owner: &Value, at: &Location, seen: &mut Seen, diags: &mut Diagnostics) -> Exports {
        let mut out = Exports::default();
        for (i, bc) in list(owner, "by-components", at, diags).iter().enumerate() {
            let here = at.with_field(&format!("by-components[{i}]"));
            seen.leveraging |= bc.get("inherited").is_some() || bc.get("satisfied").is_some();
            if let Some(export) = bc.get("export") {
                out.add(export, &here.with_field("export"), diags);
            }
            if bc.get("provided").is_some() || bc.get("responsibilities").is_some() {
                seen.prototype.get_or_insert_with(|| here.clone());
                out.add(bc, &here, diags);
            }
        }
        out
    }

    /// Whether nothing is exported.
    pub fn is_empty(&self) -> bool {
        self.provided == 0 && self.responsibilities == 0
    }

    /// Inherited (provided only), shared (both) or customer (responsibilities only).
    pub fn status(&self) -> Option<Status> {
        match (self.provided > 0, self.responsibilities > 0) {
            (true, false) => Some(Status::Inherited),
            (true, true) => Some(Status::Shared),
            (false, true) => Some(Status::Customer),
            (false, false) => None,
        }
    }

    /// The provided descriptions, then `Customer responsibility: ` and the responsibilities',
    /// at most `TEXT_CHARS` characters.
    pub fn text(&self) -> String {
        let (provided, customer) = (self.provided_texts.join(" "), self.responsibility_texts.join(" "));
        let text = match (provided.is_empty(), customer.is_empty()) {
            (_, true) => provided,
            (true, false) => format!("Customer responsibility: {customer}"),
            (false, false) => format!("{provided} Customer responsibility: {customer}"),
        };
        excerpt(&text, TEXT_CHARS)
    }

    /// Adds the exports of another requirement or statement that names the same point.
    pub fn merge(&mut self, other: Exports) {
        self.provided += other.provided;
        self.responsibilities += other.responsibilities;
        for t in other.provided_texts {
            self.describe(true, t);
        }
        for t in other.responsibility_texts {
            self.describe(false, t);
        }
    }

    /// The `provided` and `responsibilities` lists of `holder` (an `export`, or a by-component).
    fn add(&mut self, holder: &Value, at: &Location, diags: &mut Diagnostics) {
        for (key, provided) in [("provided", true), ("responsibilities", false)] {
            for entry in list(holder, key, at, diags) {
                if !entry.is_object() || entry.get("exportable") == Some(&Value::Bool(false)) {
                    continue;
                }
                match provided {
                    true => self.provided += 1,
                    false => self.responsibilities += 1,
                }
                let text = entry.get("description").and_then(Value::as_str).unwrap_or("");
                self.describe(provided, text.split_whitespace().collect::<Vec<_>>().join(" "));
            }
        }
    }

    fn describe(&mut self, provided: bool, text: String) {
        let texts = if provided { &mut self.provided_texts } else { &mut self.responsibility_texts };
        if text.is_empty() || self.chars > TEXT_CHARS || texts.contains(&text) {
            return;
        }
        self.chars += text.chars().count() + 1;
        texts.push(text);
    }
}

/// The list under `key` of `v`; empty when there is none, and a warning when it is no list.
pub fn list<'v>(v: &'v Value, key: &str, at: &Location, diags: &mut Diagnostics) -> &'v [Value] {
    match v.get(key) {
        None | Some(Value::Null) => &[],
        Some(Value::Array(items)) => items,
        Some(_) => {
            diags.warning(at.with_field(key), format!("`{key}` is no list; left out"));
            &[]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn exports(owner: Value) -> (Exports, Seen) {
        let mut seen = Seen::default();
        let mut diags = Diagnostics::default();
        let e = Exports::of(&owner, &Location::at_path("ssp.json", "s"), &mut seen, &mut diags);
        assert!(diags.items.is_empty(), "{:?}", diags.items);
        (e, seen)
    }

    #[test]
    fn provided_and_responsibilities_over_all_by_components_make_the_answer() {
        let one = |export: Value| json!({"by-components": [{"uuid": "not-a-uuid", "export": export}]});
        let (e, _) = exports(one(json!({"provided": [{"description": "Hosts\n  patched."}]})));
        assert_eq!((e.status(), e.text().as_str()), (Some(Status::Inherited), "Hosts patched."));
        let (e, _) = exports(one(json!({"responsibilities": [{"description": "Rotate keys."}]})));
        assert_eq!((e.status(), e.text().as_str()), (Some(Status::Customer), "Customer responsibility: Rotate keys."));
        let (e, _) = exports(one(json!({"description": "only a description"})));
        assert_eq!(e.status(), None);
        // One component provides, another lists responsibilities: shared.
        let (e, seen) = exports(json!({"by-components": [
            {"export": {"provided": [{"description": "A."}, {"description": "A."}]}},
            {"export": {"responsibilities": [{"description": "B."}]}, "satisfied": []},
        ]}));
        assert_eq!((e.status(), e.text().as_str()), (Some(Status::Shared), "A. Customer responsibility: B."));
        assert!(seen.leveraging && seen.prototype.is_none());
    }

    #[test]
    fn the_srm_prototype_shape_counts_and_exportable_false_does_not() {
        let (e, seen) = exports(json!({"by-components": [{
            "provided": [{"description": "P.", "exportable": true}],
            "responsibilities": [{"description": "R.", "exportable": false}],
        }]}));
        assert_eq!(e.status(), Some(Status::Inherited));
        assert_eq!(seen.prototype.unwrap().to_string(), "ssp.json: s.by-components[0]");
    }

    #[test]
    fn the_text_is_bounded() {
        let long = "word ".repeat(5_000);
        let items: Vec<Value> = (0..50).map(|i| json!({"description": format!("{i} {long}")})).collect();
        let (e, _) = exports(json!({"by-components": [{"export": {"provided": items}}]}));
        assert_eq!(e.provided, 50);
        assert!(e.text().chars().count() < TEXT_CHARS + 40, "{}", e.text().len());
        assert!(e.provided_texts.len() == 1);
    }
}
