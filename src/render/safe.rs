//! Spreadsheet safety: input text never becomes a formula (CSV/XLSX formula injection).

/// Whether a spreadsheet program would treat this text as a formula or command.
pub fn looks_like_formula(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text for CSV: a leading apostrophe defuses formula-looking values, as OWASP recommends.
pub fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if looks_like_formula(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_defused() {
        for t in ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"] {
            assert!(csv_cell(t).starts_with('\''), "{t}");
        }
        assert_eq!(csv_cell("Orders DB"), "Orders DB");
    }
}
