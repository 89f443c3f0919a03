//! Provider data (`--provider-data PROVIDER=FILE`) as a careless user or a hostile file gives
//! it: every case ends in exit 2 (unreadable) or 1 (findings) with a message naming the file
//! and its place, nothing written into the output folder, no panic and no hang. The hostile
//! files are built in a temp dir at test time.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// How long one run may take before it counts as hung.
const HANG: Duration = Duration::from_secs(60);

/// Runs the binary like `common::run`, but kills it and fails the test when it hangs.
fn run_bounded(args: &[&str]) -> Output {
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

/// The sample inventory (AWS, Azure, GCP … services).
fn inventory() -> PathBuf {
    root().join("samples/inventory.csv")
}

/// `check -i <sample inventory> --provider-data aws=<file>`.
fn check_with(file: &Path) -> Output {
    let spec = format!("aws={}", file.display());
    run_bounded(&["check", "-i", s(&inventory()), "--provider-data", &spec])
}

/// `report` with the provider file into a fresh `out`: asserts the exit code, that nothing was
/// written and that stderr names `needle`; returns stderr.
fn report_refuses(file: &Path, want: i32, needle: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let spec = format!("aws={}", file.display());
    let o = run_bounded(&["report", "-q", "-i", s(&inventory()), "--provider-data", &spec, "-o", s(&out)]);
    let err = stderr(&o);
    assert_eq!(code(&o), want, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(needle), "stderr does not name {needle:?}: {err}");
    let written: Vec<_> = std::fs::read_dir(&out).map(|d| d.flatten().map(|e| e.path()).collect()).unwrap_or_default();
    assert!(written.is_empty(), "a refused report wrote {written:?}");
    err
}

/// A CRM worksheet (header on row 4, as in the Rev 4 template) with `rows` below it.
fn crm(rows: &[&[&str]]) -> Vec<u8> {
    let head: [&[&str]; 4] = [
        &["Customer Responsibility Matrix"],
        &[],
        &[],
        &["Control ID", "Can Be Inherited from CSP", "Specific Inheritance and Customer Agency/CSP Responsibilities"],
    ];
    let all: Vec<&[&str]> = head.iter().copied().chain(rows.iter().copied()).collect();
    xlsx("CRM Worksheet", &all)
}

#[cfg(unix)]
#[test]
fn a_named_pipe_nobody_writes_to_is_refused_instead_of_hanging() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["aws-crm.xlsx", "aws-ssp.json"] {
        let fifo = dir.path().join(name);
        let c = std::ffi::CString::new(s(&fifo)).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let o = check_with(&fifo);
        assert_eq!(code(&o), 2, "{}", said(&o));
        assert!(stderr(&o).contains(&format!("{name}: a named pipe (FIFO) that nothing was written to")), "{}", said(&o));
        report_refuses(&fifo, 2, name);
    }
}

#[test]
fn a_folder_given_as_provider_data_is_named_as_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("aws-crm.xlsx");
    std::fs::create_dir(&folder).unwrap();
    let o = check_with(&folder);
    assert_eq!(code(&o), 2, "{}", said(&o));
    assert!(stderr(&o).contains("aws-crm.xlsx: is a folder, not a file"), "{}", said(&o));
    report_refuses(&folder, 2, "is a folder");
}
