//! Checks a bag the way an assessor's tools do: every file a payload manifest lists is there
//! with the same SHA-256 / SHA-512, every payload file is listed, the tag manifest matches, and
//! `bag-info.txt`'s Payload-Oxum counts the payload's octets and files. The bag is read through
//! a [`BagSource`] (a folder or a zip, opened by the caller), one file streamed at a time.

use super::bagit::{info_value, BAGIT_TXT, BAG_INFO, TAGMANIFEST_SHA256};
use super::hex;
use super::sign::SIG_FILE;
use sha2::Digest;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::io::Read;

/// Tag files (manifests, bagit.txt, bag-info.txt) are read whole, up to this size.
const TAG_FILE_MAX: u64 = 64 << 20;

/// A bag to check: its files and a way to stream each one.
pub trait BagSource {
    /// Every regular file, `/`-separated, relative to the bag's top folder.
    fn files(&self) -> Vec<String>;
    /// Entries that were not read: links, devices, unsafe names (with why).
    fn refused(&self) -> Vec<(String, String)>;
    /// Streams one file.
    fn open(&mut self, path: &str) -> std::io::Result<Box<dyn Read + '_>>;
}

/// What is wrong with one file of a bag.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Problem {
    /// Listed in a manifest, not in the bag.
    Missing { path: String, manifest: String },
    /// In the payload, not listed in the manifest.
    Extra { path: String, manifest: String },
    /// A checksum differs.
    Altered { path: String, manifest: String, expected: String, found: String },
    /// Payload-Oxum says other octets or file counts.
    Oxum { expected: String, found: String },
    /// A tag file is not what BagIt expects.
    Malformed { path: String, why: String },
    /// An entry that was not read (a link, a device, an unsafe name) or could not be read.
    Unreadable { path: String, why: String },
    /// The signature is absent or does not match (`verify --pubkey`).
    Signature { why: String },
}

impl Problem {
    /// The file the problem is about.
    pub fn path(&self) -> &str {
        match self {
            Problem::Missing { path, .. }
            | Problem::Extra { path, .. }
            | Problem::Altered { path, .. }
            | Problem::Malformed { path, .. }
            | Problem::Unreadable { path, .. } => path,
            Problem::Oxum { .. } => BAG_INFO,
            Problem::Signature { .. } => SIG_FILE,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing { path, manifest } => write!(f, "missing: {path} (listed in {manifest}, not in the bag)"),
            Problem::Extra { path, manifest } => write!(f, "extra: {path} (in the bag, not listed in {manifest})"),
            Problem::Altered { path, manifest, expected, found } => {
                write!(f, "altered: {path} ({manifest} says {expected}, the file's is {found})")
            }
            Problem::Oxum { expected, found } => {
                write!(f, "altered: {BAG_INFO} Payload-Oxum is {expected}, the payload is {found} (octets.files)")
            }
            Problem::Malformed { path, why } => write!(f, "malformed: {path}: {why}"),
            Problem::Unreadable { path, why } => write!(f, "unreadable: {path}: {why}"),
            Problem::Signature { why } => write!(f, "signature: {why}"),
        }
    }
}

/// The result of checking a bag.
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    pub payload_files: usize,
    pub payload_bytes: u64,
    /// The manifests checked, e.g. `manifest-sha256.txt`.
    pub checked: Vec<String>,
    /// Manifests of algorithms respmatrix does not compute (listed, not checked).
    pub skipped: Vec<String>,
    pub problems: Vec<Problem>,
    /// Whether the bag holds a signature file.
    pub signed: bool,
}

