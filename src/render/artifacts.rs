//! Every in-memory artifact of a report, rendered in parallel: each renderer is independent and
//! pure, so two workers share them out, the workbook and the PDF first, then the HTML and the
//! Markdown report from one page model.

use crate::error::Result;
use crate::render;
use crate::render::pages::Pages;
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
    (render::html::FILE_NAME, render::html::render_html),
    (render::markdown::FILE_NAME, render::markdown::render_markdown),
];

/// Renders the artifacts, in list order (the workbook, the slowest, first), on two worker
/// threads that each take the next artifact not yet started, so two cores stay busy whatever the
/// sizes, without holding every renderer's working memory at once: see [`render_into`]. `done`
/// hears each file name as it finishes, on the thread that rendered it. The first error (in list
/// order) wins; nothing is returned unless all rendered.
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
/// memory at once. The first error in list order wins, a renderer's or `store`'s; after an error
/// the artifacts not yet started are not rendered.
pub fn render_into(
    report: &Report,
    these: &[(&'static str, Renderer)],
    store: impl Fn(usize, &'static str, Vec<u8>) -> Result<()> + Sync,
) -> Result<()> {
    render_streaming(report, these, None, store)
}

/// A job that writes an artifact of its own as it goes (`report`'s streamed `matrix.json`).
pub type Stream<'a> = &'a (dyn Fn() -> Result<()> + Sync);

/// [`render_into`] with a `stream` job beside the renderers; its error wins over theirs.
///
/// Two rounds, each on two workers that take the next job not yet started, so that the
/// working memories that do not fit together never meet: the workbook (which writes its
/// biggest sheets on threads of its own); then the PDF and the other artifacts beside the
/// stream (beside the workbook when there are no others), and after them the HTML and the
/// Markdown report from one page model (see [`Pages`]), built by whichever of the two asks
/// first while the other waits. At 1,295 controls × 500 services this is 6% faster than the
/// pages in a third round of their own, and the peak stays that of the workbook's round; the
/// alternatives measured are in the README's Performance section.
pub fn render_streaming(
    report: &Report,
    these: &[(&'static str, Renderer)],
    stream: Option<Stream>,
    store: impl Fn(usize, &'static str, Vec<u8>) -> Result<()> + Sync,
) -> Result<()> {
    let n = these.len();
    let (mut book, mut others, mut pages_at) = (Vec::new(), Vec::new(), Vec::new());
    for (i, (name, _)) in these.iter().enumerate() {
        match *name {
            render::xlsx::FILE_NAME => book.push(i),
            name if Pages::renders(name) => pages_at.push(i),
            _ => others.push(i),
        }
    }
    // The stream is job `n`: beside the PDF and the others, or beside the workbook if none.
    if stream.is_some() {
        (if others.is_empty() { &mut book } else { &mut others }).push(n);
    }
    let shared_pages = pages_at.len() >= 2;
    others.extend(&pages_at);
    let stop = AtomicBool::new(false);
    let failed = std::sync::Mutex::new(Vec::new());
    let fail = |key: usize, e| {
        failed.lock().unwrap_or_else(|p| p.into_inner()).push((key, e));
        stop.store(true, Ordering::Relaxed);
    };
    // The page model, once built (`None` if building it failed: that error is already kept).
    let pages = std::sync::OnceLock::new();
    let job = |i: usize| -> Result<()> {
        let Some(&(name, render)) = these.get(i) else { return stream.map_or(Ok(()), |s| s()) };
        let bytes = if shared_pages && Pages::renders(name) {
            let built = pages.get_or_init(|| Pages::new(report).map_err(|e| fail(pages_at[0] + 1, e)).ok());
            match built {
                Some(p) => p.render(name)?,
                None => return Ok(()),
            }
        } else {
            render(report)?
        };
        store(i, name, bytes)
    };
    let run = |order: &[usize]| {
        let next = AtomicUsize::new(0);
        let worker = || {
            while let Some(&i) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                if let Err(e) = job(i) {
                    // The stream's error first, then the renderers' in list order.
                    fail(if i == n { 0 } else { i + 1 }, e);
                }
            }
        };
        std::thread::scope(|s| {
            let other = s.spawn(worker);
            worker();
            other.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        });
    };
    run(&book);
    if !stop.load(Ordering::Relaxed) {
        run(&others);
    }
    let mut failed = failed.into_inner().unwrap_or_else(|p| p.into_inner());
    failed.sort_by_key(|(i, _)| *i);
    match failed.into_iter().next() {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}
