//! CLI conventions users expect: `init`, config discovery, `--version` with the commit,
//! shell completions and a man page.

mod common;

use common::{code, run, s, said, stderr, BIN};
use std::process::Command;

#[test]
fn init_writes_a_starter_project_that_checks_and_is_never_overwritten() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("starter");
    let o = run(&["init", s(&dir)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for f in ["respmatrix.yaml", "inventory.xlsx", "inventory.csv", "overrides.yaml"] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    assert!(said(&o).contains("respmatrix report --config"), "{}", said(&o));
    let check = run(&["check", "--config", s(&dir.join("respmatrix.yaml"))]);
    assert_eq!(code(&check), 0, "{}", said(&check));
    assert!(said(&check).contains("3 services (3 in scope)"), "{}", said(&check));
    // The template's drop-downs: provider, model and in-scope.
    let sheet = common::workbook::part(&dir.join("inventory.xlsx"), "xl/worksheets/sheet1.xml");
    assert_eq!(sheet.matches("<dataValidation ").count(), 3, "{sheet}");
    let before = std::fs::read(dir.join("respmatrix.yaml")).unwrap();
    let again = run(&["init", s(&dir)]);
    assert_eq!(code(&again), 2);
    assert!(stderr(&again).contains("already exist"), "{}", stderr(&again));
    assert_eq!(std::fs::read(dir.join("respmatrix.yaml")).unwrap(), before);

    // In that folder, `check` finds respmatrix.yaml by itself and says so.
    let o = Command::new(BIN).arg("check").current_dir(&dir).env("SOURCE_DATE_EPOCH", "1795000000").output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(stderr(&o).contains("using the project file respmatrix.yaml"), "{}", stderr(&o));
}

#[test]
fn version_completions_and_man_page() {
    let v = run(&["--version"]);
    assert!(said(&v).starts_with(concat!("respmatrix ", env!("CARGO_PKG_VERSION"))), "{}", said(&v));
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let o = run(&["completions", shell]);
        assert_eq!(code(&o), 0, "{shell}");
        assert!(said(&o).contains("respmatrix") && said(&o).contains("report"), "{shell}");
    }
    let man = run(&["man"]);
    assert!(said(&man).contains(".TH respmatrix 1"), "{}", said(&man));
    assert!(said(&man).contains("diff"), "the subcommands are listed");
}

#[test]
fn colour_only_when_asked_or_on_a_terminal_without_no_color() {
    let missing = ["map", "--inventory", "no-such-inventory.csv"];
    let plain = run(&missing);
    assert_eq!(code(&plain), 2);
    assert!(stderr(&plain).starts_with("error: "), "piped output has no colour: {:?}", stderr(&plain));
    let always = run(&["--color", "always", missing[0], missing[1], missing[2]]);
    assert!(stderr(&always).starts_with("\x1b[1;31merror:\x1b[0m "), "{:?}", stderr(&always));
    let never = run(&["--color", "never", missing[0], missing[1], missing[2]]);
    assert!(!stderr(&never).contains('\x1b'), "{:?}", stderr(&never));

    // On a terminal (util-linux `script` gives the program a pty): colour, unless NO_COLOR.
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped the terminal half: `script` (util-linux) is not installed");
        return;
    }
    let on_tty = |no_color: Option<&str>| {
        let line = format!("{BIN} map --inventory no-such-inventory.csv");
        let mut cmd = Command::new("script");
        cmd.args(["-qec", &line, "/dev/null"]).env_remove("NO_COLOR").env("TERM", "xterm");
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        }
        String::from_utf8_lossy(&cmd.output().unwrap().stdout).to_string()
    };
    assert!(on_tty(None).contains("\x1b[1;31merror:"), "{:?}", on_tty(None));
    assert!(!on_tty(Some("1")).contains('\x1b'), "{:?}", on_tty(Some("1")));
}
