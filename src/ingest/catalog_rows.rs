//! Custom catalogs as rows: a spreadsheet or CSV with a header row, or a YAML list, with the
//! columns `id`, `title`, `description`, `family`, `layers`, `maps_to`, `why`. Headers are
//! matched like the inventory's: ignoring case, spaces and punctuation, common spellings accepted.

use super::table::Table;
use super::xlsx_table::Book;
use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use crate::names;
use serde_json::Value;

/// How many rows a title block may take before the header row.
const HEADER_SEARCH_ROWS: usize = 30;

/// A column of a custom catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    Title,
    Description,
    Family,
    Layers,
    MapsTo,
    Why,
}

const ALIASES: &[(Column, &[&str])] = &[
    (
        Column::Id,
        &[
            "id",
            "controlid",
            "controlidentifier",
            "control",
            "controlno",
            "controlnumber",
            "controlref",
            "ref",
            "reference",
            "identifier",
            "requirementid",
            "criterionid",
            "refid",
            "number",
            // The Secure Controls Framework's "SCF #".
            "scf",
        ],
    ),
    (
        Column::Title,
        &[
            "title",
            "name",
            "controlname",
            "controltitle",
            "requirement",
            "requirementtitle",
            "heading",
            "criterion",
            "scfcontrol",
        ],
    ),
    (
        Column::Description,
        &[
            "description",
            "text",
            "controltext",
            "statement",
            "controldescription",
            "details",
            "wording",
            "requirementtext",
            "controlstatement",
            "securecontrolsframeworkscfcontroldescription",
        ],
    ),
    (
        Column::Family,
        &[
            "family",
            "group",
            "domain",
            "category",
            "section",
            "clause",
            "chapter",
            "theme",
            "controlfamily",
            "series",
            "scfdomain",
        ],
    ),
    (Column::Layers, &["layers", "layer", "tags", "layertags"]),
    (
        Column::MapsTo,
        &[
            "mapsto",
            "mapping",
            "mappedto",
            "maps",
            "builtincontrol",
            "equivalent",
            "sameas",
            "layersfrom",
            // A column of SP 800-53 Rev. 5 ids, as the SCF and other mappings name it.
            "nist80053rev5",
            "nist80053r5",
            "sp80053rev5",
            "sp80053r5",
        ],
    ),
    (Column::Why, &["why", "rationale", "reason", "layerrationale", "justification"]),
];

/// The column a header names.
pub fn column_of(header: &str) -> Option<Column> {
    let k = names::key(header);
    ALIASES.iter().find(|(_, keys)| keys.contains(&k.as_str())).map(|(c, _)| *c)
}

/// A value and where it is.
#[derive(Debug, Clone)]
pub struct Cell {
    pub column: Column,
    pub text: String,
    pub at: Location,
}

/// One control as written.
#[derive(Debug, Clone)]
pub struct Row {
    pub origin: Location,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn get(&self, c: Column) -> Option<&str> {
        self.cells.iter().find(|x| x.column == c).map(|x| x.text.trim()).filter(|t| !t.is_empty())
    }
    pub fn at(&self, c: Column) -> Location {
        self.cells.iter().find(|x| x.column == c).map(|x| x.at.clone()).unwrap_or_else(|| self.origin.clone())
    }

    /// Refuses a cell longer than respmatrix reads, at the cell: a control's id and family are
    /// names (`limits::NAME_CHARS_MAX`), its description is prose bounded by the file alone, the
    /// rest are fields (`FIELD_CHARS_MAX`).
    pub fn check_lengths(&self) -> Result<(), Error> {
        use super::limits::{field_length, FIELD_CHARS_MAX, NAME_CHARS_MAX};
        for cell in &self.cells {
            let (what, max) = match cell.column {
                Column::Id => ("control id", NAME_CHARS_MAX),
                Column::Family => ("control family", NAME_CHARS_MAX),
                Column::Description => continue,
                Column::Title => ("control title", FIELD_CHARS_MAX),
                Column::Layers => ("layers value", FIELD_CHARS_MAX),
                Column::MapsTo => ("maps_to value", FIELD_CHARS_MAX),
                Column::Why => ("rationale", FIELD_CHARS_MAX),
            };
            field_length(cell.text.trim(), max, what, || cell.at.clone())?;
        }
        Ok(())
    }
}

/// The rows of a custom catalog and whatever it says about itself.
#[derive(Debug, Clone, Default)]
pub struct Rows {
    pub id: Option<String>,
    pub title: Option<String>,
    pub version: Option<String>,
    pub publisher: Option<String>,
    pub licence: Option<String>,
    pub rows: Vec<Row>,
}

fn columns(row: &[String]) -> Vec<Option<Column>> {
    let mut seen = Vec::new();
    row.iter()
        .map(|h| match column_of(h) {
            Some(c) if !seen.contains(&c) => {
                seen.push(c);
                Some(c)
            }
            _ => None,
        })
        .collect()
}

/// How well a row looks like a catalog header: known columns, if it names an id column.
pub fn header_score(row: &[String]) -> usize {
    let cols = columns(row);
    match cols.contains(&Some(Column::Id)) {
        true => cols.iter().flatten().count(),
        false => 0,
    }
}

