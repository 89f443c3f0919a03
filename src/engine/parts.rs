//! Statement-level decisions (DESIGN §2): each response point of a control gets a cell per
//! service: the control's own by default; decided from the statement's own layers when the
//! layer table gives it some; an override on the statement wins over one on the control. The
//! control's cell then rolls its statements up: the status every applicable statement shares,
//! all not applicable → not applicable, otherwise shared.

use super::overrides::{self, ActiveOverride};
use super::owners::ServiceOwners;
use super::provider::{Answers, At};
use super::wording::Wording;
use super::{decide, overall};
use crate::error::Result;
use crate::model::{Control, LayerSet, Status};
use crate::view::{Cell, Counts, Decided, ProviderDisagreement, StatementView, NAME};

/// What the statements of one control are decided with.
pub struct Context<'c, 'b, 'a> {
    pub control: &'c Control,
    pub owners: &'c [ServiceOwners],
    /// Per service: whether it is a cloud service (cloud-only controls).
    pub clouds: &'c [bool],
    /// Overrides on the whole control (they apply to every statement).
    pub on_control: &'c [&'b ActiveOverride<'a>],
    /// Overrides naming a statement of the control.
    pub on_statements: &'c [&'b ActiveOverride<'a>],
    /// The providers' data, and its answers on statements of this control (part index, answer).
    pub answers: &'c Answers<'a>,
    pub answered: &'c [(usize, u32)],
    /// Where the control sits in the matrix.
    pub at: At,
}

/// Decides every statement of the control and rolls them up into `cells` (the control's cells,
/// already decided). Empty for a control answered as a whole.
pub fn decide_statements(
    cx: &Context,
    cells: &mut [Cell],
    wording: &mut Wording,
    found: &mut Vec<ProviderDisagreement>,
) -> Result<Vec<StatementView>> {
    let control = cx.control;
    let mut out = Vec::with_capacity(control.parts.len());
    for (pi, part) in control.parts.iter().enumerate() {
        let named: Vec<&ActiveOverride> =
            cx.on_statements.iter().copied().filter(|o| o.names_part(&control.id, part)).collect();
        let answers = cx.answered.iter().filter(|(p, _)| *p == pi).map(|&(_, i)| i);
        let at = At { statement: Some(pi as u32), ..cx.at };
        let mut counts = Counts::default();
        let mut own = Vec::with_capacity(cells.len());
        for (si, base) in cells.iter().enumerate() {
            let answer = cx.answers.pick(answers.clone(), si);
            let cell = match (part.layers, named.is_empty(), answer) {
                (None, true, None) => *base,
                (layers, _, _) => {
                    let given = Given { layers, base: *base, named: &named, answer, at };
                    statement_cell(cx, &given, si, wording, found)?
                }
            };
            counts.add(cell.status);
            own.push(cell);
        }
        out.push(StatementView {
            id: part.id.clone(),
            label: part.label.clone(),
            prose: part.prose.clone(),
            layers: part.layers.unwrap_or(control.layers),
            why: part.why.clone(),
            status: overall(&counts),
            counts,
            cells: own,
        });
    }
    for (si, cell) in cells.iter_mut().enumerate() {
        roll_up(control, cell, &out, si, wording)?;
    }
    Ok(out)
}

/// What one statement's cell on one service is decided from.
struct Given<'g, 'b, 'a> {
    /// The statement's own layers; `None` = the control's cell.
    layers: Option<LayerSet>,
    base: Cell,
    /// Overrides naming the statement.
    named: &'g [&'b ActiveOverride<'a>],
    /// The provider's answer on the statement.
    answer: Option<u32>,
    at: At,
}

