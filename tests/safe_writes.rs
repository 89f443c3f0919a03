//! Writes never follow planted links, keep permissions, never replace an input, and a report's
//! artifacts change as a set: kills at random moments and two runs at once leave a whole set.
#![cfg(unix)]

mod common;
use common::*;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NAMES: [&str; 5] = [
    "matrix.json",
    "responsibility-matrix.xlsx",
    "responsibility-matrix.pdf",
    "responsibility-matrix.html",
    "responsibility-matrix.md",
];

fn report_cmd(out: &Path, org: &str) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.args(["report", "-q", "--config", s(&root().join("samples/respmatrix.yaml")), "--org", org, "--out", s(out)]);
    cmd.env_remove("SOURCE_DATE_EPOCH");
    cmd
}

/// The organization every artifact of the folder names, or a panic when they disagree.
fn set_org(out: &Path) -> Option<String> {
    let html = std::fs::read_to_string(out.join("responsibility-matrix.html")).ok()?;
    let md = std::fs::read_to_string(out.join("responsibility-matrix.md")).unwrap();
    let org = ["Org-A", "Org-B"].into_iter().find(|o| html.contains(o)).expect("an org in the HTML").to_string();
    assert!(md.contains(&org), "the Markdown is from another run than the HTML ({org})");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(out.join("matrix.json")).unwrap()).unwrap();
    assert_eq!(json["schema"], "respmatrix/matrix@2");
    let pdf = std::fs::read(out.join("responsibility-matrix.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF") && pdf.ends_with(b"%%EOF\n") || pdf.ends_with(b"%%EOF"), "a whole PDF");
    let xlsx = std::fs::read(out.join("responsibility-matrix.xlsx")).unwrap();
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(xlsx)).expect("a loadable workbook");
    use calamine::Reader;
    let first = book.sheet_names()[0].clone();
    let sheet = book.worksheet_range(&first).expect("a readable first sheet");
    let cells: Vec<String> = sheet.cells().map(|(_, _, d)| d.to_string()).collect();
    assert!(cells.iter().any(|c| c.contains(&org)), "the workbook is from another run than the HTML ({org})");
    Some(org)
}

#[test]
fn planted_links_are_refused_and_their_targets_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let victim = fixture(&dir, "victim.txt", b"do not touch");
    for name in NAMES {
        let out = dir.path().join(format!("out-{name}"));
        std::fs::create_dir(&out).unwrap();
        symlink(&victim, out.join(name)).unwrap();
        // Links at the temp-name patterns, of a live process (pid 1) and of the old writer.
        symlink(&victim, out.join(".respmatrix-1-aaaaaa.tmp")).unwrap();
        symlink(&victim, out.join(format!(".{name}.1.tmp"))).unwrap();
        let o = report_cmd(&out, "Org-A").output().unwrap();
        assert_eq!(code(&o), 2, "{}", stderr(&o));
        assert!(stderr(&o).contains(name) && stderr(&o).contains("symbolic link"), "{}", stderr(&o));
        assert_eq!(std::fs::read(&victim).unwrap(), b"do not touch");
    }
    let out = fixture(&dir, "m.json", b"");
    std::fs::remove_file(&out).unwrap();
    symlink(&victim, &out).unwrap();
    let o = run(&["map", "--config", s(&root().join("samples/respmatrix.yaml")), "--out", s(&out)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("m.json: is a symbolic link"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&victim).unwrap(), b"do not touch");
}

#[test]
fn reruns_keep_permissions_and_never_replace_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let inv = fixture(&dir, "inv.csv", b"Name,Model\nWeb,IaaS\n");
    let out = dir.path().join("private.json");
    for _ in 0..2 {
        let o = run(&["map", "-i", s(&inv), "-f", "soc2-2017", "--out", s(&out)]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    assert_eq!(std::fs::metadata(&out).unwrap().permissions().mode() & 0o777, 0o600);
    // A killed run's temp file is removed by the next run; a live process's is left alone.
    let dead = fixture(&dir, ".respmatrix-999999999-abcdef.tmp", b"partial");
    let live = fixture(&dir, ".respmatrix-1-abcdef.tmp", b"partial");
    let o = run(&["map", "-i", s(&inv), "-f", "soc2-2017", "--out", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(!dead.exists() && live.exists());
    let o = run(&["map", "-i", s(&inv), "-f", "soc2-2017", "--format", "csv", "--out", s(&inv)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("is an input of this run"), "{}", stderr(&o));
    assert_eq!(std::fs::read(&inv).unwrap(), b"Name,Model\nWeb,IaaS\n");

    let rep = dir.path().join("rep");
    let o = report_cmd(&rep, "Org-A").output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let md = rep.join("responsibility-matrix.md");
    std::fs::set_permissions(&md, std::fs::Permissions::from_mode(0o600)).unwrap();
    let o = report_cmd(&rep, "Org-B").output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(std::fs::metadata(&md).unwrap().permissions().mode() & 0o777, 0o600);
    assert_eq!(set_org(&rep).as_deref(), Some("Org-B"));
}

/// A tiny xorshift, so the kill moments differ run to run without a dependency.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

#[test]
fn kills_at_random_moments_leave_a_whole_set_and_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    let started = Instant::now();
    let o = report_cmd(&out, "Org-A").output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let full = started.elapsed().as_millis() as u64 + 50;
    std::fs::write(out.join("notes.txt"), "reviewer notes").unwrap();
    let mut seed = 0x9E37_79B9_7F4A_7C15 ^ std::process::id() as u64;
    let mut last = "Org-A".to_string();
    for i in 0..20 {
        let org = if i % 2 == 0 { "Org-B" } else { "Org-A" };
        let mut child = report_cmd(&out, org).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(next(&mut seed) % full));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            last = org.to_string();
        }
        // Whole set: the previous one, or the new one when the kill came after the swap.
        let now = set_org(&out).expect("a report is still there");
        assert!(now == last || now == org, "run {i}: {now}");
        last = now;
    }
    let o = report_cmd(&out, "Org-A").output().unwrap();
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(set_org(&out).as_deref(), Some("Org-A"));
    let mut names: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    let mut want: Vec<String> = NAMES.iter().map(|n| n.to_string()).chain(["notes.txt".to_string()]).collect();
    want.sort();
    assert_eq!(names, want, "leftovers of killed runs remain");
}

#[test]
fn two_runs_into_one_folder_leave_one_whole_set() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    for _ in 0..3 {
        let a = report_cmd(&out, "Org-A").stderr(Stdio::piped()).spawn().unwrap();
        let b = report_cmd(&out, "Org-B").stderr(Stdio::piped()).spawn().unwrap();
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        for o in [&a, &b] {
            let c = code(o);
            assert!(c == 0 || (c == 2 && stderr(o).contains("another respmatrix run")), "{c}: {}", stderr(o));
        }
        assert!(code(&a) == 0 || code(&b) == 0, "{} / {}", stderr(&a), stderr(&b));
        set_org(&out).expect("a whole set");
        assert!(!out.join(".respmatrix.lock").exists());
    }
}
