//! The library's error type: what went wrong, where, and which exit code it deserves.

use crate::diag::{Diagnostic, Diagnostics};
use std::path::PathBuf;

/// Errors the library returns. Only the binary prints them.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// An input could not be read at all (syntax error, wrong format, no header): exit 2.
    #[error("{}", render(.0))]
    Unreadable(Vec<Diagnostic>),
    /// The inputs were read, but validation found errors: exit 1.
    #[error("{}", render(.0))]
    Invalid(Vec<Diagnostic>),
    /// The command line asked for something that does not exist: exit 2.
    #[error("{0}")]
    Usage(String),
    /// A renderer could not produce its artifact: exit 2.
    #[error("cannot render {artifact}: {message}")]
    Render { artifact: String, message: String },
}

fn render(items: &[Diagnostic]) -> String {
    items.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: path.into(), source }
    }
    pub fn unreadable(d: Diagnostic) -> Self {
        Error::Unreadable(vec![d])
    }
    /// The process exit code for this error (DESIGN.md §4).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Invalid(_) => 1,
            _ => 2,
        }
    }
    /// Diagnostics carried by this error (empty for I/O and usage errors).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            Error::Unreadable(d) | Error::Invalid(d) => d,
            _ => &[],
        }
    }
}

/// Turns collected diagnostics into `Err(Invalid)` when any is an error.
pub fn fail_on_errors(diags: &Diagnostics) -> Result<(), Error> {
    if diags.has_errors() {
        Err(Error::Invalid(diags.items.clone()))
    } else {
        Ok(())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
