//! The reviewers' work of a previous report: one entry (owner, evidence, review status, notes)
//! per (control, service) pair, with the responsibility it was given for, so the next report
//! can tell whether the responsibility changed.

use serde::{Deserialize, Serialize};

/// The new review status of a carried row whose responsibility changed.
pub const NEEDS_REREVIEW: &str = "Needs re-review";

/// What reviewers typed into one row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub review_status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

impl Entry {
    /// How many of the four cells hold something.
    pub fn filled(&self) -> usize {
        [&self.owner, &self.evidence, &self.review_status, &self.notes].iter().filter(|v| !v.trim().is_empty()).count()
    }
    pub fn is_empty(&self) -> bool {
        self.filled() == 0
    }
}

/// One reviewed (control, service) pair and the responsibility it was reviewed for.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pair {
    pub framework: String,
    pub control: String,
    pub service: String,
    /// The pair's responsibility id (`R-…`) and the row it was on (`CR-…`).
    #[serde(default)]
    pub responsibility: String,
    #[serde(default)]
    pub row: String,
    pub status: String,
    #[serde(default)]
    pub provider_layers: Vec<String>,
    #[serde(default)]
    pub customer_layers: Vec<String>,
    #[serde(default)]
    pub shared_layers: Vec<String>,
    #[serde(default)]
    pub decided_by: String,
    /// Digest of what the organization had to do (`ids::text_digest`).
    #[serde(default)]
    pub statement: String,
    #[serde(flatten)]
    pub entry: Entry,
}

/// A reviewed row the previous workbook could not tie to pairs (no Review Index entry).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LooseRow {
    pub row: String,
    pub framework: String,
    pub control: String,
    pub services: String,
    /// Where it was: `responsibility-matrix.xlsx[Customer Responsibilities]!A7`.
    pub origin: String,
    #[serde(flatten)]
    pub entry: Entry,
    /// Why it could not be tied to pairs, when not for want of a Review Index entry (a row
    /// already orphaned in the previous report, a second copy of a row).
    #[serde(skip)]
    pub why: String,
}

/// Everything carried from a previous report.
#[derive(Debug, Clone, Default)]
pub struct Prior {
    /// Where it came from: as typed when read, as artifacts name it after
    /// [`super::previous::record_names`].
    pub source: String,
    /// The pairs of reviewed rows (a ledger may also list unreviewed ones).
    pub pairs: Vec<Pair>,
    /// The pairs a previous workbook listed on rows without reviewer input, as `pair_key`s:
    /// they tell "joined this row, not reviewed before" apart from "new in this row" without
    /// holding a full `Pair` for each of them (at 500 services, most of 650,000).
    pub unreviewed: std::collections::HashSet<String>,
    pub loose: Vec<LooseRow>,
    /// What reviewers typed into the Statements of Applicability, by control.
    pub soa: Vec<super::soa_reviews::SoaReview>,
    /// The previous matrix, when its matrix.json was found, for "Changes since last report".
    pub matrix: Option<super::snapshot::Snapshot>,
    /// Remarks for the user (what was found, what was not).
    pub notes: Vec<String>,
}

/// A pair's key in `Prior::unreviewed`: framework, normalized control id (`ids::control_key`)
/// and service id.
pub fn pair_key(framework: &str, control_key: &str, service: &str) -> String {
    format!("{framework}\u{0}{control_key}\u{0}{service}")
}
