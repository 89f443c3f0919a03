//! One page's drawing surface in points with a top-left origin (layout code thinks in rows
//! going down); converts to PDF's bottom-left coordinates when emitting printpdf ops.

use super::fonts;
use super::text::Font;
use printpdf::{
    Color, Line, LinePoint, Op, PaintMode, Point, Polygon, PolygonRing, Pt, Rect, Rgb, TextItem, TextMatrix,
    WindingOrder,
};

/// An RGB colour from six hex digits ("1B5E20"); black when malformed.
pub fn rgb(hex: &str) -> Color {
    let part = |i: usize| hex.get(i..i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0);
    Color::Rgb(Rgb {
        r: f32::from(part(0)) / 255.0,
        g: f32::from(part(2)) / 255.0,
        b: f32::from(part(4)) / 255.0,
        icc_profile: None,
    })
}

pub const BLACK: &str = "1A1A1A";
pub const GREY: &str = "5F6368";
pub const RULE: &str = "BDBDBD";
pub const HEAD_FILL: &str = "37474F";
pub const WHITE: &str = "FFFFFF";
pub const BAND: &str = "ECEFF1";

/// A page being drawn.
pub struct Canvas {
    pub width: f32,
    pub height: f32,
    ops: Vec<Op>,
}

impl Canvas {
    pub fn new(width: f32, height: f32) -> Canvas {
        Canvas { width, height, ops: Vec::new() }
    }

    pub fn into_ops(self) -> Vec<Op> {
        self.ops
    }

    fn pt(&self, x: f32, y: f32) -> Point {
        Point { x: Pt(x), y: Pt(self.height - y) }
    }

    /// A filled rectangle; `y` is its top edge.
    pub fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: &str) {
        self.ops.push(Op::SetFillColor { col: rgb(fill) });
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.height - y - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(PaintMode::Fill),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    /// A straight line.
    pub fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, color: &str, thickness: f32) {
        self.ops.push(Op::SetOutlineColor { col: rgb(color) });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        let points =
            vec![LinePoint { p: self.pt(x1, y1), bezier: false }, LinePoint { p: self.pt(x2, y2), bezier: false }];
        self.ops.push(Op::DrawLine { line: Line { points, is_closed: false } });
    }

    /// A filled polygon through `points` (top-left coordinates).
    pub fn polygon(&mut self, points: &[(f32, f32)], fill: &str) {
        self.ops.push(Op::SetFillColor { col: rgb(fill) });
        let points = points.iter().map(|&(x, y)| LinePoint { p: self.pt(x, y), bezier: false }).collect();
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// Strings in one font and colour; each `(x, baseline y, text)`.
    pub fn texts(&mut self, font: Font, color: &str, runs: &[(f32, f32, String)]) {
        let runs: Vec<_> = runs.iter().filter(|(_, _, t)| !t.is_empty()).collect();
        if runs.is_empty() {
            return;
        }
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFont { font: fonts::handle(font.weight), size: Pt(font.size) });
        self.ops.push(Op::SetFillColor { col: rgb(color) });
        for (x, y, t) in runs {
            self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(*x), Pt(self.height - y)) });
            self.ops.push(Op::ShowText { items: vec![TextItem::Text(fonts::visible(t).into_owned())] });
        }
        self.ops.push(Op::EndTextSection);
    }

    /// One string.
    pub fn text(&mut self, x: f32, y: f32, font: Font, color: &str, text: &str) {
        self.texts(font, color, &[(x, y, text.to_string())]);
    }

    /// A string turned 90° counter-clockwise (reading upwards), its baseline at `x`, starting
    /// at `y` and running up the page.
    pub fn text_up(&mut self, x: f32, y: f32, font: Font, color: &str, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops.push(Op::StartTextSection);
        self.ops.push(Op::SetFont { font: fonts::handle(font.weight), size: Pt(font.size) });
        self.ops.push(Op::SetFillColor { col: rgb(color) });
        self.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Raw([0.0, 1.0, -1.0, 0.0, x, self.height - y]) });
        self.ops.push(Op::ShowText { items: vec![TextItem::Text(fonts::visible(text).into_owned())] });
        self.ops.push(Op::EndTextSection);
    }
}
