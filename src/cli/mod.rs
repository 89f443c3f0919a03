//! The command line (clap derive): one module per subcommand; main → run → ExitCode.

mod bag_write;
mod carry;
mod check;
mod check_output;
pub mod color;
mod diff;
mod frameworks;
mod init;
mod inputs;
mod leftovers;
mod map;
mod memory;
pub mod output;
mod package;
mod package_evidence;
mod progress;
mod provenance;
mod report;
mod report_fedramp;
mod report_set;
mod reviews;
mod verify;

use clap::{Args, Parser, Subcommand};
use respmatrix::error::Error;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "respmatrix",
    version = version(),
    about = "Maps framework controls to inherited / shared / customer responsibility per cloud service"
)]
pub struct Cli {
    /// Folder whose files replace built-in data by relative path (frameworks/…, templates/…).
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Quiet: no warnings, no progress, no notes (errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Colour the level of each message: `auto` (on a terminal, unless NO_COLOR is set),
    /// `always` or `never`.
    #[arg(long, global = true, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: color::ColorChoice,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// List the built-in framework catalogs with their control counts.
    Frameworks(frameworks::FrameworksArgs),
    /// Validate the inputs and print every problem with its place (exit 0, 1 or 2).
    Check(check::CheckArgs),
    /// Print the responsibility matrix as JSON or CSV.
    Map(map::MapArgs),
    /// Write the report artifacts (matrix.json, workbook, PDF, HTML, Markdown) into a folder.
    Report(report::ReportArgs),
    /// Compare two reports (folders or matrix.json files): what changed, by framework, control
    /// and service, most important first (exit 1 with --fail-on when such a change is present).
    Diff(diff::DiffArgs),
    /// Reviewer entries as a ledger: `reviews export WORKBOOK -o reviews.yaml`.
    Reviews(reviews::ReviewsArgs),
    /// Print a shell completion script (`respmatrix completions bash > ~/.local/share/bash-completion/completions/respmatrix`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write a starter project (project file, inventory template, overrides) into a folder.
    Init(init::InitArgs),
    /// Print the manual page in roff (`respmatrix man > respmatrix.1; man ./respmatrix.1`).
    Man,
    /// Write an evidence package for assessors: a BagIt bag (and with --zip a zip) of the
    /// report, its inputs, the evidence, the request list and the Statement of Applicability.
    Package(package::PackageArgs),
    /// Check a package folder or zip: every checksum, missing, extra and altered files
    /// (exit 0 valid, 1 mismatch, 2 unreadable).
    Verify(verify::VerifyArgs),
}

/// The inputs every mapping command reads.
#[derive(Args, Clone)]
pub struct InputArgs {
    /// Project file (respmatrix.yaml): organization, scope, period, report date and default
    /// inputs. Flags win over it.
    #[arg(long, short, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Service inventory: CSV, XLSX, YAML or JSON (or `inventory:` in the project file).
    #[arg(long, short, value_name = "FILE")]
    pub inventory: Option<PathBuf>,
    /// Worksheet to read from an XLSX inventory (default: the first sheet with a header row).
    #[arg(long, value_name = "NAME")]
    pub sheet: Option<String>,
    /// Map inventory headers by hand: `name=resourceName,product=resourceType` (fields: id,
    /// name, provider, product, model, owner, environment, data_classification, in_scope,
    /// notes, evidence, overrides). Also `columns:` in the project file.
    #[arg(long, value_name = "MAP")]
    pub columns: Option<String>,
    /// Say how the inventory was read: the header row, the column of each field, the columns
    /// ignored.
    #[arg(long, short)]
    pub verbose: bool,
    /// Framework: a built-in id (nist-csf-2.0, iso-27017-2015, soc2-2017, iso-27001-2022) or a
    /// catalog file: respmatrix YAML, OSCAL catalog or profile (JSON, XML, YAML), or a custom
    /// XLSX/CSV/YAML catalog. Repeatable; default: the first three built-ins.
    #[arg(long = "framework", short, value_name = "ID|PATH")]
    pub frameworks: Vec<String>,
    /// List withdrawn controls of imported catalogs, marked and not applicable, instead of
    /// leaving them out.
    #[arg(long)]
    pub include_withdrawn: bool,
    /// The catalog an OSCAL profile (`--framework profile.json`) imports, when its href does not
    /// lead to a local file.
    #[arg(long, value_name = "PATH")]
    pub catalog: Option<PathBuf>,
    /// Control-level overrides (YAML).
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,
    /// Day to check override expiry against (YYYY-MM-DD; default: the report date, else
    /// SOURCE_DATE_EPOCH, else today).
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Warn about overrides that expire within this window of the expiry day (`30d`, `2w`, `45`;
    /// default 30 days).
    #[arg(long, value_name = "DAYS", default_value = "30d")]
    pub expiring_within: String,
    /// How counterpart controls (policies, risk assessment, training, incident response, …) are
    /// read for cloud services: `shared` (each party runs its own version; default) or
    /// `customer` (a SOC 2 carve-out reading). Also `counterpart:` in the project file.
    #[arg(long, value_name = "shared|customer")]
    pub counterpart: Option<String>,
    /// Crosswalk between frameworks: respmatrix YAML, OSCAL 1.2 mapping collection (JSON), NIST
    /// OLIR workbook, CSF 2.0 reference tool export or an SCF workbook. Repeatable; adds to the
    /// built-in crosswalks and to `crosswalks:` in the project file.
    #[arg(long = "crosswalk", value_name = "FILE")]
    pub crosswalks: Vec<PathBuf>,
    /// A provider's own responsibility data, as PROVIDER=FILE (`aws=aws-crm.xlsx`,
    /// `aws=aws-ssp.json`): its FedRAMP CIS/CRM workbook (Rev 5 or Rev 4) or its OSCAL SSP (JSON,
    /// the by-component exports). `check` lists every response point where it and the
    /// model disagree; `map`, `report` and `package` apply its answers to that provider's
    /// services (`decided_by: provider:FILE`; the organization's overrides still win).
    /// Repeatable; also `provider_data: {aws: FILE}` in the project file.
    #[arg(long, value_name = "PROVIDER=FILE")]
    pub provider_data: Vec<String>,
}

/// Writes to stdout; a reader that stops early (`| head`) is not an error.
fn print_bytes(bytes: &[u8]) -> Result<ExitCode, Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|_| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::io("<stdout>", e)),
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// `--version`: the package version and, when built from git, the commit.
fn version() -> &'static str {
    match env!("RESPMATRIX_COMMIT") {
        "" => env!("CARGO_PKG_VERSION"),
        _ => concat!(env!("CARGO_PKG_VERSION"), " (commit ", env!("RESPMATRIX_COMMIT"), ")"),
    }
}

