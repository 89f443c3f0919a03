//! Helpers for the package tests: package the sample, verify, read a folder, find a Python
//! with `bagit`.
#![allow(dead_code)]

use super::common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The binary under test: RESPMATRIX_BIN when set (a copy, for machines where other builds
/// share the target folder and replace the binary mid-run), else the one cargo built.
pub fn bin() -> PathBuf {
    std::env::var_os("RESPMATRIX_BIN").map(PathBuf::from).unwrap_or_else(|| BIN.into())
}

/// `common::run` with [`bin`]: a pinned SOURCE_DATE_EPOCH.
pub fn rm(args: &[&str]) -> Output {
    Command::new(bin()).args(args).env("SOURCE_DATE_EPOCH", "1795000000").output().expect("binary runs")
}

/// Packages the sample (project file with attestations, the sample evidence) into `out`.
pub fn package_in(cwd: &Path, prefix: &str, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "package".to_string(),
        "--config".into(),
        format!("{prefix}package.yaml"),
        "--evidence".into(),
        format!("{prefix}evidence/evidence.yaml"),
        "--out".into(),
        s(out).into(),
    ];
    args.extend(extra.iter().map(|a| a.to_string()));
    Command::new(bin()).current_dir(cwd).args(&args).env_remove("SOURCE_DATE_EPOCH").output().unwrap()
}

pub fn package(out: &Path, extra: &[&str]) -> Output {
    let o = package_in(&root(), "samples/", out, extra);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    o
}

pub fn verify(path: &Path) -> Output {
    rm(&["verify", s(path)])
}

/// Every file of a folder, by relative path.
pub fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                out.push((p.strip_prefix(root).unwrap().display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// A Python with the `bagit` package: RESPMATRIX_BAGIT_PYTHON, else `python3` when it can
/// import bagit. Absent: skipped with the reason, a failure under CI.
pub fn bagit_python() -> Option<PathBuf> {
    let candidate = std::env::var_os("RESPMATRIX_BAGIT_PYTHON").map(PathBuf::from).unwrap_or_else(|| "python3".into());
    let ok = Command::new(&candidate).args(["-c", "import bagit"]).output().is_ok_and(|o| o.status.success());
    if !ok {
        let why = format!(
            "{} cannot import bagit (pip install bagit, or set RESPMATRIX_BAGIT_PYTHON; .ci/run does)",
            candidate.display()
        );
        assert!(std::env::var_os("CI").is_none(), "CI needs {why}");
        eprintln!("skipped: {why}");
        return None;
    }
    Some(candidate)
}
