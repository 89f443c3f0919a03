//! Renderers: each turns the report view into bytes and touches nothing else.

pub mod csv;
pub mod json;
pub mod pdf;
pub mod safe;
pub mod style;
