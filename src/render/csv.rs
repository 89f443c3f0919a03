//! The matrix as CSV: one row per (control, service), then per (statement, service) for a
//! control with statements; formula-safe, streamed: each row is
//! written as it is made, so the output costs constant memory whatever the matrix's size. The
//! fields a row shares with other rows (service and control columns, rationale pieces) are
//! made once; a test holds every row to the report view's `rationale` and statements.

use super::safe::csv_cell;
use crate::model::{Layer, LayerSet};
use crate::view::{rationale_held_of, withdrawn_rationale, Decided, Matrix, Principle, NAME};
use std::collections::HashMap;
use std::io::Write;

pub const HEADERS: [&str; 19] = [
    "framework",
    "control_id",
    "control_title",
    "control_status",
    "service_id",
    "service_name",
    "provider",
    "product",
    "model",
    "status",
    "provider_layers",
    "customer_layers",
    "shared_layers",
    "decided_by",
    "rationale",
    "provider_statement",
    "customer_statement",
    "layers",
    // Additive: the statement's row id (`AC-2(a)`) on statement rows, empty on control rows.
    "statement",
];

/// What every row of one service shares.
struct ServiceFields {
    /// service_id, service_name, provider, product, model, formula-safe.
    columns: [String; 5],
    name: String,
    /// `decided_by` for model, product and inventory decisions.
    decided: [String; 3],
    intro: String,
    notes: Vec<String>,
}

/// Writes the matrix as CSV (RFC 4180, LF line ends, UTF-8 without BOM) to `w`, row by row.
/// A control with statements is followed by one row per (statement, service), its `statement`
/// column the statement's row id (`AC-2(a)`); control rows leave it empty.
pub fn write<W: Write>(m: &Matrix, w: W) -> std::io::Result<()> {
    let buffered = std::io::BufWriter::with_capacity(1 << 16, w);
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(buffered);
    w.write_record(HEADERS)?;
    let services: Vec<ServiceFields> = (0..m.services.len())
        .map(|si| {
            let s = &m.services[si];
            let opt = |v: &Option<String>| csv_cell(v.as_deref().unwrap_or_default()).into_owned();
            ServiceFields {
                columns: [
                    csv_cell(&s.id).into_owned(),
                    csv_cell(&s.name).into_owned(),
                    opt(&s.provider),
                    opt(&s.product),
                    csv_cell(&s.model).into_owned(),
                ],
                name: s.name.clone(),
                decided: [Decided::Model, Decided::Product, Decided::Service].map(|d| m.decided_text(d, si)),
                intro: m.rationale_intro(si),
                notes: Layer::ALL.iter().map(|&l| m.rationale_note(si, l)).collect(),
            }
        })
        .collect();
    let mut rows = Rows {
        m,
        services,
        prose: m.prose.iter().map(|t| t.split(NAME).collect()).collect(),
        principles: Principle::ALL.into_iter().map(|p| (p, format!(" {}", p.text()))).collect(),
        overrides: m.decision_tails(),
        cloud_only: m.decided_text(Decided::CloudOnly, 0),
        by_statements: m.decided_text(Decided::Statements, 0),
        rationale: String::new(),
        provider: String::new(),
        customer: String::new(),
    };
    for c in &m.controls {
        let head = [
            csv_cell(&m.frameworks[c.framework].id).into_owned(),
            csv_cell(&c.id).into_owned(),
            csv_cell(&c.title).into_owned(),
            c.status.id().to_string(),
        ];
        let own = Subject { id: &c.id, layers: c.layers, label: "", rolled: !c.statements.is_empty() };
        rows.write(&mut w, c, &head, &own, &c.cells)?;
        for st in &c.statements {
            let label = csv_cell(&st.label).into_owned();
            let subject = Subject { id: &st.label, layers: st.layers, label: &label, rolled: false };
            rows.write(&mut w, c, &head, &subject, &st.cells)?;
        }
    }
    w.flush()?;
    w.into_inner().map_err(|e| std::io::Error::other(e.to_string()))?.flush()
}

