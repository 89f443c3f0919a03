//! Tables that flow over pages: measured, wrapped cells; the column header repeated on every
//! page; banner rows (a family or a control) kept with the next row and repeated as
//! "(continued)" when a page breaks inside them.

use super::canvas::{BAND, BLACK, HEAD_FILL, RULE, WHITE};
use super::fonts::Metrics;
use super::layout::Doc;
use super::text::{ellipsize, wrap, Font};

const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 2.5;

/// Horizontal alignment in a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
}

/// A column: header text, width in points, alignment, and whether its header reads upwards.
#[derive(Debug, Clone)]
pub struct Column {
    pub title: String,
    pub width: f32,
    pub align: Align,
    pub rotated: bool,
}

/// A cell: its text, look and a line limit (the last line ends with "…" when cut).
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub font: Font,
    pub color: &'static str,
    pub fill: Option<&'static str>,
    pub max_lines: usize,
}

impl Cell {
    pub fn new(text: impl Into<String>, font: Font, max_lines: usize) -> Cell {
        Cell { text: text.into(), font, color: BLACK, fill: None, max_lines }
    }
    pub fn colored(mut self, fill: &'static str, color: &'static str) -> Cell {
        self.fill = Some(fill);
        self.color = color;
        self
    }
}

/// A table row.
#[derive(Debug, Clone)]
pub enum Row {
    Cells(Vec<Cell>),
    /// A full-width heading row (a family, a control).
    Banner(String),
    /// A banner that also gets a level-2 outline entry (a family of the matrix), so the
    /// bookmarks and the contents page lead to it.
    Marked(String),
    /// A full-width line of plain text (ends with "…" when too long).
    Note(String),
    /// A note that links to a page (its index in the laid-out document).
    Link(String, usize),
}

/// Column layout and header look.
pub struct Table {
    pub columns: Vec<Column>,
    /// Longest a rotated header may be, in points.
    pub max_rotated: f32,
    pub header_font: Font,
}

fn leading(f: Font) -> f32 {
    f.size * 1.25
}

const BANNER_FONT: Font = Font::bold(7.5);
const NOTE_FONT: Font = Font::regular(7.5);

impl Table {
    fn width(&self) -> f32 {
        self.columns.iter().map(|c| c.width).sum()
    }

    fn header_height(&self, m: &Metrics) -> f32 {
        let f = self.header_font;
        let mut h: f32 = leading(f);
        for c in &self.columns {
            let need = if c.rotated {
                m.width(&c.title, f.weight, f.size).min(self.max_rotated)
            } else {
                wrap(m, &c.title, f, c.width - 2.0 * PAD_X, 3).len() as f32 * leading(f)
            };
            h = h.max(need);
        }
        h + 2.0 * PAD_Y
    }

    fn draw_header(&self, doc: &mut Doc) {
        let (m, f) = (doc.m, self.header_font);
        let h = self.header_height(m);
        let (mut x, y) = (doc.left(), doc.y);
        let width = self.width();
        doc.page().fill_rect(x, y, width, h, HEAD_FILL);
        for c in &self.columns {
            if c.rotated {
                let t = ellipsize(m, &c.title, f, h - 2.0 * PAD_Y);
                let bx = x + (c.width + f.size * 0.7) / 2.0;
                doc.page().text_up(bx, y + h - PAD_Y, f, WHITE, &t);
            } else {
                let lines = wrap(m, &c.title, f, c.width - 2.0 * PAD_X, 3);
                draw_lines(doc, &lines, f, WHITE, x, y + h - PAD_Y - lines.len() as f32 * leading(f), c);
            }
            x += c.width;
        }
        doc.y += h;
    }

    /// Lays a row out: its height and each cell's lines.
    fn layout(&self, m: &Metrics, cells: &[Cell]) -> (f32, Vec<Vec<String>>) {
        let mut lines = Vec::with_capacity(cells.len());
        let mut h: f32 = 0.0;
        for (cell, col) in cells.iter().zip(&self.columns) {
            let l = wrap(m, &cell.text, cell.font, col.width - 2.0 * PAD_X, cell.max_lines.max(1));
            h = h.max(l.len().max(1) as f32 * leading(cell.font));
            lines.push(l);
        }
        (h + 2.0 * PAD_Y, lines)
    }

    fn banner_lines(&self, m: &Metrics, text: &str) -> (f32, Vec<String>) {
        let lines = wrap(m, text, BANNER_FONT, self.width() - 2.0 * PAD_X, 3);
        (lines.len() as f32 * leading(BANNER_FONT) + 2.0 * PAD_Y + 1.0, lines)
    }

    fn draw_banner(&self, doc: &mut Doc, text: &str) {
        let (h, lines) = self.banner_lines(doc.m, text);
        let (x, y) = (doc.left(), doc.y);
        doc.page().fill_rect(x, y + 1.0, self.width(), h - 1.0, BAND);
        let col = Column { title: String::new(), width: self.width(), align: Align::Left, rotated: false };
        draw_lines(doc, &lines, BANNER_FONT, BLACK, x, y + 1.0 + PAD_Y, &col);
        doc.y += h;
    }

