//! `report --formats profiles` writes responsibilities-by-profile.pdf: a valid PDF (qpdf) with
//! one section per service model, each holding every control that asks something of the
//! organization for one of the model's services and none that does not, every contents entry a
//! working link, nothing cut off. Needs qpdf and poppler-utils (skipped with a reason outside CI).

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

const PDF: &str = "responsibilities-by-profile.pdf";

fn pdftotext(pdf: &Path, pages: Option<(u32, u32)>) -> String {
    let mut args: Vec<String> = vec!["-layout".into()];
    if let Some((from, to)) = pages {
        args.extend(["-f".into(), from.to_string(), "-l".into(), to.to_string()]);
    }
    args.extend([s(pdf).to_string(), "-".into()]);
    let o = Command::new("pdftotext").args(&args).output().expect("pdftotext runs");
    assert!(o.status.success(), "pdftotext: {}", stderr(&o));
    String::from_utf8(o.stdout).unwrap()
}

/// The first and last page of each top-level section, by its bookmark.
fn sections(pdf: &Path, total: u32) -> Vec<(String, u32, u32)> {
    let top: Vec<(String, u32)> =
        common::pdf::outline(pdf).into_iter().filter(|m| m.2 == 0).map(|m| (m.0, m.1)).collect();
    (0..top.len())
        .map(|i| {
            let end = top.get(i + 1).map_or(total, |next| next.1 - 1);
            (top[i].0.clone(), top[i].1, end.max(top[i].1))
        })
        .collect()
}

fn pages(pdf: &Path) -> u32 {
    lopdf::Document::load(pdf).unwrap().get_pages().len() as u32
}

#[test]
fn each_service_model_gets_a_section_with_the_controls_that_ask_something_of_the_organization() {
    if !common::have("qpdf", "qpdf") || !common::have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    let config = root().join("samples/respmatrix.yaml");
    let o = run(&["report", "--config", s(&config), "--out", s(&out), "--formats", "profiles", "-q"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    // Only what --formats asked for.
    let written: Vec<String> =
        std::fs::read_dir(&out).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert_eq!(written, [PDF]);
    let pdf = out.join(PDF);
    let check = Command::new("qpdf").arg("--check").arg(&pdf).output().unwrap();
    assert!(check.status.success(), "{}", stdout(&check));

    let total = pages(&pdf);
    let sections = sections(&pdf, total);
    let titles: Vec<&str> = sections.iter().map(|(t, _, _)| t.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Cover",
            "Contents",
            "Profiles",
            "On-premises",
            "Infrastructure as a Service",
            "Containers",
            "Platform as a Service",
            "Serverless",
            "Abstracted services",
            "Software as a Service",
            "About this report"
        ]
    );
    let text_of = |title: &str| {
        let (_, from, to) = sections.iter().find(|(t, _, _)| t == title).unwrap();
        pdftotext(&pdf, Some((*from, *to)))
    };
    // Physical security is the organization's in its own datacentre and inherited for every
    // cloud service: it is in the on-premises section only.
    let on_prem = text_of("On-premises");
    assert!(on_prem.contains("A.11.1.1 · Site boundaries"), "{on_prem}");
    assert!(on_prem.contains("All 4 services of this profile"), "{on_prem}");
    for cloud in ["Infrastructure as a Service", "Software as a Service"] {
        assert!(!text_of(cloud).contains("A.11.1.1 ·"), "{cloud} lists a control it inherits");
    }
    // Vulnerability management is shared on IaaS (the organization patches its guests) and
    // inherited for SaaS.
    let iaas = text_of("Infrastructure as a Service");
    assert!(iaas.contains("A.12.6.1 · Fixing technical vulnerabilities · Shared"), "{iaas}");
    assert!(iaas.contains("Patient Portal Web Tier") && iaas.contains("HL7 Interface Engine"), "{iaas}");
    assert!(!text_of("Software as a Service").contains("A.12.6.1 ·"));

    // Nothing cut off, and every contents entry a link to the page it prints.
    let all = pdftotext(&pdf, None);
    assert!(!all.contains('…'), "a cut-off text");
    let marks = common::pdf::outline(&pdf);
    let printed: Vec<u32> =
        marks.iter().filter(|m| m.0 != "Cover" && m.0 != "Contents" && m.2 <= 1).map(|m| m.1).collect();
    let from_toc: Vec<u32> = common::pdf::links(&pdf).into_iter().filter(|(p, _)| *p == 2).map(|(_, t)| t).collect();
    assert_eq!(from_toc, printed, "one link per contents entry, to its page");

    // The same inputs give the same bytes.
    let again = dir.path().join("again");
    let o = run(&["report", "--config", s(&config), "--out", s(&again), "--formats", "profiles", "-q"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(std::fs::read(&pdf).unwrap() == std::fs::read(again.join(PDF)).unwrap(), "not reproducible");
}
