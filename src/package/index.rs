//! The human index inside the bag: `README.md` and `index.html`, leading from each control to
//! who is responsible, what was requested and which evidence files answer it (with their
//! hashes), and to the provider attestations behind what is inherited.

use super::evidence::{Evidence, Links};
use super::requests::Request;
use crate::report::ReportMeta;
use crate::view::{ControlView, Matrix};
use std::collections::BTreeSet;
use std::fmt::Write;

/// What the index needs.
pub struct Index<'a> {
    pub matrix: &'a Matrix,
    pub meta: &'a ReportMeta,
    pub requests: &'a [Request],
    pub evidence: &'a [Evidence],
    pub links: &'a Links,
    /// Payload files (paths under `data/`) with what each is.
    pub contents: &'a [(String, String)],
}

/// The commands an assessor runs in the bag's folder, without respmatrix.
pub const VERIFY_COMMANDS: [&str; 4] = [
    "sha256sum -c manifest-sha256.txt",
    "sha512sum -c manifest-sha512.txt",
    "sha256sum -c tagmanifest-sha256.txt",
    "python3 -m bagit --validate .    # pip install bagit; also finds files added to data/",
];

impl Index<'_> {
    /// Requests per control and evidence per control, computed once.
    fn table(&self) -> Vec<(Vec<usize>, Vec<usize>)> {
        let by_cell = self.links.by_cell();
        let mut reqs: Vec<Vec<usize>> = vec![Vec::new(); self.matrix.controls.len()];
        for (ri, r) in self.requests.iter().enumerate() {
            for &ci in &r.controls {
                reqs[ci].push(ri);
            }
        }
        self.matrix
            .controls
            .iter()
            .enumerate()
            .map(|(ci, c)| {
                let ev: BTreeSet<usize> =
                    (0..c.cells.len()).filter_map(|si| by_cell.get(&(ci, si))).flatten().copied().collect();
                (std::mem::take(&mut reqs[ci]), ev.into_iter().collect())
            })
            .collect()
    }

    /// `README.md` of the payload.
    pub fn readme(&self) -> Vec<u8> {
        let (m, meta) = (self.matrix, self.meta);
        let mut s = String::new();
        let _ = writeln!(s, "# Evidence package: {}\n", one_line(&meta.organization));
        let _ = writeln!(s, "- Scope: {}", one_line(&meta.scope));
        let _ = writeln!(s, "- Period: {}", one_line(&meta.period));
        let _ = writeln!(s, "- Report date: {}", meta.date_text());
        let _ = writeln!(s, "- Generator: {}\n", m.generator);
        s.push_str("Open `index.html` in this folder for the same index with links.\n\n## Verify\n\n");
        s.push_str("In the bag's top folder (the one holding `bagit.txt`):\n\n```sh\n");
        for c in VERIFY_COMMANDS {
            let _ = writeln!(s, "{c}");
        }
        s.push_str("```\n\n## Contents (under `data/`)\n\n");
        for (path, what) in self.contents {
            let _ = writeln!(s, "- `{path}`: {what}");
        }
        s.push_str("\n## Controls\n\nEach control: who is responsible, the requests (see `request-list.csv`), the evidence (see `evidence-manifest.csv`).\n");
        let table = self.table();
        for (fi, f) in m.frameworks.iter().enumerate() {
            let _ = writeln!(s, "\n### {} ({})\n", one_line(&f.title), f.id);
            for (ci, c) in m.controls.iter().enumerate().filter(|(_, c)| c.framework == fi) {
                let (reqs, ev) = &table[ci];
                let _ = write!(s, "- `{}` {}: {}", c.id, one_line(&c.display_title()), responsibility(c));
                if !reqs.is_empty() {
                    let ids: Vec<&str> = reqs.iter().map(|&r| self.requests[r].id.as_str()).collect();
                    let _ = write!(s, "; requests {}", ids.join(", "));
                }
                if !ev.is_empty() {
                    let ids: Vec<String> = ev.iter().map(|&e| evidence_label(&self.evidence[e])).collect();
                    let _ = write!(s, "; evidence {}", ids.join(", "));
                }
                s.push('\n');
            }
        }
        s.into_bytes()
    }

    /// `index.html` of the payload: one self-contained page, no scripts.
    pub fn html(&self) -> Vec<u8> {
        let (m, meta) = (self.matrix, self.meta);
        let mut s = String::new();
        let org = esc(&meta.organization);
        let _ = write!(
            s,
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Evidence package: {org}</title>\n\
             <style>body{{font-family:sans-serif;margin:2em;max-width:110em}}table{{border-collapse:collapse;width:100%;margin-bottom:2em}}\
             th,td{{border:1px solid #bbb;padding:.3em .5em;vertical-align:top;text-align:left;font-size:.9em}}th{{background:#eee}}\
             code{{font-size:.85em;word-break:break-all}}.finding{{color:#a00}}</style>\n</head>\n<body>\n\
             <h1>Evidence package: {org}</h1>\n<p>Scope: {}<br>Period: {}<br>Report date: {}<br>Generator: {}</p>\n",
            esc(&meta.scope),
            esc(&meta.period),
            esc(&meta.date_text()),
            esc(&m.generator)
        );
        s.push_str("<h2 id=\"verify\">Verify</h2>\n<p>In the bag's top folder (the one holding <code>bagit.txt</code>):</p>\n<pre>");
        for c in VERIFY_COMMANDS {
            let _ = writeln!(s, "{}", esc(c));
        }
        s.push_str("</pre>\n<h2 id=\"contents\">Contents</h2>\n<ul>\n");
        for (path, what) in self.contents {
            let href = path.strip_prefix("data/").unwrap_or(path);
            let _ = writeln!(s, "<li><a href=\"{}\">{}</a>: {}</li>", esc(href), esc(path), esc(what));
        }
        s.push_str("</ul>\n");
        self.html_controls(&mut s);
        self.html_requests(&mut s);
        self.html_evidence(&mut s);
        s.push_str("</body>\n</html>\n");
        s.into_bytes()
    }

    fn html_controls(&self, s: &mut String) {
        let m = self.matrix;
        let table = self.table();
        s.push_str("<h2 id=\"controls\">Controls</h2>\n");
        for (fi, f) in m.frameworks.iter().enumerate() {
            let _ = writeln!(s, "<h3>{} (<code>{}</code>)</h3>", esc(&f.title), esc(&f.id));
            s.push_str("<table>\n<tr><th>Control</th><th>Title</th><th>Responsibility</th><th>Requests</th><th>Evidence</th></tr>\n");
            for (ci, c) in m.controls.iter().enumerate().filter(|(_, c)| c.framework == fi) {
                let (reqs, ev) = &table[ci];
                let reqs: Vec<String> = reqs
                    .iter()
                    .map(|&r| {
                        let q = &self.requests[r];
                        let n = q.services.len();
                        let noun = if n == 1 { "service" } else { "services" };
                        format!("<a href=\"#{0}\">{0}</a> ({1}, {n} {noun})", esc(&q.id), q.status.id())
                    })
                    .collect();
                let ev: Vec<String> = ev.iter().map(|&e| evidence_link(&self.evidence[e])).collect();
                let _ = writeln!(
                    s,
                    "<tr id=\"c-{}-{}\"><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&f.id),
                    esc(&c.id),
                    esc(&c.id),
                    esc(&c.display_title()),
                    esc(&responsibility(c)),
                    reqs.join("<br>"),
                    ev.join("<br>")
                );
            }
            s.push_str("</table>\n");
        }
    }

    fn html_requests(&self, s: &mut String) {
        let m = self.matrix;
        s.push_str("<h2 id=\"requests\">Requests</h2>\n<table>\n<tr><th>Request</th><th>Type</th><th>Controls</th><th>Services</th>\
                    <th>What to provide</th><th>Owner</th><th>Due</th><th>State</th><th>Evidence</th></tr>\n");
        for r in self.requests {
            let controls: Vec<String> = r
                .controls
                .iter()
                .map(|&ci| {
                    let c = &m.controls[ci];
                    let fw = &m.frameworks[c.framework].id;
                    format!("<a href=\"#c-{}-{}\">{} {}</a>", esc(fw), esc(&c.id), esc(fw), esc(&c.id))
                })
                .collect();
            let services: Vec<String> = r.services.iter().map(|&si| esc(&m.services[si].name)).collect();
            let ev: Vec<String> = r.evidence.iter().map(|&e| evidence_link(&self.evidence[e])).collect();
            let _ = writeln!(
                s,
                "<tr id=\"{}\"><td><code>{}</code></td><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&r.id),
                esc(&r.id),
                r.kind.id(),
                r.status.id(),
                controls.join(", "),
                services.join(", "),
                esc(&r.provide),
                esc(&r.owner),
                esc(&r.due),
                r.state(self.evidence),
                ev.join("<br>")
            );
        }
        s.push_str("</table>\n");
    }

    fn html_evidence(&self, s: &mut String) {
        s.push_str("<h2 id=\"evidence\">Evidence</h2>\n<table>\n<tr><th>Evidence</th><th>File</th><th>SHA-256</th><th>Size</th>\
                    <th>Collected / effective / valid until</th><th>Source and method</th><th>Serves</th><th>Findings</th></tr>\n");
        for e in self.evidence {
            let r = &e.reference;
            let file = match &e.content {
                Some(c) => format!("<a href=\"{0}\">data/{0}</a>", esc(&c.bag_path)),
                None => esc(&r.written),
            };
            let d = |d: Option<crate::model::Date>| d.map(|d| d.to_string()).unwrap_or_else(|| "–".into());
            let findings: Vec<String> = e
                .findings
                .iter()
                .map(|f| format!("<span class=\"finding\">{}: {}</span>", f.kind.id(), esc(&f.message)))
                .collect();
            let _ = writeln!(
                s,
                "<tr id=\"ev-{}\"><td><code>{}</code><br>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{} / {} / {}</td><td>{}<br>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&r.id),
                esc(&r.id),
                esc(&r.title),
                file,
                e.content.as_ref().map(|c| c.sha256.as_str()).unwrap_or(""),
                e.content.as_ref().map(|c| c.size.to_string()).unwrap_or_default(),
                d(r.collected),
                d(r.effective),
                d(r.valid_until),
                esc(&r.source),
                esc(&r.method),
                esc(&super::evidence::join_serves(&r.serves)),
                findings.join("<br>")
            );
        }
        s.push_str("</table>\n");
    }
}

/// `mixed: 3 inherited, 10 shared, 2 customer, 0 not applicable`.
fn responsibility(c: &ControlView) -> String {
    let k = &c.counts;
    format!(
        "{}: {} inherited, {} shared, {} customer, {} not applicable",
        c.status.id(),
        k.inherited,
        k.shared,
        k.customer,
        k.not_applicable
    )
}

fn evidence_label(e: &Evidence) -> String {
    match &e.content {
        Some(c) => format!("{} (`data/{}`, sha256 {})", e.reference.id, c.bag_path, &c.sha256[..12]),
        None => format!("{} (not in the package)", e.reference.id),
    }
}

fn evidence_link(e: &Evidence) -> String {
    let id = esc(&e.reference.id);
    let flag = if e.findings.is_empty() { "" } else { " <span class=\"finding\">(finding)</span>" };
    match &e.content {
        Some(c) => format!(
            "<a href=\"#ev-{id}\">{id}</a> <a href=\"{}\">file</a> <code title=\"{}\">sha256 {}…</code>{flag}",
            esc(&c.bag_path),
            c.sha256,
            &c.sha256[..12]
        ),
        None => format!("<a href=\"#ev-{id}\">{id}</a>{flag}"),
    }
}

fn one_line(t: &str) -> String {
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HTML text and attribute escaping.
pub fn esc(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
