//! Charts for the executive summary: a donut of a framework's control statuses and the colour
//! legend, drawn with the status colours the workbook and HTML use.

use super::canvas::{Canvas, BLACK, GREY};
use super::fonts::Metrics;
use super::text::{wrap, Font};
use crate::model::Status;
use crate::render::style;
use crate::view::Counts;

/// Points on a circle from angle `a0` to `a1` (radians, clockwise from 12 o'clock).
fn arc(cx: f32, cy: f32, r: f32, a0: f32, a1: f32) -> Vec<(f32, f32)> {
    let steps = (((a1 - a0) / 0.05).ceil() as usize).max(1);
    (0..=steps)
        .map(|i| {
            let a = a0 + (a1 - a0) * i as f32 / steps as f32;
            (cx + r * a.sin(), cy - r * a.cos())
        })
        .collect()
}

/// A donut centred at (`cx`, `cy`) with one segment per non-empty status, and the total in
/// the middle.
pub fn donut(c: &mut Canvas, m: &Metrics, cx: f32, cy: f32, r: f32, counts: &Counts) {
    let total = counts.total();
    let inner = r * 0.58;
    if total == 0 {
        let mut ring = arc(cx, cy, r, 0.0, std::f32::consts::TAU);
        ring.extend(arc(cx, cy, inner, 0.0, std::f32::consts::TAU).into_iter().rev());
        c.polygon(&ring, "E0E0E0");
    } else {
        let mut start = 0.0f32;
        for s in Status::OVERALL {
            let n = counts.get(s);
            if n == 0 {
                continue;
            }
            let end = start + std::f32::consts::TAU * n as f32 / total as f32;
            let mut seg = arc(cx, cy, r, start, end);
            seg.extend(arc(cx, cy, inner, start, end).into_iter().rev());
            c.polygon(&seg, style::colors(s).1);
            start = end;
        }
    }
    let big = Font::bold(13.0);
    let t = total.to_string();
    c.text(cx - m.width(&t, big.weight, big.size) / 2.0, cy + 2.0, big, BLACK, &t);
    let small = Font::regular(6.5);
    let l = "controls";
    c.text(cx - m.width(l, small.weight, small.size) / 2.0, cy + 10.0, small, GREY, l);
}

/// A colour swatch, the label in bold and what it means, wrapped to `width`. Returns the
/// height used.
pub fn legend_entry(c: &mut Canvas, m: &Metrics, x: f32, y: f32, width: f32, s: Status) -> f32 {
    let (fill, ink) = style::colors(s);
    c.fill_rect(x, y, 10.0, 10.0, ink);
    c.fill_rect(x + 1.5, y + 1.5, 7.0, 7.0, fill);
    let bold = Font::bold(8.5);
    c.text(x + 16.0, y + 8.0, bold, BLACK, style::label(s));
    let f = Font::regular(8.0);
    let text_x = x + 96.0;
    let lines = wrap(m, style::meaning(s), f, width - 96.0, 4);
    let runs: Vec<_> = lines.iter().enumerate().map(|(i, l)| (text_x, y + 8.0 + i as f32 * 10.0, l.clone())).collect();
    c.texts(f, BLACK, &runs);
    (lines.len().max(1) as f32 * 10.0).max(12.0) + 4.0
}

/// The share of `n` in `total` as a whole percentage ("0%" when empty).
pub fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        return "0%".to_string();
    }
    format!("{}%", (n as f64 * 100.0 / total as f64).round() as u64)
}

#[cfg(test)]
mod tests {
    #[test]
    fn percentages_round_and_survive_zero() {
        assert_eq!(super::percent(1, 3), "33%");
        assert_eq!(super::percent(0, 0), "0%");
    }
}
