//! Inventories as companies have them, and the CLI conventions CI users expect: a Windows-1252
//! CSV, a CMDB vendor string, an inference that changes the provider, typos in YAML keys,
//! `check --format json|sarif`, `-q` and `--strict`.

mod common;

use common::{code, fixture, map_json, run, s, said, stderr};

#[test]
fn a_windows_1252_csv_is_read_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let p =
        fixture(&dir, "de-ch.csv", b"Name;Provider;Product;Model\nZ\xFCrich File Server;Self;File server;on-prem\n");
    let o = run(&["map", "-i", s(&p), "-f", "soc2-2017"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("de-ch.csv:2:2: not UTF-8 (byte 0xFC): read as Windows-1252"), "{}", stderr(&o));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(m["services"][0]["name"], "Zürich File Server");
}

#[test]
fn cmdb_vendor_strings_and_provider_changing_inferences() {
    let dir = tempfile::tempdir().unwrap();
    let p = fixture(
        &dir,
        "cmdb.csv",
        b"Name,Vendor,Product\nVM,Amazon Web Services (AWS),Amazon EC2\nMail,Microsoft,Exchange\nFiles,Microsoft Corporation,SharePoint Online\n",
    );
    let m = map_json(&["-i", s(&p), "-f", "soc2-2017"]);
    let svc = |i: usize, k: &str| m["services"][i][k].as_str().unwrap_or("").to_string();
    assert_eq!((svc(0, "provider"), svc(0, "model")), ("aws".into(), "iaas".into()), "the CMDB spelling is AWS");
    assert_eq!(svc(2, "provider"), "microsoft", "a company suffix does not hide the provider");
    let o = run(&["check", "-i", s(&p), "-f", "soc2-2017"]);
    let out = said(&o);
    assert!(out.contains("cmdb.csv!C3: Mail: \"Exchange\" is not in the Microsoft"), "{out}");
    assert!(out.contains("matched Microsoft Exchange Server"), "the inference is named: {out}");
    let unknown = fixture(&dir, "unknown.csv", b"Name,Provider,Product\nX,Amazn,Quantum Ledger Thing\n");
    let o = run(&["check", "-i", s(&unknown)]);
    assert_eq!(code(&o), 1);
    assert!(said(&o).contains("provider \"Amazn\" is not a known provider"), "{}", said(&o));
}

#[test]
fn typos_in_yaml_inventory_keys_are_errors_with_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let p = fixture(
        &dir,
        "inv.yaml",
        b"services:\n  - name: A\n    provider: aws\n    product: EC2\n    data_clasification: Secret\n",
    );
    let o = run(&["check", "-i", s(&p)]);
    assert_eq!(code(&o), 2);
    assert!(
        said(&o).contains(
            "services[0].data_clasification: unknown key \"data_clasification\" (did you mean data_classification?)"
        ),
        "{}",
        said(&o)
    );
    // A field of the organization's own is kept, not refused.
    let q = fixture(
        &dir,
        "own.yaml",
        b"services:\n  - name: A\n    provider: aws\n    product: EC2\n    cost_center: 42\n",
    );
    assert_eq!(code(&run(&["check", "-i", s(&q)])), 0);
}

