//! Renderers: each turns the report view into bytes and touches nothing else.

pub mod artifacts;
pub mod csv;
pub mod fedramp;
pub mod html;
pub mod json;
pub mod markdown;
pub mod oscal;
pub mod page;
pub mod pages;
pub mod pdf;
pub mod safe;
pub mod style;
pub mod templates;
pub mod xlsx;
