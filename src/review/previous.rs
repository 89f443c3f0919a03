//! What `report --previous PATH` and `--reviews FILE` stand for: a previous report folder (its
//! workbook and matrix.json), a reviewed workbook (with the matrix.json beside it, if there is
//! one), or a reviews ledger.

use super::prior::Prior;
use super::{ledger, snapshot, workbook_in};
use crate::error::Result;
use crate::render::artifacts::JSON_FILE;
use crate::render::xlsx::FILE_NAME;
use std::path::{Path, PathBuf};

/// The workbook a `--previous` path stands for (`None` for a ledger).
pub fn workbook_of(path: &Path) -> Option<PathBuf> {
    if path.is_dir() {
        return Some(path.join(FILE_NAME));
    }
    (!is_ledger(path)).then(|| path.to_path_buf())
}

fn is_ledger(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref(), Some("yaml" | "yml"))
}

/// Reads a previous report folder, a reviewed workbook or a ledger.
pub fn load(path: &Path) -> Result<Prior> {
    let Some(book) = workbook_of(path) else { return ledger::read(path) };
    let shown = book.display().to_string();
    let mut prior = workbook_in::read(&book, &shown)?;
    let beside = book.parent().map(|d| d.join(JSON_FILE)).filter(|p| p.is_file());
    match beside {
        Some(json) => prior.matrix = Some(snapshot::read(&json)?),
        None => prior
            .notes
            .push(format!("no {JSON_FILE} beside {shown}: the Changes since last report sheet lists nothing")),
    }
    Ok(prior)
}
