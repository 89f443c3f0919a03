//! Control-level overrides: an auditor-visible decision that beats the model, with its reason.

use super::date::Date;
use super::layer::Status;
use crate::diag::Location;

/// One entry of an overrides file.
#[derive(Debug, Clone)]
pub struct ControlOverride {
    /// A label for `decided_by`: the entry's `id`, or its 1-based position.
    pub label: String,
    /// Limit to one framework (catalog id); `None` applies to every framework.
    pub framework: Option<String>,
    /// Control id or glob (`PR.AA-*`), matched case-insensitively.
    pub control: String,
    /// The statement of the control it is limited to (`a`, `ac-2_smt.a`), as written; `None`
    /// applies to the whole control and so to every statement.
    pub statement: Option<String>,
    /// Service ids the override is limited to; empty means every service.
    pub services: Vec<String>,
    pub status: Status,
    pub justification: String,
    pub expires: Option<Date>,
    pub origin: Location,
}

impl ControlOverride {
    /// Whether the entry names services (more specific entries win).
    pub fn is_scoped(&self) -> bool {
        !self.services.is_empty()
    }
}
