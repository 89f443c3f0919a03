//! The controls decided in two halves side by side, each half worded into a prose table of its
//! own; the second half's table is then merged into the first's, which gives the table (and
//! the ids) one pass over the controls in order would have built: a text gets its id where it
//! first appears, and within the second half its texts first appear in the same order.

use super::statements::Statements;
use super::wording::Wording;
use crate::error::Result;
use crate::model::{Control, Registry, Service};
use crate::view::{Cell, ControlView, ProviderDisagreement, NO_TEXT};

/// Fewer controls than this are decided on one thread: a second would cost more than it saves.
pub const SPLIT_AT: usize = 64;

/// One control to decide: its position in the matrix, its framework, and the control.
pub type Item<'c> = (usize, usize, &'c Control);

/// The decided controls in order, the prose table, and the providers' disagreements in order.
pub type Outcome = (Vec<ControlView>, Vec<String>, Vec<ProviderDisagreement>);

/// Decides `all` (framework, control) in order with `word`, which decides and words a run of controls
/// with the `Wording` it is given; on two threads from `split_at` controls (the engine passes
/// [`SPLIT_AT`]). The first error in control order wins.
pub fn decide<F>(
    split_at: usize,
    all: &[(usize, &Control)],
    statements: &Statements,
    registry: &Registry,
    services: &[&Service],
    word: F,
) -> Result<Outcome>
where
    F: Fn(&[Item], &mut Wording) -> Result<(Vec<ControlView>, Vec<ProviderDisagreement>)> + Sync,
{
    let items: Vec<Item> = all.iter().enumerate().map(|(ci, &(fi, c))| (ci, fi, c)).collect();
    let run = |part: &[Item]| {
        let mut wording = Wording::new(statements, registry, services);
        word(part, &mut wording).map(|(views, found)| (views, found, wording))
    };
    if items.len() < split_at {
        let (views, found, wording) = run(&items)?;
        return Ok((views, wording.prose, found));
    }
    let (first, second) = items.split_at(items.len() / 2);
    let (a, b) = std::thread::scope(|s| {
        let later = s.spawn(|| run(second));
        let a = run(first);
        (a, later.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
    });
    let (mut views, mut found, mut wording) = a?;
    let (later, later_found, later_wording) = b?;
    let ids = wording.absorb(later_wording.prose);
    views.extend(later.into_iter().map(|mut v| {
        renumber(&mut v.cells, &ids);
        v.statements.iter_mut().for_each(|st| renumber(&mut st.cells, &ids));
        v
    }));
    found.extend(later_found);
    Ok((views, wording.prose, found))
}

/// Points each cell's texts at the merged table.
fn renumber(cells: &mut [Cell], ids: &[u32]) {
    for c in cells {
        for t in [&mut c.ptext, &mut c.ctext] {
            if *t != NO_TEXT {
                *t = ids[*t as usize];
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::embedded::DataSource;
    use crate::model::{LayerSet, Status};
    use crate::view::{Counts, Decided, StatementView};

    fn cell(ptext: u32, ctext: u32) -> Cell {
        let none = LayerSet::EMPTY;
        Cell {
            status: Status::Shared,
            provider: none,
            customer: none,
            shared: none,
            decided: Decided::Model,
            ptext,
            ctext,
        }
    }

    /// Words each control with texts some of which recur across controls (and so across the
    /// two halves), some not, and a statement with texts of its own.
    fn word(at: &[Item], w: &mut Wording) -> Result<(Vec<ControlView>, Vec<ProviderDisagreement>)> {
        let views = at
            .iter()
            .map(|&(ci, fi, c)| {
                let shared = w.intern(format!("shared {}", ci % 5));
                let own = w.intern(format!("own {ci}"));
                let part = w.intern(format!("part {}", (ci * 7) % 3));
                let statement = StatementView {
                    id: String::new(),
                    label: String::new(),
                    prose: String::new(),
                    layers: LayerSet::EMPTY,
                    why: None,
                    status: Status::Shared,
                    counts: Counts::default(),
                    cells: vec![cell(part, shared)],
                };
                ControlView {
                    framework: fi,
                    id: c.id.clone(),
                    title: String::new(),
                    family: String::new(),
                    family_title: String::new(),
                    layers: LayerSet::EMPTY,
                    why: String::new(),
                    withdrawn: None,
                    status: Status::Shared,
                    counts: Counts::default(),
                    cells: vec![cell(shared, own), cell(NO_TEXT, shared)],
                    statements: if ci % 4 == 0 { vec![statement] } else { Vec::new() },
                }
            })
            .collect();
        Ok((views, Vec::new()))
    }

    #[test]
    fn two_halves_give_the_table_and_ids_of_one_pass() {
        let source = DataSource::default();
        let registry = crate::data::registry(&source).unwrap();
        let statements = Statements::load(&source).unwrap();
        let controls: Vec<Control> = (0..150).map(|i| Control { id: format!("C-{i}"), ..Control::default() }).collect();
        let all: Vec<(usize, &Control)> = controls.iter().map(|c| (0, c)).collect();
        let (one, one_prose, _) = decide(usize::MAX, &all, &statements, &registry, &[], word).unwrap();
        let (two, two_prose, _) = decide(64, &all, &statements, &registry, &[], word).unwrap();
        assert_eq!(one_prose, two_prose);
        assert_eq!(one_prose.len(), 5 + 150 + 3, "each text once");
        let texts = |views: &[ControlView], prose: &[String]| -> Vec<String> {
            let cells = views.iter().flat_map(|v| v.cells.iter().chain(v.statements.iter().flat_map(|s| &s.cells)));
            let text = |t: u32| if t == NO_TEXT { "-".to_string() } else { prose[t as usize].clone() };
            cells.map(|c| format!("{}|{}", text(c.ptext), text(c.ctext))).collect()
        };
        assert_eq!(texts(&one, &one_prose), texts(&two, &two_prose));
        assert_eq!(texts(&two, &two_prose)[2 * 149 + 38], "shared 4|own 149", "the last control's first cell");
        let ids = |views: &[ControlView]| -> Vec<(u32, u32)> {
            views.iter().flat_map(|v| v.cells.iter().map(|c| (c.ptext, c.ctext))).collect()
        };
        assert_eq!(ids(&one), ids(&two));
    }
}
