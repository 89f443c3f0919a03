//! Every file of the hostile corpus (tests/hostile/, written by scripts/gen_hostile_corpus.py),
//! and links planted at a local secret, run through the real binary: each run ends within 20 s
//! with exit 0, 1 or 2, no panic or stack overflow, a short stderr, and never prints the secret.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SECRET: &str = "TOPSECRET-7f3a9c-do-not-print";
const STDERR_MAX: usize = 16 * 1024;

struct Outcome {
    code: i32,
    out: String,
    err: String,
}

/// Runs the binary with a 20 s timeout (killed and failed after it).
fn run_bounded(args: &[String], what: &str) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (dir.path().join("out"), dir.path().join("err"));
    let mut child = Command::new(BIN)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{what}: still running after 20 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read = |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned();
    Outcome { code: status.code().unwrap_or(-1), out: read(&out_path), err: read(&err_path) }
}

fn assert_sane(o: &Outcome, what: &str) {
    assert!(matches!(o.code, 0..=2), "{what}: exit {} (killed by a signal or panicked)\n{}", o.code, o.err);
    for bad in ["panicked", "stack overflow", "RUST_BACKTRACE", "regex"] {
        assert!(!o.err.contains(bad) && !o.out.contains(bad), "{what}: {bad:?} in the output\n{}", o.err);
    }
    assert!(o.err.len() < STDERR_MAX, "{what}: {} bytes of stderr", o.err.len());
    assert!(o.out.len() < STDERR_MAX, "{what}: {} bytes of diagnostics", o.out.len());
    assert!(!o.err.contains(SECRET) && !o.out.contains(SECRET), "{what}: the secret was printed");
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// The commands a corpus file is fed to, by its name.
fn commands(path: &Path, out: &Path) -> Vec<Vec<String>> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let p = s(path);
    let inv = root().join("samples/inventory.xlsx");
    let inv = s(&inv);
    match name.split('-').next().unwrap() {
        "inventory" => vec![strings(&["check", "-i", p]), strings(&["map", "-i", p, "-f", "soc2-2017"])],
        "framework" => vec![strings(&["check", "-i", inv, "-f", p]), strings(&["map", "-i", inv, "-f", p])],
        "overrides" => vec![strings(&["check", "-i", inv, "--overrides", p])],
        "project" => vec![strings(&["check", "--config", p])],
        "templates" => {
            vec![strings(&["report", "-q", "-i", inv, "-f", "soc2-2017", "--templates", p, "--out", s(out)])]
        }
        _ => Vec::new(),
    }
}

#[test]
fn every_hostile_file_gets_a_clear_answer_in_bounded_time() {
    let corpus = root().join("tests/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus is missing: run scripts/gen_hostile_corpus.py");
    let dir = tempfile::tempdir().unwrap();
    let mut ran = 0;
    for f in &files {
        for args in commands(f, &dir.path().join("report")) {
            let what = format!("{} ({})", f.file_name().unwrap().to_string_lossy(), args[0]);
            let o = run_bounded(&args, &what);
            assert_sane(&o, &what);
            ran += 1;
        }
    }
    assert!(ran >= 25, "{ran} runs");
}

#[cfg(unix)]
#[test]
fn links_and_hrefs_to_a_local_secret_never_print_it() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let secret = fixture(&dir, "secret.txt", SECRET.as_bytes());
    let inv = root().join("samples/inventory.xlsx");
    let out = dir.path().join("report");

    // A profile whose catalog href is the secret file.
    let profile = format!(
        r#"{{"profile": {{"uuid": "u", "metadata": {{"title": "P", "version": "1", "oscal-version": "1.1.2"}},
           "imports": [{{"href": "{}", "include-all": {{}}}}]}}}}"#,
        s(&secret)
    );
    let profile = fixture(&dir, "profile.json", profile.as_bytes());
    let yaml_profile =
        fixture(&dir, "profile.yaml", format!("profile:\n  imports:\n    - href: {}\n", s(&secret)).as_bytes());
    // The secret read as every kind of input.
    let secret_yaml = fixture(&dir, "secret.yaml", SECRET.as_bytes());
    // Links out of the template and data folders.
    let templates = dir.path().join("templates");
    std::fs::create_dir(&templates).unwrap();
    symlink(&secret, templates.join("report.md.hbs")).unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("frameworks")).unwrap();
    symlink(&secret, data.join("frameworks/soc2-2017.yaml")).unwrap();

    let runs: Vec<Vec<String>> = vec![
        strings(&["check", "-i", s(&inv), "-f", s(&profile)]),
        strings(&["check", "-i", s(&inv), "-f", s(&yaml_profile)]),
        strings(&["check", "-i", s(&secret_yaml)]),
        strings(&["check", "-i", s(&inv), "-f", s(&secret_yaml)]),
        strings(&["check", "-i", s(&inv), "--overrides", s(&secret_yaml)]),
        strings(&["check", "--config", s(&secret_yaml)]),
        strings(&["check", "--data", s(&data), "-i", s(&inv), "-f", "soc2-2017"]),
        strings(&["report", "-q", "-i", s(&inv), "-f", "soc2-2017", "--templates", s(&templates), "--out", s(&out)]),
    ];
    for args in runs {
        let what = args.join(" ");
        let o = run_bounded(&args, &what);
        assert_sane(&o, &what);
        assert_ne!(o.code, 0, "{what}: accepted\n{}", o.err);
    }
    assert!(!out.join("responsibility-matrix.md").exists(), "a report was written through the template link");
}
