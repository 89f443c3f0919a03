//! One inventory entry as read, before validation: the same shape for every input format.

use super::columns::Field;
use super::limits::{field_length, FIELD_CHARS_MAX, NAME_CHARS_MAX};
use crate::diag::Location;
use crate::error::Result;

/// A field value and the cell or document path it came from.
#[derive(Debug, Clone)]
pub struct FieldValue {
    pub field: Field,
    pub text: String,
    pub at: Location,
}

/// One row of a table or one entry of a YAML/JSON list.
#[derive(Debug, Clone)]
pub struct Record {
    /// The row (cell in column A of the row) or the entry path.
    pub origin: Location,
    pub fields: Vec<FieldValue>,
    /// Columns the importer does not use, as (header, value).
    pub extra: Vec<(String, String)>,
}

impl Record {
    /// The trimmed text of a field, `None` when absent or blank.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.fields.iter().find(|f| f.field == field).map(|f| f.text.trim()).filter(|t| !t.is_empty())
    }

    /// Refuses a field longer than respmatrix reads (`limits::NAME_CHARS_MAX` for the fields that
    /// name or classify the service, `FIELD_CHARS_MAX` for its notes, evidence and overrides),
    /// at the field's cell.
    pub fn check_lengths(&self) -> Result<()> {
        for f in &self.fields {
            let max = match f.field {
                Field::Notes | Field::Evidence | Field::Overrides => FIELD_CHARS_MAX,
                _ => NAME_CHARS_MAX,
            };
            field_length(f.text.trim(), max, format_args!("service {}", f.field.label()), || f.at.clone())?;
        }
        Ok(())
    }

    /// Where a field is, or where it would be (the row) when absent.
    pub fn at(&self, field: Field) -> Location {
        self.fields.iter().find(|f| f.field == field).map(|f| f.at.clone()).unwrap_or_else(|| self.origin.clone())
    }
}
