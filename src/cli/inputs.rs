//! Reads every input a mapping command needs, and builds the matrix.

use super::InputArgs;
use respmatrix::data::{self, embedded::DataSource};
use respmatrix::diag::{Diagnostics, Location};
use respmatrix::engine::{self, Statements};
use respmatrix::error::{Error, Result};
use respmatrix::ingest;
use respmatrix::ingest::project::Project;
use respmatrix::model::{Catalog, ControlOverride, Counterpart, Date, Inventory, Registry};
use respmatrix::view::Matrix;
use std::path::{Path, PathBuf};

/// All inputs, read and validated.
pub struct Loaded {
    pub registry: Registry,
    pub statements: Statements,
    pub catalogs: Vec<Catalog>,
    pub inventory: Inventory,
    pub overrides: Vec<ControlOverride>,
    pub as_of: Date,
    /// `--expiring-within`, in days.
    pub expiring_within: i64,
    pub counterpart: Counterpart,
    pub warnings: Diagnostics,
    /// The built-in crosswalks and the user's.
    pub crosswalks: Vec<respmatrix::crosswalk::Crosswalk>,
    /// Providers' own responsibility data, applied to their services.
    pub provider_data: Vec<respmatrix::model::ProviderData>,
}

/// `--expiring-within`: days as `30`, `30d` or `4w`.
pub fn expiring_within(text: &str) -> Result<i64> {
    let t = text.trim().to_ascii_lowercase();
    let (num, unit) = match t.strip_suffix('w') {
        Some(n) => (n, 7),
        None => (t.strip_suffix('d').unwrap_or(&t), 1),
    };
    match num.trim().parse::<i64>() {
        Ok(n) if (0..=36_600).contains(&n) && n * unit <= 36_600 => Ok(n * unit),
        _ => Err(Error::Usage(format!(
            "--expiring-within {}: expected days such as 30d, 4w or 45 (at most 100 years)",
            respmatrix::diag::excerpt(text, 40)
        ))),
    }
}

/// The day expiry dates are checked against: `--as-of`, else SOURCE_DATE_EPOCH, else today
/// (`as_of_for` puts the project's report date before SOURCE_DATE_EPOCH).
pub fn as_of(flag: Option<&str>) -> Result<Date> {
    if let Some(text) = flag {
        return Date::parse(text).ok_or_else(|| Error::Usage(format!("--as-of {text}: expected a date YYYY-MM-DD")));
    }
    if let Some(date) = source_date()? {
        return Ok(date);
    }
    let secs =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    Ok(Date::from_unix_seconds(secs))
}

/// The latest SOURCE_DATE_EPOCH respmatrix accepts: 9999-12-31T23:59:59Z.
const EPOCH_MAX: i64 = 253_402_300_799;

/// SOURCE_DATE_EPOCH as a day, if set; a value that is not seconds between 1970 and 9999 is a
/// usage error.
pub fn source_date() -> Result<Option<Date>> {
    let Ok(epoch) = std::env::var("SOURCE_DATE_EPOCH") else { return Ok(None) };
    let shown = respmatrix::diag::excerpt(&epoch, 40);
    let secs: i64 = epoch
        .trim()
        .parse()
        .map_err(|_| Error::Usage(format!("SOURCE_DATE_EPOCH={shown}: expected seconds since 1970")))?;
    if !(0..=EPOCH_MAX).contains(&secs) {
        return Err(Error::Usage(format!(
            "SOURCE_DATE_EPOCH={shown}: out of range (0 to {EPOCH_MAX}, the years 1970 to 9999)"
        )));
    }
    Ok(Some(Date::from_unix_seconds(secs)))
}

/// The day expiry is checked against for `map` and `check`: `--as-of`, else the project file's
/// report date (so the same inputs give the same bytes on any day), else SOURCE_DATE_EPOCH,
/// else today. `true` when it came from the clock.
pub fn as_of_for(flag: Option<&str>, project: &Project) -> Result<(Date, bool)> {
    match (flag, project.report_date) {
        (None, Some(d)) => Ok((d, false)),
        (None, None) if source_date()?.is_none() => Ok((as_of(None)?, true)),
        (flag, _) => Ok((as_of(flag)?, false)),
    }
}

/// The inputs after merging the project file and the flags (flags win).
pub struct Resolved {
    pub project: Project,
    pub project_path: Option<PathBuf>,
    pub inventory: PathBuf,
    pub sheet: Option<String>,
    pub frameworks: Vec<String>,
    pub overrides: Option<PathBuf>,
    pub counterpart: Counterpart,
    /// The project file's crosswalks, then `--crosswalk` files.
    pub crosswalks: Vec<respmatrix::crosswalk::CrosswalkInput>,
    /// Providers' responsibility data: the project file's, then `--provider-data`.
    pub provider_data: Vec<(String, PathBuf)>,
}

