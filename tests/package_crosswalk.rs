//! Evidence filed under one framework counts against every selected framework a crosswalk says
//! its control fully covers: A.6.1.2 (ISO/IEC 27002:2013) evidence also answers 27001:2022's
//! 5.3, which continues it (equal), but not the other way round for a mere part.

mod common;

use common::{code, run, s, stderr};

#[test]
fn evidence_serves_the_crosswalked_controls_of_other_frameworks() {
    let tmp = tempfile::tempdir().unwrap();
    let root = common::root();
    let bag = tmp.path().join("bag");
    std::fs::write(tmp.path().join("sod.txt"), "Segregation of duties matrix, reviewed 2026-06-30\n").unwrap();
    let evidence = tmp.path().join("evidence.yaml");
    std::fs::write(
        &evidence,
        "evidence:\n  - id: EV-SOD\n    file: sod.txt\n    serves:\n      - {framework: iso-27017-2015, control: A.6.1.2, service: orders-db}\n      - {framework: iso-27017-2015, control: A.9.2.5, service: orders-db}\n",
    )
    .unwrap();
    let o = run(&[
        "package",
        "--config",
        s(&root.join("samples/respmatrix.yaml")),
        "-f",
        "iso-27017-2015",
        "-f",
        "iso-27001-2022",
        "--evidence",
        s(&evidence),
        "--out",
        s(&bag),
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let requests = std::fs::read_to_string(bag.join("data/request-list.csv")).unwrap();
    let row = |control: &str| -> String {
        requests
            .lines()
            .find(|l| l.contains(",iso-27001-2022,") && l.split(',').nth(3) == Some(control) && l.contains("orders-db"))
            .unwrap_or_else(|| panic!("no {control} request for orders-db: {requests}"))
            .to_string()
    };
    // 5.3 continues A.6.1.2 (equal): the evidence answers it too.
    assert!(row("5.3").contains("EV-SOD"), "{}", row("5.3"));
    // A.9.2.5 is only a part of 5.18 (subset): its evidence does not answer all of 5.18.
    assert!(!row("5.18").contains("EV-SOD"), "{}", row("5.18"));
}