    fn draw_cells(&self, doc: &mut Doc, cells: &[Cell], h: f32, lines: &[Vec<String>]) {
        let (mut x, y) = (doc.left(), doc.y);
        for ((cell, col), l) in cells.iter().zip(&self.columns).zip(lines) {
            if let Some(fill) = cell.fill {
                doc.page().fill_rect(x + 0.5, y + 0.5, col.width - 1.0, h - 1.0, fill);
            }
            draw_lines(doc, l, cell.font, cell.color, x, y + PAD_Y, col);
            x += col.width;
        }
        let (x0, x1) = (doc.left(), doc.left() + self.width());
        doc.page().line(x0, y + h, x1, y + h, RULE, 0.3);
        doc.y += h;
    }

    /// Draws the rows from the cursor on, starting new pages (with the header) as needed.
    pub fn draw(&self, doc: &mut Doc, rows: impl IntoIterator<Item = Row>) {
        let mut w = Writer::start(self, doc);
        let mut rows = rows.into_iter().peekable();
        while let Some(row) = rows.next() {
            let next = match rows.peek() {
                Some(Row::Cells(c)) => Some(c.as_slice()),
                _ => None,
            };
            w.push(doc, row, next);
        }
    }

    fn note_lines(&self, m: &Metrics, text: &str) -> (f32, Vec<String>) {
        let lines = wrap(m, text, NOTE_FONT, self.width() - 2.0 * PAD_X, 1);
        (lines.len().max(1) as f32 * leading(NOTE_FONT) + 1.0, lines)
    }

    fn draw_note(&self, doc: &mut Doc, lines: &[String], h: f32) {
        let col = Column { title: String::new(), width: self.width(), align: Align::Left, rotated: false };
        let x = doc.left();
        let top = doc.y;
        draw_lines(doc, lines, NOTE_FONT, BLACK, x, top, &col);
        doc.y += h;
    }
}

/// Draws a table row by row, so callers can note the page a row landed on.
pub struct Writer<'t> {
    table: &'t Table,
    banner: Option<String>,
}

impl<'t> Writer<'t> {
    /// Draws the header at the cursor (on a new page when little room is left).
    pub fn start(table: &'t Table, doc: &mut Doc) -> Writer<'t> {
        if !doc.fits(table.header_height(doc.m) + 40.0) {
            doc.new_page();
        }
        table.draw_header(doc);
        Writer { table, banner: None }
    }

    fn break_page(&self, doc: &mut Doc) {
        doc.new_page();
        self.table.draw_header(doc);
        if let Some(b) = &self.banner {
            self.table.draw_banner(doc, &format!("{b} (continued)"));
        }
    }

    /// A banner, kept on one page with `next`.
    fn banner(&mut self, doc: &mut Doc, text: String, next: Option<&[Cell]>) {
        let t = self.table;
        let (h, _) = t.banner_lines(doc.m, &text);
        let next = next.map_or(leading(NOTE_FONT), |c| t.layout(doc.m, c).0);
        if !doc.fits(h + next) {
            self.banner = None;
            self.break_page(doc);
        }
        t.draw_banner(doc, &text);
        self.banner = Some(text);
    }

    /// Draws one row; a banner is kept with `next` (the row that follows, when known).
    pub fn push(&mut self, doc: &mut Doc, row: Row, next: Option<&[Cell]>) {
        let t = self.table;
        match row {
            Row::Banner(text) => self.banner(doc, text, next),
            Row::Marked(text) => {
                self.banner(doc, text.clone(), next);
                doc.mark(&text, 2);
            }
            Row::Note(text) => {
                let (h, lines) = t.note_lines(doc.m, &text);
                if !doc.fits(h) {
                    self.break_page(doc);
                }
                t.draw_note(doc, &lines, h);
            }
            Row::Link(text, target) => {
                let (h, lines) = t.note_lines(doc.m, &text);
                if !doc.fits(h) {
                    self.break_page(doc);
                }
                let (x, top) = (doc.left(), doc.y);
                t.draw_note(doc, &lines, h);
                doc.link(x, top, t.width(), h, target);
            }
            Row::Cells(cells) => {
                let (h, lines) = t.layout(doc.m, &cells);
                if !doc.fits(h) {
                    self.break_page(doc);
                }
                t.draw_cells(doc, &cells, h, &lines);
            }
        }
    }
}

/// Draws wrapped lines inside a column; `top` is where the first line's box starts.
fn draw_lines(doc: &mut Doc, lines: &[String], f: Font, color: &str, x: f32, top: f32, col: &Column) {
    let m = doc.m;
    let runs: Vec<(f32, f32, String)> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let lx = match col.align {
                Align::Left => x + PAD_X,
                Align::Center => x + (col.width - m.width(l, f.weight, f.size)).max(0.0) / 2.0,
            };
            (lx, top + f.size * 0.95 + i as f32 * leading(f), l.clone())
        })
        .collect();
    doc.page().texts(f, color, &runs);
}
