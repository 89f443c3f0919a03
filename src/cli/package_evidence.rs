//! Gathers the evidence of a package: the references declared in the inventory's Evidence
//! column, `--evidence FILE`, the project file's `attestations:` and any extra source (the
//! reviewers' Evidence column of the quarterly review plugs in through [`gather`]'s `extra`),
//! plus the files of `--evidence-dir` nothing references; then reads each file, bounded, into
//! the bag under a name that cannot collide.

use respmatrix::diag::Location;
use respmatrix::error::{Error, Result};
use respmatrix::ingest::attestations::ProviderAttestation;
use respmatrix::package::evidence::{media_type, Attestation, Content, Declared, Evidence, Reference, Serves, Target};
use respmatrix::package::names::Unique;
use respmatrix::package::BagFile;
use respmatrix::report::sha256_hex;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};

/// One evidence file may be at most this large.
pub const FILE_MAX: u64 = 512 << 20;
/// All evidence files of a package together (the bag is built in memory).
pub const TOTAL_MAX: u64 = 2 << 30;
/// Files `--evidence-dir` may hold, and how deep its folders may nest.
const DIR_FILES_MAX: usize = 10_000;
const DIR_DEPTH_MAX: usize = 16;

/// Where evidence comes from, as the CLI resolved it.
pub struct Sources<'a> {
    pub inventory: &'a respmatrix::model::Inventory,
    pub inventory_path: &'a Path,
    pub evidence_file: Option<&'a Path>,
    pub evidence_dir: Option<&'a Path>,
    pub attestations: &'a [ProviderAttestation],
    /// The bag folder and zip being written: never evidence, even inside `--evidence-dir`.
    pub outputs: Vec<PathBuf>,
}

/// Every declared reference, in a fixed order: the evidence file's, the inventory's, the
/// attestations', then `extra` (the hook for further sources, e.g. reviewers' columns), then the
/// unreferenced files of `--evidence-dir`. Two references with the same id are an error.
pub fn gather(s: &Sources, extra: Vec<Reference>) -> Result<Vec<Reference>> {
    let mut refs = Vec::new();
    if let Some(file) = s.evidence_file {
        let base = s.evidence_dir.unwrap_or(super::output::parent_dir(file));
        refs.extend(respmatrix::ingest::evidence::load(file, base)?);
    }
    let base = s.evidence_dir.unwrap_or(super::output::parent_dir(s.inventory_path));
    refs.extend(respmatrix::package::declared::from_inventory(s.inventory, base));
    refs.extend(attestation_refs(s.attestations));
    refs.extend(extra);
    if let Some(dir) = s.evidence_dir {
        // The evidence file itself is an input, not evidence.
        let referenced: BTreeSet<PathBuf> = refs
            .iter()
            .filter_map(|r| match &r.target {
                Target::File(p) => std::fs::canonicalize(p).ok(),
                _ => None,
            })
            .chain(s.evidence_file.and_then(|f| std::fs::canonicalize(f).ok()))
            .collect();
        let outputs: Vec<PathBuf> = s.outputs.iter().filter_map(|p| std::fs::canonicalize(p).ok()).collect();
        refs.extend(folder_refs(dir, &referenced, &outputs)?);
    }
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    let mut diags = respmatrix::diag::Diagnostics::default();
    for r in &refs {
        if let Some(first) = seen.insert(r.id.to_lowercase(), r.origin.clone()) {
            diags.error(Location::file(&r.origin), format!("evidence id \"{}\" is also declared at {first}", r.id));
        }
    }
    respmatrix::error::fail_on_errors(&diags)?;
    Ok(refs)
}

/// Names the files in the references' origins as artifacts name inputs (relative to the
/// project file), so the manifest's bytes do not depend on the working folder.
pub fn name_origins(refs: &mut [Reference], namer: &super::provenance::Namer, s: &Sources) {
    let mut typed: Vec<String> =
        s.evidence_file.iter().chain(s.evidence_dir.iter()).map(|p| p.display().to_string()).collect();
    typed.extend(s.attestations.iter().filter_map(|a| a.origin.split(':').next().map(str::to_string)));
    typed.sort_by_key(|t| std::cmp::Reverse(t.len()));
    typed.dedup();
    for r in refs.iter_mut() {
        if let Some(t) = typed.iter().find(|t| r.origin.starts_with(t.as_str())) {
            r.origin = format!("{}{}", namer.name(t), &r.origin[t.len()..]);
        }
    }
}

/// Each provider attestation as evidence of every inherited cell of that provider.
fn attestation_refs(list: &[ProviderAttestation]) -> Vec<Reference> {
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    list.iter()
        .map(|a| {
            let n = count.entry(a.provider.as_str()).or_insert(0);
            *n += 1;
            let (written, target) = match &a.file {
                Some((w, p)) => (w.clone(), Target::File(p.clone())),
                None => (String::new(), Target::None),
            };
            let title = match a.title.is_empty() {
                true => format!("{} {} of {}", a.kind, a.id, a.provider),
                false => a.title.clone(),
            };
            Reference {
                id: format!("ATT-{}-{n}", respmatrix::package::names::portable(&a.provider)),
                declared: Declared::Attestation,
                origin: a.origin.clone(),
                written,
                target,
                base: Some(a.base.clone()),
                title,
                collected: None,
                effective: None,
                valid_until: a.valid_until,
                source: format!("{} ({})", a.provider, a.kind),
                method: "provider attestation, reviewed by the organization".into(),
                serves: vec![Serves { provider: Some(a.provider.clone()), inherited_only: true, ..Default::default() }],
                attestation: Some(Attestation {
                    provider: a.provider.clone(),
                    kind: a.kind.clone(),
                    reference: a.id.clone(),
                    period: a.period,
                    period_text: a.period_text.clone(),
                }),
            }
        })
        .collect()
}

