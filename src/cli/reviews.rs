//! `respmatrix reviews export WORKBOOK|DIR`: the reviewers' work of a workbook as a sorted,
//! deterministic YAML ledger, for keeping reviews in git (`report --reviews` reads it back).

use super::output;
use clap::{Args, Subcommand};
use respmatrix::error::{Error, Result};
use respmatrix::review::{ledger, previous, workbook_in};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct ReviewsArgs {
    #[command(subcommand)]
    pub command: ReviewsCommand,
}

#[derive(Subcommand)]
pub enum ReviewsCommand {
    /// Write the reviewer entries of a workbook (or a report folder's) as a reviews ledger.
    Export(ExportArgs),
}

#[derive(Args)]
pub struct ExportArgs {
    /// The reviewed workbook, or the report folder holding it.
    #[arg(value_name = "WORKBOOK|DIR")]
    pub workbook: PathBuf,
    /// Write to this file (atomically) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

pub fn run(args: &ReviewsArgs, quiet: bool) -> Result<ExitCode> {
    let ReviewsCommand::Export(a) = &args.command;
    let book = previous::workbook_of(&a.workbook).ok_or_else(|| {
        Error::Usage(format!("{}: give a workbook or a report folder, not a ledger", a.workbook.display()))
    })?;
    let mut prior = workbook_in::read(&book, &book.display().to_string())?;
    // The ledger names the workbook by its file name: the same bytes for `prev`, `./prev/` or
    // an absolute path, from any folder.
    previous::record_names(&mut prior, |typed| super::provenance::Namer::new(None).name(typed));
    let text = ledger::export(&prior);
    if !quiet {
        let reviewed = prior.pairs.iter().filter(|p| !p.entry.is_empty()).count();
        eprintln!(
            "{reviewed} reviewed pairs, {} rows without pairs",
            prior.loose.iter().filter(|l| !l.entry.is_empty()).count()
        );
        for note in &prior.notes {
            eprintln!("note: {note}");
        }
    }
    match &a.out {
        Some(path) => {
            output::not_an_input(path, std::slice::from_ref(&book))?;
            output::replaceable(path)?;
            output::write_atomic_with(path, |f| f.write_all(text.as_bytes()))?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(Error::io("<stdout>", e));
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
