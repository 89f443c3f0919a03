//! Stable responsibility ids: derived from what the responsibility is (framework, control,
//! service and the organization's part), never from row numbers, so they survive regrouped
//! rows, reordered inventories and new services, and change only when the responsibility does.

use crate::model::{control_id, LayerSet, Status};
use sha2::{Digest, Sha256};

/// Hex digits of the digest an id keeps: 48 bits, so 500,000 pairs collide with odds of about
/// one in 2,000 (and a collision only merges two reviews, which the carry then flags).
const DIGITS: usize = 12;

/// The id of one (control, service) pair: `R-` and 12 hex digits of SHA-256 over the framework,
/// the normalized control id, the service id, the status and the organization's layers.
pub fn pair_id(framework: &str, control_key: &str, service: &str, part: &Part) -> String {
    let mut out = String::with_capacity(2 + DIGITS);
    PairIds::new(framework, control_key).push(&mut out, service, part);
    out
}

/// `pair_id` for the services of one control: the framework and the control are hashed once,
/// each service's id then continues from there (the same digest, since SHA-256 is a stream).
pub struct PairIds(Sha256);

impl PairIds {
    pub fn new(framework: &str, control_key: &str) -> PairIds {
        let mut h = Sha256::new();
        for piece in [framework, control_key] {
            h.update(piece.as_bytes());
            h.update([0]);
        }
        PairIds(h)
    }

    /// Appends the pair id of `service` with `part` to `out`.
    pub fn push(&self, out: &mut String, service: &str, part: &Part) {
        let layers = |s: LayerSet| s.iter().map(|l| l.id());
        self.push_of(out, service, part.status.id(), layers(part.customer), layers(part.shared));
    }

    /// `push` with the part as text: the bytes both ids hash, each piece and each set of layer
    /// ids, without collecting the layers (a matrix.json computes a million of these).
    fn push_of<'a>(
        &self,
        out: &mut String,
        service: &str,
        status: &str,
        customer: impl Iterator<Item = &'a str>,
        shared: impl Iterator<Item = &'a str>,
    ) {
        let mut h = self.0.clone();
        for piece in [service, status] {
            h.update(piece.as_bytes());
            h.update([0]);
        }
        for l in customer {
            h.update(l.as_bytes());
            h.update([b',']);
        }
        h.update([0]);
        for l in shared {
            h.update(l.as_bytes());
            h.update([b',']);
        }
        h.update([0]);
        out.push_str("R-");
        push_hex(out, &h.finalize());
    }
}

/// `pair_id` from the part as text (a status id and layer ids in stack order), as a reviewed
/// workbook's Review Index gives it back.
pub fn pair_id_of<S: AsRef<str>>(
    framework: &str,
    control_key: &str,
    service: &str,
    status: &str,
    customer: &[S],
    shared: &[S],
) -> String {
    let (customer, shared) = (customer.iter().map(AsRef::as_ref), shared.iter().map(AsRef::as_ref));
    let mut out = String::with_capacity(2 + DIGITS);
    PairIds::new(framework, control_key).push_of(&mut out, service, status, customer, shared);
    out
}

/// The id of a Customer Responsibilities row: `CR-` and 12 hex digits over the framework, the
/// normalized control id, the organization's part and the statement the row shows (its
/// services are not part of it: a service joining the row keeps the row's id).
pub fn row_id(framework: &str, control_key: &str, part: &Part, statement: &str, decided: &str) -> String {
    let mut h = Sha256::new();
    for piece in [framework, control_key, part.status.id(), statement, decided] {
        h.update(piece.as_bytes());
        h.update([0]);
    }
    layers(&mut h, part);
    format!("CR-{}", hex(&h.finalize()))
}

/// The layers by id (not by bit position, so a new layer in a later version keeps old ids).
fn layers(h: &mut Sha256, part: &Part) {
    for set in [part.customer, part.shared] {
        for l in set.iter() {
            h.update(l.id().as_bytes());
            h.update([b',']);
        }
        h.update([0]);
    }
}

/// The organization's part of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Part {
    pub status: Status,
    pub customer: LayerSet,
    pub shared: LayerSet,
}

/// A control id as ids and pairings see it (`AC-2(1)` = `ac-2.1`).
pub fn control_key(id: &str) -> String {
    control_id::key(id)
}

/// A short digest of a text, for telling whether a statement changed.
pub fn text_digest(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(DIGITS);
    push_hex(&mut out, bytes);
    out
}

/// Appends the first `DIGITS` hex digits of `bytes`.
fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGIT: &[u8; 16] = b"0123456789abcdef";
    for b in bytes.iter().take(DIGITS / 2) {
        out.push(DIGIT[usize::from(b >> 4)] as char);
        out.push(DIGIT[usize::from(b & 15)] as char);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Layer;

    #[test]
    fn ids_follow_the_responsibility_not_the_position() {
        let part =
            Part { status: Status::Customer, customer: [Layer::Data].into_iter().collect(), shared: LayerSet::EMPTY };
        let a = pair_id("soc2-2017", &control_key("CC6.1"), "orders-db", &part);
        assert_eq!(a, pair_id("soc2-2017", &control_key("cc6.1"), "orders-db", &part));
        assert!(a.starts_with("R-") && a.len() == 14, "{a}");
        assert_ne!(a, pair_id("soc2-2017", &control_key("CC6.1"), "web", &part));
        let mut pushed = String::from("x");
        PairIds::new("soc2-2017", &control_key("CC6.1")).push(&mut pushed, "orders-db", &part);
        assert_eq!(pushed, format!("x{a}"), "the per-control hasher gives the same id");
        let shared = Part { status: Status::Shared, ..part };
        assert_ne!(a, pair_id("soc2-2017", &control_key("CC6.1"), "orders-db", &shared));
        let r = row_id("soc2-2017", "cc6.1", &part, "The organization …", "model:paas");
        assert!(r.starts_with("CR-") && r.len() == 15, "{r}");
    }

    #[test]
    fn an_id_from_the_part_is_the_id_a_reviewed_workbook_gives_back_as_text() {
        let part = Part {
            status: Status::Shared,
            customer: [Layer::Data, Layer::Identity].into_iter().collect(),
            shared: [Layer::NetworkConfig].into_iter().collect(),
        };
        let names = |s: LayerSet| s.iter().map(|l| l.id()).collect::<Vec<_>>();
        let text = pair_id_of("nist-csf-2.0", "pr.aa-01", "web", "shared", &names(part.customer), &names(part.shared));
        assert_eq!(pair_id("nist-csf-2.0", "pr.aa-01", "web", &part), text);
        // Pinned: ids in reviewed workbooks and ledgers must keep matching.
        assert_eq!(pair_id_of::<&str>("soc2-2017", "cc6.1", "orders-db", "customer", &["data"], &[]), "R-ea430a8f0d38");
    }
}
