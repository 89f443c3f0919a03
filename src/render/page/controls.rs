//! Matrix columns (one per service, or groups of services for wide inventories) and control
//! rows with their decisions: the services of a control grouped by identical outcome, so
//! prose is not repeated for every service.

use super::{slug, CountsPage};
use crate::grouping::{group_status, groups, Group, GroupBy};
use crate::model::{LayerSet, Status};
use crate::render::templates::helpers::letter;
use crate::report::Report;
use crate::view::{Cell, Decided, Matrix};
use serde::Serialize;

/// A column of the matrix: one service, or a group of services.
#[derive(Debug, Serialize)]
pub struct Column {
    pub label: String,
    /// A short header: the group's label, or the service's number (1-based).
    pub key: String,
    /// Longer text for a tooltip: the service's provider, product and model, or the group size.
    pub title: String,
    pub services: usize,
    /// Where the column's service or group is described.
    pub anchor: String,
}

#[derive(Debug, Serialize)]
pub struct CellPage {
    pub status: &'static str,
    pub letter: &'static str,
    /// For a group: its per-status counts in words; empty for a single service.
    pub tip: String,
}

/// Services of one control with the same outcome: status, layers per party and what decided.
#[derive(Debug, Serialize)]
pub struct DecisionPage {
    pub status: &'static str,
    pub services: usize,
    /// True when the decision covers every in-scope service.
    pub all: bool,
    /// Service names, in inventory order; empty for wide inventories (the page's script lists
    /// them on demand).
    pub names: Vec<String>,
    pub provider_layers: Vec<&'static str>,
    pub customer_layers: Vec<&'static str>,
    pub shared_layers: Vec<&'static str>,
    /// `model: iaas, paas`, `product:AWS Fargate`, `service-override:orders-db`, `override:label`.
    pub decided_by: String,
    /// The rule or override that set the status, in a sentence.
    pub reason: String,
}

#[derive(Debug, Serialize)]
pub struct ControlPage {
    /// Position in the whole matrix (all frameworks), as the page's script data uses it.
    pub index: usize,
    pub anchor: String,
    pub framework: String,
    pub id: String,
    pub title: String,
    pub family: String,
    pub family_title: String,
    pub layers: Vec<&'static str>,
    pub why: String,
    pub status: &'static str,
    pub counts: CountsPage,
    /// One per matrix column.
    pub cells: Vec<CellPage>,
    pub decisions: Vec<DecisionPage>,
    /// Controls of other selected frameworks a crosswalk relates this one to.
    pub also_serves: Vec<AlsoPage>,
}

/// One "also serves" entry of a control's details.
#[derive(Debug, Serialize)]
pub struct AlsoPage {
    pub framework: String,
    pub control: String,
    pub anchor: String,
    /// full, partial or related.
    pub strength: &'static str,
    /// equal, subset-of, …; empty for a concept crosswalk (related says it all).
    pub relationship: &'static str,
    pub source: String,
}

fn also_serves(m: &Matrix, ci: usize) -> Vec<AlsoPage> {
    let list = m.also_serves.get(ci).map(|l| l.as_slice()).unwrap_or_default();
    list.iter()
        .map(|x| {
            let t = &m.controls[x.control];
            AlsoPage {
                framework: m.frameworks[t.framework].id.clone(),
                control: t.id.clone(),
                anchor: format!("c{}-{}", x.control, slug(&t.id)),
                strength: x.strength.id(),
                relationship: if x.strength == crate::crosswalk::Strength::Related { "" } else { x.relationship.id() },
                source: x.sources.join(", "),
            }
        })
        .collect()
}

/// One decision of a control with the services it covers (indexes into `Matrix::services`).
pub struct Decision {
    pub cell: Cell,
    pub members: Vec<usize>,
    pub decided_by: String,
}

/// The matrix columns and, when grouped, the groups and what groups them.
pub fn columns(report: &Report, wide: bool) -> (Vec<Column>, Option<Vec<Group>>, &'static str) {
    let m = &report.matrix;
    let by = report.options.group_by.or(if wide { Some(GroupBy::Model) } else { None });
    match by {
        Some(by) => {
            let gs = groups(m, by);
            let cols = gs
                .iter()
                .map(|g| Column {
                    label: g.label.clone(),
                    key: g.label.clone(),
                    title: format!("{} ({} services)", g.label, g.services.len()),
                    services: g.services.len(),
                    anchor: "services".to_string(),
                })
                .collect();
            (cols, Some(gs), by.id())
        }
        None => {
            let cols = m
                .services
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let parts: Vec<&str> =
                        [s.provider_title.as_deref(), s.product.as_deref(), Some(s.model_title.as_str())]
                            .into_iter()
                            .flatten()
                            .collect();
                    Column {
                        label: s.name.clone(),
                        key: (i + 1).to_string(),
                        title: format!("{} ({})", s.name, parts.join(", ")),
                        services: 1,
                        anchor: format!("svc-{}", slug(&s.id)),
                    }
                })
                .collect();
            (cols, None, "service")
        }
    }
}

