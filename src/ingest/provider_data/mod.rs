//! Provider responsibility data in, answers per response point (inherited, shared or customer),
//! each with the place it came from:
//!
//! - a provider's FedRAMP CIS/CRM workbook (`crm`): Yes → inherited, Partial → shared, No →
//!   customer, with the file, sheet and row, cross-checked with the CIS worksheet's Control
//!   Origination marks (`cis`);
//! - a provider's OSCAL SSP in JSON (`oscal_ssp`): what each requirement and statement exports
//!   to leveraging systems (provided only → inherited, provided and responsibilities → shared,
//!   responsibilities only → customer), with its JSON path.
//!
//! `read_file` picks the reader by content. Comparing the answers with the model is
//! `provider_check`; applying them as decisions is a later step.

pub mod answers;
pub mod cis;
pub mod crm;
pub mod crm_sheets;
pub mod oscal_export;
pub mod oscal_ssp;
pub mod point_id;

pub use crm::{read, CrmAnswer, DataKind, ProviderCrm};
pub use point_id::PointId;

use crate::diag::Diagnostics;
use crate::error::Error;
use std::path::Path;

/// Reads a provider's CRM workbook or OSCAL SSP from disk, within the input size limits.
pub fn read_file(path: &Path) -> Result<(ProviderCrm, Diagnostics), Error> {
    let bytes = crate::ingest::limits::read_input(path)?;
    let name = path.display().to_string();
    match is_json(path, &bytes) {
        true => oscal_ssp::read(&name, &bytes),
        false if is_workbook(path, &bytes) => read(&name, &bytes),
        false => Err(Error::unreadable(crate::diag::Diagnostic::error(
            crate::diag::Location::file(&name),
            format!(
                "{}; provider data is a FedRAMP CIS/CRM workbook (XLSX) or an OSCAL SSP in JSON",
                looks_like(&bytes)
            ),
        ))),
    }
}

/// A zip or OLE file, or a spreadsheet by its extension (so a damaged one is reported as such).
fn is_workbook(path: &Path, bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(b"\xD0\xCF\x11\xE0")
        || crate::ingest::limits::is_spreadsheet(path)
}

/// What a file that is neither a workbook nor JSON seems to be, for the message refusing it.
fn looks_like(bytes: &[u8]) -> &'static str {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => "an empty file",
        Some(b'<') => "XML (an OSCAL SSP in XML is not read: give its JSON form, e.g. from oscal-cli convert)",
        Some(_) if std::str::from_utf8(body).is_ok() => "a text file (CSV or YAML?), not a workbook or JSON",
        Some(_) => "neither a workbook nor JSON",
    }
}

/// A zip or OLE file is a workbook; text that opens with `{` is a JSON document; otherwise the
/// extension decides (`.json`, so a broken JSON file is reported as such).
fn is_json(path: &Path, bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if body.starts_with(b"PK\x03\x04") || body.starts_with(b"\xD0\xCF\x11\xE0") {
        return false;
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') || ext.eq_ignore_ascii_case("json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_is_picked_by_content_then_extension() {
        let p = Path::new;
        assert!(is_json(p("provider.data"), b"\xEF\xBB\xBF \n{\"system-security-plan\": {}}"));
        assert!(is_json(p("ssp.JSON"), b"not json at all"));
        assert!(!is_json(p("crm.json"), b"PK\x03\x04 a workbook after all"));
        assert!(!is_json(p("crm.xlsx"), b"PK\x03\x04"));
        assert!(!is_json(p("crm.xls"), b"\xD0\xCF\x11\xE0"));
    }
}
