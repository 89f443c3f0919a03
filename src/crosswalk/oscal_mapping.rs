//! An OSCAL 1.2 `mapping-collection` (JSON): `mappings[{source-resource, target-resource,
//! maps[{uuid, relationship, sources[{id-ref}], targets[{id-ref}], confidence-score}]}]`. Each
//! (source, target) pair of a map becomes one set-theory edge; `no-relationship` maps are left out.

use super::edge::{Edge, End, Relationship, Style};
use super::{scheme, too_many, Crosswalk, EDGES_MAX};
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use serde_json::Value;

/// Reads a mapping collection; a collection whose maps all claim one relationship gets a warning
/// (a concept crosswalk dressed as set theory reads as a tested claim).
pub fn parse(name: &str, text: &str) -> Result<(Crosswalk, Diagnostics)> {
    let fail = |path: String, msg: String| Error::unreadable(Diagnostic::error(Location::at_path(name, path), msg));
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        Error::unreadable(Diagnostic::error(
            Location::line(name, e.line(), e.column()),
            format!("not JSON: {}", crate::data::yaml::clean_message(&e.to_string())),
        ))
    })?;
    let mc = doc.get("mapping-collection").ok_or_else(|| {
        fail(String::new(), "not an OSCAL mapping collection: no top-level \"mapping-collection\"".into())
    })?;
    let title = str_at(mc, &["metadata", "title"]).unwrap_or("OSCAL mapping collection").to_string();
    let mappings = mc
        .get("mappings")
        .and_then(Value::as_array)
        .ok_or_else(|| fail("mapping-collection.mappings".into(), "missing or not a list".into()))?;
    let mut diags = Diagnostics::default();
    let mut edges = Vec::new();
    let mut claimed = std::collections::BTreeSet::new();
    for (mi, m) in mappings.iter().enumerate() {
        let here = format!("mapping-collection.mappings[{mi}]");
        let maps =
            m.get("maps").and_then(Value::as_array).ok_or_else(|| fail(format!("{here}.maps"), "missing".into()))?;
        let first = |side: &str| {
            maps.iter().find_map(|x| x.get(side)?.as_array()?.first()?.get("id-ref")?.as_str().map(str::to_string))
        };
        let from_fw = framework(m.get("source-resource"), first("sources").as_deref());
        let to_fw = framework(m.get("target-resource"), first("targets").as_deref());
        for (k, map) in maps.iter().enumerate() {
            let at = format!("{here}.maps[{k}]");
            let rel_text = map.get("relationship").and_then(Value::as_str).unwrap_or("");
            if rel_text.eq_ignore_ascii_case("no-relationship") {
                continue;
            }
            let Some(relationship) = Relationship::parse(rel_text).filter(|r| r.style() == Style::SetTheory) else {
                diags.error(
                    Location::at_path(name, format!("{at}.relationship")),
                    format!(
                        "unknown relationship \"{}\" (OSCAL: equivalent-to, equal-to, subset-of, superset-of, \
                         intersects-with, no-relationship)",
                        crate::diag::excerpt(rel_text, 60)
                    ),
                );
                continue;
            };
            claimed.insert(relationship);
            let uuid = map.get("uuid").and_then(Value::as_str).unwrap_or("");
            let confidence = map.get("confidence-score").and_then(|c| c.get("percentage")).and_then(Value::as_f64);
            let mut rationale = map
                .get("matching-rationale")
                .or_else(|| mc.get("provenance").and_then(|p| p.get("matching-rationale")))
                .and_then(Value::as_str)
                .map(|r| format!("{r} match"))
                .unwrap_or_default();
            if let Some(c) = confidence {
                rationale = format!("{rationale}{}confidence {c}", if rationale.is_empty() { "" } else { ", " });
            }
            for s in ids(map.get("sources")) {
                for t in ids(map.get("targets")) {
                    if edges.len() >= EDGES_MAX {
                        return Err(too_many(Location::at_path(name, at)));
                    }
                    edges.push(Edge {
                        from: End::new(&from_fw, s),
                        to: End::new(&to_fw, t),
                        relationship,
                        style: Style::SetTheory,
                        rationale: rationale.clone(),
                        crosswalk: title.clone(),
                        provenance: format!("{name}: {at} ({uuid})"),
                    });
                }
            }
        }
    }
    crate::error::fail_on_errors(&diags)?;
    if claimed.len() == 1 && edges.len() >= 20 {
        let rel = claimed.iter().next().expect("one").id();
        diags.warning(
            Location::file(name),
            format!(
                "every map of \"{title}\" says {rel}: read as stated (set theory). If it is really a concept crosswalk \
                 (related only), list it in the project file as `crosswalks: [{{file: …, style: concept-crosswalk}}]`"
            ),
        );
    }
    let source = str_at(mc, &["provenance", "mapping-description"]).unwrap_or("").to_string();
    Ok((Crosswalk { id: title.clone(), title, source, origin: name.to_string(), edges }, diags))
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_str()
}

fn ids(v: Option<&Value>) -> impl Iterator<Item = &str> {
    v.and_then(Value::as_array).into_iter().flatten().filter_map(|x| x.get("id-ref")?.as_str())
}

/// The framework a resource names (its href or title), else the shape of its first id, else
/// the href's file stem.
fn framework(resource: Option<&Value>, first_id: Option<&str>) -> String {
    let text = resource.and_then(|r| r.get("href").or_else(|| r.get("title"))).and_then(Value::as_str).unwrap_or("");
    if let Some(s) = scheme::from_name(text).or_else(|| first_id.and_then(scheme::from_id)) {
        return s.to_string();
    }
    let stem = std::path::Path::new(text).file_stem().and_then(|s| s.to_str()).unwrap_or("unknown");
    stem.to_string()
}
