//! A report: the matrix plus what an auditor needs around it (who, what period, which inputs).

use crate::grouping::GroupBy;
use crate::model::Date;
use crate::view::Matrix;

/// One input file and its fingerprint, so an assessor can verify what the report was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// "inventory", "overrides", "framework", "project".
    pub role: String,
    /// The path as given on the command line or in the project file.
    pub path: String,
    /// Lower-case hex SHA-256 of the file's bytes.
    pub sha256: String,
}

/// The report's front matter.
#[derive(Debug, Clone, Default)]
pub struct ReportMeta {
    pub organization: String,
    pub scope: String,
    pub period: String,
    /// From the project file, `--date` or SOURCE_DATE_EPOCH; never the clock.
    pub report_date: Option<Date>,
    pub inputs: Vec<InputFile>,
    /// Document control from the project file (`document:`).
    pub document: DocumentControl,
    /// Provider attestations the project file names (`attestations:`), in its order.
    pub attestations: Vec<Attestation>,
}

/// A provider attestation the organization relies on for what it inherits, as artifacts cite it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attestation {
    /// The provider as written (matched against the services' provider ids and names).
    pub provider: String,
    /// `soc2-type2`, `fedramp`, … (see `ingest::attestations::KINDS`).
    pub kind: String,
    /// The report, certificate or package id.
    pub id: String,
    pub title: String,
    /// The period it covers, when it gives two dates.
    pub period: Option<(Date, Date)>,
    pub valid_until: Option<Date>,
    /// Its file as written in the project file.
    pub file: Option<String>,
}

/// Document control an assessor expects on the cover: version, classification marking, who
/// prepared, reviewed and approved the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentControl {
    pub version: Option<String>,
    /// A marking such as "Confidential", printed in every page header and footer.
    pub classification: Option<String>,
    pub prepared_by: Option<String>,
    pub reviewed_by: Option<String>,
    pub approved_by: Option<String>,
}

impl DocumentControl {
    /// The filled fields as (label, value), in cover order.
    pub fn fields(&self) -> Vec<(&'static str, &str)> {
        [
            ("Document version", &self.version),
            ("Classification", &self.classification),
            ("Prepared by", &self.prepared_by),
            ("Reviewed by", &self.reviewed_by),
            ("Approved by", &self.approved_by),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.as_deref().map(|v| (k, v)))
        .collect()
    }
}

impl ReportMeta {
    /// The report date as printed, or a note that none was set.
    pub fn date_text(&self) -> String {
        match self.report_date {
            Some(d) => d.to_string(),
            None => "not set".to_string(),
        }
    }
}

/// Paper size for the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    #[default]
    A4,
    Letter,
}

/// A user's replacement for a built-in report template or partial (`--templates DIR`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateOverride {
    /// The built-in file name it replaces, e.g. `report.html.hbs`.
    pub name: String,
    /// Where it came from, for diagnostics, e.g. `my-theme/report.html.hbs`.
    pub origin: String,
    pub text: String,
}

/// Choices the user makes about how artifacts look.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Group service columns (PDF, HTML); `None` lets the renderer decide by width.
    pub group_by: Option<GroupBy>,
    pub paper: Paper,
    /// Report templates replaced by the user (HTML and Markdown), read by the CLI.
    pub templates: Vec<TemplateOverride>,
    /// The reviewers' work carried from a previous report (`report --previous`, `--reviews`).
    pub review: Option<std::sync::Arc<crate::review::carry::Carried>>,
    /// The Request List and Statements of Applicability with evidence (`package`); without,
    /// the workbook builds them from the matrix alone.
    pub audit: Option<std::sync::Arc<crate::render::xlsx::audit::AuditTables>>,
    /// The OSCAL version of the SSP (`report --oscal-version`).
    pub oscal_version: crate::render::oscal::OscalVersion,
    /// The FedRAMP level whose CIS/CRM workbook to write (`report --fedramp`).
    pub fedramp: Option<crate::render::fedramp::Level>,
    /// The layout of `matrix.json` (`--json-layout`), so the package's index names its schema.
    pub json_layout: crate::render::json::Layout,
}

/// Everything a renderer gets.
#[derive(Debug, Clone)]
pub struct Report {
    pub matrix: Matrix,
    pub meta: ReportMeta,
    pub options: RenderOptions,
}

/// Lower-case hex SHA-256 of some bytes.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sha256_of_abc() {
        assert_eq!(super::sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
