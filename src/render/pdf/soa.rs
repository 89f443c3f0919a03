//! The Statement of Applicability of each ISO catalog in the report: every control, whether it
//! applies and why, and who is responsible (the same reading as the workbook's SoA sheet and
//! the package's CSV, `package::soa`).

use super::layout::{Doc, Orientation};
use super::prose::{heading, paragraph, BODY, H1};
use super::table::{Align, Cell, Column, Row, Table};
use super::text::Font;
use crate::package::soa;
use crate::report::Report;

const F: Font = Font::regular(7.5);

fn col(title: &str, width: f32) -> Column {
    Column { title: title.into(), width, align: Align::Left, rotated: false }
}

/// Draws one section per ISO catalog (none when the report has none).
pub fn draw(doc: &mut Doc, report: &Report) {
    let m = &report.matrix;
    for fi in soa::iso_frameworks(m) {
        let fw = &m.frameworks[fi];
        let title = format!("Statement of Applicability: {}", fw.id);
        doc.section(&title, 0, Orientation::Portrait, &title);
        heading(doc, &title, H1, 40.0);
        let intro = format!(
            "Every control of {} (version {}): whether it applies to the in-scope services and why, and who is \
             responsible. Implementation status and reviewer columns are on the workbook's SoA sheet.",
            fw.title, fw.version
        );
        paragraph(doc, &intro, BODY, super::canvas::BLACK);
        doc.y += 6.0;
        let w = doc.content_width();
        let table = Table {
            columns: vec![
                col("Control", 120.0),
                col("Applicable", 60.0),
                col("Responsible", 100.0),
                col("Why", w - 280.0),
            ],
            max_rotated: 0.0,
            header_font: Font::bold(7.5),
        };
        let rows = m.controls.iter().filter(|c| c.framework == fi).map(|c| {
            Row::Cells(vec![
                Cell::new(format!("{} {}", c.id, c.display_title()), Font::bold(7.0)),
                Cell::new(soa::applicable(c), F),
                Cell::new(soa::responsible(c), F),
                Cell::new(soa::justification(m, c), F),
            ])
        });
        table.draw(doc, rows);
    }
}
