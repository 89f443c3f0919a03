//! The CSF core as NIST's tools export it: the CSF 2.0 Reference Tool's `CSF 2.0` sheet and the
//! CSF 1.1 core spreadsheet, with the columns Function, Category and Subcategory, where a
//! function reads `GOVERN (GV): …`, a category `Organizational Context (GV.OC): …` and a
//! subcategory `GV.OC-01: …` (`[Withdrawn: Incorporated into …]` when withdrawn). Functions and
//! categories become families, subcategories controls. A mapping column beside the core (NIST's
//! CSF 1.1 to SP 800-53 workbook) tags its subcategories through the caller's `maps_to`; the
//! rest are tagged later (`tagging`).

use super::table::Table;
use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::model::{control_id, Catalog, Control, Family, LayerSet};
use crate::names;
use std::collections::HashMap;

/// How many rows a title block may take before the header row.
const HEADER_SEARCH_ROWS: usize = 30;
/// The longest id a function, category or subcategory cell may give.
const ID_MAX: usize = 40;

/// The columns of the core, by position in the table's rows.
struct Columns {
    header: usize,
    function: usize,
    category: usize,
    subcategory: usize,
    /// A column of controls each subcategory maps to (NIST's "NIST SP 800-53, Revision 5
    /// Control" beside the CSF 1.1 core, or any `maps_to` spelling).
    mapping: Option<usize>,
}

/// Whether a header names a mapping column.
fn maps_to_header(h: &str) -> bool {
    super::catalog_rows::column_of(h) == Some(super::catalog_rows::Column::MapsTo) || names::key(h).contains("80053")
}

/// The header row and its columns: a row naming Function, Category and Subcategory and no id
/// column (a sheet with an id column is a custom catalog of rows).
fn columns(table: &Table) -> Option<Columns> {
    table.rows.iter().take(HEADER_SEARCH_ROWS).enumerate().find_map(|(header, row)| {
        let at = |want: &str| row.iter().position(|h| names::key(h) == want);
        if row.iter().any(|h| super::catalog_rows::column_of(h) == Some(super::catalog_rows::Column::Id)) {
            return None;
        }
        let mapping = row.iter().position(|h| maps_to_header(h));
        Some(Columns {
            header,
            function: at("function")?,
            category: at("category")?,
            subcategory: at("subcategory")?,
            mapping,
        })
    })
}

/// Whether the table is laid out as the CSF core.
pub fn is_core(table: &Table) -> bool {
    columns(table).is_some()
}

/// `GOVERN (GV): text` or `Asset Management (ID.AM): text` → (id, title, text).
fn group(cell: &str) -> Option<(String, String, Option<String>)> {
    let (head, text) = match cell.split_once("):") {
        Some((head, text)) => (format!("{head})"), Some(text)),
        None => (cell.trim().to_string(), None),
    };
    let head = head.trim();
    let open = head.rfind('(')?;
    let id = head[open + 1..].strip_suffix(')')?.trim();
    let title = head[..open].trim();
    if !plain_id(id) || title.is_empty() {
        return None;
    }
    let text = text.map(one_line).filter(|t| !t.is_empty());
    Some((id.to_string(), title_case(title), text))
}

/// `GV.OC-01: text` → (id, text).
fn subcategory(cell: &str) -> Option<(String, String)> {
    let (id, text) = cell.split_once(':')?;
    let (id, text) = (id.trim(), one_line(text));
    (plain_id(id) && !text.is_empty()).then(|| (id.to_string(), text))
}

fn plain_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= ID_MAX
        && id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `GOVERN` → `Govern`; mixed-case titles are kept.
fn title_case(title: &str) -> String {
    if title.chars().any(|c| c.is_lowercase()) {
        return title.to_string();
    }
    let mut chars = title.chars();
    chars.next().map(|f| f.to_string() + &chars.as_str().to_lowercase()).unwrap_or_default()
}

