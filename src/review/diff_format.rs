//! `diff`'s outputs: text (default), Markdown, JSON (`respmatrix/diff@1`) and CSV, all grouped
//! by direction and framework, most important first.

use super::codes::{Code, Group};
use super::diff::{Change, Diff};
use serde::Serialize;
use std::borrow::Cow;
use std::io::Write;

pub const SCHEMA: &str = "respmatrix/diff@1";

/// Changes listed one by one per code before "… and N more" in the text and Markdown outputs;
/// JSON and CSV always list all.
const SHOWN_PER_CODE: usize = 200;

fn groups(d: &Diff) -> Vec<(Group, Vec<&Change>)> {
    [Group::NewWork, Group::Review, Group::LessWork]
        .into_iter()
        .map(|g| (g, d.changes.iter().filter(|c| c.code.group() == g).collect::<Vec<_>>()))
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

fn headline(d: &Diff) -> String {
    let day = |x: Option<crate::model::Date>| x.map(|d| format!(" (as of {d})")).unwrap_or_default();
    format!("{}{} → {}{}", d.old, day(d.old_as_of), d.new, day(d.new_as_of))
}

fn tally(d: &Diff) -> String {
    let mut parts: Vec<String> = Vec::new();
    for code in Code::ALL {
        let n = d.count(code);
        if n > 0 {
            parts.push(format!("{n} {}", code.id()));
        }
    }
    let changed = if parts.is_empty() { "no changes".to_string() } else { parts.join(", ") };
    format!("{changed}; {} of {} cells present in both unchanged", d.unchanged_cells, d.compared_cells)
}

/// Plain text for a terminal.
pub fn text(d: &Diff) -> String {
    let mut out = format!("Changes {}\n{}\n", headline(d), tally(d));
    for note in &d.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    for (g, changes) in groups(d) {
        out.push_str(&format!("\n{} ({})\n", g.title(), changes.len()));
        for_each_code(&changes, |code, items, more| {
            out.push_str(&format!("  {} ({}):\n", code.id(), items.len() + more));
            for c in items {
                out.push_str(&format!("    {}\n", c.sentence));
            }
            if more > 0 {
                out.push_str(&format!("    … and {more} more (--format csv or json lists all)\n"));
            }
        });
    }
    out
}

fn for_each_code<'a>(changes: &[&'a Change], mut f: impl FnMut(Code, &[&'a Change], usize)) {
    let mut i = 0;
    while i < changes.len() {
        let code = changes[i].code;
        let end = i + changes[i..].iter().take_while(|c| c.code == code).count();
        let shown = (end - i).min(SHOWN_PER_CODE);
        f(code, &changes[i..i + shown], end - i - shown);
        i = end;
    }
}

/// Markdown, for a pull request or a review record.
pub fn markdown(d: &Diff) -> String {
    let mut out = format!("# Changes since the last report\n\n{}\n\n{}\n", md(&headline(d)), md(&tally(d)));
    for note in &d.notes {
        out.push_str(&format!("\n> Note: {}\n", md(note)));
    }
    for (g, changes) in groups(d) {
        out.push_str(&format!("\n## {} ({})\n", g.title(), changes.len()));
        for_each_code(&changes, |code, items, more| {
            out.push_str(&format!(
                "\n### `{}` ({})\n\n| Framework | Control | Service | Change |\n|---|---|---|---|\n",
                code.id(),
                items.len() + more
            ));
            for c in items {
                out.push_str(&format!(
                    "| {} | {} | {} | {} |\n",
                    md(&c.framework),
                    md(&c.control),
                    md(&c.service),
                    md(&c.sentence)
                ));
            }
            if more > 0 {
                out.push_str(&format!("\n… and {more} more (`--format csv` lists all).\n"));
            }
        });
    }
    out
}

fn md(text: &str) -> String {
    crate::render::templates::helpers::markdown_escape(text)
}

#[derive(Serialize)]
struct JsonDoc<'a> {
    schema: &'static str,
    generator: &'static str,
    old: &'a str,
    new: &'a str,
    old_as_of: Option<String>,
    new_as_of: Option<String>,
    counts: std::collections::BTreeMap<&'static str, usize>,
    compared_cells: usize,
    unchanged_cells: usize,
    notes: &'a [String],
    changes: Changes<'a>,
}

/// The changes, each written out as it is serialized: a diff of two large matrices whose
/// statements all changed holds every statement once in memory, not twice more as text.
struct Changes<'a>(&'a [Change]);

impl Serialize for Changes<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.0.iter().map(|c| JsonChange {
            code: c.code.id(),
            group: c.code.group().id(),
            framework: &c.framework,
            control: &c.control,
            service: &c.service,
            old: c.old.text(),
            new: c.new.text(),
            sentence: &c.sentence,
        }))
    }
}

#[derive(Serialize)]
struct JsonChange<'a> {
    code: &'static str,
    group: &'static str,
    framework: &'a str,
    control: &'a str,
    service: &'a str,
    old: Cow<'a, str>,
    new: Cow<'a, str>,
    sentence: &'a str,
}

/// JSON with its own schema id, written to `w`.
pub fn json(d: &Diff, w: &mut dyn Write) -> std::io::Result<()> {
    let counts = Code::ALL.iter().map(|c| (c.id(), d.count(*c))).filter(|(_, n)| *n > 0).collect();
    let doc = JsonDoc {
        schema: SCHEMA,
        generator: crate::GENERATOR,
        old: &d.old,
        new: &d.new,
        old_as_of: d.old_as_of.map(|x| x.to_string()),
        new_as_of: d.new_as_of.map(|x| x.to_string()),
        counts,
        compared_cells: d.compared_cells,
        unchanged_cells: d.unchanged_cells,
        notes: &d.notes,
        changes: Changes(&d.changes),
    };
    serde_json::to_writer_pretty(&mut *w, &doc)?;
    w.write_all(b"\n")
}

/// CSV, one change per row, written to `w`; text that could start a formula is neutralized.
pub fn csv(d: &Diff, w: &mut dyn Write) -> std::io::Result<()> {
    let mut w = csv::Writer::from_writer(w);
    w.write_record(["code", "group", "framework", "control", "service", "old", "new", "sentence"])?;
    for c in &d.changes {
        let (old, new) = (c.old.text(), c.new.text());
        let cells = [c.code.id(), c.code.group().id(), &c.framework, &c.control, &c.service, &old, &new, &c.sentence];
        w.write_record(cells.iter().map(|x| crate::render::safe::csv_cell(x).into_owned()))?;
    }
    w.flush()
}
