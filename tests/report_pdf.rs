//! `report` writes responsibility-matrix.pdf: a valid PDF (qpdf), with every control and
//! service findable (pdftotext), no text off the page, the same bytes every run, and grouped,
//! still legible columns for wide inventories. Needs qpdf and poppler-utils: the tests fail,
//! never skip, without them.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const PDF: &str = "responsibility-matrix.pdf";

/// Runs an external checker; panics naming the Debian package when it is missing.
fn tool(name: &str, package: &str, args: &[&str]) -> std::process::Output {
    Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed to check the PDF but could not run ({e}): install the Debian package {package} (apt-get install {package})")
    })
}

fn pdftotext(args: &[&str]) -> String {
    let o = tool("pdftotext", "poppler-utils", args);
    assert!(o.status.success(), "pdftotext {args:?}: {}", stderr(&o));
    String::from_utf8(o.stdout).expect("pdftotext prints UTF-8")
}

fn sample_config() -> String {
    root().join("samples/respmatrix.yaml").to_str().unwrap().to_string()
}

/// Runs `report` with `args` into a fresh folder and returns it.
fn report(dir: &tempfile::TempDir, name: &str, args: &[&str]) -> PathBuf {
    let out = dir.path().join(name);
    let mut full = vec!["report", "--out", s(&out), "-q"];
    full.extend_from_slice(args);
    let o = run(&full);
    assert_eq!(code(&o), 0, "report failed: {}", stderr(&o));
    out
}

/// Words of every page with their boxes, from `pdftotext -bbox`.
struct Page {
    width: f32,
    height: f32,
    words: Vec<(String, [f32; 4])>,
}

fn attr(tag: &str, name: &str) -> f32 {
    let key = format!("{name}=\"");
    let start = tag.find(&key).unwrap_or_else(|| panic!("no {name} in {tag}")) + key.len();
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

fn bbox(pdf: &Path) -> Vec<Page> {
    let xml = pdftotext(&["-bbox", s(pdf), "-"]);
    let mut pages: Vec<Page> = Vec::new();
    for line in xml.lines().map(str::trim) {
        if line.starts_with("<page ") {
            pages.push(Page { width: attr(line, "width"), height: attr(line, "height"), words: Vec::new() });
        } else if line.starts_with("<word ") {
            let text = line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()].to_string();
            let b = [attr(line, "xMin"), attr(line, "yMin"), attr(line, "xMax"), attr(line, "yMax")];
            pages.last_mut().expect("a page before words").words.push((text, b));
        }
    }
    pages
}

/// Text with all whitespace runs as single spaces, so wrapped cells read as one line.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_on_page(pages: &[Page]) {
    for (i, p) in pages.iter().enumerate() {
        for (w, [x0, y0, x1, y1]) in &p.words {
            let inside = *x0 >= -0.5 && *y0 >= -0.5 && *x1 <= p.width + 0.5 && *y1 <= p.height + 0.5;
            assert!(inside, "page {}: {w:?} at {x0},{y0}–{x1},{y1} leaves the {}×{} page", i + 1, p.width, p.height);
        }
    }
}

/// Every word's font is at least 5 pt: a word's box is as tall as its font (as wide, when it
/// reads upwards; only long words are told apart that way, short ones are taken as horizontal).
fn assert_legible(pages: &[Page]) {
    for (i, p) in pages.iter().enumerate() {
        for (w, [x0, y0, x1, y1]) in &p.words {
            let (width, height) = (x1 - x0, y1 - y0);
            let upwards = w.chars().count() >= 5 && height > width;
            let size = if upwards { width } else { height };
            assert!(size >= 5.0, "page {}: {w:?} is {size:.1} pt, too small to read", i + 1);
        }
    }
}

