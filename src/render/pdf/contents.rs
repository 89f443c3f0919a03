//! The table of contents after the cover: every top-level section and each framework under it,
//! with its printed page number, each line a link to its page.

use super::canvas::{BLACK, GREY, RULE};
use super::layout::{Doc, Link, Mark, Orientation, Page};
use super::prose::{heading, H1};
use super::text::{wrap, Font};

const TOP: Font = Font::bold(10.0);
const SUB: Font = Font::regular(9.0);
const LINE: f32 = 16.0;

/// The contents pages for `marks` (the laid-out document's outline, the cover first), numbered as
/// if `front` contents pages follow the cover. Returns the pages, their links (page indexes
/// local to these pages, targets in the laid-out document) and the "Contents" outline entry.
pub fn draw(base: &Doc, marks: &[Mark], front: usize) -> (Vec<Page>, Vec<Link>) {
    let mut doc = Doc::new(base.m, base.paper);
    doc.front = front;
    doc.section("Contents", 0, Orientation::Portrait, "Contents");
    heading(&mut doc, "Contents", H1, 40.0);
    for mark in marks.iter().filter(|m| m.level <= 1 && m.page > 0) {
        entry(&mut doc, mark);
    }
    let links = std::mem::take(&mut doc.links);
    (std::mem::take(&mut doc.pages), links)
}

fn entry(doc: &mut Doc, mark: &Mark) {
    let (font, indent, color) = if mark.level == 0 { (TOP, 0.0, BLACK) } else { (SUB, 16.0, GREY) };
    let gap = if mark.level == 0 { 4.0 } else { 0.0 };
    let number = doc.number_of(mark.page).to_string();
    let m = doc.m;
    let nw = m.width(&number, font.weight, font.size);
    let (x, right) = (doc.left() + indent, doc.left() + doc.content_width());
    // Long titles wrap; the leader and the page number go on the last line.
    let lines = wrap(m, &mark.title, font, right - x - nw - 24.0, 4);
    let h = LINE * lines.len() as f32;
    doc.ensure(h + gap);
    doc.y += gap;
    let top = doc.y;
    for (i, line) in lines.iter().enumerate() {
        let base = top + i as f32 * LINE + font.size;
        doc.page().text(x, base, font, color, line);
        if i + 1 == lines.len() {
            let tw = m.width(line, font.weight, font.size);
            let page = doc.page();
            page.line(x + tw + 6.0, base - 1.0, right - nw - 6.0, base - 1.0, RULE, 0.4);
            page.text(right - nw, base, font, BLACK, &number);
        }
    }
    doc.link(x, top, right - x, h, mark.page);
    doc.y += h;
}

/// How many pages the contents of `marks` take.
pub fn pages_needed(base: &Doc, marks: &[Mark]) -> usize {
    draw(base, marks, 1).0.len()
}
