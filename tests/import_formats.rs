//! Inventories in every format and spelling give the same services; bad files give placed
//! errors and the right exit code, never a panic.

mod common;
use common::*;

const HEADER_CASE: &str =
    "Name,Provider,Service,Model\nOrders DB,AWS,Amazon RDS,\nWeb,AWS,EC2,IaaS\nHQ servers,On-prem,,\n";

fn services(m: &serde_json::Value) -> Vec<(String, String, String)> {
    m["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().into(),
                s["model"].as_str().unwrap().into(),
                s["model_source"].as_str().unwrap().into(),
            )
        })
        .collect()
}

fn expected() -> Vec<(String, String, String)> {
    vec![
        ("orders-db".into(), "paas".into(), "inferred".into()),
        ("web".into(), "iaas".into(), "given".into()),
        ("hq-servers".into(), "on-prem".into(), "inferred".into()),
    ]
}

#[test]
fn csv_comma_semicolon_bom_crlf_and_title_block_all_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("plain.csv", HEADER_CASE.as_bytes().to_vec()),
        ("semi.csv", HEADER_CASE.replace(',', ";").into_bytes()),
        ("bom-crlf.csv", [b"\xEF\xBB\xBF".to_vec(), HEADER_CASE.replace('\n', "\r\n").into_bytes()].concat()),
        ("title.csv", format!("Northwind inventory,,,\nAs of Q3,,,\n,,,\n{HEADER_CASE}\n,,,\n").into_bytes()),
        (
            "reordered.csv",
            b"Delivery Model;Product;CSP;Service Name;Cost centre\n;Amazon Relational Database Service;Amazon Web Services;Orders DB;1200\nInfrastructure as a Service;AWS EC2;aws;Web;\n;;Own datacenter;HQ servers;\n".to_vec(),
        ),
    ];
    for (name, bytes) in variants {
        let p = fixture(&dir, name, &bytes);
        let m = map_json(&["-i", s(&p), "-f", "soc2-2017"]);
        assert_eq!(services(&m), expected(), "{name}");
    }
}

#[test]
fn xlsx_the_first_sheet_with_a_header_or_the_named_one() {
    let dir = tempfile::tempdir().unwrap();
    let rows: &[&[&str]] = &[
        &["Service inventory"],
        &[],
        &["Service ID", "Service", "CSP", "Type", "Notes"],
        &["orders-db", "Orders DB", "AWS", "", "RDS Postgres"],
    ];
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("Cover").unwrap().write_string(0, 0, "Read me").unwrap();
    let ws = wb.add_worksheet().set_name("Services").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *v).unwrap();
        }
    }
    let p = fixture(&dir, "inv.xlsx", &wb.save_to_buffer().unwrap());
    // No model and no product: the provider alone says nothing; the error names sheet and cell.
    let o = run(&["check", "-i", s(&p), "--sheet", "Services"]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    assert!(said(&o).contains("inv.xlsx[Services]!D4: no service model for Orders DB"), "{}", said(&o));
    // Without --sheet, the first sheet with a header is read: the cover sheet has none.
    let o = run(&["check", "-i", s(&p)]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    assert!(said(&o).contains("inv.xlsx[Services]!D4: no service model for Orders DB"), "{}", said(&o));
    // No sheet has one: the first sheet's error, naming the others.
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().set_name("Cover").unwrap().write_string(0, 0, "Read me").unwrap();
    wb.add_worksheet().set_name("Notes").unwrap().write_string(1, 1, "Owner: IT").unwrap();
    let p = fixture(&dir, "none.xlsx", &wb.save_to_buffer().unwrap());
    let o = run(&["check", "-i", s(&p)]);
    assert_eq!(code(&o), 2);
    let want = "none.xlsx[Cover]: no header row found";
    assert!(
        said(&o).contains(want) && said(&o).contains("(sheets: Cover, Notes; --sheet NAME reads one)"),
        "{}",
        said(&o)
    );

    let good = fixture(
        &dir,
        "good.xlsx",
        &xlsx(
            "Inventory",
            &[
                &["Title"],
                &[],
                &["Name", "Provider", "Service", "Model"],
                &["Orders DB", "AWS", "Amazon RDS", ""],
                &["Web", "AWS", "EC2", "IaaS"],
                &["HQ servers", "On-prem", "", ""],
            ],
        ),
    );
    assert_eq!(services(&map_json(&["-i", s(&good), "-f", "soc2-2017"])), expected());
}

#[test]
fn yaml_and_json_inventories() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = "organization: Northwind\nservices:\n  - name: Orders DB\n    provider: AWS\n    service: Amazon RDS\n  - name: Web\n    provider: AWS\n    service: EC2\n    model: IaaS\n  - name: HQ servers\n    provider: On-prem\n";
    let p = fixture(&dir, "inv.yaml", yaml.as_bytes());
    assert_eq!(services(&map_json(&["-i", s(&p), "-f", "soc2-2017"])), expected());
    let json = r#"[{"Service Name":"Orders DB","Cloud Provider":"AWS","Product":"RDS"},{"name":"Web","provider":"AWS","service":"EC2","model":"IaaS"},{"name":"HQ servers","provider":"On-prem"}]"#;
    let p = fixture(&dir, "inv.json", json.as_bytes());
    assert_eq!(services(&map_json(&["-i", s(&p), "-f", "soc2-2017"])), expected());
}

