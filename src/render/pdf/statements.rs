//! For every shared or customer control: what the provider does and what the organization must
//! do, per service. Services whose responsibilities read the same apart from their own name
//! share one row, so the section stays bounded for wide inventories.

use super::canvas::BLACK;
use super::layout::{Doc, Orientation};
use super::matrix::breakdown;
use super::prose::{heading, paragraph, BODY, H1};
use super::table::{Align, Cell, Column, Row, Table};
use super::text::Font;
use crate::model::{LayerSet, Status};
use crate::render::style;
use crate::report::Report;
use crate::view::{ControlView, Decided, Matrix};
use std::collections::HashMap;

const F: Font = Font::regular(7.5);
const MARK: &str = "\u{1}SERVICE\u{1}";

/// Services that read alike: one class per distinct set of name-neutral sentences.
pub fn classes(m: &Matrix) -> Vec<u32> {
    let mut seen: HashMap<Vec<String>, u32> = HashMap::new();
    m.services
        .iter()
        .map(|s| {
            let key: Vec<String> =
                s.provider_sentences.iter().chain(&s.customer_sentences).map(|t| neutral(t, &s.name)).collect();
            let next = seen.len() as u32;
            *seen.entry(key).or_insert(next)
        })
        .collect()
}

/// `text` with whole-word occurrences of `name` replaced by a marker.
pub fn neutral(text: &str, name: &str) -> String {
    if name.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().next_back();
        let after = rest[i + name.len()..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
        out.push_str(&rest[..i]);
        out.push_str(if word(before) || word(after) { name } else { MARK });
        rest = &rest[i + name.len()..];
    }
    out.push_str(rest);
    out
}

/// One row: services with the same status and the same (name-neutral) statements.
pub struct Entry {
    pub status: Status,
    pub services: Vec<usize>,
    pub provider: String,
    pub customer: String,
}

type Key = (Status, LayerSet, LayerSet, LayerSet, Option<u32>, u32);

/// The rows of one control, customer first, then shared, inherited, not applicable.
pub fn entries(m: &Matrix, classes: &[u32], c: &ControlView) -> Vec<Entry> {
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut keyed: Vec<Vec<usize>> = Vec::new();
    for (si, cell) in c.cells.iter().enumerate() {
        let o = match cell.decided {
            Decided::Override(i) => Some(i),
            _ => None,
        };
        let key = (cell.status, cell.provider, cell.customer, cell.shared, o, classes[si]);
        let at = *index.entry(key).or_insert_with(|| {
            keyed.push(Vec::new());
            keyed.len() - 1
        });
        keyed[at].push(si);
    }
    let mut out: Vec<Entry> = Vec::new();
    for members in keyed {
        let si = members[0];
        let (cell, name) = (&c.cells[si], &m.services[si].name);
        let provider = neutral(&m.provider_statement(c, cell, si), name);
        let customer = neutral(&m.customer_statement(c, cell, si), name);
        match out.iter_mut().find(|e| e.status == cell.status && e.provider == provider && e.customer == customer) {
            Some(e) => e.services.extend(members),
            None => out.push(Entry { status: cell.status, services: members, provider, customer }),
        }
    }
    let rank = |s: Status| {
        [Status::Customer, Status::Shared, Status::Inherited, Status::NotApplicable].iter().position(|x| *x == s)
    };
    for e in &mut out {
        e.services.sort_unstable();
    }
    out.sort_by_key(|e| (rank(e.status), e.services[0]));
    out
}

fn services_text(m: &Matrix, e: &Entry) -> String {
    let total = m.services.len();
    match e.services.len() {
        1 => m.services[e.services[0]].name.clone(),
        n if n == total => format!("All {n} in-scope services"),
        n => {
            let names: Vec<&str> = e.services.iter().map(|&i| m.services[i].name.as_str()).collect();
            format!("{n} services: {}", names.join(", "))
        }
    }
}

fn statement(text: &str, e: &Entry, m: &Matrix) -> String {
    if text.trim().is_empty() {
        return "—".to_string();
    }
    let who = match e.services.len() {
        1 => m.services[e.services[0]].name.as_str(),
        _ => "each of these services",
    };
    text.replace(MARK, who)
}

/// Draws the section for every framework.
pub fn draw(doc: &mut Doc, report: &Report) {
    let m = &report.matrix;
    let classes = classes(m);
    for (fi, fw) in m.frameworks.iter().enumerate() {
        let running = format!("Responsibilities · {}", fw.title);
        if fi == 0 {
            doc.section("Responsibilities by control", 0, Orientation::Landscape, &running);
            doc.mark(&fw.title, 1);
        } else {
            doc.section(&fw.title, 1, Orientation::Landscape, &running);
        }
        heading(doc, &format!("Responsibilities: {} (version {})", fw.title, fw.version), H1, 60.0);
        let n = m.controls_of(fi).filter(|c| matches!(c.status, Status::Shared | Status::Customer)).count();
        let intro = format!(
            "{n} of the {} controls are shared or the organization's own. For each of them, per service, what the \
             provider does and what the organization must do. Services whose responsibilities read the same (apart \
             from their name) share a row.",
            fw.controls
        );
        paragraph(doc, &intro, BODY, BLACK);
        let table = table(doc);
        let rows = m.controls_of(fi).filter(|c| matches!(c.status, Status::Shared | Status::Customer)).flat_map(|c| {
            let mut out = vec![Row::Banner(format!(
                "{} · {} · {} ({})",
                c.id,
                c.title,
                style::label(c.status),
                breakdown(&c.counts)
            ))];
            out.extend(entries(m, &classes, c).iter().map(|e| row(m, e)));
            out
        });
        table.draw(doc, rows);
    }
}

fn table(doc: &Doc) -> Table {
    let w = doc.content_width();
    let (services, status) = (170.0, 52.0);
    let half = (w - services - status) / 2.0;
    let col = |title: &str, width: f32| Column { title: title.into(), width, align: Align::Left, rotated: false };
    Table {
        columns: vec![
            col("Services", services),
            col("Status", status),
            col("What the provider does", half),
            col("What the organization must do", half),
        ],
        max_rotated: 0.0,
        header_font: Font::bold(7.5),
    }
}

fn row(m: &Matrix, e: &Entry) -> Row {
    let (fill, ink) = style::colors(e.status);
    Row::Cells(vec![
        Cell::new(services_text(m, e), F, 8),
        Cell::new(style::label(e.status), Font::bold(7.0), 2).colored(fill, ink),
        Cell::new(statement(&e.provider, e, m), F, 30),
        Cell::new(statement(&e.customer, e, m), F, 30),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_replaced_only_as_whole_words() {
        assert_eq!(neutral("Secure DB and DBs of DB.", "DB"), format!("Secure {MARK} and DBs of {MARK}."));
        assert_eq!(neutral("nothing", ""), "nothing");
        assert_eq!(neutral("Zürich File Server runs", "Zürich File Server"), format!("{MARK} runs"));
    }
}