impl Outcome {
    pub fn valid(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Digests and size of one file.
struct Sums {
    sha256: String,
    sha512: String,
    size: u64,
}

/// Checks a bag. `Err` when it is not a bag at all (no `bagit.txt`, or it cannot be read).
pub fn verify(src: &mut dyn BagSource) -> Result<Outcome, String> {
    let files = src.files();
    let all: BTreeSet<&str> = files.iter().map(String::as_str).collect();
    if !all.contains(BAGIT_TXT) {
        return Err(format!("no {BAGIT_TXT}: not a BagIt bag"));
    }
    let mut out = Outcome { signed: all.contains(SIG_FILE), ..Outcome::default() };
    let declaration = read_text(src, BAGIT_TXT).map_err(|e| format!("{BAGIT_TXT}: {e}"))?;
    if !declaration.lines().any(|l| l.starts_with("BagIt-Version:")) {
        out.problems.push(Problem::Malformed { path: BAGIT_TXT.into(), why: "no BagIt-Version line".into() });
    }
    for (path, why) in src.refused() {
        out.problems.push(Problem::Unreadable { path, why });
    }
    let payload: Vec<&str> = all.iter().copied().filter(|p| p.starts_with("data/")).collect();
    let mut sums: BTreeMap<String, Result<Sums, String>> = BTreeMap::new();
    for p in &payload {
        sums.insert(p.to_string(), digest(src, p));
    }
    out.payload_files = payload.len();
    out.payload_bytes = sums.values().filter_map(|s| s.as_ref().ok()).map(|s| s.size).sum();
    let manifests: Vec<&str> =
        all.iter().copied().filter(|p| p.starts_with("manifest-") && p.ends_with(".txt")).collect();
    for m in &manifests {
        check_manifest(src, m, &mut sums, &payload, &mut out);
    }
    if out.checked.is_empty() {
        out.problems.push(Problem::Malformed {
            path: "manifest-sha256.txt".into(),
            why: "no payload manifest respmatrix can check (sha256 or sha512)".into(),
        });
    }
    check_tagmanifests(src, &all, &mut out);
    check_oxum(src, &all, &mut out);
    for (path, s) in &sums {
        if let Err(why) = s {
            out.problems.push(Problem::Unreadable { path: path.clone(), why: why.clone() });
        }
    }
    out.problems.sort();
    out.problems.dedup();
    Ok(out)
}

/// Checks the files one payload manifest lists, and that it lists every payload file.
fn check_manifest(
    src: &mut dyn BagSource,
    name: &str,
    sums: &mut BTreeMap<String, Result<Sums, String>>,
    payload: &[&str],
    out: &mut Outcome,
) {
    let Some(algo) = algorithm(name, "manifest-") else {
        out.skipped.push(name.to_string());
        return;
    };
    let Some(entries) = entries(src, name, out) else { return };
    out.checked.push(name.to_string());
    let listed: BTreeSet<&str> = entries.iter().map(|(_, p)| p.as_str()).collect();
    for (expected, path) in &entries {
        if !path.starts_with("data/") {
            out.problems.push(Problem::Malformed { path: name.into(), why: format!("{path}: not under data/") });
            continue;
        }
        if path.split('/').any(|c| c == ".." || c == ".") {
            let why = format!("{path}: a `.` or `..` step; a manifest names payload files by their path in data/");
            out.problems.push(Problem::Malformed { path: name.into(), why });
            continue;
        }
        match sums.get(path) {
            None => out.problems.push(Problem::Missing { path: path.clone(), manifest: name.into() }),
            Some(Err(_)) => {}
            Some(Ok(s)) => {
                let found = if algo == "sha256" { &s.sha256 } else { &s.sha512 };
                if !found.eq_ignore_ascii_case(expected) {
                    out.problems.push(altered(path, name, expected, found));
                }
            }
        }
    }
    for p in payload.iter().filter(|p| !listed.contains(**p)) {
        out.problems.push(Problem::Extra { path: p.to_string(), manifest: name.into() });
    }
}

/// Checks every tag manifest; a tag file (outside `data/`) no tag manifest lists is extra.
fn check_tagmanifests(src: &mut dyn BagSource, all: &BTreeSet<&str>, out: &mut Outcome) {
    let tagmanifests: Vec<&str> =
        all.iter().copied().filter(|p| p.starts_with("tagmanifest-") && p.ends_with(".txt")).collect();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for name in &tagmanifests {
        let Some(algo) = algorithm(name, "tagmanifest-") else {
            out.skipped.push(name.to_string());
            continue;
        };
        let Some(entries) = entries(src, name, out) else { continue };
        out.checked.push(name.to_string());
        for (expected, path) in entries {
            if !all.contains(path.as_str()) {
                out.problems.push(Problem::Missing { path: path.clone(), manifest: name.to_string() });
            } else if let Ok(s) = digest(src, &path) {
                let found = if algo == "sha256" { s.sha256 } else { s.sha512 };
                if !found.eq_ignore_ascii_case(&expected) {
                    out.problems.push(altered(&path, name, &expected, &found));
                }
            }
            covered.insert(path);
        }
    }
    if let Some(first) = tagmanifests.first() {
        // The signature signs the tag manifest, so no tag manifest can list it.
        for p in all.iter().filter(|p| !p.starts_with("data/") && !p.starts_with("tagmanifest-") && **p != SIG_FILE) {
            if !covered.contains(*p) {
                out.problems.push(Problem::Extra { path: p.to_string(), manifest: first.to_string() });
            }
        }
    }
}

fn check_oxum(src: &mut dyn BagSource, all: &BTreeSet<&str>, out: &mut Outcome) {
    if !all.contains(BAG_INFO) {
        return;
    }
    let Ok(info) = read_text(src, BAG_INFO) else {
        out.problems.push(Problem::Unreadable { path: BAG_INFO.into(), why: "cannot be read as UTF-8 text".into() });
        return;
    };
    if let Some(expected) = info_value(&info, "Payload-Oxum") {
        let found = format!("{}.{}", out.payload_bytes, out.payload_files);
        if expected != found {
            out.problems.push(Problem::Oxum { expected: expected.to_string(), found });
        }
    }
}

fn altered(path: &str, manifest: &str, expected: &str, found: &str) -> Problem {
    Problem::Altered {
        path: path.to_string(),
        manifest: manifest.to_string(),
        expected: expected.chars().take(16).collect::<String>() + "…",
        found: found.chars().take(16).collect::<String>() + "…",
    }
}

/// `sha256` from `manifest-sha256.txt`; `None` for algorithms respmatrix does not compute.
fn algorithm<'a>(name: &'a str, prefix: &str) -> Option<&'a str> {
    let algo = name.strip_prefix(prefix)?.strip_suffix(".txt")?;
    matches!(algo, "sha256" | "sha512").then_some(algo)
}