#[test]
fn out_of_scope_rows_are_left_out_of_statuses_and_counts() {
    let dir = tempfile::tempdir().unwrap();
    let p =
        fixture(&dir, "inv.csv", b"Name,Provider,Service,In Scope\nOrders DB,AWS,RDS,yes\nOld sandbox,AWS,EC2,No\n");
    let m = map_json(&["-i", s(&p), "-f", "soc2-2017"]);
    assert_eq!(m["services"].as_array().unwrap().len(), 1);
    assert_eq!(m["excluded_services"][0]["id"], "old-sandbox");
    for c in m["controls"].as_array().unwrap() {
        let counts = &c["counts"];
        let total: u64 =
            ["inherited", "shared", "customer", "not-applicable"].iter().map(|k| counts[k].as_u64().unwrap()).sum();
        assert_eq!(total, 1);
    }
}

/// (file name, content, exit code, text the output must contain)
fn bad_files() -> Vec<(&'static str, Vec<u8>, i32, &'static str)> {
    vec![
        ("wrong-model.csv", b"Name,Model\nOrders DB,PaaZ\nWeb,Cloud-ish\n".to_vec(), 1, "wrong-model.csv!B2: unknown service model \"PaaZ\" (expected one of on-prem, iaas, containers, paas, serverless, abstracted, saas; did you mean paas?)"),
        ("dup.csv", b"Service ID,Name,Model\nweb,Web,IaaS\nweb,Web 2,IaaS\n".to_vec(), 1, "dup.csv!A3: duplicate service id \"web\" (first used at A2)"),
        ("noname.csv", b"Provider,Model\nAWS,IaaS\n".to_vec(), 2, "noname.csv: no header row found in the first 30 rows"),
        ("empty.csv", Vec::new(), 2, "empty.csv: the file is empty"),
        ("header-only.csv", b"Name,Provider,Model\n".to_vec(), 1, "header-only.csv: no services"),
        ("utf16.csv", b"\xFF\xFEN\x00a\x00m\x00e\x00\n\x00".to_vec(), 2, "utf16.csv:1:1: not valid UTF-8"),
        ("fake.xlsx", b"Name,Model\nWeb,IaaS\n".to_vec(), 2, "fake.xlsx: not a readable spreadsheet"),
        ("broken.yaml", b"services:\n  - name: Web\n    model: [IaaS\n".to_vec(), 2, "broken.yaml:4:1: did not find expected ','"),
        ("broken.json", b"[{\"name\": \"Web\", \"model\": \"IaaS\"}\n".to_vec(), 2, "broken.json:2:"),
        ("scalar.yaml", b"just text\n".to_vec(), 2, "scalar.yaml: expected a list of services"),
        ("bad-scope.csv", b"Name,Model,In Scope\nWeb,IaaS,perhaps\n".to_vec(), 1, "bad-scope.csv!C2: in-scope value \"perhaps\""),
        ("bad-layer.csv", b"Name,Model,Overrides\nWeb,IaaS,kernel=provider\n".to_vec(), 1, "bad-layer.csv!C2: unknown layer \"kernel\""),
    ]
}