/// One number per service, the same for services of the same model: decisions compare these
/// instead of the model names, for every cell.
pub fn model_ids(m: &Matrix) -> Vec<usize> {
    let mut seen: Vec<&str> = Vec::new();
    m.services
        .iter()
        .map(|s| match seen.iter().position(|&x| x == s.model) {
            Some(i) => i,
            None => {
                seen.push(&s.model);
                seen.len() - 1
            }
        })
        .collect()
}

/// Groups a control's cells by outcome, decisions ordered by status, then first service.
/// `model_ids` is `model_ids(m)`.
pub fn decide(m: &Matrix, ci: usize, model_ids: &[usize]) -> Vec<Decision> {
    let c = &m.controls[ci];
    // Each decision with the first service of each model it covers.
    let mut out: Vec<(Decision, Vec<usize>)> = Vec::new();
    for (si, cell) in c.cells.iter().enumerate() {
        let same = |d: &Decision| {
            let (a, b) = (&d.cell, cell);
            (a.status, a.provider, a.customer, a.shared, a.ptext, a.ctext)
                == (b.status, b.provider, b.customer, b.shared, b.ptext, b.ctext)
                && match (a.decided, b.decided) {
                    (Decided::Model, Decided::Model) => true,
                    _ => d.decided_by == m.decided_by(b, si),
                }
        };
        match out.iter_mut().find(|(d, _)| same(d)) {
            Some((d, models)) => {
                d.members.push(si);
                let model = model_ids.get(si);
                if cell.decided == Decided::Model && !models.iter().any(|&f| model_ids.get(f) == model) {
                    models.push(si);
                }
            }
            None => {
                out.push((Decision { cell: *cell, members: vec![si], decided_by: m.decided_by(cell, si) }, vec![si]));
            }
        }
    }
    let mut out: Vec<Decision> = out
        .into_iter()
        .map(|(mut d, models)| {
            if d.cell.decided == Decided::Model {
                let names: Vec<&str> = models.iter().map(|&si| m.services[si].model.as_str()).collect();
                d.decided_by = format!("model: {}", names.join(", "));
            }
            d
        })
        .collect();
    out.sort_by_key(|d| (d.cell.status, d.members[0]));
    out
}

/// A control row of the matrix with its decisions.
pub fn control(m: &Matrix, ci: usize, decisions: &[Decision], groups: Option<&[Group]>, wide: bool) -> ControlPage {
    let c = &m.controls[ci];
    let cells = match groups {
        Some(gs) => gs
            .iter()
            .map(|g| {
                let (s, counts) = group_status(c, g);
                let tip = Status::ALL
                    .iter()
                    .filter(|&&st| counts.get(st) > 0)
                    .map(|&st| format!("{} {}", counts.get(st), st))
                    .collect::<Vec<_>>()
                    .join(", ");
                CellPage { status: s.id(), letter: letter(s), tip }
            })
            .collect(),
        None => c
            .cells
            .iter()
            .map(|x| CellPage { status: x.status.id(), letter: letter(x.status), tip: String::new() })
            .collect(),
    };
    let fw = &m.frameworks[c.framework];
    ControlPage {
        index: ci,
        anchor: format!("c{ci}-{}", slug(&c.id)),
        framework: fw.id.clone(),
        id: c.id.clone(),
        title: c.display_title().into_owned(),
        family: c.family.clone(),
        family_title: c.family_title.clone(),
        layers: c.layers.ids(),
        why: c.why.clone(),
        status: c.status.id(),
        counts: c.counts.into(),
        cells,
        decisions: decisions.iter().map(|d| decision(m, ci, d, wide)).collect(),
        also_serves: also_serves(m, ci),
    }
}

fn decision(m: &Matrix, ci: usize, d: &Decision, wide: bool) -> DecisionPage {
    let all = d.members.len() == m.services.len();
    let names =
        if wide || all { Vec::new() } else { d.members.iter().map(|&si| m.services[si].name.clone()).collect() };
    DecisionPage {
        status: d.cell.status.id(),
        services: d.members.len(),
        all,
        names,
        provider_layers: d.cell.provider.ids(),
        customer_layers: d.cell.customer.ids(),
        shared_layers: d.cell.shared.ids(),
        decided_by: d.decided_by.clone(),
        reason: m.rationale_tail(&m.controls[ci], &d.cell, d.members[0]).trim().to_string(),
    }
}

/// A layer set as a number (bit i = `Layer::ALL[i]`), for the page's script.
pub fn mask(set: LayerSet) -> u32 {
    set.iter().map(|l| 1u32 << l.index()).sum()
}
