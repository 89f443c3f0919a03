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

/// Renders the artifacts in two lanes, the workbook (the slowest) on one thread and the others
/// one after another on a second, so two cores are busy without holding every renderer's
/// working memory at once. `done` hears each file name as it finishes. The first error (in list
/// order) wins; nothing is returned unless all rendered.
pub fn render_all(report: &Report, done: impl Fn(&str) + Sync) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let (first, rest) = ARTIFACTS.split_at(1);
    let lane = |list: &[(&'static str, Renderer)]| -> Vec<(&'static str, Result<Vec<u8>>)> {
        list.iter()
            .map(|&(name, render)| {
                let bytes = render(report);
                done(name);
                (name, bytes)
            })
            .collect()
    };
    let (mut results, others) = std::thread::scope(|s| {
        let others = s.spawn(|| lane(rest));
        let mine = lane(first);
        (mine, others.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
    });
    results.extend(others);
    results.into_iter().map(|(name, r)| r.map(|bytes| (name, bytes))).collect()
}
