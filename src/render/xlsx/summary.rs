//! The Summary sheet: who and what the report covers and how counterpart controls were read,
//! the overall status of the controls per framework (mixed included) with a chart, the cells per
//! service model (what the cloud estate inherits, what the own datacentre carries), and a legend
//! of what the statuses mean, and the review progress of the Customer Responsibilities rows.

use super::cells::{headers, num, put, widths, Formats, Row};
use super::customer::{Rows, REVIEW_STATUSES};
use crate::model::Status;
use crate::render::style;
use crate::report::Report;
use crate::view::{Counts, FrameworkView};
use rust_xlsxwriter::{Chart, ChartFormat, ChartLine, ChartSolidFill, ChartType, Worksheet, XlsxError};

const SHEET: &str = "Summary";
/// Columns of the frameworks table; the status counts start at `FIRST_STATUS`.
const TABLE: [&str; 4] = ["Framework", "Title", "Version", "Controls"];
const FIRST_STATUS: u16 = 4;
const WIDTHS: [f64; 9] = [24.0, 64.0, 10.0, 10.0, 11.0, 11.0, 11.0, 11.0, 14.0];

pub fn write(ws: &mut Worksheet, report: &Report, rows: &Rows, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name(SHEET)?;
    ws.set_active(true);
    widths(ws, &WIDTHS)?;
    put(ws, 0, 0, "Responsibility matrix", &f.title)?;
    let mut row = facts(ws, report, f)?;
    row += 1;
    let (first, last) = frameworks(ws, row, &report.matrix.frameworks, f)?;
    row = last + 3;
    row = by_model(ws, row, report, f)? + 1;
    row = progress(ws, row, report, rows, f)? + 1;
    row = legend(ws, row, f)?;
    if !report.matrix.frameworks.is_empty() {
        put(ws, row + 1, 0, "Controls per status (overall status of each control)", &f.heading)?;
        ws.insert_chart(row + 2, 0, &chart(first, last))?;
    }
    Ok(())
}

/// Organization, scope, period, date, generator and service counts; returns the next free row.
fn facts(ws: &mut Worksheet, report: &Report, f: &Formats) -> Result<u32, XlsxError> {
    let meta = &report.meta;
    let m = &report.matrix;
    let services =
        format!("{} in scope, {} out of scope (listed on the Services sheet)", m.services.len(), m.excluded.len());
    let rows = [
        ("Organization", meta.organization.clone()),
        ("Scope", meta.scope.clone()),
        ("Assessment period", meta.period.clone()),
        ("Report date", meta.date_text()),
        ("Services", services),
        ("Interpretation", m.counterpart.describe().to_string()),
        ("Generator", m.generator.clone()),
    ];
    let control = meta.document.fields().into_iter().map(|(k, v)| (k, v.to_string()));
    let mut row = 2;
    for (label, value) in rows.into_iter().chain(control) {
        Row::new(ws, row, &WIDTHS).put(0, label, &f.label)?.wrap(1, &value, &f.wrap)?.finish()?;
        row += 1;
    }
    Ok(row)
}

/// The frameworks table with one count column per status and a total row. Returns the first
/// and last framework rows (the chart's data).
fn frameworks(ws: &mut Worksheet, row: u32, list: &[FrameworkView], f: &Formats) -> Result<(u32, u32), XlsxError> {
    put(ws, row, 0, "Frameworks and the overall status of their controls", &f.heading)?;
    let head = row + 1;
    let mut names: Vec<&str> = TABLE.to_vec();
    names.extend(Status::OVERALL.map(style::label));
    headers(ws, head, &names, &WIDTHS, f)?;
    let mut total = Counts::default();
    let mut r = head;
    for fw in list {
        r += 1;
        Row::new(ws, r, &WIDTHS)
            .put(0, &fw.id, &f.text)?
            .wrap(1, &fw.title, &f.wrap)?
            .put(2, &fw.version, &f.text)?
            .num(3, fw.controls, &f.number)?
            .finish()?;
        counts(ws, r, &fw.counts, &f.number)?;
        total.merge(&fw.counts);
    }
    let controls: usize = list.iter().map(|fw| fw.controls).sum();
    put(ws, r + 1, 0, "Total", &f.total)?;
    num(ws, r + 1, 3, controls, &f.total)?;
    counts(ws, r + 1, &total, &f.total)?;
    Ok((head + 1, r))
}

fn counts(ws: &mut Worksheet, row: u32, c: &Counts, format: &rust_xlsxwriter::Format) -> Result<(), XlsxError> {
    for (i, s) in Status::OVERALL.into_iter().enumerate() {
        num(ws, row, FIRST_STATUS + i as u16, c.get(s), format)?;
    }
    Ok(())
}

