//! `respmatrix package` and `verify` on the sample: the bag validates with the Python `bagit`
//! package and with `sha256sum -c`; a changed byte, a removed file and an added file are each
//! caught by `verify` (exit 1, the file named); two runs give the same folder bytes and the
//! same zip; evidence findings, request ids, the Statement of Applicability and the index say
//! what an assessor needs.

mod common;
mod package_support;
use common::*;
use package_support::*;
use std::path::Path;
use std::process::Command;

#[test]
fn the_bag_validates_with_python_bagit_and_sha256sum_and_verify_names_each_change() {
    let dir = tempfile::tempdir().unwrap();
    let bag = dir.path().join("northwind-2026");
    let o = package(&bag, &["--zip"]);
    let err = stderr(&o);
    assert!(err.contains("evidence EV-RESTORE-TEST: expired"), "{err}");
    assert!(err.contains("evidence ATT-microsoft-1: outside-period"), "{err}");
    if let Some(python) = bagit_python() {
        let v = Command::new(python).args(["-m", "bagit", "--validate", s(&bag)]).output().unwrap();
        assert!(v.status.success(), "bagit --validate: {}", stderr(&v));
    }
    if have("sha256sum", "coreutils") {
        for m in ["manifest-sha256.txt", "tagmanifest-sha256.txt"] {
            let v = Command::new("sha256sum").args(["-c", "--quiet", m]).current_dir(&bag).output().unwrap();
            assert!(v.status.success(), "sha256sum -c {m}: {}", stdout(&v));
        }
    }
    let ok = verify(&bag);
    assert_eq!(code(&ok), 0, "{}", stdout(&ok));
    assert!(stdout(&ok).contains("sha256sum -c manifest-sha256.txt"), "{}", stdout(&ok));
    let zip = dir.path().join("northwind-2026.zip");
    assert_eq!(code(&verify(&zip)), 0, "{}", stdout(&verify(&zip)));

    // One byte changed in an evidence file.
    let evidence = bag.join("data/evidence/EV-ACCESS-Q3_orders-db-access-review-2026-q3.csv");
    let mut bytes = std::fs::read(&evidence).unwrap();
    bytes[0] ^= 1;
    std::fs::write(&evidence, &bytes).unwrap();
    let v = verify(&bag);
    assert_eq!(code(&v), 1, "{}", stdout(&v));
    assert!(
        stdout(&v).contains("altered: data/evidence/EV-ACCESS-Q3_orders-db-access-review-2026-q3.csv"),
        "{}",
        stdout(&v)
    );
    bytes[0] ^= 1;
    std::fs::write(&evidence, &bytes).unwrap();

    // A file removed.
    let removed = bag.join("data/request-list.csv");
    let kept = std::fs::read(&removed).unwrap();
    std::fs::remove_file(&removed).unwrap();
    let v = verify(&bag);
    assert_eq!(code(&v), 1);
    assert!(stdout(&v).contains("missing: data/request-list.csv"), "{}", stdout(&v));
    std::fs::write(&removed, kept).unwrap();

    // A file added.
    std::fs::write(bag.join("data/evidence/late-addition.pdf"), b"%PDF-1.7").unwrap();
    let v = verify(&bag);
    assert_eq!(code(&v), 1);
    assert!(stdout(&v).contains("extra: data/evidence/late-addition.pdf"), "{}", stdout(&v));
    std::fs::remove_file(bag.join("data/evidence/late-addition.pdf")).unwrap();
    assert_eq!(code(&verify(&bag)), 0);

    // Not a bag, not a zip, not there: unreadable.
    assert_eq!(code(&verify(&bag.join("data"))), 2);
    assert_eq!(code(&verify(&bag.join("bagit.txt"))), 2);
    assert_eq!(code(&verify(&dir.path().join("nothing-here"))), 2);
}

#[test]
fn two_runs_give_the_same_folder_bytes_and_the_same_zip_from_any_working_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("one/pkg"), dir.path().join("two/pkg"));
    std::fs::create_dir_all(a.parent().unwrap()).unwrap();
    std::fs::create_dir_all(b.parent().unwrap()).unwrap();
    let first = package_in(&root(), "samples/", &a, &["--zip"]);
    assert_eq!(code(&first), 0, "{}", stderr(&first));
    let second = package_in(&root().join("samples"), "", &b, &["--zip"]);
    assert_eq!(code(&second), 0, "{}", stderr(&second));
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.iter().map(|(p, _)| p).collect::<Vec<_>>(), tb.iter().map(|(p, _)| p).collect::<Vec<_>>());
    for ((p, x), (_, y)) in ta.iter().zip(&tb) {
        assert!(x == y, "{p} differs between runs");
    }
    let (za, zb) = (std::fs::read(a.with_extension("zip")).unwrap(), std::fs::read(b.with_extension("zip")).unwrap());
    assert!(za == zb, "the zips differ");
    let manifest = std::fs::read_to_string(a.join("data/evidence-manifest.json")).unwrap();
    assert!(!manifest.contains("samples/") && !manifest.contains(s(&root())), "paths as typed in the manifest");
    // Writing again over the previous bag replaces it whole.
    package(&a, &[]);
    assert!(tree(&a) == ta, "a rebuild over the previous bag changed it");
}

