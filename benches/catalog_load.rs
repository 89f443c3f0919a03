//! Loading the full SP 800-53 Rev 5 OSCAL JSON catalog (3.2 MB, 1,189 entries) through the
//! library: parsing and converting alone, and the whole `--framework PATH` path with layer tags.

use criterion::{criterion_group, criterion_main, Criterion};
use respmatrix::data::{embedded::DataSource, load_catalog_file, CatalogOptions};
use respmatrix::ingest::oscal::{self, LoadOptions};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn catalog_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json")
}

fn catalog_load(c: &mut Criterion) {
    let path = catalog_path();
    let mut group = c.benchmark_group("sp800-53 rev5 JSON catalog");
    group.sample_size(20).measurement_time(Duration::from_secs(5));
    group.bench_function("parse and convert (oscal::load)", |b| {
        b.iter(|| {
            let (catalog, _) = oscal::load(&path, LoadOptions::default()).expect("catalog loads");
            assert_eq!(black_box(catalog).controls.len(), 1007);
        })
    });
    group.bench_function("load with layer tags (data::load_catalog_file)", |b| {
        let source = DataSource::default();
        let opts = CatalogOptions::default();
        b.iter(|| {
            let (catalog, _) = load_catalog_file(&source, &path, &opts).expect("catalog loads");
            assert_eq!(black_box(catalog).controls.len(), 1007);
        })
    });
    group.finish();
}

criterion_group!(benches, catalog_load);
criterion_main!(benches);
