//! Provider data in the report view: the answers applied (`--provider-data`) and the cells
//! where they differ from the model.

use crate::model::Status;

/// One answer of a provider's responsibility data (`--provider-data`).
#[derive(Debug, Clone)]
pub struct ProviderAnswerView {
    pub provider: String,
    /// The file's name (no folders).
    pub file: String,
    /// What the file is: `FedRAMP CIS/CRM workbook`, `OSCAL SSP`.
    pub kind: String,
    /// The response point: `AC-2(a)`, `AC-3`.
    pub label: String,
    pub status: Status,
    /// Yes, Partial or No.
    pub word: &'static str,
    /// The provider's own words.
    pub text: String,
    /// Where it was read: `aws-crm.xlsx[Moderate CRM Worksheet]!A12`.
    pub origin: String,
}

/// A cell where a provider's answer and the model's own decision differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProviderDisagreement {
    /// Index into `ProviderView::answers`.
    pub answer: u32,
    /// Index into `Matrix::controls`.
    pub control: u32,
    /// Index into the control's `statements`, for an answer on a statement.
    pub statement: Option<u32>,
    /// Index into `Matrix::services`.
    pub service: u32,
    /// What the model decided before the answer.
    pub model: Status,
}

/// Provider data applied to the matrix: its answers and where they differ from the model.
#[derive(Debug, Clone, Default)]
pub struct ProviderView {
    pub answers: Vec<ProviderAnswerView>,
    pub disagreements: Vec<ProviderDisagreement>,
}
