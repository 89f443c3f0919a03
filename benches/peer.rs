//! respmatrix against its Python peer (benches/peer/peer.py: compliance-trestle, openpyxl,
//! XlsxWriter, ReportLab) on the job of issue 17: SP 800-53 rev5 × N services (default 500)
//! from an XLSX inventory. The runs alternate (respmatrix full report, respmatrix workbook and
//! PDF only, the peer), each measured for wall time and peak memory; the medians and their
//! ratios are printed.
//!
//! `RESPMATRIX_PEER_PYTHON=/path/to/venv/bin/python cargo bench --bench peer`
//! (`RESPMATRIX_PEER_ROUNDS`, default 5; `RESPMATRIX_PEER_SERVICES`, default 500). The venv
//! needs `pip install compliance-trestle openpyxl XlsxWriter reportlab`.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const CATALOG: &str = "../shared/data/nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The synthetic inventory as a workbook, so both sides read the same XLSX file.
fn inventory_xlsx(dir: &Path, n: usize) -> PathBuf {
    let csv = respmatrix::synth::inventory_csv(n);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Services").unwrap();
    for (r, line) in csv::Reader::from_reader(csv.as_bytes()).into_records().enumerate() {
        let rec = line.unwrap();
        for (c, v) in rec.iter().enumerate() {
            ws.write_string(r as u32 + 1, c as u16, v).unwrap();
        }
    }
    let head = csv.lines().next().unwrap();
    for (c, h) in head.split(',').enumerate() {
        ws.write_string(0, c as u16, h).unwrap();
    }
    let p = dir.join(format!("inventory-{n}.xlsx"));
    wb.save(&p).unwrap();
    p
}

/// Wall seconds and peak resident memory (MB) of one run into a fresh `out`, which must succeed.
#[allow(clippy::zombie_processes)] // reaped by `wait4`, which also gives the child's peak memory
fn measure(cmd: &mut Command, out: &Path) -> (f64, f64) {
    // Each run starts from an empty folder: a rerun would first read the previous workbook back.
    let _ = std::fs::remove_dir_all(out);
    let start = Instant::now();
    let child = cmd.spawn().expect("start");
    let (mut status, mut usage): (libc::c_int, libc::rusage) = (0, unsafe { std::mem::zeroed() });
    let pid = child.id() as libc::pid_t;
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let secs = start.elapsed().as_secs_f64();
    assert!(waited == pid && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{cmd:?} failed");
    (secs, usage.ru_maxrss as f64 / 1024.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("peer: run with `cargo bench --bench peer` (see the file's header)");
        return;
    }
    let Ok(python) = std::env::var("RESPMATRIX_PEER_PYTHON") else {
        println!(
            "skipped: set RESPMATRIX_PEER_PYTHON to a Python with compliance-trestle, openpyxl, XlsxWriter, reportlab"
        );
        return;
    };
    let (rounds, n) = (env_or("RESPMATRIX_PEER_ROUNDS", 5), env_or("RESPMATRIX_PEER_SERVICES", 500));
    let dir = tempfile::tempdir().unwrap();
    let inv = inventory_xlsx(dir.path(), n);
    let catalog = root().join(CATALOG);
    let bin = env!("CARGO_BIN_EXE_respmatrix");
    let full = || {
        let mut c = Command::new(bin);
        c.args(["report", "-q", "--date", "2026-11-30", "-i"]).arg(&inv).arg("--out").arg(dir.path().join("full"));
        for f in ["nist-csf-2.0", "iso-27017-2015", "soc2-2017"] {
            c.args(["-f", f]);
        }
        c.arg("-f").arg(&catalog);
        c
    };
    let same_job = || {
        let mut c = Command::new(bin);
        c.args(["report", "-q", "--date", "2026-11-30", "--formats", "xlsx,pdf", "-i"]).arg(&inv);
        c.arg("--out").arg(dir.path().join("same")).arg("-f").arg(&catalog);
        c
    };
    let peer = || {
        let mut c = Command::new(&python);
        c.arg(root().join("benches/peer/peer.py")).arg(&catalog).arg(&inv).arg(root()).arg(dir.path().join("peer"));
        c
    };
    let jobs: [(&str, &dyn Fn() -> Command, &str); 3] = [
        ("respmatrix report, 1,295 controls, all five artifacts", &full, "full"),
        ("respmatrix report --formats xlsx,pdf, 800-53 only", &same_job, "same"),
        ("Python peer (trestle + openpyxl + XlsxWriter + ReportLab), 800-53, xlsx + pdf", &peer, "peer"),
    ];
    let mut times = vec![Vec::new(); jobs.len()];
    let mut peaks = vec![Vec::new(); jobs.len()];
    for round in 0..rounds {
        for (i, (_, job, out)) in jobs.iter().enumerate() {
            let (t, m) = measure(&mut job(), &dir.path().join(out));
            println!("round {}: {:<80} {t:6.2} s {m:7.1} MB", round + 1, jobs[i].0);
            times[i].push(t);
            peaks[i].push(m);
        }
    }
    println!("\n{n} services, {rounds} alternating rounds: median time, median peak memory");
    let med: Vec<f64> = times.iter().map(|t| median(t.clone())).collect();
    for (i, (name, _, _)) in jobs.iter().enumerate() {
        println!("  {name:<80} {:6.2} s {:7.1} MB", med[i], median(peaks[i].clone()));
    }
    println!("  peer / respmatrix full report: {:.1}x", med[2] / med[0]);
    println!("  peer / respmatrix same job:    {:.1}x", med[2] / med[1]);
}
