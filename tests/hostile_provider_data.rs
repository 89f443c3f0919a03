//! Provider data (`--provider-data PROVIDER=FILE`) as a careless user or a hostile file gives
//! it: every case ends in exit 2 (unreadable) or 1 (findings) with a message naming the file
//! and its place, nothing written into the output folder, no panic and no hang. The hostile
//! files are built in a temp dir at test time.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The sample inventory (AWS, Azure, GCP … services).
fn inventory() -> PathBuf {
    root().join("samples/inventory.csv")
}

/// `check -i <sample inventory> --provider-data aws=<file>`.
fn check_with(file: &Path) -> Output {
    let spec = format!("aws={}", file.display());
    run_bounded(&["check", "-i", s(&inventory()), "--provider-data", &spec])
}

/// `report` with the provider file into a fresh `out`: asserts the exit code, that nothing was
/// written and that stderr names `needle`; returns stderr.
fn report_refuses(file: &Path, want: i32, needle: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let spec = format!("aws={}", file.display());
    let o = run_bounded(&["report", "-q", "-i", s(&inventory()), "--provider-data", &spec, "-o", s(&out)]);
    let err = stderr(&o);
    assert_eq!(code(&o), want, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(needle), "stderr does not name {needle:?}: {err}");
    let written: Vec<_> = std::fs::read_dir(&out).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    assert!(written.is_empty(), "a refused report wrote {written:?}");
    err
}

/// A CRM worksheet (header on row 4, as in the Rev 4 template) with `rows` below it.
fn crm(rows: &[&[&str]]) -> Vec<u8> {
    let head: [&[&str]; 4] = [
        &["Customer Responsibility Matrix"],
        &[],
        &[],
        &["Control ID", "Can Be Inherited from CSP", "Specific Inheritance and Customer Agency/CSP Responsibilities"],
    ];
    let all: Vec<&[&str]> = head.iter().copied().chain(rows.iter().copied()).collect();
    xlsx("CRM Worksheet", &all)
}

#[cfg(unix)]
#[test]
fn a_named_pipe_nobody_writes_to_is_refused_instead_of_hanging() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["aws-crm.xlsx", "aws-ssp.json"] {
        let fifo = dir.path().join(name);
        let c = std::ffi::CString::new(s(&fifo)).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let o = check_with(&fifo);
        assert_eq!(code(&o), 2, "{}", said(&o));
        assert!(
            stderr(&o).contains(&format!("{name}: a named pipe (FIFO) that nothing was written to")),
            "{}",
            said(&o)
        );
        report_refuses(&fifo, 2, name);
    }
}

#[test]
fn a_folder_given_as_provider_data_is_named_as_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("aws-crm.xlsx");
    std::fs::create_dir(&folder).unwrap();
    let o = check_with(&folder);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(stderr(&o).contains("aws-crm.xlsx: is a folder, not a file"), "{}", said(&o));
    report_refuses(&folder, 2, "is a folder");
}

#[test]
fn a_crm_with_no_answers_is_refused_instead_of_deciding_nothing_silently() {
    let dir = tempfile::tempdir().unwrap();
    let blank = fixture(&dir, "blank-crm.xlsx", &crm(&[&["AC-2", "", ""], &["AC-3"]]));
    let o = check_with(&blank);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(
        stderr(&o)
            .contains("blank-crm.xlsx: no answers: Can Be Inherited from CSP is blank on every row of CRM Worksheet"),
        "{}",
        said(&o)
    );
    report_refuses(&blank, 2, "blank-crm.xlsx: no answers");
}

#[test]
fn contradictory_answers_for_one_point_on_one_sheet_are_errors_naming_both_rows() {
    let dir = tempfile::tempdir().unwrap();
    let rows: [&[&str]; 3] = [&["AC-2", "Yes", "first"], &["AC-02", "No", "second"], &["AC-3", "No", ""]];
    let file = fixture(&dir, "dup-crm.xlsx", &crm(&rows));
    let o = check_with(&file);
    assert_eq!(code(&o), 1, "{}", said(&o));
    let want = "dup-crm.xlsx[CRM Worksheet]!A6: AC-2: answered No here and Yes at [CRM Worksheet]!A5";
    assert!(stderr(&o).contains(want), "{}", said(&o));
    report_refuses(&file, 1, want);
}

