//! Print setup for every sheet, so a reviewer can print any of them on a sane number of pages:
//! landscape, the report's paper, fit to the page width where the columns allow it, the header
//! rows (and on the Matrix the id columns) repeated on every page, and a header and footer with
//! the organization, the sheet, the report date and "page N of M".

use crate::report::{Paper, Report};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// Sheets wider than this many columns print across pages (with the id columns repeated)
/// instead of being shrunk to an unreadable page width.
const FIT_COLUMNS: u16 = 30;

/// How one sheet prints: its header rows and its width in columns.
pub struct Layout {
    /// First and last header row to repeat, if any.
    pub header: Option<(u32, u32)>,
    pub columns: u16,
    /// Leading columns to repeat on every page when the sheet is too wide to fit.
    pub id_columns: u16,
}

pub fn setup(ws: &mut Worksheet, report: &Report, layout: &Layout) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_paper_size(match report.options.paper {
        Paper::A4 => 9,
        Paper::Letter => 1,
    });
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    if layout.columns <= FIT_COLUMNS {
        ws.set_print_fit_to_pages(1, 0);
    } else if layout.id_columns > 0 {
        ws.set_repeat_columns(0, layout.id_columns - 1)?;
    }
    if let Some((first, last)) = layout.header {
        ws.set_repeat_rows(first, last)?;
    }
    let organization = header_text(&report.meta.organization);
    let marking = report
        .meta
        .document
        .classification
        .as_deref()
        .map(|c| format!("&C&\"-,Bold\"{}", header_text(&c.to_uppercase())))
        .unwrap_or_default();
    ws.set_header(format!("&L{organization}{marking}&R&A"));
    ws.set_footer(format!("&L{}&CPage &P of &N&R{}", header_text(&report.meta.date_text()), crate::GENERATOR));
    Ok(())
}

/// Text for a page header: `&` is Excel's code character, so it is doubled; cut to stay within
/// the header's 255 characters.
fn header_text(text: &str) -> String {
    text.chars().take(80).collect::<String>().replace('&', "&&")
}
