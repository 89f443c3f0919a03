//! Custom catalogs: spreadsheets, CSV and YAML rows with `layers` or `maps_to`, placed errors,
//! and telling them apart from respmatrix's own YAML format.

mod common;
use common::*;
use respmatrix::data::embedded::DataSource;
use respmatrix::data::{load_catalog_file, CatalogOptions};
use respmatrix::model::control_id;

#[test]
fn a_bad_spreadsheet_catalog_reports_every_cell() {
    let dir = tempfile::tempdir().unwrap();
    let book = xlsx(
        "Controls",
        &[
            &["ID", "Title", "Layers", "Maps To"],
            &["X-1", "One", "gust-os", ""],
            &["X-2", "Two", "", "PR.ZZ-99"],
            &["x-1", "Three", "data", ""],
            &["X-4", "", "data", ""],
            &["", "Five", "data", ""],
        ],
    );
    let path = fixture(&dir, "bad.xlsx", &book);
    let inv = root().join("samples/inventory.csv");
    let o = run(&["check", "-i", s(&inv), "-f", s(&path)]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    let out = said(&o);
    for want in [
        "bad.xlsx[Controls]!C2: unknown layer \"gust-os\" (did you mean guest-os?)",
        "bad.xlsx[Controls]!D3: maps_to \"PR.ZZ-99\" names no known control",
        "bad.xlsx[Controls]!A4: duplicate control id \"x-1\" (first at A2)",
        "bad.xlsx[Controls]!B5: missing title",
        "bad.xlsx[Controls]!A6: missing id",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
}

#[test]
fn csv_and_yaml_custom_catalogs_and_the_own_format_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let csv = fixture(
        &dir,
        "soc2-licensed.csv",
        b"Ref;Criterion;Maps to\nCC6.4;Physical access;soc2-2017:CC6.4\nCC6.1;Logical access;CC6.1\n",
    );
    let m = map_json(&["-i", s(&inv), "-f", s(&csv)]);
    assert_eq!(cell_status(&m, "CC6.4", "document-store"), "inherited");
    let yaml = fixture(
        &dir,
        "own-list.yaml",
        b"id: acme\ntitle: ACME\ncontrols:\n  - {id: A-1, title: Training, maps_to: AT-2}\n  - {id: A-2, title: Keys, layers: [data]}\n",
    );
    let m = map_json(&["-i", s(&inv), "-f", s(&yaml)]);
    assert_eq!(m["frameworks"][0]["id"], "acme");
    assert_eq!(cell_status(&m, "A-1", "web-frontend"), "shared");
    assert_eq!(cell_status(&m, "A-2", "web-frontend"), "customer");
    let list = fixture(
        &dir,
        "list.yaml",
        b"- {id: L-1, title: Patching, maps_to: PR.PS-02}\n- {id: L-2, title: Bad, maps_to: nope}\n",
    );
    let o = run(&["map", "-i", s(&inv), "-f", s(&list)]);
    assert_eq!(code(&o), 1);
    assert!(stderr(&o).contains("list.yaml: [1].maps_to: maps_to \"nope\" names no known control"), "{}", stderr(&o));
}

#[test]
fn a_spreadsheet_of_800_53_ids_takes_the_800_53_tags_without_maps_to() {
    // FedRAMP's baseline workbook: first sheet "High Baseline", 410 rows, no layers column.
    let path = shared_data("fedramp-templates/FedRAMP_Security_Controls_Baseline.xlsx");
    let (c, d) = load_catalog_file(&DataSource::default(), &path, &CatalogOptions::default()).unwrap();
    assert!(d.items.is_empty(), "{:?}", d.items);
    assert_eq!(c.controls.len(), 410);
    let pe3 = c.controls.iter().find(|x| control_id::same(&x.id, "PE-3")).unwrap();
    assert_eq!(pe3.layers.ids(), ["facilities"]);
    assert!(pe3.why.starts_with("Same id as sp800-53:"), "{}", pe3.why);
}

/// A workbook with the given sheets, each a list of rows.
fn book(sheets: &[(&str, &[&[&str]])]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn a_catalog_workbook_may_open_with_a_readme_sheet() {
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let readme: &[&[&str]] = &[&["How to use this workbook"], &["Fill in the Controls sheet."]];
    let controls: &[&[&str]] = &[&["Control ID", "Control Name", "Maps To"], &["ACME-1", "Backups", "CP-9"]];
    let path = fixture(&dir, "acme.xlsx", &book(&[("README", readme), ("Controls", controls)]));
    let o = run(&["map", "-i", s(&inv), "-f", s(&path), "--format", "json"]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    let m: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(m["controls"][0]["id"], "ACME-1", "the Controls sheet is read, not README");
    assert_eq!(m["controls"].as_array().unwrap().len(), 1);

    // No sheet with a header: one error that names the sheets it looked at.
    let path = fixture(&dir, "notes.xlsx", &book(&[("README", readme), ("Notes", readme)]));
    let o = run(&["check", "-i", s(&inv), "-f", s(&path)]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(
        said(&o).contains("notes.xlsx: no sheet has a catalog header row in its first 30 rows (sheets: README, Notes)"),
        "{}",
        said(&o)
    );
}

#[test]
fn a_maps_to_list_takes_the_layers_of_every_control_it_names() {
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    // The SCF's own headers, with its 800-53 column as the mapping (new lines between ids).
    let rows: &[&[&str]] = &[
        &[
            "SCF Domain",
            "SCF Control",
            "SCF #",
            "Secure Controls Framework (SCF)\nControl Description",
            "NIST 800-53 rev5",
        ],
        &["Physical", "Physical Access Authorizations", "PES-02", "Mechanisms exist to …", "PE-2\nPE-3"],
        &["Physical", "Physical & Environmental Protections", "PES-01", "Mechanisms exist to …", "PE-1\nPE-3"],
    ];
    let path = fixture(&dir, "scf.xlsx", &xlsx("SCF 2022.3", rows));
    let m = map_json(&["-i", s(&inv), "-f", s(&path)]);
    let c = &m["controls"][0];
    assert_eq!((c["id"].as_str(), c["family"].as_str()), (Some("PES-02"), Some("Physical")));
    // PE-2 and PE-3 are the facilities alone: inherited from a cloud provider.
    assert_eq!(c["layers"], serde_json::json!(["facilities"]));
    assert_eq!(cell_status(&m, "PES-02", "web-frontend"), "inherited");
    // PE-1 adds the program the organization runs itself: the union is shared, never inherited.
    let layers = m["controls"][1]["layers"].as_array().unwrap().clone();
    assert!(layers.len() > 1 && layers.contains(&"facilities".into()), "{layers:?}");
    assert_eq!(cell_status(&m, "PES-01", "web-frontend"), "shared");
    let (c, _) = load_catalog_file(&DataSource::default(), &path, &CatalogOptions::default()).unwrap();
    let why = &c.controls[1].why;
    assert!(why.starts_with("Maps to 2 controls and takes the layers of all of them"), "{why}");
    assert!(why.contains("sp800-53:PE-1 [") && why.contains("sp800-53:PE-3 [facilities]"), "{why}");

    // An id without its dash is an error at its cell that names the id meant.
    let rows: &[&[&str]] =
        &[&["SCF #", "SCF Control", "NIST 800-53 rev5"], &["NET-03", "Boundary Protection", "SC-7\nSC7(19)"]];
    let path = fixture(&dir, "typo.xlsx", &xlsx("SCF", rows));
    let o = run(&["check", "-i", s(&inv), "-f", s(&path)]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    assert!(
        said(&o).contains("typo.xlsx[SCF]!C2: maps_to \"SC7(19)\" names no known control: did you mean \"SC-7(19)\"?"),
        "{}",
        said(&o)
    );
}

#[test]
fn the_scf_workbook_reads_as_a_catalog_and_its_one_slip_is_placed() {
    let Some(scf) = shared_file("scf/Secure Controls Framework (SCF) - 2022.3.xlsx") else { return };
    let inv = root().join("samples/inventory.csv");
    let o = run(&["check", "-i", s(&inv), "-f", s(&scf)]);
    // The published 2022.3 workbook writes SC-7(19) as "SC7(19)" once; the copy is the user's to fix.
    assert_eq!(code(&o), 1, "{}", said(&o));
    assert!(
        said(&o).contains("[SCF 2022.3]!AX35: maps_to \"SC7(19)\" names no known control: did you mean \"SC-7(19)\"?"),
        "{}",
        said(&o)
    );
    assert!(said(&o).contains("1 error(s)"), "{}", said(&o));
}

#[test]
fn a_family_named_by_its_title_is_shown_once() {
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let rows: &[&[&str]] =
        &[&["ID", "Title", "Domain", "Maps To"], &["ACME-1", "Badge readers", "Physical Security", "PE-3"]];
    let path = fixture(&dir, "acme.xlsx", &xlsx("Controls", rows));
    let out = dir.path().join("out");
    let o =
        run(&["report", "-i", s(&inv), "-f", s(&path), "-f", "nist-csf-2.0", "--formats", "html", "--out", s(&out)]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    let html = std::fs::read_to_string(out.join("responsibility-matrix.html")).unwrap();
    assert!(
        html.contains("Physical Security") && !html.contains("Physical Security Physical Security"),
        "family shown twice"
    );
    assert!(html.contains("GV.OC Organizational Context"), "a family with an id of its own keeps both");
}

#[test]
fn a_catalog_of_long_maps_to_lists_is_read_in_bounded_time() {
    // 20,000 rows that each map to 150 ids: three million lookups of the same few ids, which
    // once scanned every built-in control each (minutes) and are now resolved once.
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let ids: Vec<String> = (0..150).map(|i| format!("PE-{}", i % 20 + 1)).collect();
    let mut csv = String::from("ID,Title,Maps To\n");
    for r in 0..20_000 {
        csv.push_str(&format!("X-{r},T,\"{}\"\n", ids.join(";")));
    }
    let path = fixture(&dir, "long.csv", csv.as_bytes());
    let o = run_bounded(&["check", "-i", s(&inv), "-f", s(&path)]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    assert!(stdout(&o).contains("(20000 controls)"), "{}", said(&o));
}

#[test]
fn a_catalog_with_a_family_per_control_is_read_in_bounded_time() {
    // 100,000 controls, each in a family of its own: families were found by scanning the list
    // once per control (quadratic: minutes for a 2 MB file), and are now hashed.
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let mut csv = String::from("ID,Title,Family,Layers\n");
    for r in 0..100_000 {
        csv.push_str(&format!("X-{r},T,F{r},data\n"));
    }
    let path = fixture(&dir, "families.csv", csv.as_bytes());
    let o = run_bounded(&["check", "-i", s(&inv), "-f", s(&path)]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    assert!(stdout(&o).contains("(100000 controls)"), "{}", said(&o));
}

#[test]
fn a_catalog_of_many_bad_entries_places_each_in_bounded_time() {
    // respmatrix's own format, 30,000 controls with an unknown layer each: every error was
    // placed by searching the file from its top (quadratic); the ids' lines are now read once.
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let mut text = String::from("id: own\ntitle: Own\nfamilies:\n  - {id: F, title: F}\ncontrols:\n");
    for i in 0..30_000 {
        text.push_str(&format!("  - {{id: X-{i}, family: F, title: T, layers: [bogus], why: w}}\n"));
    }
    let path = fixture(&dir, "own.yaml", text.as_bytes());
    let args: Vec<String> = ["check", "-i", s(&inv), "-f", s(&path)].iter().map(|a| a.to_string()).collect();
    // `run` reads the 30,000 errors as they come (a pipe read only at the end would fill up).
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(run(&args.iter().map(String::as_str).collect::<Vec<_>>())));
    let o = rx.recv_timeout(HANG).expect("check finished within the hang bound");
    assert_eq!(code(&o), 2, "the catalog is unreadable");
    let said = stderr(&o);
    assert!(said.contains("own.yaml:6:1: controls[0].layers: unknown layer \"bogus\""), "first at its line");
    assert!(said.contains("own.yaml:30005:1: controls[29999].layers: unknown layer \"bogus\""), "last at its line");
}

#[test]
fn an_excel_error_value_in_a_catalog_cell_is_an_error_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let book = xlsx("Controls", &[&["ID", "Title", "Layers"], &["X-1", "One", "data"], &["X-2", "ERR", "data"]]);
    let path = fixture(&dir, "cat.xlsx", &with_error_cells(&book, &[("B3", "#REF!")]));
    let inv = root().join("samples/inventory.csv");
    let o = run(&["check", "-i", s(&inv), "-f", s(&path)]);
    assert_eq!(code(&o), 2, "{}", said(&o));
    let want = "cat.xlsx[Controls]!B3: the cell shows the Excel error #REF! (a formula that failed)";
    assert!(said(&o).contains(want), "{}", said(&o));
}

#[test]
fn a_csv_catalog_row_is_placed_at_its_line_after_blank_lines() {
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let path = fixture(&dir, "cat.csv", b"ID,Title,Family,Layers\n\nX-1,T,F,data\n\n\nX-2,T,F,bogus\n");
    let o = run(&["check", "-i", s(&inv), "-f", s(&path)]);
    assert_ne!(code(&o), 0, "{}", said(&o));
    assert!(stderr(&o).contains("cat.csv!D6: unknown layer \"bogus\""), "{}", said(&o));
}
