//! The Customer Responsibilities sheet shows the controls of the other selected frameworks each
//! responsibility also serves, when a crosswalk relates them.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{code, run, s, stderr};

#[test]
fn customer_responsibilities_say_what_else_each_row_serves() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("r");
    let project = common::root().join("samples/respmatrix.yaml");
    let o = run(&[
        "report",
        "--config",
        s(&project),
        "-f",
        "nist-csf-2.0",
        "-f",
        "iso-27001-2022",
        "-f",
        "soc2-2017",
        "--out",
        s(&out),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut wb: Xlsx<_> = calamine::open_workbook(out.join("responsibility-matrix.xlsx")).unwrap();
    let r = wb.worksheet_range("Customer Responsibilities").unwrap();
    let text = |row: usize, col: usize| r.get((row, col)).map(Data::to_string).unwrap_or_default();
    let also = (0..r.width()).find(|&c| text(0, c) == "Also serves (crosswalks)").expect("an Also serves column");
    let control = (0..r.width()).find(|&c| text(0, c) == "Control ID").unwrap();
    let framework = (0..r.width()).find(|&c| text(0, c) == "Framework").unwrap();
    let row = (1..r.height())
        .find(|&i| text(i, framework) == "nist-csf-2.0" && !text(i, also).is_empty())
        .expect("a CSF row that serves other frameworks");
    assert!(
        text(row, also).contains("iso-27001-2022 "),
        "{} {}: {}",
        text(row, framework),
        text(row, control),
        text(row, also)
    );
    // Without crosswalked frameworks the sheet keeps its columns.
    let plain = tmp.path().join("plain");
    let o =
        run(&["report", "-i", s(&common::root().join("samples/inventory.csv")), "-f", "soc2-2017", "--out", s(&plain)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let mut wb: Xlsx<_> = calamine::open_workbook(plain.join("responsibility-matrix.xlsx")).unwrap();
    let r = wb.worksheet_range("Customer Responsibilities").unwrap();
    assert!(!(0..r.width()).any(|c| r.get((0, c)).map(Data::to_string).unwrap_or_default().starts_with("Also serves")));
}