#[test]
fn the_pdf_is_valid_deterministic_and_names_every_control_and_service() {
    if !common::have("qpdf", "qpdf") || !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let a = report(&dir, "a", &["--config", &sample_config()]);
    let b = report(&dir, "b", &["--config", &sample_config()]);
    let bytes = std::fs::read(a.join(PDF)).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(bytes, std::fs::read(b.join(PDF)).unwrap(), "two runs give different bytes");

    let check = tool("qpdf", "qpdf", &["--check", s(&a.join(PDF))]);
    assert!(check.status.success(), "qpdf --check failed:\n{}{}", stdout(&check), stderr(&check));

    let text = flat(&pdftotext(&[s(&a.join(PDF)), "-"]));
    let m = common::read_matrix(&a.join("matrix.json"));
    let controls = m["controls"].as_array().unwrap();
    assert_eq!(controls.len(), 288);
    for c in controls {
        let id = c["id"].as_str().unwrap();
        assert!(text.contains(id), "control {id} is not in the PDF text");
    }
    for svc in m["services"].as_array().unwrap() {
        let name = svc["name"].as_str().unwrap();
        assert!(text.contains(name), "service {name:?} is not in the PDF text");
    }
    assert!(text.contains("Zürich File Server"));
    for needle in ["Northwind Health Analytics", "2026-01-01 to 2026-12-31", "2026-11-30", "respmatrix 0.1.0"] {
        assert!(text.contains(needle), "cover lacks {needle:?}");
    }
    for needle in ["NIST Cybersecurity Framework (CSF) 2.0", "version 2.0", "Executive summary", "Legend"] {
        assert!(text.contains(needle), "missing {needle:?}");
    }
    assert!(text.contains("What the provider does") && text.contains("What the organization must do"));
    assert!(text.contains("One column per in-scope service (25)"), "26 services should get one column each");

    let pages = bbox(&a.join(PDF));
    let last = format!("Page {n} of {n}", n = pages.len());
    assert!(text.contains("Page 1 of ") && text.contains(&last), "no \"Page N of M\" footer");
    assert_on_page(&pages);
    assert_legible(&pages);
    let landscape = pages.iter().filter(|p| p.width > p.height).count();
    assert!(landscape > 0 && landscape < pages.len(), "the matrix is landscape, the cover portrait");
}

#[test]
fn bookmarks_lead_to_each_section_and_framework() {
    if !common::have("qpdf", "qpdf") || !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = report(&dir, "r", &["--config", &sample_config()]);
    let o = tool("qpdf", "qpdf", &["--json", "--json-key=outlines", s(&out.join(PDF))]);
    assert!(o.status.success(), "{}", stderr(&o));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let top: Vec<&serde_json::Value> = json["outlines"].as_array().unwrap().iter().collect();
    let titles: Vec<&str> = top.iter().map(|o| o["title"].as_str().unwrap()).collect();
    assert_eq!(
        titles,
        [
            "Cover",
            "Contents",
            "Executive summary",
            "Services in scope",
            "Responsibility matrix",
            "Responsibilities by control",
            "Statement of Applicability: iso-27017-2015",
            "Exceptions",
            "About this report"
        ]
    );
    for section in &top[4..6] {
        let kids: Vec<&str> =
            section["kids"].as_array().unwrap().iter().map(|k| k["title"].as_str().unwrap()).collect();
        assert_eq!(kids.len(), 3, "{kids:?}");
        assert!(kids[0].starts_with("NIST Cybersecurity Framework"), "{kids:?}");
    }
    let pages: Vec<i64> = top.iter().map(|o| o["destpageposfrom1"].as_i64().unwrap()).collect();
    assert!(pages.windows(2).all(|w| w[0] < w[1]), "sections in page order: {pages:?}");
}

