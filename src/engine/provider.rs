//! Provider data applied: a provider's own answers (its FedRAMP CRM or OSCAL SSP) decide the
//! cells of that provider's services, after the model and before the organization's overrides,
//! per control or per statement. Every cell where an answer differs from the model is recorded,
//! so a wrong model and a stale provider CRM both show.

use crate::model::{control_id, Control, ProviderData, Service, Status};
use crate::view::{Cell, Decided, ProviderAnswerView, ProviderDisagreement};
use std::collections::HashMap;

/// Every answer of every provider file, indexed by control.
pub struct Answers<'a> {
    /// Flattened, in file then row order; `Decided::Provider(i)` indexes this.
    all: Vec<(usize, &'a crate::model::ProviderAnswer)>,
    /// Per file, per in-scope service: whether the file speaks for the service.
    serves: Vec<Vec<bool>>,
    by_control: HashMap<String, Vec<u32>>,
    data: &'a [ProviderData],
}

/// The answers about one control: on the whole control, and per statement (index of the part).
#[derive(Default)]
pub struct OfControl {
    pub whole: Vec<u32>,
    pub parts: Vec<(usize, u32)>,
}

/// Where a cell sits, for the record of a disagreement.
#[derive(Clone, Copy)]
pub struct At {
    pub control: u32,
    pub statement: Option<u32>,
}

impl<'a> Answers<'a> {
    pub fn new(data: &'a [ProviderData], in_scope: &[&Service]) -> Answers<'a> {
        let mut all = Vec::new();
        let mut by_control: HashMap<String, Vec<u32>> = HashMap::new();
        for (di, d) in data.iter().enumerate() {
            for a in &d.answers {
                by_control.entry(control_id::key(&a.control)).or_default().push(all.len() as u32);
                all.push((di, a));
            }
        }
        let serves = data.iter().map(|d| in_scope.iter().map(|s| d.speaks_for(s)).collect()).collect();
        Answers { all, serves, by_control, data }
    }

    /// The answers about `control`: statement answers are placed on the part they name; a
    /// statement answer for a control without parts stays unplaced.
    pub fn of_control(&self, control: &Control) -> OfControl {
        let mut out = OfControl::default();
        if self.all.is_empty() {
            return out;
        }
        let Some(hits) = self.by_control.get(&control_id::key(&control.id)) else { return out };
        for &i in hits {
            let a = self.all[i as usize].1;
            match &a.statement {
                None => out.whole.push(i),
                Some(_) => {
                    if let Some(p) = control.parts.iter().position(|p| p.named_by(&a.label, &control.id)) {
                        out.parts.push((p, i));
                    }
                }
            }
        }
        out
    }

    /// The answer that speaks for service `si` among `hits`: the last one (a later file wins).
    pub fn pick(&self, hits: impl DoubleEndedIterator<Item = u32>, si: usize) -> Option<u32> {
        hits.rev().find(|&i| self.serves[self.all[i as usize].0][si])
    }

    /// Sets `cell` to answer `i`, recording where it differs from what the model decided.
    /// Not-applicable cells (cloud-only, withdrawn) stay as they are.
    pub fn apply(&self, cell: &mut Cell, i: u32, si: usize, at: At, found: &mut Vec<ProviderDisagreement>) {
        if cell.status == Status::NotApplicable {
            return;
        }
        let status = self.all[i as usize].1.status;
        if status != cell.status {
            found.push(ProviderDisagreement {
                answer: i,
                control: at.control,
                statement: at.statement,
                service: si as u32,
                model: cell.status,
            });
        }
        cell.status = status;
        cell.decided = Decided::Provider(i);
    }

    /// The answers as the matrix shows them, indexed like `Decided::Provider`.
    pub fn views(&self) -> Vec<ProviderAnswerView> {
        self.all
            .iter()
            .map(|&(di, a)| {
                let d = &self.data[di];
                ProviderAnswerView {
                    provider: d.provider.clone(),
                    file: d.file.clone(),
                    kind: d.kind.clone(),
                    label: a.label.clone(),
                    status: a.status,
                    word: a.word(),
                    text: a.text.clone(),
                    origin: a.origin.to_string(),
                }
            })
            .collect()
    }

    /// The answers no control or statement of `catalogs` has, with their places, per file.
    pub fn unplaced(&self, catalogs: &[crate::model::Catalog]) -> Vec<(usize, Vec<u32>)> {
        if self.all.is_empty() {
            return Vec::new();
        }
        let mut placed = vec![false; self.all.len()];
        for c in catalogs.iter().flat_map(|c| &c.controls) {
            let of = self.of_control(c);
            of.whole.iter().chain(of.parts.iter().map(|(_, i)| i)).for_each(|&i| placed[i as usize] = true);
        }
        let mut out: Vec<(usize, Vec<u32>)> = Vec::new();
        for (i, &(di, _)) in self.all.iter().enumerate() {
            if placed[i] {
                continue;
            }
            match out.last_mut() {
                Some((d, list)) if *d == di => list.push(i as u32),
                _ => out.push((di, vec![i as u32])),
            }
        }
        out
    }

    /// A warning per file whose answers the selected frameworks cannot place.
    pub fn unplaced_warnings(&self, catalogs: &[crate::model::Catalog], diags: &mut crate::diag::Diagnostics) {
        for (di, list) in self.unplaced(catalogs) {
            let d = &self.data[di];
            let some: Vec<String> = list
                .iter()
                .take(5)
                .map(|&i| {
                    let a = self.all[i as usize].1;
                    format!("{} ({})", a.label, a.origin.in_workbook())
                })
                .collect();
            let more = list.len().saturating_sub(5);
            let tail = if more > 0 { format!(" and {more} more") } else { String::new() };
            diags.warning(
                crate::diag::Location::file(&d.file),
                format!(
                    "{} answers of {}'s {} name response points the selected frameworks do not have, \
                     and decide nothing: {}{tail}",
                    list.len(),
                    d.provider,
                    d.kind,
                    some.join(", ")
                ),
            );
        }
    }
}
