//! YAML parsing with places: syntax errors become diagnostics at line:column.

use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

/// Parses YAML into `T`; a syntax or shape error names the file, line and column.
pub fn parse<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, Error> {
    crate::data::yaml_guard::check(name, text)?;
    serde_norway::from_str(text).map_err(|e| {
        let loc = match e.location() {
            Some(l) => Location::line(name, l.line(), l.column()),
            None => Location::file(name),
        };
        Error::unreadable(Diagnostic::error(loc, clean_message(&e.to_string())))
    })
}

/// Parses YAML into a JSON value, refusing a mapping that names one key twice (serde would keep
/// the last silently: `in_scope: no` then `in_scope: yes` would read as in scope).
pub fn parse_value(name: &str, text: &str) -> Result<serde_json::Value, Error> {
    crate::data::yaml_guard::check(name, text)?;
    crate::ingest::json_strict::from_deserializer(serde_norway::Deserializer::from_str(text)).map_err(|e| {
        let loc = match e.location() {
            Some(l) => Location::line(name, l.line(), l.column()),
            None => Location::file(name),
        };
        Error::unreadable(Diagnostic::error(loc, clean_message(&e.to_string())))
    })
}

/// serde_norway appends " at line X column Y" which the location already says, and quotes
/// whole values (`invalid type: string "…"`), which may be a local file's contents: the value
/// is left out, the place says where it is. Where the parser names the construct it was in and
/// where that began (an unclosed bracket), that second place is kept as `line:column`.
pub fn clean_message(msg: &str) -> String {
    let (head, context) = match msg.find(" at line ") {
        Some(i) => (&msg[..i], msg[i..].split_once(", ").map(|(_, c)| c)),
        None => (msg, None),
    };
    let opened = context.and_then(|c| {
        let (what, mark) = c.split_once(" at line ")?;
        let (line, column) = mark.split_once(" column ")?;
        Some(format!(" ({what} that began at {}:{})", line.trim(), column.trim()))
    });
    without_values(head) + &opened.unwrap_or_default()
}

/// `invalid type: string "whatever", expected …` → `invalid type: a string of 8 characters, …`.
pub fn without_values(msg: &str) -> String {
    let mut out = String::new();
    let mut rest = msg;
    while let Some(i) = rest.find("string \"") {
        let body = &rest[i + 8..];
        let end = body.rfind("\", expected").or_else(|| body.rfind('"')).unwrap_or(body.len());
        out.push_str(&rest[..i]);
        out.push_str(&format!("a string of {} characters", body[..end].chars().count()));
        rest = body.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The 1-based line of the first line containing `needle`, for pointing at a YAML entry.
pub fn line_of(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

/// The 1-based line of each block mapping key (`  aws:`, `- "gcp":`) in a text, the first where
/// one repeats, read in one pass, for placing the entries of a map with many keys.
pub struct KeyLines<'t>(std::collections::HashMap<&'t str, usize>);

impl<'t> KeyLines<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut map = std::collections::HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let t = line.trim_start().trim_start_matches("- ");
            if t.starts_with('#') {
                continue;
            }
            if let Some((key, _)) = t.split_once(':') {
                let key = key.trim().trim_matches(['"', '\'']);
                if !key.is_empty() {
                    map.entry(key).or_insert(n + 1);
                }
            }
        }
        KeyLines(map)
    }

    /// The line of the key `key`.
    pub fn of(&self, key: &str) -> Option<usize> {
        self.0.get(key).copied()
    }
}

/// The 1-based line of each `id: VALUE` in a text (block `- id: X` or flow `{id: "X", …}`), the
/// first where one repeats, read in one pass: a file of many entries with a problem each is
/// placed in time that grows with the file, not with its square as a search per entry would.
pub struct IdLines<'t>(std::collections::HashMap<&'t str, usize>);

impl<'t> IdLines<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut map = std::collections::HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(at) = rest.find("id:") {
                let starts_key =
                    at == 0 || !rest.as_bytes()[at - 1].is_ascii_alphanumeric() && rest.as_bytes()[at - 1] != b'_';
                let after = &rest[at + 3..];
                if starts_key {
                    let value = after.split([',', '}', '#']).next().unwrap_or("").trim().trim_matches(['"', '\'']);
                    if !value.is_empty() {
                        map.entry(value).or_insert(n + 1);
                    }
                }
                rest = after;
            }
        }
        IdLines(map)
    }

    /// The line of the entry whose id is `id`.
    pub fn of(&self, id: &str) -> Option<usize> {
        self.0.get(id.trim()).copied()
    }
}

/// Accepts a YAML scalar of any type as text (`version: 2.0` → "2.0").
pub fn scalar_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v = serde_norway::Value::deserialize(d)?;
    Ok(match v {
        serde_norway::Value::String(s) => s,
        serde_norway::Value::Number(n) => n.to_string(),
        serde_norway::Value::Bool(b) => b.to_string(),
        serde_norway::Value::Null => String::new(),
        other => return Err(serde::de::Error::custom(format!("expected text, found {other:?}"))),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_errors_do_not_quote_the_value() {
        let err = parse::<Vec<String>>("x.yaml", "TOPSECRET-value-of-a-local-file").unwrap_err().to_string();
        assert!(!err.contains("TOPSECRET"), "{err}");
        assert!(err.contains("a string of 31 characters"), "{err}");
        assert_eq!(without_values("invalid type: map, expected a string"), "invalid type: map, expected a string");
    }

    #[test]
    fn an_unclosed_bracket_is_reported_where_the_parser_stopped_and_where_it_opened() {
        let text = "services:\n  - name: Web\n    notes: [unclosed\n    provider: AWS\n";
        let err = parse::<serde_norway::Value>("inv.yaml", text).unwrap_err().to_string();
        assert!(err.contains("inv.yaml:4:"), "{err}");
        assert!(err.contains("(while parsing a flow sequence that began at 3:12)"), "{err}");
    }
}
