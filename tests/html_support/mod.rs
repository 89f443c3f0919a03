//! Helpers for the report tests: run `report`, compare snapshots, render a page in headless
//! Chromium and read the DOM it built.
#![allow(dead_code)]

use crate::common::{code, run, s, stderr};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// Runs `report` on the sample project (paths relative to the repository, so the report's
/// input list is the same on every machine) into a fresh folder.
pub fn sample_report(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut args = vec!["report", "--config", "samples/respmatrix.yaml", "--out", s(&out), "-q"];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(code(&o), 0, "report failed: {}", stderr(&o));
    (dir, out)
}

/// Runs `report` on an inventory given as CSV text; returns the output folder.
pub fn report(dir: &tempfile::TempDir, inventory_csv: &str, extra: &[&str]) -> PathBuf {
    let inv = dir.path().join("inventory.csv");
    std::fs::write(&inv, inventory_csv).unwrap();
    let out = dir.path().join("out");
    let mut args = vec!["report", "-i", s(&inv), "--out", s(&out), "--date", "2026-06-30", "-q"];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert_eq!(code(&o), 0, "report failed: {}", stderr(&o));
    out
}

/// Compares bytes with `tests/snapshots/NAME`; `UPDATE_SNAPSHOTS=1` rewrites the file.
pub fn expect_snapshot(name: &str, actual: &[u8]) {
    let path = crate::common::root().join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_SNAPSHOTS=1 to create it", path.display()));
    if expected == actual {
        return;
    }
    let new = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&new, actual).unwrap();
    let (e, a) = (String::from_utf8_lossy(&expected), String::from_utf8_lossy(actual));
    let line = e.lines().zip(a.lines()).position(|(x, y)| x != y).unwrap_or(e.lines().count().min(a.lines().count()));
    panic!(
        "{name} differs from its snapshot at line {}:\n  expected: {}\n  actual:   {}\nnew output in {}; \
         if the change is intended, run with UPDATE_SNAPSHOTS=1",
        line + 1,
        e.lines().nth(line).unwrap_or("(end of file)"),
        a.lines().nth(line).unwrap_or("(end of file)"),
        new.display()
    );
}

/// The browser the tests drive: `CHROMIUM`, else `chromium`.
pub fn browser() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "chromium".to_string())
}

/// The DOM headless Chromium builds from a page (scripts run), opened with `hash` (e.g.
/// `#service=orders-db`). Tests check `common::have(&browser(), …)` first.
pub fn dump_dom(page: &Path, hash: &str) -> String {
    let browser = browser();
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}{hash}", page.canonicalize().unwrap().display());
    let child = Command::new(&browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        .args(["--disable-component-update", "--disable-sync", "--no-first-run", "--dump-dom"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(&url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start {browser} ({e}): the browser tests need headless Chromium; install Debian's `chromium` package (apt-get install chromium) or set CHROMIUM to its path")
        });
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    let output = match rx.recv_timeout(Duration::from_secs(180)) {
        Ok(o) => o.unwrap(),
        Err(_) => {
            let _ = Command::new("kill").arg(pid.to_string()).status();
            panic!("{browser} did not finish rendering {url} in 180 s");
        }
    };
    let dom = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success() && dom.contains("</html>"),
        "{browser} failed on {url}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    dom
}

/// Every text between `start` and the next `end`, in order.
pub fn all_between(text: &str, start: &str, end: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(start) {
        rest = &rest[i + start.len()..];
        let j = rest.find(end).unwrap_or(rest.len());
        out.push(rest[..j].to_string());
        rest = &rest[j..];
    }
    out
}

/// A report on `services` services (the sample's rows, repeated) and the built-in catalogs
/// plus a generated one of `extra` controls, built in-process.
pub fn wide_report(dir: &tempfile::TempDir, services: usize, extra: usize) -> respmatrix::report::Report {
    use respmatrix::{model::Date, report};
    let inv = dir.path().join("wide.csv");
    std::fs::write(&inv, wide_inventory(services)).unwrap();
    let cat = dir.path().join("generated.yaml");
    std::fs::write(&cat, generated_catalog(extra)).unwrap();
    let wanted: Vec<String> = ["nist-csf-2.0", "iso-27017-2015", "soc2-2017", s(&cat)].map(String::from).to_vec();
    let as_of = Date::parse("2026-06-30").unwrap();
    let matrix = respmatrix::pipeline::map_files(&inv, &wanted, as_of).unwrap();
    let meta = report::ReportMeta { organization: "Wide Co".into(), report_date: Some(as_of), ..Default::default() };
    report::Report { matrix, meta, options: Default::default() }
}

fn wide_inventory(n: usize) -> String {
    let sample = std::fs::read_to_string(crate::common::root().join("samples/inventory.csv")).unwrap();
    let mut rd = csv::Reader::from_reader(sample.as_bytes());
    let header = rd.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = rd.records().map(Result::unwrap).collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).unwrap();
    for i in 0..n {
        let mut row: Vec<String> = rows[i % rows.len()].iter().map(String::from).collect();
        row[0] = format!("{}-{i}", row[0]);
        row[1] = format!("{} {i}", row[1]);
        row[8] = "Yes".into();
        w.write_record(&row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn generated_catalog(n: usize) -> String {
    const FAMILIES: [(&str, &str); 10] = [
        ("AC", "identity"),
        ("AT", "workforce"),
        ("AU", "application, data"),
        ("CM", "guest-os, platform, application"),
        ("CP", "data, workforce"),
        ("IA", "identity"),
        ("MA", "hardware, host-os"),
        ("PE", "facilities"),
        ("SC", "network-infrastructure, network-config"),
        ("SI", "host-os, guest-os, application"),
    ];
    let mut y = String::from("id: generated\ntitle: Generated catalog for size tests\nversion: \"1\"\npublisher: respmatrix tests\nsource: generated\nlicence: none\nfamilies:\n");
    for (f, _) in FAMILIES {
        y.push_str(&format!("  - id: {f}\n    title: Family {f}\n"));
    }
    y.push_str("controls:\n");
    for i in 0..n {
        let (f, layers) = FAMILIES[i % FAMILIES.len()];
        y.push_str(&format!(
            "  - id: {f}-{i}\n    family: {f}\n    title: \"Generated control {i}: the organization defines, documents and reviews this safeguard\"\n    layers: [{layers}]\n    why: \"Layers chosen by family for the size test; a real catalog explains each control's layers in one sentence.\"\n"
        ));
    }
    y
}
