//! Cell formats and the only ways text and numbers reach a cell: text is always a string cell
//! (never a formula) and is cut to Excel's cell limit instead of failing.

use crate::model::{Owner, Status};
use crate::render::style;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};
use std::borrow::Cow;

/// Excel's limit on the text of one cell, counted in UTF-16 code units.
pub const CELL_LIMIT: usize = 32_767;
const CUT: &str = " … [cut: an Excel cell holds at most 32,767 characters]";

/// Every format the workbook uses, built once.
pub struct Formats {
    pub title: Format,
    pub heading: Format,
    pub header: Format,
    pub label: Format,
    pub text: Format,
    pub wrap: Format,
    pub caption: Format,
    pub number: Format,
    pub total: Format,
    /// Cells reviewers fill in: a light fill marks them as input.
    pub input: Format,
    pub input_header: Format,
    status: [Format; 5],
}

impl Formats {
    pub fn new() -> Formats {
        let grid = Color::RGB(0xBDBDBD);
        let top = Format::new().set_align(FormatAlign::Top);
        Formats {
            title: Format::new().set_bold().set_font_size(16),
            heading: Format::new().set_bold().set_font_size(12),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xE8EAF6))
                .set_border(FormatBorder::Thin)
                .set_border_color(grid),
            label: top.clone().set_bold(),
            text: top.clone(),
            wrap: top.clone().set_text_wrap(),
            caption: top.clone().set_italic().set_font_color(Color::RGB(0x616161)).set_text_wrap(),
            number: top.clone(),
            total: top.clone().set_bold(),
            input: top
                .set_text_wrap()
                .set_background_color(Color::RGB(0xFFF8E1))
                .set_border(FormatBorder::Hair)
                .set_border_color(grid),
            input_header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xFFE082))
                .set_border(FormatBorder::Thin)
                .set_border_color(grid),
            // Indexed by the status's discriminant.
            status: [Status::Inherited, Status::Shared, Status::Customer, Status::NotApplicable, Status::Mixed]
                .map(|s| status_format(s, grid)),
        }
    }

    /// Every format, in a fixed order.
    pub fn all(&self) -> impl Iterator<Item = &Format> {
        [&self.title, &self.heading, &self.header, &self.label, &self.text, &self.wrap, &self.caption]
            .into_iter()
            .chain([&self.number, &self.total, &self.input, &self.input_header])
            .chain(&self.status)
    }

    /// Every format with the style index rust_xlsxwriter gives it when `all` is registered in
    /// order on a new workbook: the default format is 0, and each format not equal to one
    /// before it takes the next index (`grid`'s tests hold the styles of its cells to those
    /// rust_xlsxwriter writes).
    pub fn indexed(&self) -> Vec<(&Format, u32)> {
        let mut distinct: Vec<&Format> = vec![];
        let default = Format::default();
        self.all()
            .map(|format| {
                if *format == default {
                    return (format, 0);
                }
                let at = distinct.iter().position(|d| *d == format).unwrap_or_else(|| {
                    distinct.push(format);
                    distinct.len() - 1
                });
                (format, at as u32 + 1)
            })
            .collect()
    }

    /// The coloured format of a status (fill and text colour from `style::colors`).
    pub fn status(&self, s: Status) -> &Format {
        &self.status[s as usize]
    }

    /// The colour of a layer owner: provider like inherited, customer like customer.
    pub fn owner(&self, o: Owner) -> &Format {
        self.status(match o {
            Owner::Provider => Status::Inherited,
            Owner::Shared => Status::Shared,
            Owner::Customer => Status::Customer,
        })
    }
}

fn status_format(s: Status, grid: Color) -> Format {
    let (fill, text) = style::colors(s);
    Format::new()
        .set_background_color(fill)
        .set_font_color(text)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::Top)
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_border_color(grid)
}

/// Links a sheet may hold (Excel's limit is 65,530).
const MAX_LINKS: usize = 65_000;

/// Where control `i` (in matrix order) is on the Controls sheet.
pub fn controls_row(i: usize) -> String {
    format!("'Controls'!B{}", i + 2)
}

