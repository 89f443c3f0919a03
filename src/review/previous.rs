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

/// Renames the files `prior` was read from as artifacts and ledgers record them (`name` turns a
/// path as typed into that name, e.g. `responsibility-matrix.xlsx` for `$PWD/prev`): its source,
/// the places of its rows without pairs, and its matrix.json, so the bytes written do not
/// depend on how `--previous` was spelled or on the working folder. Messages printed while
/// reading keep the paths as typed.
pub fn record_names(prior: &mut Prior, name: impl Fn(&str) -> String) {
    let typed = std::mem::take(&mut prior.source);
    let named = name(&typed);
    for l in &mut prior.loose {
        if let Some(rest) = l.origin.strip_prefix(typed.as_str()) {
            l.origin = format!("{named}{rest}");
        }
    }
    prior.source = named;
    if let Some(m) = &mut prior.matrix {
        m.source = name(&m.source);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::prior::LooseRow;

    #[test]
    fn the_recorded_names_replace_the_typed_path_in_the_source_and_row_places() {
        let typed = "/home/me/q1/responsibility-matrix.xlsx";
        let loose = LooseRow { origin: format!("{typed}[Customer Responsibilities]!A7"), ..LooseRow::default() };
        let mut prior = Prior { source: typed.into(), loose: vec![loose], ..Prior::default() };
        record_names(&mut prior, |p| p.rsplit('/').next().unwrap_or(p).to_string());
        assert_eq!(prior.source, "responsibility-matrix.xlsx");
        assert_eq!(prior.loose[0].origin, "responsibility-matrix.xlsx[Customer Responsibilities]!A7");
    }
}
