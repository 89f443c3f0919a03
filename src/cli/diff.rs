//! `respmatrix diff OLD NEW`: what changed between two reports (each a `matrix.json` or a
//! report folder), keyed by framework, control and service; `--fail-on` turns chosen changes
//! into exit code 1 for CI.

use super::{inputs, output};
use clap::{Args, ValueEnum};
use respmatrix::error::{Error, Result};
use respmatrix::review::{codes::Code, diff, diff_format, snapshot};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct DiffArgs {
    /// The earlier report: its folder or its matrix.json.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The later report: its folder or its matrix.json.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: DiffFormat,
    /// Exit 1 when a change of these codes is present (comma-separated, e.g.
    /// `toward-customer,override-expired`; `any` for every code).
    #[arg(long, value_name = "CODES")]
    pub fail_on: Option<String>,
    /// List overrides that expire within this window of the new report's day (`30d`, `4w`).
    #[arg(long, value_name = "DAYS", default_value = "30d")]
    pub expiring_within: String,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    Text,
    Md,
    Json,
    Csv,
}

pub fn run(args: &DiffArgs) -> Result<ExitCode> {
    let fail_on = match &args.fail_on {
        Some(text) => Code::parse_list(text).map_err(|e| Error::Usage(format!("--fail-on: {e}")))?,
        None => Vec::new(),
    };
    let window = inputs::expiring_within(&args.expiring_within)?;
    let old = snapshot::read(&args.old)?;
    let new = snapshot::read(&args.new)?;
    let d = diff::compare(&old, &new, window);
    // JSON and CSV list every change with its statements: written as they are made.
    let write = |w: &mut dyn Write| match args.format {
        DiffFormat::Text => w.write_all(diff_format::text(&d).as_bytes()),
        DiffFormat::Md => w.write_all(diff_format::markdown(&d).as_bytes()),
        DiffFormat::Json => diff_format::json(&d, w),
        DiffFormat::Csv => diff_format::csv(&d, w),
    };
    match &args.out {
        Some(path) => {
            output::not_an_input(path, &[snapshot::matrix_file(&args.old)?, snapshot::matrix_file(&args.new)?])?;
            output::replaceable(path)?;
            output::write_atomic_with(path, |f| {
                let mut w = std::io::BufWriter::with_capacity(1 << 16, f);
                write(&mut w)?;
                w.flush()
            })?;
        }
        None => {
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            if let Err(e) = write(&mut stdout).and_then(|_| stdout.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(Error::io("<stdout>", e));
                }
            }
        }
    }
    let hits: Vec<String> =
        fail_on.iter().filter(|c| d.count(**c) > 0).map(|c| format!("{} {}", d.count(*c), c.id())).collect();
    if hits.is_empty() {
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!("diff: failing on {}", hits.join(", "));
    Ok(ExitCode::from(1))
}
