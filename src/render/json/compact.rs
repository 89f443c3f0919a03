//! The `controls` of `respmatrix/matrix@2`, the compact layout: every distinct text (statement
//! or rationale piece, the service's name a `{service}` parameter) is stored once in `texts`,
//! every distinct decision of a control once in its `decisions`, and each cell is its
//! responsibility id and the index of its decision. A consumer rebuilds the prose of `@1`
//! exactly (docs/matrix-v2.md; a test holds it to that).

use super::cells::{control_head, esc, layers, statement_head};
use super::template::{template, template_leading};
use crate::model::{Layer, LayerSet, Status};
use crate::review::ids;
use crate::view::{rationale_held_of, withdrawn_rationale, ControlView, Decided, Matrix, Principle, NAME};
// Fx hashing: the planner looks up every cell's decision, and the keys are small and ours.
use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;
use std::io::Write;

/// No text in this slot of a decision's rationale.
const NONE: u32 = u32::MAX;

/// Distinct strings, each with its index, in the order first seen (so output is deterministic).
#[derive(Default)]
struct Table {
    index: HashMap<String, u32>,
    items: Vec<String>,
}

impl Table {
    fn id(&mut self, text: String) -> u32 {
        if let Some(&i) = self.index.get(&text) {
            return i;
        }
        let i = self.items.len() as u32;
        self.index.insert(text.clone(), i);
        self.items.push(text);
        i
    }
}

/// One distinct decision of a control: everything a cell says but its service and id.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct Decision {
    status: Status,
    provider: LayerSet,
    customer: LayerSet,
    shared: LayerSet,
    /// Index into `Plan::decided`.
    decided: u32,
    /// Rationale pieces (text ids) in order: intro, held, one note per control layer, tail.
    intro: u32,
    held: u32,
    notes: [u32; Layer::COUNT],
    tail: u32,
    ctext: u32,
    ptext: u32,
}

/// A control's decisions and, per cell (indexed like `Matrix::services`), its decision.
struct ControlPlan {
    decisions: Vec<Decision>,
    of_cell: Vec<u32>,
    /// The plans of the control's statements, in order.
    statements: Vec<ControlPlan>,
}

/// What a service contributes to its cells, interned.
struct ServiceIds {
    intro: u32,
    notes: [u32; Layer::COUNT],
    /// `decided_by` for model, product and inventory decisions.
    decided: [u32; 3],
}

/// The texts, the `decided_by` strings and every control's decisions, computed before anything
/// is written so `texts` can precede `controls`.
pub(super) struct Plan {
    pub(super) texts: Vec<String>,
    decided: Vec<String>,
    controls: Vec<ControlPlan>,
}

/// What every plan is made of, interned once.
struct Planner {
    texts: Table,
    decided: Table,
    empty: u32,
    prose: Vec<u32>,
    services: Vec<ServiceIds>,
    principles: HashMap<Principle, u32>,
    overrides: Vec<(u32, u32)>,
    cloud_only: u32,
    by_statements: u32,
}

/// The cells a plan is made for: a control's, or one of its statements'.
struct Subject<'a> {
    id: &'a str,
    layers: LayerSet,
    cells: &'a [crate::view::Cell],
    /// Whether these are the control's own cells and it has statements (their rationale then
    /// ends with what the statements say).
    rolled: bool,
}

