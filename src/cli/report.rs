//! `respmatrix report`: every artifact, rendered in memory first, then written atomically
//! into `--out DIR`.

use super::{inputs, output, InputArgs};
use clap::{Args, ValueEnum};
use respmatrix::data::embedded::DataSource;
use respmatrix::error::{Error, Result};
use respmatrix::grouping::GroupBy;
use respmatrix::model::Date;
use respmatrix::render;
use respmatrix::report::{sha256_hex, InputFile, Paper, RenderOptions, Report, ReportMeta, TemplateOverride};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Folder to write the artifacts into (created if missing).
    #[arg(long, short, value_name = "DIR")]
    pub out: PathBuf,
    /// Organization named on the report (or `organization:` in the project file).
    #[arg(long, value_name = "NAME")]
    pub org: Option<String>,
    /// What the assessment covers (or `scope:` in the project file).
    #[arg(long, value_name = "TEXT")]
    pub scope: Option<String>,
    /// Assessment period, e.g. "2026-01-01 to 2026-12-31" (or `period:`).
    #[arg(long, value_name = "TEXT")]
    pub period: Option<String>,
    /// Report date YYYY-MM-DD (or `report_date:`, or SOURCE_DATE_EPOCH; never the clock).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Group service columns in the PDF and HTML matrix (default: one column per service when
    /// they fit, else by model).
    #[arg(long, value_enum, value_name = "BY")]
    pub group_by: Option<GroupByArg>,
    /// Paper size of the PDF.
    #[arg(long, value_enum, default_value = "a4")]
    pub paper: PaperArg,
    /// Folder of report templates (`*.hbs`) replacing the built-in ones by file name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum GroupByArg {
    Model,
    Provider,
    Owner,
    Environment,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

fn options(args: &ReportArgs) -> Result<RenderOptions> {
    Ok(RenderOptions {
        group_by: args.group_by.map(|g| match g {
            GroupByArg::Model => GroupBy::Model,
            GroupByArg::Provider => GroupBy::Provider,
            GroupByArg::Owner => GroupBy::Owner,
            GroupByArg::Environment => GroupBy::Environment,
        }),
        paper: match args.paper {
            PaperArg::A4 => Paper::A4,
            PaperArg::Letter => Paper::Letter,
        },
        templates: match &args.templates {
            Some(dir) => read_templates(dir)?,
            None => Vec::new(),
        },
    })
}

/// The `*.hbs` files of a template folder, by file name (the renderers say which names exist).
fn read_templates(dir: &Path) -> Result<Vec<TemplateOverride>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if !name.ends_with(".hbs") || name.starts_with('.') || !path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        out.push(TemplateOverride { name, origin: path.display().to_string(), text });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

pub fn run(source: &DataSource, args: &ReportArgs, quiet: bool) -> Result<ExitCode> {
    // Override expiry is checked against the report date, so a report can be rebuilt exactly.
    let resolved = inputs::resolve(&args.input)?;
    let report_date = report_date(args, &resolved)?;
    let mut input = args.input.clone();
    if input.as_of.is_none() {
        input.as_of = report_date.map(|d| d.to_string());
    }
    let (loaded, resolved) = inputs::load(source, &input)?;
    let (matrix, warnings) = inputs::matrix(&loaded)?;
    if !quiet {
        for w in warnings.warnings() {
            eprintln!("{w}");
        }
    }
    let meta = meta(args, &resolved, &loaded.catalogs, report_date)?;
    let report = Report { matrix, meta, options: options(args)? };
    let files = artifacts(&report)?;
    std::fs::create_dir_all(&args.out).map_err(|e| Error::io(&args.out, e))?;
    for (name, bytes) in &files {
        let path = args.out.join(name);
        output::write_atomic(&path, bytes)?;
        if !quiet {
            eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Every artifact's file name and bytes. Nothing is written unless all of them rendered.
pub fn artifacts(report: &Report) -> Result<Vec<(&'static str, Vec<u8>)>> {
    Ok(vec![
        ("matrix.json", render::json::render(&report.matrix)),
        (render::xlsx::FILE_NAME, render::xlsx::render(report)?),
        ("responsibility-matrix.html", render::html::render_html(report)?),
        ("responsibility-matrix.md", render::markdown::render_markdown(report)?),
        (render::pdf::FILE_NAME, render::pdf::render(report)?),
    ])
}

/// `--date`, else the project file's `report_date`, else SOURCE_DATE_EPOCH; never the clock.
fn report_date(args: &ReportArgs, r: &inputs::Resolved) -> Result<Option<Date>> {
    Ok(match (&args.date, r.project.report_date) {
        (Some(t), _) => Some(Date::parse(t).ok_or_else(|| Error::Usage(format!("--date {t}: expected YYYY-MM-DD")))?),
        (None, Some(d)) => Some(d),
        (None, None) => match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(_) => Some(inputs::as_of(None)?),
            Err(_) => None,
        },
    })
}

fn meta(
    args: &ReportArgs,
    r: &inputs::Resolved,
    catalogs: &[respmatrix::model::Catalog],
    report_date: Option<Date>,
) -> Result<ReportMeta> {
    let p = &r.project;
    let mut files = Vec::new();
    if let Some(path) = &r.project_path {
        files.push(hash("project", path)?);
    }
    files.push(hash("inventory", &r.inventory)?);
    if let Some(path) = &r.overrides {
        files.push(hash("overrides", path)?);
    }
    // Every file a framework was read from: a profile and the catalog it resolved to.
    for path in catalogs.iter().flat_map(|c| &c.inputs) {
        files.push(hash("framework", Path::new(path))?);
    }
    Ok(ReportMeta {
        organization: args
            .org
            .clone()
            .or_else(|| p.organization.clone())
            .unwrap_or_else(|| "Organization not set".into()),
        scope: args.scope.clone().or_else(|| p.scope.clone()).unwrap_or_default(),
        period: args.period.clone().or_else(|| p.period.clone()).unwrap_or_default(),
        report_date,
        inputs: files,
    })
}

fn hash(role: &str, path: &Path) -> Result<InputFile> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(InputFile { role: role.to_string(), path: path.display().to_string(), sha256: sha256_hex(&bytes) })
}
