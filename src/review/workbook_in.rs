//! Reads the reviewers' work back from a workbook respmatrix wrote, as saved by Excel or
//! LibreOffice (XLSX or ODS): the Customer Responsibilities sheets' reviewer columns, found by
//! their headers, the hidden Review Index sheet that ties each row to its pairs, and the reviews
//! the Orphaned reviews sheet still holds from the report before.

use super::prior::{Entry, LooseRow, Pair, Prior};
use super::soa_reviews::SoaReview;
use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::ingest::{limits, table::Table, xlsx_table};
use std::collections::HashMap;
use std::path::Path;

/// The sheets' names in the workbook respmatrix writes.
pub const ROWS_SHEET: &str = "Customer Responsibilities";
pub const INDEX_SHEET: &str = "Review Index";
pub const ORPHANS_SHEET: &str = "Orphaned reviews";
/// How the Statements of Applicability's sheet names start ("SoA iso-27017-2015").
pub const SOA_SHEETS: &str = "SoA ";
/// The Orphaned reviews column that holds each row's services and why they are gone.
pub const ORPHAN_SERVICES: &str = "Services and why the row is gone";

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
    let Reviewed { rows, aside, soa } = all_rows(shown, &book)?;
    let mut prior = Prior { source: shown.to_string(), soa, ..Prior::default() };
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
    loose.extend(aside);
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
    let reviewed = all_rows(shown, &book)?;
    let aside: usize = reviewed.aside.iter().map(|l| l.entry.filled()).sum();
    let soa: usize = reviewed.soa.iter().map(|r| r.filled()).sum();
    Ok(reviewed.rows.values().map(|(e, _)| e.filled()).sum::<usize>() + aside + soa)
}

/// The reviewer rows of a workbook.
struct Reviewed {
    /// The Customer Responsibilities rows by id (or place, for a row without one).
    rows: HashMap<String, (Entry, LooseRow)>,
    /// Reviewed rows that are not tied to pairs whatever the index says: those the Orphaned
    /// reviews sheet lists, and a second, differently filled copy of a row (a sheet copied in
    /// Excel keeps the row ids).
    aside: Vec<LooseRow>,
    /// The Statements of Applicability's reviewer cells.
    soa: Vec<SoaReview>,
}

/// The rows of every Customer Responsibilities sheet, and the Orphaned reviews; an error when
/// the workbook has no Customer Responsibilities sheet.
fn all_rows(shown: &str, book: &xlsx_table::Book) -> Result<Reviewed> {
    let mut reviewed = Reviewed { rows: HashMap::new(), aside: Vec::new(), soa: Vec::new() };
    let mut found = false;
    for sheet in book.names().iter().filter(|n| n.starts_with(ROWS_SHEET)) {
        found = true;
        let table = book.read(Some(sheet))?;
        read_rows(&table, &mut reviewed)?;
    }
    if let Some(sheet) = book.names().iter().find(|n| n.as_str() == ORPHANS_SHEET) {
        read_orphans(&book.read(Some(sheet))?, &mut reviewed.aside);
    }
    for sheet in book.names().iter().filter(|n| n.starts_with(SOA_SHEETS)) {
        super::soa_reviews::read_sheet(&book.read(Some(sheet))?, &mut reviewed.soa);
    }
    if !found {
        return Err(Error::unreadable(Diagnostic::error(
            Location::file(shown),
            format!("no \"{ROWS_SHEET}\" sheet: give the workbook respmatrix wrote (responsibility-matrix.xlsx) or its report folder"),
        )));
    }
    Ok(reviewed)
}

fn header(table: &Table, wanted: &str) -> Option<usize> {
    table.rows.iter().take(10).position(|r| r.iter().any(|c| c.trim().eq_ignore_ascii_case(wanted)))
}

fn column(row: &[String], name: &str) -> Option<usize> {
    row.iter().position(|c| c.trim().eq_ignore_ascii_case(name))
}

