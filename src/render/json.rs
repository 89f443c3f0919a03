//! The JSON matrix: the public contract `respmatrix/matrix@1` (DESIGN.md §4).

use crate::view::{Cell, ControlView, Counts, Matrix, ServiceView};
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use std::io::Write;

pub const SCHEMA: &str = "respmatrix/matrix@1";

#[derive(Serialize)]
struct Doc<'a> {
    schema: &'static str,
    generator: &'a str,
    frameworks: Vec<Framework<'a>>,
    services: Vec<Service<'a>>,
    /// Additive: services the inventory marks out of scope, left out of statuses and counts.
    excluded_services: Vec<Service<'a>>,
    controls: Controls<'a>,
}

#[derive(Serialize)]
struct Framework<'a> {
    id: &'a str,
    title: &'a str,
    version: &'a str,
    controls: usize,
    counts: CountsJson,
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

#[derive(Serialize)]
struct CountsJson {
    inherited: usize,
    shared: usize,
    customer: usize,
    #[serde(rename = "not-applicable")]
    not_applicable: usize,
}

#[derive(Serialize)]
struct Control<'a> {
    framework: &'a str,
    id: &'a str,
    title: &'a str,
    family: &'a str,
    layers: Vec<&'static str>,
    /// Additive: what became of a withdrawn control listed with `--include-withdrawn`.
    #[serde(skip_serializing_if = "Option::is_none")]
    withdrawn: Option<&'a str>,
    status: &'static str,
    counts: CountsJson,
    services: Vec<CellJson<'a>>,
}

#[derive(Serialize)]
struct CellJson<'a> {
    service: &'a str,
    status: &'static str,
    provider_layers: Vec<&'static str>,
    customer_layers: Vec<&'static str>,
    shared_layers: Vec<&'static str>,
    decided_by: String,
    rationale: String,
    customer_statement: String,
    provider_statement: String,
}

/// Controls are serialized one at a time so the prose of one control lives at once.
struct Controls<'a>(&'a Matrix);

impl Serialize for Controls<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let m = self.0;
        let mut seq = s.serialize_seq(Some(m.controls.len()))?;
        for c in &m.controls {
            seq.serialize_element(&control(m, c))?;
        }
        seq.end()
    }
}

fn counts(c: &Counts) -> CountsJson {
    CountsJson { inherited: c.inherited, shared: c.shared, customer: c.customer, not_applicable: c.not_applicable }
}

fn control<'a>(m: &'a Matrix, c: &'a ControlView) -> Control<'a> {
    Control {
        framework: &m.frameworks[c.framework].id,
        id: &c.id,
        title: &c.title,
        family: &c.family,
        layers: c.layers.ids(),
        withdrawn: c.withdrawn.as_deref(),
        status: c.status.id(),
        counts: counts(&c.counts),
        services: c.cells.iter().enumerate().map(|(si, cell)| cell_json(m, c, cell, si)).collect(),
    }
}

fn cell_json<'a>(m: &'a Matrix, c: &ControlView, cell: &Cell, si: usize) -> CellJson<'a> {
    CellJson {
        service: &m.services[si].id,
        status: cell.status.id(),
        provider_layers: cell.provider.ids(),
        customer_layers: cell.customer.ids(),
        shared_layers: cell.shared.ids(),
        decided_by: m.decided_by(cell, si),
        rationale: m.rationale(c, cell, si),
        customer_statement: m.customer_statement(c, cell, si),
        provider_statement: m.provider_statement(c, cell, si),
    }
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

/// Streams the matrix as pretty-printed JSON with a final newline; one control's prose is in
/// memory at a time, so a matrix of any size costs little memory.
pub fn write<W: std::io::Write>(m: &Matrix, w: W) -> std::io::Result<()> {
    let doc = Doc {
        schema: SCHEMA,
        generator: &m.generator,
        frameworks: m
            .frameworks
            .iter()
            .map(|f| Framework {
                id: &f.id,
                title: &f.title,
                version: &f.version,
                controls: f.controls,
                counts: counts(&f.counts),
            })
            .collect(),
        services: m.services.iter().map(service).collect(),
        excluded_services: m.excluded.iter().map(service).collect(),
        controls: Controls(m),
    };
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    serde_json::to_writer_pretty(&mut w, &doc).map_err(std::io::Error::other)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// The matrix as pretty-printed JSON bytes.
pub fn render(m: &Matrix) -> Vec<u8> {
    let mut out = Vec::new();
    write(m, &mut out).expect("writing to memory cannot fail");
    out
}
