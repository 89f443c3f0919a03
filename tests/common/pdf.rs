//! Reading a PDF's navigation back: its link annotations (lopdf) and its bookmarks (qpdf).

use std::path::Path;
use std::process::Command;

/// Every link annotation of the PDF: (page number it is on, page number it leads to), from 1.
pub fn links(pdf: &Path) -> Vec<(u32, u32)> {
    let doc = lopdf::Document::load(pdf).expect("lopdf reads the PDF");
    let number: std::collections::HashMap<lopdf::ObjectId, u32> =
        doc.get_pages().into_iter().map(|(n, id)| (id, n)).collect();
    let mut out = Vec::new();
    for (n, id) in doc.get_pages() {
        let Ok(page) = doc.get_dictionary(id) else { continue };
        let Ok(annots) = page.get(b"Annots").and_then(|a| a.as_array()) else { continue };
        for a in annots {
            let d = doc.get_dictionary(a.as_reference().unwrap()).unwrap();
            assert_eq!(d.get(b"Subtype").unwrap().as_name().unwrap(), b"Link");
            let dest = d.get(b"Dest").unwrap().as_array().unwrap();
            let target =
                number.get(&dest[0].as_reference().unwrap()).copied().expect("the link leads to a page of this PDF");
            out.push((n, target));
        }
    }
    out
}

/// The bookmarks in reading order: (title, page number from 1, depth from 0), from `qpdf --json`.
pub fn outline(pdf: &Path) -> Vec<(String, u32, usize)> {
    let o = Command::new("qpdf")
        .args(["--json", "--json-key=outlines"])
        .arg(pdf)
        .output()
        .expect("qpdf runs (Debian package qpdf)");
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).expect("qpdf prints JSON");
    let mut marks = Vec::new();
    fn walk(o: &serde_json::Value, level: usize, out: &mut Vec<(String, u32, usize)>) {
        out.push((o["title"].as_str().unwrap().to_string(), o["destpageposfrom1"].as_u64().unwrap() as u32, level));
        for k in o["kids"].as_array().into_iter().flatten() {
            walk(k, level + 1, out);
        }
    }
    for top in json["outlines"].as_array().expect("the PDF has bookmarks") {
        walk(top, 0, &mut marks);
    }
    marks
}
