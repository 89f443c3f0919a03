//! The auditor workbook `responsibility-matrix.xlsx`: a pure function from the report to bytes.
//!
//! Sheets, in order: Summary, Matrix, Controls, Services, (Statements, when a control has
//! statement parts), Customer Responsibilities, (Provider vs model, with provider data),
//! (Crosswalk consistency, when a crosswalk relates the selected frameworks), About. The
//! big sheets (Matrix, Controls, Statements, Customer Responsibilities) are written row by row in
//! rust_xlsxwriter's constant-memory mode (Matrix and Statements with the shared string table),
//! so 1,200 controls × 500 services stay small in RAM.
//! Every input string goes in with `write_string`, so no input text ever becomes a formula.

mod about;
pub mod audit;
pub(crate) mod cells;
mod consistency;
mod controls;
mod customer;
mod digest;
mod matrix;
mod print;
mod provider_check;
pub(crate) mod responsibilities;
mod review;
mod services;
mod statements;
mod summary;

use crate::error::Error;
use crate::report::Report;
use crate::view::Matrix;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

/// The artifact's file name in the report folder.
pub const FILE_NAME: &str = "responsibility-matrix.xlsx";

/// Sheet names, in workbook order.
/// With `report --previous`, "Changes since last report" and "Orphaned reviews" come before
/// About; "Review Index" is hidden.
pub const SHEETS: [&str; 9] = [
    "Summary",
    "Matrix",
    "Controls",
    "Services",
    "Customer Responsibilities",
    "Request List",
    "SoA iso-27017-2015",
    "About",
    "Review Index",
];

/// Rows and columns an XLSX worksheet can hold.
const MAX_ROWS: usize = 1_048_576;
const MAX_COLS: usize = 16_384;

/// Renders the workbook. Identical reports give identical bytes.
pub fn render(report: &Report) -> Result<Vec<u8>, Error> {
    check_limits(&report.matrix)?;
    build(report).map_err(|e| fail(e.to_string()))
}

fn build(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let f = cells::Formats::new();
    let m = &report.matrix;
    let rows = customer::Rows::new(m, report.options.review.as_deref());
    let mut wb = Workbook::new();
    wb.set_properties(&properties(report));
    wb.set_zip_compression_level(1);
    // Every format gets its index now, in a fixed order, so the two threads below only look
    // formats up and the styles come out the same on every run.
    for format in f.all() {
        wb.register_format(format);
    }
    let carried = report.options.review.as_deref();
    // The Matrix and Statements sheets, a status per cell, use the shared string table: four
    // words repeated a million times cost a few bytes per cell instead of the word itself. They
    // are written on one thread, the only one that adds to the table, so its order never
    // depends on timing.
    wb.add_worksheet(); // Summary
    wb.add_worksheet_with_low_memory()?; // Matrix
    wb.add_worksheet_with_constant_memory()?; // Controls
    wb.add_worksheet(); // Services
    let with_statements = statements::wanted(m);
    if with_statements {
        wb.add_worksheet_with_low_memory()?; // Statements
    }
    for _ in 0..rows.sheets() {
        wb.add_worksheet_with_constant_memory()?; // Customer Responsibilities, …
    }
    let given = report.options.audit.clone();
    let table_count = given.as_ref().map_or_else(|| audit::sheet_names(m).len(), |a| a.tables.len());
    for _ in 0..table_count {
        wb.add_worksheet_with_constant_memory()?; // Request List, SoA <iso catalog>, …
    }
    if carried.is_some() {
        wb.add_worksheet(); // Changes since last report
        wb.add_worksheet(); // Orphaned reviews
    }
    let with_provider = provider_check::wanted(m);
    if with_provider {
        wb.add_worksheet(); // Provider vs model
    }
    let checked = consistency::wanted(m);
    if checked {
        wb.add_worksheet(); // Crosswalk consistency
    }
    wb.add_worksheet(); // About
    let index_sheets = review::index_sheets(&rows);
    for _ in 0..index_sheets {
        wb.add_worksheet_with_constant_memory()?; // Review Index, … (hidden)
    }
    let sheets = wb.worksheets_mut();
    let [summary, matrix, controls, services, rest @ ..] = sheets.as_mut_slice() else {
        unreachable!("the sheets were just added")
    };
    let (statement_sheet, rest) = rest.split_at_mut(usize::from(with_statements));
    let (rest, index) = rest.split_at_mut(rest.len() - index_sheets);
    let (about, rest) = rest.split_last_mut().expect("About was just added");
    let (rest, crosswalk) = if checked { rest.split_at_mut(rest.len() - 1) } else { (rest, &mut [][..]) };
    let (rest, provider) = rest.split_at_mut(rest.len() - usize::from(with_provider));
    let (review, rest) = rest.split_at_mut(rows.sheets());
    let (tables, extra) = rest.split_at_mut(table_count);
    // The Matrix and Statements sheets (a cell per control or statement and service, about half
    // the work) are written on a thread of their own while this one writes the others; both
    // only read the report.
    std::thread::scope(|s| {
        // The Request List and the SoAs are built from the matrix beside the sheets that
        // need nothing from them, and joined just before their own sheets are written.
        let built = s.spawn(|| given.unwrap_or_else(|| std::sync::Arc::new(audit::from_matrix(report))));
        let big = s.spawn(|| {
            matrix::write(matrix, m, &f)?;
            match statement_sheet.first_mut() {
                Some(ws) => statements::write(ws, m, &f),
                None => Ok(()),
            }
        });
        summary::write(summary, report, &rows, &f)?;
        controls::write(controls, m, &f)?;
        services::write(services, m, &f)?;
        customer::write_all(review, &rows, m, &f)?;
        let audit = built.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        for (ws, (name, table)) in tables.iter_mut().zip(&audit.tables) {
            audit::write(ws, name, table, m, &f)?;
        }
        if let (Some(c), [changes, orphans]) = (carried, extra) {
            review::changes(changes, c, &f)?;
            review::orphans(orphans, c, &f)?;
        }
        if let Some(ws) = provider.first_mut() {
            provider_check::write(ws, m, &f)?;
        }
        if let Some(ws) = crosswalk.first_mut() {
            consistency::write(ws, m, &f)?;
        }
        about::write(about, report, &f)?;
        review::index(index, &rows, m, &f)?;
        big.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
    })?;
    for ws in wb.worksheets_mut() {
        let layout = print_layout(&ws.name(), m);
        print::setup(ws, report, &layout)?;
    }
    wb.save_to_buffer()
}

