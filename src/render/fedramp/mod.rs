//! The FedRAMP CIS/CRM workbook (`report --fedramp LEVEL`): a pure function from the report to
//! the bytes of `fedramp-<level>-cis-crm.xlsx`, laid out as the Rev 5 SSP Appendix J template's
//! worksheets of that level (see [`level`]), one row per response point of the selected FedRAMP
//! baseline. Input text goes in as string cells only, never as formulas.

mod about;
mod cis;
mod crm;
mod formats;
mod implementation;
pub mod level;
pub mod rows;

pub use cis::{ORIGINATION_COLUMNS, STATUS_COLUMNS};
pub use crm::HEADERS as CRM_HEADERS;
pub use level::Level;

use crate::error::Error;
use crate::report::Report;
use crate::view::Matrix;
use rust_xlsxwriter::{DocProperties, Workbook, XlsxError};

/// The index of the level's baseline among the matrix's frameworks, or a usage error naming
/// the profile to select.
pub fn framework(m: &Matrix, level: Level) -> Result<usize, Error> {
    if let Some(i) = m.frameworks.iter().position(|fw| level.matches(fw)) {
        return Ok(i);
    }
    let selected: Vec<&str> = m.frameworks.iter().map(|f| f.id.as_str()).collect();
    let lisaas = match level {
        Level::LiSaas => " (the template's LI-SaaS worksheets list the Low baseline's response points)",
        _ => "",
    };
    Err(Error::Usage(format!(
        "--fedramp {}: the FedRAMP Rev 5 {} baseline is not among the selected frameworks ({}){lisaas}: add \
         --framework {} (FedRAMP's OSCAL profile, shipped in the repository's catalogs/fedramp-rev5/) with \
         --catalog NIST_SP-800-53_rev5_catalog.json",
        level.id(),
        level.rows_from().name(),
        selected.join(", "),
        level.profile_file(),
    )))
}

/// Renders the workbook of `report.options.fedramp`. Identical reports give identical bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, Error> {
    let Some(level) = report.options.fedramp else {
        return Err(fail("fedramp-cis-crm.xlsx", "no FedRAMP level was chosen (--fedramp)".into()));
    };
    let fi = framework(&report.matrix, level).map_err(|e| fail(level.file_name(), e.to_string()))?;
    build(report, level, fi).map_err(|e| fail(level.file_name(), e.to_string()))
}

fn build(report: &Report, level: Level, fi: usize) -> Result<Vec<u8>, XlsxError> {
    let f = formats::Formats::new();
    let m = &report.matrix;
    let points = rows::points(m, fi);
    let mut wb = Workbook::new();
    wb.set_properties(&properties(report, level));
    for format in f.all() {
        wb.register_format(format);
    }
    about::write(wb.add_worksheet(), report, level, fi, points.len(), &f)?;
    cis::write(wb.add_worksheet(), level, m, &points, report.options.review.as_deref(), &f)?;
    crm::write(wb.add_worksheet(), level, m, &points, &f)?;
    wb.save_to_buffer()
}

/// Title and a creation date pinned to the report date, so the bytes never depend on the clock.
fn properties(report: &Report, level: Level) -> DocProperties {
    let meta = &report.meta;
    let created = crate::render::xlsx::creation_date(report);
    DocProperties::new()
        .set_title(format!("FedRAMP {} CIS and CRM Workbook: {}", level.name(), meta.organization))
        .set_company(meta.organization.as_str())
        .set_author(report.matrix.generator.as_str())
        .set_creation_datetime(&created)
}

fn fail(artifact: &str, message: String) -> Error {
    Error::Render { artifact: artifact.to_string(), message }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::xlsx::tests::{matrix, report};
    use calamine::{Data, Reader, Xlsx};

    fn fedramp_report(services: usize, controls: usize) -> Report {
        let mut m = matrix(services, controls);
        m.frameworks[0].id = "fedramp-rev5-low-baseline-profile".into();
        m.frameworks[0].title = "FedRAMP Rev 5 Low Baseline".into();
        let mut r = report(m);
        r.options.fedramp = Some(Level::Low);
        r
    }

    #[test]
    fn a_service_name_that_looks_like_a_formula_stays_text() {
        let mut r = fedramp_report(1, 1);
        r.matrix.services[0].name = "=HYPERLINK(\"http://x\")".into();
        let bytes = render(&r).unwrap();
        let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert!(wb.worksheet_formula("Low CRM Worksheet").unwrap().is_empty(), "no formulas");
        let crm = wb.worksheet_range("Low CRM Worksheet").unwrap();
        let c = crm.get_value((4, 2)).cloned().unwrap_or(Data::Empty);
        assert!(matches!(&c, Data::String(s) if s.starts_with("=HYPERLINK")), "{c:?}");
    }

    #[test]
    fn another_levels_baseline_is_a_render_error_naming_the_right_profile() {
        let mut r = fedramp_report(1, 1);
        r.options.fedramp = Some(Level::High);
        let err = render(&r).unwrap_err().to_string();
        assert!(err.contains("FedRAMP_rev5_HIGH-baseline_profile.json"), "{err}");
        r.options.fedramp = Some(Level::LiSaas);
        assert!(render(&r).is_ok(), "LI-SaaS takes the Low baseline's rows");
    }
}
