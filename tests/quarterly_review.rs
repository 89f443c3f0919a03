//! Quarterly review on the real binary: two quarters of the sample with realistic changes
//! (a service added, one out of scope, a layer override removed, an override expiring),
//! `diff` between them, reviewer input typed into the workbook (and saved by LibreOffice)
//! carried into the next quarter pair by pair, and never destroyed silently.

mod common;

use calamine::{Data, Range, Reader, Xlsx};
use common::{code, run, s, stderr, stdout};
use std::path::{Path, PathBuf};

const XLSX: &str = "responsibility-matrix.xlsx";

/// The sample as Q1, and Q2 with: billing-sql added, portal-cdn out of scope, web-frontend's
/// guest-os override removed, and an override expiring within 30 days of the Q2 date.
fn quarters(dir: &Path) -> (PathBuf, PathBuf) {
    for f in ["inventory.csv", "overrides.yaml"] {
        std::fs::copy(common::root().join("samples").join(f), dir.join(f)).unwrap();
    }
    let project = std::fs::read_to_string(common::root().join("samples/respmatrix.yaml")).unwrap();
    let q1 = project.replace("inventory: inventory.xlsx", "inventory: inventory.csv");
    std::fs::write(dir.join("q1.yaml"), &q1).unwrap();
    let q2 = q1
        .replace("inventory: inventory.csv", "inventory: inventory-q2.csv")
        .replace("overrides: overrides.yaml", "overrides: overrides-q2.yaml")
        .replace("report_date: 2026-11-30", "report_date: 2027-02-27");
    std::fs::write(dir.join("q2.yaml"), q2).unwrap();
    let mut rd = csv::Reader::from_path(dir.join("inventory.csv")).unwrap();
    let head = rd.headers().unwrap().clone();
    let col = |n: &str| head.iter().position(|h| h == n).unwrap();
    let mut w = csv::Writer::from_path(dir.join("inventory-q2.csv")).unwrap();
    w.write_record(&head).unwrap();
    for r in rd.records() {
        let mut r: Vec<String> = r.unwrap().iter().map(str::to_string).collect();
        if r[0] == "web-frontend" {
            r[col("Overrides")] = String::new();
        }
        if r[0] == "portal-cdn" {
            r[col("In Scope")] = "No".into();
        }
        w.write_record(&r).unwrap();
    }
    w.write_record([
        "billing-sql",
        "Billing SQL Database",
        "Azure",
        "Azure SQL Database",
        "",
        "Finance IT",
        "Production",
        "Restricted",
        "Yes",
        "",
        "New in Q2",
    ])
    .unwrap();
    w.flush().unwrap();
    let overrides = std::fs::read_to_string(dir.join("overrides.yaml")).unwrap();
    let extra = "\n  - id: q2-expiring\n    framework: soc2-2017\n    control: CC6.6\n    services: [portal-cdn, orders-db]\n    status: inherited\n    justification: Network boundary protection of the managed endpoint is covered by the AWS SOC 2 report (carve-out accepted by the auditor).\n    expires: 2027-03-15\n";
    std::fs::write(dir.join("overrides-q2.yaml"), format!("{overrides}{extra}")).unwrap();
    (dir.join("q1.yaml"), dir.join("q2.yaml"))
}

fn report(project: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["report", "--config", s(project), "--out", s(out)];
    args.extend_from_slice(extra);
    run(&args)
}

