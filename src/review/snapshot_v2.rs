//! The cells of a `respmatrix/matrix@2` control, rebuilt as `diff` reads `@1` cells: each
//! cell's decision looked up, its statements filled in with its service's name. Every index is
//! checked; a bad one is an error naming the control and cell.

use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
use crate::ingest::limits::STATEMENT_CHARS_MAX;
use crate::render::json::template;
use crate::review::snapshot::{Cell, Prose};
use serde::Deserialize;
use std::sync::Arc;

/// A distinct decision of a control (`controls[].decisions[]`).
#[derive(Debug, Clone, Deserialize)]
pub struct Decision {
    pub status: Arc<str>,
    #[serde(default)]
    pub provider_layers: Arc<[String]>,
    #[serde(default)]
    pub customer_layers: Arc<[String]>,
    #[serde(default)]
    pub shared_layers: Arc<[String]>,
    #[serde(default)]
    pub decided_by: Arc<str>,
    #[serde(default)]
    pub rationale: Vec<usize>,
    pub customer_statement: usize,
    pub provider_statement: usize,
}

/// A cell: its responsibility id and the index of its decision.
#[derive(Debug, Clone, Deserialize)]
pub struct CompactCell(pub String, pub usize);

/// Where a control's cells are read from, for errors.
pub struct Place<'a> {
    pub file: &'a str,
    pub control: usize,
}

impl Place<'_> {
    fn bad(&self, path: String, what: String) -> Error {
        Error::unreadable(Diagnostic::error(Location::at_path(self.file, path), what))
    }
}

/// The file's `texts`, each checked once, when a cell first uses it: a text that every decision
/// of every control shares costs one pass, not one per control.
pub struct Texts {
    texts: Vec<Arc<str>>,
    checked: Vec<bool>,
    /// The longest in-scope service name, in characters: what a `{service}` may add.
    longest_name: usize,
}

impl Texts {
    pub fn new(texts: Vec<String>, names: &[Arc<str>]) -> Texts {
        let longest_name = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        Texts { checked: vec![false; texts.len()], texts: texts.into_iter().map(Arc::from).collect(), longest_name }
    }

    /// Text `t`, for the cell at `path`.
    fn get(&mut self, t: usize, at: &Place, path: &dyn Fn() -> String) -> Result<Arc<str>> {
        let count = self.texts.len();
        let raw =
            self.texts.get(t).ok_or_else(|| at.bad(path(), format!("text {t} is not among the {count} texts")))?;
        if !self.checked[t] {
            let (chars, names) = template::measure(raw).ok_or_else(|| {
                at.bad(format!("texts[{t}]"), "a lone brace: write {{ or }}, or {service} for the name".to_string())
            })?;
            let filled = chars.saturating_add(names.saturating_mul(self.longest_name));
            if filled > STATEMENT_CHARS_MAX {
                return Err(at.bad(
                    format!("texts[{t}]"),
                    format!(
                        "a text of {chars} characters that names its service {names} times, {filled} characters \
                         with the longest service name ({} characters) filled in: respmatrix reads at most \
                         {STATEMENT_CHARS_MAX}",
                        self.longest_name
                    ),
                ));
            }
            self.checked[t] = true;
        }
        Ok(raw.clone())
    }
}

/// The `@1` cells of one control: `cells[i]` is the in-scope service whose id is `ids[i]` and
/// whose name is `names[i]`; the statements are kept as the file's texts and the names (see
/// `Prose`), and a decision's texts are shared by the cells that have it.
pub fn cells(
    at: &Place,
    texts: &mut Texts,
    (ids, names): (&[Arc<str>], &[Arc<str>]),
    decisions: &[Decision],
    cells: Vec<CompactCell>,
) -> Result<Vec<Cell>> {
    if cells.len() != ids.len() {
        return Err(at.bad(
            format!("controls[{}].cells", at.control),
            format!("{} cells for {} services: a matrix@2 control has one cell per service", cells.len(), ids.len()),
        ));
    }
    // Each decision's two texts, looked up when a cell first uses it (so a bad one is named at
    // that cell), not again for every cell.
    let mut looked_up: Vec<Option<(Arc<str>, Arc<str>)>> = vec![None; decisions.len()];
    let mut out = Vec::with_capacity(cells.len());
    for (i, (CompactCell(id, d), service)) in cells.into_iter().zip(ids).enumerate() {
        let path = || format!("controls[{}].cells[{i}]", at.control);
        let decision = decisions.get(d).ok_or_else(|| {
            at.bad(path(), format!("decision {d} is not among the control's {} decisions", decisions.len()))
        })?;
        let (customer, provider) = match &looked_up[d] {
            Some(pair) => pair.clone(),
            None => {
                let pair = (
                    texts.get(decision.customer_statement, at, &path)?,
                    texts.get(decision.provider_statement, at, &path)?,
                );
                looked_up[d] = Some(pair.clone());
                pair
            }
        };
        out.push(Cell {
            service: service.clone(),
            responsibility_id: id,
            status: decision.status.clone(),
            provider_layers: decision.provider_layers.clone(),
            customer_layers: decision.customer_layers.clone(),
            shared_layers: decision.shared_layers.clone(),
            decided_by: decision.decided_by.clone(),
            customer_statement: Prose::Template(customer, names[i].clone()),
            provider_statement: Prose::Template(provider, names[i].clone()),
        });
    }
    Ok(out)
}
