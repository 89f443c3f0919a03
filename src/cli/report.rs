//! `respmatrix report`: every artifact rendered in parallel, staged beside its destination,
//! then renamed into `--out DIR` only when all of them succeeded.

use super::progress::Progress;
use super::{inputs, leftovers, memory, output, report_set, InputArgs};
use clap::{Args, ValueEnum};
use respmatrix::data::embedded::DataSource;
use respmatrix::diag::Location;
use respmatrix::error::{Error, Result};
use respmatrix::grouping::GroupBy;
use respmatrix::model::Date;
use respmatrix::render;
use respmatrix::render::artifacts::{render_streaming, Renderer, Stream, ARTIFACTS, JSON_FILE};
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
    /// Layout of matrix.json: `compact` (matrix@2, each distinct text stored once; the default of
    /// `report`) or `inline` (matrix@1, the prose written out in every cell, for consumers that
    /// read only @1; the default of `package`, whose bags have always carried @1).
    #[arg(long, value_enum, value_name = "LAYOUT")]
    pub json_layout: Option<super::map::JsonLayoutArg>,
    /// The artifacts to write, comma-separated (default: the five report artifacts; `oscal`,
    /// the OSCAL SSP, and `profiles`, the responsibilities by profile, on request). The others
    /// in the folder are left as they are.
    #[arg(long, value_enum, value_name = "LIST", value_delimiter = ',', default_value = "xlsx,pdf,html,md,json")]
    pub formats: Vec<FormatArg>,
    /// A previous report (its folder, or its workbook as reviewers saved it): Owner, Evidence,
    /// Review status and Reviewer notes are carried into the new workbook pair by pair.
    #[arg(long, value_name = "DIR|XLSX")]
    pub previous: Option<PathBuf>,
    /// A reviews ledger (`respmatrix reviews export`) to carry, alone or with --previous.
    #[arg(long, value_name = "FILE")]
    pub reviews: Option<PathBuf>,
    /// Also write the FedRAMP CIS/CRM workbook of this level (`fedramp-<level>-cis-crm.xlsx`, the
    /// Rev 5 SSP Appendix J layout), from the matching FedRAMP baseline among the frameworks.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fedramp: Option<super::report_fedramp::FedrampArg>,
    /// Replace a workbook holding reviewer input that --previous does not carry (the old one
    /// is kept beside the new one as responsibility-matrix.previous.xlsx).
    #[arg(long)]
    pub force: bool,
    /// OSCAL version of ssp.oscal.json (with `--formats …,oscal`).
    #[arg(long, value_enum, value_name = "VERSION")]
    pub oscal_version: Option<OscalVersionArg>,
}

/// `report --oscal-version`.
#[derive(Clone, Copy, ValueEnum)]
pub enum OscalVersionArg {
    #[value(name = "1.1.3")]
    V1_1_3,
    #[value(name = "1.2.1")]
    V1_2_1,
}

/// An artifact of `report --formats`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// responsibility-matrix.xlsx, the auditor workbook.
    Xlsx,
    /// responsibility-matrix.pdf.
    Pdf,
    /// responsibility-matrix.html.
    Html,
    /// responsibility-matrix.md.
    Md,
    /// matrix.json (see --json-layout).
    Json,
    /// ssp.oscal.json, the OSCAL System Security Plan (see --oscal-version).
    Oscal,
    /// responsibilities-by-profile.pdf: per service model, what each party does for every
    /// control shared or the organization's for any of its services.
    Profiles,
}

impl FormatArg {
    fn file(self) -> &'static str {
        match self {
            FormatArg::Xlsx => render::xlsx::FILE_NAME,
            FormatArg::Pdf => render::pdf::FILE_NAME,
            FormatArg::Html => render::html::FILE_NAME,
            FormatArg::Md => render::markdown::FILE_NAME,
            FormatArg::Json => JSON_FILE,
            FormatArg::Oscal => render::oscal::FILE_NAME,
            FormatArg::Profiles => render::pdf::PROFILES_FILE,
        }
    }
}

