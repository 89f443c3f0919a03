//! `report --previous`, `--reviews` and `--force`: carry the reviewers' work forward, and never
//! replace a workbook holding reviewer input unless it is carried or kept.

use super::output;
use respmatrix::error::{Error, Result};
use respmatrix::ingest::limits;
use respmatrix::render::xlsx::FILE_NAME;
use respmatrix::review::carry::{carry, Carried};
use respmatrix::review::prior::Prior;
use respmatrix::review::{diff, previous, snapshot, workbook_in};
use respmatrix::view::Matrix;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The flags of `report` this module serves.
pub struct Flags<'a> {
    pub out: &'a Path,
    pub previous: Option<&'a Path>,
    pub reviews: Option<&'a Path>,
    pub force: bool,
    pub expiring_within: i64,
    /// How artifacts name the previous workbook, matrix.json and ledger (see `provenance`).
    pub namer: &'a super::provenance::Namer,
}

/// What the run must do before it writes: the reviews to carry, and the old workbook to keep.
pub struct Plan {
    pub carried: Option<Carried>,
    /// `(path, bytes)` of a reviewed workbook `--force` replaces, to be kept beside it.
    pub keep: Option<(PathBuf, Vec<u8>)>,
}

/// Checks the output folder's workbook and reads what is to be carried.
pub fn plan(flags: &Flags, matrix: &Matrix) -> Result<Plan> {
    let keep = guard(flags)?;
    let named = |mut p: Prior| {
        previous::record_names(&mut p, |typed| flags.namer.name(typed));
        p
    };
    let mut prior: Option<Prior> = flags.previous.map(previous::load).transpose()?.map(named);
    if let Some(path) = flags.reviews {
        let ledger = named(respmatrix::review::ledger::read(path)?);
        prior = Some(match prior {
            None => ledger,
            Some(mut p) => {
                // The ledger adds the pairs the workbook does not have; the workbook's win.
                let known: std::collections::HashSet<_> =
                    p.pairs.iter().map(|x| (x.framework.clone(), x.control.clone(), x.service.clone())).collect();
                // Pairs the workbook listed unreviewed count as the workbook's too.
                let unreviewed = |x: &respmatrix::review::prior::Pair| {
                    let key = respmatrix::review::ids::control_key(&x.control);
                    p.unreviewed.contains(&respmatrix::review::prior::pair_key(&x.framework, &key, &x.service))
                };
                let added: Vec<_> = ledger
                    .pairs
                    .into_iter()
                    .filter(|x| {
                        !known.contains(&(x.framework.clone(), x.control.clone(), x.service.clone())) && !unreviewed(x)
                    })
                    .collect();
                p.pairs.extend(added);
                p.loose.extend(ledger.loose);
                // SoA reviews too: the workbook's come first, and the first of a control wins.
                p.soa.extend(ledger.soa);
                p.source = format!("{} and {}", p.source, ledger.source);
                p
            }
        });
    }
    let carried = prior.map(|p| {
        let mut c = carry(&p, matrix);
        if let Some(old) = &p.matrix {
            let new = snapshot::of_matrix(
                matrix,
                &flags.out.join(respmatrix::render::artifacts::JSON_FILE).display().to_string(),
            );
            c.diff = Some(diff::compare(old, &new, flags.expiring_within));
        }
        c
    });
    Ok(Plan { carried, keep })
}

/// Refuses to replace a workbook with reviewer input that neither `--previous` carries nor
/// `--force` allows; with `--force` its bytes come back, to be kept.
fn guard(flags: &Flags) -> Result<Option<(PathBuf, Vec<u8>)>> {
    let existing = flags.out.join(FILE_NAME);
    // Only a regular file is read: a planted link is refused later by the write checks, never
    // followed here.
    if !std::fs::symlink_metadata(&existing).is_ok_and(|m| m.file_type().is_file()) {
        return Ok(None);
    }
    let carried = flags.previous.and_then(previous::workbook_of).is_some_and(|w| same_file(&w, &existing));
    if carried {
        return Ok(None);
    }
    let shown = existing.display().to_string();
    let filled = match workbook_in::filled_cells(&existing, &shown) {
        Ok(n) => n,
        // A workbook that cannot be read may still be someone's work.
        Err(_) => usize::MAX,
    };
    if filled == 0 {
        return Ok(None);
    }
    if !flags.force {
        let what = if filled == usize::MAX {
            "cannot be read back, so it may hold reviewer input".to_string()
        } else {
            format!("holds reviewer input ({filled} filled cells in Owner, Evidence, Review status or Reviewer notes)")
        };
        return Err(Error::Usage(format!(
            "{shown} {what}: give --previous {} to carry it into the new workbook, or --force to replace it (the old workbook is then kept beside the new one)",
            flags.out.display()
        )));
    }
    let bytes = limits::read_input(&existing)?;
    Ok(Some((backup_path(flags.out), bytes)))
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// `responsibility-matrix.previous.xlsx`, or `.previous-2.xlsx`, … : never an existing file.
fn backup_path(out: &Path) -> PathBuf {
    let stem = FILE_NAME.trim_end_matches(".xlsx");
    (1..)
        .map(|n| out.join(if n == 1 { format!("{stem}.previous.xlsx") } else { format!("{stem}.previous-{n}.xlsx") }))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .expect("some name is free")
}

/// Writes the kept workbook (atomically, never through a link); returns where.
pub fn keep(keep: &(PathBuf, Vec<u8>)) -> Result<&Path> {
    output::write_atomic_with(&keep.0, |f| f.write_all(&keep.1))?;
    Ok(&keep.0)
}

/// One line for the user about what was carried.
pub fn summary(c: &Carried) -> String {
    let changes =
        c.diff.as_ref().map(|d| format!("; {} changes since the previous matrix", d.changes.len())).unwrap_or_default();
    format!(
        "carried reviews from {}: {} rows as they were, {} set to \"Needs re-review\", {} orphaned (see the Orphaned reviews sheet){changes}",
        c.source,
        c.kept,
        c.rereview,
        c.orphans.len()
    )
}
