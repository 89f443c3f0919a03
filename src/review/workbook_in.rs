//! Reads the reviewers' work back from a workbook respmatrix wrote, as saved by Excel or
//! LibreOffice (XLSX or ODS): the Customer Responsibilities sheets' reviewer columns, found by
//! their headers, and the hidden Review Index sheet that ties each row to its pairs.

use super::prior::{Entry, LooseRow, Pair, Prior};
use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::ingest::{limits, table::Table, xlsx_table};
use std::collections::HashMap;
use std::path::Path;

/// The sheets' names in the workbook respmatrix writes.
pub const ROWS_SHEET: &str = "Customer Responsibilities";
pub const INDEX_SHEET: &str = "Review Index";

/// The Review Index columns, in order: one row per Customer Responsibilities row (continued
/// on further rows with the same id when its pairs do not fit a cell), the row's part of the
/// responsibility, and its pairs one per line as `service id | decided by | provider layers`.
pub const INDEX_HEADERS: [&str; 8] =
    ["Row id", "Framework", "Control ID", "Status", "Customer layers", "Shared layers", "Statement digest", "Pairs"];

/// Separates the fields of a pair line in the Pairs column.
pub const PAIR_SEP: &str = " | ";

/// Reads a reviewed workbook.
pub fn read(path: &Path, shown: &str) -> Result<Prior> {
    let bytes = limits::read_input(path)?;
    let book = xlsx_table::Book::open(shown, &bytes)?;
    let rows = all_rows(shown, &book)?;
    let mut prior = Prior { source: shown.to_string(), ..Prior::default() };
    let index: Vec<&String> = book.names().iter().filter(|n| n.starts_with(INDEX_SHEET)).collect();
    let mut indexed: std::collections::HashSet<String> = std::collections::HashSet::new();
    if !index.is_empty() {
        for sheet in index {
            let table = book.read(Some(sheet))?;
            read_index(&table, &rows, &mut prior, &mut indexed)?;
        }
    } else {
        prior.notes.push(format!(
            "{shown} has no {INDEX_SHEET} sheet (written before stable ids): its reviewed rows are listed as orphaned"
        ));
    }
    let mut loose: Vec<LooseRow> = rows
        .into_values()
        .filter(|(_, l)| !indexed.contains(l.row.as_str()))
        .map(|(e, mut l)| {
            l.entry = e;
            l
        })
        .collect();
    loose.sort_by(|a, b| a.origin.cmp(&b.origin));
    prior.loose = loose;
    Ok(prior)
}

/// How many reviewer cells (Owner other than the inventory's, Evidence, Review status,
/// Reviewer notes) a workbook has filled, read from the Customer Responsibilities sheets alone:
/// the Review Index (the biggest sheet) only ties those rows to pairs. For the guard against
/// replacing a reviewed workbook.
pub fn filled_cells(path: &Path, shown: &str) -> Result<usize> {
    let bytes = limits::read_input(path)?;
    let book = xlsx_table::Book::open(shown, &bytes)?;
    Ok(all_rows(shown, &book)?.values().map(|(e, _)| e.filled()).sum())
}

/// The rows of every Customer Responsibilities sheet by id (or place, for a row without one);
/// an error when the workbook has none.
fn all_rows(shown: &str, book: &xlsx_table::Book) -> Result<HashMap<String, (Entry, LooseRow)>> {
    let mut rows: HashMap<String, (Entry, LooseRow)> = HashMap::new();
    let mut found = false;
    for sheet in book.names().iter().filter(|n| n.starts_with(ROWS_SHEET)) {
        found = true;
        let table = book.read(Some(sheet))?;
        read_rows(&table, &mut rows)?;
    }
    if !found {
        return Err(Error::unreadable(Diagnostic::error(
            Location::file(shown),
            format!("no \"{ROWS_SHEET}\" sheet: give the workbook respmatrix wrote (responsibility-matrix.xlsx) or its report folder"),
        )));
    }
    Ok(rows)
}

fn header(table: &Table, wanted: &str) -> Option<usize> {
    table.rows.iter().take(10).position(|r| r.iter().any(|c| c.trim().eq_ignore_ascii_case(wanted)))
}

fn column(row: &[String], name: &str) -> Option<usize> {
    row.iter().position(|c| c.trim().eq_ignore_ascii_case(name))
}

