//! `respmatrix check`: reads every input, prints every problem with its place, exits 0/1/2.

use super::inputs;
use super::InputArgs;
use clap::{Args, ValueEnum};
use respmatrix::data::{self, embedded::DataSource};
use respmatrix::diag::{Diagnostic, Diagnostics, Location, Severity};
use respmatrix::engine::{self, Statements};
use respmatrix::error::{Error, Result};
use respmatrix::ingest;
use std::process::ExitCode;

#[derive(Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output: text for people, json (`respmatrix/check@1`) for scripts, sarif (SARIF 2.1.0) for
    /// CI systems that annotate the files.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Warnings fail the run too (exit 1).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum CheckFormat {
    Text,
    Json,
    Sarif,
}

/// Validates each file independently so one run reports the problems of all of them.
pub fn run(source: &DataSource, check: &CheckArgs, quiet: bool) -> Result<ExitCode> {
    let args = &check.input;
    let r = inputs::resolve(args)?;
    let registry = data::registry(source)?;
    let statements = Statements::load(source)?;
    let mut found = statements.compile_all();
    let mut worst = 0u8;
    let mut note = |err: Error, found: &mut Diagnostics| {
        worst = worst.max(err.exit_code());
        match err.diagnostics() {
            [] => found.push(Diagnostic::error(Location::default(), err.to_string())),
            ds => found.items.extend(ds.iter().cloned()),
        }
    };

    let catalogs = match data::select_catalogs(source, &r.frameworks, &inputs::catalog_options(args, &r.project)) {
        Ok((catalogs, warnings)) => {
            found.extend(warnings);
            Some(catalogs)
        }
        Err(e) => {
            note(e, &mut found);
            None
        }
    };
    let inventory = match inputs::read_inventory(args, &r, &registry) {
        Ok((inv, warnings)) => {
            found.extend(warnings);
            Some(inv)
        }
        Err(e) => {
            note(e, &mut found);
            None
        }
    };
    let overrides = match &r.overrides {
        Some(p) => ingest::overrides::load(p).map_err(|e| note(e, &mut found)).ok(),
        None => Some(Vec::new()),
    };
    let crosswalks = match respmatrix::crosswalk::load(source, &r.crosswalks) {
        Ok((c, warnings)) => {
            found.extend(warnings);
            c
        }
        Err(e) => {
            note(e, &mut found);
            Vec::new()
        }
    };
    let (as_of, from_clock) = inputs::as_of_for(args.as_of.as_deref(), &r.project)?;
    if from_clock && overrides.as_ref().is_some_and(|o| o.iter().any(|x| x.expires.is_some())) {
        eprintln!(
            "note: override expiry is checked against today ({as_of}): give --as-of, a report_date in the \
             project file or SOURCE_DATE_EPOCH for a result that does not change with the day"
        );
    }

    let mut summary = None;
    if let (Some(catalogs), Some(inventory), Some(overrides)) = (&catalogs, &inventory, &overrides) {
        let inputs = engine::Inputs {
            registry: &registry,
            statements: &statements,
            catalogs,
            inventory,
            overrides,
            as_of,
            expiring_within: inputs::expiring_within(&args.expiring_within)?,
            counterpart: r.counterpart,
            provider_data: &[],
        };
        match engine::build(&inputs) {
            Ok((mut m, warnings)) => {
                found.extend(warnings);
                m.also_serves = respmatrix::crosswalk::links::link(&m, catalogs, &crosswalks);
                let user = crosswalks.get(respmatrix::crosswalk::BUILTIN.len()..).unwrap_or_default();
                found.extend(respmatrix::crosswalk::unknown::check(catalogs, user));
                let findings = respmatrix::crosswalk::consistency::find(&m);
                found.items.extend(respmatrix::crosswalk::consistency::warnings(&m, &findings));
                let project = r.project_path.as_deref().map(|p| (p, r.project.provider_data.as_slice()));
                for (provider, file) in &r.provider_data {
                    let compared = inputs::known_provider(provider, file, inventory, project)
                        .and_then(|()| provider_data(provider, file, &m));
                    match compared {
                        Ok(ds) => found.items.extend(ds),
                        Err(e) => note(e, &mut found),
                    }
                }
                let controls: usize = m.frameworks.iter().map(|f| f.controls).sum();
                summary = Some(format!(
                    "{}: {} services ({} in scope), {} frameworks ({} controls), {} overrides",
                    inventory.source,
                    inventory.services.len(),
                    m.services.len(),
                    m.frameworks.len(),
                    controls,
                    overrides.len()
                ));
            }
            Err(e) => {
                // A template that does not compile was reported by `compile_all` already; the
                // mapping stops at the same place.
                let at: Vec<Location> = found.errors().map(|d| d.location.clone()).collect();
                let already = !e.diagnostics().is_empty() && e.diagnostics().iter().all(|d| at.contains(&d.location));
                if already {
                    worst = worst.max(e.exit_code());
                } else {
                    note(e, &mut found);
                }
            }
        }
    }

    let errors = found.errors().count();
    let warnings = found.items.iter().filter(|d| d.severity == Severity::Warning).count();
    // `-q` leaves the warnings out of the text output; machine formats always carry them.
    let shown: Vec<&Diagnostic> = found
        .items
        .iter()
        .filter(|d| !(quiet && check.format == CheckFormat::Text && d.severity == Severity::Warning))
        .collect();
    match check.format {
        CheckFormat::Text => {
            // Diagnostics go to stderr, as every command's do; the verdict line to stdout.
            use super::color::{paint, Stream};
            for d in &shown {
                eprintln!("{}", paint(&d.to_string(), Stream::Stderr));
            }
            match &summary {
                Some(s) if errors == 0 => {
                    println!("{}", paint(&format!("ok: {s}; {warnings} warning(s)"), Stream::Stdout))
                }
                _ => println!("{errors} error(s), {warnings} warning(s)"),
            }
        }
        CheckFormat::Json => print!("{}", super::check_output::json(&shown, summary.as_deref(), errors, warnings)),
        CheckFormat::Sarif => print!("{}", super::check_output::sarif(&shown)),
    }
    if check.strict && errors == 0 && warnings > 0 {
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::from(if errors > 0 { worst.max(1) } else { 0 }))
}

/// Reads a provider's data and compares it with the model (`provider_check`): `check` lists
/// the disagreements; `report` applies the data.
fn provider_data(provider: &str, file: &std::path::Path, m: &respmatrix::view::Matrix) -> Result<Vec<Diagnostic>> {
    let (crm, mut diags) = ingest::provider_data::read_file(file)?;
    let cmp = respmatrix::provider_check::compare(m, provider, &crm);
    diags.items.extend(respmatrix::provider_check::warnings(
        &file.display().to_string(),
        provider,
        crm.kind.describe(),
        &cmp,
    ));
    Ok(diags.items)
}