/// An inventory of `n` services cycling through the sample rows, with numbered names.
fn wide_inventory(dir: &tempfile::TempDir, n: usize) -> PathBuf {
    let sample = std::fs::read_to_string(root().join("samples/inventory.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(sample.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    for i in 0..n {
        let mut row: Vec<String> = rows[i % rows.len()].iter().map(str::to_string).collect();
        row[0] = format!("{}-{i:02}", row[0]);
        row[1] = format!("{} {i:02}", row[1]);
        row[8] = "Yes".into();
        w.write_record(&row).unwrap();
    }
    fixture(dir, "wide.csv", &w.into_inner().unwrap())
}

#[test]
fn a_wide_inventory_gets_grouped_columns_that_stay_legible() {
    if !common::have("qpdf", "qpdf") || !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inv = wide_inventory(&dir, 60);
    let out = report(&dir, "wide", &["-i", s(&inv), "--date", "2026-11-30"]);
    let pdf = out.join(PDF);
    let check = tool("qpdf", "qpdf", &["--check", s(&pdf)]);
    assert!(check.status.success(), "qpdf --check failed:\n{}", stdout(&check));
    let text = flat(&pdftotext(&[s(&pdf), "-"]));
    assert!(text.contains("do not fit one column each"), "60 services should be grouped");
    assert!(text.contains("group them by service model"));
    assert!(text.contains("responsibility-matrix.xlsx"), "grouped matrix points to the workbook");
    assert!(text.contains("Infrastructure as a Service (") && text.contains("Software as a Service ("));
    assert!(text.contains("Zürich File Server 25"));
    let pages = bbox(&pdf);
    assert_on_page(&pages);
    assert_legible(&pages);
}

#[test]
fn paper_and_grouping_follow_the_options() {
    if !common::have("qpdf", "qpdf") || !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = report(&dir, "letter", &["--config", &sample_config(), "--paper", "letter", "--group-by", "provider"]);
    let pages = bbox(&out.join(PDF));
    for p in &pages {
        let (w, h) = if p.width > p.height { (p.height, p.width) } else { (p.width, p.height) };
        assert!((w - 612.0).abs() < 0.5 && (h - 792.0).abs() < 0.5, "not US Letter: {}×{}", p.width, p.height);
    }
    assert_on_page(&pages);
    let text = flat(&pdftotext(&[s(&out.join(PDF)), "-"]));
    assert!(
        text.contains("(--group-by provider), the columns group the 25 in-scope services by provider"),
        "--group-by provider is honoured even when services fit"
    );
    assert!(text.contains("Microsoft Azure ("), "a provider column");
}

#[test]
fn characters_the_font_lacks_are_marked_in_the_pdf_and_reported() {
    if !common::have("qpdf", "qpdf") || !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inv = fixture(
        &dir,
        "inv.csv",
        "Service,Provider,Provider Service\n東京 Web,aws,Amazon EC2\nOrders DB,aws,Amazon RDS\n".as_bytes(),
    );
    let out = dir.path().join("out");
    let o = run(&["report", "-i", s(&inv), "--out", s(&out)]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("responsibility-matrix.pdf: the PDF's font (DejaVu Sans) has no glyph for 2 character(s) (京 東) in service \"東京 Web\""), "{err}");
    let pdf = out.join(PDF);
    let text = pdftotext(&[s(&pdf), "-"]);
    assert!(text.contains("\u{FFFD}\u{FFFD} Web"), "the PDF marks the missing characters instead of dropping them");
    assert!(tool("qpdf", "qpdf", &["--check", s(&pdf)]).status.success());
    let md = std::fs::read_to_string(out.join("responsibility-matrix.md")).unwrap();
    assert!(md.contains("東京 Web"), "the Markdown keeps the name as written");
    let sample = run(&["report", "--config", &sample_config(), "--out", s(&dir.path().join("sample"))]);
    assert_eq!(code(&sample), 0, "{}", stderr(&sample));
    assert!(!stderr(&sample).contains("no glyph"), "Zürich and the sample's text are all covered");
}

#[test]
fn nothing_in_the_sample_pdf_is_cut_off() {
    if !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = report(&dir, "r", &["--config", &sample_config()]);
    let pdf = out.join("responsibility-matrix.pdf");
    let text = pdftotext(&["-layout", s(&pdf), "-"]);
    let cut: Vec<&str> = text.lines().filter(|l| l.contains('…')).collect();
    assert!(cut.is_empty(), "service lists, titles and justifications are wrapped, never cut: {cut:#?}");
    // Every service of a long grouped row is named.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in ["Active Directory", "Zürich File Server"] {
        assert!(flat.matches(name).count() > 5, "{name} is named wherever it is part of a row");
    }
}

