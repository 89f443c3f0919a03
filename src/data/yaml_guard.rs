//! Checks a YAML text before it is parsed for real: flow collections (`[[[…` and `{{{…`) nested
//! deeper than `NESTING_MAX` (libyaml takes quadratic time on those), and aliases that expand
//! to more than `YAML_EXPANDED_MAX` of text (a kilobyte anchor repeated through aliases).
//! The expansion is measured by walking the document without keeping anything.

use crate::diag::Location;
use crate::error::Error;
use crate::ingest::limits::{self, NESTING_MAX, YAML_EXPANDED_MAX};
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};
use std::cell::Cell;
use std::fmt;

const OVER: &str = "respmatrix: expansion limit";

/// Refuses over-deep flow nesting and alias bombs; other problems are left to the parser.
pub fn check(name: &str, text: &str) -> Result<(), Error> {
    if let Some((line, col)) = deep_flow(text) {
        return Err(limits::exceeded(
            Location::line(name, line, col),
            format!("flow collections ([…] or {{…}}) nested deeper than {NESTING_MAX} levels"),
        ));
    }
    if !text.contains('&') || !text.contains('*') {
        return Ok(());
    }
    let used = Cell::new(0u64);
    let de = serde_norway::Deserializer::from_str(text);
    match Meter(&used).deserialize(de) {
        Err(e) if e.to_string().contains(OVER) => Err(limits::exceeded(
            Location::file(name),
            format!(
                "the YAML's aliases (*name) expand to more than {} of text; respmatrix reads at most that",
                limits::bytes(YAML_EXPANDED_MAX)
            ),
        )),
        _ => Ok(()),
    }
}

/// The line and column where bracket nesting first passes the limit, skipping quoted text and
/// comments (a conservative count: plain text brackets count too, closing ones never below 0).
fn deep_flow(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (n, line) in text.lines().enumerate() {
        let mut quote: Option<char> = None;
        let mut prev = ' ';
        for (col, c) in line.chars().enumerate() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"') | (None, '\'') if prev.is_whitespace() || "[{,:".contains(prev) => quote = Some(c),
                (None, '#') if prev.is_whitespace() => break,
                (None, '[') | (None, '{') => {
                    depth += 1;
                    if depth > NESTING_MAX {
                        return Some((n + 1, col + 1));
                    }
                }
                (None, ']') | (None, '}') => depth = depth.saturating_sub(1),
                _ => {}
            }
            prev = c;
        }
    }
    None
}

/// Walks a document, charging each scalar's length (and a node's overhead) to a budget.
#[derive(Clone, Copy)]
struct Meter<'a>(&'a Cell<u64>);

impl Meter<'_> {
    fn charge<E: de::Error>(&self, n: usize) -> Result<(), E> {
        let used = self.0.get() + n as u64 + 16;
        self.0.set(used);
        match used > YAML_EXPANDED_MAX {
            true => Err(E::custom(OVER)),
            false => Ok(()),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Meter<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Meter<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML")
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.charge(v.len())
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.charge(0)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.charge(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.charge(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alias_bombs_and_deep_flows_are_refused() {
        let mut bomb = format!("a: &a \"{}\"\n", "x".repeat(100_000));
        bomb.push_str("b: &b [");
        bomb.push_str(&vec!["*a"; 1000].join(", "));
        bomb.push_str("]\nc: [");
        bomb.push_str(&vec!["*b"; 1000].join(", "));
        bomb.push_str("]\n");
        let err = check("bomb.yaml", &bomb).unwrap_err().to_string();
        assert!(err.contains("bomb.yaml") && err.contains("64 MiB"), "{err}");

        let deep = format!("x: {}{}\n", "[".repeat(5000), "]".repeat(5000));
        let err = check("deep.yaml", &deep).unwrap_err().to_string();
        assert!(err.contains("deep.yaml:1:104") && err.contains("100 levels"), "{err}");

        let fine = "base: &b {owner: provider}\nother: *b\ntitle: \"a [quoted\"\nnote: it's [fine] # {{{{\n";
        check("ok.yaml", fine).unwrap();
    }
}
