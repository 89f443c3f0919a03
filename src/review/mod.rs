//! Quarterly review: stable responsibility ids, comparing two matrices, and carrying the
//! reviewers' work (owner, evidence, review status, notes) from one report to the next.

pub mod ids;
