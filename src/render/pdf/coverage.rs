//! Which characters of the report the PDF's font (DejaVu Sans: Latin, Greek, Cyrillic and
//! symbols) cannot draw, and where they are, so `report` can say so instead of letting a
//! service called "東京 Web" turn into "� Web" unremarked.

use super::fonts;
use crate::report::Report;
use std::collections::BTreeSet;

/// Places named in the message before "and N more".
const PLACES: usize = 3;

/// A sentence for a warning, or `None` when the font covers every character.
pub fn missing_glyphs(report: &Report) -> Option<String> {
    let mut chars = BTreeSet::new();
    let mut places: Vec<String> = Vec::new();
    // `what` is formatted only for text with a character the font lacks.
    let mut check = |what: &dyn Fn() -> String, text: &str| {
        if text.chars().all(fonts::covers) {
            return;
        }
        chars.extend(text.chars().filter(|c| !fonts::covers(*c)));
        places.push(format!("{} \"{text}\"", what()));
    };
    let meta = &report.meta;
    check(&|| "organization".into(), &meta.organization);
    check(&|| "scope".into(), &meta.scope);
    check(&|| "period".into(), &meta.period);
    let m = &report.matrix;
    for s in m.services.iter().chain(&m.excluded) {
        check(&|| "service".into(), &s.name);
        for (what, text) in [("owner of", &s.owner), ("product of", &s.product), ("provider of", &s.provider_title)] {
            if let Some(t) = text {
                check(&|| format!("{what} {}", s.id), t);
            }
        }
        // The sentences name the service: only their own words count here.
        for t in s.provider_sentences.iter().chain(&s.customer_sentences) {
            if !t.chars().all(fonts::covers) {
                check(&|| format!("a statement for {}", s.id), &t.replace(&s.name, ""));
            }
        }
    }
    for f in &m.frameworks {
        check(&|| "framework".into(), &f.title);
    }
    for c in &m.controls {
        check(&|| format!("title of {}", c.id), &c.title);
        check(&|| format!("family of {}", c.id), &c.family_title);
    }
    for o in &m.overrides {
        check(&|| format!("justification of override {}", o.label), &o.justification);
    }
    if chars.is_empty() {
        return None;
    }
    let list = chars.iter().take(20).map(char::to_string).collect::<Vec<_>>().join(" ");
    let more = match places.len() > PLACES {
        true => format!(" and {} more", places.len() - PLACES),
        false => String::new(),
    };
    places.truncate(PLACES);
    Some(format!(
        "the PDF's font (DejaVu Sans) has no glyph for {} character(s) ({list}{}) in {}{more}; the PDF shows {} in \
         their place, the workbook, HTML and Markdown show them as written",
        chars.len(),
        if chars.len() > 20 { " …" } else { "" },
        places.join(", "),
        fonts::MISSING
    ))
}

#[cfg(test)]
mod tests {
    use super::super::fonts::{covers, visible};

    #[test]
    fn latin_greek_and_cyrillic_are_covered_cjk_is_replaced() {
        for c in ['A', 'ü', 'ß', 'Ω', 'Ж', '✓', '€'] {
            assert!(covers(c), "{c}");
        }
        assert!(!covers('東'));
        assert_eq!(visible("Zürich"), "Zürich");
        assert_eq!(visible("東京 Web"), "\u{FFFD}\u{FFFD} Web");
    }
}
