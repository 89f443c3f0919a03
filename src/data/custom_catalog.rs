//! A custom catalog (an organization's licensed ISO or SOC 2 wording, or its own controls) from
//! rows: each control gives its `layers`, or `maps_to` a known control whose layers it borrows,
//! or gets the conservative default with one warning. Problems are placed at their cell.

use super::layer_table::Tags;
use super::tagging::{default_tags, LayerSources, DEFAULT_LAYERS};
use crate::diag::{Diagnostics, Location};
use crate::error::{Error, Result};
use crate::ingest::catalog_rows::{Column, Row, Rows};
use crate::model::{control_id, Catalog, Control, Family, Layer, LayerSet};
use crate::names;
use std::collections::{HashMap, HashSet};

/// Builds and validates the catalog. Row errors fail with `Invalid` (exit 1), all at once.
pub fn build(name: &str, stem: &str, rows: Rows, sources: &LayerSources) -> Result<(Catalog, Diagnostics)> {
    let mut diags = Diagnostics::default();
    if rows.rows.is_empty() {
        return Err(Error::unreadable(crate::diag::Diagnostic::error(
            Location::file(name),
            "the catalog has no controls",
        )));
    }
    rows.rows.iter().try_for_each(Row::check_lengths)?;
    let mut seen: HashMap<String, Location> = HashMap::new();
    let mut families: Vec<Family> = Vec::new();
    let mut controls = Vec::new();
    let mut defaulted = Vec::new();
    let mut resolved = Resolved::default();
    let mut family_seen = HashSet::new();
    for row in &rows.rows {
        let id = required(row, Column::Id, "id", &mut diags);
        let title = required(row, Column::Title, "title", &mut diags);
        if let Some(id) = &id {
            if let Some(first) = seen.get(&control_id::key(id)) {
                diags
                    .error(row.at(Column::Id), format!("duplicate control id \"{id}\" (first at {})", first.in_file()));
            } else {
                seen.insert(control_id::key(id), row.at(Column::Id));
            }
        }
        let family = row.get(Column::Family).unwrap_or("").to_string();
        if !family.is_empty() && family_seen.insert(family.clone()) {
            families.push(Family { id: family.clone(), title: family.clone(), ..Family::default() });
        }
        let (layers, why) = match tags(row, sources, &mut resolved, &mut diags) {
            Some(t) => t,
            None => {
                defaulted.push(id.clone().unwrap_or_default());
                let d = default_tags();
                (d.layers, d.why)
            }
        };
        let why = row.get(Column::Why).map(str::to_string).unwrap_or(why);
        if let (Some(id), Some(title)) = (id, title) {
            let description = row.get(Column::Description).map(str::to_string);
            controls.push(Control {
                id,
                family,
                title,
                description,
                layers,
                why,
                withdrawn: None,
                cloud_only: false,
                parts: Vec::new(),
            });
        }
    }
    let catalog = Catalog {
        id: rows.id.unwrap_or_else(|| names::slug(stem)),
        title: rows.title.unwrap_or_else(|| stem.to_string()),
        version: rows.version.unwrap_or_default(),
        publisher: rows.publisher.unwrap_or_default(),
        source: format!("custom catalog {name}"),
        licence: rows.licence.unwrap_or_else(|| "as supplied by the organization".to_string()),
        origin: name.to_string(),
        families,
        controls,
        inputs: vec![name.to_string()],
        statements: None,
    };
    if diags.has_errors() {
        return Err(Error::Invalid(diags.items));
    }
    if !defaulted.is_empty() {
        let set: LayerSet = DEFAULT_LAYERS.into_iter().collect();
        diags.warning(
            Location::file(name),
            format!(
                "{} of {} controls of \"{}\" ({}) have neither `layers` nor `maps_to` and get the conservative default \
                 [{}], never inherited: {}",
                defaulted.len(),
                catalog.controls.len(),
                catalog.title,
                catalog.id,
                set.ids().join(", "),
                crate::ingest::oscal::list(&defaulted)
            ),
        );
    }
    Ok((catalog, diags))
}

fn required(row: &Row, column: Column, what: &str, diags: &mut Diagnostics) -> Option<String> {
    let value = row.get(column).map(str::to_string);
    if value.is_none() {
        diags.error(row.at(column), format!("missing {what}: every control needs an id and a title"));
    }
    value
}

/// The row's layers: its `layers` cell (which wins), else its `maps_to`, else those of the known
/// control with the same id; `None` when none applies. Unknown layers and unknown `maps_to` ids are errors at their cell.
fn tags(
    row: &Row,
    sources: &LayerSources,
    resolved: &mut Resolved,
    diags: &mut Diagnostics,
) -> Option<(LayerSet, String)> {
    let maps_to = row
        .get(Column::MapsTo)
        .and_then(|m| maps_to(m, sources, resolved).map_err(|msg| diags.error(row.at(Column::MapsTo), msg)).ok());
    if let Some(text) = row.get(Column::Layers) {
        let mut set = LayerSet::EMPTY;
        for word in text.split([',', ';', '\n', '|', '/']).map(str::trim).filter(|w| !w.is_empty()) {
            match Layer::parse(word) {
                Some(l) => set.insert(l),
                None => diags.error(row.at(Column::Layers), unknown_layer(word)),
            }
        }
        let also = maps_to.map(|(ids, _)| format!("; maps to {ids}")).unwrap_or_default();
        return Some((set, format!("Layers given in the catalog{also}.")));
    }
    if let Some((_, t)) = maps_to {
        return Some((t.layers, t.why));
    }
    // A row whose own id is a known control (an 800-53 id, a built-in control) takes its tags.
    let own = row.get(Column::Id).and_then(|id| resolved.get(id, sources).clone().ok());
    own.map(|(id, t)| (t.layers, format!("Same id as {id}: {}", t.why)))
}