/// How often `name` occurs in `text` not followed by a digit (`Orders DB 10`, not `… 100`).
fn occurrences(text: &str, name: &str) -> usize {
    text.match_indices(name).filter(|(i, _)| !text[i + name.len()..].starts_with(|c: char| c.is_ascii_digit())).count()
}

#[test]
fn a_row_taller_than_the_page_goes_on_overleaf_naming_every_service() {
    if !common::have("qpdf", "qpdf") || !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inv = wide_inventory(&dir, 150);
    let out = report(&dir, "wide", &["-i", s(&inv), "--date", "2026-11-30"]);
    let pdf = out.join(PDF);
    let check = tool("qpdf", "qpdf", &["--check", s(&pdf)]);
    assert!(check.status.success(), "qpdf --check failed:\n{}", stdout(&check));
    let text = pdftotext(&["-layout", s(&pdf), "-"]);
    let cut: Vec<&str> = text.lines().filter(|l| l.contains('…')).collect();
    assert!(cut.is_empty(), "nothing is cut off: {cut:#?}");
    // A row naming some 120 services is taller than the rest of its page: it goes on overleaf,
    // under the control's banner repeated.
    assert!(text.contains("(continued)"), "long rows continue under a repeated banner");
    // Read as text flows (each cell's lines together), not laid out side by side.
    let flat = flat(&pdftotext(&[s(&pdf), "-"]));
    let sample = std::fs::read_to_string(inv).unwrap();
    for row in sample.lines().skip(1) {
        let name = row.split(',').nth(1).unwrap().trim_matches('"');
        // Once on the services pages, and in every responsibilities row that covers it.
        assert!(occurrences(&flat, name) >= 2, "{name} is named in the responsibilities rows");
    }
    let pages = bbox(&pdf);
    assert_on_page(&pages);
    // Nothing runs into the page foot: below the top of the "Page N of M" line there is only
    // that line.
    for (i, p) in pages.iter().enumerate() {
        let foot = p.words.iter().rev().find(|(w, _)| w == "Page").map(|(_, b)| b[1]).expect("a page foot");
        let below: Vec<&String> =
            p.words.iter().filter(|(_, b)| b[3] > foot - 1.0 && (b[1] - foot).abs() > 1.0).map(|(w, _)| w).collect();
        assert!(below.is_empty(), "page {}: {below:?} in the page foot", i + 1);
    }
}

#[test]
fn document_control_is_on_the_cover_and_the_marking_on_every_page() {
    if !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root().join("samples/inventory.csv"), dir.path().join("inventory.csv")).unwrap();
    let project = dir.path().join("respmatrix.yaml");
    std::fs::write(
        &project,
        "organization: Northwind Health Analytics\nreport_date: 2026-11-30\ninventory: inventory.csv\nframeworks: [soc2-2017]\n\
         document:\n  version: \"1.2\"\n  classification: Confidential\n  prepared_by: Dana Lee (GRC)\n  reviewed_by: Sam Ortiz (Internal Audit)\n  approved_by: Alex Kim (CISO)\n",
    )
    .unwrap();
    let out = report(&dir, "r", &["--config", s(&project)]);
    let pdf = out.join("responsibility-matrix.pdf");
    let cover = pdftotext(&["-l", "1", s(&pdf), "-"]);
    for want in [
        "Document control",
        "Document version",
        "1.2",
        "Prepared by",
        "Dana Lee (GRC)",
        "Reviewed by",
        "Approved by",
        "Alex Kim (CISO)",
    ] {
        assert!(cover.contains(want), "cover lacks {want}: {cover}");
    }
    let all = pdftotext(&[s(&pdf), "-"]);
    let pages = all.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    // The footer of every page and the running header of every page after the cover.
    assert_eq!(
        all.matches("CONFIDENTIAL · Northwind Health Analytics").count(),
        2 * pages - 1,
        "marking on every page"
    );
    let summary = common::workbook::sheet(&out, "Summary");
    let rows: Vec<String> =
        (0..summary.height()).map(|r| summary.get((r, 1)).map(|d| d.to_string()).unwrap_or_default()).collect();
    assert!(rows.iter().any(|v| v == "Alex Kim (CISO)"), "the workbook's Summary names the approver");
}