pub fn resolve(args: &InputArgs) -> Result<Resolved> {
    let config = discovered_config(args);
    let project = match &config {
        Some(p) => ingest::project::load(p)?,
        None => Project::default(),
    };
    let inventory = args.inventory.clone().or_else(|| project.inventory.clone()).ok_or_else(|| {
        Error::Usage("no inventory: give --inventory FILE or `inventory:` in the project file (--config)".into())
    })?;
    let counterpart = match &args.counterpart {
        Some(text) => Counterpart::parse(text)
            .ok_or_else(|| Error::Usage(format!("--counterpart {text}: expected shared or customer")))?,
        None => project.counterpart,
    };
    let mut crosswalks = project.crosswalks.clone();
    crosswalks
        .extend(args.crosswalks.iter().map(|p| respmatrix::crosswalk::CrosswalkInput { path: p.clone(), style: None }));
    let mut provider_data = project.provider_data.clone();
    for spec in &args.provider_data {
        let Some((provider, file)) = spec.split_once('=').filter(|(p, f)| !p.trim().is_empty() && !f.is_empty()) else {
            return Err(Error::Usage(format!(
                "--provider-data {}: expected PROVIDER=FILE, e.g. aws=aws-crm.xlsx",
                respmatrix::diag::excerpt(spec, 80)
            )));
        };
        provider_data.push((provider.trim().to_string(), PathBuf::from(file)));
    }
    Ok(Resolved {
        crosswalks,
        provider_data,
        counterpart,
        sheet: args.sheet.clone().or_else(|| project.sheet.clone()),
        frameworks: if args.frameworks.is_empty() { project.frameworks.clone() } else { args.frameworks.clone() },
        overrides: args.overrides.clone().or_else(|| project.overrides.clone()),
        inventory,
        project_path: config,
        project,
    })
}

/// Reads the inventory with `--columns` (or `columns:`) applied; with `--verbose`, says how.
pub fn read_inventory(
    args: &InputArgs,
    r: &Resolved,
    registry: &respmatrix::model::Registry,
) -> Result<(respmatrix::model::Inventory, respmatrix::diag::Diagnostics)> {
    let text = args.columns.clone().or_else(|| r.project.columns.clone()).unwrap_or_default();
    let map = ingest::columns::ColumnMap::parse(&text).map_err(|e| Error::Usage(format!("--columns: {e}")))?;
    let (inventory, warnings, layout) = ingest::load_inventory_with(&r.inventory, r.sheet.as_deref(), registry, &map)?;
    if args.verbose && !layout.is_empty() {
        eprintln!("inventory: {layout}");
    }
    Ok((inventory, warnings))
}

/// The project file the name `respmatrix.yaml` finds in the working folder.
pub const DISCOVERED: &str = "respmatrix.yaml";

/// `--config`, else `respmatrix.yaml` in the working folder when no inventory is given (said on
/// stderr, so the user knows which file was read).
fn discovered_config(args: &InputArgs) -> Option<PathBuf> {
    if args.config.is_some() || args.inventory.is_some() {
        return args.config.clone();
    }
    let p = PathBuf::from(DISCOVERED);
    let found = std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_file());
    if found {
        eprintln!(
            "note: using the project file {DISCOVERED} of the working folder (give --config or --inventory to choose)"
        );
    }
    found.then_some(p)
}

/// Reads everything; stops at the first file that has errors (all of that file's errors).
pub fn load(source: &DataSource, args: &InputArgs) -> Result<(Loaded, Resolved)> {
    let r = resolve(args)?;
    let (as_of, _) = as_of_for(args.as_of.as_deref(), &r.project)?;
    load_resolved(source, args, r, as_of)
}

/// `load` for inputs already resolved, with the day expiry is checked against.
pub fn load_resolved(source: &DataSource, args: &InputArgs, r: Resolved, as_of: Date) -> Result<(Loaded, Resolved)> {
    // The statement templates load on a thread of their own while the catalogs are read; the
    // errors still come in this order: data, statements, catalogs.
    let (registry, statements, catalogs) = std::thread::scope(|s| {
        let statements = s.spawn(|| Statements::load(source));
        let registry = data::registry(source);
        let catalogs = data::select_catalogs(source, &r.frameworks, &catalog_options(args, &r.project));
        (registry, statements.join().unwrap_or_else(|p| std::panic::resume_unwind(p)), catalogs)
    });
    let (registry, statements) = (registry?, statements?);
    let (catalogs, mut warnings) = catalogs?;
    let (inventory, inventory_warnings) = read_inventory(args, &r, &registry)?;
    warnings.extend(inventory_warnings);
    let overrides = match &r.overrides {
        Some(p) => ingest::overrides::load(p)?,
        None => Vec::new(),
    };
    let counterpart = r.counterpart;
    let expiring_within = expiring_within(&args.expiring_within)?;
    let (crosswalks, crosswalk_warnings) = respmatrix::crosswalk::load(source, &r.crosswalks)?;
    warnings.extend(crosswalk_warnings);
    // The user's crosswalks (after the built-in ones): a mapping naming no control is a typo.
    let user = crosswalks.get(respmatrix::crosswalk::BUILTIN.len()..).unwrap_or_default();
    warnings.extend(respmatrix::crosswalk::unknown::check(&catalogs, user));
    let provider_data = read_provider_data(&r, &inventory, &mut warnings)?;
    let mut loaded = Loaded {
        provider_data,
        registry,
        statements,
        catalogs,
        inventory,
        overrides,
        as_of,
        expiring_within,
        counterpart,
        warnings,
        crosswalks,
    };
    super::provenance::Namer::new(r.project_path.as_deref()).apply(&mut loaded);
    Ok((loaded, r))
}

