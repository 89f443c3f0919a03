//! Issue 17 at scale: SP 800-53 rev5 (1,007 active controls) plus the three built-ins (288) ×
//! N synthetic services. Renders `matrix.json` compact (`@2`) and inline (`@1`) and the CSV
//! (into a sink: the renderers, not the disk), then runs the real `report` end to end, all
//! artifacts and the workbook alone (`--formats xlsx`).
//!
//! `cargo bench --bench scale` (100 and 500 services);
//! `RESPMATRIX_BENCH_SERVICES=5000 cargo bench --bench scale` for the long run.

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use respmatrix::model::Date;
use respmatrix::render::json::Layout;
use respmatrix::{data, render, synth};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const CATALOG: &str = "../shared/data/nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";

fn frameworks() -> Vec<String> {
    let mut f: Vec<String> = data::BUILTIN_IDS.iter().map(|s| s.to_string()).collect();
    f.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(CATALOG).display().to_string());
    f
}

/// `cargo bench` passes `--bench`; `cargo test --all-targets` runs each benchmark once as a
/// smoke test, with a small inventory.
fn sizes() -> Vec<usize> {
    if !std::env::args().any(|a| a == "--bench") {
        return vec![10];
    }
    std::env::var("RESPMATRIX_BENCH_SERVICES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100, 500])
}

fn inventory(dir: &Path, n: usize) -> PathBuf {
    let p = dir.join(format!("inventory-{n}.csv"));
    std::fs::write(&p, synth::inventory_csv(n)).expect("write inventory");
    p
}

fn renderers(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    for n in sizes() {
        let inv = inventory(dir.path(), n);
        let m =
            respmatrix::pipeline::map_files(&inv, &frameworks(), Date::parse("2026-11-30").unwrap()).expect("matrix");
        let cells = (m.controls.len() * m.services.len()) as u64;
        let mut g =
            c.benchmark_group(format!("outputs, {} controls x {} services", m.controls.len(), m.services.len()));
        g.sample_size(10).measurement_time(Duration::from_secs(15)).throughput(Throughput::Elements(cells));
        g.bench_function("matrix.json compact (@2)", |b| {
            b.iter(|| render::json::write_layout(&m, Layout::Compact, std::io::sink()).unwrap())
        });
        g.bench_function("matrix.json inline (@1)", |b| {
            b.iter(|| render::json::write_layout(&m, Layout::Inline, std::io::sink()).unwrap())
        });
        g.bench_function("csv", |b| b.iter(|| render::csv::write(&m, std::io::sink()).unwrap()));
        g.finish();
    }
}

fn end_to_end(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("report end to end (1,295 controls)");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    for n in sizes() {
        let inv = inventory(dir.path(), n);
        g.throughput(Throughput::Elements((n * 1295) as u64));
        for (label, formats) in [("all five artifacts", None), ("--formats xlsx", Some("xlsx"))] {
            let out = dir.path().join(format!("out-{n}-{}", formats.unwrap_or("all")));
            g.bench_with_input(BenchmarkId::new(label, format!("{n} services")), &n, |b, _| {
                // A fresh folder each time, outside the timing: a rerun would first read the
                // previous workbook back (to keep reviewer input).
                let clean = || drop(std::fs::remove_dir_all(&out));
                b.iter_batched(
                    clean,
                    |_| {
                        let mut cmd = Command::new(env!("CARGO_BIN_EXE_respmatrix"));
                        cmd.args(["report", "-q", "--date", "2026-11-30", "-i"]).arg(&inv).arg("--out").arg(&out);
                        if let Some(f) = formats {
                            cmd.args(["--formats", f]);
                        }
                        for f in frameworks() {
                            cmd.args(["-f", &f]);
                        }
                        assert!(cmd.status().expect("run respmatrix").success());
                    },
                    BatchSize::PerIteration,
                )
            });
        }
    }
    g.finish();
}

criterion_group!(benches, renderers, end_to_end);
criterion_main!(benches);
