//! Column groups for wide inventories: services grouped by model, provider, owner or
//! environment, with a group's status per control (PDF and HTML use these when one column per
//! service would not fit).

use crate::engine::overall;
use crate::model::Status;
use crate::view::{ControlView, Counts, Matrix, ServiceView};

/// What to group services by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GroupBy {
    #[default]
    Model,
    Provider,
    Owner,
    Environment,
}

impl GroupBy {
    pub fn parse(text: &str) -> Option<GroupBy> {
        match text.trim().to_ascii_lowercase().as_str() {
            "model" | "service-model" => Some(GroupBy::Model),
            "provider" => Some(GroupBy::Provider),
            "owner" => Some(GroupBy::Owner),
            "environment" | "env" => Some(GroupBy::Environment),
            _ => None,
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            GroupBy::Model => "model",
            GroupBy::Provider => "provider",
            GroupBy::Owner => "owner",
            GroupBy::Environment => "environment",
        }
    }
}

/// A column of grouped services.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    pub label: String,
    /// Indexes into `Matrix::services`, in inventory order.
    pub services: Vec<usize>,
}

fn key(s: &ServiceView, by: GroupBy) -> String {
    let v = match by {
        GroupBy::Model => Some(s.model_title.clone()),
        GroupBy::Provider => s.provider_title.clone().or_else(|| s.provider.clone()),
        GroupBy::Owner => s.owner.clone(),
        GroupBy::Environment => s.environment.clone(),
    };
    v.filter(|t| !t.trim().is_empty()).unwrap_or_else(|| "(none)".to_string())
}

/// Groups of in-scope services. Model groups follow the model order of the registry (on-prem
/// first, SaaS last, by the order models appear in the matrix's services); other groups are
/// sorted by label, "(none)" last.
pub fn groups(m: &Matrix, by: GroupBy) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for (i, s) in m.services.iter().enumerate() {
        let label = key(s, by);
        match out.iter_mut().find(|g| g.label == label) {
            Some(g) => g.services.push(i),
            None => out.push(Group { label, services: vec![i] }),
        }
    }
    match by {
        GroupBy::Model => {
            const ORDER: [&str; 7] = ["on-prem", "iaas", "containers", "paas", "serverless", "abstracted", "saas"];
            let rank =
                |g: &Group| ORDER.iter().position(|id| m.services[g.services[0]].model == *id).unwrap_or(ORDER.len());
            out.sort_by_key(|g| (rank(g), g.label.clone()));
        }
        _ => out.sort_by_key(|g| (g.label == "(none)", g.label.to_lowercase())),
    }
    out
}

/// A group's status for a control (same rule as the overall status) and its counts.
pub fn group_status(c: &ControlView, g: &Group) -> (Status, Counts) {
    let mut counts = Counts::default();
    for &si in &g.services {
        counts.add(c.cells[si].status);
    }
    (overall(&counts), counts)
}
