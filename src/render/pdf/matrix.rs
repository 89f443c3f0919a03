//! The responsibility matrix of each framework on landscape pages: one row per control, its
//! overall status, and a status per service (or per group of services for wide inventories).

use super::canvas::{BLACK, GREY};
use super::columns::{by_words, plan, Plan};
use super::layout::{Doc, Orientation};
use super::prose::{heading, paragraph, H1};
use super::table::{Align, Cell, Column, Row, Table};
use super::text::Font;
use crate::grouping::{group_status, Group};
use crate::model::Status;
use crate::render::style;
use crate::report::Report;
use crate::view::{ControlView, Counts, FrameworkView};

const F: Font = Font::regular(7.0);
const CODE: Font = Font::bold(6.5);
const OVERALL: f32 = 48.0;

/// A status's short code in per-service cells.
pub fn code(s: Status) -> &'static str {
    match s {
        Status::Inherited => "I",
        Status::Shared => "S",
        Status::Customer => "C",
        Status::NotApplicable => "NA",
        Status::Mixed => "M",
    }
}

fn status_cell(s: Status, text: String, font: Font) -> Cell {
    let (fill, ink) = style::colors(s);
    Cell::new(text, font).colored(fill, ink)
}

/// "I 2 · S 1 · C 3" for the non-zero counts.
pub fn breakdown(c: &Counts) -> String {
    let parts: Vec<String> =
        Status::ALL.iter().filter(|s| c.get(**s) > 0).map(|s| format!("{} {}", code(*s), c.get(*s))).collect();
    parts.join(" · ")
}

fn group_cell(c: &ControlView, g: &Group) -> Cell {
    let (s, counts) = group_status(c, g);
    let mixed = Status::ALL.iter().filter(|x| counts.get(**x) > 0).count() > 1;
    let text = if mixed { format!("{}\n{}", style::label(s), breakdown(&counts)) } else { style::label(s).to_string() };
    status_cell(s, text, F)
}

fn id_width(doc: &Doc, fw: usize, report: &Report) -> f32 {
    let f = Font::bold(7.0);
    let widest = report.matrix.controls_of(fw).map(|c| doc.m.width(&c.id, f.weight, f.size)).fold(0.0, f32::max);
    (widest + 7.0).clamp(40.0, 90.0)
}

/// Draws the matrix of every framework.
pub fn draw(doc: &mut Doc, report: &Report) {
    for (i, fw) in report.matrix.frameworks.iter().enumerate() {
        let running = format!("Responsibility matrix · {}", fw.title);
        if i == 0 {
            doc.section("Responsibility matrix", 0, Orientation::Landscape, &running);
            doc.mark(&fw.title, 1);
        } else {
            doc.section(&fw.title, 1, Orientation::Landscape, &running);
        }
        framework(doc, report, i, fw);
    }
}

fn framework(doc: &mut Doc, report: &Report, fi: usize, fw: &FrameworkView) {
    let m = &report.matrix;
    heading(doc, &format!("Responsibility matrix: {} (version {})", fw.title, fw.version), H1, 60.0);
    let idw = id_width(doc, fi, report);
    let room = doc.content_width() - idw - OVERALL;
    let plan = plan(report, room);
    let legend2 = "I inherited, S shared, C customer, NA not applicable";
    let legend = "Codes: I inherited from the provider, S shared, C the organization's (customer), NA not applicable.";
    let note = match &plan {
        Plan::PerService { .. } => {
            format!(
                "One column per in-scope service ({}). {legend} Overall is the control's status across all services.",
                m.services.len()
            )
        }
        Plan::Grouped { by, groups, .. } => {
            let why = match report.options.group_by {
                Some(_) => format!(
                    "As asked (--group-by {}), the columns group the {} in-scope services",
                    by.id(),
                    m.services.len()
                ),
                None => format!(
                    "The {} in-scope services do not fit one column each, so the columns group them",
                    m.services.len()
                ),
            };
            format!(
                "{why} by {} ({} groups; the header gives each group's size). A cell shows the group's \
                 status and, when its services differ, the number of services per status ({legend2}). Per-service \
                 detail: see the workbook responsibility-matrix.xlsx and the services list.",
                by_words(*by),
                groups.len()
            )
        }
    };
    paragraph(doc, &note, Font::regular(8.0), GREY);
    let bands = plan.bands(m.services.len());
    for (b, range) in bands.iter().enumerate() {
        if bands.len() > 1 {
            let t = format!("Columns {}–{} of {}", range.start + 1, range.end, bands.last().map_or(0, |r| r.end));
            if b > 0 {
                doc.new_page();
            }
            paragraph(doc, &t, Font::bold(8.5), BLACK);
        }
        let table = table(doc, &plan, range.clone(), report, idw);
        table.draw(doc, rows(report, fi, &plan, range.clone()));
    }
}

fn table(doc: &Doc, plan: &Plan, range: std::ops::Range<usize>, report: &Report, idw: f32) -> Table {
    let cw = plan.column_width();
    let title_w = doc.content_width() - idw - OVERALL - cw * range.len() as f32;
    let mut columns = vec![
        Column { title: "Control".into(), width: idw, align: Align::Left, rotated: false },
        Column { title: "Title".into(), width: title_w, align: Align::Left, rotated: false },
        Column { title: "Overall".into(), width: OVERALL, align: Align::Center, rotated: false },
    ];
    match plan {
        Plan::PerService { .. } => columns.extend(report.matrix.services[range].iter().map(|s| Column {
            title: s.name.clone(),
            width: cw,
            align: Align::Center,
            rotated: true,
        })),
        Plan::Grouped { groups, .. } => columns.extend(groups[range].iter().map(|g| Column {
            title: format!("{} ({})", g.label, g.services.len()),
            width: cw,
            align: Align::Center,
            rotated: false,
        })),
    }
    Table { columns, max_rotated: 120.0, header_font: Font::bold(7.0) }
}

fn rows<'a>(
    report: &'a Report,
    fi: usize,
    plan: &'a Plan,
    range: std::ops::Range<usize>,
) -> impl Iterator<Item = Row> + 'a {
    let mut family = None::<&'a str>;
    report.matrix.controls_of(fi).flat_map(move |c| {
        let mut out = Vec::with_capacity(2);
        if !c.family.is_empty() && family != Some(c.family.as_str()) {
            family = Some(c.family.as_str());
            let t =
                if c.family_title.is_empty() { c.family.clone() } else { format!("{} {}", c.family, c.family_title) };
            // The first column range of a framework marks its families for the bookmarks and
            // the contents page.
            out.push(if range.start == 0 { Row::Marked(t) } else { Row::Banner(t) });
        }
        let mut cells = vec![
            Cell::new(&c.id, Font::bold(7.0)),
            Cell::new(c.display_title(), F),
            status_cell(c.status, style::label(c.status).to_string(), Font::bold(6.5)),
        ];
        match plan {
            Plan::PerService { .. } => cells.extend(
                c.cells[range.clone()].iter().map(|cell| status_cell(cell.status, code(cell.status).into(), CODE)),
            ),
            Plan::Grouped { groups, .. } => cells.extend(groups[range.clone()].iter().map(|g| group_cell(c, g))),
        }
        out.push(Row::Cells(cells));
        out
    })
}