#[test]
fn malformed_inventories_get_placed_errors_and_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes, want, text) in bad_files() {
        let p = fixture(&dir, name, &bytes);
        let check = run(&["check", "-i", s(&p)]);
        assert_eq!(code(&check), want, "check {name}: {}", said(&check));
        assert!(said(&check).contains(text), "check {name}: {}", said(&check));
        let map = run(&["map", "-i", s(&p)]);
        assert_eq!(code(&map), want, "map {name}");
        assert!(stderr(&map).contains(text), "map {name}: {}", stderr(&map));
        assert!(map.stdout.is_empty(), "map {name} printed a matrix");
    }
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let p = fixture(&dir, "many.csv", b"Name,Model,In Scope\nA,Faz,yes\n,IaaS,yes\nC,IaaS,maybe\n");
    let o = run(&["check", "-i", s(&p)]);
    assert_eq!(code(&o), 1);
    let out = said(&o);
    for want in [
        "many.csv!B2: unknown service model",
        "many.csv!A3: missing service name",
        "many.csv!C4: in-scope value",
        "3 error(s)",
    ] {
        assert!(out.contains(want), "{want} not in {out}");
    }
}

#[test]
fn an_unclosed_quote_in_a_csv_is_an_error_at_its_line_not_one_service() {
    let dir = tempfile::tempdir().unwrap();
    let csv =
        b"Name,Provider,Model,Notes\nOrders,AWS,paas,\"unterminated note\nFiles,AWS,abstracted,ok\nVMs,AWS,iaas,ok\n";
    let p = fixture(&dir, "inventory.csv", csv);
    for cmd in ["check", "map"] {
        let o = run(&[cmd, "-i", s(&p)]);
        assert_eq!(code(&o), 2, "{cmd}: {}", said(&o));
        assert!(
            stderr(&o).contains("inventory.csv:2:17: a quoted field opened here is never closed"),
            "{cmd}: {}",
            said(&o)
        );
        assert!(o.stdout.is_empty() || cmd == "check", "{cmd} printed a matrix");
    }
}