/// Per framework and service model, how many (control, service) cells have each status.
/// Returns the next free row.
fn by_model(ws: &mut Worksheet, row: u32, report: &Report, f: &Formats) -> Result<u32, XlsxError> {
    put(ws, row, 0, "Cells per service model (control × in-scope service)", &f.heading)?;
    let mut names = vec!["Framework", "Service model", "Services", "Cells"];
    names.extend(Status::ALL.map(style::label));
    headers(ws, row + 1, &names, &WIDTHS, f)?;
    let mut r = row + 1;
    for split in report.matrix.cells_by_model() {
        r += 1;
        Row::new(ws, r, &WIDTHS)
            .put(0, &report.matrix.frameworks[split.framework].id, &f.text)?
            .wrap(1, &split.model_title, &f.wrap)?
            .num(2, split.services, &f.number)?
            .num(3, split.counts.total(), &f.number)?
            .finish()?;
        for (i, s) in Status::ALL.into_iter().enumerate() {
            num(ws, r, FIRST_STATUS + i as u16, split.counts.get(s), &f.number)?;
        }
    }
    Ok(r + 1)
}

/// Review progress: the Customer Responsibilities rows of each framework per review status
/// (an empty status counts as "Not started"). Returns the next free row.
fn progress(ws: &mut Worksheet, row: u32, report: &Report, rows: &Rows, f: &Formats) -> Result<u32, XlsxError> {
    let m = &report.matrix;
    let title = match &report.options.review {
        Some(c) => format!("Review progress (Customer Responsibilities rows; carried from {})", c.source),
        None => "Review progress (Customer Responsibilities rows)".to_string(),
    };
    put(ws, row, 0, &title, &f.heading)?;
    let mut names = vec!["Framework"];
    names.extend(REVIEW_STATUSES);
    names.extend(["Other", "Rows"]);
    headers(ws, row + 1, &names, &WIDTHS, f)?;
    let mut tally = vec![vec![0usize; REVIEW_STATUSES.len() + 1]; m.frameworks.len()];
    for ((c, _), ids) in rows.groups.iter().zip(&rows.ids) {
        for id in ids {
            let status = rows.carried(id).map(|x| x.entry.review_status.trim()).unwrap_or("");
            let status = if status.is_empty() { REVIEW_STATUSES[0] } else { status };
            let k =
                REVIEW_STATUSES.iter().position(|s| s.eq_ignore_ascii_case(status)).unwrap_or(REVIEW_STATUSES.len());
            tally[c.framework][k] += 1;
        }
    }
    let mut r = row + 1;
    for (fw, counts) in m.frameworks.iter().zip(&tally) {
        r += 1;
        put(ws, r, 0, &fw.id, &f.label)?;
        for (i, n) in counts.iter().enumerate() {
            num(ws, r, 1 + i as u16, *n, &f.number)?;
        }
        num(ws, r, 1 + counts.len() as u16, counts.iter().sum(), &f.total)?;
    }
    Ok(r + 1)
}

/// What each status means, each label in its colour. Returns the next free row.
fn legend(ws: &mut Worksheet, row: u32, f: &Formats) -> Result<u32, XlsxError> {
    put(ws, row, 0, "What the statuses mean", &f.heading)?;
    headers(ws, row + 1, &["Status", "Meaning"], &WIDTHS, f)?;
    let mut r = row + 2;
    for s in Status::OVERALL {
        Row::new(ws, r, &WIDTHS).put(0, style::label(s), f.status(s))?.wrap(1, style::meaning(s), &f.wrap)?.finish()?;
        r += 1;
    }
    Ok(r)
}

/// A stacked bar per framework, one segment per status, in the status colours.
fn chart(first: u32, last: u32) -> Chart {
    let mut chart = Chart::new(ChartType::BarStacked);
    for (i, s) in Status::OVERALL.into_iter().enumerate() {
        let col = FIRST_STATUS + i as u16;
        let (fill, text) = style::colors(s);
        chart
            .add_series()
            .set_name((SHEET, first - 1, col))
            .set_categories((SHEET, first, 0, last, 0))
            .set_values((SHEET, first, col, last, col))
            .set_format(
                ChartFormat::new()
                    .set_solid_fill(ChartSolidFill::new().set_color(fill))
                    .set_border(ChartLine::new().set_color(text)),
            )
            .set_gap(60);
    }
    chart.title().set_name("Controls per status and framework");
    // In a bar chart the categories run down the y axis: list frameworks top to bottom.
    chart.y_axis().set_reverse();
    chart.x_axis().set_name("Controls");
    chart.set_width(720).set_height(300);
    chart
}