/// A manifest's `(checksum, path)` lines; a malformed line is a problem.
fn entries(src: &mut dyn BagSource, name: &str, out: &mut Outcome) -> Option<Vec<(String, String)>> {
    let text = match read_text(src, name) {
        Ok(t) => t,
        Err(why) => {
            out.problems.push(Problem::Unreadable { path: name.into(), why });
            return None;
        }
    };
    let mut list = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        match line.trim_start().split_once(char::is_whitespace) {
            Some((sum, path)) if sum.chars().all(|c| c.is_ascii_hexdigit()) && !path.trim().is_empty() => {
                list.push((sum.to_string(), unescape(path.trim_start())));
            }
            _ => out.problems.push(Problem::Malformed {
                path: name.into(),
                why: format!("line {}: expected \"checksum  path\"", n + 1),
            }),
        }
    }
    Some(list)
}

/// Manifest paths percent-encode CR, LF and `%` (RFC 8493 §2.1.3).
fn unescape(path: &str) -> String {
    path.replace("%0D", "\r").replace("%0d", "\r").replace("%0A", "\n").replace("%0a", "\n").replace("%25", "%")
}

fn read_text(src: &mut dyn BagSource, path: &str) -> Result<String, String> {
    let mut r = src.open(path).map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    (&mut r).take(TAG_FILE_MAX + 1).read_to_end(&mut buf).map_err(|e| e.to_string())?;
    if buf.len() as u64 > TAG_FILE_MAX {
        return Err(format!("larger than {} MiB; respmatrix reads tag files up to that", TAG_FILE_MAX >> 20));
    }
    String::from_utf8(buf).map_err(|_| "not UTF-8 text".to_string())
}

