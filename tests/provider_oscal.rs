//! A provider's OSCAL SSP (JSON) read as provider responsibility data: NIST's leveraged-system
//! example, the NIST SRM prototype's provider files (read leniently: invalid UUIDs, exports
//! straight on by-components, its `shared-responsibility` document), a leveraging SSP and broken
//! JSON refused by name, and `check --provider-data` listing a disagreement at its JSON path.

mod common;
use common::*;
use respmatrix::ingest::provider_data::{read_file, DataKind, ProviderCrm};
use respmatrix::model::Status;
use serde_json::{json, Value};
use std::path::Path;

const LEVERAGED: &str = "nist-oscal/examples/oscal_leveraged-example_ssp.json";
const LEVERAGING: &str = "nist-oscal/examples/oscal_leveraging-example_ssp.json";
const REQS: &str = "system-security-plan.control-implementation.implemented-requirements";

fn read(path: &Path) -> (ProviderCrm, Vec<String>) {
    let (crm, diags) = read_file(path).unwrap_or_else(|e| panic!("{e}"));
    assert!(!diags.has_errors());
    (crm, diags.items.iter().map(|d| d.to_string()).collect())
}

#[test]
fn the_nist_leveraged_example_gives_its_one_shared_statement_at_its_path() {
    let Some(path) = shared_file(LEVERAGED) else { return };
    let (crm, warnings) = read(&path);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(crm.kind, DataKind::OscalSsp);
    assert_eq!(crm.answers.len(), 1, "only ac-2_stmt.a exports anything");
    let a = &crm.answers[0];
    assert_eq!((a.point.label().as_str(), a.written.as_str(), a.status), ("AC-2(a)", "ac-2_stmt.a", Status::Shared));
    assert_eq!(a.place.path.as_deref(), Some(format!("{REQS}[0].statements[0]").as_str()));
    assert_eq!(a.place.to_string(), format!("{}: {REQS}[0].statements[0]", path.display()));
    // Both components' provided descriptions, then the responsibility (the same text on both
    // components, so once), whitespace collapsed.
    let want = "Consumer-appropriate description of what a leveraging system may inherite from THIS SYSTEM in the \
                context of satisfying satisfaction of AC-2, part a. Consumer-appropriate description of what may be \
                inherited. In the context of the application component in satisfaction of AC-2, part a. Customer \
                responsibility: Leveraging system's responsibilities with respect to inheriting this capability. In \
                the context of the application component in satisfaction of AC-2, part a.";
    assert_eq!(a.text, want);
}

/// Statement ids of an SRM prototype file whose by-components carry exportable provided and
/// responsibilities entries, read with serde_json on its own.
fn exporting_statements(doc: &Value) -> Vec<String> {
    let reqs = match doc.get("system-security-plan") {
        Some(ssp) => &ssp["control-implementation"]["implemented-requirements"],
        None => {
            &doc["shared-responsibility"]["components"][0]["control_implementations"][0]["implemented-requirements"]
        }
    };
    let has = |bc: &Value, key: &str| bc[key].as_array().is_some_and(|l| !l.is_empty());
    let mut out = Vec::new();
    for r in reqs.as_array().unwrap() {
        for s in r["statements"].as_array().unwrap() {
            let bcs = s["by-components"].as_array().unwrap();
            assert!(bcs.iter().all(|bc| has(bc, "provided") && has(bc, "responsibilities")));
            out.push(s["statement-id"].as_str().unwrap().to_string());
        }
    }
    out
}

