//! `verify` beyond checksums: an optional Ed25519 signature (checked with the public key and
//! with plain openssl; a forgery that rebuilds the manifests passes the checksums and fails the
//! signature), links inside a bag, malformed manifest lines, a zip with two entries for one file.

mod common;
mod package_support;
use common::*;
use package_support::*;
use std::process::Command;

#[test]
fn a_signed_package_checks_with_its_public_key_and_with_openssl_and_a_rebuilt_manifest_fails() {
    if !have("openssl", "openssl") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let (key, public, other) = (dir.path().join("key.pem"), dir.path().join("pub.pem"), dir.path().join("other.pem"));
    let openssl = |args: &[&str]| {
        let o = Command::new("openssl").args(args).output().unwrap();
        assert!(o.status.success(), "openssl {args:?}: {}", stderr(&o));
    };
    openssl(&["genpkey", "-algorithm", "ed25519", "-out", s(&key)]);
    openssl(&["pkey", "-in", s(&key), "-pubout", "-out", s(&public)]);
    openssl(&["genpkey", "-algorithm", "ed25519", "-out", s(&dir.path().join("k2.pem"))]);
    openssl(&["pkey", "-in", s(&dir.path().join("k2.pem")), "-pubout", "-out", s(&other)]);
    let bag = dir.path().join("signed");
    package(&bag, &["--sign-key", s(&key), "--zip"]);
    let info = std::fs::read_to_string(bag.join("bag-info.txt")).unwrap();
    assert!(info.contains("Signing-Key-Fingerprint: sha256:"), "{info}");
    for target in [bag.clone(), dir.path().join("signed.zip")] {
        let ok = rm(&["verify", s(&target), "--pubkey", s(&public)]);
        assert_eq!(code(&ok), 0, "{}", stdout(&ok));
        assert!(stdout(&ok).contains("signature: valid"), "{}", stdout(&ok));
    }
    // The same check with plain openssl, as README and verify print it.
    let o = Command::new("openssl")
        .current_dir(&bag)
        .args(["pkeyutl", "-verify", "-pubin", "-inkey", s(&public), "-rawin"])
        .args(["-in", "tagmanifest-sha256.txt", "-sigfile", "tagmanifest-sha256.txt.sig"])
        .output()
        .unwrap();
    assert!(o.status.success(), "openssl pkeyutl -verify: {}{}", stdout(&o), stderr(&o));
    if let Some(python) = bagit_python() {
        let v = Command::new(python).args(["-m", "bagit", "--validate", s(&bag)]).output().unwrap();
        assert!(v.status.success(), "bagit --validate of a signed bag: {}", stderr(&v));
    }
    let wrong = rm(&["verify", s(&bag), "--pubkey", s(&other)]);
    assert_eq!(code(&wrong), 1, "{}", stdout(&wrong));

    // Someone changes a file and rebuilds both manifests: checksums agree, the signature does not.
    let sha = respmatrix::report::sha256_hex;
    let target = "data/request-list.csv";
    std::fs::write(bag.join(target), b"request_id\nREQ-forged\n").unwrap();
    let manifest = std::fs::read_to_string(bag.join("manifest-sha256.txt")).unwrap();
    let forged: String = manifest
        .lines()
        .map(|l| match l.ends_with(target) {
            true => format!("{}  {target}\n", sha(&std::fs::read(bag.join(target)).unwrap())),
            false => format!("{l}\n"),
        })
        .collect();
    std::fs::write(bag.join("manifest-sha256.txt"), &forged).unwrap();
    std::fs::remove_file(bag.join("manifest-sha512.txt")).unwrap();
    let info_bytes = std::fs::read(bag.join("bag-info.txt")).unwrap();
    let octets: u64 = tree(&bag.join("data")).iter().map(|(_, b)| b.len() as u64).sum();
    let files = tree(&bag.join("data")).len();
    let info = String::from_utf8(info_bytes).unwrap();
    let info: String =
        info.lines()
            .map(|l| {
                if l.starts_with("Payload-Oxum") {
                    format!("Payload-Oxum: {octets}.{files}\n")
                } else {
                    format!("{l}\n")
                }
            })
            .collect();
    std::fs::write(bag.join("bag-info.txt"), &info).unwrap();
    let tags: String = ["bag-info.txt", "bagit.txt", "manifest-sha256.txt"]
        .iter()
        .map(|t| format!("{}  {t}\n", sha(&std::fs::read(bag.join(t)).unwrap())))
        .collect();
    std::fs::write(bag.join("tagmanifest-sha256.txt"), tags).unwrap();
    let unsigned_check = rm(&["verify", s(&bag)]);
    assert_eq!(code(&unsigned_check), 0, "the forgery should pass the checksums: {}", stdout(&unsigned_check));
    let forged = rm(&["verify", s(&bag), "--pubkey", s(&public)]);
    assert_eq!(code(&forged), 1, "{}", stdout(&forged));
    assert!(
        stdout(&forged).contains("signature: tagmanifest-sha256.txt.sig: the signature does not match"),
        "{}",
        stdout(&forged)
    );
}

