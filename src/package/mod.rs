//! The evidence package an assessor receives: a BagIt (RFC 8493) bag of the report artifacts,
//! the exact inputs, the evidence files with their manifest, the request list and the Statement
//! of Applicability. Everything here is pure: builders return `(path, bytes)` lists and the CLI
//! writes them; `verify` checks a bag through a [`verify::BagSource`] the CLI opens.

pub mod bagit;
pub mod declared;
pub mod evidence;
pub mod index;
pub mod manifest;
pub mod names;
pub mod payload;
pub mod period;
pub mod requests;
pub mod sign;
pub mod soa;
pub mod verify;
pub mod zip;
pub mod zip_dups;

/// A file of the bag: its path inside the bag (`/`-separated) and its bytes.
pub type BagFile = (String, Vec<u8>);

/// Lower-case hex of some bytes.
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// Lower-case hex SHA-512 of some bytes.
pub fn sha512_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    hex(&sha2::Sha512::digest(bytes))
}
