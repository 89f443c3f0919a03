//! `map --format csv` is streamed from pieces made once per service and control: every row must
//! still say exactly what the report view says, for every way a cell is decided.

use respmatrix::render;
use respmatrix::render::safe::csv_cell;
use respmatrix::view::Matrix;

mod common;

/// The sample organization with its overrides, against the built-ins and SP 800-53 with
/// withdrawn controls listed, read the `customer` way so every principle occurs.
fn sample_matrix() -> Option<Matrix> {
    common::sample::sample_matrix(&respmatrix::data::BUILTIN_IDS, respmatrix::model::Counterpart::Customer)
}

#[test]
fn every_streamed_row_says_what_the_report_view_says() {
    let Some(m) = sample_matrix() else { return };
    let bytes = render::csv::render(&m);
    let mut r = csv::Reader::from_reader(bytes.as_slice());
    assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), render::csv::HEADERS);
    let mut rows = r.records();
    let mut withdrawn = 0;
    let mut statement_rows = 0;
    for c in &m.controls {
        withdrawn += c.withdrawn.is_some() as usize;
        for (si, cell) in c.cells.iter().enumerate() {
            let got = rows.next().expect("a row per cell").unwrap();
            let want = expected(&m, c, si, cell, m.rationale(c, cell, si), c.layers, "");
            assert_eq!(got.iter().collect::<Vec<_>>(), want, "{} × {}", c.id, m.services[si].id);
        }
        // Then one row per (statement, service), the statement column naming it.
        for st in &c.statements {
            statement_rows += 1;
            for (si, cell) in st.cells.iter().enumerate() {
                let got = rows.next().expect("a row per statement cell").unwrap();
                let why = m.statement_rationale(st, cell, si);
                let want = expected(&m, c, si, cell, why, st.layers, &st.label);
                assert_eq!(got.iter().collect::<Vec<_>>(), want, "{} × {}", st.label, m.services[si].id);
            }
        }
    }
    assert!(statement_rows > 500, "800-53 statements are listed: {statement_rows}");
    assert!(rows.next().is_none(), "no row beyond the cells");
    assert!(withdrawn > 0, "the fixture lists withdrawn controls");
    assert!(bytes.ends_with(b"\n") && !bytes.contains(&b'\r'), "LF line ends");
}

/// The CSV row the report view gives for a cell of control `c` (or of its statement `label`),
/// each field as the CSV writes it.
fn expected(
    m: &Matrix,
    c: &respmatrix::view::ControlView,
    si: usize,
    cell: &respmatrix::view::Cell,
    rationale: String,
    layers: respmatrix::model::LayerSet,
    label: &str,
) -> Vec<String> {
    let s = &m.services[si];
    let want = [
        m.frameworks[c.framework].id.clone(),
        c.id.clone(),
        c.title.clone(),
        c.status.id().to_string(),
        s.id.clone(),
        s.name.clone(),
        s.provider.clone().unwrap_or_default(),
        s.product.clone().unwrap_or_default(),
        s.model.clone(),
        cell.status.id().to_string(),
        cell.provider.ids().join(" "),
        cell.customer.ids().join(" "),
        cell.shared.ids().join(" "),
        m.decided_by(cell, si),
        rationale,
        m.provider_statement(c, cell, si),
        m.customer_statement(c, cell, si),
        layers.ids().join(" "),
        label.to_string(),
    ];
    want.iter().map(|t| csv_cell(t).into_owned()).collect()
}

/// The peak memory (VmHWM) of a running process, in bytes.
#[cfg(target_os = "linux")]
fn peak_bytes(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status.lines().find(|l| l.starts_with("VmHWM:")).expect("VmHWM in /proc status");
    line.split_whitespace().nth(1).unwrap().parse::<u64>().unwrap() * 1024
}

/// Rows leave as they are made: when the first bytes arrive, the process holds less than the
/// CSV it is writing (a CSV built in memory first would hold all of it by then).
#[cfg(target_os = "linux")]
#[test]
fn the_csv_is_written_while_it_is_made_not_held_in_memory() {
    use std::io::Read;
    let catalog = common::shared_data("nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json");
    if !catalog.exists() {
        assert!(std::env::var_os("CI").is_none(), "CI needs {}", catalog.display());
        eprintln!("skipped: {} is missing", catalog.display());
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inv = common::fixture(&dir, "inv.csv", respmatrix::synth::inventory_csv(100).as_bytes());
    let mut child = std::process::Command::new(common::BIN)
        .args(["map", "-q", "--format", "csv", "--as-of", "2026-11-30", "-i"])
        .arg(&inv)
        .arg("-f")
        .arg(&catalog)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut first = vec![0u8; 4096];
    let n = out.read(&mut first).unwrap();
    assert!(n > 0 && first.starts_with(b"framework,control_id,"), "the header comes first");
    // The pipe is full and the writer waits for us: what it holds now is what it needs.
    std::thread::sleep(std::time::Duration::from_millis(300));
    let held = peak_bytes(child.id());
    let mut rest = Vec::new();
    out.read_to_end(&mut rest).unwrap();
    assert!(child.wait().unwrap().success());
    let total = (n + rest.len()) as u64;
    assert!(total > 50 << 20, "a CSV worth streaming: {total} bytes");
    // Streamed, the writer holds the matrix (about half the CSV's size at this scale); built in
    // memory first, it held 2.6 times the CSV.
    assert!(held < total / 4 * 3, "held {held} bytes before writing the first row of {total}");
}