#[test]
fn the_srm_prototype_provider_files_are_read_leniently_with_every_statement() {
    for (file, top) in [
        ("example.ssp.csp.json", REQS.to_string()),
        ("example.ssp.msp.json", REQS.to_string()),
        (
            "example.ssp.csp.sr.json",
            "shared-responsibility.components[0].control_implementations[0].implemented-requirements".into(),
        ),
        (
            "example.ssp.msp.sr.json",
            "shared-responsibility.components[0].control_implementations[0].implemented-requirements".into(),
        ),
    ] {
        let Some(path) = shared_file(&format!("nist-oscal/srm-prototype/{file}")) else { return };
        let doc: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        // The files' UUIDs are not UUIDs ("CSPdea7e4-190d-…"): nothing is refused for that.
        let (crm, warnings) = read(&path);
        let written: Vec<&str> = crm.answers.iter().map(|a| a.written.as_str()).collect();
        assert_eq!(written, exporting_statements(&doc), "{file}");
        assert_eq!(crm.answers.len(), 82, "{file}");
        // Every statement has its own provided and responsibilities entries: all shared.
        assert!(crm.answers.iter().all(|a| a.status == Status::Shared), "{file}");
        let kind = if file.contains(".sr.") { DataKind::SharedResponsibility } else { DataKind::OscalSsp };
        assert_eq!(crm.kind, kind);
        assert_eq!(warnings.len(), 1, "{file}: {warnings:?}");
        assert!(warnings[0].contains("straight on the by-components here (the NIST SRM prototype's shape"), "{file}");

        let find = |label: &str| crm.answers.iter().find(|a| a.point.label() == label).unwrap();
        // A bare enhancement id as the statement id (`ac-17.1`) is the enhancement.
        let ac17_1 = find("AC-17(1)");
        assert_eq!(ac17_1.written, "ac-17.1");
        assert_eq!(ac17_1.place.path.as_deref(), Some(format!("{top}[1].statements[0]").as_str()), "{file}");
        assert!(ac17_1.text.starts_with("Boundary devices monitor and control cloud service provider remote access."));
        assert!(ac17_1.text.ends_with(
            "Customer responsibility: Remote access is monitored and controlled by the cloud service provider."
        ));
        let sc7_4h = find("SC-7(4)(h)");
        assert_eq!(sc7_4h.written, "sc-7.4_smt.h");
        assert!(sc7_4h.text.contains("Customer responsibility: Control plane traffic is filtered"), "{}", sc7_4h.text);
        let labels: Vec<String> = crm.answers.iter().map(|a| a.point.label()).collect();
        for l in ["AC-2(a)", "AC-2(l)", "AC-6(10)", "RA-5(f)", "SA-11", "AU-3(1)"] {
            assert!(labels.contains(&l.to_string()), "{file}: {l}");
        }
    }
}

const CATALOG: &str = "catalogs/nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";
const MODERATE: &str = "catalogs/fedramp-rev5/FedRAMP_rev5_MODERATE-baseline_profile.json";

/// The sample inventory's AWS rows, the FedRAMP Moderate baseline and the 800-53 catalog.
fn aws_args(dir: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("samples/inventory.csv")).unwrap();
    let mut lines = text.lines();
    let mut out = vec![lines.next().unwrap().to_string()];
    out.extend(lines.filter(|l| l.contains(",AWS,")).map(str::to_string));
    let inv = dir.join("inventory.csv");
    std::fs::write(&inv, out.join("\n")).unwrap();
    let (c, p) = (root().join(CATALOG), root().join(MODERATE));
    ["-i", s(&inv), "--framework", s(&p), "--catalog", s(&c)].iter().map(|x| x.to_string()).collect()
}

/// The model's distinct statuses on the AWS services for a statement (or a control without
/// statements), from `map --json-layout inline`.
fn model(m: &Value, control: &str, label: &str) -> Vec<String> {
    let c = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == control).unwrap();
    let cells = match c["statements"].as_array().and_then(|s| s.iter().find(|s| s["label"] == label)) {
        Some(s) => &s["cells"],
        None => &c["services"],
    };
    let mut out: Vec<String> = cells.as_array().unwrap().iter().map(|x| x["status"].as_str().unwrap().into()).collect();
    out.sort();
    out.dedup();
    out
}

fn by_component(provided: bool, customer: bool) -> Value {
    let mut export = json!({});
    if provided {
        export["provided"] = json!([{"uuid": "p", "description": "The provider does it."}]);
    }
    if customer {
        export["responsibilities"] = json!([{"uuid": "r", "description": "The customer does the rest."}]);
    }
    json!({"component-uuid": "c", "uuid": "u", "description": "d", "export": export})
}

fn statement(id: &str, provided: bool, customer: bool) -> Value {
    json!({"statement-id": id, "uuid": "s", "by-components": [by_component(provided, customer)]})
}