#[test]
fn csv_places_name_the_file_line_after_blank_lines_and_multi_line_notes() {
    let dir = tempfile::tempdir().unwrap();
    let csv = b"Northwind inventory\n\nName,Provider,Model,Notes\n\nOrders,AWS,paas,\"two\nlines\"\n\n\nFiles,AWS,Faas-ish,x\n";
    let p = fixture(&dir, "blanklines.csv", csv);
    let o = run(&["check", "-i", s(&p)]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    let out = said(&o);
    assert!(out.contains("blanklines.csv!C9: unknown service model \"Faas-ish\""), "{out}");
    assert!(out.contains("blanklines.csv row 3: header row 3;"), "{out}");
}

#[test]
fn missing_file_is_exit_2() {
    let o = run(&["map", "-i", "/nonexistent/inventory.csv"]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("/nonexistent/inventory.csv: No such file"), "{}", stderr(&o));
}

#[test]
fn an_excel_error_value_in_a_read_column_is_an_error_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let rows: &[&[&str]] = &[
        &["Name", "Provider", "Model", "", "Lookup"],
        &["Orders DB", "AWS", "paas", "ERR", "ERR"],
        &["Web", "AWS", "iaas", "", ""],
    ];
    let book = xlsx("Services", rows);
    let with = |name: &str, errors: &[(&str, &str)]| {
        let p = fixture(&dir, name, &with_error_cells(&book, errors));
        run(&["check", "-i", s(&p)])
    };
    // A failed VLOOKUP in the provider column: it was read as the provider "#NA".
    let o = with("inv.xlsx", &[("B2", "#N/A"), ("C3", "#REF!"), ("D2", "#N/A")]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    let want = "inv.xlsx[Services]!B2: the cell shows the Excel error #N/A (a formula that failed); fix the formula \
                or type the value";
    assert!(said(&o).contains(want), "{}", said(&o));
    let o = with("model.xlsx", &[("C3", "#REF!")]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(said(&o).contains("model.xlsx[Services]!C3: the cell shows the Excel error #REF!"), "{}", said(&o));
    // An error in a column with a header respmatrix keeps is refused too; under no header it
    // is not read.
    let o = with("kept.xlsx", &[("E2", "#N/A")]);
    assert!(said(&o).contains("kept.xlsx[Services]!E2: the cell shows the Excel error #N/A"), "{}", said(&o));
    let o = with("unread.xlsx", &[("D2", "#N/A")]);
    assert_eq!(code(&o), 0, "{}", said(&o));
}

#[test]
fn xlsx_a_hidden_first_sheet_is_passed_over_for_the_visible_one() {
    // A hidden sheet (last year's copy) is not what the person who opens the file sees.
    let dir = tempfile::tempdir().unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheets = [("Old", "Stale Service"), ("Services", "Orders DB")];
    for (name, service) in sheets {
        let ws = wb.add_worksheet().set_name(name).unwrap();
        for (c, v) in ["Name", "Provider", "Service", "Model"].iter().enumerate() {
            ws.write_string(0, c as u16, *v).unwrap();
        }
        for (c, v) in [service, "AWS", "Amazon RDS", "paas"].iter().enumerate() {
            ws.write_string(1, c as u16, *v).unwrap();
        }
    }
    wb.worksheet_from_index(1).unwrap().set_active(true);
    wb.worksheet_from_index(0).unwrap().set_hidden(true);
    let p = fixture(&dir, "hidden.xlsx", &wb.save_to_buffer().unwrap());
    let m = map_json(&["-i", s(&p), "-f", "soc2-2017"]);
    let names: Vec<&str> = m["services"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Orders DB"]);
    // --sheet may still name the hidden one.
    let m = map_json(&["-i", s(&p), "--sheet", "Old", "-f", "soc2-2017"]);
    assert_eq!(m["services"][0]["name"], "Stale Service");
}

#[test]
fn a_yaml_or_json_service_naming_a_field_twice_or_merging_an_anchor_is_refused() {
    // Which of two `in_scope:` the author meant cannot be known; a merge key is not applied by
    // the parser, so its fields (in_scope: no) would be lost: both are errors, never silent.
    let dir = tempfile::tempdir().unwrap();
    let twice = "services:\n  - name: Old Mainframe\n    provider: On-prem\n    in_scope: no\n    in_scope: yes\n";
    let p = fixture(&dir, "twice.yaml", twice.as_bytes());
    let o = run(&["check", "-i", s(&p), "-f", "soc2-2017"]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(said(&o).contains("twice.yaml:") && said(&o).contains("duplicate key \"in_scope\""), "{}", said(&o));
    let json =
        "{\"services\": [{\"name\": \"Web\", \"provider\": \"On-prem\",\n \"in_scope\": false, \"in_scope\": true}]}";
    let p = fixture(&dir, "twice.json", json.as_bytes());
    let o = run(&["check", "-i", s(&p), "-f", "soc2-2017"]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(said(&o).contains("twice.json:2:") && said(&o).contains("duplicate key \"in_scope\""), "{}", said(&o));
    let merged = "retired: &retired {in_scope: no}\nservices:\n  - name: Web\n    provider: On-prem\n  - {<<: *retired, name: Old Mainframe, provider: On-prem}\n";
    let p = fixture(&dir, "merged.yaml", merged.as_bytes());
    let o = run(&["check", "-i", s(&p), "-f", "soc2-2017"]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(
        said(&o).contains("merged.yaml: services[1].<<: merge keys (<<: *anchor) are not supported"),
        "{}",
        said(&o)
    );
}