#[test]
fn the_index_request_list_and_soa_lead_from_a_control_to_its_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let bag = dir.path().join("pkg");
    package(&bag, &["--evidence-dir", s(&root().join("samples/evidence")), "--due", "2026-12-15"]);
    let read = |p: &str| std::fs::read_to_string(bag.join("data").join(p)).unwrap();

    let manifest: serde_json::Value = serde_json::from_str(&read("evidence-manifest.json")).unwrap();
    assert_eq!(manifest["schema"], "respmatrix/evidence-manifest@1");
    let items = manifest["evidence"].as_array().unwrap();
    let access = items.iter().find(|e| e["id"] == "EV-ACCESS-Q3").unwrap();
    let file = std::fs::read(root().join("samples/evidence/orders-db-access-review-2026-q3.csv")).unwrap();
    assert_eq!(access["sha256"], respmatrix::report::sha256_hex(&file));
    assert_eq!(access["size"], file.len());
    assert_eq!(access["media_type"], "text/csv");
    assert!(access["controls"].as_array().unwrap().iter().any(|c| c == "soc2-2017 CC6.2"), "{access}");
    let aws = items.iter().find(|e| e["id"] == "ATT-aws-1").unwrap();
    assert_eq!(aws["attestation"]["kind"], "soc2-type2");
    assert!(aws["cells"].as_u64().unwrap() > 0 && aws["findings"].as_array().unwrap().is_empty(), "{aws}");
    // Nothing in --evidence-dir is left out, and the evidence file itself is no evidence.
    assert!(items.iter().all(|e| e["reference"] != "evidence.yaml"));
    // A bag written inside --evidence-dir does not swallow its previous self.
    let evidence = dir.path().join("evidence");
    std::fs::create_dir(&evidence).unwrap();
    std::fs::write(evidence.join("minutes.txt"), "ISMS review minutes").unwrap();
    let inner = evidence.join("pkg");
    for _ in 0..2 {
        package(&inner, &["--evidence-dir", s(&evidence), "--zip"]);
    }
    let inner_manifest = std::fs::read_to_string(inner.join("data/evidence-manifest.csv")).unwrap();
    assert!(inner_manifest.contains("minutes.txt") && !inner_manifest.contains("bagit.txt"), "{inner_manifest}");
    assert!(!inner_manifest.contains("pkg.zip"), "{inner_manifest}");

    let text = read("request-list.csv");
    let mut requests = csv::Reader::from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = requests.records().map(|r| r.unwrap()).collect();
    let cc62 = rows.iter().find(|r| &r[2] == "soc2-2017" && &r[3] == "CC6.2" && r[4].contains("orders-db")).unwrap();
    assert!(
        cc62[11].contains("EV-ACCESS-Q3") && &cc62[10] == "evidence-linked" && &cc62[9] == "2026-12-15",
        "{cc62:?}"
    );
    assert!(!cc62[7].is_empty() && cc62[0].starts_with("REQ-"), "{cc62:?}");
    let att =
        rows.iter().find(|r| &r[1] == "provider-attestation" && &r[2] == "soc2-2017" && r[4].contains("orders-db"));
    let att = att.expect("an attestation row for the AWS services");
    assert!(att[7].contains("soc2-type2 AWS SOC 2 Type II, Fall 2026") && att[11].contains("ATT-aws-1"), "{att:?}");
    let ids: std::collections::BTreeSet<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids.len(), rows.len(), "request ids repeat");

    let text = read("statement-of-applicability-iso-27017-2015.csv");
    let mut soa = csv::Reader::from_reader(text.as_bytes());
    let soa: Vec<csv::StringRecord> = soa.records().map(|r| r.unwrap()).collect();
    assert_eq!(soa.len(), 121, "every ISO/IEC 27017 control");
    let zone = soa.iter().find(|r| &r[1] == "A.11.1.6").unwrap();
    assert!(zone[3].starts_with("Yes (not for 1") && zone[4].contains("zurich-no-loading-zone"), "{zone:?}");
    let restore = soa.iter().find(|r| &r[1] == "A.12.3.1").unwrap();
    assert!(restore[11].contains("EV-RESTORE-TEST") && restore[12].is_empty(), "{restore:?}");
    assert!(!bag.join("data/statement-of-applicability-soc2-2017.csv").exists());

    let html = read("index.html");
    let row = html.lines().find(|l| l.contains("id=\"c-soc2-2017-CC6.2\"")).expect("a row for CC6.2");
    assert!(row.contains(&format!("href=\"#{}\"", &cc62[0])), "{row}");
    assert!(row.contains("href=\"evidence/EV-ACCESS-Q3_orders-db-access-review-2026-q3.csv\""), "{row}");
    assert!(read("README.md").contains("sha256sum -c manifest-sha256.txt"));
}

