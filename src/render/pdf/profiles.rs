//! The responsibilities by profile (`responsibilities-by-profile.pdf`): one section per service
//! model, and in it, per framework, every control that is shared or the organization's for any
//! of the model's services, with what the provider does and what the organization must do. A
//! system owner reads the section of their services; the profile's services that read alike
//! share a row.

use super::canvas::BLACK;
use super::cover::Front;
use super::layout::{Doc, Orientation};
use super::prose::{heading, paragraph, BODY, H1, H2};
use super::statements::{classes, framework, Scope};
use super::table::{Align, Cell, Column, Row, Table};
use super::text::Font;
use crate::grouping::{groups, GroupBy};
use crate::model::Status;
use crate::report::Report;
use crate::view::{ControlView, Matrix, ServiceView};

/// The cover of this document.
pub const FRONT: Front = Front {
    title: "Responsibilities by Profile",
    subtitle: "What the provider does and what the organization must do, per service model",
    note: "One section per service model of the in-scope services. Each lists, framework by framework, every \
           control that is shared or the organization's own for at least one service of the model, with what the \
           provider does and what the organization must do; controls inherited or not applicable for all of them \
           are left out. The responsibility matrix (responsibility-matrix.pdf) gives the status of every control \
           for every service. The contents page and the bookmarks lead to each profile.",
};

const F: Font = Font::regular(7.5);

/// Whether a control asks something of the organization for any service of the profile.
fn has_duties(c: &ControlView, services: &[usize]) -> bool {
    services.iter().any(|&si| matches!(c.cells[si].status, Status::Shared | Status::Customer))
}

/// Draws the overview and one section per profile.
pub fn draw(doc: &mut Doc, report: &Report) {
    let m = &report.matrix;
    let profiles: Vec<Scope> = groups(m, GroupBy::Model).into_iter().map(|group| Scope { group, all: false }).collect();
    overview(doc, m, &profiles);
    let classes = classes(m);
    for p in &profiles {
        let label = &p.group.label;
        doc.section(label, 0, Orientation::Landscape, &format!("Responsibilities · {label}"));
        heading(doc, &format!("{label}: what each party does"), H1, 60.0);
        paragraph(doc, &members(m, &p.group.services), BODY, BLACK);
        for (fi, fw) in m.frameworks.iter().enumerate() {
            let controls: Vec<&ControlView> = m.controls_of(fi).filter(|c| has_duties(c, &p.group.services)).collect();
            doc.ensure(90.0);
            doc.mark(&fw.title, 1);
            heading(doc, &format!("{} (version {})", fw.title, fw.version), H2, 40.0);
            let intro = format!(
                "{} of the {} controls are shared or the organization's own for at least one of these services; \
                 the others are inherited from the provider or not applicable for all of them.",
                controls.len(),
                fw.controls
            );
            paragraph(doc, &intro, BODY, BLACK);
            if !controls.is_empty() {
                framework(doc, m, &classes, &controls, p);
            }
            doc.y += 8.0;
        }
    }
}

/// "2 services: Orders DB (Amazon Web Services, RDS for PostgreSQL; owner Platform Engineering), …".
fn members(m: &Matrix, services: &[usize]) -> String {
    let one = |s: &ServiceView| {
        let what: Vec<&str> = [s.provider_title.as_deref().or(s.provider.as_deref()), s.product.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let mut text = s.name.clone();
        let owner = s.owner.as_deref().map(|o| format!("owner {o}"));
        let detail: Vec<String> = [(!what.is_empty()).then(|| what.join(", ")), owner].into_iter().flatten().collect();
        if !detail.is_empty() {
            text.push_str(&format!(" ({})", detail.join("; ")));
        }
        text
    };
    let names: Vec<String> = services.iter().map(|&si| one(&m.services[si])).collect();
    format!("{}: {}.", count(services.len(), "service"), names.join(", "))
}

/// "1 service", "2 services".
fn count(n: usize, what: &str) -> String {
    match n {
        1 => format!("1 {what}"),
        n => format!("{n} {what}s"),
    }
}

/// The first section: the profiles, their services and how many controls ask something of the
/// organization in each framework.
fn overview(doc: &mut Doc, m: &Matrix, profiles: &[Scope]) {
    doc.section("Profiles", 0, Orientation::Landscape, "Profiles");
    heading(doc, "Profiles", H1, 60.0);
    let text = format!(
        "The {} in scope fall into {}. For each, the number of controls per framework that are shared or the \
         organization's own for at least one of its services; the sections that follow give their \
         responsibilities.",
        count(m.services.len(), "service"),
        count(profiles.len(), "service model")
    );
    paragraph(doc, &text, BODY, BLACK);
    doc.y += 6.0;
    let w = doc.content_width();
    let per = 90.0;
    let fixed = 130.0 + per * m.frameworks.len() as f32;
    let col = |title: &str, width: f32| Column { title: title.into(), width, align: Align::Left, rotated: false };
    let mut columns = vec![col("Profile", 130.0), col("Services", (w - fixed).max(120.0))];
    columns.extend(m.frameworks.iter().map(|fw| col(&fw.id, per)));
    let table = Table { columns, max_rotated: 0.0, header_font: Font::bold(7.5) };
    let rows = profiles.iter().map(|p| {
        let names: Vec<&str> = p.group.services.iter().map(|&si| m.services[si].name.as_str()).collect();
        let mut cells = vec![Cell::new(&p.group.label, Font::bold(7.5)), Cell::new(names.join(", "), F)];
        cells.extend(m.frameworks.iter().enumerate().map(|(fi, fw)| {
            let n = m.controls_of(fi).filter(|c| has_duties(c, &p.group.services)).count();
            Cell::new(format!("{n} of {}", fw.controls), F)
        }));
        Row::Cells(cells)
    });
    table.draw(doc, rows);
}
