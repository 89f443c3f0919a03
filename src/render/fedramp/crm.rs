//! The `<Level> CRM Worksheet`: the template's title, guidance, header (row 3 on High, row 4
//! on the others) and widths, then one row per response point: `Can Be Inherited from CSP`
//! (Yes/Partial/No, with the template's list validation on every row) and what is inherited
//! and what the organization must do, one `<Service name>:` paragraph per service.

use super::formats::Formats;
use super::level::Level;
use super::rows::{Answer, Point};
use crate::render::xlsx::cells::{put, Row};
use crate::view::Matrix;
use rust_xlsxwriter::{DataValidation, Worksheet, XlsxError};

/// The header, as the template spells it.
pub const HEADERS: [&str; 3] =
    ["Control ID", "Can Be Inherited from CSP", "Specific Inheritance and Customer Agency/CSP Responsibilities"];

/// The template's guidance, its first four points word for word; the pointer to the
/// template's example sheet is replaced by what this workbook is.
const GUIDANCE: &str = "GUIDANCE: \n\n\
• Refer to CSP responses in the completed CIS Worksheet, “Control Origination” section. \n\n\
• For Control IDs identified in the CIS Worksheet as Service Provider Corporate, Service Provider System Specific, or Service Provider Hybrid (Corporate and System Specific), enter \"Yes\" in the \"Can Be Inherited from CSP\" column below, and leave the \"Specific Inheritance and Customer Agency/CSP Responsibilities\" column blank. \n\n\
• For Control IDs identified in the CIS Worksheet as Shared (Service Provider and Customer Responsibility), enter \"Partial\" in the \"Can Be Inherited from CSP\" column (below). In the \"Specific Inheritance and Customer Agency/CSP Responsibilities\" column, describe which elements are inherited from the CSP and describe the customer responsibilities. \n\n\
• For Control IDs identified in the CIS Worksheet as Configured by Customer (Customer System Specific) or Provided by Customer (Customer System Specific), enter \"No\" in the \"Can Be Inherited from CSP\" column (below). In the \"Specific Inheritance and Customer Agency/CSP Responsibilities\" column, explain why the Control ID cannot be inherited, and describe the customer responsibilities. \n\n\
• Responsibilities are given per service, each paragraph starting with \"<Service name>:\". \n\n\
• This worksheet was generated from a responsibility matrix: see the Instructions sheet for how each answer was decided.\n";

/// The template's guidance row heights, per level (points).
fn guidance_height(level: Level) -> f64 {
    match level {
        Level::High => 372.0,
        Level::Moderate => 350.25,
        Level::Low => 351.0,
        Level::LiSaas => 409.0,
    }
}

pub fn write(ws: &mut Worksheet, level: Level, m: &Matrix, points: &[Point], f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(level.crm_sheet())?;
    let widths = level.crm_widths();
    for (c, w) in widths.into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_row_height(0, 42.0)?;
    ws.set_row_height(1, guidance_height(level))?;
    ws.merge_range(0, 0, 0, 2, &level.crm_title(), &f.title)?;
    ws.merge_range(1, 0, 1, 2, GUIDANCE, &f.guidance)?;
    let header = level.crm_header_row();
    ws.set_row_height(header, 30.0)?;
    for (c, name) in HEADERS.iter().enumerate() {
        put(ws, header, c as u16, name, &f.header)?;
    }
    ws.set_freeze_panes(header + 1, 1)?;
    // Printed: landscape, one page wide, the column header on every page.
    ws.set_landscape().set_print_fit_to_pages(1, 0).set_repeat_rows(header, header)?;
    let first = header + 1;
    for (i, p) in points.iter().enumerate() {
        let mut row = Row::new(ws, first + i as u32, &widths);
        row.put(0, p.id, &f.id)?.put(1, p.answer().text(), &f.answer)?.wrap(2, &p.responsibilities(m), &f.text)?;
        row.finish()?;
    }
    if !points.is_empty() {
        let last = first + points.len() as u32 - 1;
        ws.add_data_validation(first, 1, last, 1, &validation()?)?;
    }
    Ok(())
}

/// The template's list: No, Partial, Yes.
fn validation() -> Result<DataValidation, XlsxError> {
    DataValidation::new()
        .allow_list_strings(&Answer::LIST)?
        .set_error_title("Can Be Inherited from CSP")?
        .set_error_message("Choose No, Partial or Yes.")
}
