//! OSCAL profiles (baselines): find the imported catalog, select its controls
//! (`include-all`, `include-controls` by `with-ids` or `matching`, `exclude-controls`), apply
//! `set-parameters`, and say which named ids the catalog lacks.
//!
//! The catalog is found through the import's href (`#uuid` → back-matter rlinks, JSON preferred):
//! the rlink's path relative to the profile, else a file of the same name beside the profile.
//! `--catalog PATH` names it outright.

use super::model::{Catalog, Import, Profile, Rlink, Selector};
use crate::diag::{Diagnostic, Location};
use crate::error::Error;
use crate::ingest::limits;
use crate::model::control_id;
use globset::GlobMatcher;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Which controls of a catalog a profile import takes.
#[derive(Default)]
pub struct Selection {
    all: bool,
    /// Keys of `with-ids`, and which of them bring their child controls.
    ids: HashSet<String>,
    with_children: HashSet<String>,
    patterns: Vec<(GlobMatcher, bool)>,
    exclude: HashSet<String>,
    exclude_patterns: Vec<GlobMatcher>,
    /// The ids as the profile writes them, in order, for reporting the missing ones.
    pub named: Vec<String>,
}

impl Selection {
    pub fn of(import: &Import) -> Selection {
        let mut s = Selection { all: import.include_all.is_some(), ..Selection::default() };
        for inc in &import.include_controls {
            let children = inc.with_child_controls.as_deref() == Some("yes");
            for id in &inc.with_ids {
                s.ids.insert(control_id::key(id));
                if children {
                    s.with_children.insert(control_id::key(id));
                }
                s.named.push(id.trim().to_string());
            }
            s.patterns.extend(globs(inc).into_iter().map(|g| (g, children)));
        }
        for exc in &import.exclude_controls {
            s.exclude.extend(exc.with_ids.iter().map(|i| control_id::key(i)));
            s.exclude_patterns.extend(globs(exc));
        }
        s
    }

    /// Whether a control is taken, and whether its children are taken with it.
    pub fn wants(&self, oscal_id: &str, label: &str, parent_takes_children: bool) -> (bool, bool) {
        let key = control_id::key(oscal_id);
        if self.exclude.contains(&key) || self.exclude_patterns.iter().any(|g| g.is_match(oscal_id)) {
            return (false, false);
        }
        let named = self.ids.contains(&key) || self.ids.contains(&control_id::key(label));
        let pattern = self.patterns.iter().find(|(g, _)| g.is_match(oscal_id));
        let take = self.all || parent_takes_children || named || pattern.is_some();
        let children =
            parent_takes_children || self.with_children.contains(&key) || pattern.is_some_and(|(_, c)| *c) || self.all;
        (take, take && children)
    }
}

fn globs(sel: &Selector) -> Vec<GlobMatcher> {
    sel.matching.iter().filter_map(|m| limits::glob_matcher(&m.pattern).ok()).collect()
}

/// Every `matching` pattern of a profile compiles within the glob limits; the first that does
/// not is a placed error (the pattern itself is not quoted).
pub fn check_patterns(name: &str, profile: &Profile) -> Result<(), Error> {
    for (i, import) in profile.imports.iter().enumerate() {
        let lists = [("include-controls", &import.include_controls), ("exclude-controls", &import.exclude_controls)];
        for (list, selectors) in lists {
            for (j, sel) in selectors.iter().enumerate() {
                for (k, m) in sel.matching.iter().enumerate() {
                    if let Err(why) = limits::glob_matcher(&m.pattern) {
                        let at = Location::at_path(name, format!("imports[{i}].{list}[{j}].matching[{k}].pattern"));
                        return Err(limits::exceeded(at, format!("cannot use this pattern: {why}")));
                    }
                }
            }
        }
    }
    Ok(())
}

