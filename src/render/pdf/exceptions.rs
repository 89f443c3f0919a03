//! "Exceptions": what departs from the model's answer, in one place for the assessor: the
//! control-level overrides with their justifications, expiry and reach, provider data that
//! differs from the model (`provider_data`), every not-applicable
//! decision with its reason and services, and the services left out of scope.

use super::canvas::BLACK;
use super::layout::{Doc, Orientation};
use super::prose::{heading, paragraph, BODY, H1, H2};
use super::table::{Align, Cell, Column, Row, Table};
use super::text::Font;
use crate::model::Status;
use crate::render::style;
use crate::report::Report;
use crate::view::{Decided, Matrix};
use std::collections::BTreeMap;

const F: Font = Font::regular(7.5);

fn col(title: &str, width: f32) -> Column {
    Column { title: title.into(), width, align: Align::Left, rotated: false }
}

/// Draws the section.
pub fn draw(doc: &mut Doc, report: &Report) {
    let m = &report.matrix;
    doc.section("Exceptions", 0, Orientation::Portrait, "Exceptions");
    heading(doc, "Exceptions", H1, 40.0);
    paragraph(
        doc,
        "Where a decision does not come from the service model and the provider catalogs alone: control-level \
         overrides, the provider's own responsibility data where given, controls that are not applicable to some services, and services left out of scope.",
        BODY,
        BLACK,
    );
    heading(doc, "Control-level overrides", H2, 40.0);
    overrides(doc, m);
    doc.y += 10.0;
    if !m.provider.answers.is_empty() {
        super::provider_data::draw(doc, m);
        doc.y += 10.0;
    }
    heading(doc, "Not applicable", H2, 40.0);
    not_applicable(doc, m);
    doc.y += 10.0;
    heading(doc, "Out of scope", H2, 30.0);
    let text = match m.excluded.len() {
        0 => "Every service of the inventory is in scope.".to_string(),
        n => {
            let page = doc.outline.iter().find(|mk| mk.title == "Services in scope").map(|mk| doc.number_of(mk.page));
            let at = page.map(|p| format!(" (page {p})")).unwrap_or_default();
            let names: Vec<&str> = m.excluded.iter().map(|s| s.name.as_str()).collect();
            format!(
                "{n} of the inventory's services {} out of scope and not assessed: {}. The reason for each is on the \
                 services pages{at}.",
                if n == 1 { "is" } else { "are" },
                names.join(", ")
            )
        }
    };
    paragraph(doc, &text, BODY, BLACK);
}

/// How many cells each override decided.
fn decided_cells(m: &Matrix) -> Vec<usize> {
    let mut used = vec![0; m.overrides.len()];
    for cell in m.controls.iter().flat_map(|c| &c.cells) {
        if let Decided::Override(i) = cell.decided {
            if let Some(n) = used.get_mut(i as usize) {
                *n += 1;
            }
        }
    }
    used
}

fn overrides(doc: &mut Doc, m: &Matrix) {
    if m.overrides.is_empty() {
        paragraph(doc, "No control-level overrides took part in this matrix.", BODY, BLACK);
        return;
    }
    let w = doc.content_width();
    let table = Table {
        columns: vec![
            col("Override", 110.0),
            col("Sets", 50.0),
            col("Justification", w - 110.0 - 50.0 - 70.0 - 56.0),
            col("Expires", 70.0),
            col("Decides", 56.0),
        ],
        max_rotated: 0.0,
        header_font: Font::bold(7.5),
    };
    let used = decided_cells(m);
    let rows = m.overrides.iter().enumerate().map(|(i, o)| {
        let (fill, ink) = style::colors(o.status);
        let state = match o.state.id() {
            "expired" => " (expired, ignored)",
            "expiring" => " (expiring soon)",
            "idle" => " (names no in-scope service; ignored)",
            _ => "",
        };
        let expires = format!("{}{state}", o.expires.as_deref().unwrap_or("—"));
        let decides = match used[i] {
            1 => "1 cell".to_string(),
            n => format!("{n} cells"),
        };
        Row::Cells(vec![
            Cell::new(format!("{}\n{}", o.label, o.origin), Font::regular(7.0)),
            Cell::new(style::label(o.status), Font::bold(7.0)).colored(fill, ink),
            Cell::new(&o.justification, F),
            Cell::new(expires, F),
            Cell::new(decides, F),
        ])
    });
    table.draw(doc, rows);
}

/// Not-applicable cells grouped by framework, reason and services, each group listing its
/// controls: an override's justification is in the table above, so it is named, not repeated.
fn not_applicable(doc: &mut Doc, m: &Matrix) {
    // (framework, reason, services) → the controls of that group.
    type Group<'a> = ((usize, String, Vec<usize>), Vec<&'a str>);
    let mut groups: Vec<Group> = Vec::new();
    for c in m.controls.iter().filter(|c| c.withdrawn.is_none()) {
        let mut by_reason: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (si, cell) in c.cells.iter().enumerate().filter(|(_, x)| x.status == Status::NotApplicable) {
            let why = match cell.decided {
                Decided::CloudOnly => {
                    "Cloud-only control; the services run in the organization's own datacentre".into()
                }
                Decided::Override(i) => m
                    .overrides
                    .get(i as usize)
                    .map_or_else(String::new, |o| format!("Override {} (justification above)", o.label)),
                _ => "Nothing to implement for the service".into(),
            };
            by_reason.entry(why).or_default().push(si);
        }
        for (why, services) in by_reason {
            let key = (c.framework, why, services);
            match groups.iter_mut().find(|(k, _)| *k == key) {
                Some((_, controls)) => controls.push(c.id.as_str()),
                None => groups.push((key, vec![c.id.as_str()])),
            }
        }
    }
    if groups.is_empty() {
        paragraph(doc, "No decision of this matrix is not applicable.", BODY, BLACK);
        return;
    }
    let w = doc.content_width();
    let table = Table {
        columns: vec![col("Controls", (w - 160.0) * 0.4), col("Why", 160.0), col("Services", (w - 160.0) * 0.6)],
        max_rotated: 0.0,
        header_font: Font::bold(7.5),
    };
    let rows = groups.into_iter().map(|((fw, why, services), controls)| {
        let names: Vec<&str> = services.iter().map(|&si| m.services[si].name.as_str()).collect();
        let list = match names.len() {
            n if n == m.services.len() => format!("All {n} in-scope services"),
            1 => names[0].to_string(),
            n => format!("{n} services: {}", names.join(", ")),
        };
        let ids = format!("{}: {}", m.frameworks[fw].id, controls.join(", "));
        Row::Cells(vec![Cell::new(ids, Font::regular(7.0)), Cell::new(why, F), Cell::new(list, F)])
    });
    table.draw(doc, rows);
}
