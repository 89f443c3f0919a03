//! `check --format json|sarif`: the diagnostics for machines. JSON (`respmatrix/check@1`) for
//! scripts; SARIF 2.1.0 so CI systems (GitHub code scanning, GitLab, Azure DevOps) annotate the
//! inventory, catalog or overrides file at the row and column of each problem.

use respmatrix::diag::{Diagnostic, Location, Severity};
use serde_json::{json, Value};

pub const SCHEMA: &str = "respmatrix/check@1";

fn level(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn place(l: &Location) -> Value {
    json!({
        "file": l.file,
        "sheet": l.sheet,
        "row": l.row,
        "column": l.col,
        "path": l.path,
        "text": l.to_string(),
    })
}

/// The diagnostics and the verdict as one JSON document.
pub fn json(found: &[&Diagnostic], summary: Option<&str>, errors: usize, warnings: usize) -> String {
    let items: Vec<Value> = found
        .iter()
        .map(|d| json!({"severity": level(d), "location": place(&d.location), "message": d.message, "text": d.to_string()}))
        .collect();
    let doc = json!({
        "schema": SCHEMA,
        "generator": respmatrix::GENERATOR,
        "ok": errors == 0,
        "errors": errors,
        "warnings": warnings,
        "summary": summary,
        "diagnostics": items,
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("serializes");
    s.push('\n');
    s
}

/// SARIF 2.1.0: one result per diagnostic, located at its file and, for text files and tables,
/// its line (row) and column.
pub fn sarif(found: &[&Diagnostic]) -> String {
    let results: Vec<Value> = found
        .iter()
        .map(|d| {
            let l = &d.location;
            let mut physical = json!({"artifactLocation": {"uri": uri(&l.file)}});
            if let Some(row) = l.row {
                let mut region = json!({"startLine": row});
                if let Some(col) = l.col {
                    region["startColumn"] = json!(col);
                }
                physical["region"] = region;
            }
            let mut location = json!({"physicalLocation": physical});
            let logical: Vec<String> = l.sheet.iter().cloned().chain(l.path.iter().cloned()).collect();
            if !logical.is_empty() {
                location["logicalLocations"] = json!([{"fullyQualifiedName": logical.join("!")}]);
            }
            json!({
                "ruleId": format!("respmatrix/{}", level(d)),
                "level": level(d),
                "message": {"text": format!("{}: {}", l.in_file(), d.message).trim_start_matches(": ").to_string()},
                "locations": if l.file.is_empty() { json!([]) } else { json!([location]) },
            })
        })
        .collect();
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "respmatrix",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": [
                    {"id": "respmatrix/error", "shortDescription": {"text": "An input problem that stops the run"}},
                    {"id": "respmatrix/warning", "shortDescription": {"text": "An input problem the run goes on with"}}
                ]
            }},
            "results": results,
        }],
    });
    let mut s = serde_json::to_string_pretty(&doc).expect("serializes");
    s.push('\n');
    s
}

/// A file name as a relative URI reference (SARIF wants `/` separators and escaped spaces).
fn uri(file: &str) -> String {
    file.replace('\\', "/").replace('%', "%25").replace(' ', "%20").replace('#', "%23")
}
