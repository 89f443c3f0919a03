//! The services in scope (and those left out), so every name in the matrix can be traced to
//! its provider, product, model, owner and environment.

use super::layout::{Doc, Orientation};
use super::prose::{heading, paragraph, BODY, H1};
use super::table::{Align, Cell, Column, Row, Table};
use super::text::Font;
use crate::report::Report;
use crate::view::ServiceView;

const F: Font = Font::regular(7.5);

fn column(title: &str, width: f32) -> Column {
    Column { title: title.to_string(), width, align: Align::Left, rotated: false }
}

fn row(s: &ServiceView) -> Row {
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let model = if s.model_given { s.model_title.clone() } else { format!("{} (inferred)", s.model_title) };
    Row::Cells(vec![
        Cell::new(&s.name, Font::bold(7.5)),
        Cell::new(s.provider_title.clone().or_else(|| s.provider.clone()).unwrap_or_default(), F),
        Cell::new(s.product_shown(), F),
        Cell::new(model, F),
        Cell::new(opt(&s.owner), F),
        Cell::new(opt(&s.environment), F),
        Cell::new(opt(&s.classification), F),
        Cell::new(remarks(s), F),
    ])
}

/// In scope: the layer overrides with their reasons. Out of scope: why, from the inventory's
/// notes (an assessor asks for every exclusion's reason).
fn remarks(s: &ServiceView) -> String {
    if s.in_scope {
        return s.layer_overrides_explained().join("; ");
    }
    match s.notes.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        Some(n) => format!("Out of scope: {n}"),
        None => "Out of scope; the inventory gives no reason (add one in its notes)".to_string(),
    }
}

/// Draws the services section.
pub fn draw(doc: &mut Doc, report: &Report) {
    let m = &report.matrix;
    doc.section("Services in scope", 0, Orientation::Landscape, "Services in scope");
    heading(doc, "Services in scope", H1, 40.0);
    paragraph(
        doc,
        &format!(
            "{} assessed. The service model decides the default owner of each layer; \"inferred\" \
             means the model came from the provider catalog, not the inventory. Layer overrides from the inventory \
             change the owner of one layer for one service, for the reason given. Services out of scope are \
             listed with the reason the inventory gives.",
            match m.services.len() {
                1 => "1 service is".to_string(),
                n => format!("{n} services are"),
            }
        ),
        BODY,
        super::canvas::BLACK,
    );
    let w = doc.content_width();
    let fixed = [130.0, 75.0, 110.0, 80.0, 90.0, 65.0, 70.0];
    let rest = (w - fixed.iter().sum::<f32>()).max(60.0);
    let table = Table {
        columns: vec![
            column("Service", fixed[0]),
            column("Provider", fixed[1]),
            column("Product", fixed[2]),
            column("Service model", fixed[3]),
            column("Owner", fixed[4]),
            column("Environment", fixed[5]),
            column("Data classification", fixed[6]),
            column("Layer overrides / scope", rest),
        ],
        max_rotated: 0.0,
        header_font: Font::bold(7.5),
    };
    let mut rows: Vec<Row> = m.services.iter().map(row).collect();
    if !m.excluded.is_empty() {
        let n = match m.excluded.len() {
            1 => "1 service".to_string(),
            n => format!("{n} services"),
        };
        rows.push(Row::Banner(format!("Out of scope: {n}, not assessed")));
        rows.extend(m.excluded.iter().map(row));
    }
    table.draw(doc, rows);
}
