//! `respmatrix map`: the responsibility matrix as JSON (the public contract) or CSV.

use super::{inputs, output, InputArgs};
use clap::{Args, ValueEnum};
use respmatrix::data::embedded::DataSource;
use respmatrix::error::Result;
use respmatrix::render;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct MapArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "json")]
    pub format: MapFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MapFormat {
    Json,
    Csv,
}

pub fn run(source: &DataSource, args: &MapArgs, quiet: bool) -> Result<ExitCode> {
    let (loaded, _) = inputs::load(source, &args.input)?;
    let (matrix, warnings) = inputs::matrix(&loaded)?;
    if !quiet {
        for w in warnings.warnings() {
            eprintln!("{w}");
        }
    }
    let bytes = match args.format {
        MapFormat::Json => render::json::render(&matrix),
        MapFormat::Csv => render::csv::render(&matrix),
    };
    match &args.out {
        Some(path) => output::write_atomic(path, &bytes)?,
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(&bytes).and_then(|_| stdout.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(respmatrix::error::Error::io("<stdout>", e));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
