//! The review sheets: the hidden Review Index (each Customer Responsibilities row's pairs and
//! the responsibility they were given, so the next report can carry reviews pair by pair),
//! Orphaned reviews and Changes since last report (only when a previous report was carried).

use super::cells::{headers, put, widths, Formats, Row, Sink};
use super::customer::Rows;
use crate::review::carry::{pair_now, statement_digest, Carried};
pub use crate::review::workbook_in::ORPHANS_SHEET;
use crate::review::workbook_in::{INDEX_HEADERS, INDEX_SHEET, ORPHAN_SERVICES, PAIR_SEP};
use crate::view::Matrix;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub const CHANGES_SHEET: &str = "Changes since last report";

/// Index rows a Review Index sheet holds; past that the index continues on "Review Index 2", ….
pub const INDEX_ROWS_PER_SHEET: usize = 1_048_575;
/// Characters of pair lines per Pairs cell (under Excel's 32,767); a row with more continues on
/// the next index row under the same id.
const PAIRS_PER_CELL: usize = 30_000;

/// One index row: the Customer Responsibilities row's id and part, and some of its pairs.
struct IndexRow {
    fields: [String; 7],
    pairs: String,
}

/// The index rows of all Customer Responsibilities rows, in order. The row's fields come from
/// its first pair (every pair of a row has the same part and statement); each pair adds only
/// its service, how it was decided and the provider's layers.
fn index_rows<'a>(rows: &'a Rows, m: &'a Matrix) -> impl Iterator<Item = IndexRow> + 'a {
    rows.groups.iter().zip(&rows.ids).flat_map(move |((c, group), ids)| {
        group.iter().zip(ids).flat_map(move |(g, row)| {
            let p0 = pair_now(m, c, g.services[0], row, &statement_digest(m, c, g.services[0]));
            let fields = [
                row.to_string(),
                p0.framework,
                p0.control,
                p0.status,
                p0.customer_layers.join(", "),
                p0.shared_layers.join(", "),
                p0.statement,
            ];
            let mut chunks: Vec<String> = vec![String::new()];
            let mut line = String::new();
            for &si in &g.services {
                let cell = &c.cells[si];
                line.clear();
                line.push_str(&m.services[si].id);
                line.push_str(PAIR_SEP);
                m.push_decided(&mut line, cell.decided, si);
                line.push_str(PAIR_SEP);
                cell.provider.push_ids(&mut line, ", ");
                let cur = chunks.last_mut().expect("one chunk at least");
                if !cur.is_empty() && cur.len() + line.len() + 1 > PAIRS_PER_CELL {
                    chunks.push(line.clone());
                } else {
                    if !cur.is_empty() {
                        cur.push('\n');
                    }
                    cur.push_str(&line);
                }
            }
            chunks.into_iter().map(move |pairs| IndexRow { fields: fields.clone(), pairs })
        })
    })
}

/// How many Review Index sheets the rows need (at least one).
pub fn index_sheets(rows: &Rows) -> usize {
    sheets_for(rows, INDEX_ROWS_PER_SHEET)
}

/// Rows continue past PAIRS_PER_CELL characters of pairs; counted without making the text, at
/// a generous 200 characters a pair line (the last sheet takes any rest).
fn sheets_for(rows: &Rows, per_sheet: usize) -> usize {
    let n: usize = rows
        .groups
        .iter()
        .flat_map(|(_, g)| g.iter().map(|r| (r.services.len() * 200).div_ceil(PAIRS_PER_CELL).max(1)))
        .sum();
    n.div_ceil(per_sheet).max(1)
}

/// Names, lays out and hides the index's sheets (as many as `index_sheets` says);
/// `index` writes their rows.
pub fn index_frames(sheets: &mut [Worksheet], f: &Formats) -> Result<(), XlsxError> {
    for (k, ws) in sheets.iter_mut().enumerate() {
        let name = if k == 0 { INDEX_SHEET.to_string() } else { format!("{INDEX_SHEET} {}", k + 1) };
        ws.set_name(&name)?;
        widths(ws, &[17.0, 15.0, 12.0, 11.0, 24.0, 24.0, 16.0, 60.0])?;
        headers(ws, 0, &INDEX_HEADERS, &[], f)?;
        ws.set_hidden(true);
    }
    Ok(())
}

/// The index rows, one `Sink` per sheet of `index_frames`.
pub fn index(sheets: &mut [impl Sink], rows: &Rows, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    index_chunked(sheets, rows, m, f, INDEX_ROWS_PER_SHEET)
}

fn index_chunked(
    sheets: &mut [impl Sink],
    rows: &Rows,
    m: &Matrix,
    f: &Formats,
    per_sheet: usize,
) -> Result<(), XlsxError> {
    let mut items = index_rows(rows, m);
    let last = sheets.len().saturating_sub(1);
    for (k, ws) in sheets.iter_mut().enumerate() {
        // The last sheet takes whatever is left, so an estimate that was short loses nothing.
        let take = if k == last { usize::MAX } else { per_sheet };
        for (i, r) in items.by_ref().take(take).enumerate() {
            if i >= INDEX_ROWS_PER_SHEET {
                return Err(XlsxError::RowColumnLimitError);
            }
            for (col, v) in r.fields.iter().enumerate() {
                put(ws, 1 + i as u32, col as u16, v, &f.text)?;
            }
            put(ws, 1 + i as u32, 7, &r.pairs, &f.text)?;
        }
    }
    Ok(())
}

