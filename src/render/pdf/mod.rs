//! The PDF responsibility matrix for auditors: cover, executive summary with charts, services,
//! the matrix per framework, the responsibilities of every shared or customer control, and an
//! About page; and, on request, the responsibilities by profile (one section per service
//! model). Pure functions of the report: same report, same bytes.

mod about;
mod canvas;
mod chart;
mod columns;
mod contents;
mod cover;
mod coverage;
mod document;
mod exceptions;
mod fonts;
mod layout;
mod matrix;
mod profiles;
mod prose;
mod provider_data;
mod services;
mod soa;
mod statements;
mod summary;
mod table;
mod text;

pub use coverage::missing_glyphs;

use crate::error::Error;
use crate::report::Report;

/// The artifact's file name in a report folder.
pub const FILE_NAME: &str = "responsibility-matrix.pdf";
/// The file name of the responsibilities by profile (`report --formats …,profiles`).
pub const PROFILES_FILE: &str = "responsibilities-by-profile.pdf";

/// One of the PDF documents: its file, its name in headers and metadata, its cover, and the
/// sections after the cover in reading order.
struct Kind {
    file: &'static str,
    name: &'static str,
    front: cover::Front,
    sections: fn(&mut layout::Doc, &Report),
}

const MATRIX: Kind = Kind {
    file: FILE_NAME,
    name: "Responsibility matrix",
    front: cover::MATRIX,
    sections: |doc, r| {
        summary::draw(doc, r);
        services::draw(doc, r);
        matrix::draw(doc, r);
        statements::draw(doc, r);
        soa::draw(doc, r);
        exceptions::draw(doc, r);
        about::draw(doc, r);
    },
};

const PROFILES: Kind = Kind {
    file: PROFILES_FILE,
    name: "Responsibilities by profile",
    front: profiles::FRONT,
    sections: |doc, r| {
        profiles::draw(doc, r);
        about::draw(doc, r);
    },
};

/// Renders the report as PDF bytes: the responsibility matrix.
pub fn render(report: &Report) -> Result<Vec<u8>, Error> {
    render_kind(report, &MATRIX)
}

/// Renders the responsibilities by profile as PDF bytes.
pub fn render_profiles(report: &Report) -> Result<Vec<u8>, Error> {
    render_kind(report, &PROFILES)
}

fn render_kind(report: &Report, kind: &Kind) -> Result<Vec<u8>, Error> {
    let fail = |message: String| Error::Render { artifact: kind.file.to_string(), message };
    let metrics = fonts::Metrics::load().map_err(fail)?;
    // Laid out counting one contents page after the cover; in the rare case the contents need
    // more, once more with the right count, so every printed page number is final.
    let mut doc = lay_out(report, &metrics, 1, kind);
    let needed = contents::pages_needed(&doc, &doc.outline);
    if needed != doc.front {
        doc = lay_out(report, &metrics, needed, kind);
    }
    insert_contents(&mut doc);
    // A classification marking ("Confidential") leads the running header and the footer.
    let marking =
        report.meta.document.classification.as_deref().map(|c| format!("{} · ", c.to_uppercase())).unwrap_or_default();
    let version = report.meta.document.version.as_deref().map(|v| format!(" · version {v}")).unwrap_or_default();
    let title = format!("{marking}{} · {}", report.meta.organization, kind.name);
    let footer = format!(
        "{marking}{} · report date {}{version} · {}",
        report.meta.organization,
        report.meta.date_text(),
        report.matrix.generator
    );
    layout::frame(&mut doc.pages, &metrics, &title, &footer);
    let outline = std::mem::take(&mut doc.outline);
    let links = std::mem::take(&mut doc.links);
    let pages = std::mem::take(&mut doc.pages);
    document::save(pages, &outline, &links, report, kind.name).map_err(fail)
}

/// The cover and every section, page numbers counting `front` contents pages after the cover.
fn lay_out<'a>(report: &Report, metrics: &'a fonts::Metrics, front: usize, kind: &Kind) -> layout::Doc<'a> {
    let mut doc = layout::Doc::new(metrics, report.options.paper);
    doc.front = front;
    cover::draw(&mut doc, report, &kind.front);
    (kind.sections)(&mut doc, report);
    doc
}

