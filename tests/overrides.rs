//! Control-level overrides: globs, service scoping, expiry, and errors with places.

mod common;
use common::*;

const INV: &[u8] = b"Service ID,Name,Provider,Service\nweb,Web,AWS,EC2\nmail,Mail,Microsoft,Exchange Online\n";

fn setup(overrides: &str) -> (tempfile::TempDir, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let inv = fixture(&dir, "inv.csv", INV).to_str().unwrap().to_string();
    let ov = fixture(&dir, "overrides.yaml", overrides.as_bytes()).to_str().unwrap().to_string();
    (dir, inv, ov)
}

#[test]
fn glob_and_service_scoped_overrides_win_with_their_justification() {
    let (_d, inv, ov) = setup(
        "overrides:\n\
         - framework: soc2-2017\n  control: \"P[1-8].*\"\n  status: not-applicable\n  justification: No personal information is processed.\n\
         - id: m365-physical\n  framework: nist-csf-2.0\n  control: PR.AA-0?\n  services: [mail]\n  status: inherited\n  justification: Covered by Microsoft's SOC 2 Type II report.\n  expires: 2027-06-30\n",
    );
    let m = map_json(&["-i", &inv, "--overrides", &ov]);
    let p11 = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == "P1.1").unwrap();
    assert_eq!(p11["status"], "not-applicable");
    assert_eq!(p11["counts"]["not-applicable"], 2);
    assert_eq!(p11["services"][0]["decided_by"], "override:1");
    assert!(p11["services"][0]["customer_statement"]
        .as_str()
        .unwrap()
        .contains("No personal information is processed."));
    // Processing integrity (PI1.x) is not privacy: the character class keeps it out.
    assert_eq!(cell_status(&m, "PI1.1", "web"), "customer");
    // The scoped CSF override applies to mail only.
    assert_eq!(cell_status(&m, "PR.AA-01", "mail"), "inherited");
    assert_eq!(cell_status(&m, "PR.AA-01", "web"), "customer");
    let aa01 = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == "PR.AA-01").unwrap();
    // Inherited for mail, the organization's for the rest: the services differ.
    assert_eq!(aa01["status"], "mixed");
    let mail = aa01["services"].as_array().unwrap().iter().find(|x| x["service"] == "mail").unwrap();
    assert_eq!(mail["decided_by"], "override:m365-physical");
    assert!(mail["rationale"]
        .as_str()
        .unwrap()
        .contains("Covered by Microsoft's SOC 2 Type II report. (expires 2027-06-30)"));
}

#[test]
fn expired_overrides_are_ignored_with_a_warning() {
    let (_d, inv, ov) = setup("overrides:\n  - control: PR.AA-01\n    status: inherited\n    justification: Temporary.\n    expires: 2025-12-31\n");
    let o = run(&["map", "-i", &inv, "--overrides", &ov, "-f", "nist-csf-2.0"]);
    assert_eq!(code(&o), 0);
    assert!(
        stderr(&o)
            .contains("overrides.yaml:2:1: overrides[0]: override 1 expired on 2025-12-31 (as of 2026-11-18); ignored"),
        "{}",
        stderr(&o)
    );
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(cell_status(&m, "PR.AA-01", "web"), "customer");
    // --as-of moves the day: before expiry the override holds.
    let m = map_json(&["-i", &inv, "--overrides", &ov, "-f", "nist-csf-2.0", "--as-of", "2025-06-01"]);
    assert_eq!(cell_status(&m, "PR.AA-01", "web"), "inherited");
}

#[test]
fn bad_overrides_are_reported_together_with_places() {
    let (_d, inv, ov) = setup(
        "overrides:\n  - control: PR.AA-01\n    status: maybe\n  - control: PR.AA-02\n    status: customer\n    justification: ok\n    expires: 2027-02-30\n",
    );
    let o = run(&["check", "-i", &inv, "--overrides", &ov]);
    assert_eq!(code(&o), 1);
    let out = said(&o);
    assert!(out.contains("overrides.yaml:2:1: overrides[0].status: unknown status \"maybe\""), "{out}");
    assert!(out.contains("overrides.yaml:2:1: overrides[0].justification: an override needs a justification"), "{out}");
    assert!(out.contains("overrides.yaml:4:1: overrides[1].expires: expiry \"2027-02-30\" is not a date"), "{out}");

    let (_d, inv, ov) = setup("overrides:\n  - framework: pci-dss\n    control: \"1.*\"\n    status: customer\n    justification: x\n  - control: PR.AA-01\n    services: [payroll]\n    status: customer\n    justification: x\n");
    let o = run(&["check", "-i", &inv, "--overrides", &ov]);
    assert_eq!(code(&o), 1);
    let out = said(&o);
    assert!(out.contains("overrides[0].framework: unknown framework \"pci-dss\""), "{out}");
    // A service the inventory does not have is a warning (it may have been removed since).
    assert!(out.contains("overrides[1].services: override 2: service \"payroll\" is not in the inventory; the entry applies to nothing and is ignored"), "{out}");
    assert!(
        out.contains("(known here: nist-csf-2.0, iso-27017-2015, soc2-2017, iso-27001-2022)"),
        "each id once: {out}"
    );

    let (_d, inv, ov) = setup("overrides: [control: x\n");
    let o = run(&["check", "-i", &inv, "--overrides", &ov]);
    assert_eq!(code(&o), 2, "{}", said(&o));
}