#[test]
fn the_pdf_has_a_statement_of_applicability_for_each_iso_catalog() {
    if !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = report(&dir, "r", &["--config", &sample_config()]);
    let text = pdftotext(&[s(&out.join("responsibility-matrix.pdf")), "-"]);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Statement of Applicability: iso-27017-2015"), "SoA section");
    // The Zürich loading-area override is the exclusion an assessor reads in the SoA.
    let soa = &flat[flat.find("Statement of Applicability: iso-27017-2015").unwrap()..];
    assert!(soa.contains("A.11.1.6"), "every control is listed");
    assert!(soa.contains("delivery or loading area"), "the override's justification is the reason");
}

#[test]
fn services_pages_give_classification_exclusion_reasons_and_the_inventorys_product_text() {
    if !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let inv = fixture(
        &dir,
        "inv.csv",
        b"Name,Provider,Product,Data Classification,In Scope,Overrides,Notes\n\
          Orders DB,AWS,AWS::RDS::DBInstance,Restricted,yes,service-config=shared (AWS Managed Services sets the parameter groups with us),\n\
          Old Fax Gateway,Self,Fax server,Internal,no,,Decommissioned in Q3; no patient data since June\n\
          Legacy FTP,Self,File server,Internal,no,,\n",
    );
    let out = report(&dir, "r", &["-i", s(&inv), "-f", "soc2-2017", "--formats", "pdf,xlsx"]);
    // Reading order, not layout: each table cell comes out as one block.
    let text = pdftotext(&[s(&out.join(PDF)), "-"]);
    let flat = flat(&text);
    let page = &flat[flat.find("Services in scope 1 service").expect("the services page")..];
    let page = &page[..page.find("Page 3 of").unwrap_or(page.len())];
    for want in [
        "Data classification",
        "Restricted",
        "Out of scope: Decommissioned in Q3; no patient data since June",
        "Out of scope; the inventory gives no reason",
        "service-config=shared (AWS Managed Services sets the parameter groups with us)",
        "Amazon RDS (inventory: AWS::RDS::DBInstance)",
    ] {
        assert!(page.contains(want), "{want:?} on the services page: {page}");
    }

    let services = common::workbook::sheet(&out, "Services");
    let cells: Vec<String> = services.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.iter().any(|c| c == "Amazon RDS (inventory: AWS::RDS::DBInstance)"), "{cells:?}");
    assert!(
        cells.iter().any(|c| c == "service-config=shared (AWS Managed Services sets the parameter groups with us)"),
        "{cells:?}"
    );
}

