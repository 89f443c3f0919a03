//! `respmatrix package`: the report's inputs and options, plus evidence, written as a BagIt
//! bag folder (and with `--zip` a deterministic zip beside it) for an assessor.

use super::package_evidence::{self as evidence, Sources};
use super::progress::Progress;
use super::report::{prepare, FormatArg, Prepared, ReportArgs};
use super::{bag_write, inputs};
use clap::Args;
use ed25519_dalek::SigningKey;
use respmatrix::data::embedded::DataSource;
use respmatrix::error::{Error, Result};
use respmatrix::model::Date;
use respmatrix::package::evidence::{assess, Evidence, Links, Reference, Target};
use respmatrix::package::requests::Request;
use respmatrix::package::{bagit, names, payload, period::Period, requests, sign, zip, BagFile};
use respmatrix::render::artifacts::Renderer;
use respmatrix::report::{sha256_hex, InputFile, Report};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
#[command(after_help = "The bag's data/report/ holds the report artifacts `--formats` chooses, rendered as \
`report` renders them (default: matrix.json, matrix@1 in a bag unless --json-layout compact, the workbook, the PDF, HTML and Markdown). \
The OSCAL SSP (ssp.oscal.json) is opt-in, as with `report`: add `oscal` to --formats (`--formats \
xlsx,pdf,html,md,json,oscal`; --oscal-version for 1.2.1). --fedramp LEVEL adds the FedRAMP CIS/CRM workbook \
(fedramp-<level>-cis-crm.xlsx), which needs that level's baseline among the frameworks.")]
pub struct PackageArgs {
    #[command(flatten)]
    pub report: ReportArgs,
    /// Evidence file (YAML): each piece of evidence, its file, dates, source, method and the
    /// controls and services it serves.
    #[arg(long, value_name = "FILE")]
    pub evidence: Option<PathBuf>,
    /// Folder evidence paths are relative to; its files that nothing references are packaged
    /// too, listed as serving nothing.
    #[arg(long, value_name = "DIR")]
    pub evidence_dir: Option<PathBuf>,
    /// Also write the bag as one zip, `DIR.zip` beside the folder.
    #[arg(long)]
    pub zip: bool,
    /// Due date of the requests (YYYY-MM-DD; default: the report date).
    #[arg(long, value_name = "DATE")]
    pub due: Option<String>,
    /// Sign the tag manifest with this Ed25519 private key (PKCS#8 PEM, as
    /// `openssl genpkey -algorithm ed25519` writes it); checked by `verify --pubkey`.
    #[arg(long, value_name = "KEY.pem")]
    pub sign_key: Option<PathBuf>,
}

/// The evidence of a run: each piece with its file and findings, the files to package, the
/// links to cells, the request list, and every path read (never to be overwritten).
struct Collected {
    items: Vec<Evidence>,
    files: Vec<BagFile>,
    links: Links,
    requests: Vec<Request>,
    read_from: Vec<PathBuf>,
}