/// `[Withdrawn: Incorporated into ID.IM-02]` → `withdrawn: incorporated into ID.IM-02`.
fn withdrawal(text: &str) -> Option<String> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    let (word, rest) = inner.split_once(':').unwrap_or((inner, ""));
    if !word.trim().eq_ignore_ascii_case("withdrawn") {
        return None;
    }
    let rest = rest.trim();
    let mut chars = rest.chars();
    Some(match chars.next() {
        Some(f) => format!("withdrawn: {}{}", f.to_lowercase(), chars.as_str()),
        None => "withdrawn".to_string(),
    })
}

/// What the rows have given so far, and the function and category the next rows belong to.
#[derive(Default)]
struct Walk {
    diags: Diagnostics,
    families: Vec<Family>,
    /// Where each family id is in `families`.
    family_at: HashMap<String, usize>,
    controls: Vec<Control>,
    seen: HashMap<String, Location>,
    function: Option<String>,
    category: Option<String>,
    left_out: usize,
}

impl Walk {
    /// One row: a function, a category and a subcategory cell, each optional.
    fn row(&mut self, table: &Table, cols: &Columns, r: usize, include_withdrawn: bool, maps_to: &mut MapsTo) {
        let row = &table.rows[r];
        let cell = |c: usize| row.get(c).map(|s| s.trim()).filter(|s| !s.is_empty());
        let bad = |diags: &mut Diagnostics, c: usize, what: &str| {
            diags.error(table.place(r, Some(c)), format!("not a CSF entry: {what}"))
        };
        if let Some(text) = cell(cols.function) {
            match group(text) {
                Some((id, title, description)) => {
                    add_family(
                        &mut self.families,
                        &mut self.family_at,
                        Family { id: id.clone(), title, parent: None, description },
                    );
                    (self.function, self.category) = (Some(id), None);
                }
                None => bad(&mut self.diags, cols.function, "a function reads \"GOVERN (GV): …\""),
            }
        }
        if let Some(text) = cell(cols.category) {
            match group(text) {
                Some((id, title, description)) => {
                    let parent = self.function.clone();
                    add_family(
                        &mut self.families,
                        &mut self.family_at,
                        Family { id: id.clone(), title, parent, description },
                    );
                    self.category = Some(id);
                }
                None => bad(&mut self.diags, cols.category, "a category reads \"Organizational Context (GV.OC): …\""),
            }
        }
        let Some(text) = cell(cols.subcategory) else { return };
        let Some((id, text)) = subcategory(text) else {
            return bad(&mut self.diags, cols.subcategory, "a subcategory reads \"GV.OC-01: …\"");
        };
        let at = table.place(r, Some(cols.subcategory));
        if let Some(first) = self.seen.get(&control_id::key(&id)) {
            let msg = format!("duplicate subcategory \"{id}\" (first at {})", first.in_file());
            return self.diags.error(at, msg);
        }
        self.seen.insert(control_id::key(&id), at);
        let withdrawn = withdrawal(&text);
        if withdrawn.is_some() && !include_withdrawn {
            self.left_out += 1;
            return;
        }
        let family = self.category.clone().or_else(|| self.function.clone()).unwrap_or_default();
        let mut control = Control { id, family, title: text, withdrawn, ..Control::default() };
        if let Some(c) = cols.mapping.filter(|_| control.withdrawn.is_none()) {
            if let Some(text) = cell(c) {
                match maps_to(text) {
                    Ok((layers, why)) => (control.layers, control.why) = (layers, why),
                    // NIST's mapping cells hold prose too ("-1 controls from all security
                    // control families"): such a cell is said, and the subcategory is tagged as
                    // one without a mapping, never more than the default.
                    Err(msg) => self.diags.warning(
                        table.place(r, Some(c)),
                        format!("{msg}; {} is tagged as if it had no mapping", control.id),
                    ),
                }
            }
        }
        self.controls.push(control);
    }
}

/// What a mapping cell (`CM-8, PM-5`) gives a subcategory: its layers and why, or the error.
pub type MapsTo<'m> = dyn FnMut(&str) -> std::result::Result<(LayerSet, String), String> + 'm;

