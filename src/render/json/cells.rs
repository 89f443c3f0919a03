//! The `controls` array of `matrix.json`, written fast: every piece of prose a cell can carry
//! (service names, per-layer sentences, rationale notes, override texts) is JSON-escaped once per
//! service or override, and each cell is then a concatenation of escaped pieces. JSON escaping
//! works character by character, so the result is exactly the escaped text of
//! `Matrix::rationale`, `customer_statement` and `provider_statement` (a test holds it to that).

use crate::model::{Layer, LayerSet};
use crate::view::{override_tail, rule_text, withdrawn_rationale, Cell, ControlView, Decided, Matrix, StatementSource};
use std::io::Write;

/// `text` escaped as the inside of a JSON string (no quotes).
pub(super) fn esc(text: &str) -> String {
    let quoted = serde_json::to_string(text).expect("a string always serializes");
    quoted[1..quoted.len() - 1].to_string()
}

/// A service's escaped pieces.
struct ServicePieces {
    id: String,
    name: String,
    /// `decided_by` when the model, the product or the inventory decided.
    decided: [String; 3],
    /// `Orders DB runs as paas (given).`
    intro: String,
    /// Per layer: the rationale note (`" guest-os: set by …."`, often empty) and the sentences.
    notes: Vec<String>,
    provider: Vec<String>,
    customer: Vec<String>,
}

/// An override's escaped pieces.
struct OverridePieces {
    decided_by: String,
    tail: String,
    justification: String,
}

/// Every escaped piece the cells of a matrix are made of.
pub(super) struct Pieces {
    services: Vec<ServicePieces>,
    overrides: Vec<OverridePieces>,
}

impl Pieces {
    pub(super) fn new(m: &Matrix) -> Pieces {
        let services = m
            .services
            .iter()
            .enumerate()
            .map(|(si, s)| ServicePieces {
                id: esc(&s.id),
                name: esc(&s.name),
                decided: [Decided::Model, Decided::Product, Decided::Service].map(|d| esc(&m.decided_text(d, si))),
                intro: esc(&m.rationale_intro(si)),
                notes: Layer::ALL.iter().map(|&l| esc(&m.rationale_note(si, l))).collect(),
                provider: s.provider_sentences.iter().map(|t| esc(t)).collect(),
                customer: s.customer_sentences.iter().map(|t| esc(t)).collect(),
            })
            .collect();
        let overrides = m
            .overrides
            .iter()
            .map(|o| OverridePieces {
                decided_by: esc(&format!("override:{}", o.label)),
                tail: esc(&override_tail(o)),
                justification: esc(&o.justification),
            })
            .collect();
        Pieces { services, overrides }
    }
}

/// Writes every control, each on its own line and each of its cells on its own line, between
/// the brackets of the `controls` array.
pub(super) fn write_controls<W: Write>(m: &Matrix, w: &mut W) -> std::io::Result<()> {
    let pieces = Pieces::new(m);
    let mut out = String::with_capacity(1 << 16);
    for (k, c) in m.controls.iter().enumerate() {
        out.clear();
        out.push_str(if k == 0 { "\n    " } else { ",\n    " });
        control(&mut out, m, &pieces, c);
        w.write_all(out.as_bytes())?;
    }
    if !m.controls.is_empty() {
        w.write_all(b"\n  ")?;
    }
    Ok(())
}

fn control(out: &mut String, m: &Matrix, p: &Pieces, c: &ControlView) {
    let k = &c.counts;
    out.push_str(&format!(
        "{{\"framework\":\"{}\",\"id\":\"{}\",\"title\":\"{}\",\"family\":\"{}\",\"layers\":",
        esc(&m.frameworks[c.framework].id),
        esc(&c.id),
        esc(&c.title),
        esc(&c.family)
    ));
    layers(out, c.layers);
    if let Some(w) = &c.withdrawn {
        out.push_str(&format!(",\"withdrawn\":\"{}\"", esc(w)));
    }
    out.push_str(&format!(
        ",\"status\":\"{}\",\"counts\":{{\"inherited\":{},\"shared\":{},\"customer\":{},\"not-applicable\":{}}},\"services\":[",
        c.status.id(),
        k.inherited,
        k.shared,
        k.customer,
        k.not_applicable
    ));
    let fixed = ControlPieces::new(c);
    for (si, cell) in c.cells.iter().enumerate() {
        out.push_str(if si == 0 { "\n      " } else { ",\n      " });
        self::cell(out, m, p, &fixed, c, cell, si);
    }
    out.push_str(if c.cells.is_empty() { "]}" } else { "\n    ]}" });
}

