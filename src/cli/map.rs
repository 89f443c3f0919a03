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
    /// JSON layout: `inline` (matrix@1, the prose in every cell) or `compact` (matrix@2, each
    /// distinct text stored once; a tenth of the size or less).
    #[arg(long, value_enum, value_name = "LAYOUT", default_value = "inline")]
    pub json_layout: JsonLayoutArg,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// `--json-layout` of `map` and `report`.
#[derive(Clone, Copy, ValueEnum)]
pub enum JsonLayoutArg {
    /// respmatrix/matrix@1: rationale and statements written out in every cell.
    Inline,
    /// respmatrix/matrix@2: each distinct text once, cells refer to it by index.
    Compact,
}

impl JsonLayoutArg {
    pub fn layout(self) -> render::json::Layout {
        match self {
            JsonLayoutArg::Inline => render::json::Layout::Inline,
            JsonLayoutArg::Compact => render::json::Layout::Compact,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
pub enum MapFormat {
    Json,
    Csv,
}

pub fn run(source: &DataSource, args: &MapArgs, quiet: bool) -> Result<ExitCode> {
    let (loaded, resolved) = inputs::load(source, &args.input)?;
    if let Some(path) = &args.out {
        output::not_an_input(path, &inputs::input_files(&loaded, &resolved))?;
        output::replaceable(path)?;
    }
    let (matrix, warnings) = inputs::matrix(&loaded)?;
    if !quiet {
        for w in warnings.warnings() {
            eprintln!("{}", super::color::paint(&w.to_string(), super::color::Stream::Stderr));
        }
    }
    let write = |w: &mut dyn Write| -> std::io::Result<()> {
        match args.format {
            MapFormat::Json => render::json::write_layout(&matrix, args.json_layout.layout(), w),
            MapFormat::Csv => render::csv::write(&matrix, w),
        }
    };
    match &args.out {
        Some(path) => output::write_atomic_with(path, |f| write(f))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = write(&mut stdout).and_then(|_| stdout.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(respmatrix::error::Error::io("<stdout>", e));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
