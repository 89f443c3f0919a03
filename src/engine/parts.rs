//! Statement-level decisions (DESIGN §2): each response point of a control gets a cell per
//! service: the control's own by default; decided from the statement's own layers when the
//! layer table gives it some; an override on the statement wins over one on the control. The
//! control's cell then rolls its statements up: the status every applicable statement shares,
//! all not applicable → not applicable, otherwise shared.

use super::overrides::{self, ActiveOverride};
use super::owners::ServiceOwners;
use super::wording::Wording;
use super::{decide, overall};
use crate::error::Result;
use crate::model::{Control, LayerSet, Status};
use crate::view::{Cell, Counts, Decided, StatementView, NAME};

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
}

/// Decides every statement of the control and rolls them up into `cells` (the control's cells,
/// already decided). Empty for a control answered as a whole.
pub fn decide_statements(cx: &Context, cells: &mut [Cell], wording: &mut Wording) -> Result<Vec<StatementView>> {
    let control = cx.control;
    let mut out = Vec::with_capacity(control.parts.len());
    for part in &control.parts {
        let named: Vec<&ActiveOverride> =
            cx.on_statements.iter().copied().filter(|o| o.names_part(&control.id, part)).collect();
        let mut counts = Counts::default();
        let mut own = Vec::with_capacity(cells.len());
        for (si, base) in cells.iter().enumerate() {
            let cell = match (part.layers, named.is_empty()) {
                (None, true) => *base,
                (layers, _) => statement_cell(cx, layers, *base, &named, si, wording)?,
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

/// A statement's cell on service `si`: from its own layers (or the control's cell), then the
/// overrides on the control and on the statement.
fn statement_cell(
    cx: &Context,
    layers: Option<LayerSet>,
    base: Cell,
    named: &[&ActiveOverride],
    si: usize,
    wording: &mut Wording,
) -> Result<Cell> {
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
