//! The Exceptions section's "Provider data against the model" (only with `--provider-data`):
//! each provider answer that differs from respmatrix's own model on some services, with the
//! answer, what the model gave and where the answer was read.

use super::canvas::BLACK;
use super::layout::Doc;
use super::prose::{heading, paragraph, BODY, H2};
use super::table::{Align, Cell, Column, Row, Table};
use super::text::Font;
use crate::model::Status;
use crate::render::style;
use crate::view::Matrix;

const F: Font = Font::regular(7.5);

fn col(title: &str, width: f32) -> Column {
    Column { title: title.into(), width, align: Align::Left, rotated: false }
}

/// The model's statuses where an answer differs, each with its services.
type ModelGave = Vec<(Status, Vec<usize>)>;

/// Per answer that differs somewhere: what the model gave.
fn by_answer(m: &Matrix) -> Vec<(u32, ModelGave)> {
    let mut out: Vec<(u32, ModelGave)> = Vec::new();
    for d in &m.provider.disagreements {
        let at = match out.iter().position(|(a, _)| *a == d.answer) {
            Some(i) => i,
            None => {
                out.push((d.answer, Vec::new()));
                out.len() - 1
            }
        };
        let model = &mut out[at].1;
        match model.iter_mut().find(|(s, _)| *s == d.model) {
            Some((_, services)) if !services.contains(&(d.service as usize)) => services.push(d.service as usize),
            Some(_) => {}
            None => model.push((d.model, vec![d.service as usize])),
        }
    }
    out
}

/// Draws the subsection, when provider data was applied.
pub fn draw(doc: &mut Doc, m: &Matrix) {
    if m.provider.answers.is_empty() {
        return;
    }
    heading(doc, "Provider data against the model", H2, 40.0);
    let groups = by_answer(m);
    let mut files: Vec<(&str, &str, &str)> = Vec::new();
    for a in &m.provider.answers {
        if !files.iter().any(|(f, p, _)| *f == a.file && *p == a.provider) {
            files.push((&a.file, &a.provider, &a.kind));
        }
    }
    let named: Vec<String> = files.iter().map(|(f, p, k)| format!("{p}'s {k} {f}")).collect();
    let intro = format!(
        "The provider's own answers ({}) decide the cells of its services, unless an override above decides. \
         {} of its {} answers differ from what the service model and the provider catalog give on some services: \
         either the model or the provider's data is out of date.",
        named.join("; "),
        groups.len(),
        m.provider.answers.len()
    );
    paragraph(doc, &intro, BODY, BLACK);
    if groups.is_empty() {
        return;
    }
    let w = doc.content_width();
    let table = Table {
        columns: vec![
            col("Response point", 70.0),
            col("Provider", 56.0),
            col("The model gave", w - 70.0 - 56.0 - 150.0),
            col("Read from", 150.0),
        ],
        max_rotated: 0.0,
        header_font: Font::bold(7.5),
    };
    let rows = groups.into_iter().map(|(i, model)| {
        let a = &m.provider.answers[i as usize];
        let (fill, ink) = style::colors(a.status);
        let gave: Vec<String> = model
            .iter()
            .map(|(s, services)| {
                let names: Vec<&str> = services.iter().map(|&si| m.services[si].name.as_str()).collect();
                format!("{} for {}", style::label(*s), names.join(", "))
            })
            .collect();
        Row::Cells(vec![
            Cell::new(&a.label, Font::bold(7.0)),
            Cell::new(format!("{} ({})", a.word, style::label(a.status)), Font::bold(7.0)).colored(fill, ink),
            Cell::new(gave.join("; "), F),
            Cell::new(&a.origin, Font::regular(7.0)),
        ])
    });
    table.draw(doc, rows);
}
