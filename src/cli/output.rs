//! Writing one output file safely: the bytes go to a fresh temp file beside the destination
//! (unpredictable name, created with `O_EXCL`), are synced, and the temp file is renamed over
//! the destination. A destination that is a symbolic link, or not a regular file, is refused;
//! an existing file's permissions are kept. A failure removes the temp file and leaves the
//! destination as it was.

use respmatrix::error::{Error, Result};
use std::fs::{File, Permissions};
use std::path::{Path, PathBuf};

/// Every temp file and staging folder respmatrix creates starts with this, then the pid.
pub const PREFIX: &str = ".respmatrix-";

/// A file written beside its destination, waiting to be renamed into place. Dropping it
/// without `commit` removes it.
pub struct Staged {
    tmp: tempfile::NamedTempFile,
    path: PathBuf,
}

impl Staged {
    /// Renames the staged file over its destination (a rename never follows a link there).
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        self.tmp.persist(&path).map_err(|e| Error::io(&path, e.error))?;
        Ok(())
    }
}

/// The folder a path's file lives in (`.` for a bare name).
pub fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// Checks that `path` may be replaced: absent, or a regular file (never a link, folder or
/// device). Returns the permissions of the file it replaces, if any.
pub fn replaceable(path: &Path) -> Result<Option<Permissions>> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
        Ok(m) if m.file_type().is_symlink() => Err(Error::Usage(format!(
            "{}: is a symbolic link; respmatrix never writes through links (remove it or write elsewhere)",
            path.display()
        ))),
        Ok(m) if !m.is_file() => {
            Err(Error::Usage(format!("{}: exists and is not a regular file; nothing was written", path.display())))
        }
        Ok(m) => Ok(Some(m.permissions())),
    }
}

/// The temp-name prefix of this process: `.respmatrix-PID-`, so a later run can tell whether
/// the process that left a temp file behind is still alive.
pub fn own_prefix() -> String {
    format!("{PREFIX}{}-", std::process::id())
}

/// Streams into a temp file beside `path` and syncs it; `path` itself is not touched yet.
pub fn stage(path: &Path, fill: impl FnOnce(&mut File) -> std::io::Result<()>) -> Result<Staged> {
    let dir = parent_dir(path);
    path.file_name().ok_or_else(|| Error::Usage(format!("{}: not a file path", path.display())))?;
    let keep = replaceable(path)?;
    let prefix = own_prefix();
    let mut tmp = temp_builder(&prefix, ".tmp").tempfile_in(dir).map_err(|e| Error::io(path, e))?;
    if let Some(perms) = keep {
        tmp.as_file().set_permissions(perms).map_err(|e| Error::io(path, e))?;
    }
    fill(tmp.as_file_mut()).and_then(|_| tmp.as_file().sync_all()).map_err(|e| Error::io(path, e))?;
    Ok(Staged { tmp, path: path.to_path_buf() })
}

/// Streams into `path` atomically.
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut File) -> std::io::Result<()>) -> Result<()> {
    super::leftovers::clean_dead_temp_files(parent_dir(path));
    stage(path, fill)?.commit()
}

/// The temp-file builder: this process's prefix, and on Unix the mode `File::create` gives
/// (0666 less the umask) instead of tempfile's 0600.
pub fn temp_builder<'a, 'b>(prefix: &'a str, suffix: &'b str) -> tempfile::Builder<'a, 'b> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix).suffix(suffix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(Permissions::from_mode(0o666));
    }
    b
}

/// Refuses to write `dest` when it is one of the run's input files (same file on disk).
pub fn not_an_input(dest: &Path, inputs: &[PathBuf]) -> Result<()> {
    let Ok(target) = std::fs::canonicalize(dest) else { return Ok(()) };
    for input in inputs {
        if std::fs::canonicalize(input).is_ok_and(|p| p == target) {
            return Err(Error::Usage(format!(
                "{}: is an input of this run ({}); refusing to overwrite it, write the output elsewhere",
                dest.display(),
                input.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_are_refused_and_permissions_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let link = dir.path().join("out.json");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let err = write_atomic_with(&link, |f| std::io::Write::write_all(f, b"x")).unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");

        let out = dir.path().join("private.json");
        std::fs::write(&out, "old").unwrap();
        std::fs::set_permissions(&out, Permissions::from_mode(0o600)).unwrap();
        write_atomic_with(&out, |f| std::io::Write::write_all(f, b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "new");
        assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