/// The header row: the first row naming an id column and a title column.
fn header_row(table: &Table) -> Option<usize> {
    table.rows.iter().take(HEADER_SEARCH_ROWS).position(|r| {
        let cols = columns(r);
        cols.contains(&Some(Column::Id)) && cols.contains(&Some(Column::Title))
    })
}

/// What a header row needs, for the error when no row has it.
const HEADER_NEEDS: &str =
    "need an id column (\"ID\", \"Control ID\", \"Ref\") and a title column (\"Title\", \"Name\", \"Control \
     Name\"), or NIST's CSF core columns (Function, Category, Subcategory)";

/// Whether the table has a catalog header row.
pub fn has_header(table: &Table) -> bool {
    header_row(table).is_some()
}

/// Rows of the sheet `Book::first_sheet` found with [`has_header`] (or another reader's test), so
/// that a cover, README or instructions sheet may come first; the places of its rows name the
/// sheet. A workbook of one sheet is read as it is, for that sheet's own error.
pub fn from_found(book: &Book, found: Result<Table, Table>) -> Result<Rows, Error> {
    let names = book.names();
    match found {
        Ok(table) => return from_table(&table),
        Err(only) if names.len() <= 1 => return from_table(&only),
        Err(_) => {}
    }
    Err(Error::unreadable(Diagnostic::error(
        Location::file(book.name()),
        format!(
            "no sheet has a catalog header row in its first {HEADER_SEARCH_ROWS} rows (sheets: {}): {HEADER_NEEDS}",
            crate::diag::excerpt(&names.join(", "), 300)
        ),
    )))
}

/// Rows of a table; a title block above the header gives the catalog's title.
pub fn from_table(table: &Table) -> Result<Rows, Error> {
    let Some(h) = header_row(table) else {
        let loc = Location { sheet: table.sheet.clone(), ..Location::file(&table.file) };
        return Err(Error::unreadable(Diagnostic::error(
            loc,
            format!("no catalog header row in the first {HEADER_SEARCH_ROWS} rows: {HEADER_NEEDS}"),
        )));
    };
    let cols = columns(&table.rows[h]);
    table.check_errors(h, |c| cols.get(c).is_some_and(Option::is_some))?;
    let title = table.rows[..h].iter().flatten().map(|c| c.trim()).find(|c| !c.is_empty()).map(str::to_string);
    let mut rows = Vec::new();
    for (r, row) in table.rows.iter().enumerate().skip(h + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut origin = table.place(r, Some(0));
        origin.col = None;
        let cells = cols
            .iter()
            .enumerate()
            .filter_map(|(c, col)| {
                let text = row.get(c).cloned().unwrap_or_default();
                col.map(|column| Cell { column, text, at: table.place(r, Some(c)) })
            })
            .collect();
        rows.push(Row { origin, cells });
    }
    Ok(Rows { title, rows, ..Rows::default() })
}

/// Rows of a YAML document: a list of controls, or a map with `controls:` and optional `id`,
/// `title`, `version`, `publisher`, `licence`.
pub fn from_yaml(name: &str, doc: &Value) -> Result<Rows, Error> {
    let shape = || {
        Error::unreadable(Diagnostic::error(
            Location::file(name),
            "expected a list of controls, or a map with a `controls:` list",
        ))
    };
    let (list, prefix, meta) = match doc {
        Value::Array(items) => (items, String::new(), None),
        Value::Object(map) => match map.get("controls") {
            Some(Value::Array(items)) => (items, "controls".to_string(), Some(map)),
            _ => return Err(shape()),
        },
        _ => return Err(shape()),
    };
    let text = |k: &str| meta.and_then(|m| m.get(k)).map(scalar).filter(|s| !s.is_empty());
    let mut rows = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let origin = Location::at_path(name, format!("{prefix}[{i}]"));
        let Value::Object(map) = item else {
            return Err(Error::unreadable(Diagnostic::error(origin, "each control must be a map (id: …, title: …)")));
        };
        let cells = map
            .iter()
            .filter_map(|(k, v)| column_of(k).map(|column| Cell { column, text: scalar(v), at: origin.with_field(k) }))
            .collect();
        rows.push(Row { origin, cells });
    }
    Ok(Rows {
        id: text("id"),
        title: text("title"),
        version: text("version"),
        publisher: text("publisher"),
        licence: text("licence").or_else(|| text("license")),
        rows,
    })
}

/// A YAML value as cell text; lists are joined with ", ".
fn scalar(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerant_headers_below_a_title_block() {
        let rows: Vec<Vec<String>> = [
            vec!["ACME internal controls"],
            vec![],
            vec!["Control ID", "Control Name", "Domain", "Maps To", "Owner"],
            vec!["ACME-1", "Backups", "Ops", "CP-9", "me"],
        ]
        .into_iter()
        .map(|r| r.into_iter().map(str::to_string).collect())
        .collect();
        let t = Table { file: "c.csv".into(), sheet: None, origin: (0, 0), rows, errors: Vec::new() };
        let r = from_table(&t).unwrap();
        assert_eq!(r.title.as_deref(), Some("ACME internal controls"));
        assert_eq!(r.rows[0].get(Column::MapsTo), Some("CP-9"));
        assert_eq!(r.rows[0].at(Column::MapsTo).to_string(), "c.csv!D4");
        assert_eq!(r.rows[0].get(Column::Family), Some("Ops"));
    }
}