fn read_rows(table: &Table, rows: &mut HashMap<String, (Entry, LooseRow)>) -> Result<()> {
    let Some(h) = header(table, "Review status") else {
        return Err(Error::unreadable(Diagnostic::error(
            table.place(0, None),
            "no header row with a \"Review status\" column",
        )));
    };
    let head = &table.rows[h];
    let col = |n: &str| column(head, n);
    let (id, owner, evidence, status, notes) =
        (col("Id"), col("Owner"), col("Evidence"), col("Review status"), col("Reviewer notes"));
    let (fw, control, services) = (col("Framework"), col("Control ID"), col("Service names"));
    let inventory_owner = col("Service owners (inventory)");
    let get = |row: &Vec<String>, c: Option<usize>| {
        c.and_then(|i| row.get(i)).map(|v| v.trim().to_string()).unwrap_or_default()
    };
    for (i, row) in table.rows.iter().enumerate().skip(h + 1) {
        // An Owner still equal to the inventory's owner is the pre-filled default, not input.
        let mut own = get(row, owner);
        if !own.is_empty() && own == get(row, inventory_owner) {
            own.clear();
        }
        let entry =
            Entry { owner: own, evidence: get(row, evidence), review_status: get(row, status), notes: get(row, notes) };
        let row_id = get(row, id);
        let origin = table.place(i, id).to_string();
        let key = if row_id.is_empty() { origin.clone() } else { row_id.clone() };
        let loose = LooseRow {
            row: row_id,
            framework: get(row, fw),
            control: get(row, control),
            services: get(row, services).replace('\n', ", "),
            origin,
            entry: Entry::default(),
        };
        rows.insert(key, (entry, loose));
    }
    Ok(())
}

/// Reads one Review Index sheet into `prior`: the pairs of reviewed rows in full, those of
/// unreviewed rows as keys only; `indexed` gathers the row ids the index ties to pairs.
fn read_index(
    table: &Table,
    rows: &HashMap<String, (Entry, LooseRow)>,
    prior: &mut Prior,
    indexed: &mut std::collections::HashSet<String>,
) -> Result<()> {
    let Some(h) = header(table, INDEX_HEADERS[7]) else {
        return Err(Error::unreadable(Diagnostic::error(
            table.place(0, None),
            format!("the {INDEX_SHEET} sheet has no header row"),
        )));
    };
    let head = &table.rows[h];
    let cols: Vec<Option<usize>> = INDEX_HEADERS.iter().map(|n| column(head, n)).collect();
    if let Some(missing) = INDEX_HEADERS.iter().zip(&cols).find(|(_, c)| c.is_none()) {
        return Err(Error::unreadable(Diagnostic::error(
            table.place(h, None),
            format!("the {INDEX_SHEET} sheet lacks the \"{}\" column", missing.0),
        )));
    }
    let layers =
        |t: &str| -> Vec<String> { t.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect() };
    for row in table.rows.iter().skip(h + 1) {
        let get = |k: usize| cols[k].and_then(|i| row.get(i)).map(|v| v.trim().to_string()).unwrap_or_default();
        let row_id = get(0);
        if row_id.is_empty() || get(1).is_empty() {
            continue;
        }
        let entry = rows.get(&row_id).map(|(e, _)| e.clone()).unwrap_or_default();
        let key = super::ids::control_key(&get(2));
        let pairs = get(7);
        let lines = pairs.lines().map(str::trim).filter(|l| !l.is_empty());
        // A row the index gives no pairs stays loose (and, if reviewed, orphaned): never lost.
        if lines.clone().next().is_none() {
            continue;
        }
        if entry.is_empty() {
            let framework = get(1);
            for line in lines {
                let service = line.split(PAIR_SEP.trim()).next().unwrap_or_default().trim();
                prior.unreviewed.insert(super::prior::pair_key(&framework, &key, service));
            }
            indexed.insert(row_id);
            continue;
        }
        for line in lines {
            let mut parts = line.splitn(3, PAIR_SEP.trim()).map(str::trim);
            let service = parts.next().unwrap_or_default().to_string();
            let decided_by = parts.next().unwrap_or_default().to_string();
            let provider_layers = layers(parts.next().unwrap_or_default());
            let (customer_layers, shared_layers) = (layers(&get(4)), layers(&get(5)));
            let responsibility =
                super::ids::pair_id_of(&get(1), &key, &service, &get(3), &customer_layers, &shared_layers);
            prior.pairs.push(Pair {
                entry: entry.clone(),
                row: row_id.clone(),
                responsibility,
                framework: get(1),
                control: get(2),
                service,
                status: get(3),
                provider_layers,
                customer_layers,
                shared_layers,
                decided_by,
                statement: get(6),
            });
        }
        indexed.insert(row_id);
    }
    Ok(())
}
