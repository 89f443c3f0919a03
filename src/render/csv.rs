//! The matrix as CSV: one row per (control, service), then per (statement, service) for a
//! control with statements; formula-safe, streamed: each row is
//! written as it is made, so the output costs constant memory whatever the matrix's size. The
//! fields a row shares with other rows (service and control columns, rationale pieces) are
//! made once; a test holds every row to the report view's `rationale` and statements.

mod field;

use crate::model::{Layer, LayerSet};
use crate::view::{rationale_held_of, withdrawn_rationale, Decided, Matrix, Principle, NAME};
use field::{Line, Piece};
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

/// What every row of one service shares, as CSV pieces.
struct ServiceFields {
    /// service_id, service_name, provider, product, model.
    columns: [Piece; 5],
    /// `decided_by` for model, product and inventory decisions.
    decided: [Piece; 3],
    intro: Piece,
    notes: Vec<Piece>,
}

/// Writes the matrix as CSV (RFC 4180, LF line ends, UTF-8 without BOM) to `w`, row by row.
/// A control with statements is followed by one row per (statement, service), its `statement`
/// column the statement's row id (`AC-2(a)`); control rows leave it empty.
pub fn write<W: Write>(m: &Matrix, w: W) -> std::io::Result<()> {
    let mut w = std::io::BufWriter::with_capacity(1 << 16, w);
    let mut line = Line::default();
    for h in HEADERS {
        line.plain(h);
    }
    w.write_all(line.end())?;
    let services: Vec<ServiceFields> = (0..m.services.len())
        .map(|si| {
            let s = &m.services[si];
            let opt = |v: &Option<String>| Piece::new(v.as_deref().unwrap_or_default());
            ServiceFields {
                columns: [
                    Piece::new(&s.id),
                    Piece::new(&s.name),
                    opt(&s.provider),
                    opt(&s.product),
                    Piece::new(&s.model),
                ],
                decided: [Decided::Model, Decided::Product, Decided::Service]
                    .map(|d| Piece::new(&m.decided_text(d, si))),
                intro: Piece::new(&m.rationale_intro(si)),
                notes: Layer::ALL.iter().map(|&l| Piece::new(&m.rationale_note(si, l))).collect(),
            }
        })
        .collect();
    let mut rows = Rows {
        m,
        services,
        prose: m.prose.iter().map(|t| t.split(NAME).map(Piece::new).collect()).collect(),
        principles: Principle::ALL.into_iter().map(|p| (p, Piece::new(&format!(" {}", p.text())))).collect(),
        overrides: m.decision_tails().iter().map(|(by, tail)| (Piece::new(by), Piece::new(tail))).collect(),
        cloud_only: Piece::new(&m.decided_text(Decided::CloudOnly, 0)),
        by_statements: Piece::new(&m.decided_text(Decided::Statements, 0)),
        layer_ids: HashMap::new(),
        line,
    };
    for c in &m.controls {
        let head = [
            Piece::new(&m.frameworks[c.framework].id),
            Piece::new(&c.id),
            Piece::new(&c.title),
            Piece::new(c.status.id()),
        ];
        let own = Subject { id: &c.id, layers: c.layers, label: Piece::default(), rolled: !c.statements.is_empty() };
        rows.write(&mut w, c, &head, &own, &c.cells)?;
        for st in &c.statements {
            let subject = Subject { id: &st.label, layers: st.layers, label: Piece::new(&st.label), rolled: false };
            rows.write(&mut w, c, &head, &subject, &st.cells)?;
        }
    }
    w.flush()
}

/// The cells being written: a control's, or one of its statements'.
struct Subject<'a> {
    id: &'a str,
    layers: LayerSet,
    /// The `statement` column: empty for the control's own rows.
    label: Piece,
    /// The control's own cells of a control with statements (their rationale ends with what
    /// the statements say).
    rolled: bool,
}

/// What every row is made of, made once, and the line a row is built in.
struct Rows<'m> {
    m: &'m Matrix,
    services: Vec<ServiceFields>,
    /// Each prose text split where the service's name goes.
    prose: Vec<Vec<Piece>>,
    principles: HashMap<Principle, Piece>,
    /// `decided_by` and the rationale's tail of each override, then provider answer.
    overrides: Vec<(Piece, Piece)>,
    cloud_only: Piece,
    by_statements: Piece,
    /// `host-os guest-os` for each layer set seen.
    layer_ids: HashMap<LayerSet, String>,
    line: Line,
}

impl Rows<'_> {
    fn write<W: Write>(
        &mut self,
        w: &mut W,
        c: &crate::view::ControlView,
        head: &[Piece; 4],
        subject: &Subject,
        cells: &[crate::view::Cell],
    ) -> std::io::Result<()> {
        let m = self.m;
        let layers = subject.layers.ids().join(" ");
        let withdrawn = withdrawn_rationale(c).map(|why| Piece::new(&why));
        let mut held: HashMap<(LayerSet, LayerSet, LayerSet), Piece> = HashMap::new();
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
            let line = &mut self.line;
            line.clear();
            for field in head.iter().chain(&s.columns) {
                line.field(&[field]);
            }
            line.plain(cell.status.id());
            for set in [cell.provider, cell.customer, cell.shared] {
                line.plain(self.layer_ids.entry(set).or_insert_with(|| set.ids().join(" ")));
            }
            line.field(&[decided]);
            let name = &s.columns[1];
            match (&withdrawn, &c.withdrawn) {
                (Some(why), Some(note)) => {
                    line.field(&[why]);
                    line.field(&[]);
                    let nothing = format!("Nothing to implement for {}: {} is {note}.", m.services[si].name, c.id);
                    line.field(&[&Piece::new(&nothing)]);
                }
                _ => {
                    let h = held
                        .entry((cell.provider, cell.customer, cell.shared))
                        .or_insert_with(|| Piece::new(&rationale_held_of(subject.id, subject.layers, cell)));
                    let rolled;
                    let end = match (subject.rolled, tail) {
                        (true, _) => {
                            rolled = Piece::new(&m.rationale_tail(c, cell, si));
                            &rolled
                        }
                        (false, Some(tail)) => tail,
                        (false, None) => &self.principles[&m.principle_by(subject.layers, cell, si)],
                    };
                    let mut rationale = vec![&s.intro, &*h];
                    rationale.extend(subject.layers.iter().map(|l| &s.notes[l.index()]));
                    rationale.push(end);
                    line.field(&rationale);
                    line.field(&named(&self.prose, cell.ptext, name));
                    line.field(&named(&self.prose, cell.ctext, name));
                }
            }
            line.plain(&layers);
            line.field(&[&subject.label]);
            w.write_all(line.end())?;
        }
        Ok(())
    }
}

/// The pieces of a prose text with the service's name where it goes; none for `NO_TEXT`.
fn named<'a>(prose: &'a [Vec<Piece>], id: u32, name: &'a Piece) -> Vec<&'a Piece> {
    let Some(parts) = prose.get(id as usize) else { return Vec::new() };
    let mut out = Vec::with_capacity(parts.len() * 2);
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push(name);
        }
        out.push(part);
    }
    out
}

/// CSV bytes.
pub fn render(m: &Matrix) -> Vec<u8> {
    let mut out = Vec::new();
    write(m, &mut out).expect("writing to memory cannot fail");
    out
}
