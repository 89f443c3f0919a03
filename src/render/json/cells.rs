//! The `controls` array of `matrix.json`, written fast: every piece of prose a cell can carry
//! (service names, statements, rationale notes, principles, override texts) is JSON-escaped once
//! per service, statement or override, and each cell is then a concatenation of escaped pieces. JSON escaping
//! works character by character, so the result is exactly the escaped text of
//! `Matrix::rationale`, `customer_statement` and `provider_statement` (a test holds it to that).

use crate::model::{Layer, LayerSet};
use crate::review::ids;
use crate::view::{withdrawn_rationale, Cell, ControlView, Decided, Matrix, Principle, NAME};
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
    /// Per layer: the rationale note (`" guest-os: set by …."`, often empty).
    notes: Vec<String>,
}

/// An override's escaped pieces.
struct OverridePieces {
    decided_by: String,
    tail: String,
}

/// Every escaped piece the cells of a matrix are made of.
pub(super) struct Pieces {
    services: Vec<ServicePieces>,
    overrides: Vec<OverridePieces>,
    /// Each prose text escaped, split where the service's name goes.
    prose: Vec<Vec<String>>,
    /// ` Principle: …` escaped, by principle.
    principles: std::collections::HashMap<Principle, String>,
    /// `decided_by` of a cloud-only cell.
    cloud_only: String,
    /// `decided_by` of a cell its statements decided.
    by_statements: String,
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
            })
            .collect();
        let overrides = m
            .decision_tails()
            .iter()
            .map(|(by, tail)| OverridePieces { decided_by: esc(by), tail: esc(tail) })
            .collect();
        let prose = m.prose.iter().map(|t| t.split(NAME).map(esc).collect()).collect();
        let principles = Principle::ALL.into_iter().map(|p| (p, esc(&format!(" {}", p.text())))).collect();
        Pieces {
            services,
            overrides,
            prose,
            principles,
            cloud_only: esc(&m.decided_text(Decided::CloudOnly, 0)),
            by_statements: esc(&m.decided_text(Decided::Statements, 0)),
        }
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
        control(&mut out, m, &pieces, c, k);
        w.write_all(out.as_bytes())?;
    }
    if !m.controls.is_empty() {
        w.write_all(b"\n  ")?;
    }
    Ok(())
}

fn control(out: &mut String, m: &Matrix, p: &Pieces, c: &ControlView, ci: usize) {
    control_head(out, m, c, ci);
    out.push_str(",\"services\":[");
    let fixed = ControlPieces::new(m, c, &c.id, c.layers);
    for (si, cell) in c.cells.iter().enumerate() {
        out.push_str(if si == 0 { "\n      " } else { ",\n      " });
        let extra = match c.statements.is_empty() {
            true => String::new(),
            false => esc(&m.statements_sentence(c, cell, si)),
        };
        self::cell(out, m, p, &fixed, cell, si, &extra);
    }
    out.push_str(if c.cells.is_empty() { "]" } else { "\n    ]" });
    statements(out, m, p, c);
    out.push('}');
}

/// Additive: `,"statements":[…]`, the control's response points with their cells (left out for
/// a control answered as a whole).
fn statements(out: &mut String, m: &Matrix, p: &Pieces, c: &ControlView) {
    if c.statements.is_empty() {
        return;
    }
    out.push_str(",\"statements\":[");
    for (i, st) in c.statements.iter().enumerate() {
        out.push_str(if i == 0 { "\n     " } else { ",\n     " });
        statement_head(out, st);
        out.push_str(",\"cells\":[");
        let fixed = ControlPieces::new(m, c, &st.label, st.layers);
        for (si, cell) in st.cells.iter().enumerate() {
            out.push_str(if si == 0 { "\n      " } else { ",\n      " });
            self::cell(out, m, p, &fixed, cell, si, "");
        }
        out.push_str(if st.cells.is_empty() { "]}" } else { "\n     ]}" });
    }
    out.push_str("\n    ]");
}

/// A control's own fields, from `{` to its counts and `also_serves` (no closing brace): the
/// same in both layouts, so a control-level field added here appears in `@1` and `@2` alike.
pub(super) fn control_head(out: &mut String, m: &Matrix, c: &ControlView, ci: usize) {
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
    status_counts(out, c.status, k);
    also_serves(out, m, ci);
}

/// Additive: `,"also_serves":[…]` when a crosswalk relates this control to controls of other
/// selected frameworks (left out otherwise, so matrices without crosswalks keep their bytes).
fn also_serves(out: &mut String, m: &Matrix, ci: usize) {
    let Some(list) = m.also_serves.get(ci).filter(|l| !l.is_empty()) else { return };
    out.push_str(",\"also_serves\":[");
    for (i, x) in list.iter().enumerate() {
        let t = &m.controls[x.control];
        out.push_str(&format!(
            "{}{{\"framework\":\"{}\",\"control\":\"{}\",\"relationship\":\"{}\",\"strength\":\"{}\",\"source\":\"{}\",\"rationale\":\"{}\"}}",
            if i == 0 { "" } else { "," },
            esc(&m.frameworks[t.framework].id),
            esc(&t.id),
            x.relationship.id(),
            x.strength.id(),
            esc(&format!("{} ({})", x.sources.join("; "), x.provenance.join("; "))),
            esc(&x.rationale)
        ));
    }
    out.push(']');
}

