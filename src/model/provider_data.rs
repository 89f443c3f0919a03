//! Provider responsibility data as the engine applies it: one provider's answers (from its
//! FedRAMP CIS/CRM workbook or OSCAL SSP) per control or statement, each with the place it was
//! read from.

use super::Status;
use crate::diag::Location;

/// What one file of a provider answers, for the services of that provider.
#[derive(Debug, Clone)]
pub struct ProviderData {
    /// The provider id the answers apply to (`aws`), matched with the services' provider
    /// case-insensitively.
    pub provider: String,
    /// The file's name (no folders), as `decided_by` names it: `provider:aws-crm.xlsx`.
    pub file: String,
    /// What the file is (`FedRAMP CIS/CRM workbook`, `OSCAL SSP`).
    pub kind: String,
    pub answers: Vec<ProviderAnswer>,
}

/// One answered response point.
#[derive(Debug, Clone)]
pub struct ProviderAnswer {
    /// The control's label, zeros dropped: `AC-2`, `AC-2(3)`.
    pub control: String,
    /// The statement item (`a`, `a.1`); `None` for the whole control.
    pub statement: Option<String>,
    /// The FedRAMP row id: `AC-2(3)(a)`, `AC-3`.
    pub label: String,
    /// Inherited (Yes), shared (Partial) or customer (No).
    pub status: Status,
    /// The provider's own words (the CRM's `Specific Inheritance and Customer Agency/CSP
    /// Responsibilities`).
    pub text: String,
    /// Where it was read, with the file's name only (`aws-crm.xlsx[Moderate CRM Worksheet]!A12`).
    pub origin: Location,
}

impl ProviderData {
    /// Whether the file speaks for service `s`: its provider id or name, without case.
    pub fn speaks_for(&self, s: &super::Service) -> bool {
        speaks_for(&self.provider, s)
    }
}

/// Whether `provider` (an id such as `aws`, or a name such as `Amazon Web Services`) is the
/// provider of service `s`, without case.
pub fn speaks_for(provider: &str, s: &super::Service) -> bool {
    names_provider(provider, s.provider.as_deref(), s.provider_title.as_deref())
}

/// Whether `provider` is a service's provider id or name, without case.
pub fn names_provider(provider: &str, id: Option<&str>, title: Option<&str>) -> bool {
    let p = provider.trim();
    [id, title].into_iter().flatten().any(|v| v.eq_ignore_ascii_case(p))
}

impl ProviderAnswer {
    /// The CRM's word for the answer: Yes, Partial or No.
    pub fn word(&self) -> &'static str {
        match self.status {
            Status::Inherited => "Yes",
            Status::Shared => "Partial",
            _ => "No",
        }
    }
}
