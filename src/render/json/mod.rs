//! The JSON matrix: the public contracts `respmatrix/matrix@1` (inline prose in every cell)
//! and `respmatrix/matrix@2` (each distinct text stored once; docs/matrix-v2.md), DESIGN.md §4.
//!
//! Layout of `@1`: the document header (schema, frameworks, services) is pretty-printed; each control
//! starts a line and each (control, service) cell is one compact line, so a 600 MB matrix stays
//! greppable and line-diffable and carries no indentation bulk. The cells are written by
//! [`cells`] from strings escaped once per service, not once per cell.

mod cells;
mod compact;
pub mod template;

use crate::view::{Counts, Matrix, ServiceView};
use serde::Serialize;
use std::io::Write;

pub const SCHEMA: &str = "respmatrix/matrix@1";

/// The compact layout's schema id.
pub const SCHEMA_V2: &str = "respmatrix/matrix@2";

/// Which of the two layouts to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// `respmatrix/matrix@1`: every cell carries its rationale and statements in full.
    #[default]
    Inline,
    /// `respmatrix/matrix@2`: texts stored once, cells refer to them.
    Compact,
}

#[derive(Serialize)]
struct Framework<'a> {
    id: &'a str,
    title: &'a str,
    version: &'a str,
    controls: usize,
    /// Overall statuses of its controls, `mixed` included.
    counts: FrameworkCounts,
}

#[derive(Serialize)]
struct FrameworkCounts {
    #[serde(flatten)]
    cells: CountsJson,
    mixed: usize,
}

#[derive(Serialize)]
struct Interpretation {
    counterpart: &'static str,
    statement: &'static str,
}

#[derive(Serialize)]
struct Service<'a> {
    id: &'a str,
    name: &'a str,
    provider: Option<&'a str>,
    service: Option<&'a str>,
    model: &'a str,
    model_source: &'a str,
    owner: Option<&'a str>,
    environment: Option<&'a str>,
    data_classification: Option<&'a str>,
    layer_overrides: &'a [String],
}

/// An entry of the overrides file and where it stood on `as_of`.
#[derive(Serialize)]
struct Override<'a> {
    id: &'a str,
    framework: Option<&'a str>,
    control: &'a str,
    /// Additive: the statement the entry is limited to, as written (left out when none).
    #[serde(skip_serializing_if = "Option::is_none")]
    statement: Option<&'a str>,
    services: &'a [String],
    status: &'static str,
    justification: &'a str,
    expires: Option<&'a str>,
    /// `active`, `expiring` (within `--expiring-within`), `expired` or `idle` (names nothing in
    /// scope).
    state: &'static str,
    origin: &'a str,
}

fn overrides(m: &Matrix) -> Vec<Override<'_>> {
    m.overrides
        .iter()
        .map(|o| Override {
            id: &o.label,
            framework: o.framework.as_deref(),
            control: &o.control,
            statement: o.statement.as_deref(),
            services: &o.services,
            status: o.status.id(),
            justification: &o.justification,
            expires: o.expires.as_deref(),
            state: o.state.id(),
            origin: &o.origin,
        })
        .collect()
}

/// A provider file applied (`--provider-data`), with every cell where it and the model differ.
#[derive(Serialize)]
struct ProviderFile<'a> {
    provider: &'a str,
    file: &'a str,
    kind: &'a str,
    answers: usize,
    disagreements: Vec<ProviderDisagreement<'a>>,
}

#[derive(Serialize)]
struct ProviderDisagreement<'a> {
    control: &'a str,
    /// The response point: `AC-2(a)`.
    point: &'a str,
    service: &'a str,
    provider_status: &'static str,
    model_status: &'static str,
    /// Where the answer was read: `aws-crm.xlsx[Moderate CRM Worksheet]!A12`.
    origin: &'a str,
}

fn provider_files(m: &Matrix) -> Vec<ProviderFile<'_>> {
    let mut out: Vec<ProviderFile> = Vec::new();
    for a in &m.provider.answers {
        match out.last_mut() {
            Some(f) if f.file == a.file && f.provider == a.provider => f.answers += 1,
            _ => out.push(ProviderFile {
                provider: &a.provider,
                file: &a.file,
                kind: &a.kind,
                answers: 1,
                disagreements: Vec::new(),
            }),
        }
    }
    for d in &m.provider.disagreements {
        let a = &m.provider.answers[d.answer as usize];
        let Some(f) = out.iter_mut().find(|f| f.file == a.file && f.provider == a.provider) else { continue };
        f.disagreements.push(ProviderDisagreement {
            control: &m.controls[d.control as usize].id,
            point: &a.label,
            service: &m.services[d.service as usize].id,
            provider_status: a.status.id(),
            model_status: d.model.id(),
            origin: &a.origin,
        });
    }
    out
}

