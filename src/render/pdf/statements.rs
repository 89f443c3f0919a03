//! For every shared or customer control: what the provider does and what the organization must
//! do, per service. Services whose responsibilities read the same apart from their own name
//! share one row, so the section stays bounded for wide inventories. The same tables serve the
//! responsibilities by profile (`profiles.rs`), over one profile's services.

use super::canvas::BLACK;
use super::layout::{Doc, Orientation};
use super::matrix::breakdown;
use super::prose::{heading, paragraph, BODY, H1};
use super::table::{Align, Cell, Column, Row, Table, Writer};
use super::text::Font;
use crate::grouping::{group_status, Group};
use crate::model::{LayerSet, Status};
use crate::render::style;
use crate::report::Report;
use crate::view::{statement_runs, ControlView, Counts, Decided, Matrix};
use std::collections::HashMap;

const F: Font = Font::regular(7.5);
const MARK: &str = "\u{1}SERVICE\u{1}";

/// The services a table covers: every in-scope service, or the services of one profile.
pub struct Scope {
    pub group: Group,
    /// Whether the group is every in-scope service.
    pub all: bool,
}

impl Scope {
    /// Every in-scope service of the matrix.
    pub fn everything(m: &Matrix) -> Scope {
        Scope { group: Group { label: String::new(), services: (0..m.services.len()).collect() }, all: true }
    }

    /// A control's status over the scope's services, and their counts.
    fn status(&self, c: &ControlView) -> (Status, Counts) {
        match self.all {
            true => (c.status, c.counts),
            false => group_status(c, &self.group),
        }
    }

    /// How a row covering every service of the scope names them.
    fn whole(&self) -> String {
        let n = self.group.services.len();
        match self.all {
            true => format!("All {n} in-scope services"),
            false => format!("All {n} services of this profile"),
        }
    }
}

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
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Entry {
    pub status: Status,
    pub services: Vec<usize>,
    pub provider: String,
    pub customer: String,
}

type Key = (Status, LayerSet, LayerSet, LayerSet, Option<u32>, u32);

