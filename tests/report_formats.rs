//! `report --formats`: only the chosen artifacts are rendered and swapped in, as a set; the
//! others in the folder are left as they were; an unknown name is a usage error.

mod common;
use common::*;
use std::path::Path;

const ALL: [&str; 5] = [
    "matrix.json",
    "responsibility-matrix.xlsx",
    "responsibility-matrix.pdf",
    "responsibility-matrix.html",
    "responsibility-matrix.md",
];

fn report(out: &Path, extra: &[&str]) -> std::process::Output {
    let cfg = root().join("samples/respmatrix.yaml");
    let mut args = vec!["report", "--config", s(&cfg), "--out", s(out)];
    args.extend_from_slice(extra);
    run(&args)
}

fn files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

#[test]
fn only_the_chosen_artifacts_are_written_and_they_are_the_full_reports_own() {
    let dir = tempfile::tempdir().unwrap();
    let full = dir.path().join("full");
    assert_eq!(code(&report(&full, &["-q"])), 0);
    assert_eq!(files(&full).len(), 5, "all five by default: {:?}", files(&full));

    let book = dir.path().join("book");
    let o = report(&book, &["--formats", "xlsx"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(files(&book), ["responsibility-matrix.xlsx"]);
    let name = "responsibility-matrix.xlsx";
    assert!(std::fs::read(book.join(name)).unwrap() == std::fs::read(full.join(name)).unwrap(), "the same workbook");

    let two = dir.path().join("two");
    let o = report(&two, &["--formats", "md,json,md"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(files(&two), ["matrix.json", "responsibility-matrix.md"]);
    for name in ["matrix.json", "responsibility-matrix.md"] {
        assert!(std::fs::read(two.join(name)).unwrap() == std::fs::read(full.join(name)).unwrap(), "{name}");
    }

    // The full report renders the HTML and the Markdown report from one page model; alone, each
    // builds its own. The pages are the same.
    let page = dir.path().join("page");
    let o = report(&page, &["--formats", "html"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let name = "responsibility-matrix.html";
    assert!(std::fs::read(page.join(name)).unwrap() == std::fs::read(full.join(name)).unwrap(), "the same page");
}

#[test]
fn the_other_artifacts_are_left_as_they_were_and_the_user_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_eq!(code(&report(&out, &["-q", "--org", "First"])), 0);
    let before: Vec<Vec<u8>> = ALL.iter().map(|n| std::fs::read(out.join(n)).unwrap()).collect();
    let o = report(&out, &["--org", "Second", "--formats", "html,json"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    for (name, old) in ALL.iter().zip(&before) {
        let now = std::fs::read(out.join(name)).unwrap();
        // matrix.json is rewritten too, byte for byte the same: the organization is not in it.
        let changes = name.ends_with(".html");
        assert_eq!(now != *old, changes, "{name} changed: {}", now != *old);
    }
    assert!(std::fs::read_to_string(out.join("responsibility-matrix.html")).unwrap().contains("Second"));
    let err = stderr(&o);
    assert!(
        err.contains("left as they were (not in --formats):") && err.contains("responsibility-matrix.pdf"),
        "{err}"
    );
    assert_eq!(files(&out).len(), 5, "no staging folder or lock left: {:?}", files(&out));
}

#[test]
fn a_failing_chosen_artifact_leaves_the_whole_folder_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    assert_eq!(code(&report(&out, &["-q"])), 0);
    let before: Vec<Vec<u8>> = ALL.iter().map(|n| std::fs::read(out.join(n)).unwrap()).collect();
    let t = dir.path().join("templates");
    std::fs::create_dir(&t).unwrap();
    std::fs::write(t.join("matrix.html.hbs"), "<p>\n  {{meta.organisation}}</p>\n").unwrap();
    let o = report(&out, &["--org", "Other", "--formats", "json,html", "--templates", s(&t)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    for (name, old) in ALL.iter().zip(&before) {
        assert!(std::fs::read(out.join(name)).unwrap() == *old, "{name} changed though the set failed");
    }
    assert_eq!(files(&out).len(), 5, "{:?}", files(&out));

    // A broken Markdown template fails the whole report, though the HTML page shares its model.
    std::fs::remove_file(t.join("matrix.html.hbs")).unwrap();
    std::fs::write(t.join("framework.md.hbs"), "## {{title}}\n{{#each controls}}\n").unwrap();
    let o = report(&out, &["--org", "Other", "--templates", s(&t)]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("framework.md.hbs"), "the error names the template: {}", stderr(&o));
    for (name, old) in ALL.iter().zip(&before) {
        assert!(std::fs::read(out.join(name)).unwrap() == *old, "{name} changed though the set failed");
    }
}

#[test]
fn an_unknown_format_or_carrying_reviews_without_the_workbook_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = report(&out, &["--formats", "xlsx,docx"]);
    assert_eq!(code(&o), 2);
    let err = stderr(&o);
    assert!(err.contains("docx") && err.contains("xlsx, pdf, html, md, json"), "{err}");
    assert!(!out.exists(), "nothing written");

    assert_eq!(code(&report(&out, &["-q"])), 0);
    let o = report(&out, &["--formats", "pdf", "--previous", s(&out)]);
    assert_eq!(code(&o), 2);
    assert!(stderr(&o).contains("add xlsx to --formats"), "{}", stderr(&o));
}
