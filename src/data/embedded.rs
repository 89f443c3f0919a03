//! Built-in data files, embedded at compile time, each replaceable from a user folder.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Every built-in file by its path relative to the repository root.
pub const FILES: &[(&str, &str)] = &[
    ("frameworks/service-models.yaml", include_str!("../../frameworks/service-models.yaml")),
    ("frameworks/providers/aws.yaml", include_str!("../../frameworks/providers/aws.yaml")),
    ("frameworks/providers/azure.yaml", include_str!("../../frameworks/providers/azure.yaml")),
    ("frameworks/providers/gcp.yaml", include_str!("../../frameworks/providers/gcp.yaml")),
    ("frameworks/providers/microsoft.yaml", include_str!("../../frameworks/providers/microsoft.yaml")),
    ("frameworks/providers/self.yaml", include_str!("../../frameworks/providers/self.yaml")),
    ("frameworks/nist-csf-2.0.yaml", include_str!("../../frameworks/nist-csf-2.0.yaml")),
    ("frameworks/iso-27017-2015.yaml", include_str!("../../frameworks/iso-27017-2015.yaml")),
    ("frameworks/soc2-2017.yaml", include_str!("../../frameworks/soc2-2017.yaml")),
    ("frameworks/iso-27001-2022.yaml", include_str!("../../frameworks/iso-27001-2022.yaml")),
    ("frameworks/crosswalks/scf-columns.yaml", include_str!("../../frameworks/crosswalks/scf-columns.yaml")),
    (
        "frameworks/crosswalks/iso-27002-2013-to-27001-2022.yaml",
        include_str!("../../frameworks/crosswalks/iso-27002-2013-to-27001-2022.yaml"),
    ),
    (
        "frameworks/crosswalks/nist-csf-2.0-to-sp800-53.yaml",
        include_str!("../../frameworks/crosswalks/nist-csf-2.0-to-sp800-53.yaml"),
    ),
    (
        "frameworks/crosswalks/nist-csf-2.0-to-iso-27001-2022.yaml",
        include_str!("../../frameworks/crosswalks/nist-csf-2.0-to-iso-27001-2022.yaml"),
    ),
    ("frameworks/layers/sp800-53.yaml", include_str!("../../frameworks/layers/sp800-53.yaml")),
    ("templates/statements.yaml", include_str!("../../templates/statements.yaml")),
    ("templates/statements/nist-csf-2.0.yaml", include_str!("../../templates/statements/nist-csf-2.0.yaml")),
    ("templates/statements/iso-27017-2015.yaml", include_str!("../../templates/statements/iso-27017-2015.yaml")),
    ("templates/statements/soc2-2017.yaml", include_str!("../../templates/statements/soc2-2017.yaml")),
    ("templates/statements/iso-27001-2022.yaml", include_str!("../../templates/statements/iso-27001-2022.yaml")),
    ("templates/statements/sp800-53.yaml", include_str!("../../templates/statements/sp800-53.yaml")),
    (
        "templates/statements/sp800-53-controls-a.yaml",
        include_str!("../../templates/statements/sp800-53-controls-a.yaml"),
    ),
    (
        "templates/statements/sp800-53-controls-b.yaml",
        include_str!("../../templates/statements/sp800-53-controls-b.yaml"),
    ),
];

/// The built-in statement sets (`templates/statements/`), read in this order.
pub const STATEMENT_SETS: &[&str] = &[
    "templates/statements/nist-csf-2.0.yaml",
    "templates/statements/iso-27017-2015.yaml",
    "templates/statements/soc2-2017.yaml",
    "templates/statements/iso-27001-2022.yaml",
    "templates/statements/sp800-53.yaml",
    "templates/statements/sp800-53-controls-a.yaml",
    "templates/statements/sp800-53-controls-b.yaml",
];

/// The built-in catalogs, in the order `frameworks` lists them; `map` uses the first three by
/// default (`crate::data::DEFAULT_IDS`).
pub const CATALOGS: &[&str] = &[
    "frameworks/nist-csf-2.0.yaml",
    "frameworks/iso-27017-2015.yaml",
    "frameworks/soc2-2017.yaml",
    "frameworks/iso-27001-2022.yaml",
];

/// Layer tables for imported catalogs without tags (`frameworks/layers/`).
pub const LAYER_TABLES: &[&str] = &["frameworks/layers/sp800-53.yaml"];

pub const PROVIDERS: &[&str] = &[
    "frameworks/providers/aws.yaml",
    "frameworks/providers/azure.yaml",
    "frameworks/providers/gcp.yaml",
    "frameworks/providers/microsoft.yaml",
    "frameworks/providers/self.yaml",
];

/// A data file's text and the name to use in diagnostics.
pub struct DataFile {
    pub name: String,
    pub text: String,
}

/// Reads built-in files, preferring a user folder's copy (`--data DIR`) where one exists.
#[derive(Debug, Clone, Default)]
pub struct DataSource {
    pub override_dir: Option<PathBuf>,
}

impl DataSource {
    pub fn new(override_dir: Option<&Path>) -> Self {
        DataSource { override_dir: override_dir.map(Path::to_path_buf) }
    }

    /// Files in the user folder's `dir` with extension `ext` that are not built-in files, sorted:
    /// additions such as `DIR/frameworks/layers/iso-27001.yaml`.
    pub fn extra_files(&self, dir: &str, ext: &str) -> Vec<String> {
        let Some(root) = &self.override_dir else { return Vec::new() };
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else { return Vec::new() };
        let mut out: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file() && e.path().extension().is_some_and(|x| x == ext))
            .map(|e| format!("{dir}/{}", e.file_name().to_string_lossy()))
            .filter(|rel| !FILES.iter().any(|(name, _)| name == rel))
            .collect();
        out.sort();
        out
    }

    pub fn read(&self, rel: &str) -> Result<DataFile> {
        if let Some(dir) = &self.override_dir {
            let path = dir.join(rel);
            if path.is_file() {
                let text = crate::ingest::limits::read_inside(dir, &path)?;
                return Ok(DataFile { name: path.display().to_string(), text });
            }
        }
        let text = FILES
            .iter()
            .find(|(name, _)| *name == rel)
            .map(|(_, text)| text.to_string())
            .ok_or_else(|| Error::Usage(format!("no built-in data file {rel}")))?;
        Ok(DataFile { name: format!("(built-in) {rel}"), text })
    }
}
