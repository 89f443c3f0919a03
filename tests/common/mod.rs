//! Helpers for the integration tests: run the real binary, write fixture files.
#![allow(dead_code)]

pub mod matrix_v2;
pub mod pdf;
pub mod sample;
pub mod workbook;

#[allow(unused_imports)]
pub use matrix_v2::read_matrix;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_respmatrix");

/// The repository root (for `samples/`).
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/data/…` when the shared folder is beside the repository.
pub fn shared_data(rel: &str) -> PathBuf {
    root().join("../shared/data").join(rel)
}

/// A file of `../shared/data/`, or `None` with a printed reason when it is absent (a failure
/// under CI, which has the shared folder).
pub fn shared_file(rel: &str) -> Option<PathBuf> {
    let path = shared_data(rel);
    if !path.is_file() {
        assert!(std::env::var_os("CI").is_none(), "{} is missing", path.display());
        eprintln!("skipped: {} is missing", path.display());
        return None;
    }
    Some(path)
}

/// The sample inventory's rows whose provider column is one of `providers` (at most `limit`),
/// written as `inventory.csv` in `dir`.
pub fn sample_rows(dir: &Path, providers: &[&str], limit: usize) -> PathBuf {
    let text = std::fs::read_to_string(root().join("samples/inventory.csv")).unwrap();
    let mut lines = text.lines();
    let mut out = vec![lines.next().unwrap().to_string()];
    out.extend(
        lines.filter(|l| providers.iter().any(|p| l.contains(&format!(",{p},")))).take(limit).map(str::to_string),
    );
    let path = dir.join("inventory.csv");
    std::fs::write(&path, out.join("\n")).unwrap();
    path
}

/// Runs the binary with a pinned date so expiry checks are stable.
pub fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).env("SOURCE_DATE_EPOCH", "1795000000").output().expect("binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// stdout then stderr: what a terminal shows of a `check` run (diagnostics on stderr, the verdict
/// on stdout).
pub fn said(o: &Output) -> String {
    format!("{}{}", stdout(o), stderr(o))
}

pub fn code(o: &Output) -> i32 {
    o.status.code().expect("exited normally, not by a signal (a panic would show as 101)")
}

/// Writes `bytes` into a fresh temp dir under `name` and returns the path (dir kept alive).
pub fn fixture(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs `map --format json` and parses the result; panics with stderr on failure.
pub fn map_json(args: &[&str]) -> serde_json::Value {
    let mut full = vec!["map", "--format", "json"];
    full.extend_from_slice(args);
    let o = run(&full);
    assert_eq!(code(&o), 0, "map failed: {}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("map prints JSON")
}

/// The status of control `id` for service `svc` in a matrix JSON.
pub fn cell_status(m: &serde_json::Value, control: &str, svc: &str) -> String {
    let c = m["controls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == control)
        .unwrap_or_else(|| panic!("no control {control}"));
    let cell = c["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["service"] == svc)
        .unwrap_or_else(|| panic!("no service {svc}"));
    cell["status"].as_str().unwrap().to_string()
}

/// An XLSX workbook from rows of strings, on a named sheet.
pub fn xlsx(sheet: &str, rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet).unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}

/// Whether an external program a test checks artifacts with is installed (`program --version`
/// starts; its exit status is not asked, since `pdftotext --version` exits 1). Without it the test is skipped with a printed reason; under CI (`CI` set) a missing
/// program fails the test, so CI never passes without the check (`.ci/run` installs them).
pub fn have(program: &str, package: &str) -> bool {
    let found = Command::new(program).arg("--version").output().is_ok();
    if !found {
        let why = format!("{program} is not installed (Debian package {package}; .ci/run installs it)");
        assert!(std::env::var_os("CI").is_none(), "CI needs {why}");
        eprintln!("skipped: {why}");
    }
    found
}

/// How long one run may take before it counts as hung.
pub const HANG: Duration = Duration::from_secs(60);

/// Runs the binary like `common::run`, but kills it and fails the test when it hangs. Its output
/// is not read until it exits: keep it small (write big output to a file with `--out`).
pub fn run_bounded(args: &[&str]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > HANG {
            child.kill().unwrap();
            panic!("respmatrix {args:?} hung (killed after {HANG:?})");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// The workbook with each part's text passed through `edit(part name, text)`.
pub fn rewrite_parts(book: &[u8], edit: impl Fn(&str, String) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut text = String::new();
        f.read_to_string(&mut text).unwrap();
        let text = edit(&name, text);
        out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// The workbook with the given cells of its first sheet (each written, e.g. as a placeholder
/// string) turned into Excel error values, as a failed formula leaves them: `("B2", "#N/A")`.
pub fn with_error_cells(book: &[u8], cells: &[(&str, &str)]) -> Vec<u8> {
    rewrite_parts(book, |name, mut text| {
        if name == "xl/worksheets/sheet1.xml" {
            for (cell, error) in cells {
                let start = text.find(&format!("<c r=\"{cell}\"")).unwrap_or_else(|| panic!("no cell {cell}"));
                let end = start + text[start..].find("</c>").unwrap() + 4;
                let failed = format!("<c r=\"{cell}\" t=\"e\"><f>VLOOKUP(Z1,Lookup!A:B,2,0)</f><v>{error}</v></c>");
                text.replace_range(start..end, &failed);
            }
        }
        text
    })
}