/// Where a `Row` writes its cells: a rust_xlsxwriter worksheet, or the rows of a big sheet
/// written as XML of our own (`grid::Grid`).
pub trait Sink {
    /// A string cell (never a formula); empty text is a formatted blank.
    fn string(&mut self, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError>;
    fn blank(&mut self, row: u32, col: u16, format: &Format) -> Result<(), XlsxError>;
    /// A string cell that links to `target`, a place in the workbook (`'Controls'!B5`).
    fn link(&mut self, row: u32, col: u16, text: &str, target: &str, format: &Format) -> Result<(), XlsxError>;
    fn number(&mut self, row: u32, col: u16, n: f64, format: &Format) -> Result<(), XlsxError>;
    /// The height of `row` in points.
    fn height(&mut self, row: u32, points: f64) -> Result<(), XlsxError>;
}

impl Sink for Worksheet {
    fn string(&mut self, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
        match text.is_empty() {
            true => self.write_blank(row, col, format)?,
            false => self.write_string_with_format(row, col, text, format)?,
        };
        Ok(())
    }

    fn blank(&mut self, row: u32, col: u16, format: &Format) -> Result<(), XlsxError> {
        self.write_blank(row, col, format)?;
        Ok(())
    }

    fn link(&mut self, row: u32, col: u16, text: &str, target: &str, format: &Format) -> Result<(), XlsxError> {
        let url = rust_xlsxwriter::Url::new(format!("internal:{target}")).set_text(text);
        self.write_url_with_format(row, col, url, format)?;
        Ok(())
    }

    fn number(&mut self, row: u32, col: u16, n: f64, format: &Format) -> Result<(), XlsxError> {
        self.write_number_with_format(row, col, n, format)?;
        Ok(())
    }

    fn height(&mut self, row: u32, points: f64) -> Result<(), XlsxError> {
        self.set_row_height(row, points)?;
        Ok(())
    }
}

/// Writes text as a string cell, cut to the cell limit; empty text leaves a formatted blank.
pub fn put(ws: &mut impl Sink, row: u32, col: u16, text: &str, format: &Format) -> Result<(), XlsxError> {
    ws.string(row, col, &fit(text), format)
}

/// Writes a count as a number cell.
pub fn num(ws: &mut impl Sink, row: u32, col: u16, n: usize, format: &Format) -> Result<(), XlsxError> {
    ws.number(row, col, n as f64, format)
}

/// Excel's tallest row, in points; one line of 11-point text takes 15.
const MAX_ROW_HEIGHT: f64 = 409.0;
const LINE_HEIGHT: f64 = 15.0;
/// Lines a list cell may add to its row's height (see `Row::list`): as many as the tallest row
/// shows, so a reviewer sees every service of a row without opening the cell.
const LIST_LINES: usize = (MAX_ROW_HEIGHT / LINE_HEIGHT) as usize - 1;

/// Rows of one sheet sized one by one. rust_xlsxwriter keeps every sized row's options (about
/// 250 bytes) until the workbook is saved, even in constant-memory mode; a bigger sheet leaves
/// row heights to the spreadsheet program (Excel fits wrapped rows itself; in LibreOffice:
/// select all, Format → Rows → Optimal Height).
pub const SIZED_ROWS: usize = 50_000;

/// Writes one row and sets its height to fit its wrapped text: LibreOffice does not grow rows
/// for wrapped text when it opens a file, so the workbook says how tall each row is.
pub struct Row<'a, S: Sink = Worksheet> {
    ws: &'a mut S,
    row: u32,
    widths: &'a [f64],
    lines: usize,
    size: bool,
}

impl<'a, S: Sink> Row<'a, S> {
    pub fn new(ws: &'a mut S, row: u32, widths: &'a [f64]) -> Row<'a, S> {
        Row { ws, row, widths, lines: 1, size: true }
    }

    /// Whether `finish` sets the row height (see `SIZED_ROWS`).
    pub fn sized(mut self, size: bool) -> Row<'a, S> {
        self.size = size;
        self
    }

    /// A cell on one line (ids, labels, statuses).
    pub fn put(&mut self, col: u16, text: &str, format: &Format) -> Result<&mut Self, XlsxError> {
        put(self.ws, self.row, col, text, format)?;
        Ok(self)
    }

    /// A cell whose format wraps text: the row grows to show all of it.
    pub fn wrap(&mut self, col: u16, text: &str, format: &Format) -> Result<&mut Self, XlsxError> {
        if self.size {
            let width = self.widths.get(col as usize).or(self.widths.last()).copied().unwrap_or(8.43);
            self.lines = self.lines.max(lines(text, width));
        }
        put(self.ws, self.row, col, text, format)?;
        Ok(self)
    }

    /// A wrapped list (one item per line) that grows the row by at most `LIST_LINES` lines, the
    /// most a row shows; a longer list stays in the cell, to be read in the formula bar.
    pub fn list(&mut self, col: u16, text: &str, format: &Format) -> Result<&mut Self, XlsxError> {
        if self.size {
            let width = self.widths.get(col as usize).or(self.widths.last()).copied().unwrap_or(8.43);
            self.lines = self.lines.max(lines(text, width).min(LIST_LINES));
        }
        put(self.ws, self.row, col, text, format)?;
        Ok(self)
    }

    /// A cell that links to another place in the workbook (`internal:'Controls'!B5`); plain
    /// text past Excel's 65,530 links per sheet.
    pub fn link(&mut self, col: u16, text: &str, target: &str, format: &Format) -> Result<&mut Self, XlsxError> {
        if text.is_empty() || self.row as usize > MAX_LINKS {
            return self.put(col, text, format);
        }
        self.ws.link(self.row, col, &fit(text), target, format)?;
        Ok(self)
    }

    pub fn num(&mut self, col: u16, n: usize, format: &Format) -> Result<&mut Self, XlsxError> {
        num(self.ws, self.row, col, n, format)?;
        Ok(self)
    }

    /// Sets the row's height when its text needs more than one line.
    pub fn finish(&mut self) -> Result<(), XlsxError> {
        if self.lines > 1 {
            let height = (self.lines as f64 * LINE_HEIGHT + 2.0).min(MAX_ROW_HEIGHT);
            self.ws.height(self.row, height)?;
        }
        Ok(())
    }
}

