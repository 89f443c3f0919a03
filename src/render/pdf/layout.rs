//! Pages and the flow of content down them: paper sizes, margins, the cursor, sections and
//! their outline entries. Running headers and "Page N of M" are added once the count is known.

use super::canvas::{Canvas, GREY, RULE};
use super::fonts::Metrics;
use super::text::{ellipsize, Font};
use crate::report::Paper;

/// Page orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// Width and height in points.
pub fn page_size(paper: Paper, o: Orientation) -> (f32, f32) {
    let (w, h) = match paper {
        Paper::A4 => (595.28, 841.89),
        Paper::Letter => (612.0, 792.0),
    };
    match o {
        Orientation::Portrait => (w, h),
        Orientation::Landscape => (h, w),
    }
}

pub const MARGIN: f32 = 36.0;
const CONTENT_TOP: f32 = 58.0;
const CONTENT_BOTTOM: f32 = 44.0;

/// An outline (bookmark) entry: title, depth (0 = top level) and page index.
#[derive(Debug, Clone)]
pub struct Mark {
    pub title: String,
    pub level: u8,
    pub page: usize,
}

/// An internal link: a clickable area of one page (PDF coordinates: `x1, y1, x2, y2` from the
/// bottom left) leading to another page. Page indexes are the laid-out ones; the contents pages
/// are spliced in later and shift them.
#[derive(Debug, Clone)]
pub struct Link {
    pub page: usize,
    pub rect: [f32; 4],
    pub target: usize,
}

/// A drawn page and the section its running header names.
pub struct Page {
    pub canvas: Canvas,
    pub section: String,
}

/// The document being laid out.
pub struct Doc<'a> {
    pub m: &'a Metrics,
    pub paper: Paper,
    pub pages: Vec<Page>,
    pub outline: Vec<Mark>,
    pub links: Vec<Link>,
    /// Pages that will follow the cover (the contents), so printed page numbers count them.
    pub front: usize,
    /// The cursor: top of the free space on the current page.
    pub y: f32,
    orientation: Orientation,
    section: String,
}

impl<'a> Doc<'a> {
    pub fn new(m: &'a Metrics, paper: Paper) -> Doc<'a> {
        Doc {
            m,
            paper,
            pages: Vec::new(),
            outline: Vec::new(),
            links: Vec::new(),
            front: 0,
            y: 0.0,
            orientation: Orientation::Portrait,
            section: String::new(),
        }
    }

    /// Starts a section on a new page, with an outline entry and a running header.
    pub fn section(&mut self, title: &str, level: u8, o: Orientation, running: &str) {
        self.orientation = o;
        self.section = running.to_string();
        self.new_page();
        self.mark(title, level);
    }

    /// An outline entry pointing at the current page.
    pub fn mark(&mut self, title: &str, level: u8) {
        let page = self.pages.len().saturating_sub(1);
        self.outline.push(Mark { title: title.to_string(), level, page });
    }

    /// Continues the current section on a fresh page.
    pub fn new_page(&mut self) {
        let (w, h) = page_size(self.paper, self.orientation);
        self.pages.push(Page { canvas: Canvas::new(w, h), section: self.section.clone() });
        self.y = CONTENT_TOP;
    }

    /// The printed number of the page with index `index` (the cover is page 1, then the
    /// contents pages).
    pub fn number_of(&self, index: usize) -> usize {
        if index == 0 {
            1
        } else {
            index + 1 + self.front
        }
    }

    /// Makes the area from `top` (layout coordinates), `h` high and `w` wide at `x` on the
    /// current page a link to page index `target`.
    pub fn link(&mut self, x: f32, top: f32, w: f32, h: f32, target: usize) {
        let page = self.pages.len().saturating_sub(1);
        let height = self.page().height;
        self.links.push(Link { page, rect: [x, height - top - h, x + w, height - top], target });
    }

    pub fn page(&mut self) -> &mut Canvas {
        if self.pages.is_empty() {
            self.new_page();
        }
        &mut self.pages.last_mut().expect("a page").canvas
    }

    pub fn width(&self) -> f32 {
        page_size(self.paper, self.orientation).0
    }
    pub fn left(&self) -> f32 {
        MARGIN
    }
    pub fn content_width(&self) -> f32 {
        self.width() - 2.0 * MARGIN
    }
    pub fn bottom(&self) -> f32 {
        page_size(self.paper, self.orientation).1 - CONTENT_BOTTOM
    }

    /// Whether `h` more points fit below the cursor.
    pub fn fits(&self, h: f32) -> bool {
        self.y + h <= self.bottom()
    }

    /// The height left on this page below the cursor.
    pub fn room(&self) -> f32 {
        (self.bottom() - self.y).max(0.0)
    }

    /// Makes room for `h` points, starting a new page when they do not fit.
    pub fn ensure(&mut self, h: f32) {
        if !self.fits(h) {
            self.new_page();
        }
    }
}

/// Draws the running header and the "Page N of M" footer on every page.
pub fn frame(pages: &mut [Page], m: &Metrics, title: &str, footer: &str) {
    let total = pages.len();
    let small = Font::regular(7.5);
    let bold = Font::bold(7.5);
    for (i, p) in pages.iter_mut().enumerate() {
        let c = &mut p.canvas;
        let (w, h) = (c.width, c.height);
        let right_text = format!("Page {} of {}", i + 1, total);
        let rw = m.width(&right_text, small.weight, small.size);
        if i > 0 {
            let sw = m.width(&p.section, bold.weight, bold.size).min(w / 2.0);
            let section = ellipsize(m, &p.section, bold, w / 2.0);
            let left = ellipsize(m, title, small, w - 2.0 * MARGIN - sw - 12.0);
            c.text(MARGIN, 30.0, small, GREY, &left);
            c.text(w - MARGIN - m.width(&section, bold.weight, bold.size), 30.0, bold, GREY, &section);
            c.line(MARGIN, 35.0, w - MARGIN, 35.0, RULE, 0.5);
        }
        c.line(MARGIN, h - 32.0, w - MARGIN, h - 32.0, RULE, 0.5);
        let foot = ellipsize(m, footer, small, w - 2.0 * MARGIN - rw - 12.0);
        c.text(MARGIN, h - 22.0, small, GREY, &foot);
        c.text(w - MARGIN - rw, h - 22.0, small, GREY, &right_text);
    }
}