impl Plan {
    pub(super) fn new(m: &Matrix) -> Plan {
        let mut texts = Table::default();
        let mut decided = Table::default();
        let empty = texts.id(String::new());
        let prose: Vec<u32> = m.prose.iter().map(|t| texts.id(template(t))).collect();
        let services: Vec<ServiceIds> = (0..m.services.len())
            .map(|si| {
                let name = &m.services[si].name;
                let mut notes = [NONE; Layer::COUNT];
                for l in Layer::ALL {
                    let note = m.rationale_note(si, l);
                    if !note.is_empty() {
                        notes[l.index()] = texts.id(template(&note));
                    }
                }
                ServiceIds {
                    intro: texts.id(template_leading(&m.rationale_intro(si), name)),
                    notes,
                    decided: [Decided::Model, Decided::Product, Decided::Service]
                        .map(|d| decided.id(m.decided_text(d, si))),
                }
            })
            .collect();
        let principles: HashMap<Principle, u32> =
            Principle::ALL.into_iter().map(|p| (p, texts.id(template(&format!(" {}", p.text()))))).collect();
        let overrides: Vec<(u32, u32)> =
            m.decision_tails().into_iter().map(|(by, tail)| (decided.id(by), texts.id(template(&tail)))).collect();
        let cloud_only = decided.id(m.decided_text(Decided::CloudOnly, 0));
        let by_statements = decided.id(m.decided_text(Decided::Statements, 0));
        let mut p =
            Planner { texts, decided, empty, prose, services, principles, overrides, cloud_only, by_statements };
        let mut controls = Vec::with_capacity(m.controls.len());
        for c in &m.controls {
            let rolled = !c.statements.is_empty();
            let own = Subject { id: &c.id, layers: c.layers, cells: &c.cells, rolled };
            let statements = c
                .statements
                .iter()
                .map(|st| p.plan(m, c, &Subject { id: &st.label, layers: st.layers, cells: &st.cells, rolled: false }))
                .collect();
            let mut plan = p.plan(m, c, &own);
            plan.statements = statements;
            controls.push(plan);
        }
        Plan { texts: p.texts.items, decided: p.decided.items, controls }
    }
}

impl Planner {
    fn plan(&mut self, m: &Matrix, c: &ControlView, subject: &Subject) -> ControlPlan {
        let withdrawn = c.withdrawn.as_ref().map(|note| {
            let why = self.texts.id(template(&withdrawn_rationale(c).unwrap_or_default()));
            let nothing = format!("Nothing to implement for {NAME}: {} is {note}.", c.id);
            (why, self.texts.id(template(&nothing)))
        });
        let mut held: HashMap<(LayerSet, LayerSet, LayerSet), u32> = HashMap::default();
        let mut index: HashMap<Decision, u32> = HashMap::default();
        let mut plan = ControlPlan {
            decisions: Vec::new(),
            of_cell: Vec::with_capacity(subject.cells.len()),
            statements: Vec::new(),
        };
        for (si, cell) in subject.cells.iter().enumerate() {
            let s = &self.services[si];
            let (decided, over) = match cell.decided {
                Decided::Model => (s.decided[0], None),
                Decided::Product => (s.decided[1], None),
                Decided::Service => (s.decided[2], None),
                Decided::CloudOnly => (self.cloud_only, None),
                d @ (Decided::Override(_) | Decided::Provider(_)) => {
                    let (by, tail) = self.overrides[m.tail_index(d).unwrap_or_default()];
                    (by, Some(tail))
                }
                Decided::Statements => (self.by_statements, None),
            };
            let mut d = Decision {
                status: cell.status,
                provider: cell.provider,
                customer: cell.customer,
                shared: cell.shared,
                decided,
                intro: NONE,
                held: NONE,
                notes: [NONE; Layer::COUNT],
                tail: NONE,
                ctext: self.empty,
                ptext: self.empty,
            };
            match withdrawn {
                Some((why, nothing)) => {
                    d.intro = why;
                    d.ctext = nothing;
                }
                None => {
                    d.intro = s.intro;
                    let notes = s.notes;
                    let texts = &mut self.texts;
                    d.held = *held
                        .entry((cell.provider, cell.customer, cell.shared))
                        .or_insert_with(|| texts.id(template(&rationale_held_of(subject.id, subject.layers, cell))));
                    for l in subject.layers.iter() {
                        d.notes[l.index()] = notes[l.index()];
                    }
                    d.tail = match subject.rolled {
                        false => over.unwrap_or_else(|| self.principles[&m.principle_by(subject.layers, cell, si)]),
                        true => self.texts.id(template(&m.rationale_tail(c, cell, si))),
                    };
                    d.ctext = self.text_of(cell.ctext);
                    d.ptext = self.text_of(cell.ptext);
                }
            }
            let next = plan.decisions.len() as u32;
            let k = *index.entry(d).or_insert(next);
            if k == next {
                plan.decisions.push(d);
            }
            plan.of_cell.push(k);
        }
        plan
    }