/// Reads each provider's data, refusing a provider no in-scope service has.
fn read_provider_data(
    r: &Resolved,
    inventory: &respmatrix::model::Inventory,
    warnings: &mut Diagnostics,
) -> Result<Vec<respmatrix::model::ProviderData>> {
    let mut out = Vec::new();
    let project = r.project_path.as_deref().map(|p| (p, r.project.provider_data.as_slice()));
    // Per entry, the in-scope services it speaks for: two entries that share one overlap.
    let served: Vec<Vec<bool>> = r
        .provider_data
        .iter()
        .map(|(p, _)| inventory.in_scope().map(|s| respmatrix::model::provider_data::speaks_for(p, s)).collect())
        .collect();
    for (i, (provider, path)) in r.provider_data.iter().enumerate() {
        known_provider(provider, path, inventory, project)?;
        let overlaps = |j: &usize| served[*j].iter().zip(&served[i]).any(|(a, b)| *a && *b);
        if let Some((p, f)) = (0..i).find(overlaps).map(|j| &r.provider_data[j]) {
            warnings.warning(
                Location::file(path.display().to_string()),
                format!(
                    "provider data for {provider} is also given as {p}={}: where both answer a point for a \
                     service, this later file's answer applies",
                    f.display()
                ),
            );
        }
        let (crm, diags) = ingest::provider_data::read_file(path)?;
        warnings.extend(diags);
        out.push(ingest::provider_data::answers::provider_data(provider, path, &crm));
    }
    Ok(out)
}

/// The project file and its `provider_data:` entries, so a message names where an entry came from.
pub type ProjectSpecs<'a> = Option<(&'a Path, &'a [(String, PathBuf)])>;

/// Refuses provider data for a provider no in-scope service has, naming those there are and
/// where the entry came from (the project file's `provider_data:`, else `--provider-data`).
pub fn known_provider(
    provider: &str,
    path: &Path,
    inventory: &respmatrix::model::Inventory,
    project: ProjectSpecs,
) -> Result<()> {
    if inventory.in_scope().any(|s| respmatrix::model::provider_data::speaks_for(provider, s)) {
        return Ok(());
    }
    let mut known: Vec<&str> = inventory.in_scope().filter_map(|s| s.provider.as_deref()).collect();
    known.sort_unstable();
    known.dedup();
    let from_project = project.filter(|(_, specs)| specs.iter().any(|(p, f)| p == provider && f == path));
    let given = match from_project {
        Some((file, _)) => format!("{}: provider_data.{provider} ({})", file.display(), path.display()),
        None => format!("--provider-data {provider}={}", path.display()),
    };
    Err(Error::Usage(format!(
        "{given}: no in-scope service has provider \"{provider}\" (providers: {})",
        known.join(", ")
    )))
}

/// How imported catalogs are read: the flags, else the project file.
pub fn catalog_options(args: &InputArgs, project: &Project) -> data::CatalogOptions {
    data::CatalogOptions {
        include_withdrawn: args.include_withdrawn || project.include_withdrawn,
        catalog: args.catalog.clone().or_else(|| project.catalog.clone()),
    }
}

/// Builds the matrix; the engine's warnings join the importers'.
pub fn matrix(loaded: &Loaded) -> Result<(Matrix, Diagnostics)> {
    let inputs = engine::Inputs {
        registry: &loaded.registry,
        statements: &loaded.statements,
        catalogs: &loaded.catalogs,
        inventory: &loaded.inventory,
        overrides: &loaded.overrides,
        as_of: loaded.as_of,
        expiring_within: loaded.expiring_within,
        counterpart: loaded.counterpart,
        provider_data: &loaded.provider_data,
    };
    let (mut m, engine_warnings) = engine::build(&inputs)?;
    m.also_serves = respmatrix::crosswalk::links::link(&m, &loaded.catalogs, &loaded.crosswalks);
    let mut warnings = loaded.warnings.clone();
    warnings.extend(engine_warnings);
    Ok((m, warnings))
}

/// Every file the run reads: the project file, inventory, overrides and each framework's files
/// (outputs must never replace one of them).
pub fn input_files(loaded: &Loaded, r: &Resolved) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = r.project_path.iter().cloned().collect();
    files.push(r.inventory.clone());
    files.extend(r.overrides.iter().cloned());
    files.extend(r.crosswalks.iter().map(|c| c.path.clone()));
    files.extend(loaded.catalogs.iter().flat_map(|c| &c.inputs).map(PathBuf::from));
    files
}