/// Two sheets of a CRM workbook: `first` then `second`, each with its rows below a row-4 header.
fn two_sheets(first: (&str, &[[&str; 3]]), second: (&str, &[[&str; 3]])) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in [first, second] {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        for (c, h) in ["Control ID", "Can Be Inherited from CSP", "Specific Inheritance"].iter().enumerate() {
            ws.write_string(3, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(4 + r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// A provider's copy of the template keeps the example sheet: its answers are not the provider's.
#[test]
fn the_templates_example_sheet_is_left_out_once_the_providers_own_sheet_has_answers() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = two_sheets(
        ("Moderate CRM Worksheet", &[["AC-2(a)", "No", "We do not."]]),
        ("Example CRM Worksheet Responses", &[["AC-2(a)", "Yes", "Example."], ["AC-2(b)", "Yes", "Example."]]),
    );
    let file = fixture(&dir, "aws-crm.xlsx", &bytes);
    let (crm, diags) = respmatrix::ingest::provider_data::read_file(&file).unwrap();
    let got: Vec<String> =
        crm.answers.iter().map(|a| format!("{} {:?} {}", a.point.label(), a.status, a.place)).collect();
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("AC-2(a) Customer") && got[0].contains("[Moderate CRM Worksheet]!A5"), "{got:?}");
    let said: Vec<String> = diags.items.iter().map(|d| d.to_string()).collect();
    assert!(
        said.iter()
            .any(|d| d.contains("the 2 answers of \"Example CRM Worksheet Responses\" are the template's example")),
        "{said:?}"
    );
    // The template itself, whose example is all it answers, is still read from its example.
    let example_only = two_sheets(
        ("Moderate CRM Worksheet", &[["AC-2(a)", "", ""]]),
        ("Example CRM Worksheet Responses", &[["AC-2(a)", "Yes", "Example."]]),
    );
    let (crm, _) = respmatrix::ingest::provider_data::read_file(&fixture(&dir, "t.xlsx", &example_only)).unwrap();
    assert_eq!(crm.answers.len(), 1);
}

#[test]
fn a_crm_sheet_without_a_header_is_skipped_when_another_has_one_and_a_merged_id_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("CRM Worksheet").unwrap();
    for (c, h) in ["Control ID", "Can Be Inherited from CSP"].iter().enumerate() {
        ws.write_string(3, c as u16, *h).unwrap();
    }
    ws.merge_range(4, 0, 5, 0, "AC-2", &rust_xlsxwriter::Format::new()).unwrap();
    ws.write_string(4, 1, "Yes").unwrap();
    ws.write_string(5, 1, "No").unwrap();
    wb.add_worksheet().set_name("CRM notes").unwrap().write_string(0, 0, "Ask the account team.").unwrap();
    let file = fixture(&dir, "merged-crm.xlsx", &wb.save_to_buffer().unwrap());
    let o = check_with(&file);
    assert_eq!(code(&o), 0, "{}", said(&o));
    let err = stderr(&o);
    assert!(err.contains("merged-crm.xlsx[CRM notes]: no CRM header row") && err.contains("sheet skipped"), "{err}");
    assert!(
        err.contains(
            "merged-crm.xlsx[CRM Worksheet]!A6: an answer (\"No\") without a Control ID (a merged or blank cell)"
        ),
        "{err}"
    );
    // A workbook whose only CRM sheet has no header is unreadable, not a finding.
    let lone = fixture(&dir, "notes.xlsx", &xlsx("CRM notes", &[&["Ask the account team."]]));
    let o = check_with(&lone);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(stderr(&o).contains("notes.xlsx[CRM notes]: no CRM header row"), "{}", said(&o));
}

/// A project file beside a copy of the sample inventory, with `provider_data:` as `entries`.
fn project(dir: &Path, entries: &str) -> PathBuf {
    std::fs::copy(inventory(), dir.join("inventory.csv")).unwrap();
    let path = dir.join("respmatrix.yaml");
    std::fs::write(&path, format!("organization: Example\ninventory: inventory.csv\nprovider_data:\n{entries}\n"))
        .unwrap();
    path
}

/// The project file's entries are named as the project file's, not as a `--provider-data` flag
/// the user never gave; an entry without a file or provider is refused at the project file.
#[test]
fn a_project_files_provider_data_entry_is_named_as_the_project_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("crm.xlsx"), crm(&[&["AC-2", "Yes", ""]])).unwrap();
    let p = project(dir.path(), "  oracle: crm.xlsx");
    let o = run_bounded(&["check", "-c", s(&p)]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    let err = stderr(&o);
    assert!(
        err.contains("respmatrix.yaml: provider_data.oracle (")
            && err.contains("no in-scope service has provider \"oracle\""),
        "{err}"
    );
    assert!(!err.contains("--provider-data"), "names a flag that was not given: {err}");
    let o = run_bounded(&["check", "-i", s(&inventory()), "--provider-data", "oracle=crm.xlsx"]);
    assert!(stderr(&o).contains("--provider-data oracle=crm.xlsx: no in-scope service"), "{}", said(&o));

    let p = project(dir.path(), "  aws: \"\"");
    let o = run_bounded(&["check", "-c", s(&p)]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(stderr(&o).contains("respmatrix.yaml:3:1: provider_data.aws: no file given"), "{}", said(&o));
    // YAML's null is no file either, not a file named "~".
    for null in ["  aws: ~", "  aws:"] {
        let o = run_bounded(&["check", "-c", s(&project(dir.path(), null))]);
        assert!(stderr(&o).contains("provider_data.aws: no file given"), "{null}: {}", said(&o));
    }
    let p = project(dir.path(), "  \"\": crm.xlsx");
    let o = run_bounded(&["check", "-c", s(&p)]);
    assert!(stderr(&o).contains("provider_data: an entry without a provider"), "{}", said(&o));
}

/// Real public files given as provider data by mistake: an OSCAL SSP in XML and a CSV were
/// reported as "not a readable spreadsheet (XLSX, XLS, XLSB or ODS)"; a workbook given as the
/// overrides or project file as "not valid UTF-8". Each now says what it is and what is expected.
#[test]
fn text_given_as_provider_data_and_a_workbook_given_as_text_say_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let xml = fixture(&dir, "ssp.oscal.xml", b"<?xml version=\"1.0\"?>\n<system-security-plan/>\n");
    let o = check_with(&xml);
    assert_eq!(code(&o), 2, "{}", said(&o));
    let err = stderr(&o);
    assert!(err.contains("ssp.oscal.xml: XML (an OSCAL SSP in XML is not read: give its JSON form"), "{err}");
    assert!(err.contains("provider data is a FedRAMP CIS/CRM workbook (XLSX) or an OSCAL SSP in JSON"), "{err}");
    assert!(!err.contains("spreadsheet"), "{err}");
    let csv = fixture(&dir, "crm.csv", b"control_id,statement_id,export_provided\nac-2,ac-2_smt.a,yes\n");
    let o = check_with(&csv);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(stderr(&o).contains("crm.csv: a text file (CSV or YAML?), not a workbook or JSON"), "{}", said(&o));
    if let Some(real) = shared_file("fedramp-automation/examples/fedramp-ssp-example.oscal.xml") {
        let o = check_with(&real);
        assert_eq!(code(&o), 2, "{}", said(&o));
        assert!(stderr(&o).contains("fedramp-ssp-example.oscal.xml: XML (an OSCAL SSP in XML"), "{}", said(&o));
    }
    let book = fixture(&dir, "aws-crm.xlsx", &crm(&[&["AC-2", "Yes", ""]]));
    let o = run_bounded(&["check", "-i", s(&inventory()), "--overrides", s(&book)]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(
        stderr(&o).contains(
            "aws-crm.xlsx: a spreadsheet or zip file (binary), where a text file (YAML, JSON, CSV or XML) is expected"
        ),
        "{}",
        said(&o)
    );
}

/// An SSP whose requirement list is null or no list said "no exports in its 0 implemented
/// requirements", as if the file had none; it now names the JSON path and what is there.
#[test]
fn an_ssp_with_null_or_mistyped_requirements_names_the_path() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (r#"{"system-security-plan": null}"#, "system-security-plan: is null, not an object"),
        (
            r#"{"system-security-plan": {"control-implementation": "none"}}"#,
            "system-security-plan.control-implementation: is a string, not an object",
        ),
        (
            r#"{"system-security-plan": {"control-implementation": {"implemented-requirements": null}}}"#,
            "system-security-plan.control-implementation.implemented-requirements: is null, not a list",
        ),
    ];
    for (i, (json, want)) in cases.iter().enumerate() {
        let file = fixture(&dir, &format!("ssp-{i}.json"), json.as_bytes());
        let o = check_with(&file);
        assert_eq!(code(&o), 2, "{}", said(&o));
        assert!(stderr(&o).contains(&format!("ssp-{i}.json: {want}")), "{}", said(&o));
        assert!(!stderr(&o).contains("0 implemented requirements"), "{}", said(&o));
    }
}