/// The catalog the table holds, with a summary of what was left out in `source`. Subcategories
/// with a mapping cell are tagged through `maps_to`; the others are left untagged.
pub fn catalog(
    name: &str,
    stem: &str,
    table: &Table,
    include_withdrawn: bool,
    maps_to: &mut MapsTo,
) -> Result<(Catalog, Diagnostics)> {
    let whole = || Location { sheet: table.sheet.clone(), ..Location::file(name) };
    let Some(cols) = columns(table) else {
        return Err(Error::unreadable(Diagnostic::error(whole(), "no Function, Category and Subcategory header row")));
    };
    let mut walk = Walk::default();
    for r in cols.header + 1..table.rows.len() {
        walk.row(table, &cols, r, include_withdrawn, maps_to);
    }
    if walk.diags.has_errors() {
        return Err(Error::Invalid(walk.diags.items));
    }
    if walk.controls.is_empty() {
        return Err(Error::unreadable(Diagnostic::error(whole(), "the CSF sheet has no subcategories")));
    }
    let title = title_of(table, cols.header).unwrap_or_else(|| stem.to_string());
    let nist = title.contains("NIST");
    let sheet = table.sheet.as_deref().map(|s| format!(", sheet \"{s}\"")).unwrap_or_default();
    let listed = walk.controls.iter().filter(|c| c.withdrawn.is_some()).count();
    let catalog = Catalog {
        id: names::slug(stem),
        version: version_of(&title).or_else(|| table.sheet.as_deref().and_then(version_of)).unwrap_or_default(),
        title,
        publisher: if nist { "National Institute of Standards and Technology".to_string() } else { String::new() },
        source: format!(
            "CSF core export {name}{sheet}{}",
            crate::ingest::oscal::withdrawn_summary(walk.left_out, listed)
        ),
        licence: if nist { "Public domain (US Government work)".to_string() } else { "as supplied".to_string() },
        origin: name.to_string(),
        families: walk.families,
        controls: walk.controls,
        inputs: vec![name.to_string()],
        statements: None,
    };
    Ok((catalog, walk.diags))
}

/// A family once; a later row that repeats it (a function's closing row) adds only what was missing.
fn add_family(families: &mut Vec<Family>, at: &mut HashMap<String, usize>, f: Family) {
    match at.get(&f.id) {
        Some(&i) => {
            if families[i].description.is_none() {
                families[i].description = f.description;
            }
        }
        None => {
            at.insert(f.id.clone(), families.len());
            families.push(f);
        }
    }
}

/// The title block above the header, without web addresses: "The NIST Cybersecurity Framework 2.0".
fn title_of(table: &Table, header: usize) -> Option<String> {
    let text = table.rows[..header].iter().flatten().find(|c| !c.trim().is_empty())?;
    let lines: Vec<&str> =
        text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("www.") && !l.contains("://")).collect();
    Some(one_line(&lines.join(" "))).filter(|t| !t.is_empty())
}

/// The first word that looks like a version ("2.0", "v1.1").
fn version_of(text: &str) -> Option<String> {
    text.split_whitespace()
        .map(|w| w.trim_start_matches(['v', 'V']).trim_matches(|c: char| !c.is_ascii_digit()))
        .find(|w| w.contains('.') && w.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_of_the_core() {
        let g = group("GOVERN (GV): The organization's strategy").unwrap();
        assert_eq!((g.0.as_str(), g.1.as_str(), g.2.as_deref()), ("GV", "Govern", Some("The organization's strategy")));
        let c = group("Asset Management (ID.AM): Assets are  managed").unwrap();
        assert_eq!((c.0.as_str(), c.1.as_str()), ("ID.AM", "Asset Management"));
        assert_eq!(group("DETECT (DE)").unwrap().0, "DE");
        assert!(group("Govern: no id").is_none());
        assert_eq!(
            subcategory("ID.AM-1: Physical devices\nare inventoried").unwrap().1,
            "Physical devices are inventoried"
        );
        assert!(subcategory("Not an id here: text").is_none());
        assert_eq!(
            withdrawal("[Withdrawn: Incorporated into ID.IM-02]").unwrap(),
            "withdrawn: incorporated into ID.IM-02"
        );
        assert_eq!(withdrawal("Physical devices"), None);
        assert_eq!(version_of("The NIST Cybersecurity Framework 2.0").as_deref(), Some("2.0"));
        assert_eq!(version_of("CSF v1.1 core").as_deref(), Some("1.1"));
    }
}