const FORMATS_ALL: [FormatArg; 7] = [
    FormatArg::Xlsx,
    FormatArg::Pdf,
    FormatArg::Html,
    FormatArg::Md,
    FormatArg::Json,
    FormatArg::Oscal,
    FormatArg::Profiles,
];

/// The renderers of the chosen artifacts besides matrix.json, in the order `ARTIFACTS` lists
/// them (the workbook, the slowest, first); whether matrix.json is chosen.
fn chosen(formats: &[FormatArg]) -> (Vec<(&'static str, Renderer)>, bool) {
    let files: Vec<&str> = formats.iter().map(|f| f.file()).collect();
    let mut renderers: Vec<(&str, Renderer)> =
        ARTIFACTS.iter().filter(|(name, _)| files.contains(name)).copied().collect();
    if formats.contains(&FormatArg::Oscal) {
        renderers.push((render::oscal::FILE_NAME, render::oscal::render));
    }
    if formats.contains(&FormatArg::Profiles) {
        renderers.push((render::pdf::PROFILES_FILE, render::pdf::render_profiles));
    }
    (renderers, formats.contains(&FormatArg::Json))
}

/// The renderers `report` runs: the chosen formats, plus the FedRAMP workbook when asked for.
pub(super) fn renderers(args: &ReportArgs) -> (Vec<(&'static str, Renderer)>, bool) {
    let (mut renderers, json) = chosen(&args.formats);
    renderers.extend(super::report_fedramp::renderer(args.fedramp));
    (renderers, json)
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
        review: None,
        audit: None,
        oscal_version: match args.oscal_version {
            Some(OscalVersionArg::V1_2_1) => render::oscal::OscalVersion::V1_2_1,
            _ => render::oscal::OscalVersion::V1_1_3,
        },
        fedramp: args.fedramp.map(super::report_fedramp::FedrampArg::level),
        json_layout: args.json_layout.map_or(render::json::Layout::Compact, super::map::JsonLayoutArg::layout),
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
        let text = respmatrix::ingest::limits::read_inside(dir, &path)?;
        out.push(TemplateOverride { name, origin: path.display().to_string(), text });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// A report read and mapped, ready to render (shared by `report` and `package`).
pub struct Prepared {
    pub report: Report,
    pub warnings: respmatrix::diag::Diagnostics,
    pub loaded: inputs::Loaded,
    pub resolved: inputs::Resolved,
}

/// Reads the inputs, maps them and builds the report's front matter.
pub fn prepare(source: &DataSource, args: &ReportArgs, quiet: bool, progress: &Progress) -> Result<Prepared> {
    progress.doing("reading inputs");
    // Override expiry is checked against the report date, so a report can be rebuilt exactly.
    let resolved = inputs::resolve(&args.input)?;
    let report_date = report_date(args, &resolved)?;
    let as_of = match (&args.input.as_of, report_date) {
        (None, Some(d)) => d,
        (flag, _) => {
            if flag.is_none() && !quiet && std::env::var_os("SOURCE_DATE_EPOCH").is_none() {
                eprintln!(
                    "note: no report date (--date, report_date or SOURCE_DATE_EPOCH): override expiry is \
                     checked against today"
                );
            }
            inputs::as_of(flag.as_deref())?
        }
    };
    let (loaded, resolved) = inputs::load_resolved(source, &args.input, resolved, as_of)?;
    progress.done("reading inputs");
    let (matrix, mut warnings) = inputs::matrix(&loaded)?;
    progress.done("mapping");
    let meta = meta(args, &resolved, &loaded.catalogs, report_date)?;
    let place = || Location::file(resolved.project_path.as_ref().map_or("report".into(), |p| p.display().to_string()));
    if args.org.is_none() && resolved.project.organization.is_none() {
        warnings.warning(
            place(),
            "no organization (--org or `organization:` in the project file): the report says \"Organization not set\"",
        );
    }
    if report_date.is_none() {
        warnings.warning(place(), "no report date (--date, `report_date:` or SOURCE_DATE_EPOCH): the artifacts say \"not set\" and carry no creation date");
    }
    let report = Report { matrix, meta, options: options(args)? };
    if let Some(message) = render::pdf::missing_glyphs(&report) {
        warnings.warning(Location::file(args.out.join(render::pdf::FILE_NAME).display().to_string()), message);
    }
    Ok(Prepared { report, warnings, loaded, resolved })
}

pub fn run(source: &DataSource, args: &ReportArgs, quiet: bool) -> Result<ExitCode> {
    let (renderers, json) = renderers(args);
    let workbook = renderers.iter().any(|(name, _)| *name == render::xlsx::FILE_NAME);
    if !workbook && (args.previous.is_some() || args.reviews.is_some()) {
        return Err(Error::Usage(
            "--previous and --reviews carry reviews into the workbook: add xlsx to --formats".into(),
        ));
    }
    if args.oscal_version.is_some() && !args.formats.contains(&FormatArg::Oscal) {
        return Err(Error::Usage("--oscal-version is the version of the OSCAL SSP: add oscal to --formats".into()));
    }
    let progress = Progress::new(quiet, 2 + json as u64 + renderers.len() as u64);
    let Prepared { mut report, warnings, loaded, resolved } = prepare(source, args, quiet, &progress)?;
    super::report_fedramp::check(&report)?;
    let namer = super::provenance::Namer::new(resolved.project_path.as_deref());
    let flags = super::carry::Flags {
        out: &args.out,
        previous: args.previous.as_deref(),
        reviews: args.reviews.as_deref(),
        force: args.force,
        expiring_within: loaded.expiring_within,
        namer: &namer,
    };
    // Without the workbook no workbook is replaced, so there is nothing to guard or carry.
    let plan = match workbook {
        true => super::carry::plan(&flags, &report.matrix)?,
        false => super::carry::Plan { carried: None, keep: None },
    };
    let carried_line = plan.carried.as_ref().map(super::carry::summary);
    report.options.review = plan.carried.map(std::sync::Arc::new);
    std::fs::create_dir_all(&args.out).map_err(|e| Error::io(&args.out, e))?;
    let kept = plan.keep.as_ref().map(super::carry::keep).transpose()?;
    // The inputs as read (catalogs with their prose, compiled statement templates, the
    // inventory) are all in the matrix by now: gone before the renderers need the memory.
    let input_files = inputs::input_files(&loaded, &resolved);
    drop(loaded);
    memory::release();
    progress.doing("rendering");
    let staged = write_artifacts(&report, args, &input_files, &progress)?;
    let left: Vec<String> = FORMATS_ALL
        .iter()
        .filter(|f| !args.formats.contains(f))
        .map(|f| args.out.join(f.file()))
        .filter(|p| p.exists())
        .map(|p| p.display().to_string())
        .collect();
    progress.finish();
    if !quiet {
        for w in warnings.warnings() {
            eprintln!("{}", super::color::paint(&w.to_string(), super::color::Stream::Stderr));
        }
        for (path, bytes) in &staged {
            eprintln!("wrote {} ({bytes} bytes)", path.display());
        }
        if !left.is_empty() {
            eprintln!("left as they were (not in --formats): {}", left.join(", "));
        }
        if let Some(line) = &carried_line {
            eprintln!("{line}");
        }
        if let Some(path) = kept {
            eprintln!("kept the replaced workbook, with its reviewer input, as {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Streams matrix.json into the staging folder while the other artifacts render in parallel,
/// then swaps the whole set in (see `report_set`): a failure anywhere leaves the folder as it
/// was. The folder is locked meanwhile, and what killed runs left there is cleaned first.
fn write_artifacts(
    report: &Report,
    args: &ReportArgs,
    inputs: &[PathBuf],
    progress: &Progress,
) -> Result<Vec<(PathBuf, u64)>> {
    let out = args.out.as_path();
    let (renderers, with_json) = renderers(args);
    let mut names: Vec<&str> = if with_json { vec![JSON_FILE] } else { Vec::new() };
    names.extend(renderers.iter().map(|(n, _)| *n));
    for name in &names {
        output::replaceable(&out.join(name))?;
        output::not_an_input(&out.join(name), inputs)?;
    }
    let _lock = leftovers::lock(out)?;
    report_set::recover(out);
    leftovers::clean_dead_temp_files(out);
    let staging = report_set::Staging::begin(out)?;
    let layout = report.options.json_layout;
    let json = || {
        let written = staging.create(JSON_FILE).and_then(|mut f| {
            render::json::write_layout(&report.matrix, layout, &mut f)
                .map_err(|e| Error::io(out.join(JSON_FILE), e))?;
            report_set::start_writeback(&f);
            Ok(())
        });
        progress.done(JSON_FILE);
        written
    };
    // Each artifact goes to its staged file as soon as it is rendered, so at most two are in
    // memory at once.
    render_streaming(report, &renderers, with_json.then_some(&json as Stream), |_, name, bytes| {
        staging.write(name, &bytes)?;
        drop(bytes);
        progress.done(name);
        memory::release();
        Ok(())
    })?;
    staging.commit(&names)
}

/// `--date`, else the project file's `report_date`, else SOURCE_DATE_EPOCH; never the clock.
fn report_date(args: &ReportArgs, r: &inputs::Resolved) -> Result<Option<Date>> {
    Ok(match (&args.date, r.project.report_date) {
        (Some(t), _) => Some(Date::parse(t).ok_or_else(|| Error::Usage(format!("--date {t}: expected YYYY-MM-DD")))?),
        (None, Some(d)) => Some(d),
        (None, None) => inputs::source_date()?,
    })
}

fn meta(
    args: &ReportArgs,
    r: &inputs::Resolved,
    catalogs: &[respmatrix::model::Catalog],
    report_date: Option<Date>,
) -> Result<ReportMeta> {
    let p = &r.project;
    let namer = super::provenance::Namer::new(r.project_path.as_deref());
    let mut files = Vec::new();
    if let Some(path) = &r.project_path {
        files.push(hash(&namer, "project", path)?);
    }
    files.push(hash(&namer, "inventory", &r.inventory)?);
    if let Some(path) = &r.overrides {
        files.push(hash(&namer, "overrides", path)?);
    }
    for c in &r.crosswalks {
        files.push(hash(&namer, "crosswalk", &c.path)?);
    }
    for (_, path) in &r.provider_data {
        files.push(hash(&namer, "provider data", path)?);
    }
    // Every file a framework was read from: a profile and the catalog it resolved to.
    for path in catalogs.iter().flat_map(|c| &c.inputs) {
        files.push(hash(&namer, "framework", Path::new(path))?);
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
        document: p.document.clone(),
        attestations: p.attestations.iter().map(attestation).collect(),
    })
}

/// A project file's attestation as artifacts cite it.
fn attestation(a: &respmatrix::ingest::attestations::ProviderAttestation) -> respmatrix::report::Attestation {
    respmatrix::report::Attestation {
        provider: a.provider.clone(),
        kind: a.kind.clone(),
        id: a.id.clone(),
        title: a.title.clone(),
        period: a.period.map(|p| (p.start, p.end)),
        valid_until: a.valid_until,
        file: a.file.as_ref().map(|(written, _)| written.clone()),
    }
}

/// An input's digest, named as artifacts name inputs (see `provenance`).
fn hash(namer: &super::provenance::Namer, role: &str, path: &Path) -> Result<InputFile> {
    let bytes = respmatrix::ingest::limits::read_input(path)?;
    let shown = namer.name(&path.display().to_string());
    Ok(InputFile { role: role.to_string(), path: shown, sha256: sha256_hex(&bytes) })
}