/// An SSP that names a key twice read as its last copy, silently (the first copy's exports were
/// lost, or a whole document read as empty); it is refused at the second copy's place.
#[test]
fn an_ssp_that_names_a_key_twice_is_refused_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let reqs = r#"{"control-implementation": {"implemented-requirements": [{"control-id": "ac-2", "by-components": [{"export": {"provided": [{"description": "We do."}]}}]}]}}"#;
    let text = format!("{{\"system-security-plan\": {reqs},\n \"system-security-plan\": {{}}}}");
    let file = fixture(&dir, "ssp.json", text.as_bytes());
    let o = check_with(&file);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(
        stderr(&o).contains("ssp.json:2:")
            && stderr(&o).contains("duplicate key \"system-security-plan\": an object names it twice"),
        "{}",
        said(&o)
    );
    report_refuses(&file, 2, "duplicate key");
}

/// `package --provider-data` with a framework read from a file refused itself: its input list
/// skipped the provider data, so the next file's digest was compared with the wrong file
/// ("changed while respmatrix was reading it"); the provider file was never in the bag either.
#[test]
fn package_with_provider_data_and_a_framework_file_carries_every_input() {
    let dir = tempfile::tempdir().unwrap();
    let inv = sample_rows(dir.path(), &["AWS"], 1);
    let crm_file = fixture(&dir, "aws-crm.xlsx", &crm(&[&["AC-2(a)", "Yes", "We manage accounts."]]));
    let catalog = root().join("catalogs/nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json");
    let profile = root().join("catalogs/fedramp-rev5/FedRAMP_rev5_MODERATE-baseline_profile.json");
    let bag = dir.path().join("bag");
    let spec = format!("aws={}", crm_file.display());
    let o = run_bounded(&[
        "package",
        "-q",
        "-i",
        s(&inv),
        "--framework",
        s(&profile),
        "--catalog",
        s(&catalog),
        "--provider-data",
        &spec,
        "--fedramp",
        "moderate",
        "--date",
        "2026-11-30",
        "-o",
        s(&bag),
    ]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    let inputs: Vec<String> = std::fs::read_dir(bag.join("data/inputs"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for want in ["aws-crm.xlsx", "FedRAMP_rev5_MODERATE-baseline_profile.json", "NIST_SP-800-53_rev5_catalog.json"] {
        assert!(inputs.iter().any(|i| i == want), "{want} not among the bag's inputs {inputs:?}");
    }
    assert_eq!(
        std::fs::read(bag.join("data/inputs/aws-crm.xlsx")).unwrap(),
        std::fs::read(&crm_file).unwrap(),
        "the provider file is carried as read"
    );
    let o = run_bounded(&["verify", s(&bag)]);
    assert_eq!(code(&o), 0, "{}", said(&o));
}

/// One provider's data given twice (by id and by name here) applies both files, the later one
/// winning where both answer: a warning says so.
#[test]
fn the_same_providers_data_given_twice_is_a_warning_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crm.xlsx");
    std::fs::write(&file, crm(&[&["AC-2", "Yes", ""]])).unwrap();
    let (by_id, by_name) = (format!("aws={}", s(&file)), format!("Amazon Web Services={}", s(&file)));
    let out = dir.path().join("matrix.json");
    let o = run_bounded(&[
        "map",
        "-i",
        s(&inventory()),
        "--provider-data",
        &by_id,
        "--provider-data",
        &by_name,
        "--out",
        s(&out),
    ]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    let err = stderr(&o);
    assert!(err.contains("provider data for Amazon Web Services is also given as aws="), "{err}");
    assert!(err.contains("this later file's answer applies"), "{err}");
}
