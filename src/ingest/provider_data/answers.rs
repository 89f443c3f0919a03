//! A provider file's answers as the engine applies them (`model::ProviderData`): places name
//! the file without its folders, so artifacts read the same from any working directory.

use super::ProviderCrm;
use crate::model::{ProviderAnswer, ProviderData};
use std::path::Path;

/// `crm` read from `path`, for the services of `provider`.
pub fn provider_data(provider: &str, path: &Path, crm: &ProviderCrm) -> ProviderData {
    let file = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    let answers = crm
        .answers
        .iter()
        .map(|a| ProviderAnswer {
            control: a.point.control.clone(),
            statement: a.point.statement.clone(),
            label: a.point.label(),
            status: a.status,
            text: a.text.clone(),
            origin: crate::diag::Location { file: file.clone(), ..a.place.clone() },
        })
        .collect();
    ProviderData { provider: provider.to_string(), file, kind: crm.kind.full_name().to_string(), answers }
}
