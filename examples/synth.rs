//! Writes a synthetic inventory and catalog: `cargo run --example synth -- SERVICES CONTROLS DIR`.

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let services: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(500);
    let controls: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1007);
    let dir = std::path::PathBuf::from(args.get(3).cloned().unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir).expect("create the output folder");
    std::fs::write(dir.join("inventory.csv"), respmatrix::synth::inventory_csv(services)).expect("write inventory");
    std::fs::write(dir.join("catalog.yaml"), respmatrix::synth::catalog_yaml(controls)).expect("write catalog");
}
