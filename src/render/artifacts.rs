//! Every in-memory artifact of a report, rendered in parallel: each renderer is independent and
//! pure, so two workers share them out (the workbook, parallel itself, goes alone).

use crate::error::Result;
use crate::render;
use crate::report::Report;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

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

/// Renders the artifacts, in list order (the workbook, the slowest, first), the workbook alone
/// (it keeps two cores busy itself) and the others on two worker threads that each take the
/// next artifact not yet started, so two cores stay busy whatever the sizes, without holding
/// every renderer's working memory at once. `done` hears each file
/// name as it finishes, on the thread that rendered it. The first error (in list order) wins;
/// nothing is returned unless all rendered.
pub fn render_all(report: &Report, done: impl Fn(&str) + Sync) -> Result<Vec<(&'static str, Vec<u8>)>> {
    render_these(report, &ARTIFACTS, done)
}

/// [`render_all`] for some of the artifacts (`report --formats`), in the order given.
pub fn render_these(
    report: &Report,
    these: &[(&'static str, Renderer)],
    done: impl Fn(&str) + Sync,
) -> Result<Vec<(&'static str, Vec<u8>)>> {
    let kept = std::sync::Mutex::new(Vec::new());
    render_into(report, these, |i, name, bytes| {
        done(name);
        kept.lock().unwrap_or_else(|p| p.into_inner()).push((i, name, bytes));
        Ok(())
    })?;
    let mut kept = kept.into_inner().unwrap_or_else(|p| p.into_inner());
    kept.sort_by_key(|(i, _, _)| *i);
    Ok(kept.into_iter().map(|(_, name, bytes)| (name, bytes)).collect())
}

/// Renders the artifacts as [`render_all`] does, handing each one's bytes to `store` (with its
/// position in `these`) as soon as it is rendered, so no more than two artifacts are held in
/// memory at once. The workbook, which writes its biggest sheets on two threads of its own, is
/// rendered alone first; the others then two at a time. The first error in list order wins, a
/// renderer's or `store`'s; after an error the artifacts not yet started are not rendered.
pub fn render_into(
    report: &Report,
    these: &[(&'static str, Renderer)],
    store: impl Fn(usize, &'static str, Vec<u8>) -> Result<()> + Sync,
) -> Result<()> {
    let wide = |i: &usize| these[*i].0 == render::xlsx::FILE_NAME;
    let (alone, shared): (Vec<usize>, Vec<usize>) = (0..these.len()).partition(wide);
    let stop = AtomicBool::new(false);
    let failed = std::sync::Mutex::new(Vec::new());
    let run = |order: &[usize], workers: usize| {
        let next = AtomicUsize::new(0);
        let worker = || loop {
            let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) else { break };
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let (name, render) = these[i];
            if let Err(e) = render(report).and_then(|bytes| store(i, name, bytes)) {
                failed.lock().unwrap_or_else(|p| p.into_inner()).push((i, e));
                stop.store(true, Ordering::Relaxed);
            }
        };
        std::thread::scope(|s| {
            let others: Vec<_> = (1..workers).map(|_| s.spawn(worker)).collect();
            worker();
            others.into_iter().for_each(|o| o.join().unwrap_or_else(|p| std::panic::resume_unwind(p)));
        });
    };
    // Measured at 1,295 controls x 500 services (all five artifacts): 2.5-3.2 s and 221-243 MB
    // peak, against 2.6-3.1 s and 255-263 MB with every artifact on the two workers (the
    // workbook overlapped the HTML's page model) and 2.9-3.7 s, 184-201 MB with one worker.
    run(&alone, 1);
    run(&shared, 2);
    let mut failed = failed.into_inner().unwrap_or_else(|p| p.into_inner());
    failed.sort_by_key(|(i, _)| *i);
    match failed.into_iter().next() {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}
