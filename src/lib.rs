//! respmatrix: the cloud shared responsibility model as audit-ready responsibility matrices.
//!
//! Data flows one way (DESIGN.md §5): `ingest` and `data` read inputs into `model`; `engine`
//! decides statuses into the report `view`; `render` turns the view into bytes; only `cli`
//! touches the file system for outputs.

pub mod crosswalk;
pub mod data;
pub mod diag;
pub mod engine;
pub mod error;
pub mod grouping;
pub mod ingest;
pub mod model;
pub mod names;
pub mod package;
pub mod pipeline;
pub mod provider_check;
pub mod render;
pub mod report;
pub mod resource_id;
pub mod review;
pub mod synth;
pub mod view;

/// Name and version written into every artifact.
pub const GENERATOR: &str = concat!("respmatrix ", env!("CARGO_PKG_VERSION"));

pub use error::{Error, Result};