fn sheet(book: &Path, name: &str) -> Range<Data> {
    let mut wb: Xlsx<_> = calamine::open_workbook(book).unwrap();
    wb.worksheet_range(name).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn text(r: &Range<Data>, row: usize, col: usize) -> String {
    r.get((row, col)).map(|d| d.to_string()).unwrap_or_default()
}

/// The column of a header on the first row.
fn col(r: &Range<Data>, name: &str) -> usize {
    (0..r.width()).find(|&c| text(r, 0, c) == name).unwrap_or_else(|| panic!("no column {name}"))
}

/// The row (1-based data rows) of a control's responsibility listing a service.
fn find_row(r: &Range<Data>, control: &str, service_name: &str) -> usize {
    let (cc, sc) = (col(r, "Control ID"), col(r, "Service names"));
    (1..r.height())
        .find(|&i| text(r, i, cc) == control && text(r, i, sc).lines().any(|l| l == service_name))
        .unwrap_or_else(|| panic!("no row for {control} × {service_name}"))
}

#[test]
fn diff_names_every_change_between_two_quarters_by_key() {
    let tmp = tempfile::tempdir().unwrap();
    let (q1, q2) = quarters(tmp.path());
    let (a, b) = (tmp.path().join("Q1"), tmp.path().join("Q2"));
    assert_eq!(code(&report(&q1, &a, &[])), 0);
    let o = report(&q2, &b, &[]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("override q2-expiring expires on 2027-03-15, in 16 days"), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("service \"portal-cdn\" is out of scope in the inventory; the entry keeps its other services"),
        "{}",
        stderr(&o)
    );

    let o = run(&["diff", s(&a), s(&b), "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(d["schema"], "respmatrix/diff@1");
    let changes = d["changes"].as_array().unwrap();
    let has = |code: &str, svc: &str| changes.iter().any(|c| c["code"] == code && c["service"] == svc);
    assert!(has("service-added", "billing-sql"));
    assert!(has("service-out-of-scope", "portal-cdn"));
    assert!(has("layer-override-changed", "web-frontend"));
    assert!(has("toward-customer", "web-frontend"), "removing guest-os=provider gives the organization new work");
    assert!(changes.iter().any(|c| c["code"] == "override-added" && c["control"] == "CC6.6"));
    assert!(changes.iter().any(|c| c["code"] == "override-expiring" && c["control"] == "CC6.6"));
    assert!(has("toward-provider", "orders-db"), "the new CC6.6 override makes orders-db inherited");
    // Most important first: new work for the organization leads.
    assert_eq!(changes[0]["group"], "new-work");
    let groups: Vec<&str> = changes.iter().map(|c| c["group"].as_str().unwrap()).collect();
    let rank = |g: &str| ["new-work", "review", "less-work"].iter().position(|x| *x == g).unwrap();
    assert!(groups.windows(2).all(|w| rank(w[0]) <= rank(w[1])), "grouped by direction");
    // Nothing is keyed by position: an unchanged control for an unchanged service is not listed.
    assert!(!changes.iter().any(|c| c["service"] == "orders-db" && c["control"] == "GV.OC-01"));

    let text = run(&["diff", s(&a.join("matrix.json")), s(&b)]);
    assert!(stdout(&text).starts_with("Changes "), "{}", stdout(&text));
    assert!(stdout(&text).contains("New work for the organization"));
    let csv = run(&["diff", s(&a), s(&b), "--format", "csv"]);
    assert!(stdout(&csv).starts_with("code,group,framework,control,service,old,new,sentence\n"));
    let md = run(&["diff", s(&a), s(&b), "--format", "md"]);
    assert!(stdout(&md).contains("## New work for the organization"));

    let gate = run(&["diff", s(&a), s(&b), "--fail-on", "toward-customer,override-expired"]);
    assert_eq!(code(&gate), 1, "new work fails the gate");
    assert!(stderr(&gate).contains("toward-customer"), "{}", stderr(&gate));
    assert_eq!(code(&run(&["diff", s(&a), s(&b), "--fail-on", "override-expired"])), 0);
    let same = run(&["diff", s(&a), s(&a), "--fail-on", "any"]);
    assert_eq!(code(&same), 0, "a report compared with itself has no changes: {}", stdout(&same));
    let bad = run(&["diff", s(&a), s(&b), "--fail-on", "toward-custmer"]);
    assert_eq!(code(&bad), 2);
    assert!(stderr(&bad).contains("did you mean toward-customer?"), "{}", stderr(&bad));
    std::fs::write(tmp.path().join("broken.json"), "{\"schema\": \"respmatrix/matrix@1\", \"controls\": [").unwrap();
    let unreadable = run(&["diff", s(&tmp.path().join("broken.json")), s(&b)]);
    assert_eq!(code(&unreadable), 2);
    assert!(stderr(&unreadable).contains("broken.json:1:"), "{}", stderr(&unreadable));
}

#[test]
fn responsibility_ids_do_not_depend_on_inventory_order() {
    let tmp = tempfile::tempdir().unwrap();
    let (q1, _) = quarters(tmp.path());
    let a = common::map_json(&["--config", s(&q1)]);
    let text = std::fs::read_to_string(tmp.path().join("inventory.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[1..].reverse();
    std::fs::write(tmp.path().join("inventory.csv"), lines.join("\n") + "\n").unwrap();
    let b = common::map_json(&["--config", s(&q1)]);
    let ids = |m: &serde_json::Value| {
        let mut v: Vec<(String, String, String)> =
            m["controls"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|c| {
                    c["services"].as_array().unwrap().iter().map(move |x| {
                        (c["id"].to_string(), x["service"].to_string(), x["responsibility_id"].to_string())
                    })
                })
                .collect();
        v.sort();
        v
    };
    let (x, y) = (ids(&a), ids(&b));
    assert_eq!(x, y, "the same responsibilities keep their ids when the inventory is reordered");
    assert!(x.iter().all(|(_, _, id)| id.starts_with("\"R-")), "{:?}", &x[0]);
}

#[test]
fn reviews_typed_into_the_workbook_are_carried_flagged_or_orphaned_never_lost() {
    let tmp = tempfile::tempdir().unwrap();
    let (q1, q2) = quarters(tmp.path());
    let a = tmp.path().join("Q1");
    assert_eq!(code(&report(&q1, &a, &[])), 0);
    let r = sheet(&a.join(XLSX), "Customer Responsibilities");
    let (owner, status, notes) = (col(&r, "Owner"), col(&r, "Review status"), col(&r, "Reviewer notes"));
    // Three reviewed rows: one that stays as it is, one that gains a service and one whose
    // only service goes out of scope.
    let stays = find_row(&r, "PR.DS-11", "Clinical Document Store");
    let grows = find_row(&r, "GV.OC-01", "Orders DB");
    let gone = find_row(&r, "PR.IR-01", "Patient Portal CDN");
    assert_eq!(text(&r, gone, col(&r, "Services")), "1", "the CDN's own row for PR.IR-01");
    let edits = [
        (stays, owner, "Dana (Data Team)"),
        (stays, status, "Accepted"),
        (grows, owner, "Alex"),
        (grows, status, "Accepted"),
        (grows, notes, "Mission statement v3 reviewed"),
        (gone, status, "Evidence collected"),
        (gone, notes, "CDN asset list exported"),
    ];
    let typed = tmp.path().join("typed.xlsx");
    common::workbook::type_into(&a.join(XLSX), &typed, &edits);
    let mut book = typed.clone();
    if common::have("soffice", "libreoffice-calc-nogui") {
        // Saved by LibreOffice, as a reviewer would: another XLSX writer's layout.
        let lo = tmp.path().join("lo");
        let o = std::process::Command::new("soffice")
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                s(&lo),
                s(&typed),
            ])
            .env("HOME", tmp.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        book = lo.join("typed.xlsx");
    }
    std::fs::copy(&book, a.join(XLSX)).unwrap();

    // The reviewed folder is not overwritten without --previous or --force.
    let refused = report(&q2, &a, &[]);
    assert_eq!(code(&refused), 2);
    assert!(stderr(&refused).contains("holds reviewer input (7 filled cells"), "{}", stderr(&refused));
    let before = std::fs::read(a.join(XLSX)).unwrap();

    let b = tmp.path().join("Q2");
    let o = report(&q2, &b, &["--previous", s(&a)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("1 rows as they were, 1 set to \"Needs re-review\", 1 orphaned"), "{}", stderr(&o));
    assert_eq!(std::fs::read(a.join(XLSX)).unwrap(), before, "the previous report is only read");
    let n = sheet(&b.join(XLSX), "Customer Responsibilities");
    let changed = col(&n, "Changed since last review");
    let stays = find_row(&n, "PR.DS-11", "Clinical Document Store");
    assert_eq!(text(&n, stays, col(&n, "Owner")), "Dana (Data Team)");
    assert_eq!(text(&n, stays, col(&n, "Review status")), "Accepted");
    assert_eq!(text(&n, stays, changed), "");
    let grows = find_row(&n, "GV.OC-01", "Orders DB");
    assert_eq!(text(&n, grows, col(&n, "Owner")), "Alex");
    assert_eq!(text(&n, grows, col(&n, "Reviewer notes")), "Mission statement v3 reviewed");
    assert_eq!(text(&n, grows, col(&n, "Review status")), "Needs re-review");
    let why = text(&n, grows, changed);
    assert!(why.contains("new in this row, not reviewed before (Billing SQL Database)"), "{why}");
    assert!(why.contains("no longer here: portal-cdn (the service is now out of scope)"), "{why}");
    let orphans = sheet(&b.join(XLSX), "Orphaned reviews");
    let all: Vec<String> = (0..orphans.height())
        .map(|i| (0..orphans.width()).map(|c| text(&orphans, i, c)).collect::<Vec<_>>().join("|"))
        .collect();
    let hit = all.iter().find(|l| l.contains("PR.IR-01")).unwrap_or_else(|| panic!("{all:#?}"));
    assert!(
        hit.contains("portal-cdn: the service is now out of scope") && hit.contains("CDN asset list exported"),
        "{hit}"
    );
    let changes = sheet(&b.join(XLSX), "Changes since last report");
    assert!((0..changes.height()).any(|i| text(&changes, i, 0) == "service-added"));

    // The quarter after, the orphaned review is listed again, not lost with the sheet it was on.
    let q3 = tmp.path().join("Q3");
    let o = report(&q2, &q3, &["--previous", s(&b)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains(", 1 orphaned"), "{}", stderr(&o));
    let orphans = sheet(&q3.join(XLSX), "Orphaned reviews");
    let again = (0..orphans.height())
        .map(|i| (0..orphans.width()).map(|c| text(&orphans, i, c)).collect::<Vec<_>>().join("|"))
        .find(|l| l.contains("PR.IR-01"))
        .expect("the orphaned review is listed again");
    assert!(
        again.contains("CDN asset list exported") && again.contains("already orphaned in the previous report"),
        "{again}"
    );

    // The ledger carries the same reviews, and exports the same bytes twice.
    let l1 = run(&["reviews", "export", s(&a), "-o", s(&tmp.path().join("reviews.yaml"))]);
    assert_eq!(code(&l1), 0, "{}", stderr(&l1));
    let again = run(&["reviews", "export", s(&a.join(XLSX))]);
    assert_eq!(std::fs::read(tmp.path().join("reviews.yaml")).unwrap(), again.stdout);
    let c = tmp.path().join("Q2-ledger");
    let o = report(&q2, &c, &["--reviews", s(&tmp.path().join("reviews.yaml"))]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let m = sheet(&c.join(XLSX), "Customer Responsibilities");
    let grows = find_row(&m, "GV.OC-01", "Orders DB");
    assert_eq!(text(&m, grows, col(&m, "Review status")), "Needs re-review");

    // --force replaces the workbook but keeps the reviewed one beside it, byte for byte.
    let o = report(&q2, &a, &["--force"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::read(a.join("responsibility-matrix.previous.xlsx")).unwrap(), before);
}

#[test]
fn a_service_that_was_on_an_unreviewed_row_is_said_to_have_joined_the_reviewed_one() {
    let tmp = tempfile::tempdir().unwrap();
    let (q1, q2) = quarters(tmp.path());
    let a = tmp.path().join("Q1");
    assert_eq!(code(&report(&q1, &a, &[])), 0);
    let r = sheet(&a.join(XLSX), "Customer Responsibilities");
    // In Q1 the web tier's guest-os override gives it a PR.PS-05 row of its own, unreviewed;
    // in Q2 the override is gone and it shares the HL7 engine's row, which was reviewed.
    let hl7 = find_row(&r, "PR.PS-05", "HL7 Interface Engine");
    let web = find_row(&r, "PR.PS-05", "Patient Portal Web Tier");
    assert_ne!(hl7, web);
    let typed = tmp.path().join("typed.xlsx");
    common::workbook::type_into(&a.join(XLSX), &typed, &[(hl7, col(&r, "Review status"), "Accepted")]);
    std::fs::copy(&typed, a.join(XLSX)).unwrap();
    let b = tmp.path().join("Q2");
    let o = report(&q2, &b, &["--previous", s(&a)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let n = sheet(&b.join(XLSX), "Customer Responsibilities");
    let row = find_row(&n, "PR.PS-05", "HL7 Interface Engine");
    assert_eq!(row, find_row(&n, "PR.PS-05", "Patient Portal Web Tier"), "one row for both now");
    assert_eq!(text(&n, row, col(&n, "Review status")), "Needs re-review");
    let why = text(&n, row, col(&n, "Changed since last review"));
    assert_eq!(why, "joined this row, not reviewed before (Patient Portal Web Tier)");
}

#[test]
fn a_renamed_service_changes_what_its_statements_say_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let (q1, _) = quarters(tmp.path());
    let inventory = std::fs::read_to_string(tmp.path().join("inventory.csv")).unwrap();
    std::fs::write(tmp.path().join("renamed.csv"), inventory.replace(",Orders DB,", ",Orders Database,")).unwrap();
    let project = std::fs::read_to_string(&q1).unwrap().replace("inventory.csv", "renamed.csv");
    let renamed = tmp.path().join("renamed.yaml");
    std::fs::write(&renamed, project).unwrap();
    let (a, inline, b) = (tmp.path().join("Q1"), tmp.path().join("Q1-inline"), tmp.path().join("Q2"));
    assert_eq!(code(&report(&q1, &a, &[])), 0);
    assert_eq!(code(&report(&q1, &inline, &["--formats", "json", "--json-layout", "inline"])), 0);
    assert_eq!(code(&report(&renamed, &b, &["--formats", "json"])), 0);
    let changes = |old: &Path| {
        let o = run(&["diff", s(old), s(&b), "--format", "json"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let d: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        d["changes"].as_array().unwrap().clone()
    };
    let found = changes(&a);
    assert!(!found.is_empty());
    for c in &found {
        assert_eq!((c["code"].as_str(), c["service"].as_str()), (Some("statement-changed"), Some("orders-db")), "{c}");
        let (old, new) = (c["old"].as_str().unwrap(), c["new"].as_str().unwrap());
        assert!(old.contains("Orders DB") && new.contains("Orders Database"), "{c}");
        assert_eq!(old.replace("Orders DB", "Orders Database"), new, "only the name differs: {c}");
    }
    assert_eq!(found, changes(&inline), "the same changes from matrix@1 and matrix@2");
    // The new matrix in memory against the previous matrix.json: the same count.
    let carried = tmp.path().join("Q2-carried");
    let o = report(&renamed, &carried, &["--previous", s(&a)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("; {} changes since the previous matrix", found.len())), "{}", stderr(&o));
}

#[test]
fn a_renamed_catalog_file_is_paired_with_its_old_self_by_control_ids() {
    // The same catalog under a new file name (its id follows the name): diff pairs the two by
    // their common control ids instead of reporting every control removed and added.
    let dir = tempfile::tempdir().unwrap();
    let inv = common::root().join("samples/inventory.csv");
    let rows = "ID,Title,Maps To\nACME-1,Backups,CP-9\nACME-2,Badges,PE-3\n";
    let (a, b) = (dir.path().join("acme.csv"), dir.path().join("acme-v2.csv"));
    std::fs::write(&a, rows).unwrap();
    std::fs::write(&b, rows).unwrap();
    let (q1, q2) = (dir.path().join("Q1"), dir.path().join("Q2"));
    for (cat, out) in [(&a, &q1), (&b, &q2)] {
        let o = run(&["report", "-q", "-i", s(&inv), "-f", s(cat), "--formats", "json", "--out", s(out)]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    let o = run(&["diff", s(&q1), s(&q2)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let said = stdout(&o);
    assert!(
        said.contains("framework acme was paired with acme-v2 by their common control ids (2 in common)"),
        "{said}"
    );
    assert!(said.contains("no changes; 50 of 50 cells present in both unchanged"), "{said}");
}

#[test]
fn statement_of_applicability_reviews_are_carried_exported_and_guarded() {
    let tmp = tempfile::tempdir().unwrap();
    let (q1, _) = quarters(tmp.path());
    let a = tmp.path().join("Q1");
    assert_eq!(code(&report(&q1, &a, &[])), 0);
    const SOA: &str = "SoA iso-27017-2015";
    let find = |r: &Range<Data>| (1..r.height()).find(|&i| text(r, i, col(r, "Control id")) == "A.5.1.1").unwrap();
    let r = sheet(&a.join(XLSX), SOA);
    let (row, status, reviewer, notes) =
        (find(&r), col(&r, "Implementation status"), col(&r, "Reviewer"), col(&r, "Reviewer notes"));
    let typed = tmp.path().join("typed.xlsx");
    let edits = [(row, status, "Implemented"), (row, reviewer, "Kim"), (row, notes, "Policy v4 approved")];
    common::workbook::type_into_sheet(&a.join(XLSX), &typed, SOA, &edits);
    std::fs::copy(&typed, a.join(XLSX)).unwrap();
    let reviewed = |book: &Path| {
        let r = sheet(book, SOA);
        let row = find(&r);
        ["Implementation status", "Reviewer", "Reviewer notes"].map(|h| text(&r, row, col(&r, h)))
    };
    let want = ["Implemented", "Kim", "Policy v4 approved"].map(str::to_string);

    // What reviewers typed in the SoA counts as reviewer input: the folder is not replaced unasked.
    let refused = report(&q1, &a, &[]);
    assert_eq!(code(&refused), 2);
    assert!(stderr(&refused).contains("holds reviewer input (3 filled cells"), "{}", stderr(&refused));
    // Carried into the next report's SoA, and kept in the ledger.
    let b = tmp.path().join("Q2");
    let o = report(&q1, &b, &["--previous", s(&a)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(reviewed(&b.join(XLSX)), want);
    let ledger = tmp.path().join("reviews.yaml");
    let o = run(&["reviews", "export", s(&a), "-o", s(&ledger)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let text_of = std::fs::read_to_string(&ledger).unwrap();
    assert!(text_of.contains("soa:") && text_of.contains("Policy v4 approved"), "{text_of}");
    let c = tmp.path().join("Q2-ledger");
    let o = report(&q1, &c, &["--reviews", s(&ledger)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(reviewed(&c.join(XLSX)), want);
    // Without ISO/IEC 27017 in the report, the review is orphaned, not dropped.
    let project = std::fs::read_to_string(&q1).unwrap();
    let without = project.replace("iso-27017-2015, ", "");
    assert_ne!(without, project);
    let q1b = tmp.path().join("q1-no-iso.yaml");
    std::fs::write(&q1b, without).unwrap();
    let d = tmp.path().join("Q2-no-iso");
    let o = report(&q1b, &d, &["--previous", s(&a)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let orphans = sheet(&d.join(XLSX), "Orphaned reviews");
    let hit = (0..orphans.height())
        .map(|i| (0..orphans.width()).map(|c| text(&orphans, i, c)).collect::<Vec<_>>().join("|"))
        .find(|l| l.contains("A.5.1.1"))
        .unwrap_or_else(|| panic!("the SoA review is listed as orphaned"));
    assert!(hit.contains("Policy v4 approved") && hit.contains("Statement of Applicability"), "{hit}");
}
