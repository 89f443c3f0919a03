//! The Control Origination marks of a provider's CIS worksheet, as a cross-check of its CRM:
//! the template's guidance ties them together (Service Provider Corporate, System Specific or
//! Hybrid, or Inherited from Pre-Existing Authorization → Yes; Shared → Partial; Configured
//! or Provided by Customer → No).

use super::point_id::{self, PointId};
use crate::diag::Location;
use crate::ingest::table::Table;
use crate::model::Status;

/// How far down a sheet the origination column names may sit.
const HEADER_SEARCH_ROWS: usize = 10;

/// An origination column: its index, its name as written, and the answer it implies.
type Column = (usize, String, Status);

/// The answer a row's origination marks imply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CisMark {
    pub point: PointId,
    /// Inherited (Yes), shared (Partial) or customer (No).
    pub status: Status,
    /// The marked columns' names, as the sheet has them.
    pub marked: Vec<String>,
    pub place: Location,
}

/// What an origination column implies, by its normalized name.
fn implies(name: &str) -> Option<Status> {
    let n = name.split_whitespace().collect::<Vec<_>>().join(" ").to_ascii_lowercase();
    if n.starts_with("service provider") || n.starts_with("inherited from pre-existing") {
        Some(Status::Inherited)
    } else if n.starts_with("shared") {
        Some(Status::Shared)
    } else if n.starts_with("configured by customer") || n.starts_with("provided by customer") {
        Some(Status::Customer)
    } else {
        None
    }
}

/// The marks of a CIS sheet; empty when it has no origination header.
pub fn marks(t: &Table) -> Vec<CisMark> {
    let Some((names_row, columns)) = header(t) else { return Vec::new() };
    let id_col = id_column(t, names_row).unwrap_or(0);
    let mut out = Vec::new();
    for (i, row) in t.rows.iter().enumerate().skip(names_row + 1) {
        let Some(point) = row.get(id_col).and_then(|id| point_id::parse(id)) else { continue };
        let marked: Vec<&Column> =
            columns.iter().filter(|(c, _, _)| row.get(*c).is_some_and(|v| !v.trim().is_empty())).collect();
        let Some(status) = combine(marked.iter().map(|(_, _, s)| *s)) else { continue };
        let names = marked.iter().map(|(_, n, _)| n.clone()).collect();
        out.push(CisMark { point, status, marked: names, place: t.place(i, Some(id_col)) });
    }
    out
}

/// All marks the provider's → Yes, all the customer's → No, anything else → Partial.
fn combine(statuses: impl Iterator<Item = Status>) -> Option<Status> {
    let all: Vec<Status> = statuses.collect();
    let first = *all.first()?;
    Some(match all.iter().all(|s| *s == first) {
        true => first,
        false => Status::Shared,
    })
}

/// The row naming the origination columns, with each column's index, name and implication.
fn header(t: &Table) -> Option<(usize, Vec<Column>)> {
    t.rows.iter().take(HEADER_SEARCH_ROWS).enumerate().find_map(|(i, row)| {
        let cols: Vec<Column> =
            row.iter().enumerate().filter_map(|(c, v)| implies(v).map(|s| (c, v.trim().to_string(), s))).collect();
        (cols.len() >= 3).then_some((i, cols))
    })
}

/// The `Control ID` column, named on the origination row or a row above it.
fn id_column(t: &Table, names_row: usize) -> Option<usize> {
    t.rows[..=names_row].iter().rev().find_map(|row| {
        row.iter().position(|v| v.split_whitespace().collect::<Vec<_>>().join(" ").eq_ignore_ascii_case("control id"))
    })
}