#[test]
fn the_contents_page_lists_every_section_with_its_page_and_links_to_it() {
    if !common::have("pdftotext", "poppler-utils") || !common::have("qpdf", "qpdf") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = report(&dir, "r", &["--config", &sample_config()]);
    let pdf = out.join(PDF);
    let check = tool("qpdf", "qpdf", &["--check", s(&pdf)]);
    assert!(check.status.success(), "{}", stdout(&check));
    let toc = pdftotext(&["-layout", "-f", "2", "-l", "2", s(&pdf), "-"]);
    assert!(toc.contains("Contents"), "{toc}");
    // Entries: a title, a leader and the page number at the end of the line.
    let entries: Vec<(String, u32)> = toc
        .lines()
        .filter_map(|l| {
            let (title, n) = l.trim().rsplit_once(' ')?;
            Some((title.trim().to_string(), n.parse().ok()?))
        })
        .filter(|(t, _)| !t.is_empty() && !t.starts_with("Page") && !t.contains("·"))
        .collect();
    assert!(entries.len() >= 10, "{entries:?}");
    for want in ["Executive summary", "Services in scope", "Responsibility matrix", "About this report"] {
        assert!(entries.iter().any(|(t, _)| t == want), "{want} in {entries:?}");
    }
    // The same titles and pages as the bookmarks, in the same order; the matrix's families
    // (bookmarks under each framework) as `GV.OC 7 · GV.RM 7` lines under their framework.
    let mut marks = common::pdf::outline(&pdf);
    marks.retain(|(t, _, _)| t != "Cover" && t != "Contents");
    let upper: Vec<(String, u32)> = marks.iter().filter(|m| m.2 <= 1).map(|m| (m.0.clone(), m.1)).collect();
    assert_eq!(entries, upper);
    let families: Vec<(String, u32)> =
        marks.iter().filter(|m| m.2 == 2).map(|m| (m.0.split_whitespace().next().unwrap().to_string(), m.1)).collect();
    assert!(families.iter().any(|(id, _)| id == "GV.OC") && families.iter().any(|(id, _)| id == "CC6"), "{families:?}");
    let listed: Vec<(String, u32)> = toc
        .lines()
        .filter(|l| l.contains(" · ") && !l.contains("Page "))
        .flat_map(|l| l.split(" · ").map(str::trim).collect::<Vec<_>>())
        .filter_map(|item| {
            let (id, n) = item.rsplit_once(' ')?;
            Some((id.to_string(), n.parse().ok()?))
        })
        .collect();
    assert_eq!(listed, families, "every family of the matrix with its page");
    // One link per entry and per family, to the page it prints, in reading order.
    let all = common::pdf::links(&pdf);
    let from_toc: Vec<u32> = all.iter().filter(|(p, _)| *p == 2).map(|(_, t)| *t).collect();
    let printed: Vec<u32> = marks.iter().map(|m| m.1).collect();
    assert_eq!(from_toc, printed, "one link per entry, to the page it prints");
}

#[test]
fn exceptions_gather_overrides_not_applicable_decisions_and_exclusions() {
    if !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = report(&dir, "r", &["--config", &sample_config()]);
    let text = flat(&pdftotext(&[s(&out.join(PDF)), "-"]));
    let at = text.find("Exceptions Where a decision does not come from").expect("an Exceptions section");
    let section = &text[at..text[at..].find("About this report About this report").map_or(text.len(), |e| at + e)];
    // Every override of the sample, with its state.
    for label in
        ["zurich-no-loading-zone", "soc2-privacy-out-of-scope", "m365-secure-development", "dell-hardware-maintenance"]
    {
        assert!(section.contains(label), "{label}");
    }
    assert!(section.contains("(expired, ignored)"), "{section}");
    // Not applicable: the cloud-only controls on the own datacentre, grouped, with their services.
    assert!(section.contains("Cloud-only control; the services run in the organization's own datacentre"), "{section}");
    assert!(section.contains("CLD.6.3.1, CLD.8.1.5"), "{section}");
    assert!(
        section.contains("4 services: VMware Cluster, Backup Server, Active Directory, Zürich File Server"),
        "{section}"
    );
    // The privacy overrides' long justification is given once, in the overrides table.
    assert_eq!(section.matches("The 2026 SOC 2 Type II examination covers").count(), 1, "{section}");
    assert!(section.contains("GKE Dev Sandbox"), "{section}");
}
