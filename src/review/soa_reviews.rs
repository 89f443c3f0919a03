//! The reviewers' columns of the Statements of Applicability (implementation status, reviewer,
//! reviewer notes): read back from a reviewed workbook, carried by control into the next report,
//! kept in the ledger, and listed as orphaned when their control is no longer in the report.

use super::carry::Orphan;
use super::ids::control_key;
use super::prior::Entry;
use crate::ingest::table::Table;
use crate::view::Matrix;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The SoA columns reviewers fill, as the workbook titles them.
pub const COLUMNS: [&str; 3] = ["Implementation status", "Reviewer", "Reviewer notes"];

/// What reviewers typed into one control's row of a Statement of Applicability.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SoaReview {
    pub framework: String,
    pub control: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub implementation_status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reviewer_notes: String,
    /// Where it was: `responsibility-matrix.xlsx[SoA iso-27017-2015]!M7`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub origin: String,
}

impl SoaReview {
    /// The three reviewer cells, in column order.
    pub fn values(&self) -> [&str; 3] {
        [&self.implementation_status, &self.reviewer, &self.reviewer_notes]
    }

    /// How many of them hold something.
    pub fn filled(&self) -> usize {
        self.values().iter().filter(|v| !v.trim().is_empty()).count()
    }
}

/// The carried SoA reviews by framework and normalized control id.
pub type Carried = HashMap<(String, String), SoaReview>;

/// Reads one SoA sheet's filled reviewer cells (header on the first row, found by title; a
/// sheet without the columns gives nothing).
pub fn read_sheet(table: &Table, out: &mut Vec<SoaReview>) {
    let Some(head) = table.rows.first() else { return };
    let col = |name: &str| head.iter().position(|c| c.trim().eq_ignore_ascii_case(name));
    let (Some(fw), Some(id)) = (col("Framework"), col("Control id")) else { return };
    let cols = COLUMNS.map(col);
    let get = |row: &[String], c: Option<usize>| c.and_then(|i| row.get(i)).map(|v| v.trim().to_string());
    for (i, row) in table.rows.iter().enumerate().skip(1) {
        let [status, reviewer, notes] = cols.map(|c| get(row, c).unwrap_or_default());
        let review = SoaReview {
            framework: get(row, Some(fw)).unwrap_or_default(),
            control: get(row, Some(id)).unwrap_or_default(),
            implementation_status: status,
            reviewer,
            reviewer_notes: notes,
            origin: table.place(i, cols.iter().flatten().next().copied()).to_string(),
        };
        if review.filled() > 0 && !review.control.is_empty() {
            out.push(review);
        }
    }
}

/// Carries the reviews onto the controls of `m` that have a Statement of Applicability; those
/// whose control is not there are orphans.
pub fn carry(reviews: &[SoaReview], m: &Matrix) -> (Carried, Vec<Orphan>) {
    let present: HashSet<(String, String)> = crate::package::soa::iso_frameworks(m)
        .into_iter()
        .flat_map(|fi| {
            let fw = &m.frameworks[fi].id;
            m.controls.iter().filter(move |c| c.framework == fi).map(move |c| (fw.clone(), control_key(&c.id)))
        })
        .collect();
    let (mut carried, mut orphans) = (Carried::new(), Vec::new());
    for r in reviews {
        let key = (r.framework.clone(), control_key(&r.control));
        if present.contains(&key) {
            carried.entry(key).or_insert_with(|| r.clone());
        } else {
            orphans.push(orphan(r));
        }
    }
    (carried, orphans)
}

/// A Statement of Applicability review as an Orphaned reviews row: the implementation status
/// as its review status, the reviewer as its owner.
fn orphan(r: &SoaReview) -> Orphan {
    Orphan {
        row: String::new(),
        framework: r.framework.clone(),
        control: r.control.clone(),
        services: format!(
            "Statement of Applicability row ({}): the control has no Statement of Applicability in this report",
            r.origin
        ),
        entry: Entry {
            owner: r.reviewer.clone(),
            evidence: String::new(),
            review_status: r.implementation_status.clone(),
            notes: r.reviewer_notes.clone(),
        },
    }
}

/// The reviewer cells a control's SoA row starts with: the carried ones, else empty.
pub fn cells(carried: Option<&Carried>, framework: &str, control: &str) -> [String; 3] {
    let found = carried.and_then(|c| c.get(&(framework.to_string(), control_key(control))));
    found.map(|r| r.values().map(str::to_string)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filled_cells_are_read_by_their_titles() {
        let rows = vec![
            vec![
                "Framework".into(),
                "Control id".into(),
                "Applicable".into(),
                "Reviewer".into(),
                "Implementation status".into(),
            ],
            vec!["iso-27017-2015".into(), "A.5.1.1".into(), "Yes".into(), " Kim ".into(), "Implemented".into()],
            vec!["iso-27017-2015".into(), "A.5.1.2".into(), "Yes".into(), "".into(), "".into()],
        ];
        let table = Table {
            file: "book.xlsx".into(),
            sheet: Some("SoA iso-27017-2015".into()),
            origin: (0, 0),
            rows,
            errors: Vec::new(),
        };
        let mut out = Vec::new();
        read_sheet(&table, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!((out[0].control.as_str(), out[0].reviewer.as_str()), ("A.5.1.1", "Kim"));
        assert_eq!(out[0].implementation_status, "Implemented");
        assert_eq!(cells(None, "iso-27017-2015", "A.5.1.1"), [String::new(), String::new(), String::new()]);
    }
}
