//! A cell's statement as a snapshot keeps it: written out (read from a matrix@1 file), or a text
//! shared by many cells and the service's name to fill in (a matrix@2 file, a matrix in
//! memory). A snapshot of 650,000 cells then holds two pointers per statement instead of 1.3
//! million statements written out; a statement is written out only where `diff` compares or
//! shows it.

use crate::render::json::template;
use crate::view::NAME;
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub enum Prose {
    Text(String),
    /// A matrix@2 text (`{service}` for the name, `{{` and `}}` for braces), checked to be well
    /// formed when read, and the name.
    Template(Arc<str>, Arc<str>),
    /// A text of a matrix's prose table (`view::NAME` where the name goes), and the name.
    Named(Arc<str>, Arc<str>),
}

impl Prose {
    /// The statement written out.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Prose::Text(t) => Cow::Borrowed(t),
            Prose::Template(t, name) => Cow::Owned(template::fill(t, name).unwrap_or_default()),
            Prose::Named(t, name) if t.contains(NAME) => Cow::Owned(t.replace(NAME, name)),
            Prose::Named(t, _) => Cow::Borrowed(t),
        }
    }

    /// The statement written out, as the pieces it is made of (no piece is copied).
    pub fn pieces(&self) -> Pieces<'_> {
        match self {
            Prose::Text(t) => Pieces::Text(Some(t)),
            Prose::Template(t, name) => Pieces::Template(template::pieces(t), name),
            Prose::Named(t, name) => Pieces::Named(t.split(NAME), name, None, false),
        }
    }

    /// Whether the two read the same, compared piece by piece without writing either out.
    pub fn reads_as(&self, other: &Prose) -> bool {
        same_pieces(self.pieces(), other.pieces())
    }

    /// [`Prose::pieces`] of a matrix@2 statement from byte `at` of its text on (`at` where a
    /// piece starts, see `template::common_start`); `None` for one kept otherwise.
    pub fn template_pieces_from(&self, at: usize) -> Option<Pieces<'_>> {
        match self {
            Prose::Template(t, name) => Some(Pieces::Template(template::pieces(t.get(at..)?), name)),
            _ => None,
        }
    }
}

/// Whether two runs of pieces read the same.
pub fn same_pieces<'a>(mut a: impl Iterator<Item = &'a str>, mut b: impl Iterator<Item = &'a str>) -> bool {
    let (mut x, mut y): (&[u8], &[u8]) = (&[], &[]);
    loop {
        while x.is_empty() {
            match a.next() {
                Some(p) => x = p.as_bytes(),
                None => break,
            }
        }
        while y.is_empty() {
            match b.next() {
                Some(p) => y = p.as_bytes(),
                None => break,
            }
        }
        if x.is_empty() || y.is_empty() {
            return x.is_empty() && y.is_empty();
        }
        let n = x.len().min(y.len());
        if x[..n] != y[..n] {
            return false;
        }
        (x, y) = (&x[n..], &y[n..]);
    }
}

/// The iterator of [`Prose::pieces`].
pub enum Pieces<'a> {
    Text(Option<&'a str>),
    Template(template::Pieces<'a>, &'a str),
    /// The texts between the names, the name, the text that follows the name given last, and
    /// whether the first text was given.
    Named(std::str::Split<'a, char>, &'a str, Option<&'a str>, bool),
}

impl<'a> Iterator for Pieces<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            Pieces::Text(t) => t.take(),
            // A template is checked when read: a piece that is not one ends it.
            Pieces::Template(pieces, name) => match pieces.next()?? {
                template::Piece::Text(t) => Some(t),
                template::Piece::Name => Some(name),
            },
            Pieces::Named(split, name, after, started) => match after.take() {
                Some(t) => Some(t),
                None => {
                    let t = split.next()?;
                    // Every text but the first follows a name.
                    if !std::mem::replace(started, true) {
                        return Some(t);
                    }
                    *after = Some(t);
                    Some(name)
                }
            },
        }
    }
}

impl Default for Prose {
    fn default() -> Prose {
        Prose::Text(String::new())
    }
}

/// Equal when they read the same; the same shared text and name read the same without being
/// written out.
impl PartialEq for Prose {
    fn eq(&self, other: &Prose) -> bool {
        match (self, other) {
            (Prose::Template(a, x), Prose::Template(b, y)) | (Prose::Named(a, x), Prose::Named(b, y))
                if Arc::ptr_eq(a, b) && x == y =>
            {
                true
            }
            _ => self.reads_as(other),
        }
    }
}

/// Reading the same is an equivalence.
impl Eq for Prose {}

/// A matrix@1 cell's statement, as written in the file.
impl<'de> Deserialize<'de> for Prose {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Prose, D::Error> {
        String::deserialize(d).map(Prose::Text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_compare_by_what_they_say_however_they_are_kept() {
        let name: Arc<str> = Arc::from("Orders DB");
        let compact = Prose::Template(Arc::from("Back up {service} {{daily}}."), name.clone());
        let named = Prose::Named(Arc::from("Back up \u{0} {daily}."), name.clone());
        let text = Prose::Text("Back up Orders DB {daily}.".into());
        assert_eq!(compact.text(), "Back up Orders DB {daily}.");
        assert!(compact == named && named == text && text == compact);
        let other = Prose::Named(Arc::from("Back up \u{0} {daily}."), Arc::from("Billing DB"));
        assert!(other != named);
        assert_eq!(Prose::default().text(), "");
        for p in [&compact, &named, &text, &other, &Prose::Named(Arc::from("\u{0}\u{0}"), name.clone())] {
            assert_eq!(p.pieces().collect::<String>(), p.text(), "{p:?}");
        }
        // Read the same, kept differently: the name in one, written out in the other.
        let spelled = Prose::Template(Arc::from("Back up Orders DB {{daily}}."), Arc::from("Billing DB"));
        assert!(spelled.reads_as(&compact) && !spelled.reads_as(&other));
        assert!(!Prose::Text("Back up".into()).reads_as(&text) && !text.reads_as(&Prose::Text("Back up".into())));
    }
}