const ORPHAN_HEADERS: [&str; 8] = [
    "Previous row id",
    "Framework",
    "Control ID",
    ORPHAN_SERVICES,
    "Owner",
    "Evidence",
    "Review status",
    "Reviewer notes",
];
const ORPHAN_WIDTHS: [f64; 8] = [17.0, 15.0, 12.0, 50.0, 18.0, 30.0, 18.0, 40.0];

/// Reviewed rows whose responsibility no longer exists, with their values as they were.
pub fn orphans(ws: &mut Worksheet, carried: &Carried, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(ORPHANS_SHEET)?;
    widths(ws, &ORPHAN_WIDTHS)?;
    put(
        ws,
        0,
        0,
        &format!(
            "Reviews in {} whose responsibility is gone: nothing is dropped, each is listed here with its values.",
            carried.source
        ),
        &f.caption,
    )?;
    headers(ws, 1, &ORPHAN_HEADERS, &ORPHAN_WIDTHS, f)?;
    ws.set_freeze_panes(2, 0)?;
    for (i, o) in carried.orphans.iter().enumerate() {
        let e = &o.entry;
        Row::new(ws, 2 + i as u32, &ORPHAN_WIDTHS)
            .put(0, &o.row, &f.text)?
            .put(1, &o.framework, &f.text)?
            .put(2, &o.control, &f.text)?
            .list(3, &o.services, &f.wrap)?
            .wrap(4, &e.owner, &f.wrap)?
            .wrap(5, &e.evidence, &f.wrap)?
            .put(6, &e.review_status, &f.text)?
            .wrap(7, &e.notes, &f.wrap)?
            .finish()?;
    }
    if carried.orphans.is_empty() {
        put(ws, 2, 0, "None: every reviewed row was carried into Customer Responsibilities.", &f.text)?;
    }
    Ok(())
}

const CHANGE_HEADERS: [&str; 8] =
    ["Change", "Group", "Framework", "Control ID", "Service", "Before", "After", "What changed"];
const CHANGE_WIDTHS: [f64; 8] = [22.0, 16.0, 15.0, 12.0, 18.0, 24.0, 24.0, 80.0];

/// The diff between the previous matrix and this one, most important first.
pub fn changes(ws: &mut Worksheet, carried: &Carried, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(CHANGES_SHEET)?;
    widths(ws, &CHANGE_WIDTHS)?;
    let Some(d) = &carried.diff else {
        let why = format!(
            "The previous matrix.json was not found beside {}: only the reviewed responsibilities were compared (see the Changed since last review column).",
            carried.source
        );
        return put(ws, 0, 0, &why, &f.caption);
    };
    put(
        ws,
        0,
        0,
        &format!(
            "Changes from {} to this report ({} of {} cells present in both unchanged).",
            d.old, d.unchanged_cells, d.compared_cells
        ),
        &f.caption,
    )?;
    headers(ws, 1, &CHANGE_HEADERS, &CHANGE_WIDTHS, f)?;
    ws.set_freeze_panes(2, 0)?;
    ws.autofilter(1, 0, 1 + d.changes.len() as u32, CHANGE_HEADERS.len() as u16 - 1)?;
    for (i, c) in d.changes.iter().enumerate() {
        Row::new(ws, 2 + i as u32, &CHANGE_WIDTHS)
            .put(0, c.code.id(), &f.text)?
            .put(1, c.code.group().title(), &f.text)?
            .put(2, &c.framework, &f.text)?
            .put(3, &c.control, &f.text)?
            .put(4, &c.service, &f.text)?
            .wrap(5, &c.old.text(), &f.wrap)?
            .wrap(6, &c.new.text(), &f.wrap)?
            .wrap(7, &c.sentence, &f.wrap)?
            .finish()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::xlsx::tests::{matrix, report};

    #[test]
    fn the_review_index_continues_on_numbered_sheets() {
        let r = report(matrix(3, 2));
        let rows = Rows::new(&r.matrix, None);
        let n: usize = rows.groups.iter().map(|(_, g)| g.len()).sum();
        assert!(n > 1, "{n} rows");
        assert_eq!(sheets_for(&rows, 1), n);
        let f = Formats::new();
        let mut sheets: Vec<Worksheet> = (0..sheets_for(&rows, 1)).map(|_| Worksheet::new()).collect();
        index_frames(&mut sheets, &f).unwrap();
        let mut grids: Vec<_> = (0..n).map(|_| crate::render::xlsx::grid::Grid::new(f.indexed())).collect();
        index_chunked(&mut grids, &rows, &r.matrix, &f, 1).unwrap();
        for grid in grids {
            assert_eq!(grid.finish().unwrap().last.map(|(row, _)| row), Some(1), "one row after the header");
        }
        let names: Vec<String> = sheets.iter().map(|w| w.name()).collect();
        assert_eq!(names[0], "Review Index");
        assert_eq!(names.last().unwrap(), &format!("Review Index {}", names.len()));
    }
}
