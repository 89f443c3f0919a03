//! The cells of a `respmatrix/matrix@2` control, rebuilt as `diff` reads `@1` cells: each
//! cell's decision looked up, its statements filled in with its service's name. Every index is
//! checked; a bad one is an error naming the control and cell.

use crate::diag::{Diagnostic, Location};
use crate::error::{Error, Result};
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

/// The `@1` cells of one control: `cells[i]` is the in-scope service whose id is `ids[i]` and
/// whose name is `names[i]`; the statements are kept as the file's texts and the names (see
/// `Prose`), and a decision's texts are shared by the cells that have it.
pub fn cells(
    at: &Place,
    texts: &[Arc<str>],
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
    let text = |t: usize, path: &dyn Fn() -> String| -> Result<Arc<str>> {
        let raw =
            texts.get(t).ok_or_else(|| at.bad(path(), format!("text {t} is not among the {} texts", texts.len())))?;
        // Checked here, so that filling it in later cannot fail.
        template::fill(raw, "").ok_or_else(|| {
            at.bad(format!("texts[{t}]"), "a lone brace: write {{ or }}, or {service} for the name".to_string())
        })?;
        Ok(raw.clone())
    };
    // Each decision's two texts, checked when a cell first uses it (so a bad one is named at
    // that cell), not again for every cell.
    let mut checked: Vec<Option<(Arc<str>, Arc<str>)>> = vec![None; decisions.len()];
    let mut out = Vec::with_capacity(cells.len());
    for (i, (CompactCell(id, d), service)) in cells.into_iter().zip(ids).enumerate() {
        let path = || format!("controls[{}].cells[{i}]", at.control);
        let decision = decisions.get(d).ok_or_else(|| {
            at.bad(path(), format!("decision {d} is not among the control's {} decisions", decisions.len()))
        })?;
        let (customer, provider) = match &checked[d] {
            Some(pair) => pair.clone(),
            None => {
                let pair = (text(decision.customer_statement, &path)?, text(decision.provider_statement, &path)?);
                checked[d] = Some(pair.clone());
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

/// A cell's full rationale: its decision's pieces, each filled in, concatenated.
pub fn rationale(texts: &[String], decision: &Decision, name: &str) -> Option<String> {
    let mut out = String::new();
    for &t in &decision.rationale {
        template::fill_into(&mut out, texts.get(t)?, name)?;
    }
    Some(out)
}
