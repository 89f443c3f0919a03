//! A matrix as `diff` compares it: read back from a `matrix.json` (or a report folder holding
//! one), or taken from a matrix in memory. Only what a change can be about is kept.

use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::model::{control_id, Date, LayerSet, Status};
use crate::review::ids;
pub use crate::review::snapshot_prose::Prose;
use crate::view::{Decided, Matrix};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The largest `matrix.json` read (an 800-53 × 5,000-service matrix in the inline layout).
pub const MAX_BYTES: u64 = 8 << 30;

#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Where it came from, as shown to the user.
    pub source: String,
    pub as_of: Option<Date>,
    pub frameworks: Vec<Framework>,
    pub services: Vec<Service>,
    pub controls: Vec<Control>,
    pub overrides: Vec<Override>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Framework {
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub version: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Service {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub model: String,
    #[serde(default)]
    pub layer_overrides: Vec<String>,
    #[serde(skip)]
    pub in_scope: bool,
}

#[derive(Debug, Clone)]
pub struct Control {
    pub framework: String,
    pub id: String,
    /// `control_id::key(id)`: how controls pair across runs and catalog versions.
    pub key: String,
    pub title: String,
    pub withdrawn: bool,
    pub status: String,
    pub cells: Vec<Cell>,
}

/// One cell of a snapshot. The texts most cells repeat (service, status, layers, decided by)
/// are shared between the cells that have them wherever the snapshot is built from a matrix or
/// from `matrix@2`: two snapshots of a million cells each are what `report --previous` holds.
#[derive(Debug, Clone, Deserialize)]
pub struct Cell {
    pub service: Arc<str>,
    #[serde(default)]
    pub responsibility_id: String,
    pub status: Arc<str>,
    #[serde(default)]
    pub provider_layers: Arc<[String]>,
    #[serde(default)]
    pub customer_layers: Arc<[String]>,
    #[serde(default)]
    pub shared_layers: Arc<[String]>,
    #[serde(default)]
    pub decided_by: Arc<str>,
    #[serde(default)]
    pub customer_statement: Prose,
    #[serde(default)]
    pub provider_statement: Prose,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Override {
    pub id: String,
    #[serde(default)]
    pub framework: Option<String>,
    #[serde(default)]
    pub control: String,
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub justification: String,
    #[serde(default)]
    pub expires: Option<String>,
    #[serde(default)]
    pub state: String,
}

#[derive(Deserialize)]
struct File {
    schema: String,
    // Every matrix.json has these three (DESIGN §4): one without them is damaged, not empty.
    frameworks: Vec<Framework>,
    services: Vec<Service>,
    #[serde(default)]
    excluded_services: Vec<Service>,
    #[serde(default)]
    as_of: Option<String>,
    #[serde(default)]
    overrides: Vec<Override>,
    controls: Vec<FileControl>,
    /// matrix@2: every distinct text once.
    #[serde(default)]
    texts: Vec<String>,
}

#[derive(Deserialize)]
struct FileControl {
    framework: String,
    id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    withdrawn: Option<String>,
    #[serde(default)]
    status: String,
    #[serde(default)]
    services: Vec<Cell>,
    /// matrix@2: the control's distinct decisions, and per in-scope service its cell.
    #[serde(default)]
    decisions: Vec<super::snapshot_v2::Decision>,
    #[serde(default)]
    cells: Vec<super::snapshot_v2::CompactCell>,
}

/// The `matrix.json` a path stands for: the file itself, or the one in a report folder.
pub fn matrix_file(path: &Path) -> Result<PathBuf> {
    if path.is_dir() {
        let file = path.join(crate::render::artifacts::JSON_FILE);
        if !file.is_file() {
            return Err(Error::unreadable(Diagnostic::error(
                Location::file(path.display().to_string()),
                "a report folder without matrix.json: give the folder `report` wrote, or a matrix.json",
            )));
        }
        return Ok(file);
    }
    Ok(path.to_path_buf())
}

/// Reads a `matrix.json` (or a report folder's).
pub fn read(path: &Path) -> Result<Snapshot> {
    let file = matrix_file(path)?;
    let shown = file.display().to_string();
    let (f, _) = crate::ingest::limits::open_input(&file)?;
    let size = f.metadata().map_err(|e| Error::io(&file, e))?.len();
    if size > MAX_BYTES {
        return Err(crate::ingest::limits::exceeded(
            Location::file(shown),
            format!(
                "{} is larger than the {} a matrix.json may be",
                crate::ingest::limits::bytes(size),
                crate::ingest::limits::bytes(MAX_BYTES)
            ),
        ));
    }
    let reader = std::io::BufReader::with_capacity(1 << 16, f.take(MAX_BYTES));
    let doc: File = serde_json::from_reader(reader).map_err(|e| {
        let at =
            if e.line() > 0 { Location::line(&shown, e.line(), e.column()) } else { Location::file(shown.clone()) };
        Error::unreadable(Diagnostic::error(
            at,
            format!("not a respmatrix matrix.json: {}", crate::diag::bounded(&e.to_string())),
        ))
    })?;
    let compact = doc.schema == crate::render::json::SCHEMA_V2;
    if doc.schema != crate::render::json::SCHEMA && !compact {
        return Err(Error::unreadable(Diagnostic::error(
            Location::at_path(&shown, "schema"),
            format!(
                "schema \"{}\" is not one diff reads (expected {} or {})",
                crate::diag::excerpt(&doc.schema, 60),
                crate::render::json::SCHEMA,
                crate::render::json::SCHEMA_V2
            ),
        )));
    }
    from_file(shown, doc, compact)
}

fn from_file(source: String, doc: File, compact: bool) -> Result<Snapshot> {
    let mut services = doc.services;
    let in_scope = services.len();
    services.iter_mut().for_each(|s| s.in_scope = true);
    services.extend(doc.excluded_services);
    check_services(&source, &services)?;
    // Each text and name once, shared by the cells that use it.
    let names: Vec<Arc<str>> = services.iter().filter(|s| s.in_scope).map(|s| Arc::from(s.name.as_str())).collect();
    let mut texts = super::snapshot_v2::Texts::new(doc.texts, &names);
    let ids: Vec<Arc<str>> = services.iter().filter(|s| s.in_scope).map(|s| Arc::from(s.id.as_str())).collect();
    let mut controls = Vec::with_capacity(doc.controls.len());
    for (ci, c) in doc.controls.into_iter().enumerate() {
        let cells = if compact {
            let at = super::snapshot_v2::Place { file: &source, control: ci };
            super::snapshot_v2::cells(&at, &mut texts, (&ids, &names), &c.decisions, c.cells)?
        } else {
            inline_cells(&source, ci, in_scope, c.services, !c.cells.is_empty() || !c.decisions.is_empty())?
        };
        controls.push(Control {
            key: control_id::key(&c.id),
            framework: c.framework,
            id: c.id,
            title: c.title,
            withdrawn: c.withdrawn.is_some(),
            status: c.status,
            cells,
        });
    }
    Ok(Snapshot {
        source,
        as_of: doc.as_of.as_deref().and_then(Date::parse),
        frameworks: doc.frameworks,
        services,
        controls,
        overrides: doc.overrides,
    })
}

/// A service's id and name at most `NAME_CHARS_MAX` characters, as respmatrix reads them from an
/// inventory: each is repeated in every cell, change and sentence `diff` writes about it.
fn check_services(source: &str, services: &[Service]) -> Result<()> {
    use crate::ingest::limits::{field_length, NAME_CHARS_MAX};
    for (i, s) in services.iter().enumerate() {
        let at = |field: &str| {
            let list = if s.in_scope { "services" } else { "excluded_services" };
            let n = if s.in_scope { i } else { i - services.iter().filter(|s| s.in_scope).count() };
            Location::at_path(source, format!("{list}[{n}].{field}"))
        };
        field_length(&s.id, NAME_CHARS_MAX, "a service id", || at("id"))?;
        field_length(&s.name, NAME_CHARS_MAX, "a service name", || at("name"))?;
    }
    Ok(())
}

/// The cells of a matrix@1 control: one per in-scope service, else the file is damaged (or a
/// matrix@2 file whose schema line says @1, which would otherwise compare as "no changes").
fn inline_cells(source: &str, ci: usize, in_scope: usize, cells: Vec<Cell>, compact: bool) -> Result<Vec<Cell>> {
    if cells.len() == in_scope {
        return Ok(cells);
    }
    let hint = match compact {
        true => format!("; it has matrix@2 `cells`, but the file's schema says {}", crate::render::json::SCHEMA),
        false => String::new(),
    };
    Err(Error::unreadable(Diagnostic::error(
        Location::at_path(source, format!("controls[{ci}].services")),
        format!(
            "{} cells for {in_scope} services: a matrix@1 control has one cell per in-scope service{hint}",
            cells.len()
        ),
    )))
}

/// The snapshot of a matrix in memory (the new side of `report --previous`).
pub fn of_matrix(m: &Matrix, source: &str) -> Snapshot {
    let svc = |s: &crate::view::ServiceView, in_scope| Service {
        id: s.id.clone(),
        name: s.name.clone(),
        model: s.model.clone(),
        layer_overrides: s.layer_overrides.clone(),
        in_scope,
    };
    let mut services: Vec<Service> = m.services.iter().map(|s| svc(s, true)).collect();
    services.extend(m.excluded.iter().map(|s| svc(s, false)));
    let mut shared = Shared {
        prose: m.prose.iter().map(|t| Arc::from(t.as_str())).collect(),
        names: m.services.iter().map(|s| Arc::from(s.name.as_str())).collect(),
        ids: m.services.iter().map(|s| Arc::from(s.id.as_str())).collect(),
        // Indexed by the status's discriminant.
        statuses: [Status::Inherited, Status::Shared, Status::Customer, Status::NotApplicable, Status::Mixed]
            .map(|s| Arc::from(s.id())),
        layers: HashMap::new(),
        decided: HashMap::new(),
    };
    let controls = m.controls.iter().map(|c| control_of(m, c, &mut shared)).collect();
    let overrides = m
        .overrides
        .iter()
        .map(|o| Override {
            id: o.label.clone(),
            framework: o.framework.clone(),
            control: o.control.clone(),
            services: o.services.clone(),
            status: o.status.id().to_string(),
            justification: o.justification.clone(),
            expires: o.expires.clone(),
            state: o.state.id().to_string(),
        })
        .collect();
    let frameworks = m
        .frameworks
        .iter()
        .map(|f| Framework { id: f.id.clone(), title: f.title.clone(), version: f.version.clone() })
        .collect();
    Snapshot { source: source.to_string(), as_of: m.as_of, frameworks, services, controls, overrides }
}

/// The matrix's prose texts and service names, each once, for the cells' statements.
struct Shared {
    prose: Vec<Arc<str>>,
    names: Vec<Arc<str>>,
    /// Per in-scope service, its id.
    ids: Vec<Arc<str>>,
    statuses: [Arc<str>; 5],
    layers: HashMap<LayerSet, Arc<[String]>>,
    /// `decided_by` per way of deciding and service (the service only where the text names it).
    decided: HashMap<(Decided, usize), Arc<str>>,
}

impl Shared {
    fn layers(&mut self, set: LayerSet) -> Arc<[String]> {
        self.layers.entry(set).or_insert_with(|| set.ids().into_iter().map(str::to_string).collect()).clone()
    }

    fn decided(&mut self, m: &Matrix, decided: Decided, si: usize) -> Arc<str> {
        let by_service = matches!(decided, Decided::Model | Decided::Product | Decided::Service);
        let key = (decided, if by_service { si } else { 0 });
        self.decided.entry(key).or_insert_with(|| Arc::from(m.decided_text(decided, si))).clone()
    }

    /// Text `id` of the prose table for service `si`, as `Matrix::text` writes it out.
    fn statement(&self, id: u32, si: usize) -> Prose {
        match self.prose.get(id as usize) {
            Some(t) => Prose::Named(t.clone(), self.names[si].clone()),
            None => Prose::default(),
        }
    }
}

fn control_of(m: &Matrix, c: &crate::view::ControlView, shared: &mut Shared) -> Control {
    let framework = m.frameworks[c.framework].id.clone();
    let key = control_id::key(&c.id);
    let cells = c
        .cells
        .iter()
        .enumerate()
        .map(|(si, cell)| Cell {
            service: shared.ids[si].clone(),
            responsibility_id: ids::pair_id(&framework, &key, &m.services[si].id, &cell.part()),
            status: shared.statuses[cell.status as usize].clone(),
            provider_layers: shared.layers(cell.provider),
            customer_layers: shared.layers(cell.customer),
            shared_layers: shared.layers(cell.shared),
            decided_by: shared.decided(m, cell.decided, si),
            // A withdrawn control's statements are written for it (`Matrix::customer_statement`).
            customer_statement: match c.withdrawn {
                Some(_) => Prose::Text(m.customer_statement(c, cell, si)),
                None => shared.statement(cell.ctext, si),
            },
            provider_statement: match c.withdrawn {
                Some(_) => Prose::default(),
                None => shared.statement(cell.ptext, si),
            },
        })
        .collect();
    Control {
        framework,
        id: c.id.clone(),
        key,
        title: c.title.clone(),
        withdrawn: c.withdrawn.is_some(),
        status: c.status.id().to_string(),
        cells,
    }
}

/// A status string as the model knows it (`None` for a string of a newer version).
pub fn status(text: &str) -> Option<Status> {
    Status::OVERALL.into_iter().find(|s| s.id() == text)
}
