//! Which columns the matrix gets: one per service when they fit the landscape page, otherwise
//! groups of services (by model, or what `--group-by` picked), split into bands of columns
//! that fit when even the groups are too many for one page.

use crate::grouping::{groups, Group, GroupBy};
use crate::report::Report;

/// Narrowest legible service column: a 6.5 pt status code and a rotated 7 pt name.
pub const MIN_SERVICE_COL: f32 = 16.0;
const MAX_SERVICE_COL: f32 = 34.0;
/// Narrowest group column: a status label and its counts at 7 pt.
pub const MIN_GROUP_COL: f32 = 64.0;
const MAX_GROUP_COL: f32 = 120.0;
/// Narrowest the control title may get.
pub const MIN_TITLE: f32 = 150.0;
/// The title width service columns leave when they can stay legible: a title on one or two
/// lines instead of four keeps the matrix about half as long.
const GOOD_TITLE: f32 = 300.0;

/// How the matrix columns are made.
#[derive(Debug, Clone)]
pub enum Plan {
    /// One column per service, each this wide.
    PerService { width: f32 },
    /// Groups of services, in bands of at most `per_band` columns, each this wide.
    Grouped { by: GroupBy, groups: Vec<Group>, per_band: usize, width: f32 },
}

/// Decides the columns for `room` points left beside the ID, title and overall columns.
pub fn plan(report: &Report, room: f32) -> Plan {
    let n = report.matrix.services.len().max(1);
    if report.options.group_by.is_none() && n as f32 * MIN_SERVICE_COL <= room - MIN_TITLE {
        // As wide as leaves the title GOOD_TITLE, never narrower than legible (the condition
        // above keeps the title at least MIN_TITLE then).
        let width = ((room - GOOD_TITLE) / n as f32).clamp(MIN_SERVICE_COL, MAX_SERVICE_COL);
        return Plan::PerService { width };
    }
    let by = report.options.group_by.unwrap_or_default();
    let groups = groups(&report.matrix, by);
    let fit = (((room - MIN_TITLE) / MIN_GROUP_COL).floor() as usize).max(1);
    let per_band = groups.len().clamp(1, fit);
    let width = ((room - MIN_TITLE) / per_band as f32).clamp(MIN_GROUP_COL, MAX_GROUP_COL);
    Plan::Grouped { by, groups, per_band, width }
}

impl Plan {
    /// Column-index ranges of the bands (one band for per-service plans).
    pub fn bands(&self, services: usize) -> Vec<std::ops::Range<usize>> {
        match self {
            Plan::PerService { .. } => std::iter::once(0..services).collect(),
            Plan::Grouped { groups, per_band, .. } => {
                (0..groups.len()).step_by(*per_band).map(|s| s..(s + per_band).min(groups.len())).collect()
            }
        }
    }

    pub fn column_width(&self) -> f32 {
        match self {
            Plan::PerService { width } | Plan::Grouped { width, .. } => *width,
        }
    }
}

/// Words for a grouping: "service model", "provider", …
pub fn by_words(by: GroupBy) -> &'static str {
    match by {
        GroupBy::Model => "service model",
        GroupBy::Provider => "provider",
        GroupBy::Owner => "owner",
        GroupBy::Environment => "environment",
    }
}
