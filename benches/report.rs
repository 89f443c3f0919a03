//! The report at scale: the SP 800-53 rev5 catalog (1,007 active controls) plus the three
//! built-ins (288) × a synthetic inventory of N services. Benchmarks each stage (mapping, each
//! renderer, the same cells with rust_xlsxwriter alone as the floor) and the end-to-end
//! `report` command, and the end-to-end time across inventory sizes (linearity).
//!
//! `cargo bench --bench report`; `RESPMATRIX_BENCH_SERVICES=100,500,1000` picks the sizes.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use respmatrix::data;
use respmatrix::model::{Date, Status};
use respmatrix::report::{RenderOptions, Report, ReportMeta};
use respmatrix::{render, synth};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const CATALOG: &str = "../shared/data/nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";

fn catalog_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(CATALOG)
}

fn frameworks() -> Vec<String> {
    let mut f: Vec<String> = data::DEFAULT_IDS.iter().map(|s| s.to_string()).collect();
    f.push(catalog_path().display().to_string());
    f
}

/// Writes a synthetic inventory of `n` services into `dir` and returns its path.
fn inventory(dir: &Path, n: usize) -> PathBuf {
    let p = dir.join(format!("inventory-{n}.csv"));
    std::fs::write(&p, synth::inventory_csv(n)).expect("write inventory");
    p
}

/// Builds the report the `report` command would build, through the library.
fn build_report(inv: &Path) -> Report {
    let matrix =
        respmatrix::pipeline::map_files(inv, &frameworks(), Date::parse("2026-11-30").unwrap()).expect("matrix");
    let meta =
        ReportMeta { organization: "Bench".into(), report_date: Date::parse("2026-11-30"), ..Default::default() };
    Report { matrix, meta, options: RenderOptions::default() }
}

/// `cargo bench` passes `--bench`; `cargo test --all-targets` runs each benchmark once as a
/// smoke test, where a small inventory keeps the test suite fast.
fn full_size() -> bool {
    std::env::args().any(|a| a == "--bench")
}

fn stages(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let inv = inventory(dir.path(), if full_size() { 500 } else { 10 });
    let report = build_report(&inv);
    let cells = (report.matrix.controls.len() * report.matrix.services.len()) as u64;
    let name = format!("{} controls x {} services", report.matrix.controls.len(), report.matrix.services.len());
    let mut g = c.benchmark_group(name);
    g.sample_size(10).measurement_time(Duration::from_secs(20)).throughput(Throughput::Elements(cells));
    g.bench_function("map (read inputs, decide every cell)", |b| b.iter(|| black_box(build_report(&inv))));
    g.bench_function("matrix.json", |b| b.iter(|| render::json::write(&report.matrix, std::io::sink()).unwrap()));
    g.bench_function("responsibility-matrix.xlsx", |b| b.iter(|| black_box(render::xlsx::render(&report).unwrap())));
    let floor = floor_cells(&report);
    g.bench_function("rust_xlsxwriter alone, same cells (floor)", |b| b.iter(|| black_box(xlsx_floor(&floor))));
    g.bench_function("responsibility-matrix.pdf", |b| b.iter(|| black_box(render::pdf::render(&report).unwrap())));
    g.bench_function("responsibility-matrix.html", |b| {
        b.iter(|| black_box(render::html::render_html(&report).unwrap()))
    });
    g.bench_function("responsibility-matrix.md", |b| {
        b.iter(|| black_box(render::markdown::render_markdown(&report).unwrap()))
    });
    g.finish();
}

/// Every cell of every sheet of the workbook respmatrix writes, read back with calamine before
/// timing, so the floor writes exactly the same cells and holds no respmatrix work.
struct FloorCells {
    sheets: Vec<Vec<(u32, u16, FloorValue)>>,
}

enum FloorValue {
    Text(String),
    Number(f64),
}

