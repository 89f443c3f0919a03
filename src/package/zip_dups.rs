//! Zip entries that name the same file: the same name twice, or names that differ only in `.`
//! steps (`data/./a` and `data/a`). Extractors disagree on which copy they keep (the first, the
//! last, or both under a new name), so `verify` reports such a zip even when one copy checks.
//! The zip crate's index keeps one entry per name, so exact repeats are found by walking the
//! central directory's headers once more.

use std::collections::BTreeMap;
use std::io::{Read, Seek, SeekFrom};

/// A central directory file header: signature and the fixed part before the name.
const HEADER_SIG: [u8; 4] = *b"PK\x01\x02";
const HEADER_LEN: usize = 46;

/// Every entry name of the central directory that starts at `start`, repeats included; at most
/// `max` of them (a longer directory is cut there: the caller already bounds the entries).
pub fn central_names<R: Read + Seek>(reader: &mut R, start: u64, max: usize) -> Result<Vec<String>, String> {
    let damaged = |e: std::io::Error| format!("a damaged central directory: {e}");
    reader.seek(SeekFrom::Start(start)).map_err(damaged)?;
    let mut names = Vec::new();
    let mut header = [0u8; HEADER_LEN];
    while names.len() < max {
        match reader.read_exact(&mut header) {
            Ok(()) if header[..4] == HEADER_SIG => {}
            _ => break,
        }
        let u16_at = |i: usize| u16::from_le_bytes([header[i], header[i + 1]]) as usize;
        let (name_len, extra_len, comment_len) = (u16_at(28), u16_at(30), u16_at(32));
        let mut name = vec![0u8; name_len];
        reader.read_exact(&mut name).map_err(damaged)?;
        reader.seek(SeekFrom::Current((extra_len + comment_len) as i64)).map_err(damaged)?;
        names.push(String::from_utf8_lossy(&name).into_owned());
    }
    Ok(names)
}

/// A file's path with `.` steps left out: the file an extractor writes for this name.
pub fn normalized(path: &str) -> String {
    path.split('/').filter(|p| *p != ".").collect::<Vec<_>>().join("/")
}

/// The files (paths inside the bag, `top` stripped) that more than one entry names, each with
/// why it is refused. Folder entries (ending in `/`) are not files and are left out.
pub fn repeated(names: &[String], top: &str) -> Vec<(String, String)> {
    let mut by_file: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for name in names.iter().filter(|n| !n.ends_with('/')) {
        let inner = name.strip_prefix(top).unwrap_or(name);
        by_file.entry(normalized(inner)).or_default().push(inner);
    }
    by_file
        .into_iter()
        .filter(|(_, spellings)| spellings.len() > 1)
        .map(|(file, spellings)| {
            let mut distinct = spellings.clone();
            distinct.sort_unstable();
            distinct.dedup();
            let how = match distinct.len() {
                1 => "of this name".to_string(),
                _ => {
                    let quoted: Vec<String> =
                        distinct.iter().take(4).map(|s| format!("`{}`", crate::diag::excerpt(s, 80))).collect();
                    format!("for this file ({})", quoted.join(", "))
                }
            };
            let why =
                format!("the zip holds {} entries {how}; unzip tools differ in which one they keep", spellings.len());
            (file, why)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeats_and_dot_steps_name_the_same_file() {
        let names: Vec<String> =
            ["pkg/bagit.txt", "pkg/data/a", "pkg/data/a", "pkg/data/./b", "pkg/data/b", "pkg/data/", "pkg/data/"]
                .iter()
                .map(|s| s.to_string())
                .collect();
        let r = repeated(&names, "pkg/");
        assert_eq!(r.len(), 2, "{r:?}");
        assert_eq!(r[0].0, "data/a");
        assert!(r[0].1.contains("2 entries of this name"), "{}", r[0].1);
        assert_eq!(r[1].0, "data/b");
        assert!(r[1].1.contains("`data/./b`, `data/b`"), "{}", r[1].1);
    }
}
