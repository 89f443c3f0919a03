//! Writing artifacts atomically: each goes to a temp file in the same folder, synced; only when
//! every artifact is staged are they renamed into place. A failure removes the temp files and
//! leaves existing outputs untouched.

use respmatrix::error::{Error, Result};
use std::path::{Path, PathBuf};

/// A file written beside its destination, waiting to be renamed into place. Dropping it
/// without `commit` removes it.
pub struct Staged {
    tmp: PathBuf,
    path: PathBuf,
    committed: bool,
}

impl Staged {
    /// Renames the staged file over its destination.
    pub fn commit(mut self) -> Result<()> {
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io(&self.path, e))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Streams into a temp file beside `path` and syncs it; `path` itself is not touched yet.
pub fn stage(path: &Path, fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>) -> Result<Staged> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path.file_name().ok_or_else(|| Error::Usage(format!("{}: not a file path", path.display())))?;
    let tmp = dir.join(format!(".{}.{}.tmp", name.to_string_lossy(), std::process::id()));
    let staged = Staged { tmp, path: path.to_path_buf(), committed: false };
    let mut f = std::fs::File::create(&staged.tmp).map_err(|e| Error::io(path, e))?;
    fill(&mut f).and_then(|_| f.sync_all()).map_err(|e| Error::io(path, e))?;
    Ok(staged)
}

/// Streams into `path` atomically.
pub fn write_atomic_with(path: &Path, fill: impl FnOnce(&mut std::fs::File) -> std::io::Result<()>) -> Result<()> {
    stage(path, fill)?.commit()
}