/// What every cell of one control shares, escaped once.
struct ControlPieces {
    /// ` For PR.PS-02 (host-os, guest-os): ` without the closing held list.
    held_head: String,
    /// For a withdrawn control: its rationale, and the customer statement's middle.
    withdrawn: Option<(String, String)>,
}

impl ControlPieces {
    fn new(c: &ControlView) -> ControlPieces {
        let withdrawn = c.withdrawn.as_ref().map(|note| {
            let rationale = esc(&withdrawn_rationale(c).unwrap_or_default());
            (rationale, format!(": {} is {}.", esc(&c.id), esc(note)))
        });
        ControlPieces { held_head: format!(" For {} ({}): ", esc(&c.id), c.layers.ids().join(", ")), withdrawn }
    }
}

fn cell(out: &mut String, m: &Matrix, p: &Pieces, fixed: &ControlPieces, c: &ControlView, cell: &Cell, si: usize) {
    let s = &p.services[si];
    out.push_str("{\"service\":\"");
    out.push_str(&s.id);
    out.push_str("\",\"status\":\"");
    out.push_str(cell.status.id());
    out.push_str("\",\"provider_layers\":");
    layers(out, cell.provider);
    out.push_str(",\"customer_layers\":");
    layers(out, cell.customer);
    out.push_str(",\"shared_layers\":");
    layers(out, cell.shared);
    out.push_str(",\"decided_by\":\"");
    let over = match cell.decided {
        Decided::Model => {
            out.push_str(&s.decided[0]);
            None
        }
        Decided::Product => {
            out.push_str(&s.decided[1]);
            None
        }
        Decided::Service => {
            out.push_str(&s.decided[2]);
            None
        }
        Decided::Override(i) => {
            let o = &p.overrides[i as usize];
            out.push_str(&o.decided_by);
            Some(o)
        }
    };
    out.push_str("\",\"rationale\":\"");
    match &fixed.withdrawn {
        Some((rationale, middle)) => {
            out.push_str(rationale);
            out.push_str("\",\"customer_statement\":\"Nothing to implement for ");
            out.push_str(&s.name);
            out.push_str(middle);
            out.push_str("\",\"provider_statement\":\"\"}");
            return;
        }
        None => rationale(out, s, fixed, c, cell, over),
    }
    match m.statement_source(c, cell) {
        StatementSource::NotApplicable(_) => {
            let why = over.map(|o| o.justification.as_str()).unwrap_or_default();
            for key in ["customer_statement", "provider_statement"] {
                out.push_str(&format!(",\"{key}\":\"Not applicable to {}: {why}\"", s.name));
            }
        }
        StatementSource::Layers { provider, customer } => {
            out.push_str(",\"customer_statement\":\"");
            join(out, &s.customer, customer);
            out.push_str("\",\"provider_statement\":\"");
            join(out, &s.provider, provider);
            out.push('"');
        }
    }
    out.push('}');
}

/// The rationale's text and closing quote: intro, held layers, per-layer notes, tail.
fn rationale(
    out: &mut String,
    s: &ServicePieces,
    fixed: &ControlPieces,
    c: &ControlView,
    cell: &Cell,
    over: Option<&OverridePieces>,
) {
    out.push_str(&s.intro);
    out.push_str(&fixed.held_head);
    let mut first = true;
    for (party, set) in [
        ("the provider holds ", cell.provider),
        ("the organization holds ", cell.customer),
        ("both hold ", cell.shared),
    ] {
        if set.is_empty() {
            continue;
        }
        if !first {
            out.push_str("; ");
        }
        first = false;
        out.push_str(party);
        ids(out, set, ", ");
    }
    out.push('.');
    for layer in c.layers.iter() {
        out.push_str(&s.notes[layer.index()]);
    }
    match over {
        Some(o) => out.push_str(&o.tail),
        None => {
            out.push_str(" Rule: ");
            out.push_str(rule_text(cell.status));
            out.push('.');
        }
    }
    out.push('"');
}

/// The non-empty sentences of the layers in `set`, joined by spaces.
fn join(out: &mut String, sentences: &[String], set: LayerSet) {
    let mut first = true;
    for l in set.iter() {
        let t = &sentences[l.index()];
        if t.is_empty() {
            continue;
        }
        if !first {
            out.push(' ');
        }
        first = false;
        out.push_str(t);
    }
}

/// `["host-os","guest-os"]`.
fn layers(out: &mut String, set: LayerSet) {
    out.push('[');
    if !set.is_empty() {
        out.push('"');
        ids(out, set, "\",\"");
        out.push('"');
    }
    out.push(']');
}

fn ids(out: &mut String, set: LayerSet, sep: &str) {
    for (i, l) in set.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(l.id());
    }
}
