//! The table of contents after the cover: every top-level section and each framework under it,
//! with its printed page number, each line a link to its page; under each framework of the
//! matrix, its families with their pages, each a link.

use super::canvas::{BLACK, GREY, RULE};
use super::layout::{Doc, Link, Mark, Orientation, Page};
use super::prose::{heading, H1};
use super::text::{wrap, Font};

const TOP: Font = Font::bold(10.0);
const SUB: Font = Font::regular(9.0);
const LINE: f32 = 16.0;
const FAMILY: Font = Font::regular(7.5);
const FAMILY_LINE: f32 = 11.0;

/// The contents pages for `marks` (the laid-out document's outline, the cover first), numbered as
/// if `front` contents pages follow the cover. Returns the pages, their links (page indexes
/// local to these pages, targets in the laid-out document) and the "Contents" outline entry.
pub fn draw(base: &Doc, marks: &[Mark], front: usize) -> (Vec<Page>, Vec<Link>) {
    let mut doc = Doc::new(base.m, base.paper);
    doc.front = front;
    doc.section("Contents", 0, Orientation::Portrait, "Contents");
    heading(&mut doc, "Contents", H1, 40.0);
    let shown: Vec<&Mark> = marks.iter().filter(|m| m.page > 0).collect();
    let mut i = 0;
    while i < shown.len() {
        let families = shown[i + 1..].iter().take_while(|m| m.level >= 2).count();
        match shown[i].level {
            0 | 1 => entry(&mut doc, shown[i]),
            _ => {}
        }
        if families > 0 {
            index(&mut doc, &shown[i + 1..i + 1 + families]);
        }
        i += 1 + families;
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

/// The families under a framework of the matrix, as one flowing line of `GV.OC 7 · GV.RM 8`
/// (the family's id and its page), each a link: any control is two clicks away.
fn index(doc: &mut Doc, families: &[&Mark]) {
    let m = doc.m;
    let (left, right) = (doc.left() + 32.0, doc.left() + doc.content_width());
    let sep = " · ";
    let sep_w = m.width(sep, FAMILY.weight, FAMILY.size);
    doc.ensure(FAMILY_LINE);
    let mut x = left;
    let mut top = doc.y;
    for (k, f) in families.iter().enumerate() {
        let id = f.title.split_whitespace().next().unwrap_or(&f.title);
        let item = format!("{id} {}", doc.number_of(f.page));
        let w = m.width(&item, FAMILY.weight, FAMILY.size);
        if k > 0 && x + sep_w + w > right {
            doc.y += FAMILY_LINE;
            doc.ensure(FAMILY_LINE);
            (x, top) = (left, doc.y);
        } else if k > 0 {
            doc.page().text(x, top + FAMILY.size, FAMILY, GREY, sep);
            x += sep_w;
        }
        doc.page().text(x, top + FAMILY.size, FAMILY, GREY, &item);
        doc.link(x, top, w, FAMILY_LINE, f.page);
        x += w;
    }
    doc.y += FAMILY_LINE + 2.0;
}

/// How many pages the contents of `marks` take.
pub fn pages_needed(base: &Doc, marks: &[Mark]) -> usize {
    draw(base, marks, 1).0.len()
}
