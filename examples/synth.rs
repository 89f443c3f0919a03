//! Writes a synthetic inventory and catalog: `cargo run --example synth -- SERVICES CONTROLS DIR`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let number = |i: usize, default: usize| match args.get(i) {
        None => Some(default),
        Some(s) => s.parse().ok(),
    };
    let (Some(services), Some(controls)) = (number(0, 500), number(1, 1007)) else {
        eprintln!(
            "usage: synth [SERVICES (500)] [CONTROLS (1007)] [DIR (.)]: writes DIR/inventory.csv and DIR/catalog.yaml"
        );
        std::process::exit(2);
    };
    let dir = std::path::PathBuf::from(args.get(2).cloned().unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir).expect("create the output folder");
    std::fs::write(dir.join("inventory.csv"), respmatrix::synth::inventory_csv(services)).expect("write inventory");
    std::fs::write(dir.join("catalog.yaml"), respmatrix::synth::catalog_yaml(controls)).expect("write catalog");
}
