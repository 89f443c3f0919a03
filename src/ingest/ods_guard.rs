//! ODS sheets say "this row 1,048,576 times, this cell 16,384 times" (`number-rows-repeated`,
//! `number-columns-repeated`), so a few bytes can stand for billions of cells. calamine lays
//! each sheet out as the rectangle from its first to its last cell with content, empty repeats
//! inside it expanded, and each row from column A to its last content. Before calamine parses
//! `content.xml`, both are measured here, per sheet and for the workbook: more than
//! `SHEET_CELLS_MAX` is refused at the cell that stretched it. Empty repeats after the last
//! content (the filler LibreOffice writes, a last row repeated a million times) cost nothing.

use super::limits::SHEET_CELLS_MAX;
use super::xml_scan::{self, Tag};

/// Where a sheet grew past the limit: its name and the 0-based row and column of that cell.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal {
    pub sheet: String,
    pub row: u64,
    pub col: u64,
}

/// One sheet's extent so far.
#[derive(Default)]
struct Extent {
    name: String,
    next_row: u64,
    first_row: Option<u64>,
    last_row: u64,
    min_col: u64,
    max_col: u64,
    /// Cells of the rows as read, before the rectangle: each row up to its last content.
    row_cells: u64,
}

impl Extent {
    /// The cells calamine holds for this sheet.
    fn cells(&self) -> u64 {
        let Some(first) = self.first_row else { return 0 };
        let rect = (self.last_row - first + 1).saturating_mul(self.max_col - self.min_col + 1);
        rect.max(self.row_cells)
    }
}

/// Checks every sheet of `content.xml` within the limit.
pub fn check(xml: &[u8]) -> Result<(), Refusal> {
    let mut done = 0u64;
    let mut sheet = Extent::default();
    // The open row: its repeat count, the next column, and its content's first column and end.
    let (mut repeat, mut col, mut content) = (1u64, 0u64, None::<(u64, u64)>);
    for tag in xml_scan::tags(xml) {
        match (tag.name, tag.end) {
            (b"table:table", false) => {
                let name = tag.value(b"table:name").unwrap_or_default();
                sheet = Extent { name: unescape(name), ..Extent::default() };
            }
            (b"table:table", true) => {
                done = done.saturating_add(sheet.cells());
                sheet = Extent::default();
            }
            (b"table:table-row", false) => {
                (repeat, col, content) = (count(&tag, b"table:number-rows-repeated"), 0, None);
                if tag.empty {
                    sheet.next_row = sheet.next_row.saturating_add(repeat);
                }
            }
            (b"table:table-row", true) => {
                if let Some((first_col, end)) = content.take() {
                    let row = sheet.next_row;
                    if sheet.first_row.is_none() {
                        (sheet.first_row, sheet.min_col) = (Some(row), first_col);
                    }
                    sheet.last_row = row.saturating_add(repeat - 1);
                    sheet.min_col = sheet.min_col.min(first_col);
                    sheet.max_col = sheet.max_col.max(end - 1);
                    sheet.row_cells = sheet.row_cells.saturating_add(end);
                    let cells = sheet.cells();
                    if cells > SHEET_CELLS_MAX || done.saturating_add(cells) > SHEET_CELLS_MAX {
                        return Err(Refusal { sheet: sheet.name, row: sheet.last_row, col: end - 1 });
                    }
                }
                sheet.next_row = sheet.next_row.saturating_add(repeat);
            }
            (b"table:table-cell" | b"table:covered-table-cell", false) => {
                let n = count(&tag, b"table:number-columns-repeated");
                if has_content(&tag) {
                    let first = content.map_or(col, |(f, _)| f);
                    content = Some((first, col.saturating_add(n)));
                }
                col = col.saturating_add(n);
            }
            _ => {}
        }
    }
    Ok(())
}

/// A cell calamine may find a value or formula in: one with children (`<text:p>`), an
/// `office:` value attribute or a formula. Only `<table:table-cell …/>` with neither is empty.
fn has_content(tag: &Tag) -> bool {
    !tag.empty || tag.has_attr_starting(b"office:") || tag.value(b"table:formula").is_some()
}

/// A repeat count: 1 when absent, the most there can be when not a number calamine would take.
fn count(tag: &Tag, key: &[u8]) -> u64 {
    let Some(value) = tag.value(key) else { return 1 };
    std::str::from_utf8(value).ok().and_then(|d| d.trim().parse::<u64>().ok()).unwrap_or(u64::MAX).max(1)
}

/// A sheet name as written in the XML, its entities resolved.
fn unescape(raw: &[u8]) -> String {
    let text = String::from_utf8_lossy(raw);
    [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")]
        .iter()
        .fold(text.into_owned(), |t, (from, to)| t.replace(from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &str) -> String {
        format!(r#"<table:table table:name="Inv &amp; more">{rows}</table:table>"#)
    }
    const ROW: &str = r#"<table:table-row><table:table-cell office:value-type="string"><text:p>Web</text:p></table:table-cell><table:table-cell/></table:table-row>"#;

    #[test]
    fn trailing_empty_filler_is_free_and_filler_before_content_counts() {
        let filler = r#"<table:table-row table:number-rows-repeated="1048553"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
        assert_eq!(check(sheet(&[ROW, filler].concat()).as_bytes()), Ok(()));
        let far = r#"<table:table-row table:number-rows-repeated='6000'><table:table-cell table:number-columns-repeated="1000"/></table:table-row>
            <table:table-row><table:table-cell table:number-columns-repeated="999"/><table:table-cell><text:p>x</text:p></table:table-cell></table:table-row>"#;
        let refused = check(sheet(&[ROW, far].concat()).as_bytes()).unwrap_err();
        assert_eq!(refused, Refusal { sheet: "Inv & more".into(), row: 6001, col: 999 });
        let bomb = r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384"><text:p>x</text:p></table:table-cell></table:table-row>"#;
        assert!(check(sheet(bomb).as_bytes()).is_err());
    }

    #[test]
    fn far_content_in_many_rows_and_many_sheets_counts() {
        // Each row's filler before its content is held even when the rectangle is narrow.
        let row = r#"<table:table-row><table:table-cell table:number-columns-repeated="16000"/><table:table-cell office:value="1"/></table:table-row>"#;
        assert!(check(sheet(&row.repeat(400)).as_bytes()).is_err());
        assert!(check(sheet(&row.repeat(200)).as_bytes()).is_ok());
        assert!(check(sheet(&row.repeat(200)).repeat(2).as_bytes()).is_err());
    }
}
