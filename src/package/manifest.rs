//! The evidence manifest: `evidence-manifest.json` (schema `respmatrix/evidence-manifest@1`)
//! and `evidence-manifest.csv`, one entry per piece of evidence: id, path in the bag, SHA-256,
//! size, media type, dates, source and method, what it serves and which controls it answers,
//! and its findings.

use super::evidence::{Evidence, Links};
use crate::render::safe::csv_cell;
use crate::report::ReportMeta;
use crate::view::Matrix;
use serde_json::{json, Value};
use std::collections::BTreeSet;

pub const SCHEMA: &str = "respmatrix/evidence-manifest@1";
pub const JSON_FILE: &str = "evidence-manifest.json";
pub const CSV_FILE: &str = "evidence-manifest.csv";

/// `soc2-2017 CC6.2`, each once, in matrix order: the controls a piece of evidence answers.
pub fn controls(m: &Matrix, links: &Links, ei: usize) -> Vec<String> {
    let set: BTreeSet<usize> = links.cells[ei].iter().map(|&(ci, _)| ci).collect();
    set.into_iter().map(|ci| format!("{} {}", m.frameworks[m.controls[ci].framework].id, m.controls[ci].id)).collect()
}

fn date(d: Option<crate::model::Date>) -> Value {
    d.map(|d| Value::String(d.to_string())).unwrap_or(Value::Null)
}

/// The manifest as pretty JSON with a trailing newline.
pub fn json(m: &Matrix, meta: &ReportMeta, evidence: &[Evidence], links: &Links) -> Vec<u8> {
    let entries: Vec<Value> = evidence
        .iter()
        .enumerate()
        .map(|(ei, e)| {
            let r = &e.reference;
            let c = e.content.as_ref();
            json!({
                "id": r.id,
                "path": c.map(|c| format!("data/{}", c.bag_path)),
                "sha256": c.map(|c| c.sha256.clone()),
                "size": c.map(|c| c.size),
                "media_type": c.map(|c| c.media_type),
                "reference": r.written,
                "declared_in": r.declared.id(),
                "origin": r.origin,
                "title": r.title,
                "collected": date(r.collected),
                "effective": date(r.effective),
                "valid_until": date(r.valid_until),
                "source": r.source,
                "method": r.method,
                "attestation": r.attestation.as_ref().map(|a| json!({
                    "provider": a.provider, "kind": a.kind, "id": a.reference, "period": a.period_text,
                })),
                "serves": r.serves.iter().map(|s| json!({
                    "framework": s.framework, "control": s.control, "service": s.service,
                    "provider": s.provider, "inherited_only": s.inherited_only,
                })).collect::<Vec<_>>(),
                "controls": controls(m, links, ei),
                "cells": links.cells[ei].len(),
                "findings": e.findings.iter().map(|f| json!({"kind": f.kind.id(), "message": f.message})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let doc = json!({
        "schema": SCHEMA,
        "generator": m.generator,
        "organization": meta.organization,
        "period": meta.period,
        "report_date": meta.report_date.map(|d| d.to_string()),
        "evidence": entries,
        "findings": evidence.iter().map(|e| e.findings.len()).sum::<usize>(),
    });
    let mut out = serde_json::to_vec_pretty(&doc).unwrap_or_default();
    out.push(b'\n');
    out
}

pub const CSV_HEADERS: [&str; 16] = [
    "id",
    "path",
    "sha256",
    "size",
    "media_type",
    "reference",
    "declared_in",
    "title",
    "collected",
    "effective",
    "valid_until",
    "source",
    "method",
    "serves",
    "controls",
    "findings",
];

/// The manifest as CSV (formula-safe, LF line ends).
pub fn csv(m: &Matrix, evidence: &[Evidence], links: &Links) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = w.write_record(CSV_HEADERS);
    for (ei, e) in evidence.iter().enumerate() {
        let r = &e.reference;
        let c = e.content.as_ref();
        let d = |d: Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let row = [
            r.id.clone(),
            c.map(|c| format!("data/{}", c.bag_path)).unwrap_or_default(),
            c.map(|c| c.sha256.clone()).unwrap_or_default(),
            c.map(|c| c.size.to_string()).unwrap_or_default(),
            c.map(|c| c.media_type.to_string()).unwrap_or_default(),
            r.written.clone(),
            r.declared.id().to_string(),
            r.title.clone(),
            d(r.collected),
            d(r.effective),
            d(r.valid_until),
            r.source.clone(),
            r.method.clone(),
            super::evidence::join_serves(&r.serves),
            controls(m, links, ei).join("; "),
            e.findings.iter().map(|f| format!("{}: {}", f.kind.id(), f.message)).collect::<Vec<_>>().join("; "),
        ];
        let _ = w.write_record(row.iter().map(|t| csv_cell(t).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}