/// A statement's cell on service `si`: from its own layers (or the control's cell), then the
/// provider's answer on the statement (unless an override on the control decided), then the
/// overrides on the control and on the statement.
fn statement_cell(
    cx: &Context,
    g: &Given,
    si: usize,
    wording: &mut Wording,
    found: &mut Vec<ProviderDisagreement>,
) -> Result<Cell> {
    let (layers, base, named) = (g.layers, g.base, g.named);
    let control = cx.control;
    let mut why_na = None;
    let mut cell = match layers {
        None => base,
        Some(l) => {
            let mut cell = decide(l, &cx.owners[si]);
            if control.cloud_only && !cx.clouds[si] {
                cell.status = Status::NotApplicable;
                cell.decided = Decided::CloudOnly;
                why_na = Some(format!(
                    "{} is a cloud-only control and {NAME} runs in the organization's own datacentre.",
                    control.id
                ));
            }
            if let Some(ov) = overrides::pick(cx.on_control, si) {
                cell.status = ov.entry.status;
                cell.decided = Decided::Override(ov.index);
                why_na = Some(ov.entry.justification.clone());
            }
            cell
        }
    };
    if let Some(i) = g.answer.filter(|_| !matches!(cell.decided, Decided::Override(_))) {
        cx.answers.apply(&mut cell, i, si, g.at, found);
    }
    if let Some(ov) = overrides::pick(named, si) {
        cell.status = ov.entry.status;
        cell.decided = Decided::Override(ov.index);
        why_na = Some(ov.entry.justification.clone());
    }
    match (cell.status, why_na) {
        (Status::NotApplicable, Some(why)) => wording.not_applicable(&mut cell, &why),
        // The control's own not-applicable cell, texts and all.
        (Status::NotApplicable, None) => {}
        _ => wording.word(&mut cell, control, si)?,
    }
    Ok(cell)
}

/// The status the statements give service `si`: the one every applicable statement shares, all
/// not applicable → not applicable, otherwise shared. `None` without statements.
pub fn rolled_status(statements: &[StatementView], si: usize) -> Option<Status> {
    let mut applicable = statements.iter().map(|s| s.cells[si].status).filter(|s| *s != Status::NotApplicable);
    if statements.is_empty() {
        return None;
    }
    let Some(first) = applicable.next() else { return Some(Status::NotApplicable) };
    Some(match applicable.all(|s| s == first) {
        true => first,
        false => Status::Shared,
    })
}

/// Sets the control's cell to the status its statements roll up to, when that differs from its
/// own: the layers of all its statements, worded for the new status, decided by the statements.
fn roll_up(control: &Control, cell: &mut Cell, statements: &[StatementView], si: usize, w: &mut Wording) -> Result<()> {
    let Some(status) = rolled_status(statements, si) else { return Ok(()) };
    if status == cell.status {
        return Ok(());
    }
    let (mut provider, mut customer, mut shared) = (LayerSet::EMPTY, LayerSet::EMPTY, LayerSet::EMPTY);
    for st in statements {
        let c = &st.cells[si];
        provider = provider.or(c.provider);
        customer = customer.or(c.customer);
        shared = shared.or(c.shared);
    }
    *cell = Cell { status, provider, customer, shared, decided: Decided::Statements, ..*cell };
    match status {
        Status::NotApplicable => {
            w.not_applicable(cell, &format!("every statement of {} is not applicable.", control.id))
        }
        _ => w.word(cell, control, si)?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(statuses: &[Status]) -> StatementView {
        let cells = statuses
            .iter()
            .map(|&status| Cell {
                status,
                provider: LayerSet::EMPTY,
                customer: LayerSet::EMPTY,
                shared: LayerSet::EMPTY,
                decided: Decided::Model,
                ptext: 0,
                ctext: 0,
            })
            .collect();
        StatementView {
            id: String::new(),
            label: String::new(),
            prose: String::new(),
            layers: LayerSet::EMPTY,
            why: None,
            status: Status::Mixed,
            counts: Counts::default(),
            cells,
        }
    }

    #[test]
    fn statements_roll_up_to_the_status_they_share_else_shared() {
        use Status::*;
        let sts = [st(&[Customer, Inherited, NotApplicable]), st(&[Customer, Customer, NotApplicable])];
        assert_eq!(rolled_status(&sts, 0), Some(Customer));
        assert_eq!(rolled_status(&sts, 1), Some(Shared));
        assert_eq!(rolled_status(&sts, 2), Some(NotApplicable));
        let with_na = [st(&[Inherited]), st(&[NotApplicable])];
        assert_eq!(rolled_status(&with_na, 0), Some(Inherited));
        assert_eq!(rolled_status(&[], 0), None);
    }
}
