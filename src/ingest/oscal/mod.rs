//! OSCAL catalogs and profiles (OSCAL 1.0 to 1.1.x) in JSON, XML or YAML, into respmatrix's
//! catalog. Layer tags are left empty here; `data::tagging` assigns them.

pub mod catalog;
pub mod json;
pub mod labels;
pub mod model;
pub mod profile;
pub mod prose;
pub mod response_points;
pub mod xml;

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::error::{Error, Result};
use crate::model::{control_id, Catalog};
use std::path::Path;

/// A parsed OSCAL document.
#[derive(Debug)]
pub enum Document {
    Catalog(model::Catalog),
    Profile(model::Profile),
}

/// The notation of an OSCAL file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Json,
    Xml,
    Yaml,
}

impl Syntax {
    /// From the extension, else from the first character of the text.
    pub fn detect(path: &Path, text: &str) -> Syntax {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
        match ext.as_str() {
            "json" => Syntax::Json,
            "xml" => Syntax::Xml,
            "yaml" | "yml" => Syntax::Yaml,
            _ if text.trim_start().starts_with('{') => Syntax::Json,
            _ if text.trim_start().starts_with('<') => Syntax::Xml,
            _ => Syntax::Yaml,
        }
    }
}

/// What the importer needs from the command line.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions<'a> {
    /// List withdrawn controls (marked) instead of leaving them out.
    pub include_withdrawn: bool,
    /// The catalog a profile imports, when its href does not lead to it.
    pub catalog: Option<&'a Path>,
}

pub fn parse(name: &str, text: &str, syntax: Syntax) -> Result<Document> {
    match syntax {
        Syntax::Json => json::parse_json(name, text),
        Syntax::Xml => xml::parse(name, text),
        Syntax::Yaml => json::parse_yaml(name, text),
    }
}

/// Reads and parses an OSCAL file.
pub fn read(path: &Path) -> Result<Document> {
    let name = path.display().to_string();
    let bytes = crate::ingest::limits::read_file(path, crate::ingest::limits::TEXT_FILE_MAX)?;
    let text = crate::ingest::text::decode(&name, &bytes)?;
    parse(&name, &text, Syntax::detect(path, &text))
}

/// Loads an OSCAL catalog or profile file (layers still empty) with its warnings.
pub fn load(path: &Path, opts: LoadOptions) -> Result<(Catalog, Diagnostics)> {
    let doc = read(path)?;
    load_document(path, doc, opts)
}

/// Turns a parsed document into a catalog: a catalog as is, a profile resolved.
pub fn load_document(path: &Path, doc: Document, opts: LoadOptions) -> Result<(Catalog, Diagnostics)> {
    let name = path.display().to_string();
    let mut diags = Diagnostics::default();
    let options = catalog::Options { include_withdrawn: opts.include_withdrawn, selections: &[], points: None };
    let mut out = match doc {
        Document::Catalog(src) => {
            let conv = catalog::convert(&src, &options);
            expansion(&name, &conv)?;
            duplicates(&name, &conv, &mut diags);
            let mut c = conv.catalog;
            c.source = format!(
                "OSCAL catalog {name} (OSCAL {}){}",
                src.metadata.oscal_version.trim(),
                withdrawn_summary(conv.withdrawn_left_out.len(), conv.withdrawn_listed)
            );
            c
        }
        Document::Profile(p) => resolve(&name, path, &p, opts, &mut diags)?,
    };
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    out.id = crate::names::slug(&stem);
    if out.title.is_empty() {
        out.title = stem;
    }
    out.origin = name.clone();
    if out.inputs.is_empty() {
        out.inputs.push(name);
    }
    Ok((out, diags))
}

/// "; N withdrawn controls left out …" for a catalog's `source`, or nothing.
pub(crate) fn withdrawn_summary(left_out: usize, listed: usize) -> String {
    match (left_out, listed) {
        (0, 0) => String::new(),
        (n, 0) => format!("; {n} withdrawn controls left out (--include-withdrawn lists them)"),
        (_, n) => format!("; {n} withdrawn controls listed and marked"),
    }
}