#[test]
fn a_long_file_of_flow_entries_is_read_in_bounded_time_and_placed_by_line() {
    // 60,000 one-line entries: each was looked up by scanning the file from its top for a
    // `control:` line, which a flow entry never starts with (quadratic: minutes for 5 MB).
    let mut text = String::from("overrides:\n");
    for i in 0..60_000 {
        let status = if i == 59_999 { "bogus" } else { "customer" };
        text.push_str(&format!(
            "  - {{id: o{i}, control: \"PR.AA-0{}\", status: {status}, justification: x}}\n",
            i % 6 + 1
        ));
    }
    let (_d, inv, ov) = setup(&text);
    let o = run_bounded(&["check", "-i", &inv, "--overrides", &ov]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    assert!(
        said(&o).contains("overrides.yaml:60001:1: overrides[59999].status: unknown status \"bogus\""),
        "{}",
        said(&o)
    );
}

#[test]
fn an_override_naming_thousands_of_services_is_decided_in_bounded_time() {
    // 5,000 services; one override names all of them and 50,000 that do not exist. Each name
    // was looked for service by service, each unknown one compared with every service for a
    // hint, and each cell searched the override's list: hours. Now hashed, sorted and capped.
    let dir = tempfile::tempdir().unwrap();
    let mut inv = String::from("Service ID,Name,Provider,Service\n");
    let mut names = Vec::new();
    for i in 0..5_000 {
        inv.push_str(&format!("s{i},Web {i},AWS,EC2\n"));
        names.push(format!("S{i}"));
    }
    names.extend((0..50_000).map(|i| format!("gone-{i}")));
    let ov = format!(
        "overrides:\n  - control: \"PR.AA-01\"\n    status: not-applicable\n    justification: x\n    services: [{}]\n",
        names.join(", ")
    );
    let inv = fixture(&dir, "inv.csv", inv.as_bytes());
    let ov = fixture(&dir, "overrides.yaml", ov.as_bytes());
    let out = dir.path().join("m.json");
    // Quiet: 50,000 warnings would fill the pipe `run_bounded` reads only at the end.
    let args =
        ["map", "-q", "-i", s(&inv), "-f", "nist-csf-2.0", "--overrides", s(&ov), "--format", "json", "--out", s(&out)];
    let o = run_bounded(&args);
    assert_eq!(code(&o), 0, "{}", said(&o));
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(cell_status(&m, "PR.AA-01", "s4999"), "not-applicable", "names match in any case");
    assert_eq!(cell_status(&m, "PR.AA-02", "s4999"), "customer");
}

#[test]
fn many_overrides_against_a_big_catalog_meet_by_id_in_bounded_time() {
    // 50,000 controls and 50,000 overrides each naming one of them: every override was tried on
    // every control (2.5 billion matches); now each is looked up by its control id.
    let dir = tempfile::tempdir().unwrap();
    let mut catalog = String::from("ID,Title,Layers\n");
    let mut ov = String::from("overrides:\n");
    for i in 0..50_000 {
        catalog.push_str(&format!("X-{i},T,hardware\n"));
        ov.push_str(&format!(
            "  - {{control: \"x-{}\", services: [Web], status: customer, justification: j}}\n",
            49_999 - i
        ));
    }
    let (_d, inv, ov) = setup(&ov);
    let catalog = fixture(&dir, "big.csv", catalog.as_bytes());
    let out = dir.path().join("m.csv");
    let o = run_bounded(&[
        "map",
        "-q",
        "-i",
        &inv,
        "-f",
        s(&catalog),
        "--overrides",
        &ov,
        "--format",
        "csv",
        "--out",
        s(&out),
    ]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    let csv = std::fs::read_to_string(&out).unwrap();
    let row = csv.lines().find(|l| l.contains(",X-7,") && l.contains(",web,")).expect("X-7 × web");
    assert!(row.contains(",customer,") && row.contains("override"), "{row}");
}

#[test]
fn more_than_a_thousand_pattern_overrides_are_refused_before_any_is_tried() {
    let mut text = String::from("overrides:\n");
    for i in 0..1_001 {
        text.push_str(&format!("  - {{control: \"PR.AA-0{}*\", status: customer, justification: j}}\n", i % 6));
    }
    let (_d, inv, ov) = setup(&text);
    let o = run_bounded(&["check", "-i", &inv, "--overrides", &ov]);
    assert_eq!(code(&o), 2, "a limit: {}", said(&o));
    assert!(
        said(&o).contains("overrides.yaml: 1001 overrides match controls by a pattern; at most 1000 may"),
        "{}",
        said(&o)
    );
    // A thousand are fine.
    let text = text.lines().take(1_001).collect::<Vec<_>>().join("\n") + "\n";
    let (_d, inv, ov) = setup(&text);
    assert_eq!(code(&run_bounded(&["check", "-i", &inv, "--overrides", &ov])), 0);
}
