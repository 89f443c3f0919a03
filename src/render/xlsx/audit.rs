//! The assessor's sheets: the Request List (one row per customer or shared responsibility and
//! per inherited dependency on a provider, with what to provide, owner, due date, status and the
//! evidence linked) and one Statement of Applicability per ISO catalog. They are the package's
//! CSVs (`package::requests`, `package::soa`) laid out as sheets: `report` writes them without
//! evidence (the request list row by row from the requests), `package` with the evidence and
//! provider attestations it collected, from the CSV files it puts in the bag.

use super::cells::{headers, widths, Formats, Row, Sink, SIZED_ROWS};
use crate::package::evidence::Links;
use crate::package::{requests, soa};
use crate::report::Report;
use crate::view::Matrix;
use rust_xlsxwriter::{Worksheet, XlsxError};

pub const REQUESTS_SHEET: &str = "Request List";

/// The sheets' contents, in sheet order: the request list, then each ISO catalog's SoA.
#[derive(Debug, Clone, Default)]
pub struct AuditTables {
    pub tables: Vec<(String, Table)>,
}

/// One sheet's rows.
#[derive(Debug, Clone)]
pub enum Table {
    /// As the package's CSV file has them (header first).
    Csv(Vec<u8>),
    /// A request list without evidence, each row made as the sheet is written: at 5,000
    /// services its CSV would hold 220 MB of service lists at once.
    Requests(Vec<requests::Request>),
}

/// The sheet name of an ISO catalog's Statement of Applicability (within Excel's 31 characters).
pub fn soa_sheet(framework: &str) -> String {
    format!("SoA {framework}").chars().take(31).collect()
}

/// The sheets `from_matrix` fills, in order, known before the tables are built.
pub fn sheet_names(m: &Matrix) -> Vec<String> {
    let soas = soa::iso_frameworks(m).into_iter().map(|fi| soa_sheet(&m.frameworks[fi].id));
    std::iter::once(REQUESTS_SHEET.to_string()).chain(soas).collect()
}

/// The tables of a report that has no evidence: requests and SoAs from the matrix alone.
pub fn from_matrix(report: &Report) -> AuditTables {
    let m = &report.matrix;
    let links = Links::new(m, &[]);
    let due = report.meta.report_date.map(|d| d.to_string()).unwrap_or_default();
    let list = requests::build(m, &links, &[], &due);
    let soas: Vec<_> = soa::iso_frameworks(m)
        .into_iter()
        .map(|fi| {
            let reviewed = report.options.review.as_deref().map(|c| &c.soa);
            (soa_sheet(&m.frameworks[fi].id), Table::Csv(soa::csv(m, fi, &list, &[], &links, reviewed)))
        })
        .collect();
    let mut tables = vec![(REQUESTS_SHEET.to_string(), Table::Requests(list))];
    tables.extend(soas);
    AuditTables { tables }
}

/// Names and lays out a table's sheet and writes its header row, frozen and filtered; `rows`
/// writes the rest.
pub fn frame(ws: &mut Worksheet, name: &str, table: &Table, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(name)?;
    let Some((head, body)) = shape(table) else { return Ok(()) };
    let w: Vec<f64> = head.iter().map(|h| width(h)).collect();
    widths(ws, &w)?;
    let names: Vec<String> = head.iter().map(|h| title(h)).collect();
    headers(ws, 0, &names.iter().map(String::as_str).collect::<Vec<_>>(), &w, f)?;
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, body as u32, head.len().saturating_sub(1) as u16)?;
    Ok(())
}

/// A table's rows, made or read one at a time (the sheet keeps only the row being written).
pub fn rows(ws: &mut impl Sink, table: &Table, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    let Some((head, body)) = shape(table) else { return Ok(()) };
    match table {
        Table::Requests(list) => write_rows(ws, &head, body, list.iter().map(|r| requests::row(m, r, &[])), f),
        Table::Csv(bytes) => {
            // The CSV neutralized formula-looking text with a leading `'`; a cell is text anyway.
            let unquote = |t: &str| {
                t.strip_prefix('\'').filter(|t| crate::render::safe::looks_like_formula(t)).unwrap_or(t).to_string()
            };
            let records = csv_records(bytes).skip(1);
            write_rows(ws, &head, body, records.map(|r| r.iter().map(unquote).collect::<Vec<_>>()), f)
        }
    }
}

/// A table's header and its number of rows (none for an empty CSV).
fn shape(table: &Table) -> Option<(Vec<String>, usize)> {
    match table {
        Table::Requests(list) => Some((requests::HEADERS.map(str::to_string).to_vec(), list.len())),
        Table::Csv(bytes) => {
            let head = csv_records(bytes).next()?;
            Some((head.iter().map(str::to_string).collect(), csv_records(bytes).count() - 1))
        }
    }
}

fn csv_records(bytes: &[u8]) -> impl Iterator<Item = csv::StringRecord> + '_ {
    let reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    reader.into_records().map_while(Result::ok)
}

fn write_rows<R: AsRef<[String]>>(
    ws: &mut impl Sink,
    head: &[String],
    body: usize,
    rows: impl Iterator<Item = R>,
    f: &Formats,
) -> Result<(), XlsxError> {
    let w: Vec<f64> = head.iter().map(|h| width(h)).collect();
    let size = body <= SIZED_ROWS;
    let input: Vec<bool> = head.iter().map(|h| is_input(h)).collect();
    for (i, row) in rows.enumerate() {
        let mut r = Row::new(ws, 1 + i as u32, &w).sized(size);
        for (c, text) in row.as_ref().iter().enumerate() {
            let format = if input.get(c).copied().unwrap_or(false) { &f.input } else { &f.wrap };
            r.wrap(c as u16, text, format)?;
        }
        r.finish()?;
    }
    Ok(())
}

/// `control_id` → `Control id`.
fn title(header: &str) -> String {
    let t = header.replace('_', " ");
    let mut c = t.chars();
    c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
}

fn is_input(header: &str) -> bool {
    matches!(header, "implementation_status" | "reviewer" | "reviewer_notes")
}

fn width(header: &str) -> f64 {
    match header {
        "provide" | "justification" | "what_to_provide" => 60.0,
        "control_title" | "service_names" | "responsible_party" | "reviewer_notes" => 34.0,
        h if h.ends_with("services") || h.ends_with("_ids") || h.ends_with("files") => 26.0,
        _ => 16.0,
    }
}
