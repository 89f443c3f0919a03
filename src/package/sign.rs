//! Optional signatures, offline only: an Ed25519 signature over `tagmanifest-sha256.txt`
//! (which covers the payload manifests and `bag-info.txt`), stored raw as
//! `tagmanifest-sha256.txt.sig`. Keys are PKCS#8 PEM files as `openssl genpkey -algorithm
//! ed25519` writes them, so an assessor can check the signature with plain openssl
//! ([`OPENSSL_VERIFY`]) as well as with `respmatrix verify --pubkey`.

use super::hex;
use ed25519_dalek::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePublicKey};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::Digest;

/// The signature file at the bag's top.
pub const SIG_FILE: &str = "tagmanifest-sha256.txt.sig";

/// The command that checks the signature without respmatrix (OpenSSL 3).
pub const OPENSSL_VERIFY: &str =
    "openssl pkeyutl -verify -pubin -inkey PUBLIC-KEY.pem -rawin -in tagmanifest-sha256.txt -sigfile tagmanifest-sha256.txt.sig";

/// A private key from PKCS#8 PEM text (the key's bytes are never quoted in a message).
pub fn signing_key(pem: &str) -> Result<SigningKey, String> {
    SigningKey::from_pkcs8_pem(pem).map_err(|_| {
        "not an Ed25519 private key in PKCS#8 PEM (openssl genpkey -algorithm ed25519 -out key.pem)".into()
    })
}

/// A public key from SPKI PEM text (`openssl pkey -in key.pem -pubout -out pub.pem`).
pub fn verifying_key(pem: &str) -> Result<VerifyingKey, String> {
    VerifyingKey::from_public_key_pem(pem)
        .map_err(|_| "not an Ed25519 public key in PEM (openssl pkey -in key.pem -pubout -out pub.pem)".into())
}

/// `sha256:` and the hex SHA-256 of the public key's DER encoding (`openssl pkey -pubin -in
/// pub.pem -outform DER | sha256sum` prints the same digest).
pub fn fingerprint(key: &VerifyingKey) -> String {
    let der = key.to_public_key_der().map(|d| d.as_bytes().to_vec()).unwrap_or_default();
    format!("sha256:{}", hex(&sha2::Sha256::digest(der)))
}

/// The raw 64-byte signature of the tag manifest.
pub fn sign(key: &SigningKey, tagmanifest: &[u8]) -> Vec<u8> {
    key.sign(tagmanifest).to_bytes().to_vec()
}

/// Checks a signature of the tag manifest.
pub fn check(key: &VerifyingKey, tagmanifest: &[u8], sig: &[u8]) -> Result<(), String> {
    let sig = Signature::from_slice(sig).map_err(|_| format!("{SIG_FILE}: not a 64-byte Ed25519 signature"))?;
    key.verify_strict(tagmanifest, &sig)
        .map_err(|_| format!("{SIG_FILE}: the signature does not match tagmanifest-sha256.txt for this public key"))
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 8032 test 1's secret key, as `openssl genpkey` would write it.
    const KEY: &str = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n-----END PRIVATE KEY-----\n";

    #[test]
    fn a_signature_checks_and_a_changed_manifest_does_not() {
        let key = signing_key(KEY).unwrap();
        let public = key.verifying_key();
        let pem = public.to_public_key_pem(Default::default()).unwrap();
        let vk = verifying_key(&pem).unwrap();
        let sig = sign(&key, b"abc  data/x\n");
        assert_eq!(sig.len(), 64);
        assert!(check(&vk, b"abc  data/x\n", &sig).is_ok());
        assert!(check(&vk, b"abd  data/x\n", &sig).is_err());
        assert!(fingerprint(&vk).starts_with("sha256:"));
        assert!(signing_key("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n").is_err());
    }
}
