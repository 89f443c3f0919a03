//! Name-based UUIDs (RFC 4122 version 5) for the SSP: the same key gives the same id in every
//! quarter's plan, so an assessor's tool can follow a component or a requirement across them.

use sha1::{Digest, Sha1};

/// The fixed namespace every SSP id is derived in: the UUIDv5 of
/// `https://respmatrix/oscal/ssp` in RFC 4122's URL namespace. Never change it: every id of
/// every plan written so far would change with it.
pub const NAMESPACE: [u8; 16] =
    [0x7e, 0x8d, 0x45, 0x1b, 0x58, 0xe6, 0x59, 0x61, 0xbf, 0x4c, 0x37, 0xe6, 0x7b, 0x67, 0xf5, 0xde];

/// The UUIDv5 of `key` in `NAMESPACE`, lower-case hex with dashes.
pub fn v5(key: &str) -> String {
    v5_in(&NAMESPACE, key)
}

/// The UUIDv5 of `name` in any namespace (RFC 4122 §4.3).
pub fn v5_in(namespace: &[u8; 16], name: &str) -> String {
    let mut hasher = Sha1::new();
    hasher.update(namespace);
    hasher.update(name.as_bytes());
    let digest = hasher.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&digest[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}

/// A key from its parts, joined so that no two part lists give the same key: each part is
/// length-prefixed (`7:service/9:orders-db`).
pub fn key(parts: &[&str]) -> String {
    parts.iter().map(|p| format!("{}:{p}", p.len())).collect::<Vec<_>>().join("/")
}

/// The ids of one plan: every key is scoped by the organization, so two organizations' plans
/// never share an id while one organization's plans keep theirs quarter after quarter.
pub struct Ids {
    scope: String,
}

impl Ids {
    pub fn new(organization: &str) -> Ids {
        Ids { scope: organization.to_string() }
    }

    /// The id of the subject named by `parts` (`["component", "service", "orders-db"]`).
    pub fn of(&self, parts: &[&str]) -> String {
        let mut all = vec!["respmatrix-ssp", self.scope.as_str()];
        all.extend_from_slice(parts);
        v5(&key(&all))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_rfc_4122_example_and_python() {
        // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") in Python's documentation.
        let dns = [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8];
        assert_eq!(v5_in(&dns, "python.org"), "886313e1-3b8a-5372-9b90-0c9aee199e5d");
    }

    #[test]
    fn keys_do_not_collide_across_part_boundaries() {
        assert_ne!(key(&["a/b", "c"]), key(&["a", "b/c"]));
        assert_eq!(v5(&key(&["service", "orders-db"])), v5(&key(&["service", "orders-db"])));
        let id = v5("x");
        assert_eq!(&id[14..15], "5");
        assert!(matches!(&id[19..20], "8" | "9" | "a" | "b"));
    }
}
