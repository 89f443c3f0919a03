//! References declared in table cells: the inventory's Evidence column and the reviewers'
//! Evidence cells of a previous workbook (quarterly review). A cell holds paths or links
//! separated by `;` or line breaks; relative paths start at `base`, and a file must stay
//! inside it.

use super::evidence::{target, Declared, Reference, Serves};
use std::path::Path;

/// One reviewer's Evidence cell and the (framework, control, service) pair it was typed for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewerCell {
    pub framework: String,
    pub control: String,
    pub service: String,
    pub evidence: String,
    /// Where it was read, e.g. `previous/responsibility-matrix.xlsx[Customer Responsibilities]!M7`.
    pub origin: String,
}

/// The entries of a cell, trimmed, empty ones dropped.
fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', '\n']).map(str::trim).filter(|t| !t.is_empty())
}

/// The references of the inventory's Evidence column (in-scope services): one per `;`- or
/// line-separated entry, each serving every control of its service; `base` is the folder relative paths start from.
pub fn from_inventory(inventory: &crate::model::Inventory, base: &Path) -> Vec<Reference> {
    let mut out = Vec::new();
    for s in inventory.in_scope() {
        let Some(text) = &s.evidence else { continue };
        for (n, item) in entries(text).enumerate() {
            out.push(Reference {
                id: format!("INV-{}-{}", s.id, n + 1),
                declared: Declared::Inventory,
                origin: s.origin.to_string(),
                written: item.to_string(),
                target: target(item, base),
                base: Some(base.to_path_buf()),
                title: format!("Evidence for {} (inventory)", s.name),
                collected: None,
                effective: None,
                valid_until: None,
                source: "service inventory, Evidence column".into(),
                method: String::new(),
                serves: vec![Serves { service: Some(s.id.clone()), ..Default::default() }],
                attestation: None,
            });
        }
    }
    out
}

/// The references of reviewers' Evidence cells: each entry serves exactly the pair it was
/// typed for. Ids are `REV-` and a digest of the entry, so the same reference keeps its id
/// from quarter to quarter; the same entry typed for several pairs is one reference serving
/// them all.
pub fn from_reviewers(cells: &[ReviewerCell], base: &Path) -> Vec<Reference> {
    let mut out: Vec<Reference> = Vec::new();
    for c in cells {
        for item in entries(&c.evidence) {
            let serves = Serves {
                framework: Some(c.framework.clone()),
                control: Some(c.control.clone()),
                service: Some(c.service.clone()),
                ..Default::default()
            };
            if let Some(r) = out.iter_mut().find(|r| r.written == item) {
                r.serves.push(serves);
                continue;
            }
            let digest = crate::report::sha256_hex(item.as_bytes());
            out.push(Reference {
                id: format!("REV-{}", &digest[..10]),
                declared: Declared::Reviewer,
                origin: c.origin.clone(),
                written: item.to_string(),
                target: target(item, base),
                base: Some(base.to_path_buf()),
                title: "Evidence named by a reviewer".into(),
                collected: None,
                effective: None,
                valid_until: None,
                source: "reviewers' Evidence column of the previous report".into(),
                method: String::new(),
                serves: vec![serves],
                attestation: None,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(control: &str, service: &str, evidence: &str) -> ReviewerCell {
        ReviewerCell {
            framework: "soc2-2017".into(),
            control: control.into(),
            service: service.into(),
            evidence: evidence.into(),
            origin: "prev.xlsx[Customer Responsibilities]!M7".into(),
        }
    }

    #[test]
    fn one_entry_typed_on_several_pairs_is_one_reference_serving_them_all() {
        let base = Path::new("evidence");
        let cells = [
            cell("CC6.2", "orders-db", "q3/access.csv; https://wiki.example/x"),
            cell("CC6.3", "orders-db", "q3/access.csv"),
        ];
        let refs = from_reviewers(&cells, base);
        assert_eq!(refs.len(), 2);
        assert_eq!(refs[0].serves.len(), 2);
        assert!(refs[0].id.starts_with("REV-") && refs[0].declared == Declared::Reviewer);
        assert_eq!(refs[0].id, from_reviewers(&cells[1..], base)[0].id, "the id follows the entry");
        assert!(matches!(refs[1].target, super::super::evidence::Target::Url(_)));
    }
}