/// How many lines `text` takes in a wrapped cell `width` characters wide (a Calibri 11 column
/// unit is one digit; prose averages about 1.15 characters per unit).
pub fn lines(text: &str, width: f64) -> usize {
    let per_line = (width * 1.15).max(1.0) as usize;
    text.split('\n').map(|p| p.chars().count().div_ceil(per_line).max(1)).sum()
}

/// A header row: bold, shaded, wrapped, as tall as its longest name needs.
pub fn headers(ws: &mut Worksheet, row: u32, names: &[&str], widths: &[f64], f: &Formats) -> Result<(), XlsxError> {
    let mut r = Row::new(ws, row, widths);
    for (c, name) in names.iter().enumerate() {
        r.wrap(c as u16, name, &f.header)?;
    }
    r.finish()
}

/// Column widths in characters, from column 0.
pub fn widths(ws: &mut Worksheet, widths: &[f64]) -> Result<(), XlsxError> {
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    Ok(())
}

/// Text cut to what one cell holds, with a note saying it was cut.
pub fn fit(text: &str) -> Cow<'_, str> {
    // UTF-8 never takes fewer bytes than UTF-16 units, so short text needs no counting.
    if text.len() <= CELL_LIMIT || utf16_len(text) <= CELL_LIMIT {
        return Cow::Borrowed(text);
    }
    let budget = CELL_LIMIT - utf16_len(CUT);
    let mut used = 0;
    let mut end = 0;
    for (i, ch) in text.char_indices() {
        if used + ch.len_utf16() > budget {
            break;
        }
        used += ch.len_utf16();
        end = i + ch.len_utf8();
    }
    Cow::Owned(format!("{}{CUT}", &text[..end]))
}

pub fn utf16_len(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_the_cell_limit_with_a_note() {
        let long = "é".repeat(40_000);
        let cut = fit(&long);
        assert!(utf16_len(&cut) <= CELL_LIMIT);
        assert!(cut.ends_with("32,767 characters]"));
        let emoji = "😀".repeat(20_000);
        assert!(utf16_len(&fit(&emoji)) <= CELL_LIMIT);
        assert_eq!(fit("short"), "short");
    }

    #[test]
    fn wrapped_text_counts_its_lines() {
        assert_eq!(lines("short", 20.0), 1);
        assert_eq!(lines("", 20.0), 1);
        assert_eq!(lines(&"x".repeat(46), 20.0), 2);
        assert_eq!(lines("a\nb\nc", 20.0), 3);
    }

    #[test]
    fn a_list_grows_its_row_to_the_tallest_row_excel_shows() {
        let list: Vec<String> = (0..40).map(|i| format!("Service {i}")).collect();
        let (mut ws, f) = (Worksheet::new(), Formats::new());
        let widths = [30.0, 30.0];
        let mut row = Row::new(&mut ws, 1, &widths);
        row.list(0, &list.join("\n"), &f.wrap).unwrap();
        assert_eq!(row.lines, LIST_LINES, "a list adds at most LIST_LINES lines");
        const { assert!(LIST_LINES >= 25, "the sample's 25 services fit in one row") };
        let mut short = Row::new(&mut ws, 2, &widths);
        short.list(0, &list[..12].join("\n"), &f.wrap).unwrap();
        assert_eq!(short.lines, 12, "a list of 12 shows all 12");
    }
}