    fn text_of(&self, id: u32) -> u32 {
        self.prose.get(id as usize).copied().unwrap_or(self.empty)
    }
}

/// Writes every control, each starting a line and each of its decisions on a line of its own,
/// between the brackets of the `controls` array.
pub(super) fn write_controls<W: Write>(m: &Matrix, plan: &Plan, w: &mut W) -> std::io::Result<()> {
    let decided: Vec<String> = plan.decided.iter().map(|d| esc(d)).collect();
    let mut out = String::with_capacity(1 << 16);
    for (k, (c, p)) in m.controls.iter().zip(&plan.controls).enumerate() {
        out.clear();
        out.push_str(if k == 0 { "\n    " } else { ",\n    " });
        control(&mut out, m, &decided, (k, c), p);
        w.write_all(out.as_bytes())?;
    }
    if !m.controls.is_empty() {
        w.write_all(b"\n  ")?;
    }
    Ok(())
}

fn control(out: &mut String, m: &Matrix, decided: &[String], (ci, c): (usize, &ControlView), p: &ControlPlan) {
    control_head(out, m, c, ci);
    decisions_and_cells(out, m, decided, c, (&c.id, &c.cells), p, "\n    ");
    if !c.statements.is_empty() {
        // Additive: the control's response points, each with its own decisions and cells.
        out.push_str(",\"statements\":[");
        for (i, (st, sp)) in c.statements.iter().zip(&p.statements).enumerate() {
            out.push_str(if i == 0 { "\n     " } else { ",\n     " });
            statement_head(out, st);
            decisions_and_cells(out, m, decided, c, (&st.label, &st.cells), sp, "\n     ");
            out.push('}');
        }
        out.push_str("\n    ]");
    }
    out.push('}');
}

/// `,"decisions":[…],"cells":[…]` of a control, or of its statement `id`.
fn decisions_and_cells(
    out: &mut String,
    m: &Matrix,
    decided: &[String],
    c: &ControlView,
    (id, cells): (&str, &[crate::view::Cell]),
    p: &ControlPlan,
    close: &str,
) {
    out.push_str(",\"decisions\":[");
    for (i, d) in p.decisions.iter().enumerate() {
        out.push_str(if i == 0 { "\n      " } else { ",\n      " });
        decision(out, decided, d);
    }
    if !p.decisions.is_empty() {
        out.push_str(close);
    }
    out.push_str("],\"cells\":[");
    let framework = &m.frameworks[c.framework].id;
    let pair_ids = ids::PairIds::new(framework, &ids::control_key(id));
    for (si, (cell, d)) in cells.iter().zip(&p.of_cell).enumerate() {
        if si > 0 {
            out.push(',');
        }
        // Ids are `R-` and hex digits: nothing to escape.
        out.push_str("[\"");
        pair_ids.push(out, &m.services[si].id, &cell.part());
        out.push_str("\",");
        push_number(out, *d);
        out.push(']');
    }
    out.push(']');
}

/// Appends `n` in decimal (what `write!` does, without the formatting machinery: the cells
/// write a million of these).
fn push_number(out: &mut String, n: u32) {
    let mut digits = [0u8; 10];
    let (mut n, mut at) = (n, digits.len());
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|&b| b as char));
}

fn decision(out: &mut String, decided: &[String], d: &Decision) {
    out.push_str("{\"status\":\"");
    out.push_str(d.status.id());
    out.push_str("\",\"provider_layers\":");
    layers(out, d.provider);
    out.push_str(",\"customer_layers\":");
    layers(out, d.customer);
    out.push_str(",\"shared_layers\":");
    layers(out, d.shared);
    out.push_str(",\"decided_by\":\"");
    out.push_str(&decided[d.decided as usize]);
    out.push_str("\",\"rationale\":[");
    let pieces = [d.intro, d.held].into_iter().chain(d.notes).chain([d.tail]).filter(|&t| t != NONE);
    for (i, t) in pieces.enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, "{t}");
    }
    let _ = write!(out, "],\"customer_statement\":{},\"provider_statement\":{}}}", d.ctext, d.ptext);
}
