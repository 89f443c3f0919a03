//! Assembles the workbook: adds its sheets in order, writes them (the big sheets' rows on
//! grids, on threads of their own; the rest, and the big sheets' frames, with rust_xlsxwriter),
//! and splices the grids' rows into rust_xlsxwriter's package.

use super::{
    about, audit, cells, consistency, controls, customer, grid, matrix, print, print_layout, properties,
    provider_check, review, services, splice, statements, summary,
};
use crate::report::Report;
use rust_xlsxwriter::{Workbook, XlsxError};

/// The workbook's bytes.
pub(super) fn build(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let f = cells::Formats::new();
    let m = &report.matrix;
    let rows = customer::Rows::new(m, report.options.review.as_deref());
    let mut wb = Workbook::new();
    wb.set_properties(&properties(report));
    wb.set_zip_compression_level(1);
    // Every format gets its index now, in a fixed order: the threads below only look formats
    // up, the styles come out the same on every run, and the grids know each format's index
    // (`Formats::indexed`).
    for format in f.all() {
        wb.register_format(format);
    }
    let carried = report.options.review.as_deref();
    wb.add_worksheet(); // Summary
    wb.add_worksheet_with_constant_memory()?; // Matrix
    wb.add_worksheet_with_constant_memory()?; // Controls
    wb.add_worksheet(); // Services
    let with_statements = statements::wanted(m);
    if with_statements {
        wb.add_worksheet_with_constant_memory()?; // Statements
    }
    for _ in 0..rows.sheets() {
        wb.add_worksheet_with_constant_memory()?; // Customer Responsibilities, …
    }
    let given = report.options.audit.clone();
    let table_count = given.as_ref().map_or_else(|| audit::sheet_names(m).len(), |a| a.tables.len());
    for _ in 0..table_count {
        wb.add_worksheet_with_constant_memory()?; // Request List, SoA <iso catalog>, …
    }
    if carried.is_some() {
        wb.add_worksheet(); // Changes since last report
        wb.add_worksheet(); // Orphaned reviews
    }
    let with_provider = provider_check::wanted(m);
    if with_provider {
        wb.add_worksheet(); // Provider vs model
    }
    let checked = consistency::wanted(m);
    if checked {
        wb.add_worksheet(); // Crosswalk consistency
    }
    wb.add_worksheet(); // About
    let index_sheets = review::index_sheets(&rows);
    for _ in 0..index_sheets {
        wb.add_worksheet_with_constant_memory()?; // Review Index, … (hidden)
    }
    // Where the sheets whose rows come from a grid are, in workbook order.
    let total = wb.worksheets().len();
    let customer_at = 4 + usize::from(with_statements);
    let tables_at = customer_at + rows.sheets();
    let sheets = wb.worksheets_mut();
    let [summary, matrix, controls, services, rest @ ..] = sheets.as_mut_slice() else {
        unreachable!("the sheets were just added")
    };
    let (statement_sheet, rest) = rest.split_at_mut(usize::from(with_statements));
    let (rest, index) = rest.split_at_mut(rest.len() - index_sheets);
    let (about, rest) = rest.split_last_mut().expect("About was just added");
    let (rest, crosswalk) = if checked { rest.split_at_mut(rest.len() - 1) } else { (rest, &mut [][..]) };
    let (rest, provider) = rest.split_at_mut(rest.len() - usize::from(with_provider));
    let (review, rest) = rest.split_at_mut(rows.sheets());
    let (tables, extra) = rest.split_at_mut(table_count);
    // The rows of the big sheets (Matrix, Controls, Statements, Customer Responsibilities, the
    // Request List and SoAs, the Review Index: nearly all the work) are written by grids on
    // threads of their own, while this one writes the small sheets and the frames of the big
    // ones (names, layout, header rows); all only read the report.
    let grids = std::thread::scope(|s| {
        let first = s.spawn(|| {
            let mut out = grid_rows(1, &f, |g| matrix::rows(&mut g[0], m, &f))?;
            out.extend(grid_rows(1, &f, |g| controls::rows(&mut g[0], m, &f))?);
            Ok::<_, XlsxError>(out)
        });
        let second = s.spawn(|| match with_statements {
            true => grid_rows(1, &f, |g| statements::rows(&mut g[0], m, &f)),
            false => Ok(vec![]),
        });
        let customer = s.spawn(|| grid_rows(rows.sheets(), &f, |g| customer::write_rows(g, &rows, m, &f)));
        // The Request List and the SoAs are built from the matrix beside the other sheets.
        let built = s.spawn(|| {
            let audit = given.unwrap_or_else(|| std::sync::Arc::new(audit::from_matrix(report)));
            let grids = grid_rows(audit.tables.len(), &f, |g| {
                g.iter_mut().zip(&audit.tables).try_for_each(|(g, (_, table))| audit::rows(g, table, m, &f))
            });
            (audit, grids)
        });
        let indexed = s.spawn(|| grid_rows(index_sheets, &f, |g| review::index(g, &rows, m, &f)));
        matrix::frame(matrix, m, &f)?;
        controls::frame(controls, m, &f)?;
        if let Some(ws) = statement_sheet.first_mut() {
            statements::frame(ws, m, &f)?;
        }
        customer::frames(review, &rows, m, &f)?;
        review::index_frames(index, &f)?;
        summary::write(summary, report, &rows, &f)?;
        services::write(services, m, &f)?;
        if let (Some(c), [changes, orphans]) = (carried, extra) {
            review::changes(changes, c, &f)?;
            review::orphans(orphans, c, &f)?;
        }
        if let Some(ws) = provider.first_mut() {
            provider_check::write(ws, m, &f)?;
        }
        if let Some(ws) = crosswalk.first_mut() {
            consistency::write(ws, m, &f)?;
        }
        about::write(about, report, &f)?;
        let (audit, table_rows) = join(built);
        for (ws, (name, table)) in tables.iter_mut().zip(&audit.tables) {
            audit::frame(ws, name, table, &f)?;
        }
        // Each grid's part, by its sheet's place in the workbook.
        let mut parts = vec![1, 2];
        parts.extend(with_statements.then_some(4));
        parts.extend(customer_at..tables_at);
        parts.extend(tables_at..tables_at + audit.tables.len());
        parts.extend(total - index_sheets..total);
        let mut grids = join(first)?;
        grids.extend(join(second)?);
        grids.extend(join(customer)?);
        grids.extend(table_rows?);
        grids.extend(join(indexed)?);
        Ok::<_, XlsxError>(parts.into_iter().map(sheet_part).zip(grids).collect::<Vec<_>>())
    })?;
    for ws in wb.worksheets_mut() {
        let layout = print_layout(&ws.name(), m);
        print::setup(ws, report, &layout)?;
    }
    let package = wb.save_to_buffer()?;
    Ok(splice::splice(&package, grids)?)
}

/// The rows `write` puts on `n` grids, one per sheet.
fn grid_rows<'f>(
    n: usize,
    f: &'f cells::Formats,
    write: impl FnOnce(&mut [grid::Grid<'f>]) -> Result<(), XlsxError>,
) -> Result<Vec<grid::Rows>, XlsxError> {
    let mut grids: Vec<_> = (0..n).map(|_| grid::Grid::new(f.indexed())).collect();
    write(&mut grids)?;
    grids.into_iter().map(grid::Grid::finish).collect()
}

/// A scoped thread's result, its panic passed on.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle.join().unwrap_or_else(|p| std::panic::resume_unwind(p))
}

/// The package part of the worksheet at `index` (zero-based, in workbook order).
fn sheet_part(index: usize) -> String {
    format!("xl/worksheets/sheet{}.xml", index + 1)
}