/// Parses the command line, runs, prints errors and maps them to exit codes.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    color::set(cli.color);
    match run(&cli) {
        Ok(code) => code,
        Err(err) => {
            let mut stderr = std::io::stderr().lock();
            for line in err.to_string().lines() {
                let _ = writeln!(stderr, "{}", color::paint(&prefixed(line), color::Stream::Stderr));
            }
            ExitCode::from(err.exit_code())
        }
    }
}

fn prefixed(line: &str) -> String {
    if line.starts_with("error:") || line.starts_with("warning:") {
        line.to_string()
    } else {
        format!("error: {line}")
    }
}

pub fn run(cli: &Cli) -> Result<ExitCode, Error> {
    let source = respmatrix::data::embedded::DataSource::new(cli.data.as_deref());
    match &cli.command {
        Command::Frameworks(args) => frameworks::run(&source, args),
        Command::Check(args) => check::run(&source, args, cli.quiet),
        Command::Map(args) => map::run(&source, args, cli.quiet),
        Command::Report(args) => report::run(&source, args, cli.quiet),
        Command::Diff(args) => diff::run(args),
        Command::Reviews(args) => reviews::run(args, cli.quiet),
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_complete::generate(*shell, &mut cmd, "respmatrix", &mut out);
            print_bytes(&out)
        }
        Command::Init(args) => init::run(&source, args),
        Command::Man => {
            let cmd = <Cli as clap::CommandFactory>::command();
            let mut out = Vec::new();
            clap_mangen::Man::new(cmd).render(&mut out).map_err(|e| Error::io("<stdout>", e))?;
            print_bytes(&out)
        }
        Command::Package(args) => package::run(&source, args, cli.quiet),
        Command::Verify(args) => verify::run(args),
    }
}
