//! Diagnostics with places: every problem names its file, sheet, row and column.

use std::fmt;

/// How bad a finding is. Errors stop the run; warnings are printed and the run goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Warning,
    Error,
}

/// Where a problem is. Spreadsheet places print as `file[Sheet]!D7`, CSV as `file!D7`,
/// text files as `file:14:5`, structured documents as `file: services[3].model`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub sheet: Option<String>,
    /// 1-based row (spreadsheets, CSV records) or line (text files).
    pub row: Option<usize>,
    /// 1-based column.
    pub col: Option<usize>,
    /// Path inside a YAML or JSON document, e.g. `services[3].model`.
    pub path: Option<String>,
    /// Text files are addressed by line:column, tables by A1 cells.
    pub text: bool,
}

impl Location {
    pub fn file(file: impl Into<String>) -> Self {
        Location { file: file.into(), ..Default::default() }
    }
    /// A cell of a table (CSV or sheet), 1-based row and column.
    pub fn cell(file: &str, sheet: Option<&str>, row: usize, col: Option<usize>) -> Self {
        Location { file: file.to_string(), sheet: sheet.map(str::to_string), row: Some(row), col, ..Default::default() }
    }
    /// A line and column of a text file.
    pub fn line(file: &str, line: usize, col: usize) -> Self {
        Location { file: file.to_string(), row: Some(line), col: Some(col), text: true, ..Default::default() }
    }
    /// A path inside a structured document.
    pub fn at_path(file: &str, path: impl Into<String>) -> Self {
        Location { file: file.to_string(), path: Some(path.into()), ..Default::default() }
    }
    pub fn with_col(&self, col: usize) -> Self {
        Location { col: Some(col), ..self.clone() }
    }
    /// The place without the file name: `D7`, `14:5` or `services[3]`.
    pub fn in_file(&self) -> String {
        let full = Location { file: String::new(), sheet: None, ..self.clone() }.to_string();
        full.trim_start_matches(['!', ':', ' ']).to_string()
    }
    /// The place without the file name but with its sheet: `[Moderate CRM Worksheet]!A12`, for
    /// lists of places in one workbook of several sheets.
    pub fn in_workbook(&self) -> String {
        let full = Location { file: String::new(), ..self.clone() }.to_string();
        full.trim_start_matches([':', ' ']).to_string()
    }
    pub fn with_field(&self, field: &str) -> Self {
        let path = match &self.path {
            Some(p) => format!("{p}.{field}"),
            None => field.to_string(),
        };
        Location { path: Some(path), ..self.clone() }
    }
}

/// Column letters as a spreadsheet shows them: 1 → A, 27 → AA.
pub fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        out.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(sheet) = &self.sheet {
            write!(f, "[{sheet}]")?;
        }
        match (self.text, self.row, self.col) {
            (true, Some(r), Some(c)) => write!(f, ":{r}:{c}")?,
            (true, Some(r), None) => write!(f, ":{r}")?,
            (false, Some(r), Some(c)) => write!(f, "!{}{r}", column_letters(c))?,
            (false, Some(r), None) => write!(f, " row {r}")?,
            _ => {}
        }
        if let Some(path) = &self.path {
            write!(f, ": {path}")?;
        }
        Ok(())
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, location, message: message.into() }
    }
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, location, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let place = excerpt(&self.location.to_string(), PLACE_CHARS);
        if place.is_empty() {
            // A problem of no particular file (an I/O error names its own path).
            return write!(f, "{level}: {}", bounded(&self.message));
        }
        write!(f, "{level}: {place}: {}", bounded(&self.message))
    }
}

/// How much of an input value a message quotes.
pub const EXCERPT_CHARS: usize = 80;
/// How long a message (without its place) and a place may get.
pub const MESSAGE_CHARS: usize = 1_000;
const PLACE_CHARS: usize = 300;

/// At most `max` characters of `text` on one line: control characters become spaces and a cut
/// is marked with how much was left out.
pub fn excerpt(text: &str, max: usize) -> String {
    let count = text.chars().count();
    let clean = |c: char| if c.is_control() { ' ' } else { c };
    if count <= max {
        return text.chars().map(clean).collect();
    }
    let head: String = text.chars().take(max).map(clean).collect();
    format!("{head}… ({} more characters)", count - max)
}

/// A message with every quoted run ("…" or `…`) cut to an excerpt, and the whole bounded, so no
/// input value is ever printed whole.
pub fn bounded(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(MESSAGE_CHARS + 64));
    let mut rest = message;
    while let Some(start) = rest.find(['"', '`']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        let body = &rest[start + 1..];
        let Some(end) = body.find(quote) else { break };
        out.push_str(&rest[..=start]);
        out.push_str(&excerpt(&body[..end], EXCERPT_CHARS));
        out.push(quote);
        rest = &body[end + 1..];
        if out.len() > MESSAGE_CHARS * 4 {
            break;
        }
    }
    out.push_str(rest);
    excerpt(&out, MESSAGE_CHARS)
}

/// All findings of a run, collected so one run reports every problem of a file.
#[derive(Debug, Clone, Default)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::error(location, message));
    }
    pub fn warning(&mut self, location: Location, message: impl Into<String>) {
        self.push(Diagnostic::warning(location, message));
    }
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Warning)
    }
    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_print_like_spreadsheets_and_editors() {
        assert_eq!(Location::cell("inv.xlsx", Some("Services"), 7, Some(4)).to_string(), "inv.xlsx[Services]!D7");
        assert_eq!(Location::cell("inv.csv", None, 3, Some(28)).to_string(), "inv.csv!AB3");
        assert_eq!(Location::line("c.yaml", 14, 5).to_string(), "c.yaml:14:5");
        assert_eq!(
            Location::at_path("i.yaml", "services[2]").with_field("model").to_string(),
            "i.yaml: services[2].model"
        );
        let crm = Location::cell("crm.xlsx", Some("Moderate CRM Worksheet"), 12, Some(1));
        assert_eq!((crm.in_file(), crm.in_workbook()), ("A12".into(), "[Moderate CRM Worksheet]!A12".into()));
        assert_eq!(Location::at_path("ssp.json", "a.b").in_workbook(), "a.b");
    }

    #[test]
    fn messages_quote_short_excerpts_only() {
        let value = "x".repeat(5_000_000);
        let d = Diagnostic::error(Location::file("a.yaml"), format!("unknown model \"{value}\" (expected iaas)"));
        let shown = d.to_string();
        assert!(shown.len() < 300, "{}", shown.len());
        assert!(shown.contains("… (4999920 more characters)\" (expected iaas)"), "{shown}");
        assert_eq!(bounded("unknown model \"Faas\""), "unknown model \"Faas\"");
        let line = Diagnostic::error(Location::file("a.csv"), "y".repeat(10_000)).to_string();
        assert!(line.len() < MESSAGE_CHARS + 100);
    }
}