#[test]
fn evidence_problems_are_findings_and_bad_files_are_refused_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let ev = fixture(
        &dir,
        "evidence.yaml",
        b"evidence:\n  - id: EV-GONE\n    file: not-there.pdf\n    collected: 2025-06-01\n    serves: [{framework: soc2-2017, control: CC6.1}]\n  \
          - id: EV-TYPO\n    file: https://intranet.example/policy\n    serves: [{control: ZZ.99}]\n  \
          - id: EV-SPELL\n    file: https://intranet.example/mfa\n    serves: [{framework: soc2-2017, control: cc06.01}]\n",
    );
    let bag = dir.path().join("pkg");
    let cfg = root().join("samples/package.yaml");
    let o = rm(&["package", "-c", s(&cfg), "--evidence", s(&ev), "-o", s(&bag)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("evidence.yaml:2:1: evidence[0]: evidence EV-GONE: missing"), "{err}");
    assert!(err.contains("EV-GONE: outside-period: collected 2025-06-01"), "{err}");
    assert!(err.contains("EV-TYPO: serves-nothing") && err.contains("EV-TYPO: not-packaged"), "{err}");
    assert!(!err.contains("EV-SPELL: serves-nothing"), "a control id in another spelling matched nothing: {err}");
    let manifest = std::fs::read_to_string(bag.join("data/evidence-manifest.json")).unwrap();
    assert!(manifest.contains("\"kind\": \"missing\""), "{manifest}");

    // A strict file: an unknown key or a bad date fails the run and writes nothing.
    let fresh = dir.path().join("fresh");
    for (text, want) in [
        ("evidence:\n  - id: X\n    file: a.pdf\n    serve: []\n", "serve"),
        (
            "evidence:\n  - id: X\n    file: a.pdf\n    valid_until: soon\n    serves: [{service: email}]\n",
            "valid_until",
        ),
    ] {
        let bad = fixture(&dir, "bad.yaml", text.as_bytes());
        let o = rm(&["package", "-c", s(&cfg), "--evidence", s(&bad), "-o", s(&fresh)]);
        assert!(matches!(code(&o), 1 | 2), "{}", stderr(&o));
        assert!(stderr(&o).contains("bad.yaml") && stderr(&o).contains(want), "{}", stderr(&o));
        assert!(!fresh.exists());
    }

    // Attestations are checked like the rest of the project file.
    let inventory = root().join("samples/inventory.xlsx");
    let project = format!(
        "report_date: 2026-11-30\ninventory: {}\nattestations:\n  aws:\n    - {{kind: soc3, id: x}}\n    \
         - {{kind: soc2-type2, id: y, period: last year}}\n",
        s(&inventory)
    );
    let bad = fixture(&dir, "project.yaml", project.as_bytes());
    let o = rm(&["package", "-c", s(&bad), "-o", s(&fresh)]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    assert!(stderr(&o).contains("project.yaml:4:1: attestations.aws[0].kind: unknown kind \"soc3\""), "{}", stderr(&o));
    assert!(stderr(&o).contains("attestations.aws[1].period: expected two dates"), "{}", stderr(&o));

    // A folder that is not a bag is never replaced.
    let mine = dir.path().join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "keep").unwrap();
    let o = rm(&["package", "-c", s(&cfg), "-o", s(&mine)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(mine.join("notes.txt")).unwrap(), "keep");
}

#[test]
fn the_inventory_evidence_column_is_packaged_but_never_a_file_outside_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("inv/cfg")).unwrap();
    std::fs::write(dir.path().join("secret.txt"), "TOPSECRET").unwrap();
    std::fs::write(dir.path().join("inv/cfg/orders-db-parameters.txt"), "rds.force_ssl = 1\n").unwrap();
    let inventory = fixture(
        &dir,
        "inv/inventory.csv",
        "Service,Cloud Provider,Provider Service,Service Model,Owner,Evidence\n\
         Orders DB,AWS,Amazon RDS,paas,Platform Engineering,\"cfg/orders-db-parameters.txt; ../secret.txt; https://wiki.example/rds\"\n\
         Email,Microsoft 365,Exchange Online,saas,IT Operations,\n"
            .as_bytes(),
    );
    let bag = dir.path().join("pkg");
    let o = rm(&["package", "-i", s(&inventory), "--date", "2026-11-30", "-f", "soc2-2017", "-o", s(&bag)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("evidence INV-orders-db-2: missing") && err.contains("lies outside the folder"), "{err}");
    assert!(err.contains("evidence INV-orders-db-3: not-packaged"), "{err}");
    let all: Vec<u8> = tree(&bag).into_iter().flat_map(|(_, b)| b).collect();
    assert!(!all.windows(9).any(|w| w == b"TOPSECRET"), "a file outside the inventory's folder was packaged");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(bag.join("data/evidence-manifest.json")).unwrap()).unwrap();
    let first = &manifest["evidence"].as_array().unwrap()[0];
    assert_eq!(first["id"], "INV-orders-db-1");
    assert_eq!(first["path"], "data/evidence/INV-orders-db-1_orders-db-parameters.txt");
    assert!(first["controls"].as_array().unwrap().iter().any(|c| c == "soc2-2017 CC6.1"), "{first}");
    // Without a report date there is no package (it is the bag's date and the zip's timestamps).
    let undated = Command::new(bin())
        .args(["package", "-i", s(&inventory), "-o", s(&dir.path().join("undated"))])
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert_eq!(code(&undated), 2, "{}", stderr(&undated));
    assert!(stderr(&undated).contains("needs a report date") && !dir.path().join("undated").exists());
    // No attestations are listed: the request list says what to collect from each provider.
    let requests = std::fs::read_to_string(bag.join("data/request-list.csv")).unwrap();
    assert!(requests.contains("No attestation of Amazon Web Services is listed"), "{requests}");
}