/// The most controls one `maps_to` cell may name.
const MAPS_TO_MAX: usize = 200;
/// The most of them a rationale lists by name.
const WHY_LISTED_MAX: usize = 40;

/// `maps_to` ids resolved once each: the same few hundred ids recur on every row of a big
/// mapping (the SCF's 800-53 column), and a hostile catalog repeats them by the million.
#[derive(Default)]
pub struct Resolved(HashMap<String, Result<(String, Tags), String>>);

impl Resolved {
    fn get(&mut self, id: &str, sources: &LayerSources) -> &Result<(String, Tags), String> {
        if !self.0.contains_key(id) {
            self.0.insert(id.to_string(), resolve(id, sources));
        }
        &self.0[id]
    }
}

/// A `maps_to` cell: one control, whose layers and reason are borrowed, or a list (new lines,
/// `,` or `;`, as the SCF's 800-53 column writes it), whose layers are united, so that the row
/// is never called inherited where one of the controls it maps to is not. The ids as written
/// back (`sp800-53:AC-1, sp800-53:PM-1`) and the tags; the error names the first id that names
/// no known control, and how many more there are.
pub fn maps_to(text: &str, sources: &LayerSources, resolved: &mut Resolved) -> Result<(String, Tags), String> {
    let ids: Vec<&str> = text.split([',', ';', '\n']).map(str::trim).filter(|w| !w.is_empty()).collect();
    if ids.len() > MAPS_TO_MAX {
        return Err(format!("maps_to names {} controls; at most {MAPS_TO_MAX}", ids.len()));
    }
    if let [one] = ids[..] {
        let (id, t) = resolved.get(one, sources).clone()?;
        return Ok((id.clone(), Tags { layers: t.layers, why: format!("Borrows the layers of {id}: {}", t.why) }));
    }
    let (mut found, mut failed) = (Vec::<(String, LayerSet)>::new(), Vec::new());
    let mut seen = HashSet::new();
    for id in ids {
        match resolved.get(id, sources) {
            Ok((hit, t)) if seen.insert(hit.clone()) => found.push((hit.clone(), t.layers)),
            Ok(_) => {}
            Err(msg) => failed.push(msg.clone()),
        }
    }
    if let Some(first) = failed.first() {
        let more = match failed.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        return Err(format!("{first}{more}"));
    }
    let layers = found.iter().fold(LayerSet::EMPTY, |acc, (_, l)| acc.or(*l));
    let mut each: Vec<String> =
        found.iter().take(WHY_LISTED_MAX).map(|(id, l)| format!("{id} [{}]", l.ids().join(", "))).collect();
    if found.len() > WHY_LISTED_MAX {
        each.push(format!("and {} more", found.len() - WHY_LISTED_MAX));
    }
    let why = format!(
        "Maps to {} controls and takes the layers of all of them, so no part is called the provider's that one of \
         them leaves with the organization: {}.",
        found.len(),
        each.join("; ")
    );
    let ids = found.iter().map(|(id, _)| id.as_str()).collect::<Vec<_>>().join(", ");
    Ok((ids, Tags { layers, why }))
}

/// One `maps_to` id resolved; an 800-53 id written without its dash (`SC7(19)`, a slip found in
/// published mappings) is not guessed, but the error names the id that would resolve.
fn resolve(id: &str, sources: &LayerSources) -> Result<(String, Tags), String> {
    sources.resolve_maps_to(id).map_err(|msg| match dashed(id) {
        Some(d) if sources.resolve_maps_to(&d).is_ok() => {
            format!("maps_to \"{id}\" names no known control: did you mean \"{d}\"?")
        }
        _ => msg,
    })
}

/// `SC7(19)` → `SC-7(19)`.
fn dashed(id: &str) -> Option<String> {
    let letters = id.chars().take_while(char::is_ascii_alphabetic).count();
    let rest = &id[letters..];
    (letters == 2 && rest.starts_with(|c: char| c.is_ascii_digit())).then(|| format!("{}-{rest}", &id[..letters]))
}

fn unknown_layer(word: &str) -> String {
    let near =
        Layer::ALL.into_iter().map(|l| (names::distance(&word.to_ascii_lowercase(), l.id()), l)).min_by_key(|x| x.0);
    let hint = match near {
        Some((d, l)) if d <= 2 => format!(" (did you mean {l}?)"),
        _ => String::new(),
    };
    format!("unknown layer \"{word}\"{hint}; expected one of {}", Layer::ids())
}
