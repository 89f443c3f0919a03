//! Tables that flow over pages: measured, wrapped cells; the column header repeated on every
//! page; banner rows (a family or a control) kept with the next row and repeated as
//! "(continued)" when a page breaks inside them. Nothing is cut: a row or a note taller than
//! the rest of the page goes on overleaf.

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

/// A cell: its text and look. It takes as many lines as its text needs; a row taller than
/// the rest of the page goes on overleaf.
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub font: Font,
    pub color: &'static str,
    pub fill: Option<&'static str>,
}

impl Cell {
    pub fn new(text: impl Into<String>, font: Font) -> Cell {
        Cell { text: text.into(), font, color: BLACK, fill: None }
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
    /// Full-width plain text, wrapped.
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
/// Fewest lines of a cell worth putting at the foot of a page before its row goes on overleaf.
const MIN_LINES: usize = 4;
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

    /// Every line of each cell of a row, nothing cut.
    fn wrapped(&self, m: &Metrics, cells: &[Cell]) -> Vec<Vec<String>> {
        cells
            .iter()
            .zip(&self.columns)
            .map(|(cell, col)| wrap(m, &cell.text, cell.font, col.width - 2.0 * PAD_X, usize::MAX))
            .collect()
    }

    /// The lines of a row part: each cell's lines from `from`, `take` of them.
    fn part(full: &[Vec<String>], from: &[usize], take: &[usize]) -> Vec<Vec<String>> {
        full.iter().zip(from).zip(take).map(|((l, &f), &t)| l.iter().skip(f).take(t).cloned().collect()).collect()
    }

    /// How many lines of each cell are still to be drawn.
    fn takes(full: &[Vec<String>], from: &[usize]) -> Vec<usize> {
        full.iter().zip(from).map(|(l, &f)| l.len().saturating_sub(f)).collect()
    }

    /// How many of `take` lines of each cell fit in the rest of the page.
    fn fitting(doc: &Doc, cells: &[Cell], take: &[usize]) -> Vec<usize> {
        let room = doc.room() - 2.0 * PAD_Y;
        cells.iter().zip(take).map(|(c, &n)| n.min((room / leading(c.font)).floor().max(0.0) as usize)).collect()
    }

    /// The height of a row part with these lines.
    fn height(cells: &[Cell], lines: &[Vec<String>]) -> f32 {
        let h = cells.iter().zip(lines).map(|(c, l)| l.len().max(1) as f32 * leading(c.font)).fold(0.0, f32::max);
        h + 2.0 * PAD_Y
    }

    /// The height of a row's first part, at most `MIN_LINES` lines (what a banner is kept with).
    fn first_height(&self, m: &Metrics, cells: &[Cell]) -> f32 {
        let full = self.wrapped(m, cells);
        let from = vec![0; cells.len()];
        let take: Vec<usize> = Self::takes(&full, &from).into_iter().map(|t| t.min(MIN_LINES)).collect();
        Self::height(cells, &Self::part(&full, &from, &take))
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

    /// Every line of a note (a note wraps; a long one continues on the next page).
    fn note_lines(&self, m: &Metrics, text: &str) -> Vec<String> {
        let mut lines = wrap(m, text, NOTE_FONT, self.width() - 2.0 * PAD_X, usize::MAX);
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
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
        let next = next.map_or(leading(NOTE_FONT), |c| t.first_height(doc.m, c));
        if !doc.fits(h + next) {
            self.banner = None;
            self.break_page(doc);
        }
        t.draw_banner(doc, &text);
        self.banner = Some(text);
    }

    /// Draws one row; a banner is kept with `next` (the row that follows, when known).
    pub fn push(&mut self, doc: &mut Doc, row: Row, next: Option<&[Cell]>) {
        match row {
            Row::Banner(text) => self.banner(doc, text, next),
            Row::Marked(text) => {
                self.banner(doc, text.clone(), next);
                doc.mark(&text, 2);
            }
            Row::Note(text) => self.note(doc, &text, None),
            Row::Link(text, target) => self.note(doc, &text, Some(target)),
            Row::Cells(cells) => self.cells(doc, &cells),
        }
    }

    /// A row of cells. A row that does not fit the page's rest breaks there when each cell
    /// keeps at least `MIN_LINES` lines on this page (else it starts overleaf), and a row taller
    /// than a page is split page by page: nothing is cut.
    fn cells(&mut self, doc: &mut Doc, cells: &[Cell]) {
        let t = self.table;
        let full = t.wrapped(doc.m, cells);
        let mut from = vec![0; cells.len()];
        loop {
            let mut take = Table::takes(&full, &from);
            if !doc.fits(Table::height(cells, &Table::part(&full, &from, &take))) {
                let fit = Table::fitting(doc, cells, &take);
                if fit.iter().zip(&take).all(|(&f, &n)| f >= n.min(MIN_LINES)) {
                    take = fit;
                } else {
                    self.break_page(doc);
                    // Still taller than a whole page: as much as fits, the rest overleaf.
                    if !doc.fits(Table::height(cells, &Table::part(&full, &from, &take))) {
                        take = Table::fitting(doc, cells, &take)
                            .iter()
                            .zip(&take)
                            .map(|(&f, &n)| f.max(n.min(1)))
                            .collect();
                    }
                }
            }
            let lines = Table::part(&full, &from, &take);
            t.draw_cells(doc, cells, Table::height(cells, &lines), &lines);
            from.iter_mut().zip(&take).for_each(|(f, n)| *f += n);
            if from.iter().zip(&full).all(|(&f, l)| f >= l.len()) {
                break;
            }
        }
    }

    /// A note, as many of its lines on this page as fit and the rest on the next; with a
    /// target, each piece links to it.
    fn note(&mut self, doc: &mut Doc, text: &str, target: Option<usize>) {
        let t = self.table;
        let lines = t.note_lines(doc.m, text);
        let line = leading(NOTE_FONT);
        let mut rest = &lines[..];
        while !rest.is_empty() {
            if !doc.fits(line + 1.0) {
                self.break_page(doc);
            }
            let room = ((doc.room() - 1.0) / line).floor().max(1.0) as usize;
            let (here, next) = rest.split_at(room.min(rest.len()));
            let h = here.len() as f32 * line + 1.0;
            let (x, top) = (doc.left(), doc.y);
            t.draw_note(doc, here, h);
            if let Some(target) = target {
                doc.link(x, top, t.width(), h, target);
            }
            rest = next;
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