/// The rows of one control, customer first, then shared, inherited, not applicable.
pub fn entries(m: &Matrix, classes: &[u32], c: &ControlView, scope: &Scope) -> Vec<Entry> {
    let mut index: HashMap<Key, usize> = HashMap::new();
    let mut keyed: Vec<Vec<usize>> = Vec::new();
    for &si in &scope.group.services {
        let cell = &c.cells[si];
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

/// The services of a row: all of them, one name, or a count with what they have in common
/// and as many names as fit.
fn services_text(m: &Matrix, e: &Entry, scope: &Scope) -> String {
    let total = scope.group.services.len();
    match e.services.len() {
        1 => m.services[e.services[0]].name.clone(),
        n if n == total => scope.whole(),
        n => {
            let svc = |i: &usize| &m.services[*i];
            let mut models: Vec<&str> = Vec::new();
            for i in &e.services {
                if !models.contains(&svc(i).model_title.as_str()) {
                    models.push(&svc(i).model_title);
                }
            }
            let provider = |i: &usize| svc(i).provider_title.clone().or_else(|| svc(i).provider.clone());
            let first = provider(&e.services[0]);
            let mut common = Vec::new();
            if first.is_some() && e.services.iter().all(|i| provider(i) == first) {
                common.push(first.unwrap_or_default());
            }
            if models.len() <= 3 {
                common.push(models.join(", "));
            }
            let names: Vec<&str> = e.services.iter().map(|i| svc(i).name.as_str()).collect();
            match common.is_empty() {
                true => format!("{n} services: {}", names.join(", ")),
                false => format!("{n} services ({}): {}", common.join("; "), names.join(", ")),
            }
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

fn headline(c: &ControlView, scope: &Scope) -> String {
    let (status, counts) = scope.status(c);
    format!("{} · {} · {} ({})", c.id, c.display_title(), style::label(status), breakdown(&counts))
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
        let controls: Vec<&ControlView> =
            m.controls_of(fi).filter(|c| matches!(c.status, Status::Shared | Status::Customer)).collect();
        let intro = format!(
            "{} of the {} controls are shared or the organization's own. For each of them, per service, what the \
             provider does and what the organization must do. Services whose responsibilities read the same (apart \
             from their name) share a row; consecutive controls with the same responsibilities share one block, and \
             a control with the same responsibilities as an earlier one points to it. The controls whose status \
             varies by service are in the matrix; their responsibilities, service model by service model, are in \
             the responsibilities by profile (responsibilities-by-profile.pdf, which report writes when --formats \
             names profiles), on the workbook's Customer Responsibilities sheet and in the HTML report.",
            controls.len(),
            fw.controls
        );
        paragraph(doc, &intro, BODY, BLACK);
        framework(doc, m, &classes, &controls, &Scope::everything(m));
    }
}

/// Draws the blocks of one framework's controls, over the services of `scope`.
pub fn framework(doc: &mut Doc, m: &Matrix, classes: &[u32], controls: &[&ControlView], scope: &Scope) {
    let all: Vec<Vec<Entry>> = controls.iter().map(|c| entries(m, classes, c, scope)).collect();
    // Where the provider does nothing for any of these controls (services in the organization's
    // own datacentre), its column would be a column of dashes: the organization's takes its room.
    let provider = all.iter().flatten().any(|e| !e.provider.trim().is_empty());
    let table = table(doc, provider);
    let cells = |e: &Entry| cells(m, e, scope, provider);
    let mut w = Writer::start(&table, doc);
    // Where each distinct set of rows was first shown: its first control and page.
    let mut shown: HashMap<Vec<Entry>, (String, usize)> = HashMap::new();
    let notes: Vec<Option<String>> = controls.iter().map(|c| differing_statements(m, c, scope)).collect();
    let mut i = 0;
    while i < controls.len() {
        let rows = &all[i];
        let mut j = i + 1;
        // A control whose statements differ keeps a block of its own, for its note.
        while j < controls.len() && all[j] == *rows && notes[i].is_none() && notes[j].is_none() {
            j += 1;
        }
        let run = &controls[i..j];
        match shown.get(rows) {
            Some((first, page)) => {
                let banner = match run.len() {
                    1 => headline(run[0], scope),
                    n => format!("{n} controls: {} to {}", run[0].id, run[n - 1].id),
                };
                w.push(doc, Row::Banner(banner), None);
                if run.len() > 1 {
                    run.iter().for_each(|c| w.push(doc, Row::Note(headline(c, scope)), None));
                }
                let text = format!("Same responsibilities as {first} (page {}).", doc.number_of(*page));
                w.push(doc, Row::Link(text, *page), None);
            }
            None => {
                if run.len() > 1 {
                    let n = run.len();
                    let banner =
                        format!("{n} controls with the same responsibilities: {} to {}", run[0].id, run[n - 1].id);
                    w.push(doc, Row::Banner(banner), None);
                    run.iter().for_each(|c| w.push(doc, Row::Note(headline(c, scope)), None));
                } else {
                    let first = rows.first().map(cells);
                    w.push(doc, Row::Banner(headline(run[0], scope)), first.as_deref());
                }
                shown.insert(rows.clone(), (run[0].id.clone(), doc.pages.len().saturating_sub(1)));
                rows.iter().for_each(|e| w.push(doc, Row::Cells(cells(e)), None));
            }
        }
        if let Some(note) = &notes[i] {
            w.push(doc, Row::Note(note.clone()), None);
        }
        i = j;
    }
}

/// For the services where a statement's status differs from the control's, what the
/// statements say, services that read alike together: `Statements of AC-2: AC-2(a)–(i),
/// AC-2(k)–(l) customer, AC-2(j) inherited (for Patient Portal Web Tier)`. `None` when every
/// statement agrees with the control (the usual case: only differences are shown).
fn differing_statements(m: &Matrix, c: &ControlView, scope: &Scope) -> Option<String> {
    let mut groups: Vec<(String, Vec<&str>)> = Vec::new();
    for &si in &scope.group.services {
        let cell = &c.cells[si];
        if c.statements.iter().all(|st| st.cells.get(si).is_none_or(|x| x.status == cell.status)) {
            continue;
        }
        let runs: Vec<String> =
            statement_runs(c, si).into_iter().map(|(labels, status)| format!("{labels} {status}")).collect();
        let text = runs.join(", ");
        let name = m.services[si].name.as_str();
        match groups.iter_mut().find(|(t, _)| *t == text) {
            Some((_, names)) => names.push(name),
            None => groups.push((text, vec![name])),
        }
    }
    let parts: Vec<String> = groups
        .into_iter()
        .map(|(text, names)| {
            let who = match names.len() {
                n if n == scope.group.services.len() && scope.all => format!("all {n} services"),
                n if n == scope.group.services.len() => format!("all {n} services of this profile"),
                1 => names[0].to_string(),
                n => format!("{n} services: {}", names.join(", ")),
            };
            format!("{text} (for {who})")
        })
        .collect();
    (!parts.is_empty()).then(|| format!("Statements of {}: {}.", c.id, parts.join("; ")))
}

/// The table's columns; the provider's only when `provider`.
fn table(doc: &Doc, provider: bool) -> Table {
    let w = doc.content_width();
    let (services, status) = (170.0, 52.0);
    let rest = w - services - status;
    let col = |title: &str, width: f32| Column { title: title.into(), width, align: Align::Left, rotated: false };
    let mut columns = vec![col("Services", services), col("Status", status)];
    match provider {
        true => columns
            .extend([col("What the provider does", rest / 2.0), col("What the organization must do", rest / 2.0)]),
        false => columns.push(col("What the organization must do", rest)),
    }
    Table { columns, max_rotated: 0.0, header_font: Font::bold(7.5) }
}

fn cells(m: &Matrix, e: &Entry, scope: &Scope, provider: bool) -> Vec<Cell> {
    let (fill, ink) = style::colors(e.status);
    let mut out = vec![
        Cell::new(services_text(m, e, scope), F),
        Cell::new(style::label(e.status), Font::bold(7.0)).colored(fill, ink),
    ];
    if provider {
        out.push(Cell::new(statement(&e.provider, e, m), F));
    }
    out.push(Cell::new(statement(&e.customer, e, m), F));
    out
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