pub fn run(source: &DataSource, args: &PackageArgs, quiet: bool) -> Result<ExitCode> {
    check_formats(&args.report)?;
    let (renderers, with_json) = super::report::renderers(&args.report);
    let progress = Progress::new(quiet, 6);
    let Prepared { mut report, warnings, loaded, resolved } = prepare(source, &args.report, quiet, &progress)?;
    // A bag carries matrix@1 unless --json-layout compact asks for @2.
    if args.report.json_layout.is_none() {
        report.options.json_layout = respmatrix::render::json::Layout::Inline;
    }
    // A missing FedRAMP baseline is refused before the evidence is read, as `report` does.
    super::report_fedramp::check(&report)?;
    // The bag's workbook carries the reviews of --previous / --reviews, as `report` would.
    if args.report.previous.is_some() || args.report.reviews.is_some() {
        let namer = super::provenance::Namer::new(resolved.project_path.as_deref());
        let flags = super::carry::Flags {
            out: &args.report.out,
            previous: args.report.previous.as_deref(),
            reviews: args.report.reviews.as_deref(),
            force: true,
            expiring_within: loaded.expiring_within,
            namer: &namer,
        };
        let plan = super::carry::plan(&flags, &report.matrix)?;
        report.options.review = plan.carried.map(std::sync::Arc::new);
    }
    let key = args.sign_key.as_deref().map(read_key).transpose()?;
    let date = report.meta.report_date.ok_or_else(|| {
        Error::Usage(
            "a package needs a report date (--date, report_date in the project file, or SOURCE_DATE_EPOCH): it is the \
             bag's date and its zip's timestamps"
                .into(),
        )
    })?;
    let due = match &args.due {
        Some(t) => Date::parse(t).ok_or_else(|| Error::Usage(format!("--due {t}: expected YYYY-MM-DD")))?,
        None => date,
    };
    progress.doing("reading evidence");
    let c = collect(args, &report, &loaded, &resolved, date, due)?;
    let out = &args.report.out;
    // Refused before the rendering, not after it.
    bag_write::check_destination(out, &c.read_from)?;
    progress.done("reading evidence");
    let mut input_bytes = read_inputs(&report.meta.inputs, &loaded, &resolved)?;
    if let Some(path) = &args.evidence {
        let bytes = respmatrix::ingest::limits::read_input(path)?;
        let namer = super::provenance::Namer::new(resolved.project_path.as_deref());
        let shown = namer.name(&path.display().to_string());
        report.meta.inputs.push(InputFile { role: "evidence".into(), path: shown.clone(), sha256: sha256_hex(&bytes) });
        input_bytes.push((shown, "evidence".into(), bytes));
    }
    report.options.audit = Some(std::sync::Arc::new(audit_tables(&report, &c)));
    progress.doing("rendering");
    let artifacts = render(&report, &renderers, with_json)?;
    progress.done("rendering");
    let files = payload::build(payload::Parts {
        report: &report,
        artifacts,
        inputs: bag_inputs(input_bytes),
        evidence: &c.items,
        evidence_files: c.files,
        links: &c.links,
        requests: &c.requests,
    });
    let bag = bag(files, &report.meta, date, key.as_ref())?;
    let zip_path = zip_path(out);
    let zipped = match args.zip {
        true => {
            let top = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "package".into());
            Some(zip::write(&top, &bag, date).map_err(|m| Error::Render { artifact: "zip".into(), message: m })?)
        }
        false => None,
    };
    progress.doing("writing");
    bag_write::write(out, &bag, zipped.as_deref().map(|z| (zip_path.as_path(), z)), &c.read_from)?;
    progress.finish();
    if !quiet {
        for w in warnings.warnings() {
            eprintln!("{}", super::color::paint(&w.to_string(), super::color::Stream::Stderr));
        }
        summary(
            &c.items,
            c.requests.len(),
            out,
            &bag,
            key.as_ref(),
            zipped.as_deref().map(|z| (zip_path.as_path(), z)),
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Gathers, reads and assesses the evidence, links it to cells and builds the request list.
fn collect(
    args: &PackageArgs,
    report: &Report,
    loaded: &inputs::Loaded,
    resolved: &inputs::Resolved,
    date: Date,
    due: Date,
) -> Result<Collected> {
    let sources = Sources {
        inventory: &loaded.inventory,
        inventory_path: &resolved.inventory,
        evidence_file: args.evidence.as_deref(),
        evidence_dir: args.evidence_dir.as_deref(),
        attestations: &resolved.project.attestations,
        outputs: vec![args.report.out.clone(), zip_path(&args.report.out)],
    };
    let namer = super::provenance::Namer::new(resolved.project_path.as_deref());
    let mut refs = evidence::gather(&sources, extra_references(args, &namer)?)?;
    evidence::name_origins(&mut refs, &namer, &sources);
    let mut read_from: Vec<PathBuf> = inputs::input_files(loaded, resolved);
    read_from.extend(args.evidence.iter().cloned());
    read_from.extend(args.evidence_dir.iter().cloned());
    read_from.extend(args.sign_key.iter().cloned());
    read_from.extend(refs.iter().filter_map(|r| match &r.target {
        Target::File(p) => Some(p.clone()),
        _ => None,
    }));
    let (mut items, files) = evidence::read(refs)?;
    let links = Links::new(&report.matrix, &items);
    assess(&mut items, &links, date, Period::parse(&report.meta.period));
    let notes = evidence::attestation_notes(&resolved.project.attestations);
    let requests = requests::build(&report.matrix, &links, &notes, &due.to_string());
    Ok(Collected { items, files, links, requests, read_from })
}

/// The bag around the payload, its tag manifest signed when a key is given.
fn bag(
    files: Vec<BagFile>,
    meta: &respmatrix::report::ReportMeta,
    date: Date,
    key: Option<&SigningKey>,
) -> Result<Vec<BagFile>> {
    let info = bagit::BagInfo {
        source_organization: meta.organization.clone(),
        bagging_date: Some(date),
        period: meta.period.clone(),
        scope: meta.scope.clone(),
        software: respmatrix::GENERATOR.to_string(),
        signing_key: key.map(|k| sign::fingerprint(&k.verifying_key())),
    };
    let mut bag = bagit::build(files, &info).map_err(|m| Error::Render { artifact: "bag".into(), message: m })?;
    if let Some(key) = key {
        let tagmanifest = bag.iter().find(|(p, _)| p == bagit::TAGMANIFEST_SHA256).map(|(_, b)| b.as_slice());
        let signature = sign::sign(key, tagmanifest.unwrap_or_default());
        bag.push((sign::SIG_FILE.to_string(), signature));
        bag.sort_by(|a, b| a.0.cmp(&b.0));
    }
    Ok(bag)
}

/// What was written, and every evidence finding, on stderr.
fn summary(
    items: &[Evidence],
    requests: usize,
    out: &Path,
    bag: &[BagFile],
    key: Option<&SigningKey>,
    zipped: Option<(&Path, &[u8])>,
) {
    for e in items {
        for f in &e.findings {
            let r = &e.reference;
            eprintln!("warning: {}: evidence {}: {}: {}", r.origin, r.id, f.kind.id(), f.message);
        }
    }
    let payload: Vec<_> = bag.iter().filter(|(p, _)| p.starts_with("data/")).collect();
    let bytes: usize = payload.iter().map(|(_, b)| b.len()).sum();
    eprintln!("wrote {} (BagIt bag: {} payload files, {bytes} bytes)", out.display(), payload.len());
    if let Some(k) = key {
        eprintln!("signed {} with the Ed25519 key {}", sign::SIG_FILE, sign::fingerprint(&k.verifying_key()));
    }
    if let Some((path, z)) = zipped {
        eprintln!("wrote {} ({} bytes, sha256 {})", path.display(), z.len(), sha256_hex(z));
    }
    eprintln!(
        "{} evidence items, {requests} requests; check it with `respmatrix verify {}`",
        items.len(),
        out.display()
    );
}

/// The workbook's Request List and Statements of Applicability, with the evidence collected.
fn audit_tables(report: &Report, c: &Collected) -> respmatrix::render::xlsx::audit::AuditTables {
    use respmatrix::package::{requests, soa};
    use respmatrix::render::xlsx::audit::{soa_sheet, AuditTables, Table, REQUESTS_SHEET};
    let m = &report.matrix;
    let ids: Vec<&str> = c.items.iter().map(|e| e.reference.id.as_str()).collect();
    let mut tables = vec![(REQUESTS_SHEET.to_string(), Table::Csv(requests::csv(m, &c.requests, &c.items)))];
    for fi in soa::iso_frameworks(m) {
        let reviewed = report.options.review.as_deref().map(|c| &c.soa);
        let table = Table::Csv(soa::csv(m, fi, &c.requests, &ids, &c.links, reviewed));
        tables.push((soa_sheet(&m.frameworks[fi].id), table));
    }
    AuditTables { tables }
}

/// Evidence references from the reviewers' Evidence cells of `--previous` (a reviewed workbook
/// or report folder) and `--reviews` (a ledger): each entry (one per line or `;`) becomes
/// evidence of its (control, service) pair, paths relative to the file it was read from; the
/// origins name that file as artifacts name inputs.
fn extra_references(args: &PackageArgs, namer: &super::provenance::Namer) -> Result<Vec<Reference>> {
    use respmatrix::package::declared::{from_reviewers, ReviewerCell};
    use respmatrix::review::{ledger, previous};
    let mut out = Vec::new();
    let sources = [
        args.report.previous.as_deref().map(|p| (p, previous::workbook_of(p).unwrap_or_else(|| p.to_path_buf()))),
        args.report.reviews.as_deref().map(|p| (p, p.to_path_buf())),
    ];
    for (given, file) in sources.into_iter().flatten() {
        let mut prior = match previous::workbook_of(given) {
            Some(_) => previous::load(given)?,
            None => ledger::read(given)?,
        };
        previous::record_names(&mut prior, |typed| namer.name(typed));
        let cells: Vec<ReviewerCell> = prior
            .pairs
            .iter()
            .filter(|p| !p.entry.evidence.trim().is_empty())
            .map(|p| ReviewerCell {
                framework: p.framework.clone(),
                control: p.control.clone(),
                service: p.service.clone(),
                evidence: p.entry.evidence.clone(),
                origin: format!("{} (reviewer Evidence, row {})", prior.source, p.row),
            })
            .collect();
        let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
        out.extend(from_reviewers(&cells, &base));
    }
    Ok(out)
}

/// The signing key (read bounded; its bytes never appear in a message).
fn read_key(path: &Path) -> Result<SigningKey> {
    let bytes = respmatrix::ingest::limits::read_file(path, 64 * 1024)?;
    let text =
        String::from_utf8(bytes).map_err(|_| Error::Usage(format!("{}: not a PEM text file", path.display())))?;
    sign::signing_key(&text).map_err(|why| Error::Usage(format!("{}: {why}", path.display())))
}

/// `OUT.zip` beside the folder `OUT`.
fn zip_path(out: &Path) -> PathBuf {
    let mut name = out.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".zip");
    out.with_file_name(name)
}

/// `report`'s rules for the artifact options, checked before anything is read.
fn check_formats(args: &ReportArgs) -> Result<()> {
    if !args.formats.contains(&FormatArg::Xlsx) && (args.previous.is_some() || args.reviews.is_some()) {
        return Err(Error::Usage(
            "--previous and --reviews carry reviews into the bag's workbook: add xlsx to --formats".into(),
        ));
    }
    if args.oscal_version.is_some() && !args.formats.contains(&FormatArg::Oscal) {
        return Err(Error::Usage("--oscal-version is the version of the OSCAL SSP: add oscal to --formats".into()));
    }
    Ok(())
}

/// The chosen report artifacts in memory (those of `--formats`, and the FedRAMP workbook of
/// `--fedramp`), by the renderers `report` runs. They render first; `matrix.json` (matrix@1
/// unless `--json-layout compact`) then goes through an unnamed temp file and is read back at its exact
/// size, so a 400 MB matrix is held once, not in a growing buffer beside the renderers'
/// working memory.
fn render(
    report: &respmatrix::report::Report,
    renderers: &[(&'static str, Renderer)],
    with_json: bool,
) -> Result<Vec<(String, Vec<u8>)>> {
    use respmatrix::render::artifacts::{render_these, JSON_FILE};
    let rendered = render_these(report, renderers, |_| super::memory::release())?;
    let mut out = Vec::new();
    if with_json {
        out.push((JSON_FILE.to_string(), json(report)?));
    }
    out.extend(rendered.into_iter().map(|(n, b)| (n.to_string(), b)));
    Ok(out)
}

/// `matrix.json` in the report's layout through an unnamed temp file, read back at its exact size.
fn json(report: &respmatrix::report::Report) -> Result<Vec<u8>> {
    use respmatrix::render::artifacts::JSON_FILE;
    use std::io::{Read, Seek, Write};
    let fail = |e: std::io::Error| Error::Render { artifact: JSON_FILE.into(), message: e.to_string() };
    let mut tmp = tempfile::tempfile().map_err(fail)?;
    {
        let mut w = std::io::BufWriter::new(&mut tmp);
        respmatrix::render::json::write_layout(&report.matrix, report.options.json_layout, &mut w).map_err(fail)?;
        w.flush().map_err(fail)?;
    }
    let len = tmp.stream_position().map_err(fail)?;
    tmp.rewind().map_err(fail)?;
    let mut json = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    tmp.read_to_end(&mut json).map_err(fail)?;
    Ok(json)
}

/// The input files exactly as read, in the order the report lists them; a file that changed
/// since it was read is an error (the package would not match its own report).
fn read_inputs(
    listed: &[InputFile],
    loaded: &inputs::Loaded,
    resolved: &inputs::Resolved,
) -> Result<Vec<(String, String, Vec<u8>)>> {
    // The order `report::meta` lists them in: project, inventory, overrides, crosswalks,
    // provider data, frameworks (zipped with `listed`, so one left out here shifts the rest).
    let mut paths: Vec<PathBuf> = resolved.project_path.iter().cloned().collect();
    paths.push(resolved.inventory.clone());
    paths.extend(resolved.overrides.iter().cloned());
    paths.extend(resolved.crosswalks.iter().map(|c| c.path.clone()));
    paths.extend(resolved.provider_data.iter().map(|(_, p)| p.clone()));
    paths.extend(loaded.catalogs.iter().flat_map(|c| &c.inputs).map(PathBuf::from));
    if paths.len() != listed.len() {
        return Err(Error::Usage(format!(
            "internal: {} input files read, {} listed in the report",
            paths.len(),
            listed.len()
        )));
    }
    let mut out = Vec::new();
    for (path, file) in paths.iter().zip(listed) {
        let bytes = respmatrix::ingest::limits::read_input(path)?;
        if sha256_hex(&bytes) != file.sha256 {
            return Err(Error::Usage(format!(
                "{}: changed while respmatrix was reading it; run again when it is no longer being written",
                path.display()
            )));
        }
        out.push((file.path.clone(), file.role.clone(), bytes));
    }
    Ok(out)
}

/// Input files under portable, unique names (`inputs/inventory.xlsx`, `inputs/sub/c.json`).
fn bag_inputs(list: Vec<(String, String, Vec<u8>)>) -> Vec<(String, String, Vec<u8>)> {
    let mut unique = names::Unique::default();
    list.into_iter()
        .map(|(shown, role, bytes)| {
            let parts: Vec<String> =
                shown.split('/').filter(|p| !p.is_empty() && *p != "..").map(names::portable).collect();
            let (file, folders) = parts.split_last().map(|(f, d)| (f.clone(), d.join("/"))).unwrap_or_default();
            let folder = if folders.is_empty() { "inputs".to_string() } else { format!("inputs/{folders}") };
            let path = unique.take(&folder, &file);
            (path.trim_start_matches("inputs/").to_string(), role, bytes)
        })
        .collect()
}