/// How each sheet prints: its header rows, its width, and the id columns to repeat.
fn print_layout(name: &str, m: &Matrix) -> print::Layout {
    let services = m.services.len() as u16;
    let (header, columns, id_columns) = match name {
        "Summary" | "About" => (None, 9, 0),
        n if n == audit::REQUESTS_SHEET || n.starts_with("SoA ") => (Some((0, 0)), 15, 0),
        "Matrix" => (
            Some((0, matrix::HEADER_ROW)),
            matrix::FIRST_SERVICE_COL.saturating_add(services),
            matrix::FIRST_SERVICE_COL,
        ),
        review::ORPHANS_SHEET | review::CHANGES_SHEET => (Some((1, 1)), 8, 0),
        _ => (Some((0, 0)), 17, 0),
    };
    print::Layout { header, columns, id_columns }
}

/// Title, author and a creation date pinned to the report date, so the bytes never depend on
/// the clock.
fn properties(report: &Report) -> DocProperties {
    let meta = &report.meta;
    let created = creation_date(report);
    DocProperties::new()
        .set_title(format!("Responsibility matrix: {}", meta.organization))
        .set_subject(meta.scope.as_str())
        .set_company(meta.organization.as_str())
        .set_author(report.matrix.generator.as_str())
        .set_comment(format!("Generated by {}; report date {}", report.matrix.generator, meta.date_text()))
        .set_creation_datetime(&created)
}

/// A workbook's creation date: the report date, else a fixed day (never the clock).
pub(crate) fn creation_date(report: &Report) -> ExcelDateTime {
    let fixed = ExcelDateTime::from_ymd(2000, 1, 1).expect("a valid fixed date");
    report
        .meta
        .report_date
        .and_then(|d| ExcelDateTime::from_ymd(u16::try_from(d.year).ok()?, d.month as u8, d.day as u8).ok())
        .unwrap_or(fixed)
}

/// Refuses, with a message a user can act on, a matrix that cannot fit in a worksheet.
fn check_limits(m: &Matrix) -> Result<(), Error> {
    let columns = matrix::FIRST_SERVICE_COL as usize + m.services.len();
    if columns > MAX_COLS {
        return Err(fail(format!(
            "the Matrix sheet would need {columns} columns for {} services; XLSX allows {MAX_COLS}: \
             split the inventory into several reports",
            m.services.len()
        )));
    }
    let statements: usize = m.controls.iter().map(|c| c.statements.len()).sum();
    if statements + 1 > MAX_ROWS {
        return Err(fail(format!(
            "the Statements sheet would need {} rows; XLSX allows {MAX_ROWS}: report fewer frameworks at once",
            statements + 1
        )));
    }
    // Customer Responsibilities continues on further sheets; the per-control sheets cannot.
    if m.controls.len() + 2 > MAX_ROWS {
        return Err(fail(format!(
            "the Matrix and Controls sheets would need {} rows; XLSX allows {MAX_ROWS}: report fewer frameworks at once",
            m.controls.len() + 2
        )));
    }
    Ok(())
}

