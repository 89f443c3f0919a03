//! Crosswalk mappings that name a control its framework's catalog does not have (a typo such as
//! `PR.AA-5O`, or `CC9.9`): they relate nothing, so each is a warning at its mapping, as an
//! override naming a missing control is. Only a side whose catalog the run loaded is checked.

use super::{scheme, Crosswalk, Edge};
use crate::diag::{Diagnostics, Location};
use crate::model::{control_id, Catalog};
use std::collections::HashSet;

/// Warnings listed per crosswalk before the rest are counted in one line.
const SHOWN_MAX: usize = 20;

/// A warning for each mapping of `crosswalks` whose `from` or `to` control is not in the loaded
/// catalog of its framework.
pub fn check(catalogs: &[Catalog], crosswalks: &[Crosswalk]) -> Diagnostics {
    // Per catalog: every control key, and ISO ids without their "A." as the linker finds them.
    let keys: Vec<HashSet<String>> = catalogs
        .iter()
        .map(|c| {
            let mut set = HashSet::new();
            for k in c.controls.iter().map(|x| control_id::key(&x.id)) {
                if let Some(short) = k.strip_prefix("a.") {
                    set.insert(short.to_string());
                }
                set.insert(k);
            }
            set
        })
        .collect();
    let mut diags = Diagnostics::default();
    for cw in crosswalks {
        let mut unknown = 0usize;
        for e in &cw.edges {
            for (field, end) in [("from", &e.from), ("to", &e.to)] {
                let loaded: Vec<usize> =
                    (0..catalogs.len()).filter(|&i| scheme::names_catalog(&end.framework, &catalogs[i])).collect();
                if loaded.is_empty() || loaded.iter().any(|&i| keys[i].contains(&end.key)) {
                    continue;
                }
                unknown += 1;
                if unknown <= SHOWN_MAX {
                    diags.warning(
                        place(cw, e, field),
                        format!(
                            "\"{}\" is not a control of {}: this mapping relates nothing",
                            crate::diag::excerpt(&end.control, 80),
                            catalogs[loaded[0]].id
                        ),
                    );
                }
            }
        }
        if unknown > SHOWN_MAX {
            diags.warning(
                Location::file(&cw.origin),
                format!("{} more mapping ends name controls no loaded catalog has", unknown - SHOWN_MAX),
            );
        }
    }
    diags
}

/// The mapping's place: `file: mappings[3].from` for the YAML format, else where its edge was
/// read (file and row).
fn place(cw: &Crosswalk, e: &Edge, field: &str) -> Location {
    let path = e.provenance.strip_prefix(cw.origin.as_str()).and_then(|rest| rest.strip_prefix(": "));
    match path.and_then(|p| p.split(' ').next()).filter(|p| p.starts_with("mappings[")) {
        Some(p) => Location::at_path(&cw.origin, format!("{p}.{field}")),
        None => Location::file(format!("{} ({field})", e.provenance)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crosswalk::yaml_format;
    use crate::model::Control;

    #[test]
    fn a_mapping_to_a_missing_control_is_a_warning_at_its_entry() {
        let cat = |id: &str, controls: &[&str]| Catalog {
            id: id.into(),
            controls: controls.iter().map(|c| Control { id: c.to_string(), ..Control::default() }).collect(),
            ..Catalog::default()
        };
        let catalogs = [cat("a", &["X-1", "X-2"]), cat("b", &["Y-1"])];
        let text = "id: t\nfrom: a\nto: b\nmappings:\n  - {from: X-1, to: Y-1, relationship: equal}\n  \
                    - {from: X-I, to: Y-1, relationship: equal}\n  - {from: X-2, to: Y-9, relationship: equal}\n";
        let cw = yaml_format::parse("xw.yaml", text).unwrap();
        let d = check(&catalogs, &[cw]);
        let said: Vec<String> = d.warnings().map(|w| w.to_string()).collect();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].starts_with("warning: xw.yaml: mappings[1].from: \"X-I\" is not a control of a"), "{said:?}");
        assert!(said[1].starts_with("warning: xw.yaml: mappings[2].to: \"Y-9\" is not a control of b"), "{said:?}");
    }
}
