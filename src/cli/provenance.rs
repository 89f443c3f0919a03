//! How input files are named inside artifacts: relative to the project file's folder when they
//! lie under it, else by file name alone, so the bytes do not change with the working folder
//! or with where a checkout lives. Messages printed while reading keep the paths as typed.

use super::inputs::Loaded;
use std::path::{Component, Path, PathBuf};

/// Names input paths for artifacts, relative to `base` (the project file's folder), if any.
pub struct Namer {
    base: Option<PathBuf>,
}

impl Namer {
    pub fn new(project: Option<&Path>) -> Namer {
        Namer { base: project.map(|p| absolute(super::output::parent_dir(p))) }
    }

    /// `samples/inventory.xlsx` typed from the repository root, with the project file
    /// `samples/respmatrix.yaml`, becomes `inventory.xlsx`; `/data/x/catalog.json` becomes
    /// `catalog.json`.
    pub fn name(&self, typed: &str) -> String {
        let path = Path::new(typed);
        let abs = absolute(path);
        if let Some(rel) = self.base.as_deref().and_then(|b| abs.strip_prefix(b).ok()) {
            let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            if !parts.is_empty() {
                return parts.join("/");
            }
        }
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| typed.to_string())
    }

    /// Renames every input path recorded in the model (catalog sources and origins, service and
    /// override origins).
    pub fn apply(&self, loaded: &mut Loaded) {
        for c in &mut loaded.catalogs {
            let mut inputs: Vec<&String> = c.inputs.iter().collect();
            inputs.sort_by_key(|s| std::cmp::Reverse(s.len()));
            for input in inputs {
                c.source = c.source.replace(input.as_str(), &self.name(input));
            }
            if Path::new(&c.origin).is_file() {
                c.origin = self.name(&c.origin);
            }
        }
        let inventory = &mut loaded.inventory;
        inventory.source = self.name(&inventory.source);
        for s in &mut inventory.services {
            s.origin.file = self.name(&s.origin.file);
        }
        for o in &mut loaded.overrides {
            o.origin.file = self.name(&o.origin.file);
        }
        for cw in loaded.crosswalks.iter_mut().filter(|c| Path::new(&c.origin).is_file()) {
            let named = self.name(&cw.origin);
            for e in &mut cw.edges {
                if let Some(rest) = e.provenance.strip_prefix(cw.origin.as_str()) {
                    e.provenance = format!("{named}{rest}");
                }
            }
            cw.origin = named;
        }
    }
}

/// The path made absolute against the working folder, `.` and `..` folded away (no file system
/// access: links are not resolved).
fn absolute(path: &Path) -> PathBuf {
    let joined = match path.is_absolute() {
        true => path.to_path_buf(),
        false => std::env::current_dir().unwrap_or_default().join(path),
    };
    let mut out = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_relative_to_the_project_or_bare() {
        let n = Namer::new(Some(Path::new("samples/respmatrix.yaml")));
        assert_eq!(n.name("samples/inventory.xlsx"), "inventory.xlsx");
        assert_eq!(n.name("samples/./sub/../sub/c.json"), "sub/c.json");
        assert_eq!(n.name("/elsewhere/catalog.json"), "catalog.json");
        assert_eq!(Namer::new(None).name("../x/inv.csv"), "inv.csv");
    }
}
