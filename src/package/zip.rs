//! The bag as one deterministic zip, and a bounded reader of such zips for `verify`.
//!
//! Writing: entries sorted by path under one top folder (the bag's name), every timestamp the
//! report date at 00:00, permissions 0644, deflate at a fixed level, no extra fields: the same
//! bag gives the same zip bytes, so an assessor can re-derive its hash. Reading: at most
//! [`ENTRIES_MAX`] entries, names that stay inside the bag, and every entry decompressed through
//! a budget of [`UNZIPPED_MAX`] bytes for the whole archive (measured, not the sizes the zip
//! declares), so a zip bomb ends in an error instead of a full disk or a hung run. Two entries
//! for one file are refused ([`zip_dups`]).

use super::verify::BagSource;
use super::zip_dups;
use super::BagFile;
use crate::model::Date;
use std::cell::Cell;
use std::io::{Cursor, Read, Seek, Write};
use std::rc::Rc;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Entries a package zip may have.
pub const ENTRIES_MAX: usize = 200_000;
/// Bytes all entries of a package zip may decompress to, together.
pub const UNZIPPED_MAX: u64 = 32 << 30;

/// The zip of a bag: `top/` + each file's path.
pub fn write(top: &str, files: &[BagFile], date: Date) -> Result<Vec<u8>, String> {
    let mut sorted: Vec<&BagFile> = files.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let year = date.year.clamp(1980, 2107) as u16;
    let stamp = DateTime::from_date_and_time(year, date.month as u8, date.day as u8, 0, 0, 0)
        .map_err(|_| format!("{date}: not a date a zip can hold"))?;
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(6))
        .last_modified_time(stamp)
        .unix_permissions(0o644)
        .large_file(false);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (path, bytes) in sorted {
        let opts = if bytes.len() as u64 >= u32::MAX as u64 { options.large_file(true) } else { options };
        zip.start_file(format!("{top}/{path}"), opts).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

/// A package zip opened for `verify`: the bag is the one top folder all entries share.
pub struct ZipSource<R: Read + Seek> {
    archive: ZipArchive<R>,
    /// (path inside the bag, entry index).
    files: Vec<(String, usize)>,
    refused: Vec<(String, String)>,
    budget: Rc<Cell<u64>>,
    top: String,
}

impl<R: Read + Seek> ZipSource<R> {
    /// Opens the archive and lists its entries; `Err` when it is not a readable zip or holds
    /// too many entries.
    pub fn open(reader: R) -> Result<ZipSource<R>, String> {
        let unreadable = |e: zip::result::ZipError| format!("not a readable zip: {e}");
        let mut archive = ZipArchive::new(reader).map_err(unreadable)?;
        if archive.len() > ENTRIES_MAX {
            return Err(format!("the zip has {} entries; respmatrix reads at most {ENTRIES_MAX}", archive.len()));
        }
        // The archive's index keeps one entry per name: the repeats are read from the directory.
        let mut repeats = None;
        if archive.has_duplicate_names() {
            let start = archive.central_directory_start();
            let mut reader = archive.into_inner();
            repeats = Some(zip_dups::central_names(&mut reader, start, ENTRIES_MAX + 1)?);
            archive = ZipArchive::new(reader).map_err(unreadable)?;
        }
        let mut names = Vec::new();
        for i in 0..archive.len() {
            let entry = archive.by_index_raw(i).map_err(|e| format!("a damaged entry: {e}"))?;
            let name = String::from_utf8_lossy(entry.name_raw()).into_owned();
            let kind = if entry.is_dir() {
                Kind::Dir
            } else if entry.is_symlink() {
                Kind::Link
            } else {
                Kind::File
            };
            names.push((name, i, kind));
        }
        let top = common_top(&names)?;
        let mut files = Vec::new();
        let all = repeats.unwrap_or_else(|| names.iter().map(|(n, _, _)| n.clone()).collect());
        let mut refused = zip_dups::repeated(&all, &top);
        for (name, i, kind) in names {
            let inner = name.strip_prefix(&top).unwrap_or(&name).to_string();
            match kind {
                Kind::Dir => {}
                Kind::Link => refused.push((inner, "a symbolic link; not followed".into())),
                Kind::File if !safe(&inner) => {
                    refused.push((inner, "an unsafe name (absolute, .. or empty parts)".into()))
                }
                Kind::File => files.push((inner, i)),
            }
        }
        files.sort();
        let top = top.trim_end_matches('/').to_string();
        Ok(ZipSource { archive, files, refused, budget: Rc::new(Cell::new(UNZIPPED_MAX)), top })
    }

    /// The folder the bag sits in inside the zip (`""` when `bagit.txt` is at its root).
    pub fn top(&self) -> &str {
        &self.top
    }

    /// The same source with a smaller decompression budget (tests).
    pub fn with_budget(self, bytes: u64) -> ZipSource<R> {
        self.budget.set(bytes);
        self
    }
}

enum Kind {
    Dir,
    Link,
    File,
}

/// The folder every entry starts with (`bag/`), or "" when `bagit.txt` sits at the root.
fn common_top(names: &[(String, usize, Kind)]) -> Result<String, String> {
    if names.iter().any(|(n, _, _)| n == "bagit.txt") {
        return Ok(String::new());
    }
    let tops: std::collections::BTreeSet<&str> =
        names.iter().filter_map(|(n, _, _)| n.split_once('/')).map(|(t, _)| t).collect();
    match tops.len() {
        1 => Ok(format!("{}/", tops.iter().next().copied().unwrap_or_default())),
        0 => Err("an empty zip".into()),
        _ => Err("no bagit.txt at the top, and the entries are not all in one folder".into()),
    }
}

fn safe(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && !path.split('/').any(|p| p.is_empty() || p == "..")
}

impl<R: Read + Seek> BagSource for ZipSource<R> {
    fn files(&self) -> Vec<String> {
        self.files.iter().map(|(p, _)| p.clone()).collect()
    }
    fn refused(&self) -> Vec<(String, String)> {
        self.refused.clone()
    }
    fn open(&mut self, path: &str) -> std::io::Result<Box<dyn Read + '_>> {
        let i = match self.files.binary_search_by(|(p, _)| p.as_str().cmp(path)) {
            Ok(k) => self.files[k].1,
            Err(_) => return Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        };
        let entry = self.archive.by_index(i).map_err(std::io::Error::other)?;
        Ok(Box::new(Budgeted { inner: entry, budget: self.budget.clone() }))
    }
}