fn fail(message: String) -> Error {
    Error::Render { artifact: FILE_NAME.to_string(), message }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{LayerSet, Status};
    use crate::report::ReportMeta;
    use crate::view::{fixtures, Cell, ControlView, Counts, Decided};

    pub(crate) fn matrix(services: usize, controls: usize) -> Matrix {
        let cell = Cell {
            status: Status::Customer,
            provider: LayerSet::default(),
            customer: LayerSet::default(),
            shared: LayerSet::default(),
            decided: Decided::Model,
            ptext: crate::view::NO_TEXT,
            ctext: crate::view::NO_TEXT,
        };
        let control = |i: usize| ControlView {
            framework: 0,
            id: format!("C-{i}"),
            title: "A control".into(),
            family: "F".into(),
            family_title: String::new(),
            layers: LayerSet::default(),
            why: String::new(),
            status: Status::Customer,
            counts: Counts { customer: services, ..Counts::default() },
            cells: vec![cell; services],
            withdrawn: None,
            statements: Vec::new(),
        };
        let fw = fixtures::framework("fw", "Framework", controls, Counts { customer: controls, ..Counts::default() });
        Matrix {
            frameworks: vec![fw],
            services: (0..services).map(|i| fixtures::service(i, &format!("Service {i}"), "saas")).collect(),
            controls: (0..controls).map(control).collect(),
            ..fixtures::empty_matrix()
        }
    }

    pub(crate) fn report(m: Matrix) -> Report {
        Report { matrix: m, meta: ReportMeta::default(), options: Default::default() }
    }

    #[test]
    fn statements_that_differ_only_in_the_service_name_share_a_line() {
        use crate::model::Layer;
        let mut m = matrix(4, 1);
        let gov: LayerSet = [Layer::Governance].into_iter().collect();
        m.prose = vec!["The organization governs \u{0}.".into(), "The provider governs \u{0}.".into()];
        m.controls[0].layers = gov;
        for (i, cell) in m.controls[0].cells.iter_mut().enumerate() {
            cell.customer = gov;
            cell.ctext = if i == 3 { 1 } else { 0 };
        }
        let d = digest::digest(&m, &m.controls[0]);
        assert_eq!(
            d.customer,
            "The organization governs Service 0. Likewise for Service 1 and Service 2.\nThe provider governs Service 3."
        );
        assert!(
            d.rationale.contains("Across 4 in-scope services: 0 inherited, 0 shared, 4 customer"),
            "{}",
            d.rationale
        );
    }

    #[test]
    fn a_withdrawn_control_says_so_on_the_matrix_and_controls_sheets() {
        use calamine::{Reader, Xlsx};
        let mut m = matrix(2, 2);
        m.controls[1].withdrawn = Some("withdrawn: incorporated into C-0".into());
        for cell in &mut m.controls[1].cells {
            cell.status = Status::NotApplicable;
        }
        let bytes = render(&report(m)).unwrap();
        let mut wb = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let matrix = wb.worksheet_range("Matrix").unwrap();
        let title = |r: &calamine::Range<calamine::Data>, row: u32| r.get_value((row, 2)).unwrap().to_string();
        assert_eq!(title(&matrix, 2), "A control");
        assert_eq!(title(&matrix, 3), "A control (withdrawn: incorporated into C-0)");
        let controls = wb.worksheet_range("Controls").unwrap();
        assert_eq!(title(&controls, 2), "A control (withdrawn: incorporated into C-0)");
        let why = controls.get_value((2, 12)).unwrap().to_string();
        assert_eq!(
            why,
            "C-1 is withdrawn: incorporated into C-0 in its catalog; listed for traceability (--include-withdrawn), \
             not applicable."
        );
    }

    #[test]
    fn a_small_matrix_renders_to_the_same_zip_twice() {
        let r = report(matrix(3, 4));
        let a = render(&r).unwrap();
        assert!(a.starts_with(b"PK\x03\x04"), "an XLSX is a zip");
        assert_eq!(a, render(&r).unwrap());
    }

    #[test]
    fn too_many_services_for_the_columns_is_a_render_error_not_a_panic() {
        let err = render(&report(matrix(MAX_COLS - 3, 0))).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("Matrix sheet would need 16385 columns"), "{text}");
        assert_eq!(err.exit_code(), 2);
    }

    #[test]
    fn too_many_controls_is_a_render_error_not_a_panic() {
        let err = render(&report(matrix(1, 1_048_575))).unwrap_err();
        assert!(err.to_string().contains("the Matrix and Controls sheets would need 1048577 rows"), "{err}");
    }
}