/// `check --provider-data aws=ssp.json`: one answer the model disagrees with (AC-2(a) provided
/// only, the model has customer), others it agrees with in every id spelling, one id it cannot
/// place; the disagreement is listed at its JSON path.
#[test]
fn check_lists_a_disagreement_with_an_oscal_ssp_at_its_json_path() {
    let dir = tempfile::tempdir().unwrap();
    let args = aws_args(dir.path());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let m = map_json(&[&args[..], &["--json-layout", "inline"]].concat());
    for (control, label, want) in [
        ("AC-2", "AC-2(a)", "customer"),
        ("AC-2", "AC-2(b)", "customer"),
        ("PE-2", "PE-2(a)", "inherited"),
        ("CP-8", "CP-8", "inherited"),
        ("AC-1", "AC-1(a)", "shared"),
    ] {
        assert_eq!(model(&m, control, label), [want], "the model on AWS for {label} (the test's premise)");
    }
    let ssp = json!({"system-security-plan": {"uuid": "not-a-uuid", "control-implementation": {
    "description": "AWS",
    "implemented-requirements": [
        {"uuid": "1", "control-id": "ac-2", "statements": [
            statement("ac-2_smt.a", true, false),
            statement("ac-2_stmt.b", false, true),
        ]},
        {"uuid": "2", "control-id": "pe-2", "statements": [statement("pe-2_obj.a-1", true, false)]},
        {"uuid": "3", "control-id": "cp-8", "by-components": [by_component(true, false)]},
        {"uuid": "4", "control-id": "ac-1", "statements": [statement("ac-1_smt.a", true, true)]},
        {"uuid": "5", "control-id": "ac-6", "statements": [statement("ac-6_obj_fr", true, false)]},
    ]}}});
    let file = fixture(&dir, "aws-ssp.json", ssp.to_string().as_bytes());
    let spec = format!("aws={}", file.display());
    let o = run(&[&["check"], &args[..], &["--provider-data", &spec]].concat());
    assert_eq!(code(&o), 0, "{}", said(&o));
    let out = said(&o);
    let listed: Vec<&str> = out.lines().filter(|l| l.contains("provider vs model:")).collect();
    assert_eq!(listed.len(), 1, "{out}");
    let want = format!(
        "warning: {}: {REQS}[0].statements[0]: provider vs model: AC-2(a): aws's OSCAL SSP answers Yes (inherited), the \
         model has customer for ",
        file.display()
    );
    assert!(listed[0].starts_with(&want), "{}\n{want}", listed[0]);
    let unplaced = format!("{}: {REQS}[4].statements[0].statement-id: \"ac-6_obj_fr\" is no control", file.display());
    assert!(out.contains(&unplaced), "{out}");
    assert!(!out.contains("response points the selected frameworks do not have"), "{out}");
}

#[test]
fn a_leveraging_ssp_is_refused_with_a_hint_and_broken_json_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let args = aws_args(dir.path());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    if let Some(path) = shared_file(LEVERAGING) {
        let spec = format!("aws={}", path.display());
        let o = run(&[&["check", "-q"], &args[..], &["--provider-data", &spec]].concat());
        assert_eq!(code(&o), 2, "{}", said(&o));
        let want = format!(
            "error: {}: no by-component exports (provided/responsibilities) in its 1 implemented requirement: this \
             SSP exports nothing a leveraging system can inherit; it looks like a leveraging system's SSP",
            path.display()
        );
        assert!(said(&o).contains(&want), "{}", said(&o));
        assert!(said(&o).contains("give the SSP of the provider it leverages"), "{}", said(&o));
    }
    let bad = fixture(&dir, "aws-ssp.json", b"{\"system-security-plan\": {\n  \"uuid\": \"x\",\n}}");
    let spec = format!("aws={}", bad.display());
    let o = run(&[&["check", "-q"], &args[..], &["--provider-data", &spec]].concat());
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(said(&o).contains(&format!("error: {}:3:1: not JSON", bad.display())), "{}", said(&o));
    // Not JSON at all, but named .json: reported as JSON, not as a broken workbook.
    let text = fixture(&dir, "notes.json", b"AC-2: shared");
    let o = run(&[&["check", "-q"], &args[..], &["--provider-data", &format!("aws={}", text.display())]].concat());
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(said(&o).contains(&format!("error: {}:1:1: not JSON", text.display())), "{}", said(&o));
}
