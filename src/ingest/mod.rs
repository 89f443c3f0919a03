//! Importers: inventories (CSV, XLSX, YAML, JSON) and the overrides file.

pub mod attestations;
pub mod catalog_rows;
pub mod columns;
pub mod csf_core;
pub mod csv_table;
pub mod document;
pub mod evidence;
pub mod inventory;
pub mod json_strict;
pub mod limits;
pub mod ods_guard;
pub mod oscal;
pub mod overrides;
pub mod project;
pub mod provider_data;
pub mod record;
pub mod table;
pub mod text;
pub mod xlsx_table;
pub mod xml_scan;
pub mod zip_guard;

use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use crate::model::{Inventory, Registry};
use std::path::Path;

/// The format of an inventory file, from its extension or, failing that, its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Spreadsheet,
    Yaml,
    Json,
}

pub fn detect(path: &Path, bytes: &[u8]) -> Format {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Format::Spreadsheet,
        "csv" | "tsv" | "txt" => Format::Csv,
        "yaml" | "yml" => Format::Yaml,
        "json" => Format::Json,
        _ if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") => Format::Spreadsheet,
        _ if bytes.trim_ascii_start().starts_with(b"{") || bytes.trim_ascii_start().starts_with(b"[") => Format::Json,
        _ => Format::Yaml,
    }
}

/// Reads and validates an inventory. File-level failures are `Unreadable` (exit 2); row
/// problems are collected into `Invalid` (exit 1). Warnings come back in `Diagnostics`.
pub fn load_inventory(path: &Path, sheet: Option<&str>, registry: &Registry) -> Result<(Inventory, Diagnostics)> {
    load_inventory_with(path, sheet, registry, &columns::ColumnMap::default()).map(|(i, d, _)| (i, d))
}

/// Refuses a FedRAMP CIS/CRM workbook given as the inventory, with what to do instead (its
/// Instructions sheet would otherwise read as rows of services with nothing right).
fn not_a_crm(name: &str, names: &[String]) -> Result<()> {
    let Some(crm) = names.iter().find(|n| {
        let n = n.to_ascii_uppercase();
        n.contains("CRM WORKSHEET") || n.contains("CIS WORKSHEET")
    }) else {
        return Ok(());
    };
    Err(crate::error::Error::unreadable(crate::diag::Diagnostic::error(
        crate::diag::Location::file(name),
        format!(
            "this is a FedRAMP CIS/CRM workbook (sheet \"{crm}\"), not a service inventory: a provider's CRM is \
             given as --provider-data PROVIDER=FILE (or `provider_data:` in the project file); the inventory \
             lists your services, one per row (--sheet NAME reads one of its sheets anyway)"
        ),
    )))
}

/// The sheet an inventory is read from when none is named: the first with an inventory header
/// row, so that an instructions or cover sheet may come first; else the first sheet, whose
/// error then names the other sheets too.
fn inventory_sheet(book: &xlsx_table::Book, map: &columns::ColumnMap) -> Result<table::Table> {
    let names = book.names();
    let first = match book.first_sheet(|t| t.header_row_with(map).is_some())? {
        Ok(table) => return Ok(table),
        Err(first) if names.len() <= 1 => return Ok(first),
        Err(first) => first,
    };
    match first.records_with(map) {
        Err(Error::Unreadable(mut d)) => {
            let sheets = crate::diag::excerpt(&names.join(", "), 300);
            d.iter_mut().for_each(|d| {
                d.message
                    .push_str(&format!("; no other sheet has one either (sheets: {sheets}; --sheet NAME reads one)"))
            });
            Err(Error::Unreadable(d))
        }
        _ => Ok(first),
    }
}

/// `load_inventory` with headers mapped by hand; also returns how a table's header was read
/// (empty for YAML and JSON).
pub fn load_inventory_with(
    path: &Path,
    sheet: Option<&str>,
    registry: &Registry,
    map: &columns::ColumnMap,
) -> Result<(Inventory, Diagnostics, String)> {
    let name = path.display().to_string();
    let bytes = limits::read_input(path)?;
    let mut diags = Diagnostics::default();
    let (records, layout) = match detect(path, &bytes) {
        Format::Csv => match text::windows_1252(&name, &bytes) {
            Some((decoded, warning)) => {
                diags.push(warning);
                csv_table::read(&name, decoded.as_bytes())?.records_with(map)?
            }
            None => csv_table::read(&name, &bytes)?.records_with(map)?,
        },
        Format::Spreadsheet => {
            let book = xlsx_table::Book::open(&name, &bytes)?;
            match sheet {
                Some(_) => book.read(sheet)?.records_with(map)?,
                None => {
                    not_a_crm(&name, book.names())?;
                    inventory_sheet(&book, map)?.records_with(map)?
                }
            }
        }
        Format::Yaml => (document::read(&name, &bytes, false)?, String::new()),
        Format::Json => (document::read(&name, &bytes, true)?, String::new()),
    };
    records.iter().try_for_each(record::Record::check_lengths)?;
    let inventory = inventory::build(&name, records, registry, &mut diags);
    if diags.has_errors() {
        // How the table was read, so an error caused by a column taken for another (or left
        // out) can be seen at once.
        if !layout.is_empty() {
            diags.push(crate::diag::Diagnostic::warning(
                crate::diag::Location::file(&name),
                format!("read as: {layout}"),
            ));
        }
        return Err(Error::Invalid(diags.items));
    }
    Ok((inventory, diags, layout))
}
