//! The consistency check: for the same service, two controls a crosswalk relates as equal
//! should have the same status, and a control that is a superset of another should hold its
//! status or be shared (a shared superset contains a customer or an inherited part); every pair
//! whose statuses disagree is a finding, with both rationales. Not-applicable cells and
//! withdrawn controls are left out.

use crate::diag::{Diagnostic, Location};
use crate::model::Status;
use crate::view::Matrix;

/// Two related controls whose statuses differ on one service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Indexes into `Matrix::controls`: `a` is equal to or a superset of `b`.
    pub a: usize,
    pub b: usize,
    /// Index into `Matrix::services`.
    pub service: usize,
    /// How `a` relates to `b` (equal, superset-of, equivalent).
    pub relationship: crate::crosswalk::Relationship,
    pub sources: String,
    pub rationale: String,
}

/// Every disagreement, by pair (in control order) and service (in inventory order).
pub fn find(m: &Matrix) -> Vec<Finding> {
    let mut out = Vec::new();
    for (a, list) in m.also_serves.iter().enumerate() {
        for x in list.iter().filter(|x| x.relationship.checked()) {
            let b = x.control;
            // An equal pair is seen from both ends: keep it once.
            if x.relationship != crate::crosswalk::Relationship::SupersetOf && b < a {
                continue;
            }
            let (ca, cb) = (&m.controls[a], &m.controls[b]);
            if ca.withdrawn.is_some() || cb.withdrawn.is_some() {
                continue;
            }
            for si in 0..m.services.len() {
                let (sa, sb) = (ca.cells[si].status, cb.cells[si].status);
                let superset_holds =
                    x.relationship == crate::crosswalk::Relationship::SupersetOf && sa == Status::Shared;
                if sa != sb && !superset_holds && sa != Status::NotApplicable && sb != Status::NotApplicable {
                    out.push(Finding {
                        a,
                        b,
                        service: si,
                        relationship: x.relationship,
                        sources: x.sources.join(", "),
                        rationale: x.rationale.clone(),
                    });
                }
            }
        }
    }
    out
}

/// The findings as `check` warnings: one per pair and pair of statuses, naming the services
/// and giving both rationales for the first of them.
pub fn warnings(m: &Matrix, findings: &[Finding]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < findings.len() {
        let f = &findings[i];
        let status = |ci: usize, si: usize| m.controls[ci].cells[si].status;
        let same = |g: &Finding| {
            g.a == f.a
                && g.b == f.b
                && status(g.a, g.service) == status(f.a, f.service)
                && status(g.b, g.service) == status(f.b, f.service)
        };
        let n = findings[i..].iter().take_while(|g| same(g)).count();
        let services: Vec<&str> = findings[i..i + n].iter().map(|g| m.services[g.service].id.as_str()).collect();
        let (ca, cb) = (&m.controls[f.a], &m.controls[f.b]);
        let (fa, fb) = (&m.frameworks[ca.framework].id, &m.frameworks[cb.framework].id);
        let si = f.service;
        out.push(Diagnostic::warning(
            Location::file("crosswalk consistency"),
            format!(
                "{fa} {} is {} but {fb} {} is {} on {} service(s) ({}), and {} {} {} ({}{}). {}: {} {}: {}",
                ca.id,
                status(f.a, si),
                cb.id,
                status(f.b, si),
                n,
                crate::ingest::oscal::list(&services.iter().map(|s| s.to_string()).collect::<Vec<_>>()),
                ca.id,
                f.relationship.words(),
                cb.id,
                f.sources,
                if f.rationale.is_empty() { String::new() } else { format!(": {}", f.rationale) },
                ca.id,
                m.rationale(ca, &ca.cells[si], si),
                cb.id,
                m.rationale(cb, &cb.cells[si], si),
            ),
        ));
        i += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crosswalk::{AlsoServes, Relationship};

    fn link(to: usize, relationship: Relationship) -> AlsoServes {
        let strength = relationship.strength().expect("not contrary");
        AlsoServes {
            control: to,
            relationship,
            strength,
            sources: vec!["x".into()],
            provenance: vec![],
            rationale: String::new(),
        }
    }

    /// Two controls on one service, `a` related to `b` (and `b` reading it back).
    fn pair(relationship: Relationship, a: Status, b: Status) -> Vec<Finding> {
        let mut m = crate::render::xlsx::tests::matrix(1, 2);
        m.controls[0].cells[0].status = a;
        m.controls[1].cells[0].status = b;
        m.also_serves = vec![vec![link(1, relationship)], vec![link(0, relationship.inverse())]];
        find(&m)
    }

    #[test]
    fn equal_pairs_must_agree_and_are_reported_once() {
        assert!(pair(Relationship::Equal, Status::Customer, Status::Customer).is_empty());
        let found = pair(Relationship::Equal, Status::Customer, Status::Inherited);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].a, found[0].b), (0, 1));
    }

    #[test]
    fn a_shared_superset_holds_either_part_but_not_the_other_way() {
        assert!(pair(Relationship::SupersetOf, Status::Shared, Status::Customer).is_empty());
        assert!(pair(Relationship::SupersetOf, Status::Shared, Status::Inherited).is_empty());
        assert_eq!(pair(Relationship::SupersetOf, Status::Inherited, Status::Customer).len(), 1);
        // Read from the subset's side, the same edge is the same one finding.
        let found = pair(Relationship::SubsetOf, Status::Shared, Status::Customer);
        // Control 1 is the superset and the customer's while its part, control 0, is shared.
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].a, found[0].b), (1, 0));
        // Partial and related links are never compared.
        assert!(pair(Relationship::IntersectsWith, Status::Inherited, Status::Customer).is_empty());
        assert!(pair(Relationship::Related, Status::Inherited, Status::Customer).is_empty());
        // Not applicable cells are left out.
        assert!(pair(Relationship::Equal, Status::NotApplicable, Status::Customer).is_empty());
    }
}
