//! The matrix as CSV: one row per (control, service), formula-safe.

use super::safe::csv_cell;
use crate::view::Matrix;

pub const HEADERS: [&str; 18] = [
    "framework",
    "control_id",
    "control_title",
    "control_status",
    "service_id",
    "service_name",
    "provider",
    "product",
    "model",
    "status",
    "provider_layers",
    "customer_layers",
    "shared_layers",
    "decided_by",
    "rationale",
    "provider_statement",
    "customer_statement",
    "layers",
];

/// CSV bytes (RFC 4180, LF line ends, UTF-8 without BOM).
pub fn render(m: &Matrix) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(HEADERS).expect("writing to memory");
    for c in &m.controls {
        let fw = &m.frameworks[c.framework].id;
        for (si, cell) in c.cells.iter().enumerate() {
            let s = &m.services[si];
            let row = [
                fw.clone(),
                c.id.clone(),
                c.title.clone(),
                c.status.id().to_string(),
                s.id.clone(),
                s.name.clone(),
                s.provider.clone().unwrap_or_default(),
                s.product.clone().unwrap_or_default(),
                s.model.clone(),
                cell.status.id().to_string(),
                cell.provider.ids().join(" "),
                cell.customer.ids().join(" "),
                cell.shared.ids().join(" "),
                m.decided_by(cell, si),
                m.rationale(c, cell, si),
                m.provider_statement(c, cell, si),
                m.customer_statement(c, cell, si),
                c.layers.ids().join(" "),
            ];
            w.write_record(row.iter().map(|t| csv_cell(t).into_owned())).expect("writing to memory");
        }
    }
    w.into_inner().expect("writing to memory")
}