fn floor_cells(report: &Report) -> FloorCells {
    use calamine::{Data, Reader};
    let bytes = render::xlsx::render(report).unwrap();
    let mut wb = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let mut sheets = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).unwrap();
        let (r0, c0) = range.start().unwrap_or((0, 0));
        let mut cells = Vec::new();
        for (r, row) in range.rows().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let at = (r0 + r as u32, (c0 + c as u32) as u16);
                match v {
                    Data::String(t) => cells.push((at.0, at.1, FloorValue::Text(t.clone()))),
                    Data::Float(n) => cells.push((at.0, at.1, FloorValue::Number(*n))),
                    Data::Int(n) => cells.push((at.0, at.1, FloorValue::Number(*n as f64))),
                    _ => {}
                }
            }
        }
        sheets.push(cells);
    }
    FloorCells { sheets }
}

/// The same cells with the same kinds of formats (top-aligned text, wrapped text for long text,
/// one fill per status) and the same compression level, written with rust_xlsxwriter and
/// nothing else: no layout, no charts, no validation.
fn xlsx_floor(cells: &FloorCells) -> Vec<u8> {
    use rust_xlsxwriter::{Color, Format, FormatAlign, Workbook};
    let text = Format::new().set_align(FormatAlign::Top);
    let wrap = text.clone().set_text_wrap();
    let fills: Vec<(&str, Format)> = Status::ALL
        .iter()
        .map(|s| {
            let (fill, _) = render::style::colors(*s);
            let f = text.clone().set_background_color(Color::RGB(u32::from_str_radix(fill, 16).unwrap()));
            (render::style::label(*s), f)
        })
        .collect();
    let mut wb = Workbook::new();
    wb.set_zip_compression_level(1);
    for sheet in &cells.sheets {
        let ws = wb.add_worksheet_with_constant_memory().unwrap();
        for (r, c, v) in sheet {
            match v {
                FloorValue::Number(n) => ws.write_number_with_format(*r, *c, *n, &text).map(|_| ()),
                FloorValue::Text(t) => {
                    let f = match fills.iter().find(|(label, _)| label == t) {
                        Some((_, fill)) => fill,
                        None if t.len() > 40 => &wrap,
                        None => &text,
                    };
                    ws.write_string_with_format(*r, *c, t, f).map(|_| ())
                }
            }
            .unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

/// The real binary, end to end, for each inventory size.
fn end_to_end(c: &mut Criterion) {
    let sizes: Vec<usize> = std::env::var("RESPMATRIX_BENCH_SERVICES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| if full_size() { vec![100, 250, 500] } else { vec![10] });
    let dir = tempfile::tempdir().unwrap();
    let mut g = c.benchmark_group("report end to end (1,295 controls)");
    g.sample_size(10).measurement_time(Duration::from_secs(30));
    for n in sizes {
        let inv = inventory(dir.path(), n);
        let out = dir.path().join(format!("out-{n}"));
        g.throughput(Throughput::Elements((n * 1295) as u64));
        g.bench_with_input(BenchmarkId::from_parameter(format!("{n} services")), &n, |b, _| {
            // A fresh folder each time, outside the timing: a rerun would first read the
            // previous workbook back (to keep reviewer input).
            let clean = || drop(std::fs::remove_dir_all(&out));
            b.iter_batched(
                clean,
                |_| {
                    let mut cmd = Command::new(env!("CARGO_BIN_EXE_respmatrix"));
                    cmd.args(["report", "-q", "--date", "2026-11-30", "-i"]).arg(&inv).arg("--out").arg(&out);
                    for f in frameworks() {
                        cmd.args(["-f", &f]);
                    }
                    let status = cmd.status().expect("run respmatrix");
                    assert!(status.success());
                },
                criterion::BatchSize::PerIteration,
            )
        });
    }
    g.finish();
}

criterion_group!(benches, stages, end_to_end);
criterion_main!(benches);