fn read_rows(table: &Table, reviewed: &mut Reviewed) -> Result<()> {
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
            why: String::new(),
        };
        keep(reviewed, key, entry, loose);
    }
    Ok(())
}

/// Files a row under its id. A second row with the same id (a copy of the sheet) replaces a
/// blank first one, and is set aside, to be listed as orphaned, when both hold different input.
fn keep(reviewed: &mut Reviewed, key: String, entry: Entry, mut loose: LooseRow) {
    match reviewed.rows.get_mut(&key) {
        None => {
            reviewed.rows.insert(key, (entry, loose));
        }
        Some(first) if first.0.is_empty() => *first = (entry, loose),
        Some(first) if entry.is_empty() || first.0 == entry => {}
        Some(first) => {
            loose.why = format!("a second row with the id of {} and other reviewer input", first.1.origin);
            loose.entry = entry;
            reviewed.aside.push(loose);
        }
    }
}

/// The reviews the Orphaned reviews sheet of the previous report lists: orphaned still, unless
/// listed again, so they are never lost by the next carry.
fn read_orphans(table: &Table, aside: &mut Vec<LooseRow>) {
    let Some(h) = header(table, ORPHAN_SERVICES) else { return };
    let head = &table.rows[h];
    let col = |n: &str| column(head, n);
    let (id, fw, control, services) =
        (col("Previous row id"), col("Framework"), col("Control ID"), col(ORPHAN_SERVICES));
    let (owner, evidence, status, notes) = (col("Owner"), col("Evidence"), col("Review status"), col("Reviewer notes"));
    let get = |row: &Vec<String>, c: Option<usize>| {
        c.and_then(|i| row.get(i)).map(|v| v.trim().to_string()).unwrap_or_default()
    };
    for (i, row) in table.rows.iter().enumerate().skip(h + 1) {
        let entry = Entry {
            owner: get(row, owner),
            evidence: get(row, evidence),
            review_status: get(row, status),
            notes: get(row, notes),
        };
        if entry.is_empty() {
            continue;
        }
        aside.push(LooseRow {
            row: get(row, id),
            framework: get(row, fw),
            control: get(row, control),
            services: get(row, services).replace('\n', "; "),
            origin: table.place(i, id).to_string(),
            entry,
            why: "already orphaned in the previous report".to_string(),
        });
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn row(origin: &str, status: &str) -> (Entry, LooseRow) {
        let entry = Entry { review_status: status.to_string(), ..Entry::default() };
        (entry, LooseRow { row: "CR-1".into(), origin: origin.into(), ..LooseRow::default() })
    }

    #[test]
    fn a_copied_sheet_loses_no_input_whichever_copy_holds_it() {
        // Excel's "Create a copy" keeps the row ids: the input typed into either copy survives.
        let mut r = Reviewed { rows: HashMap::new(), aside: Vec::new(), soa: Vec::new() };
        let (e, l) = row("copy!A2", "Accepted");
        keep(&mut r, "CR-1".into(), e, l);
        let (e, l) = row("original!A2", "");
        keep(&mut r, "CR-1".into(), e, l);
        assert_eq!(r.rows["CR-1"].0.review_status, "Accepted", "a blank second copy does not replace input");
        let mut r = Reviewed { rows: HashMap::new(), aside: Vec::new(), soa: Vec::new() };
        for (origin, status) in [("copy!A2", ""), ("original!A2", "Accepted")] {
            let (e, l) = row(origin, status);
            keep(&mut r, "CR-1".into(), e, l);
        }
        assert_eq!(r.rows["CR-1"].0.review_status, "Accepted", "input in the second copy replaces a blank first");
        let (e, l) = row("third!A2", "Rejected");
        keep(&mut r, "CR-1".into(), e, l);
        assert_eq!(r.rows["CR-1"].0.review_status, "Accepted");
        assert_eq!(r.aside.len(), 1, "different input in a second copy is set aside to be listed as orphaned");
        assert_eq!(r.aside[0].entry.review_status, "Rejected");
        assert!(r.aside[0].why.contains("original!A2"), "{}", r.aside[0].why);
    }
}
