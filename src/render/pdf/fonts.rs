//! The embedded font (DejaVu Sans Condensed, regular and bold): PDF font resources and exact
//! text widths measured with ttf-parser.

use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont, PdfFontHandle};

/// Font weights the report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// Fixed resource ids: the first six upper-case letters become the subset tag, so they are
/// chosen here instead of printpdf's random ones (deterministic bytes).
const REGULAR_ID: &str = "RMXSNR";
const BOLD_ID: &str = "RMXSNB";

fn bytes(w: Weight) -> &'static [u8] {
    match w {
        Weight::Regular => dejavu::sans_condensed::regular(),
        Weight::Bold => dejavu::sans_condensed::bold(),
    }
}

/// The PDF handle of a weight, for `Op::SetFont`.
pub fn handle(w: Weight) -> PdfFontHandle {
    PdfFontHandle::External(FontId(match w {
        Weight::Regular => REGULAR_ID.to_string(),
        Weight::Bold => BOLD_ID.to_string(),
    }))
}

/// Registers both weights with the document.
pub fn embed(doc: &mut PdfDocument) -> Result<(), String> {
    for w in [Weight::Regular, Weight::Bold] {
        let mut warnings = Vec::new();
        let parsed =
            ParsedFont::from_bytes(bytes(w), 0, &mut warnings).ok_or_else(|| "cannot parse DejaVu Sans".to_string())?;
        let PdfFontHandle::External(id) = handle(w) else { unreachable!("external handle") };
        doc.resources.fonts.map.insert(id, PdfFont::new(parsed));
    }
    Ok(())
}

/// What the PDF shows in place of a character the font cannot draw (U+FFFD, which DejaVu has).
pub const MISSING: char = '\u{FFFD}';

/// The regular face, for coverage checks.
fn regular() -> Option<&'static ttf_parser::Face<'static>> {
    static FACE: std::sync::OnceLock<Option<ttf_parser::Face<'static>>> = std::sync::OnceLock::new();
    FACE.get_or_init(|| ttf_parser::Face::parse(bytes(Weight::Regular), 0).ok()).as_ref()
}

/// Whether the font can draw `c` (whitespace and control characters count as drawable).
pub fn covers(c: char) -> bool {
    c.is_ascii() || c.is_whitespace() || c.is_control() || regular().is_some_and(|f| f.glyph_index(c).is_some())
}

/// `text` with every character the font cannot draw replaced by [`MISSING`], so nothing the
/// inputs say disappears from the PDF without a trace.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().all(covers) {
        true => text.into(),
        false => text.chars().map(|c| if covers(c) { c } else { MISSING }).collect::<String>().into(),
    }
}

/// Advance widths of one face, in em, with a fast path for ASCII.
struct Face {
    face: ttf_parser::Face<'static>,
    upem: f32,
    ascii: [f32; 128],
}

impl Face {
    fn load(w: Weight) -> Result<Face, String> {
        let face = ttf_parser::Face::parse(bytes(w), 0).map_err(|e| format!("cannot read DejaVu Sans: {e}"))?;
        let upem = f32::from(face.units_per_em());
        let mut f = Face { face, upem, ascii: [0.0; 128] };
        for c in 0u8..128 {
            f.ascii[c as usize] = f.slow(c as char);
        }
        Ok(f)
    }

    fn slow(&self, c: char) -> f32 {
        let gid = self.face.glyph_index(c).or_else(|| self.face.glyph_index(MISSING)).unwrap_or(ttf_parser::GlyphId(0));
        f32::from(self.face.glyph_hor_advance(gid).unwrap_or(0)) / self.upem
    }

    fn em(&self, c: char) -> f32 {
        match self.ascii.get(c as usize) {
            Some(w) => *w,
            None => self.slow(c),
        }
    }
}

/// Text measurement for both weights.
pub struct Metrics {
    regular: Face,
    bold: Face,
}

impl Metrics {
    pub fn load() -> Result<Metrics, String> {
        Ok(Metrics { regular: Face::load(Weight::Regular)?, bold: Face::load(Weight::Bold)? })
    }

    fn face(&self, w: Weight) -> &Face {
        match w {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// Width of `text` in points at `size` (printpdf emits no kerning, so this is exact).
    pub fn width(&self, text: &str, w: Weight, size: f32) -> f32 {
        let f = self.face(w);
        text.chars().map(|c| f.em(c)).sum::<f32>() * size
    }

    /// Width of one character in points.
    pub fn char_width(&self, c: char, w: Weight, size: f32) -> f32 {
        self.face(w).em(c) * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let m = Metrics::load().unwrap();
        let a = m.width("Zürich", Weight::Regular, 10.0);
        assert!(a > 20.0 && a < 40.0, "{a}");
        assert!(m.width("Zürich", Weight::Bold, 10.0) > a);
        assert!((m.width("Zürich", Weight::Regular, 20.0) - 2.0 * a).abs() < 0.01);
        assert_eq!(m.width("", Weight::Regular, 10.0), 0.0);
    }
}
