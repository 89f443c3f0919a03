//! The CIS Implementation Status of a control, from the reviewers' work carried into the report
//! (`report --previous` / `--reviews`): the Review status of the control's rows on the
//! Customer Responsibilities sheet. Every row Accepted → Implemented; some Accepted →
//! Partially Implemented; every row Not applicable → N/A; otherwise (nothing reviewed, or
//! only started) no mark, for the organization to fill.

use crate::render::xlsx::responsibilities::{group, row_id};
use crate::review::carry::Carried;
use crate::view::{ControlView, Matrix};

/// The CIS columns (0-based) of Implemented, Partially Implemented and N/A.
const IMPLEMENTED: u16 = 1;
const PARTIAL: u16 = 2;
const NOT_APPLICABLE: u16 = 5;

/// The Implementation Status column to mark for control `c`, if the reviews say.
pub fn status(m: &Matrix, c: &ControlView, carried: &Carried) -> Option<u16> {
    let statuses: Vec<String> = group(c)
        .iter()
        .map(|r| carried.rows.get(&row_id(m, c, r)).map(|x| x.entry.review_status.trim().to_lowercase()))
        .map(Option::unwrap_or_default)
        .collect();
    let is = |s: &String, v: &str| s == v;
    let applicable: Vec<&String> = statuses.iter().filter(|s| !is(s, "not applicable")).collect();
    if statuses.is_empty() {
        None
    } else if applicable.is_empty() {
        Some(NOT_APPLICABLE)
    } else if applicable.iter().all(|s| is(s, "accepted")) {
        Some(IMPLEMENTED)
    } else if applicable.iter().any(|s| is(s, "accepted")) {
        Some(PARTIAL)
    } else {
        None
    }
}
