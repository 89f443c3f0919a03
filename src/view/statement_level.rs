//! What a control's statements add to its rationale (DESIGN §2, statement level): the
//! statements grouped by status in runs of neighbours, and the sentence that names them when
//! they decided the control's cell or differ.

use super::{Cell, ControlView, Decided, Matrix};
use crate::model::Status;

impl Matrix {
    /// What the control's statements say on service `si` (with a leading space), when they
    /// decided the cell or differ: ` Its statements differ: AC-2(a)–(e) customer, AC-2(j)
    /// inherited.`; "" when the control has none or they all agree with the cell.
    pub fn statements_sentence(&self, c: &ControlView, cell: &Cell, si: usize) -> String {
        let runs = statement_runs(c, si);
        match (cell.decided == Decided::Statements, runs.len()) {
            (_, 0) => String::new(),
            (true, 1) => format!(" Rolled up from its statements: all {}.", runs[0].1),
            (false, 1) => String::new(),
            (decided, _) => {
                let list: Vec<String> = runs.iter().map(|(labels, status)| format!("{labels} {status}")).collect();
                let lead = match decided {
                    true => format!("Its statements differ, so it is {}", cell.status),
                    false => "Its statements differ".to_string(),
                };
                format!(" {lead}: {}.", list.join(", "))
            }
        }
    }
}

/// A control's statements on service `si` grouped by status, in order of first appearance, each
/// group as runs of neighbours (`AC-2(a)–(e), AC-2(h)`); empty when it has no statements.
pub fn statement_runs(c: &ControlView, si: usize) -> Vec<(String, Status)> {
    let mut groups: Vec<(Status, Vec<Vec<&str>>)> = Vec::new();
    let mut last: Option<Status> = None;
    for st in &c.statements {
        let Some(cell) = st.cells.get(si) else { continue };
        let at = match groups.iter().position(|(s, _)| *s == cell.status) {
            Some(i) => i,
            None => {
                groups.push((cell.status, Vec::new()));
                groups.len() - 1
            }
        };
        let runs = &mut groups[at].1;
        match (last == Some(cell.status), runs.last_mut()) {
            (true, Some(run)) => run.push(&st.label),
            _ => runs.push(vec![&st.label]),
        }
        last = Some(cell.status);
    }
    let run_text = |run: &Vec<&str>| match run.as_slice() {
        [one] => one.to_string(),
        [first, .., end] => format!("{first}–{}", end.strip_prefix(c.id.as_str()).unwrap_or(end)),
        [] => String::new(),
    };
    groups.into_iter().map(|(s, runs)| (runs.iter().map(run_text).collect::<Vec<_>>().join(", "), s)).collect()
}