/// The catalog files an import may point at, best first: JSON, then XML, then YAML rlinks.
fn candidates(import: &Import, profile: &Profile) -> Vec<String> {
    let Some(uuid) = import.href.strip_prefix('#') else { return vec![import.href.clone()] };
    let Some(res) = profile.back_matter.iter().flat_map(|b| &b.resources).find(|r| r.uuid == uuid) else {
        return Vec::new();
    };
    let rank = |l: &Rlink| {
        let t = format!("{} {}", l.media_type.as_deref().unwrap_or(""), l.href).to_ascii_lowercase();
        ["json", "xml", "yaml", "yml"].iter().position(|k| t.contains(k)).unwrap_or(4)
    };
    let mut links: Vec<&Rlink> = res.rlinks.iter().collect();
    links.sort_by_key(|l| rank(l));
    links.into_iter().map(|l| l.href.clone()).collect()
}

/// Finds the catalog of import `index`; the error names the href and every place tried.
pub fn locate(
    name: &str,
    profile_path: &Path,
    profile: &Profile,
    index: usize,
    explicit: Option<&Path>,
) -> Result<PathBuf, Error> {
    let import = &profile.imports[index];
    let at = Location::at_path(name, format!("imports[{index}].href"));
    if let Some(path) = explicit {
        return match path.is_file() {
            true => Ok(path.to_path_buf()),
            false => {
                Err(Error::unreadable(Diagnostic::error(at, format!("--catalog {}: no such file", path.display()))))
            }
        };
    }
    let dir = profile_path.parent().unwrap_or(Path::new("."));
    let hrefs = candidates(import, profile);
    let mut tried = Vec::new();
    for href in &hrefs {
        if href.contains("://") {
            tried.push(format!("{href} (not downloaded: respmatrix reads local files only)"));
            continue;
        }
        let path = dir.join(href);
        if path.is_file() {
            return Ok(path);
        }
        tried.push(path.display().to_string());
    }
    for href in &hrefs {
        let Some(file) = href.rsplit(['/', '\\']).next().filter(|f| !f.is_empty()) else { continue };
        let beside = dir.join(file);
        if beside.is_file() {
            return Ok(beside);
        }
        let shown = beside.display().to_string();
        if !tried.contains(&shown) {
            tried.push(shown);
        }
    }
    let what = match hrefs.is_empty() {
        true => format!("\"{}\" names no back-matter resource with a link", import.href),
        false => format!("\"{}\" (tried {})", import.href, tried.join(", ")),
    };
    Err(Error::unreadable(Diagnostic::error(
        at,
        format!(
            "cannot find the catalog this profile imports: {what}; put the catalog beside the profile \
             or give it with --catalog PATH"
        ),
    )))
}

/// Profiles one above another, at most: a tailoring of a tailoring of a baseline is common,
/// ten levels is a loop or a mistake.
const MAX_DEPTH: usize = 10;

/// The catalog at the bottom of an import, with what the profiles in between do to it.
pub struct Source {
    pub catalog: Catalog,
    /// The selections of the profiles in between, innermost first.
    pub selections: Vec<Selection>,
    /// The catalog file, then each profile file in between, innermost first.
    pub files: Vec<String>,
    /// Statement part ids the profiles in between mark as response points.
    pub points: HashSet<String>,
}

/// Follows import `index` of `profile` down to a catalog: an imported profile (which must
/// import one thing itself) is followed in turn, its `set-parameters` applied and its selection
/// kept. `--catalog PATH` (`explicit`) names the catalog at the bottom, or stands in where an
/// href cannot be found. `seen` holds the profiles already on the way down.
pub fn follow(
    name: &str,
    path: &Path,
    profile: &Profile,
    index: usize,
    explicit: Option<&Path>,
    seen: &mut Vec<PathBuf>,
) -> Result<Source, Error> {
    let found = match locate(name, path, profile, index, None) {
        Ok(p) => p,
        Err(e) => match explicit {
            Some(_) => return bottom(locate(name, path, profile, index, explicit)?),
            None => return Err(e),
        },
    };
    let fname = found.display().to_string();
    let inner = match super::read(&found)? {
        super::Document::Catalog(c) if explicit.is_none() => return Ok(Source::of(c, fname)),
        super::Document::Catalog(_) => return bottom(locate(name, path, profile, index, explicit)?),
        super::Document::Profile(inner) => inner,
    };
    let at = Location::at_path(name, format!("imports[{index}].href"));
    let key = found.canonicalize().unwrap_or_else(|_| found.clone());
    if seen.contains(&key) || seen.len() >= MAX_DEPTH {
        let why = match seen.contains(&key) {
            true => format!("{fname} is already being resolved: the profiles import each other in a loop"),
            false => format!("more than {MAX_DEPTH} profiles import one another down to {fname}"),
        };
        return Err(Error::unreadable(Diagnostic::error(at, why)));
    }
    if inner.imports.len() != 1 {
        return Err(Error::unreadable(Diagnostic::error(
            Location::at_path(&fname, "imports"),
            format!(
                "{name} imports this profile, which imports {} catalogs or profiles; an imported profile must \
                 import exactly one (or import its resolved-profile catalog instead)",
                inner.imports.len()
            ),
        )));
    }
    check_patterns(&fname, &inner)?;
    seen.push(key);
    let mut source = follow(&fname, &found, &inner, 0, explicit, seen)?;
    set_parameters(&inner, &mut source.catalog);
    source.selections.push(Selection::of(&inner.imports[0]));
    source.points.extend(super::response_points::of_profile(&inner));
    source.files.push(fname);
    Ok(source)
}