fn digest(src: &mut dyn BagSource, path: &str) -> Result<Sums, String> {
    let mut r = src.open(path).map_err(|e| e.to_string())?;
    let (mut a, mut b, mut size) = (sha2::Sha256::new(), sha2::Sha512::new(), 0u64);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = r.read(&mut buf).map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        a.update(&buf[..n]);
        b.update(&buf[..n]);
        size += n as u64;
    }
    Ok(Sums { sha256: hex(&a.finalize()), sha512: hex(&b.finalize()), size })
}

/// Checks the bag's signature with a public key; `None` when it matches.
pub fn signature(src: &mut dyn BagSource, key: &ed25519_dalek::VerifyingKey) -> Option<Problem> {
    let files = src.files();
    if !files.iter().any(|f| f == SIG_FILE) {
        return Some(Problem::Signature { why: format!("the bag is not signed (no {SIG_FILE})") });
    }
    let read = |src: &mut dyn BagSource, path: &str| -> Result<Vec<u8>, String> {
        let mut buf = Vec::new();
        let mut r = src.open(path).map_err(|e| format!("{path}: {e}"))?;
        (&mut r).take(TAG_FILE_MAX).read_to_end(&mut buf).map_err(|e| format!("{path}: {e}"))?;
        Ok(buf)
    };
    let outcome = read(src, TAGMANIFEST_SHA256)
        .and_then(|manifest| read(src, SIG_FILE).map(|sig| (manifest, sig)))
        .and_then(|(manifest, sig)| super::sign::check(key, &manifest, &sig));
    outcome.err().map(|why| Problem::Signature { why })
}

/// A bag held in memory (tests, and checking a bag just built).
pub struct InMemory(pub BTreeMap<String, Vec<u8>>);

impl BagSource for InMemory {
    fn files(&self) -> Vec<String> {
        self.0.keys().cloned().collect()
    }
    fn refused(&self) -> Vec<(String, String)> {
        Vec::new()
    }
    fn open(&mut self, path: &str) -> std::io::Result<Box<dyn Read + '_>> {
        match self.0.get(path) {
            Some(b) => Ok(Box::new(b.as_slice())),
            None => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::bagit::{build, BagInfo};

    fn bag() -> InMemory {
        let payload = vec![("a.txt".into(), b"alpha".to_vec()), ("b/c.txt".into(), b"gamma".to_vec())];
        InMemory(build(payload, &BagInfo::default()).unwrap().into_iter().collect())
    }

    #[test]
    fn a_built_bag_is_valid_and_each_change_is_named() {
        let mut ok = bag();
        let o = verify(&mut ok).unwrap();
        assert!(o.valid(), "{:?}", o.problems);
        assert_eq!((o.payload_files, o.payload_bytes), (2, 10));
        assert_eq!(o.checked, ["manifest-sha256.txt", "manifest-sha512.txt", "tagmanifest-sha256.txt"]);

        let mut changed = bag();
        changed.0.insert("data/a.txt".into(), b"alphb".to_vec());
        let p = verify(&mut changed).unwrap().problems;
        assert!(p.iter().all(|p| p.path() == "data/a.txt"), "{p:?}");
        assert!(p.iter().any(|p| matches!(p, Problem::Altered { manifest, .. } if manifest == "manifest-sha512.txt")));

        let mut removed = bag();
        removed.0.remove("data/b/c.txt");
        let p = verify(&mut removed).unwrap().problems;
        assert!(p.iter().any(|p| matches!(p, Problem::Missing { path, .. } if path == "data/b/c.txt")), "{p:?}");
        assert!(p.iter().any(|p| matches!(p, Problem::Oxum { .. })), "{p:?}");

        let mut added = bag();
        added.0.insert("data/new.txt".into(), Vec::new());
        added.0.insert("notes.txt".into(), Vec::new());
        let p = verify(&mut added).unwrap().problems;
        assert!(p.iter().any(|p| matches!(p, Problem::Extra { path, .. } if path == "data/new.txt")), "{p:?}");
        assert!(p.iter().any(|p| matches!(p, Problem::Extra { path, .. } if path == "notes.txt")), "{p:?}");

        let mut not_a_bag = bag();
        not_a_bag.0.remove("bagit.txt");
        assert!(verify(&mut not_a_bag).is_err());
    }
}
