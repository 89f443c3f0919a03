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
            _ => self.text() == other.text(),
        }
    }
}

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
    }
}