#[test]
fn check_speaks_json_and_sarif_is_quiet_with_q_and_strict_on_request() {
    let project = common::root().join("samples/respmatrix.yaml");
    let o = run(&["check", "--config", s(&project), "--format", "json"]);
    assert_eq!(code(&o), 0);
    let j: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(j["schema"], "respmatrix/check@1");
    assert_eq!(j["ok"], true);
    let d = &j["diagnostics"][0];
    assert_eq!(d["severity"], "warning");
    assert!(d["location"]["file"].as_str().unwrap().ends_with("overrides.yaml"));
    assert_eq!(d["location"]["row"], 63);

    let o = run(&["check", "--config", s(&project), "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let r = &sarif["runs"][0]["results"][0];
    assert_eq!(r["level"], "warning");
    assert_eq!(r["locations"][0]["physicalLocation"]["region"]["startLine"], 63);

    let quiet = run(&["check", "-q", "--config", s(&project)]);
    assert!(!said(&quiet).contains("warning:"), "-q prints no warnings: {}", said(&quiet));
    assert!(said(&quiet).starts_with("ok: "), "{}", said(&quiet));
    assert_eq!(
        code(&run(&["check", "--strict", "--config", s(&project)])),
        1,
        "--strict fails on the expired override's warning"
    );

    let missing = run(&["check", "-i", "no-such-inventory.csv"]);
    assert_eq!(code(&missing), 2);
    assert!(
        said(&missing).contains("error: no-such-inventory.csv: No such file"),
        "no stray colon: {}",
        said(&missing)
    );
}

#[test]
fn an_aws_config_export_is_read_by_its_own_headers() {
    let dir = tempfile::tempdir().unwrap();
    let p = fixture(
        &dir,
        "aws-config.csv",
        b"resourceId,resourceName,resourceType,awsRegion\ni-0abc,web-1,AWS::EC2::Instance,eu-central-1\ndb-orders,orders,AWS::RDS::DBInstance,eu-central-1\ntbl-1,sessions,AWS::DynamoDB::Table,eu-central-1\n",
    );
    let m = map_json(&["-i", s(&p), "-f", "soc2-2017"]);
    let got: Vec<(String, String)> = m["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| (x["id"].as_str().unwrap().to_string(), x["model"].as_str().unwrap().to_string()))
        .collect();
    assert_eq!(
        got,
        [("i-0abc".into(), "iaas".into()), ("db-orders".into(), "paas".into()), ("tbl-1".into(), "abstracted".into())]
    );
}

#[test]
fn a_group_header_row_above_the_real_header_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let rows: &[&[&str]] = &[
        &["Service", "Hosting", "", "Governance", ""],
        &["Service Name", "Provider", "Product", "Owner", "Data Classification"],
        &["Orders DB", "AWS", "Amazon RDS", "Platform", "Restricted"],
        &["Mail", "Microsoft", "Exchange Online", "IT", "Internal"],
    ];
    let p = fixture(&dir, "grouped.xlsx", &common::xlsx("Services", rows));
    let m = map_json(&["-i", s(&p), "-f", "soc2-2017"]);
    let names: Vec<&str> = m["services"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Orders DB", "Mail"], "the real header row is used, not the group row");
    assert_eq!(m["services"][0]["owner"], "Platform");
    assert_eq!(m["services"][1]["model"], "saas");
}

#[test]
fn columns_can_be_mapped_by_hand_and_verbose_says_how_the_inventory_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = fixture(
        &dir,
        "odd.csv",
        b"Asset,Cloud Vendor,Kind,Team,Region\nOrders DB,AWS,Amazon RDS,Platform,eu-central-1\n",
    );
    assert_eq!(code(&run(&["check", "-i", s(&p)])), 1, "the odd headers alone say nothing of the model");
    let o = run(&["check", "-v", "-i", s(&p), "--columns", "provider=Cloud Vendor,product=Kind,owner=Team"]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    let e = stderr(&o);
    assert!(e.contains("header row 1; columns: name ← A \"Asset\", provider ← B \"Cloud Vendor\", product ← C \"Kind\", owner ← D \"Team\"; ignored: E \"Region\""), "{e}");
    let project =
        fixture(&dir, "respmatrix.yaml", b"inventory: odd.csv\ncolumns: {provider: Cloud Vendor, product: Kind}\n");
    let m = map_json(&["--config", s(&project), "-f", "soc2-2017"]);
    assert_eq!(m["services"][0]["model"], "paas");
    let bad = run(&["check", "-i", s(&p), "--columns", "prodct=Kind"]);
    assert_eq!(code(&bad), 2);
    let said = format!("{}{}", said(&bad), stderr(&bad));
    assert!(said.contains("did you mean product?"), "{said}");
}

#[test]
fn an_unknown_framework_id_gets_a_suggestion() {
    let o = run(&["map", "-i", s(&common::root().join("samples/inventory.csv")), "-f", "soc2"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("did you mean soc2-2017?"), "{}", stderr(&o));
    let o = run(&["map", "-i", s(&common::root().join("samples/inventory.csv")), "-f", "iso-27001"]);
    assert!(stderr(&o).contains("did you mean iso-27001-2022?"), "{}", stderr(&o));
}

#[test]
fn a_misspelt_product_gets_the_catalog_name_as_a_suggestion() {
    let dir = tempfile::tempdir().unwrap();
    let p = fixture(
        &dir,
        "typos.csv",
        b"Name,Provider,Product\nOrders,AWS,Amazon DynamoBD\nWeb,,Azure App Servce\nBatch,AWS,Quantum Widget\n",
    );
    let o = run(&["check", "-i", s(&p), "-f", "soc2-2017"]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    let out = said(&o);
    assert!(
        out.contains("\"Amazon DynamoBD\" is not in the AWS product catalog (did you mean Amazon DynamoDB?)"),
        "{out}"
    );
    assert!(
        out.contains("\"Azure App Servce\" is not in any provider catalog (did you mean Azure App Service?)"),
        "{out}"
    );
    // Nothing close: no guess.
    let batch = out.lines().find(|l| l.contains("Quantum Widget")).unwrap();
    assert!(!batch.contains("did you mean"), "{batch}");
}

#[test]
fn a_servicenow_cmdb_export_is_read_by_its_own_headers_and_a_failing_row_shows_how_the_table_was_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = fixture(
        &dir,
        "cmdb_ci.csv",
        b"Name,Class,Manufacturer,Model ID,Operational status,Support group,Used for,Short description\n\
          web-prod-01,Cloud Service Account,Amazon Web Services (AWS),Amazon EC2,Operational,Platform Engineering,Production,Portal VMs\n\
          orders-db,Database Instance,Amazon Web Services (AWS),Amazon RDS for PostgreSQL,Operational,DBA,Production,\n\
          mail,Cloud Service,Microsoft Corporation,Exchange Online,Operational,IT Operations,Production,\n",
    );
    let m = map_json(&["-i", s(&p), "-f", "soc2-2017"]);
    let svc = |i: usize, k: &str| m["services"][i][k].as_str().unwrap_or("").to_string();
    assert_eq!(
        (svc(0, "provider"), svc(0, "service"), svc(0, "model")),
        ("aws".into(), "Amazon EC2".into(), "iaas".into())
    );
    assert_eq!((svc(1, "service"), svc(1, "model")), ("Amazon RDS".into(), "paas".into()));
    assert_eq!(svc(2, "provider"), "microsoft");
    assert_eq!((svc(1, "owner"), svc(1, "environment")), ("DBA".into(), "Production".into()));

    // A row nothing can place: the error, and beside it which column became which field.
    let bad = fixture(&dir, "bad.csv", b"Name,Class,Manufacturer,Model ID\nlegacy,Server,Dell Inc.,PowerEdge R740\n");
    let o = run(&["check", "-i", s(&bad), "-f", "soc2-2017"]);
    assert_eq!(code(&o), 1);
    let out = said(&o);
    assert!(out.contains("provider \"Dell Inc.\" is not a known provider"), "{out}");
    assert!(out.contains("provider ← C \"Manufacturer\", product ← D \"Model ID\""), "{out}");
    assert!(out.contains("ignored: B \"Class\""), "{out}");
}