/// A reader that fails once the archive's decompression budget is spent.
struct Budgeted<T> {
    inner: T,
    budget: Rc<Cell<u64>>,
}

impl<T: Read> Read for Budgeted<T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let left = self.budget.get();
        if left == 0 {
            return Err(std::io::Error::other(format!(
                "the zip decompresses to more than {} GiB; respmatrix reads at most that",
                UNZIPPED_MAX >> 30
            )));
        }
        let cap = buf.len().min(usize::try_from(left).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..cap])?;
        self.budget.set(left - n as u64);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::bagit::{build, BagInfo};
    use crate::package::verify::verify;

    #[test]
    fn the_same_bag_gives_the_same_zip_and_it_verifies() {
        let bag = build(vec![("x.txt".into(), b"x".to_vec())], &BagInfo::default()).unwrap();
        let date = Date::parse("2026-11-30").unwrap();
        let a = write("pkg", &bag, date).unwrap();
        assert_eq!(a, write("pkg", &bag, date).unwrap());
        let mut src = ZipSource::open(Cursor::new(a)).unwrap();
        assert_eq!(src.files()[0], "bag-info.txt");
        assert!(verify(&mut src).unwrap().valid());
    }

    #[test]
    fn unsafe_names_are_refused_and_decompression_is_bounded() {
        let bag = build(vec![("x.txt".into(), vec![b'x'; 10_000])], &BagInfo::default()).unwrap();
        let mut extra = bag.clone();
        extra.push(("../escape.txt".into(), b"x".to_vec()));
        let date = Date::parse("2026-11-30").unwrap();
        let zipped = write("pkg", &extra, date).unwrap();
        let mut src = ZipSource::open(Cursor::new(zipped)).unwrap();
        assert!(src.refused().iter().any(|(p, why)| p == "../escape.txt" && why.contains("unsafe")));
        assert!(!verify(&mut src).unwrap().valid());
        let zipped = write("pkg", &bag, date).unwrap();
        let mut small = ZipSource::open(Cursor::new(zipped)).unwrap().with_budget(4_000);
        let o = verify(&mut small).unwrap();
        assert!(o.problems.iter().any(|p| p.to_string().contains("decompresses to more than")), "{:?}", o.problems);
    }
}
