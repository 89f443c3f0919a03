//! Provider responsibility data in: a provider's FedRAMP CIS/CRM workbook read into answers per
//! response point (Yes → inherited, Partial → shared, No → customer), each with its file, sheet
//! and row, cross-checked with the CIS worksheet's Control Origination marks. Comparing them with
//! the model is `provider_check`; applying them as decisions is a later step.

pub mod answers;
pub mod cis;
pub mod crm;
pub mod point_id;

pub use crm::{read, CrmAnswer, ProviderCrm};
pub use point_id::PointId;

use crate::diag::Diagnostics;
use crate::error::Error;
use std::path::Path;

/// Reads a provider's CRM workbook from disk, within the input size limit.
pub fn read_file(path: &Path) -> Result<(ProviderCrm, Diagnostics), Error> {
    let bytes = crate::ingest::limits::read_input(path)?;
    read(&path.display().to_string(), &bytes)
}
