//! `-f` with NIST's CSF core as its tools export it (the CSF 2.0 Reference Tool workbook, a CSF
//! 1.1 core sheet or the same as CSV): functions and categories become families, subcategories
//! controls, and the built-in CSF's layers and statements word them.

mod common;
use common::*;
use serde_json::Value;

fn controls(m: &Value) -> &Vec<Value> {
    m["controls"].as_array().unwrap()
}

#[test]
fn the_reference_tool_export_maps_as_the_built_in_csf() {
    let Some(csf2) = shared_file("nist-csf/csf2.xlsx") else { return };
    let inv = root().join("samples/inventory.csv");
    let imported = map_json(&["-i", s(&inv), "-f", s(&csf2)]);
    let builtin = map_json(&["-i", s(&inv), "-f", "nist-csf-2.0"]);
    let fw = &imported["frameworks"][0];
    assert_eq!(fw["title"], "The NIST Cybersecurity Framework 2.0");
    assert_eq!(fw["version"], "2.0");
    assert_eq!(controls(&imported).len(), 106, "79 withdrawn subcategories are left out");
    // Every control, status, statement and family is the built-in CSF's.
    for (a, b) in controls(&imported).iter().zip(controls(&builtin)) {
        for key in ["id", "title", "family", "status", "layers"] {
            assert_eq!(a[key], b[key], "{key} of {}", b["id"]);
        }
        for (x, y) in a["services"].as_array().unwrap().iter().zip(b["services"].as_array().unwrap()) {
            for key in ["status", "customer_statement", "provider_statement"] {
                assert_eq!(x[key], y[key], "{key} of {} for {}", b["id"], y["service"]);
            }
        }
    }

    // With --include-withdrawn the withdrawn subcategories are listed and say where they went.
    let all = map_json(&["-i", s(&inv), "-f", s(&csf2), "--include-withdrawn"]);
    assert_eq!(controls(&all).len(), 185);
    let moved = controls(&all).iter().find(|c| c["id"] == "DE.DP-03").expect("DE.DP-03 listed");
    assert_eq!(moved["withdrawn"], "withdrawn: incorporated into ID.IM-02", "{moved}");
}

#[test]
fn a_csf_1_1_core_sheet_or_csv_is_read_with_its_hierarchy() {
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let rows: &[&[&str]] = &[
        &["Framework Core"],
        &["Function", "Category", "Subcategory", "Informative References"],
        &[
            "IDENTIFY (ID)",
            "Asset Management (ID.AM): Assets are managed",
            "ID.AM-1: Physical devices are inventoried",
            "NIST SP 800-53 Rev. 4 CM-8",
        ],
        &["", "", "ID.AM-2: Software platforms are inventoried", ""],
        &["PROTECT (PR)", "Data Security (PR.DS): Data is protected", "PR.DS-1: Data-at-rest is protected", ""],
    ];
    let path = fixture(&dir, "core.xlsx", &xlsx("Core", rows));
    let m = map_json(&["-i", s(&inv), "-f", s(&path)]);
    let ids: Vec<&str> = controls(&m).iter().map(|c| c["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["ID.AM-1", "ID.AM-2", "PR.DS-1"]);
    assert_eq!(controls(&m)[1]["family"], "ID.AM", "a subcategory row under a category row belongs to it");
    assert_eq!(controls(&m)[2]["title"], "Data-at-rest is protected");

    let csv: String =
        rows.iter().map(|r| r.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(",") + "\n").collect();
    let path = fixture(&dir, "core.csv", csv.as_bytes());
    let m = map_json(&["-i", s(&inv), "-f", s(&path)]);
    assert_eq!(controls(&m).len(), 3, "the CSV reads the same");
}

#[test]
fn a_broken_core_row_is_an_error_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let inv = root().join("samples/inventory.csv");
    let rows: &[&[&str]] = &[
        &["Function", "Category", "Subcategory"],
        &["IDENTIFY (ID)", "Asset Management (ID.AM)", "ID.AM-1: Physical devices are inventoried"],
        &["", "Data Security", "ID.AM-1: again"],
        &["", "", "no id before the colon here: text"],
    ];
    let path = fixture(&dir, "core.xlsx", &xlsx("Core", rows));
    let o = run(&["check", "-i", s(&inv), "-f", s(&path)]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    let said = said(&o);
    for expected in [
        "core.xlsx[Core]!B3: not a CSF entry: a category reads",
        "core.xlsx[Core]!C3: duplicate subcategory \"ID.AM-1\" (first at C2)",
        "core.xlsx[Core]!C4: not a CSF entry: a subcategory reads",
    ] {
        assert!(said.contains(expected), "missing {expected:?} in {said}");
    }
}

#[test]
fn nist_csf_1_1_to_800_53_mapping_tags_each_subcategory_through_its_controls() {
    // NIST's CSF 1.1 core with its SP 800-53 Rev. 5 column ("CM-8, PM-5"): each subcategory
    // takes the united layers of the controls NIST maps it to; the three cells of prose
    // ("-1 controls from all security control families") are warnings, and those subcategories
    // get the conservative default.
    let Some(file) = shared_file("nist-csf/csf-pf-to-sp800-53r5-mappings.xlsx") else { return };
    let inv = root().join("samples/inventory.csv");
    let o = run(&["check", "-i", s(&inv), "-f", s(&file)]);
    assert_eq!(code(&o), 0, "{}", said(&o));
    let said = said(&o);
    for cell in ["D14", "D16", "D85"] {
        assert!(said.contains(&format!("[CSF to SP 800-53r5]!{cell}: maps_to ")), "{cell}: {said}");
    }
    assert!(said.contains("3 of 108 controls"), "{said}");
    let m = map_json(&["-i", s(&inv), "-f", s(&file)]);
    let am1 = controls(&m).iter().find(|c| c["id"] == "ID.AM-1").unwrap();
    // CM-8 (system component inventory) brings the hardware and software layers; PM-5 governance.
    for layer in ["hardware", "governance"] {
        assert!(am1["layers"].as_array().unwrap().contains(&layer.into()), "{am1}");
    }
    assert_eq!(am1["family"], "ID.AM");
}