/// Splices the contents pages in after the cover and moves every page index behind them.
fn insert_contents(doc: &mut layout::Doc) {
    let (pages, links) = contents::draw(doc, &doc.outline, doc.front);
    let n = pages.len();
    let shift = |i: usize| if i == 0 { 0 } else { i + n };
    for m in &mut doc.outline {
        m.page = shift(m.page);
    }
    for l in &mut doc.links {
        l.page = shift(l.page);
        l.target = shift(l.target);
    }
    doc.links.extend(links.into_iter().map(|l| layout::Link { page: l.page + 1, target: shift(l.target), ..l }));
    let at = doc.outline.iter().position(|m| m.page > 0).unwrap_or(doc.outline.len());
    doc.outline.insert(at, layout::Mark { title: "Contents".into(), level: 0, page: 1 });
    let tail = doc.pages.split_off(1.min(doc.pages.len()));
    doc.pages.extend(pages);
    doc.pages.extend(tail);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Layer, LayerSet, Status};
    use crate::report::{Paper, RenderOptions, ReportMeta};
    use crate::view::{fixtures, Cell, ControlView, Counts, Decided, FrameworkView, Matrix, ServiceView};

    fn service(i: usize, name: &str) -> ServiceView {
        ServiceView {
            provider: Some("aws".into()),
            provider_title: Some("Amazon Web Services".into()),
            model_title: "Infrastructure as a Service".into(),
            provider_sentences: vec![format!("The provider runs the hosts of {name}."); Layer::COUNT],
            customer_sentences: vec![format!("The organization patches {name}."); Layer::COUNT],
            origin: "test".into(),
            ..fixtures::service(i, name, "iaas")
        }
    }

    fn report(services: Vec<ServiceView>, title: &str) -> Report {
        let layers: LayerSet = [Layer::GuestOs, Layer::HostOs].into_iter().collect();
        let cell = Cell {
            status: Status::Shared,
            provider: [Layer::HostOs].into_iter().collect(),
            customer: [Layer::GuestOs].into_iter().collect(),
            shared: LayerSet::EMPTY,
            decided: Decided::Model,
            ptext: 0,
            ctext: 1,
        };
        let mut counts = Counts::default();
        services.iter().for_each(|_| counts.add(Status::Shared));
        let status = if services.is_empty() { Status::NotApplicable } else { Status::Shared };
        let control = ControlView {
            framework: 0,
            id: "X-1".into(),
            title: title.into(),
            family: "X".into(),
            family_title: "Family".into(),
            layers,
            why: String::new(),
            status,
            counts,
            cells: vec![cell; services.len()],
            withdrawn: None,
            statements: Vec::new(),
        };
        let fw = FrameworkView {
            origin: String::new(),
            ..fixtures::framework("x", title, 1, Counts { shared: 1, ..Counts::default() })
        };
        let matrix = Matrix {
            generator: "respmatrix test".into(),
            frameworks: vec![fw],
            services,
            controls: vec![control],
            prose: vec!["The provider runs the hosts of \u{0}.".into(), "The organization patches \u{0}.".into()],
            ..fixtures::empty_matrix()
        };
        let meta = ReportMeta { organization: title.into(), ..ReportMeta::default() };
        Report {
            matrix,
            meta,
            options: RenderOptions { group_by: None, paper: Paper::Letter, ..RenderOptions::default() },
        }
    }

    #[test]
    fn same_report_same_bytes_within_one_process() {
        let r = report(vec![service(0, "Zürich File Server"), service(1, "Orders DB")], "Framework");
        let a = render(&r).unwrap();
        assert!(a.starts_with(b"%PDF-1.7"));
        assert_eq!(a, render(&r).unwrap());
    }

    #[test]
    fn odd_inputs_render_without_panicking() {
        let long = "Ünïcödé ".repeat(300) + &"x".repeat(2000);
        let many: Vec<ServiceView> = (0..300).map(|i| service(i, &format!("{long} {i}"))).collect();
        for r in [report(Vec::new(), ""), report(vec![service(0, "")], &long), report(many, "\u{1}\t\n")] {
            let bytes = render(&r).unwrap();
            assert!(bytes.len() > 1000);
        }
    }
}
