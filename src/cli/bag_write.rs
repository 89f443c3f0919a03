//! Writing a bag folder as a whole: every file goes into a fresh staging folder beside the
//! destination (`.respmatrix-PID-package-XXXX`, random name, created exclusively), then the
//! previous bag is moved aside and the new one renamed into place, so an assessor never finds
//! half a bag or a mix of two. The zip, when asked for, is staged first and renamed right after
//! the folder; if that fails the previous folder is put back. A destination that is a link, a
//! file, or a non-empty folder that is not a bag is refused. A run killed between the two
//! renames leaves the previous bag in its staging folder, and the next run puts it back.

use super::leftovers::{alive, entries, lock, owner_pid};
use super::output::{self, PREFIX};
use respmatrix::error::{Error, Result};
use respmatrix::package::BagFile;
use std::io::Write;
use std::path::{Path, PathBuf};

const OLD: &str = "previous";
const NEW: &str = "bag";
const TARGET: &str = ".target";

/// Writes `files` as the folder `out` and, with `zip`, the zip's bytes to `zip.0`.
pub fn write(out: &Path, files: &[BagFile], zip: Option<(&Path, &[u8])>, inputs: &[PathBuf]) -> Result<()> {
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| Error::Usage(format!("{}: not a folder name to write a bag into", out.display())))?;
    let parent = output::parent_dir(out).to_path_buf();
    std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let _lock = lock(&parent)?;
    recover(&parent);
    check_destination(out, inputs)?;
    let prefix = format!("{}package-", output::own_prefix());
    let stage = tempfile::Builder::new().prefix(&prefix).tempdir_in(&parent).map_err(|e| Error::io(&parent, e))?;
    std::fs::write(stage.path().join(TARGET), &name).map_err(|e| Error::io(stage.path(), e))?;
    let bag = stage.path().join(NEW);
    for (path, bytes) in files {
        let dest = bag.join(path);
        if let Some(dir) = dest.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(out.join(path), e))?;
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&dest)
            .map_err(|e| Error::io(out.join(path), e))?;
        f.write_all(bytes).and_then(|_| f.sync_all()).map_err(|e| Error::io(out.join(path), e))?;
    }
    let staged_zip = match zip {
        Some((path, bytes)) => {
            output::not_an_input(path, inputs)?;
            Some(output::stage(path, |f| f.write_all(bytes))?)
        }
        None => None,
    };
    let old = stage.path().join(OLD);
    let had_old = std::fs::symlink_metadata(out).is_ok();
    if had_old {
        std::fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
    }
    if let Err(e) = std::fs::rename(&bag, out) {
        if had_old {
            let _ = std::fs::rename(&old, out);
        }
        return Err(Error::io(out, e));
    }
    if let Some(z) = staged_zip {
        if let Err(e) = z.commit() {
            let _ = std::fs::rename(out, &bag);
            if had_old {
                let _ = std::fs::rename(&old, out);
            }
            return Err(e);
        }
    }
    sync_dir(&parent);
    Ok(())
}

/// `out` may be replaced: absent, an empty folder, or a bag (holds `bagit.txt`); never a link
/// or a file, and never a folder holding one of the run's inputs.
pub fn check_destination(out: &Path, inputs: &[PathBuf]) -> Result<()> {
    let meta = match std::fs::symlink_metadata(out) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(Error::io(out, e)),
        Ok(m) => m,
    };
    let shown = out.display();
    if meta.file_type().is_symlink() {
        return Err(Error::Usage(format!("{shown}: is a symbolic link; respmatrix never writes through links")));
    }
    if !meta.is_dir() {
        return Err(Error::Usage(format!("{shown}: exists and is not a folder; nothing was written")));
    }
    let empty = std::fs::read_dir(out).map_err(|e| Error::io(out, e))?.next().is_none();
    let bag = std::fs::symlink_metadata(out.join("bagit.txt")).is_ok_and(|m| m.is_file());
    if !empty && !bag {
        return Err(Error::Usage(format!(
            "{shown}: a folder that is not empty and holds no bagit.txt; respmatrix replaces only a bag it can \
             recognize (write the package into a new folder)"
        )));
    }
    let real = std::fs::canonicalize(out).map_err(|e| Error::io(out, e))?;
    for input in inputs {
        if std::fs::canonicalize(input).is_ok_and(|p| p.starts_with(&real)) {
            return Err(Error::Usage(format!(
                "{shown}: holds {}, an input of this run; replacing the bag would delete it (write elsewhere)",
                input.display()
            )));
        }
    }
    Ok(())
}

/// Puts back a previous bag that a killed run had moved aside, and removes dead runs' staging.
fn recover(parent: &Path) {
    for (path, name) in entries(parent) {
        let Some(pid) = owner_pid(&name) else { continue };
        if !name.starts_with(&format!("{PREFIX}{pid}-package-")) || pid == std::process::id() || alive(pid) {
            continue;
        }
        if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        let target = std::fs::read_to_string(path.join(TARGET)).unwrap_or_default();
        let dest = parent.join(target.trim());
        let old = path.join(OLD);
        let plain = !target.trim().is_empty() && !target.contains(['/', '\\']) && !target.starts_with('.');
        if plain && old.is_dir() && std::fs::symlink_metadata(&dest).is_err() {
            let _ = std::fs::rename(&old, &dest);
        }
        let _ = std::fs::remove_dir_all(&path);
    }
}

fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bag_replaces_a_bag_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("pkg");
        let files =
            |t: &str| vec![("bagit.txt".to_string(), b"BagIt-Version: 1.0\n".to_vec()), (format!("data/{t}"), vec![])];
        write(&out, &files("a"), None, &[]).unwrap();
        write(&out, &files("b"), None, &[]).unwrap();
        assert!(out.join("data/b").exists() && !out.join("data/a").exists());
        std::fs::create_dir(dir.path().join("mine")).unwrap();
        std::fs::write(dir.path().join("mine/notes.txt"), "keep").unwrap();
        assert!(write(&dir.path().join("mine"), &files("c"), None, &[]).is_err());
        assert_eq!(std::fs::read_to_string(dir.path().join("mine/notes.txt")).unwrap(), "keep");
        // A run killed after moving the previous bag aside: the next run puts it back.
        let dead = dir.path().join(format!("{PREFIX}999999999-package-x"));
        std::fs::create_dir(&dead).unwrap();
        std::fs::rename(&out, dead.join(OLD)).unwrap();
        std::fs::write(dead.join(TARGET), "pkg").unwrap();
        recover(dir.path());
        assert!(out.join("data/b").exists() && !dead.exists());
        let names: Vec<String> = entries(dir.path()).into_iter().map(|(_, n)| n).collect();
        assert!(names.iter().all(|n| !n.starts_with(PREFIX)), "{names:?}");
    }
}
