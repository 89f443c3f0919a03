//! `respmatrix frameworks`: the built-in catalogs with their counts.

use clap::{Args, ValueEnum};
use respmatrix::data::{self, embedded::DataSource};
use respmatrix::error::Result;
use std::process::ExitCode;

#[derive(Args)]
pub struct FrameworksArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: ListFormat,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

pub fn run(source: &DataSource, args: &FrameworksArgs) -> Result<ExitCode> {
    let catalogs = data::builtin_catalogs(source)?;
    match args.format {
        ListFormat::Text => {
            println!("{:<16} {:<8} {:>8} {:>9}  title", "id", "version", "controls", "families");
            for c in &catalogs {
                println!("{:<16} {:<8} {:>8} {:>9}  {}", c.id, c.version, c.controls.len(), c.families.len(), c.title);
            }
        }
        ListFormat::Json => {
            let list: Vec<serde_json::Value> = catalogs
                .iter()
                .map(|c| {
                    serde_json::json!({
                        "id": c.id, "title": c.title, "version": c.version, "publisher": c.publisher,
                        "controls": c.controls.len(), "families": c.families.len(), "source": c.source,
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&list).expect("plain data"));
        }
    }
    Ok(ExitCode::SUCCESS)
}
