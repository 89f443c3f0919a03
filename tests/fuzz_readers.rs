//! A corpus-mutation fuzzer over every reader: inventories (CSV, XLSX, YAML, JSON), overrides,
//! project files, custom catalogs, OSCAL catalogs and profiles (JSON, XML, YAML), provider data
//! (CIS/CRM workbooks, OSCAL SSPs). Seeds are the samples, the hostile corpus and a few small
//! documents below; each iteration mutates one (byte flips, inserted tokens, cut and repeated
//! chunks), writes it with its extension and reads it. A reader must return (Ok or Err), never
//! panic, and answer within a time bound.
//!
//! Briefly in `cargo test`; at length with
//! `RESPMATRIX_FUZZ_ITERATIONS=100000 cargo test --release --test fuzz_readers -- --nocapture`
//! (`RESPMATRIX_FUZZ_SEED` picks the random sequence). Inputs that fail are saved under
//! `target/tmp/fuzz-*` for replay.

mod common;
use common::root;
use respmatrix::data::{self, embedded::DataSource, CatalogOptions};
use respmatrix::ingest;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const TOKENS: &[&str] = &[
    "[",
    "]",
    "{",
    "}",
    "<group>",
    "</group>",
    "&a ",
    "*a",
    "<<: *a",
    "{{ insert: param, p1 }}",
    "\"",
    "'",
    "\n",
    "\t",
    ":",
    "- ",
    ",",
    "XFD1048576",
    "\u{FEFF}",
    "\0",
    "=cmd|' /C calc'!A0",
    "../../etc/passwd",
    "#",
    "!!binary ",
];

const MINI: &[(&str, &str)] = &[
    (
        "catalog.json",
        r#"{"catalog":{"uuid":"u","metadata":{"title":"T","version":"1","oscal-version":"1.1.2"},
        "params":[{"id":"p1","label":"x","values":["{{ insert: param, p2 }}"]},{"id":"p2","select":{"choice":["a","b"]}}],
        "groups":[{"id":"g","title":"G","controls":[{"id":"a-1","title":"A","parts":[{"name":"statement",
        "prose":"Do {{ insert: param, p1 }}.","parts":[{"name":"item","props":[{"name":"label","value":"a."}],"prose":"x"}]}]}]}]}}"#,
    ),
    (
        "catalog.xml",
        r#"<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0"><metadata><title>T</title></metadata><group id="g">
        <control id="a-1"><title>A</title><param id="p1"><label>x</label></param><part name="statement"><p>Do
        <insert type="param" id-ref="p1"/>.</p></part></control></group></catalog>"#,
    ),
    (
        "profile.json",
        r##"{"profile":{"uuid":"p","metadata":{"title":"P","version":"1","oscal-version":"1.1.2"},"imports":[{"href":"catalog.json",
        "include-controls":[{"with-ids":["a-1"],"matching":[{"pattern":"a-*"}]}]}],"modify":{"set-parameters":[{"param-id":"p1","values":["v"]}]}}}"##,
    ),
    ("custom.csv", "id,title,description,family,layers\nX-1,Backups,Keep backups,Ops,data\n"),
    ("custom.yaml", "id: acme\ntitle: Acme\ncontrols:\n  - {id: A.1, title: One, layers: [data]}\n"),
    ("project.yaml", "organization: O\nreport_date: 2026-11-30\ninventory: inventory.csv\nframeworks: [soc2-2017]\n"),
    ("overrides.yaml", "overrides:\n  - {control: 'CC6.*', status: shared, justification: j, expires: 2027-01-01}\n"),
    (
        "inventory.json",
        r#"{"services":[{"name":"Web","provider":"AWS","service":"EC2","overrides":{"guest-os":{"owner":"provider"}}}]}"#,
    ),
    (
        "provider-ssp.json",
        r#"{"system-security-plan":{"control-implementation":{"implemented-requirements":[{"control-id":"ac-2",
        "by-components":[{"export":{"provided":[{"description":"P"}]}}],"statements":[{"statement-id":"ac-2_obj.a-1",
        "by-components":[{"provided":[{"description":"Q"}],"responsibilities":[{"description":"R","exportable":true}]}]}]}]}}}"#,
    ),
];

/// A tiny xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(b.len() + 1);
        match rng.below(6) {
            0 if !b.is_empty() => {
                let i = at.min(b.len() - 1);
                b[i] ^= 1 << rng.below(8);
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())].repeat(1 + rng.below(300));
                b.splice(at..at, t.into_bytes());
            }
            2 => {
                let end = (at + rng.below(64)).min(b.len());
                b.drain(at.min(end)..end);
            }
            3 => {
                let end = (at + rng.below(256)).min(b.len());
                let chunk = b[at..end].repeat(1 + rng.below(8));
                b.splice(end..end, chunk);
            }
            4 => b.truncate(at),
            _ => {
                let noise: Vec<u8> = (0..rng.below(16)).map(|_| rng.next() as u8).collect();
                b.splice(at..at, noise);
            }
        }
    }
    b
}

/// Feeds a file to every reader that takes its kind.
fn read_all(path: &Path, source: &DataSource, registry: &respmatrix::model::Registry) {
    let _ = ingest::load_inventory(path, None, registry);
    let _ = ingest::provider_data::read_file(path);
    let framework = vec![path.display().to_string()];
    let _ = data::select_catalogs(source, &framework, &CatalogOptions::default());
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    if name.ends_with(".yaml") || name.ends_with(".yml") {
        let _ = ingest::overrides::load(path);
        let _ = ingest::project::load(path);
    }
}

fn seeds(long: bool) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = MINI.iter().map(|(n, t)| (n.to_string(), t.as_bytes().to_vec())).collect();
    for dir in [root().join("samples"), root().join("tests/hostile")] {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
            if p.is_file() && (long || size <= 40_000) {
                out.push((p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()));
            }
        }
    }
    out
}

#[test]
fn mutated_inputs_never_panic_and_answer_in_bounded_time() {
    let iterations: usize = std::env::var("RESPMATRIX_FUZZ_ITERATIONS").ok().and_then(|v| v.parse().ok()).unwrap_or(40);
    let seed: u64 = std::env::var("RESPMATRIX_FUZZ_SEED").ok().and_then(|v| v.parse().ok()).unwrap_or(0x5EED_1234_ABCD);
    let long = iterations > 1000;
    let source = DataSource::default();
    let registry = data::registry(&source).unwrap();
    let corpus = seeds(long);
    let dir = tempfile::tempdir().unwrap();
    // The profile seed imports catalog.json: keep one beside the mutants.
    std::fs::write(dir.path().join("catalog.json"), MINI[0].1).unwrap();
    let mut rng = Rng(seed | 1);
    let mut failures: Vec<String> = Vec::new();
    let budget = Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 5 });
    for i in 0..iterations {
        let (name, bytes) = &corpus[rng.below(corpus.len())];
        let input = mutate(&mut rng, bytes);
        let path: PathBuf = dir.path().join(format!("m{}-{name}", i % 4));
        std::fs::write(&path, &input).unwrap();
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_all(&path, &source, &registry)));
        let slow = started.elapsed() > budget;
        if outcome.is_err() || slow {
            let keep = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-{i}-{name}"));
            std::fs::write(&keep, &input).unwrap();
            let why = if slow { "too slow" } else { "panicked" };
            let line = format!("{why}: {} (iteration {i}, seed {seed})", keep.display());
            eprintln!("{line}");
            failures.push(line);
        }
        if long && i % 1000 == 999 {
            eprintln!("fuzz: {} iterations, {} failures", i + 1, failures.len());
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
