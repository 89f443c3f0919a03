//! Builds a BagIt 1.0 bag (RFC 8493) from payload files: `bagit.txt`, the payload under
//! `data/`, `manifest-sha256.txt` and `manifest-sha512.txt` (`checksum  path` lines that
//! `sha256sum -c` reads too), `bag-info.txt` and `tagmanifest-sha256.txt`. Same payload and
//! info, same bytes: files are sorted by path and nothing depends on the clock.

use super::{hex, BagFile};
use crate::model::Date;
use sha2::Digest;

pub const BAGIT_TXT: &str = "bagit.txt";
pub const BAG_INFO: &str = "bag-info.txt";
pub const MANIFEST_SHA256: &str = "manifest-sha256.txt";
pub const MANIFEST_SHA512: &str = "manifest-sha512.txt";
pub const TAGMANIFEST_SHA256: &str = "tagmanifest-sha256.txt";
pub const BAGIT_DECLARATION: &str = "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n";

/// What `bag-info.txt` says about the bag.
#[derive(Debug, Clone, Default)]
pub struct BagInfo {
    pub source_organization: String,
    /// The report date: the bag's date, so a rebuild gives the same bytes.
    pub bagging_date: Option<Date>,
    pub period: String,
    pub scope: String,
    /// `respmatrix 0.1.0`.
    pub software: String,
    /// The fingerprint of the key that signs the tag manifest, if one does.
    pub signing_key: Option<String>,
}

/// The whole bag: payload files (paths relative to `data/`) plus the tag files, sorted by path.
/// A payload path that is empty, absolute, has `.`/`..` or empty parts, a backslash, a control
/// character or `%`, or appears twice, is an error (the builders never make one).
pub fn build(payload: Vec<BagFile>, info: &BagInfo) -> Result<Vec<BagFile>, String> {
    let mut files: Vec<BagFile> = Vec::with_capacity(payload.len() + 5);
    for (path, bytes) in payload {
        check_path(&path)?;
        files.push((format!("data/{path}"), bytes));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    if let Some(w) = files.windows(2).find(|w| w[0].0 == w[1].0) {
        return Err(format!("{}: two payload files with the same path", w[0].0));
    }
    let sha256 = manifest(&files, |b| hex(&sha2::Sha256::digest(b)));
    let sha512 = manifest(&files, |b| hex(&sha2::Sha512::digest(b)));
    let octets: u64 = files.iter().map(|(_, b)| b.len() as u64).sum();
    let bag_info = bag_info(info, octets, files.len(), &sha256);
    let mut tags: Vec<BagFile> = vec![
        (BAGIT_TXT.into(), BAGIT_DECLARATION.as_bytes().to_vec()),
        (BAG_INFO.into(), bag_info.into_bytes()),
        (MANIFEST_SHA256.into(), sha256.into_bytes()),
        (MANIFEST_SHA512.into(), sha512.into_bytes()),
    ];
    tags.sort_by(|a, b| a.0.cmp(&b.0));
    let tagmanifest = manifest(&tags, |b| hex(&sha2::Sha256::digest(b)));
    tags.push((TAGMANIFEST_SHA256.into(), tagmanifest.into_bytes()));
    files.extend(tags);
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

/// `checksum  path` lines, in the files' order.
fn manifest(files: &[BagFile], digest: impl Fn(&[u8]) -> String) -> String {
    files.iter().map(|(p, b)| format!("{}  {p}\n", digest(b))).collect()
}

fn check_path(path: &str) -> Result<(), String> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.split('/').any(|p| p.is_empty() || p == "." || p == "..")
        || path.chars().any(|c| c.is_control() || c == '\\' || c == '%');
    if bad {
        return Err(format!("{path:?}: not a path a bag may hold"));
    }
    Ok(())
}

/// `bag-info.txt`: one `Label: value` line each, values on one line.
fn bag_info(info: &BagInfo, octets: u64, streams: usize, sha256_manifest: &str) -> String {
    let date = info.bagging_date.map(|d| d.to_string()).unwrap_or_default();
    let digest = hex(&sha2::Sha256::digest(sha256_manifest.as_bytes()));
    let external = format!("{}-{}-{}", slug(&info.source_organization), date, &digest[..16]);
    let mut lines = vec![
        ("Source-Organization", info.source_organization.clone()),
        ("Bagging-Date", date),
        ("External-Identifier", external),
        ("Payload-Oxum", format!("{octets}.{streams}")),
        ("Assessment-Period", info.period.clone()),
        ("Internal-Sender-Description", info.scope.clone()),
        ("Bag-Software-Agent", info.software.clone()),
        ("Signing-Key-Fingerprint", info.signing_key.clone().unwrap_or_default()),
    ];
    lines.retain(|(_, v)| !v.trim().is_empty());
    lines.iter().map(|(k, v)| format!("{k}: {}\n", one_line(v))).collect()
}

/// Line breaks and other control characters become spaces, runs of spaces one.
fn one_line(v: &str) -> String {
    let cleaned: String = v.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `Northwind Health Analytics` → `northwind-health-analytics`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "package".into()
    } else {
        out
    }
}

/// The value of a `bag-info.txt` label (first occurrence).
pub fn info_value<'a>(bag_info: &'a str, label: &str) -> Option<&'a str> {
    bag_info.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.trim().eq_ignore_ascii_case(label)).then(|| v.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bag_lists_every_payload_file_and_counts_its_octets() {
        let info = BagInfo {
            source_organization: "Northwind Health".into(),
            bagging_date: Date::parse("2026-11-30"),
            period: "2026".into(),
            scope: "line\nbreak".into(),
            software: "respmatrix 0.1.0".into(),
            signing_key: None,
        };
        let bag = build(vec![("b.txt".into(), b"bb".to_vec()), ("a/x.txt".into(), b"a".to_vec())], &info).unwrap();
        let names: Vec<&str> = bag.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            names,
            [
                "bag-info.txt",
                "bagit.txt",
                "data/a/x.txt",
                "data/b.txt",
                "manifest-sha256.txt",
                "manifest-sha512.txt",
                "tagmanifest-sha256.txt"
            ]
        );
        let text = |n: &str| String::from_utf8(bag.iter().find(|(p, _)| p == n).unwrap().1.clone()).unwrap();
        let infos = text(BAG_INFO);
        assert_eq!(info_value(&infos, "Payload-Oxum"), Some("3.2"));
        assert_eq!(info_value(&infos, "Bagging-Date"), Some("2026-11-30"));
        assert_eq!(info_value(&infos, "Internal-Sender-Description"), Some("line break"));
        assert!(text(MANIFEST_SHA256)
            .starts_with("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  data/a/x.txt\n"));
        assert!(text(TAGMANIFEST_SHA256).contains("  manifest-sha512.txt\n"));
        assert!(build(vec![("../x".into(), vec![])], &info).is_err());
        assert!(build(vec![("a".into(), vec![]), ("a".into(), vec![])], &info).is_err());
    }
}