/// The (provider, description) pairs the request list names for inherited cells.
pub fn attestation_notes(list: &[ProviderAttestation]) -> Vec<(String, String)> {
    list.iter()
        .map(|a| {
            let mut d = format!("{} {}", a.kind, a.id);
            if !a.period_text.is_empty() {
                d.push_str(&format!(" covering {}", a.period_text));
            }
            if let Some(u) = a.valid_until {
                d.push_str(&format!(", valid until {u}"));
            }
            (a.provider.clone(), d)
        })
        .collect()
}

/// The files of `--evidence-dir` no reference names (links and hidden files are skipped).
fn folder_refs(dir: &Path, referenced: &BTreeSet<PathBuf>, outputs: &[PathBuf]) -> Result<Vec<Reference>> {
    let mut files = Vec::new();
    walk(dir, dir, 0, outputs, &mut files)?;
    files.sort();
    let mut out = Vec::new();
    for rel in files {
        let path = dir.join(&rel);
        if std::fs::canonicalize(&path).is_ok_and(|p| referenced.contains(&p)) {
            continue;
        }
        out.push(Reference {
            id: format!("DIR-{}", &sha256_hex(rel.as_bytes())[..8]),
            declared: Declared::Folder,
            origin: format!("{}/{rel}", dir.display()),
            written: rel.clone(),
            target: Target::File(path),
            base: Some(dir.to_path_buf()),
            title: String::new(),
            collected: None,
            effective: None,
            valid_until: None,
            source: "evidence folder".into(),
            method: String::new(),
            serves: Vec::new(),
            attestation: None,
        });
    }
    Ok(out)
}

fn walk(root: &Path, dir: &Path, depth: usize, skip: &[PathBuf], out: &mut Vec<String>) -> Result<()> {
    if depth > DIR_DEPTH_MAX {
        return Err(Error::Usage(format!("{}: folders nest deeper than {DIR_DEPTH_MAX}", dir.display())));
    }
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let entry = entry.map_err(|e| Error::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        let meta = std::fs::symlink_metadata(&path).map_err(|e| Error::io(&path, e))?;
        let output = std::fs::canonicalize(&path).is_ok_and(|real| skip.contains(&real));
        if name.starts_with('.') || meta.file_type().is_symlink() || output {
            continue;
        }
        if meta.is_dir() {
            walk(root, &path, depth + 1, skip, out)?;
        } else if meta.is_file() {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
            if out.len() > DIR_FILES_MAX {
                return Err(Error::Usage(format!("{}: more than {DIR_FILES_MAX} files", root.display())));
            }
        }
    }
    Ok(())
}

/// Reads every reference's file once (the same file serving several references is packaged
/// once) into `evidence/ID_name`; a missing or unreadable file becomes a finding, not an error.
pub fn read(refs: Vec<Reference>) -> Result<(Vec<Evidence>, Vec<BagFile>)> {
    let mut names = Unique::default();
    let mut by_file: BTreeMap<PathBuf, Content> = BTreeMap::new();
    let mut files = Vec::new();
    let mut total = 0u64;
    let mut out = Vec::new();
    for r in refs {
        let mut e = Evidence { reference: r, content: None, unread: None, findings: Vec::new() };
        if let Target::File(path) = &e.reference.target {
            match read_one(path, e.reference.base.as_deref()) {
                Err(why) => e.unread = Some(why),
                Ok((real, bytes)) => {
                    if let Some(c) = by_file.get(&real) {
                        e.content = Some(c.clone());
                    } else {
                        total += bytes.len() as u64;
                        if total > TOTAL_MAX {
                            return Err(Error::Usage(format!(
                                "{}: the evidence files together exceed {} GiB; respmatrix packages at most that",
                                path.display(),
                                TOTAL_MAX >> 30
                            )));
                        }
                        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                        let bag_path = names.take("evidence", &format!("{}_{file_name}", e.reference.id));
                        let c = Content {
                            sha256: sha256_hex(&bytes),
                            size: bytes.len() as u64,
                            media_type: media_type(&file_name),
                            bag_path: bag_path.clone(),
                        };
                        by_file.insert(real, c.clone());
                        files.push((bag_path, bytes));
                        e.content = Some(c);
                    }
                }
            }
        }
        out.push(e);
    }
    Ok((out, files))
}

/// A regular file's real path and bytes, at most [`FILE_MAX`]; with `base`, only a file whose
/// real path lies under it.
fn read_one(path: &Path, base: Option<&Path>) -> std::result::Result<(PathBuf, Vec<u8>), String> {
    let real = std::fs::canonicalize(path).map_err(|e| e.to_string())?;
    if let Some(base) = base {
        // Messages name no folder as typed: they go into the manifest, whose bytes must not
        // depend on the working folder.
        let root = std::fs::canonicalize(base).map_err(|e| format!("its folder cannot be read: {e}"))?;
        if !real.starts_with(&root) {
            return Err("it lies outside the folder evidence is read from (the declaring file's folder, or \
                        --evidence-dir); respmatrix packages only files under it"
                .into());
        }
    }
    let file = std::fs::File::open(&real).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a regular file".into());
    }
    if meta.len() > FILE_MAX {
        return Err(format!("larger than {} MiB, the most respmatrix packages per file", FILE_MAX >> 20));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(FILE_MAX + 1).read_to_end(&mut bytes).map_err(|e| e.to_string())?;
    if bytes.len() as u64 > FILE_MAX {
        return Err(format!("larger than {} MiB, the most respmatrix packages per file", FILE_MAX >> 20));
    }
    Ok((real, bytes))
}