#[cfg(unix)]
#[test]
fn verify_follows_no_link_and_names_a_malformed_manifest_line() {
    let dir = tempfile::tempdir().unwrap();
    let bag = dir.path().join("hand-made");
    std::fs::create_dir_all(bag.join("data")).unwrap();
    std::fs::write(bag.join("bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n").unwrap();
    std::fs::write(bag.join("data/x.txt"), "x").unwrap();
    let line = format!("{}  data/x.txt\n", respmatrix::report::sha256_hex(b"x"));
    std::fs::write(bag.join("manifest-sha256.txt"), &line).unwrap();
    let ok = verify(&bag);
    assert_eq!(code(&ok), 0, "{}", stdout(&ok));

    std::os::unix::fs::symlink("/etc/hostname", bag.join("data/elsewhere.txt")).unwrap();
    std::fs::write(bag.join("manifest-sha256.txt"), format!("{line}not a checksum line\n")).unwrap();
    let v = verify(&bag);
    assert_eq!(code(&v), 1, "{}", stdout(&v));
    assert!(stdout(&v).contains("unreadable: data/elsewhere.txt: a symbolic link; not followed"), "{}", stdout(&v));
    assert!(stdout(&v).contains("malformed: manifest-sha256.txt: line 2"), "{}", stdout(&v));
}

/// The package's zip rebuilt with a tampered copy of data/request-list.csv before the genuine
/// one, under the entry name `spelled` (`…/x.csX` is patched to `…/x.csv` afterwards, as the
/// zip writer refuses a repeated name).
fn zip_with_a_second_entry(genuine: &std::path::Path, spelled: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut src = zip::ZipArchive::new(std::fs::File::open(genuine).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name.ends_with("data/request-list.csv") {
            out.start_file(name.replace("data/request-list.csv", spelled), opts).unwrap();
            out.write_all(b"request_id,what\nREQ-1,tampered copy\n").unwrap();
        }
        out.start_file(name, opts).unwrap();
        out.write_all(&bytes).unwrap();
    }
    let mut zipped = out.finish().unwrap().into_inner();
    let (from, to) = (b"data/request-list.csX", b"data/request-list.csv");
    for k in 0..zipped.len().saturating_sub(from.len()) {
        if &zipped[k..k + from.len()] == from {
            zipped[k..k + from.len()].copy_from_slice(to);
        }
    }
    zipped
}

#[test]
fn a_zip_with_two_entries_for_one_file_is_invalid_and_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let bag = dir.path().join("pkg");
    package(&bag, &["--zip"]);
    let genuine = dir.path().join("pkg.zip");
    assert_eq!(code(&verify(&genuine)), 0, "{}", stdout(&verify(&genuine)));
    for (spelled, says) in [
        ("data/request-list.csX", "data/request-list.csv: the zip holds 2 entries of this name"),
        ("data/./request-list.csv", "data/request-list.csv: the zip holds 2 entries for this file"),
    ] {
        let tampered = dir.path().join("dup.zip");
        std::fs::write(&tampered, zip_with_a_second_entry(&genuine, spelled)).unwrap();
        let v = verify(&tampered);
        assert_eq!(code(&v), 1, "{spelled}: {}", stdout(&v));
        assert!(stdout(&v).contains(&format!("unreadable: {says}")), "{spelled}: {}", stdout(&v));
        assert!(stdout(&v).contains("INVALID: "), "{}", stdout(&v));
    }
}
