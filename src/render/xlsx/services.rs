//! The Services sheet: the normalized inventory (in-scope services, then out-of-scope ones),
//! each service's model and where it came from, its layer overrides, and who runs every layer.

use super::cells::{headers, widths, Formats, Row};
use crate::model::Layer;
use crate::view::{Matrix, OwnerSource, ServiceView};
use rust_xlsxwriter::{Worksheet, XlsxError};

const HEADERS: [&str; 14] = [
    "Service ID",
    "Service",
    "Provider",
    "Provider service",
    "Model",
    "Model source",
    "In scope",
    "Owner",
    "Environment",
    "Data classification",
    "Layer overrides",
    "Notes",
    "Evidence",
    "Inventory row",
];

pub fn write(ws: &mut Worksheet, m: &Matrix, f: &Formats) -> Result<(), XlsxError> {
    ws.set_name("Services")?;
    let mut w = vec![18.0, 26.0, 20.0, 22.0, 16.0, 30.0, 9.0, 20.0, 13.0, 14.0, 40.0, 40.0, 30.0, 28.0];
    w.extend([13.0; Layer::ALL.len()]);
    widths(ws, &w)?;
    let mut names: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
    names.extend(Layer::ALL.iter().map(|l| format!("Layer: {}", l.id())));
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    headers(ws, 0, &names, &w, f)?;
    let all: Vec<&ServiceView> = m.services.iter().chain(&m.excluded).collect();
    for (i, s) in all.iter().enumerate() {
        row(&mut Row::new(ws, 1 + i as u32, &w), s, f)?;
    }
    ws.set_freeze_panes(1, 2)?;
    ws.autofilter(0, 0, all.len() as u32, (names.len() - 1) as u16)?;
    Ok(())
}

fn row(r: &mut Row, s: &ServiceView, f: &Formats) -> Result<(), XlsxError> {
    let opt = |o: &Option<String>| o.clone().unwrap_or_default();
    let provider = s.provider_title.clone().or_else(|| s.provider.clone()).unwrap_or_default();
    let model = if s.model_title.is_empty() { s.model.clone() } else { format!("{} ({})", s.model, s.model_title) };
    let values = [
        s.id.clone(),
        s.name.clone(),
        provider,
        s.product_shown(),
        model,
        s.model_source.clone(),
        if s.in_scope { "yes" } else { "no" }.to_string(),
        opt(&s.owner),
        opt(&s.environment),
        opt(&s.classification),
        s.layer_overrides_explained().join("\n"),
        opt(&s.notes),
        opt(&s.evidence),
        s.origin.clone(),
    ];
    for (c, v) in values.iter().enumerate() {
        r.wrap(c as u16, v, &f.wrap)?;
    }
    for layer in Layer::ALL {
        let Some((owner, source)) = s.owners.get(layer.index()) else { continue };
        let text = match source {
            OwnerSource::Model => owner.id().to_string(),
            OwnerSource::Product => format!("{} (provider catalog)", owner.id()),
            OwnerSource::Service => format!("{} (inventory)", owner.id()),
        };
        r.wrap((HEADERS.len() + layer.index()) as u16, &text, f.owner(*owner))?;
    }
    r.finish()
}
