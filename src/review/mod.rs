//! Quarterly review: stable responsibility ids, comparing two matrices, and carrying the
//! reviewers' work (owner, evidence, review status, notes) from one report to the next.

pub mod carry;
pub mod codes;
pub mod diff;
pub mod diff_format;
pub mod ids;
pub mod ledger;
pub mod previous;
pub mod prior;
pub mod snapshot;
pub mod snapshot_prose;
pub mod snapshot_v2;
pub mod soa_reviews;
mod statements;
pub mod workbook_in;
