//! Flowing prose: headings, wrapped paragraphs and label–value lines that continue on the next
//! page when the current one is full.

use super::canvas::{BLACK, GREY};
use super::layout::Doc;
use super::text::{wrap, Font};

pub const BODY: Font = Font::regular(9.0);
pub const H1: Font = Font::bold(16.0);
pub const H2: Font = Font::bold(11.5);

fn leading(f: Font) -> f32 {
    f.size * 1.3
}

/// A heading with space above and below; kept with at least `keep` points of what follows.
pub fn heading(doc: &mut Doc, text: &str, font: Font, keep: f32) {
    let lines = wrap(doc.m, text, font, doc.content_width(), 3);
    let h = lines.len() as f32 * leading(font) + 6.0;
    doc.ensure(h + keep);
    lines_at(doc, &lines, font, BLACK, doc.left());
    doc.y += 6.0;
}

/// A wrapped paragraph across the content width.
pub fn paragraph(doc: &mut Doc, text: &str, font: Font, color: &str) {
    let lines = wrap(doc.m, text, font, doc.content_width(), 200);
    lines_at(doc, &lines, font, color, doc.left());
    doc.y += font.size * 0.6;
}

/// Lines from the cursor down, breaking pages between lines.
fn lines_at(doc: &mut Doc, lines: &[String], font: Font, color: &str, x: f32) {
    for l in lines {
        doc.ensure(leading(font));
        let y = doc.y + font.size;
        doc.page().text(x, y, font, color, l);
        doc.y += leading(font);
    }
}

/// A label in grey and its value wrapped beside it.
pub fn field(doc: &mut Doc, label: &str, value: &str, label_width: f32, font: Font) {
    let value = if value.trim().is_empty() { "—" } else { value };
    let lines = wrap(doc.m, value, font, doc.content_width() - label_width, 40);
    doc.ensure(leading(font) * lines.len().min(3) as f32);
    let label_font = Font { size: font.size, ..Font::regular(font.size) };
    let y = doc.y + font.size;
    let x = doc.left();
    doc.page().text(x, y, label_font, GREY, label);
    let x = doc.left() + label_width;
    lines_at(doc, &lines, font, BLACK, x);
    doc.y += 3.0;
}
