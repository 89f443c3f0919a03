//! The executive summary: overall numbers (mixed included), the interpretation setting, one donut
//! per framework with its status counts, the cells per service model, and the legend of what each
//! status means.

use super::canvas::{BLACK, GREY, RULE};
use super::chart::{donut, legend_entry, percent};
use super::layout::{Doc, Orientation};
use super::prose::{heading, paragraph, BODY, H1, H2};
use super::text::{ellipsize, wrap, Font};
use crate::model::Status;
use crate::render::style;
use crate::report::Report;
use crate::view::{Counts, FrameworkView};

const BLOCK: f32 = 128.0;

/// Draws the summary section.
pub fn draw(doc: &mut Doc, report: &Report) {
    let m = &report.matrix;
    doc.section("Executive summary", 0, Orientation::Portrait, "Executive summary");
    heading(doc, "Executive summary", H1, 40.0);
    let mut total = Counts::default();
    m.frameworks.iter().for_each(|fw| total.merge(&fw.counts));
    let intro = format!(
        "{} controls from {} framework{} were assessed against {} in-scope service{}. Across all frameworks, {} \
         ({}) of the controls are inherited from the providers for every service, {} ({}) are shared for every \
         service, {} ({}) are the organization's own for every service, and {} ({}) are mixed: their status \
         varies by service (typically inherited or shared for the cloud services and the organization's own in \
         its datacentre){}. Interpretation: {}.",
        total.total(),
        m.frameworks.len(),
        plural(m.frameworks.len()),
        m.services.len(),
        plural(m.services.len()),
        total.inherited,
        percent(total.inherited, total.total()),
        total.shared,
        percent(total.shared, total.total()),
        total.customer,
        percent(total.customer, total.total()),
        total.mixed,
        percent(total.mixed, total.total()),
        match total.not_applicable {
            0 => String::new(),
            n => format!("; {n} are not applicable"),
        },
        m.counterpart.describe()
    );
    paragraph(doc, &intro, BODY, BLACK);
    by_model(doc, report);
    doc.y += 6.0;
    for (i, fw) in m.frameworks.iter().enumerate() {
        let mut cells = Counts::default();
        for c in m.controls_of(i) {
            c.cells.iter().for_each(|cell| cells.add(cell.status));
        }
        framework_block(doc, fw, &cells);
    }
    doc.y += 8.0;
    heading(doc, "Legend", H2, 60.0);
    for s in Status::OVERALL {
        doc.ensure(44.0);
        let (x, y, w) = (doc.left(), doc.y, doc.content_width());
        let m = doc.m;
        let h = legend_entry(doc.page(), m, x, y, w, s);
        doc.y += h;
    }
}

/// What each service model carries: per model, the split of its cells over all frameworks.
fn by_model(doc: &mut Doc, report: &Report) {
    let m = &report.matrix;
    let mut models: Vec<(String, usize, Counts)> = Vec::new();
    for split in m.cells_by_model() {
        match models.iter_mut().find(|(t, _, _)| *t == split.model_title) {
            Some((_, _, c)) => c.merge(&split.counts),
            None => models.push((split.model_title.clone(), split.services, split.counts)),
        }
    }
    if models.is_empty() {
        return;
    }
    doc.y += 4.0;
    heading(doc, "By service model", H2, 40.0);
    for (title, services, c) in models {
        let parts: Vec<String> = Status::ALL
            .iter()
            .filter(|s| c.get(**s) > 0)
            .map(|s| format!("{} {}", percent(c.get(*s), c.total()), style::label(*s).to_lowercase()))
            .collect();
        let line = format!("{title} ({services} service{}): {}.", plural(services), parts.join(", "));
        paragraph(doc, &line, BODY, BLACK);
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// One framework: its donut on the left, the counts beside it, and the split of the
/// per-service decisions below them.
fn framework_block(doc: &mut Doc, fw: &FrameworkView, cells: &Counts) {
    doc.ensure(BLOCK);
    let (x, y, w) = (doc.left(), doc.y, doc.content_width());
    let m = doc.m;
    let c = doc.page();
    c.line(x, y, x + w, y, RULE, 0.5);
    donut(c, m, x + 55.0, y + BLOCK / 2.0, 44.0, &fw.counts);
    let tx = x + 130.0;
    let title = ellipsize(m, &fw.title, Font::bold(11.0), w - 130.0);
    c.text(tx, y + 22.0, Font::bold(11.0), BLACK, &title);
    let sub = format!("{} · version {} · {} controls", fw.id, fw.version, fw.controls);
    c.text(tx, y + 35.0, Font::regular(8.0), GREY, &ellipsize(m, &sub, Font::regular(8.0), w - 130.0));
    let total = fw.counts.total();
    let mut row_y = y + 50.0;
    for s in Status::OVERALL {
        let n = fw.counts.get(s);
        if matches!(s, Status::NotApplicable | Status::Mixed) && n == 0 {
            continue;
        }
        let (fill, ink) = style::colors(s);
        c.fill_rect(tx, row_y - 8.0, 9.0, 9.0, ink);
        c.fill_rect(tx + 1.5, row_y - 6.5, 6.0, 6.0, fill);
        let f = Font::regular(9.0);
        c.text(tx + 15.0, row_y, f, BLACK, style::label(s));
        let num = n.to_string();
        c.text(tx + 130.0 - m.width(&num, f.weight, f.size), row_y, f, BLACK, &num);
        c.text(tx + 140.0, row_y, f, GREY, &percent(n, total));
        let bar = 150.0 * if total == 0 { 0.0 } else { n as f32 / total as f32 };
        c.fill_rect(tx + 175.0, row_y - 7.0, 150.0, 7.0, "F1F1F1");
        c.fill_rect(tx + 175.0, row_y - 7.0, bar, 7.0, ink);
        row_y += 12.0;
    }
    let parts: Vec<String> = Status::ALL
        .iter()
        .filter(|s| cells.get(**s) > 0)
        .map(|s| {
            format!("{} {} ({})", style::label(*s).to_lowercase(), cells.get(*s), percent(cells.get(*s), cells.total()))
        })
        .collect();
    let f = Font::regular(7.5);
    let line = format!("Per service ({} control × service decisions): {}.", cells.total(), parts.join(", "));
    for (i, l) in wrap(m, &line, f, w - 130.0, 2).iter().enumerate() {
        c.text(tx, row_y + 2.0 + i as f32 * 9.5, f, GREY, l);
    }
    doc.y += BLOCK;
}
