//! `respmatrix init [DIR]`: a starter project: `respmatrix.yaml`, an inventory template (XLSX
//! with drop-downs for provider, model and in-scope, and the same as CSV), an overrides file with
//! a commented example; then the next three commands. Existing files are never replaced.

use super::output;
use clap::Args;
use respmatrix::data::embedded::DataSource;
use respmatrix::error::{Error, Result};
use rust_xlsxwriter::{DataValidation, Format, Workbook};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct InitArgs {
    /// The folder to write the starter project into (created if missing; default: here).
    #[arg(value_name = "DIR", default_value = ".")]
    pub dir: PathBuf,
}

const HEADERS: [&str; 11] = [
    "Service ID",
    "Service Name",
    "Provider",
    "Provider Service",
    "Service Model",
    "Owner",
    "Environment",
    "Data Classification",
    "In Scope",
    "Overrides",
    "Notes",
];
const EXAMPLES: [[&str; 11]; 3] = [
    [
        "orders-db",
        "Orders DB",
        "AWS",
        "Amazon RDS",
        "",
        "Platform Team",
        "Production",
        "Confidential",
        "Yes",
        "",
        "Model left blank: inferred from the provider catalog",
    ],
    ["mail", "Mail", "Microsoft", "Exchange Online", "saas", "IT", "Production", "Internal", "Yes", "", ""],
    [
        "file-server",
        "File Server",
        "On-prem",
        "File server",
        "on-prem",
        "IT",
        "Production",
        "Internal",
        "Yes",
        "",
        "Own datacentre",
    ],
];

const PROJECT: &str = "# respmatrix project file: `respmatrix report --config respmatrix.yaml --out report`\n\
# Paths are relative to this file; command-line flags win over these values.\n\
organization: Your Organization\n\
scope: \"What the assessment covers\"\n\
period: \"2027-01-01 to 2027-12-31\"\n\
report_date: 2027-01-31\n\
inventory: inventory.xlsx\n\
overrides: overrides.yaml\n\
frameworks: [nist-csf-2.0, iso-27017-2015, soc2-2017]\n";

const OVERRIDES: &str =
    "# Control-level overrides: each sets the status of matching (control, service) cells and says why.\n\
# Fields: id, framework, control (id or glob), services (ids; omitted = all), status\n\
# (inherited | shared | customer | not-applicable), justification (required), expires (YYYY-MM-DD).\n\
overrides: []\n\
#  - id: no-loading-area\n\
#    framework: iso-27017-2015\n\
#    control: \"A.11.1.6\"\n\
#    services: [file-server]\n\
#    status: not-applicable\n\
#    justification: The site has no delivery or loading area; deliveries go to the landlord's reception.\n\
#    expires: 2027-12-31\n";

pub fn run(source: &DataSource, args: &InitArgs) -> Result<ExitCode> {
    let registry = respmatrix::data::registry(source)?;
    let providers: Vec<String> = registry.providers.iter().map(|p| p.title.clone()).collect();
    let models: Vec<String> = registry.model_ids().into_iter().map(str::to_string).collect();
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("respmatrix.yaml", PROJECT.as_bytes().to_vec()),
        ("inventory.xlsx", workbook(&providers, &models).map_err(|e| Error::Usage(format!("inventory.xlsx: {e}")))?),
        ("inventory.csv", csv()),
        ("overrides.yaml", OVERRIDES.as_bytes().to_vec()),
    ];
    std::fs::create_dir_all(&args.dir).map_err(|e| Error::io(&args.dir, e))?;
    let taken: Vec<String> = files
        .iter()
        .map(|(n, _)| args.dir.join(n))
        .filter(|p| std::fs::symlink_metadata(p).is_ok())
        .map(|p| p.display().to_string())
        .collect();
    if !taken.is_empty() {
        return Err(Error::Usage(format!(
            "{} already exist: init never replaces files; choose another folder",
            taken.join(", ")
        )));
    }
    for (name, bytes) in &files {
        output::write_atomic_with(&args.dir.join(name), |f| f.write_all(bytes))?;
        eprintln!("wrote {}", args.dir.join(name).display());
    }
    let config = shown(&args.dir.join("respmatrix.yaml"));
    println!("Next: fill in inventory.xlsx (one row per service), then");
    println!("  respmatrix check --config {config}");
    println!("  respmatrix report --config {config} --out report");
    println!("  respmatrix diff report next-quarter   # after the next quarter's report");
    Ok(ExitCode::SUCCESS)
}

fn shown(p: &Path) -> String {
    p.strip_prefix("./").unwrap_or(p).display().to_string()
}

fn csv() -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADERS);
    for row in EXAMPLES {
        let _ = w.write_record(row);
    }
    w.into_inner().unwrap_or_default()
}

fn workbook(providers: &[String], models: &[String]) -> std::result::Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold().set_background_color(rust_xlsxwriter::Color::RGB(0xE8EAF6));
    let ws = wb.add_worksheet().set_name("Services")?;
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16, if c == 10 { 50.0 } else { 20.0 })?;
    }
    for (r, row) in EXAMPLES.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(1 + r as u32, c as u16, *v)?;
            }
        }
    }
    ws.set_freeze_panes(1, 0)?;
    let mut list = providers.to_vec();
    list.push("On-prem".into());
    let lists: [(u16, Vec<String>, &str); 3] = [
        (2, list, "A provider of the built-in catalogs, or your own spelling."),
        (4, models.to_vec(), "Leave blank to infer the model from the provider catalog."),
        (8, vec!["Yes".into(), "No".into()], "No leaves the service out of every status."),
    ];
    for (col, values, help) in lists {
        let v = DataValidation::new()
            .allow_list_strings(&values.iter().map(String::as_str).collect::<Vec<_>>())?
            .ignore_blank(true)
            .set_input_message(help)?
            // Other spellings are accepted by respmatrix, so the list only suggests.
            .set_error_style(rust_xlsxwriter::DataValidationErrorStyle::Information);
        ws.add_data_validation(1, col, 1_000, col, &v)?;
    }
    wb.save_to_buffer()
}