/// What every cell of one control shares, escaped once.
struct ControlPieces {
    /// The framework id and normalized control id, hashed once for the responsibility ids.
    pair_ids: ids::PairIds,
    /// ` For PR.PS-02 (host-os, guest-os): ` without the closing held list.
    held_head: String,
    /// The layers of the control or statement the cells belong to.
    layers: LayerSet,
    /// For a withdrawn control: its rationale, and the customer statement's middle.
    withdrawn: Option<(String, String)>,
}

impl ControlPieces {
    /// For the cells of `c`, or of its statement `id` touching `layers`.
    fn new(m: &Matrix, c: &ControlView, id: &str, layers: LayerSet) -> ControlPieces {
        let withdrawn = c.withdrawn.as_ref().map(|note| {
            let rationale = esc(&withdrawn_rationale(c).unwrap_or_default());
            (rationale, format!(": {} is {}.", esc(&c.id), esc(note)))
        });
        ControlPieces {
            pair_ids: ids::PairIds::new(&m.frameworks[c.framework].id, &ids::control_key(id)),
            held_head: format!(" For {} ({}): ", esc(id), layers.ids().join(", ")),
            layers,
            withdrawn,
        }
    }
}

/// One cell; `extra` (escaped) ends its rationale: what the control's statements say.
fn cell(out: &mut String, m: &Matrix, p: &Pieces, fixed: &ControlPieces, cell: &Cell, si: usize, extra: &str) {
    let s = &p.services[si];
    out.push_str("{\"service\":\"");
    out.push_str(&s.id);
    // Additive: the pair's stable responsibility id.
    out.push_str("\",\"responsibility_id\":\"");
    fixed.pair_ids.push(out, &m.services[si].id, &cell.part());
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
        Decided::CloudOnly => {
            out.push_str(&p.cloud_only);
            None
        }
        d @ (Decided::Override(_) | Decided::Provider(_)) => {
            let o = &p.overrides[m.tail_index(d).unwrap_or_default()];
            out.push_str(&o.decided_by);
            Some(o)
        }
        Decided::Statements => {
            out.push_str(&p.by_statements);
            None
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
        None => {
            let principle = (over.is_none() && cell.decided != Decided::Statements)
                .then(|| &p.principles[&m.principle_by(fixed.layers, cell, si)]);
            rationale(out, s, fixed, cell, over.map(|o| &o.tail).or(principle), extra);
        }
    }
    out.push_str(",\"customer_statement\":\"");
    text(out, p, cell.ctext, &s.name);
    out.push_str("\",\"provider_statement\":\"");
    text(out, p, cell.ptext, &s.name);
    out.push_str("\"}");
}

/// An escaped prose text with the escaped service name filled in; nothing for `NO_TEXT`.
fn text(out: &mut String, p: &Pieces, id: u32, name: &str) {
    let Some(parts) = p.prose.get(id as usize) else { return };
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(name);
        }
        out.push_str(part);
    }
}

/// The rationale's text and closing quote: intro, held layers, per-layer notes, tail.
fn rationale(
    out: &mut String,
    s: &ServicePieces,
    fixed: &ControlPieces,
    cell: &Cell,
    tail: Option<&String>,
    extra: &str,
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
    for layer in fixed.layers.iter() {
        out.push_str(&s.notes[layer.index()]);
    }
    out.push_str(tail.map(String::as_str).unwrap_or_default());
    out.push_str(extra);
    out.push('"');
}

/// `["host-os","guest-os"]`.
/// A statement's own fields, the same in both layouts: `{"id":…,"label":…,"prose":…,"layers":[…],
/// "status":…,"counts":{…}` (left open for its decisions and cells).
pub(super) fn statement_head(out: &mut String, st: &crate::view::StatementView) {
    let k = &st.counts;
    out.push_str(&format!(
        "{{\"id\":\"{}\",\"label\":\"{}\",\"prose\":\"{}\",\"layers\":",
        esc(&st.id),
        esc(&st.label),
        esc(&st.prose)
    ));
    layers(out, st.layers);
    status_counts(out, st.status, k);
}

/// `,"status":…,"counts":{…}` of a control or statement.
fn status_counts(out: &mut String, status: crate::model::Status, k: &crate::view::Counts) {
    out.push_str(&format!(
        ",\"status\":\"{}\",\"counts\":{{\"inherited\":{},\"shared\":{},\"customer\":{},\"not-applicable\":{}}}",
        status.id(),
        k.inherited,
        k.shared,
        k.customer,
        k.not_applicable
    ));
}

pub(super) fn layers(out: &mut String, set: LayerSet) {
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
