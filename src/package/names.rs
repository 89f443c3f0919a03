//! Names of files inside the bag: portable (letters, digits, `.`, `_`, `-`), never colliding.

use std::collections::BTreeSet;

/// Longest file name kept from an input (longer ones are cut, the extension kept).
const NAME_MAX: usize = 100;

/// A portable version of one file name: other characters become `_`, no leading dot.
/// `Q3 access review (final).pdf` → `Q3_access_review_final_.pdf`.
pub fn portable(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let keep = c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
        if keep {
            out.push(c);
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_start_matches(['.', '_']).to_string();
    let out = if out.is_empty() { "file".to_string() } else { out };
    if out.len() <= NAME_MAX {
        return out;
    }
    let (stem, ext) = split_ext(&out);
    let keep = NAME_MAX.saturating_sub(ext.len());
    format!("{}{ext}", &stem[..keep.min(stem.len())])
}

/// `report.pdf` → (`report`, `.pdf`); no extension → (`name`, ``).
fn split_ext(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(i) if i > 0 => (&name[..i], &name[i..]),
        _ => (name, ""),
    }
}

/// Hands out paths under one folder, each used once: a second `report.pdf` becomes
/// `report-2.pdf`, then `report-3.pdf`. Comparison ignores case, so the bag unpacks the same on
/// case-insensitive file systems.
#[derive(Default)]
pub struct Unique {
    taken: BTreeSet<String>,
}

impl Unique {
    /// Reserves a path as given (for fixed names).
    pub fn reserve(&mut self, path: &str) {
        self.taken.insert(path.to_lowercase());
    }

    /// `folder/name`, made portable and unique.
    pub fn take(&mut self, folder: &str, name: &str) -> String {
        let name = portable(name);
        let (stem, ext) = split_ext(&name);
        let mut n = 1;
        loop {
            let candidate = match n {
                1 => format!("{folder}/{name}"),
                n => format!("{folder}/{stem}-{n}{ext}"),
            };
            if self.taken.insert(candidate.to_lowercase()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_portable_and_unique() {
        assert_eq!(portable("Q3 access review (final).pdf"), "Q3_access_review_final_.pdf");
        assert_eq!(portable("../../etc/passwd"), "etc_passwd");
        assert_eq!(portable(".hidden"), "hidden");
        let mut u = Unique::default();
        assert_eq!(u.take("evidence", "a.pdf"), "evidence/a.pdf");
        assert_eq!(u.take("evidence", "A.pdf"), "evidence/A-2.pdf");
        assert_eq!(u.take("evidence", "a.pdf"), "evidence/a-3.pdf");
        assert!(portable(&"x".repeat(300)).len() <= NAME_MAX);
    }
}