#[test]
fn request_ids_do_not_depend_on_the_inventory_order() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("samples/inventory.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    let reversed = fixture(&dir, "reversed.csv", format!("{header}\n{}\n", lines.join("\n")).as_bytes());
    let ids = |inventory: &Path, out: &str| -> std::collections::BTreeSet<String> {
        let bag = dir.path().join(out);
        let o = rm(&["package", "-i", s(inventory), "-f", "soc2-2017", "--date", "2026-11-30", "-o", s(&bag)]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        let text = std::fs::read_to_string(bag.join("data/request-list.csv")).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        r.records().map(|row| row.unwrap()[0].to_string()).collect()
    };
    let (a, b) = (ids(&root().join("samples/inventory.csv"), "a"), ids(&reversed, "b"));
    assert!(a.len() > 100, "{}", a.len());
    assert_eq!(a, b, "request ids changed with the order of the inventory's rows");
}

#[test]
fn the_bag_carries_matrix_at_1_unless_the_compact_layout_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let find = |bag: &Path| {
        let files = tree(bag);
        let (_, json) = files.iter().find(|(p, _)| p.ends_with("matrix.json")).expect("matrix.json in the bag").clone();
        let index = files.iter().find(|(p, _)| p.ends_with("index.html")).expect("index.html").1.clone();
        let doc: serde_json::Value = serde_json::from_slice(&json).unwrap();
        (doc["schema"].as_str().unwrap().to_string(), String::from_utf8(index).unwrap(), json.len())
    };
    let (inline, compact) = (dir.path().join("inline"), dir.path().join("compact"));
    package(&inline, &[]);
    package(&compact, &["--json-layout", "compact"]);
    let (schema, index, inline_len) = find(&inline);
    assert_eq!(schema, "respmatrix/matrix@1");
    assert!(index.contains("respmatrix/matrix@1"), "the index names the bag's schema");
    let (schema, index, compact_len) = find(&compact);
    assert_eq!(schema, "respmatrix/matrix@2");
    assert!(index.contains("respmatrix/matrix@2") && !index.contains("matrix@1)"), "the index names @2");
    assert!(compact_len * 3 < inline_len, "compact {compact_len} bytes against inline {inline_len}");
    let v = verify(&compact);
    assert_eq!(code(&v), 0, "{}", stderr(&v));
}

#[test]
fn a_project_file_with_many_providers_is_read_in_bounded_time() {
    // 60,000 providers' attestations, each placed at its key: once a search of the file per
    // provider (quadratic, 39 s in a release build), now one pass.
    let dir = tempfile::tempdir().unwrap();
    let mut project = format!("inventory: {}\nattestations:\n", s(&root().join("samples/inventory.csv")));
    for i in 0..60_000 {
        project.push_str(&format!("  p{i}: [{{kind: soc2-type2, id: x, period: \"2025-10-01 to 2026-09-30\"}}]\n"));
    }
    let path = fixture(&dir, "project.yaml", project.as_bytes());
    let o = run_bounded(&["check", "--config", s(&path)]);
    assert_eq!(code(&o), 0, "{}", said(&o));
}