/// The cells being written: a control's, or one of its statements'.
struct Subject<'a> {
    id: &'a str,
    layers: LayerSet,
    /// The `statement` column: empty for the control's own rows.
    label: &'a str,
    /// The control's own cells of a control with statements (their rationale ends with what
    /// the statements say).
    rolled: bool,
}

/// What every row is made of, made once, and the buffers a row is built in.
struct Rows<'m> {
    m: &'m Matrix,
    services: Vec<ServiceFields>,
    prose: Vec<Vec<&'m str>>,
    principles: HashMap<Principle, String>,
    overrides: Vec<(String, String)>,
    cloud_only: String,
    by_statements: String,
    rationale: String,
    provider: String,
    customer: String,
}

impl Rows<'_> {
    fn write<W: Write>(
        &mut self,
        w: &mut csv::Writer<W>,
        c: &crate::view::ControlView,
        head: &[String; 4],
        subject: &Subject,
        cells: &[crate::view::Cell],
    ) -> std::io::Result<()> {
        let m = self.m;
        let layers = subject.layers.ids().join(" ");
        let withdrawn = withdrawn_rationale(c);
        let mut held: HashMap<(LayerSet, LayerSet, LayerSet), String> = HashMap::new();
        for (si, cell) in cells.iter().enumerate() {
            let s = &self.services[si];
            let (decided, tail) = match cell.decided {
                Decided::Model => (&s.decided[0], None),
                Decided::Product => (&s.decided[1], None),
                Decided::Service => (&s.decided[2], None),
                Decided::CloudOnly => (&self.cloud_only, None),
                Decided::Statements => (&self.by_statements, None),
                d @ (Decided::Override(_) | Decided::Provider(_)) => {
                    let (by, tail) = &self.overrides[m.tail_index(d).unwrap_or_default()];
                    (by, Some(tail))
                }
            };
            self.rationale.clear();
            self.provider.clear();
            self.customer.clear();
            match (&withdrawn, &c.withdrawn) {
                (Some(why), Some(note)) => {
                    self.rationale.push_str(why);
                    self.customer.push_str(&format!("Nothing to implement for {}: {} is {note}.", s.name, c.id));
                }
                _ => {
                    self.rationale.push_str(&s.intro);
                    let h = held
                        .entry((cell.provider, cell.customer, cell.shared))
                        .or_insert_with(|| rationale_held_of(subject.id, subject.layers, cell));
                    self.rationale.push_str(h);
                    for l in subject.layers.iter() {
                        self.rationale.push_str(&s.notes[l.index()]);
                    }
                    match subject.rolled {
                        false => self.rationale.push_str(
                            tail.unwrap_or_else(|| &self.principles[&m.principle_by(subject.layers, cell, si)]),
                        ),
                        true => self.rationale.push_str(&m.rationale_tail(c, cell, si)),
                    }
                    fill(&mut self.provider, &self.prose, cell.ptext, &s.name);
                    fill(&mut self.customer, &self.prose, cell.ctext, &s.name);
                }
            }
            for field in head {
                w.write_field(field)?;
            }
            for field in &s.columns {
                w.write_field(field)?;
            }
            w.write_field(cell.status.id())?;
            for set in [cell.provider, cell.customer, cell.shared] {
                w.write_field(set.ids().join(" "))?;
            }
            for text in [decided.as_str(), &self.rationale, &self.provider, &self.customer] {
                w.write_field(csv_cell(text).as_bytes())?;
            }
            w.write_field(&layers)?;
            w.write_field(subject.label)?;
            w.write_record(None::<&[u8]>)?;
        }
        Ok(())
    }
}

/// A prose text with the name filled in; nothing for `NO_TEXT`.
fn fill(out: &mut String, prose: &[Vec<&str>], id: u32, name: &str) {
    let Some(parts) = prose.get(id as usize) else { return };
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(name);
        }
        out.push_str(part);
    }
}

/// CSV bytes.
pub fn render(m: &Matrix) -> Vec<u8> {
    let mut out = Vec::new();
    write(m, &mut out).expect("writing to memory cannot fail");
    out
}
