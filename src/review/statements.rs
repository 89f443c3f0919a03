//! Whether two cells' statements read the same, for `diff`: compared piece by piece without
//! writing either out, and two long matrix@2 texts from where they first read differently.

use super::snapshot_prose::{same_pieces, Prose};
use crate::render::json::template;
use std::collections::HashMap;
use std::sync::Arc;

/// Whether two cells' statements read the same. Two long matrix@2 texts are compared from where
/// they stop reading alike, found once per pair of texts: a matrix@2 file can give every cell of
/// every control the same long texts, which would otherwise be read through once per cell.
#[derive(Default)]
pub struct Statements(HashMap<(usize, usize), Parting>);

/// Where two texts part (see `template::common_start`), and the texts themselves: held, so that
/// their addresses, the key, stay theirs.
struct Parting {
    at: usize,
    named: bool,
    _texts: (Arc<str>, Arc<str>),
}

impl Statements {
    /// Bytes of text (both sides) from which the common start is looked for.
    const LONG: usize = 4096;

    pub fn same(&mut self, a: &Prose, b: &Prose) -> bool {
        match (a, b) {
            (Prose::Template(t, x), Prose::Template(u, y)) if t.len() + u.len() >= Self::LONG => {
                let key = (t.as_ptr() as usize, u.as_ptr() as usize);
                let Parting { at, named, .. } = *self.0.entry(key).or_insert_with(|| {
                    let (at, named) = template::common_start(t, u);
                    Parting { at, named, _texts: (t.clone(), u.clone()) }
                });
                // Up to `at` both read the same, but for the name where they name the service.
                match (a.template_pieces_from(at), b.template_pieces_from(at)) {
                    (Some(p), Some(q)) if !named || x == y => same_pieces(p, q),
                    _ => a.reads_as(b),
                }
            }
            _ => a == b,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_statements_compare_from_where_their_texts_part() {
        let long = "x".repeat(5000);
        let t = |text: String, name: &str| Prose::Template(Arc::from(text), Arc::from(name));
        let mut st = Statements::default();
        let a = t(format!("{{service}} {long} 1"), "Orders");
        // The same words in another file, a change at the end, a name spelled out, a rename.
        assert!(st.same(&a, &t(format!("{{service}} {long} 1"), "Orders")));
        assert!(!st.same(&a, &t(format!("{{service}} {long} 2"), "Orders")));
        assert!(st.same(&a, &t(format!("Orders {long} 1"), "Billing")));
        assert!(!st.same(&a, &t(format!("{{service}} {long} 1"), "Billing")));
        // Remembered per pair of texts, the names still count.
        let (b, c) = (t(format!("{long} {{service}}"), "Orders"), t(format!("{long} {{service}}!"), "Orders"));
        let renamed = |p: &Prose, name: &str| match p {
            Prose::Template(text, _) => Prose::Template(text.clone(), Arc::from(name)),
            _ => unreachable!(),
        };
        assert!(!st.same(&b, &c) && !st.same(&renamed(&b, "Billing"), &c));
        assert!(st.same(&renamed(&b, "Orders!"), &renamed(&c, "Orders")));
        assert!(st.same(&Prose::Text(format!("Orders {long} 1")), &a));
    }
}