/// The catalog `--catalog` names.
fn bottom(path: PathBuf) -> Result<Source, Error> {
    let name = path.display().to_string();
    match super::read(&path)? {
        super::Document::Catalog(c) => Ok(Source::of(c, name)),
        super::Document::Profile(_) => Err(Error::unreadable(Diagnostic::error(
            Location::file(&name),
            "--catalog names a profile; give the catalog the profiles import",
        ))),
    }
}

impl Source {
    fn of(catalog: Catalog, file: String) -> Source {
        Source { catalog, selections: Vec::new(), files: vec![file], points: HashSet::new() }
    }
}

/// Applies a profile's `set-parameters` to the catalog's parameters (by id or alt-identifier).
/// Returns how many settings named no parameter of this catalog.
pub fn set_parameters(profile: &Profile, catalog: &mut Catalog) -> usize {
    let Some(modify) = &profile.modify else { return 0 };
    let mut missed = 0;
    for set in &modify.set_parameters {
        let mut hit = false;
        for_each_param(catalog, &mut |p| {
            let alt = p.props.iter().any(|x| x.name == "alt-identifier" && x.value == set.param_id);
            if p.id == set.param_id || alt {
                if !set.values.is_empty() {
                    p.values = set.values.clone();
                }
                if !set.constraints.is_empty() {
                    p.constraints = set.constraints.clone();
                }
                hit = true;
            }
        });
        missed += usize::from(!hit);
    }
    missed
}

fn for_each_param(catalog: &mut Catalog, f: &mut dyn FnMut(&mut super::model::Param)) {
    fn control(c: &mut super::model::Control, f: &mut dyn FnMut(&mut super::model::Param)) {
        c.params.iter_mut().for_each(&mut *f);
        c.controls.iter_mut().for_each(|x| control(x, f));
    }
    fn group(g: &mut super::model::Group, f: &mut dyn FnMut(&mut super::model::Param)) {
        g.params.iter_mut().for_each(&mut *f);
        g.controls.iter_mut().for_each(|c| control(c, f));
        g.groups.iter_mut().for_each(|x| group(x, f));
    }
    catalog.params.iter_mut().for_each(&mut *f);
    catalog.controls.iter_mut().for_each(|c| control(c, f));
    catalog.groups.iter_mut().for_each(|g| group(g, f));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn with_ids_match_any_spelling_and_children_follow_when_asked() {
        let import = Import {
            href: "#x".into(),
            include_controls: vec![
                Selector { with_ids: vec!["ac-2".into(), "AC-3(1)".into()], ..Default::default() },
                Selector {
                    with_child_controls: Some("yes".into()),
                    with_ids: vec!["ac-6".into()],
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let s = Selection::of(&import);
        assert_eq!(s.wants("ac-2", "AC-2", false), (true, false));
        assert_eq!(s.wants("ac-2.1", "AC-2(1)", false), (false, false));
        assert_eq!(s.wants("ac-3.1", "AC-3(1)", false), (true, false));
        assert_eq!(s.wants("ac-6", "AC-6", false), (true, true));
        assert_eq!(s.wants("ac-6.1", "AC-6(1)", true), (true, true));
    }
}