/// Resolves a profile against the catalog(s) it imports.
fn resolve(name: &str, path: &Path, p: &model::Profile, opts: LoadOptions, diags: &mut Diagnostics) -> Result<Catalog> {
    profile::check_patterns(name, p)?;
    if p.imports.is_empty() {
        return Err(Error::unreadable(Diagnostic::error(Location::file(name), "the profile imports no catalog")));
    }
    let mut out = Catalog {
        title: p.metadata.title.split_whitespace().collect::<Vec<_>>().join(" "),
        version: p.metadata.version.trim().to_string(),
        publisher: catalog::publisher(&p.metadata),
        inputs: vec![name.to_string()],
        ..Catalog::default()
    };
    let mut sources = Vec::new();
    for (i, import) in p.imports.iter().enumerate() {
        let mut src = profile::follow(name, path, p, i, opts.catalog, &mut Vec::new())?;
        let cname = src.files.first().cloned().unwrap_or_default();
        let at = Location::at_path(name, format!("imports[{i}]"));
        let missed = profile::set_parameters(p, &mut src.catalog);
        let total = p.modify.as_ref().map_or(0, |m| m.set_parameters.len());
        if missed > 0 {
            diags.warning(
                Location::at_path(name, "modify.set-parameters"),
                format!(
                    "{missed} of {total} set-parameters name parameters {cname} does not have (its version is {}); \
                     those values are not shown in the statements",
                    src.catalog.metadata.version.trim()
                ),
            );
        }
        src.selections.push(profile::Selection::of(import));
        src.points.extend(response_points::of_profile(p));
        let options = catalog::Options {
            include_withdrawn: opts.include_withdrawn,
            selections: &src.selections,
            points: Some(&src.points),
        };
        let conv = catalog::convert(&src.catalog, &options);
        expansion(&cname, &conv)?;
        let sel = src.selections.last().expect("just pushed");
        let via = src.files.last().cloned().unwrap_or_default();
        report_selection(&at, &via, &src.catalog.metadata.version, sel, &conv, diags);
        duplicates(name, &conv, diags);
        for f in conv.catalog.families {
            if !out.families.iter().any(|x| x.id == f.id) {
                out.families.push(f);
            }
        }
        out.controls.extend(conv.catalog.controls);
        let through: Vec<&str> = src.files[1..].iter().rev().map(String::as_str).collect();
        let chain = match through.is_empty() {
            true => String::new(),
            false => format!(" through {}", through.join(", ")),
        };
        sources.push(format!("{cname} ({} {}){chain}", conv.catalog.title, conv.catalog.version));
        out.inputs.extend(src.files.into_iter().rev());
    }
    out.source = format!("OSCAL profile {name} resolved against {}", sources.join(", "));
    Ok(out)
}

/// Warns about ids the profile names that the catalog lacks, and about withdrawn ones.
fn report_selection(
    at: &Location,
    cname: &str,
    version: &str,
    sel: &profile::Selection,
    conv: &catalog::Converted,
    diags: &mut Diagnostics,
) {
    let missing: Vec<String> =
        sel.named.iter().filter(|id| !conv.seen.contains(&control_id::key(id))).cloned().collect();
    if !missing.is_empty() {
        diags.warning(
            at.with_field("include-controls"),
            format!(
                "the profile names {} control(s) that {cname} (version {}) does not have, left out: {}",
                missing.len(),
                version.trim(),
                list(&missing)
            ),
        );
    }
    if !conv.selected_withdrawn.is_empty() {
        diags.warning(
            at.with_field("include-controls"),
            format!(
                "the profile selects {} control(s) that are withdrawn in {cname}, left out \
                 (--include-withdrawn lists them): {}",
                conv.selected_withdrawn.len(),
                list(&conv.selected_withdrawn)
            ),
        );
    }
}

/// A statement that parameter insertion grew past the limit is an error: the catalog is built
/// to amplify, not to be read.
fn expansion(name: &str, conv: &catalog::Converted) -> Result<()> {
    match conv.expansion_cut.first() {
        None => Ok(()),
        Some(label) => Err(crate::ingest::limits::exceeded(
            Location::at_path(name, label.clone()),
            format!(
                "parameter insertions ({{{{ insert: param, … }}}}) in the statement of {} expand to more than {}; \
                 respmatrix renders at most that",
                crate::diag::excerpt(label, 40),
                crate::ingest::limits::bytes(crate::ingest::limits::PROSE_EXPANDED_MAX as u64)
            ),
        )),
    }
}

fn duplicates(name: &str, conv: &catalog::Converted, diags: &mut Diagnostics) {
    if !conv.duplicates.is_empty() {
        diags.warning(Location::file(name), format!("several controls carry the same id: {}", list(&conv.duplicates)));
    }
}

/// Up to 20 ids, then how many more.
pub fn list(ids: &[String]) -> String {
    let shown: Vec<&str> = ids.iter().take(20).map(String::as_str).collect();
    match ids.len() > 20 {
        true => format!("{} and {} more", shown.join(", "), ids.len() - 20),
        false => shown.join(", "),
    }
}