#[derive(Serialize)]
struct CountsJson {
    inherited: usize,
    shared: usize,
    customer: usize,
    #[serde(rename = "not-applicable")]
    not_applicable: usize,
}

fn counts(c: &Counts) -> CountsJson {
    CountsJson { inherited: c.inherited, shared: c.shared, customer: c.customer, not_applicable: c.not_applicable }
}

fn service(s: &ServiceView) -> Service<'_> {
    Service {
        id: &s.id,
        name: &s.name,
        provider: s.provider.as_deref(),
        service: s.product.as_deref(),
        model: &s.model,
        model_source: if s.model_given { "given" } else { "inferred" },
        owner: s.owner.as_deref(),
        environment: s.environment.as_deref(),
        data_classification: s.classification.as_deref(),
        layer_overrides: &s.layer_overrides,
    }
}

/// Writes `"key": value,` as one member of the top-level object, the value pretty-printed and
/// indented to sit inside it.
fn member<W: Write, T: Serialize + ?Sized>(w: &mut W, key: &str, value: &T) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
    // JSON strings hold no raw newlines, so every newline is layout.
    writeln!(w, "  \"{key}\": {},", text.replace('\n', "\n  "))
}

/// Streams the matrix as `@1` JSON with a final newline. Controls are written one at a time, so
/// a matrix of any size costs little memory.
pub fn write<W: std::io::Write>(m: &Matrix, w: W) -> std::io::Result<()> {
    write_layout(m, Layout::Inline, w)
}

/// Streams the matrix in either layout. The compact layout first decides which texts and
/// decisions there are (memory: the distinct texts and one index per cell), then streams.
pub fn write_layout<W: std::io::Write>(m: &Matrix, layout: Layout, w: W) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    let frameworks: Vec<Framework> = m
        .frameworks
        .iter()
        .map(|f| Framework {
            id: &f.id,
            title: &f.title,
            version: &f.version,
            controls: f.controls,
            counts: FrameworkCounts { cells: counts(&f.counts), mixed: f.counts.mixed },
        })
        .collect();
    w.write_all(b"{\n")?;
    member(&mut w, "schema", if layout == Layout::Compact { SCHEMA_V2 } else { SCHEMA })?;
    member(&mut w, "generator", &m.generator)?;
    member(&mut w, "frameworks", &frameworks)?;
    member(&mut w, "services", &m.services.iter().map(service).collect::<Vec<_>>())?;
    // Additive: services the inventory marks out of scope, left out of statuses and counts.
    member(&mut w, "excluded_services", &m.excluded.iter().map(service).collect::<Vec<_>>())?;
    // Additive: how counterpart controls were read (`--counterpart`).
    let reading = Interpretation { counterpart: m.counterpart.id(), statement: m.counterpart.describe() };
    member(&mut w, "interpretation", &reading)?;
    // Additive: the day override expiry was judged on, and every override with its state.
    member(&mut w, "as_of", &m.as_of.map(|d| d.to_string()))?;
    member(&mut w, "overrides", &overrides(m))?;
    // Additive, only with `--provider-data`: the provider files applied and where each differs
    // from the model.
    if !m.provider.answers.is_empty() {
        member(&mut w, "provider_data", &provider_files(m))?;
    }
    match layout {
        Layout::Inline => {
            w.write_all(b"  \"controls\": [")?;
            cells::write_controls(m, &mut w)?;
        }
        Layout::Compact => {
            let plan = compact::Plan::new(m);
            member(&mut w, "texts", &plan.texts)?;
            w.write_all(b"  \"controls\": [")?;
            compact::write_controls(m, &plan, &mut w)?;
        }
    }
    w.write_all(b"]\n}\n")?;
    w.flush()
}

/// The matrix as `@1` JSON bytes.
pub fn render(m: &Matrix) -> Vec<u8> {
    render_layout(m, Layout::Inline)
}

/// The matrix as JSON bytes in either layout.
pub fn render_layout(m: &Matrix, layout: Layout) -> Vec<u8> {
    let mut out = Vec::new();
    write_layout(m, layout, &mut out).expect("writing to memory cannot fail");
    out
}
