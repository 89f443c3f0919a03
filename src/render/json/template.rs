//! The text templates of `matrix@2`: a statement or rationale piece with `{service}` where the
//! service's name goes, `{{` and `}}` for literal braces (Python's `str.format(service=name)`
//! reads them as they are meant).

use crate::view::NAME;

/// The placeholder a template names the service with.
pub const PLACEHOLDER: &str = "{service}";

/// A text with [`NAME`] where the service's name goes, as a template.
pub fn template(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for ch in text.chars() {
        match ch {
            '{' => out.push_str("{{"),
            '}' => out.push_str("}}"),
            NAME => out.push_str(PLACEHOLDER),
            c => out.push(c),
        }
    }
    out
}

/// `text` with every `name` it starts with turned into the placeholder (the rationale's intro
/// `Orders DB runs as paas (given).` names its service first).
pub fn template_leading(text: &str, name: &str) -> String {
    match text.strip_prefix(name) {
        Some(rest) if !name.is_empty() => format!("{PLACEHOLDER}{}", template(rest)),
        _ => template(text),
    }
}

/// A template with the service's name filled in; `None` for a template that is not one (a lone
/// brace, or a placeholder other than `{service}`).
pub fn fill(template: &str, name: &str) -> Option<String> {
    let mut out = String::with_capacity(template.len() + name.len());
    fill_into(&mut out, template, name)?;
    Some(out)
}

/// [`fill`], appending to `out`.
pub fn fill_into(out: &mut String, template: &str, name: &str) -> Option<()> {
    for piece in pieces(template) {
        match piece? {
            Piece::Text(t) => out.push_str(t),
            Piece::Name => out.push_str(name),
        }
    }
    Some(())
}

/// What a template fills in to, without filling it: the characters of its own text and how many
/// times it names the service; `None` for a template that is not one (see [`fill`]).
pub fn measure(template: &str) -> Option<(usize, usize)> {
    let (mut chars, mut names) = (0, 0);
    for piece in pieces(template) {
        match piece? {
            Piece::Text(t) => chars += t.chars().count(),
            Piece::Name => names += 1,
        }
    }
    Some((chars, names))
}

/// A piece of a template: text as it reads, or the place of the service's name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    Name,
}

/// A template's pieces in order; an item `None` where it is not one (and nothing after it).
pub fn pieces(template: &str) -> Pieces<'_> {
    Pieces { rest: template, broken: false }
}

/// Where two templates stop reading alike, whatever the name: the offset (the same in both) of
/// the first piece of `a` that is not wholly in the start the two have in common, and whether
/// the service's name comes before it. Both read on from there as they would from the start.
pub fn common_start(a: &str, b: &str) -> (usize, bool) {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let n = x.len().min(y.len());
    let mut same = 0;
    while same + 64 <= n && x[same..same + 64] == y[same..same + 64] {
        same += 64;
    }
    same += x[same..n].iter().zip(&y[same..n]).take_while(|(p, q)| p == q).count();
    let (mut at, mut named) = (0, false);
    let mut pieces = pieces(a);
    while let Some(Some(piece)) = pieces.next() {
        let end = a.len() - pieces.rest.len();
        if end > same {
            break;
        }
        (at, named) = (end, named || piece == Piece::Name);
    }
    (at, named)
}

/// The most text [`Pieces`] gives in one piece.
const CHUNK: usize = 4096;

/// The iterator of [`pieces`].
pub struct Pieces<'a> {
    rest: &'a str,
    broken: bool,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Option<Piece<'a>>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.rest.is_empty() || self.broken {
            return None;
        }
        let rest = self.rest;
        // Text is given at most `CHUNK` bytes at a time, so that a comparison that differs early
        // does not look through a long text for its next brace.
        let mut end = rest.len().min(CHUNK);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let Some(at) = memchr::memchr2(b'{', b'}', &rest.as_bytes()[..end]) else {
            let (text, tail) = rest.split_at(end);
            self.rest = tail;
            return Some(Some(Piece::Text(text)));
        };
        if at > 0 {
            let (text, tail) = rest.split_at(at);
            self.rest = tail;
            return Some(Some(Piece::Text(text)));
        }
        if let Some(after) = rest.strip_prefix(PLACEHOLDER) {
            self.rest = after;
            Some(Some(Piece::Name))
        } else if rest.starts_with("{{") || rest.starts_with("}}") {
            self.rest = &rest[2..];
            Some(Some(Piece::Text(&rest[..1])))
        } else {
            self.broken = true;
            Some(None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_fills_back_to_the_text_it_was_made_from() {
        let text = format!("Configure {NAME} {{odd}} }} {{ and {NAME}.");
        let t = template(&text);
        assert_eq!(t, "Configure {service} {{odd}} }} {{ and {service}.");
        assert_eq!(fill(&t, "Orders {service} DB").unwrap(), text.replace(NAME, "Orders {service} DB"));
        assert_eq!(template_leading("Web runs as paas (given).", "Web"), "{service} runs as paas (given).");
        assert_eq!(template_leading("Web", ""), "Web");
        assert_eq!(fill("a { b", "x"), None);
        assert_eq!(fill("a {name}", "x"), None);
        assert_eq!(fill("a } b", "x"), None);
        assert_eq!(measure("{service} {{é}}."), Some((5, 1)));
        assert_eq!(measure("a { b"), None);
        let back: String = pieces(&t)
            .map(|p| match p.unwrap() {
                Piece::Text(x) => x.to_string(),
                Piece::Name => "N".into(),
            })
            .collect();
        assert_eq!(back, text.replace(NAME, "N"));
        // Long text comes in pieces, each cut between characters.
        let long = format!("{}{{service}}", "é".repeat(5000));
        let texts: Vec<&str> = pieces(&long)
            .filter_map(|p| match p.unwrap() {
                Piece::Text(t) => Some(t),
                Piece::Name => None,
            })
            .collect();
        assert!(texts.len() > 1 && texts.iter().all(|t| t.len() <= CHUNK));
        assert_eq!(fill(&long, "x").unwrap(), format!("{}x", "é".repeat(5000)));
        // The common start ends before a piece the two read differently.
        assert_eq!(common_start("Back up {service} daily.", "Back up {service} weekly."), (17, true));
        assert_eq!(common_start("Back up {{x}} daily", "Back up {{x}}}} daily"), (13, false));
        assert_eq!(common_start("Back up {service}", "Back up {{service}}"), (8, false));
        assert_eq!(common_start("same", "same"), (4, false));
    }
}
