//! Every in-memory artifact of a report, rendered in parallel: each renderer is independent and
//! pure, so they share the cores and the slowest (the workbook) sets the pace.

use crate::error::Result;
use crate::render;
use crate::report::Report;

/// The JSON matrix's file name; it is streamed to disk, not rendered into memory.
pub const JSON_FILE: &str = "matrix.json";

/// A renderer: a pure function from the report to the artifact's bytes.
pub type Renderer = fn(&Report) -> Result<Vec<u8>>;

/// The artifacts `report` writes besides `matrix.json`, in the order they are listed.
pub const ARTIFACTS: [(&str, Renderer); 4] = [
    (render::xlsx::FILE_NAME, render::xlsx::render),
    (render::pdf::FILE_NAME, render::pdf::render),
    ("responsibility-matrix.html", render::html::render_html),
    ("responsibility-matrix.md", render::markdown::render_markdown),
];

/// Renders every artifact on its own thread; `done` hears each file name as it finishes. The
/// first error (in list order) wins; nothing is returned unless all rendered.
pub fn render_all(report: &Report, done: impl Fn(&str) + Sync) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let results: Vec<(&'static str, Result<Vec<u8>>)> = std::thread::scope(|s| {
        let handles: Vec<_> = ARTIFACTS
            .iter()
            .map(|&(name, render)| {
                let done = &done;
                (
                    name,
                    s.spawn(move || {
                        let bytes = render(report);
                        done(name);
                        bytes
                    }),
                )
            })
            .collect();
        handles.into_iter().map(|(name, h)| (name, h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))).collect()
    });
    results.into_iter().map(|(name, r)| r.map(|bytes| (name, bytes))).collect()
}
