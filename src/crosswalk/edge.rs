//! One crosswalk edge: a control of one framework related to a control of another, with the
//! relationship's style (NIST IR 8477: concept crosswalk, set theory, supportive), its value, a
//! rationale and where it came from.

use crate::model::control_id;

/// The relationship style of an edge (NIST IR 8477).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// "Related", nothing more: CSF informative references, OLIR concept crosswalks, pivots.
    ConceptCrosswalk,
    /// Equal, subset of, superset of, intersects with.
    SetTheory,
    /// Supports, is supported by, equivalent, contrary.
    Supportive,
}

impl Style {
    pub fn id(self) -> &'static str {
        match self {
            Style::ConceptCrosswalk => "concept-crosswalk",
            Style::SetTheory => "set-theory",
            Style::Supportive => "supportive",
        }
    }

    pub fn parse(text: &str) -> Option<Style> {
        match norm(text).as_str() {
            "conceptcrosswalk" | "concept" | "crosswalk" => Some(Style::ConceptCrosswalk),
            "settheory" | "settheoryrelationship" => Some(Style::SetTheory),
            "supportive" | "supportiverelationship" => Some(Style::Supportive),
            _ => None,
        }
    }
}

/// A relationship value, read "from <relationship> to".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relationship {
    Related,
    Equal,
    SubsetOf,
    SupersetOf,
    IntersectsWith,
    Supports,
    IsSupportedBy,
    Equivalent,
    Contrary,
}

/// What an edge says about how far one control serves the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Strength {
    /// Doing this control does all of the other (equal, superset of, equivalent).
    Full,
    /// Doing this control does part of the other (subset of, intersects with, supports).
    Partial,
    /// A concept crosswalk: related, never drives anything.
    Related,
}

impl Strength {
    pub fn id(self) -> &'static str {
        match self {
            Strength::Full => "full",
            Strength::Partial => "partial",
            Strength::Related => "related",
        }
    }
}

impl Relationship {
    pub fn id(self) -> &'static str {
        match self {
            Relationship::Related => "related",
            Relationship::Equal => "equal",
            Relationship::SubsetOf => "subset-of",
            Relationship::SupersetOf => "superset-of",
            Relationship::IntersectsWith => "intersects-with",
            Relationship::Supports => "supports",
            Relationship::IsSupportedBy => "is-supported-by",
            Relationship::Equivalent => "equivalent",
            Relationship::Contrary => "contrary",
        }
    }

    /// The relationship as a verb phrase: `A equals B`, `A is a subset of B`.
    pub fn words(self) -> &'static str {
        match self {
            Relationship::Related => "is related to",
            Relationship::Equal => "equals",
            Relationship::SubsetOf => "is a subset of",
            Relationship::SupersetOf => "is a superset of",
            Relationship::IntersectsWith => "intersects with",
            Relationship::Supports => "supports",
            Relationship::IsSupportedBy => "is supported by",
            Relationship::Equivalent => "is equivalent to",
            Relationship::Contrary => "is contrary to",
        }
    }

    /// The style a value belongs to.
    pub fn style(self) -> Style {
        match self {
            Relationship::Related => Style::ConceptCrosswalk,
            Relationship::Equal | Relationship::SubsetOf | Relationship::SupersetOf | Relationship::IntersectsWith => {
                Style::SetTheory
            }
            _ => Style::Supportive,
        }
    }

    /// Any common spelling: `equal`, `equal-to`, `equivalent-to` (OSCAL's set-theory equal),
    /// `subset-of`, `subset of`, `superset`, `intersects`, `supports`, `related`, …
    /// OSCAL's `no-relationship` and unknown words are `None`.
    pub fn parse(text: &str) -> Option<Relationship> {
        Some(match norm(text).as_str() {
            "related" | "relatedto" | "crosswalk" | "concept" => Relationship::Related,
            "equal" | "equalto" | "equals" | "equivalentto" | "eq" => Relationship::Equal,
            "subset" | "subsetof" | "issubsetof" => Relationship::SubsetOf,
            "superset" | "supersetof" | "issupersetof" => Relationship::SupersetOf,
            "intersects" | "intersectswith" | "intersect" | "intersection" => Relationship::IntersectsWith,
            "supports" | "support" => Relationship::Supports,
            "issupportedby" | "supportedby" => Relationship::IsSupportedBy,
            "equivalent" => Relationship::Equivalent,
            "contrary" | "contradicts" => Relationship::Contrary,
            _ => return None,
        })
    }

    /// The same relationship read from the other end: `A subset-of B` is `B superset-of A`.
    pub fn inverse(self) -> Relationship {
        match self {
            Relationship::SubsetOf => Relationship::SupersetOf,
            Relationship::SupersetOf => Relationship::SubsetOf,
            Relationship::Supports => Relationship::IsSupportedBy,
            Relationship::IsSupportedBy => Relationship::Supports,
            other => other,
        }
    }

    /// How far "from" serves "to"; `None` for contrary.
    pub fn strength(self) -> Option<Strength> {
        match self {
            Relationship::Equal | Relationship::SupersetOf | Relationship::Equivalent => Some(Strength::Full),
            Relationship::SubsetOf | Relationship::IntersectsWith | Relationship::Supports => Some(Strength::Partial),
            Relationship::Related | Relationship::IsSupportedBy => Some(Strength::Related),
            Relationship::Contrary => None,
        }
    }

    /// Whether the consistency check compares the two ends: equal (and equivalent) or superset.
    pub fn checked(self) -> bool {
        matches!(self, Relationship::Equal | Relationship::Equivalent | Relationship::SupersetOf)
    }
}

/// Lower case, letters and digits only.
fn norm(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// One end of an edge: a framework (a built-in id, a catalog id, or a scheme such as
/// `sp800-53` that imported catalogs carry) and a control id as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct End {
    pub framework: String,
    pub control: String,
    /// `control_id::key` of `control`.
    pub key: String,
}

impl End {
    pub fn new(framework: &str, control: &str) -> End {
        let control = control.trim().to_string();
        End { framework: framework.trim().to_string(), key: control_id::key(&control), control }
    }
}

/// A crosswalk edge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub from: End,
    pub to: End,
    pub relationship: Relationship,
    /// The style the source states (a set-theory value in a concept crosswalk stays a crosswalk
    /// only if the source says so; every style can be read as a crosswalk).
    pub style: Style,
    pub rationale: String,
    /// The crosswalk's title or id.
    pub crosswalk: String,
    /// Where the edge was read: `file.xlsx[Relationships]!7`, `file.json: map 12 (uuid)`.
    pub provenance: String,
}

impl Edge {
    /// How far `from` serves `to`, by style: a concept crosswalk is only ever related.
    pub fn strength(&self) -> Option<Strength> {
        match self.style {
            Style::ConceptCrosswalk => Some(Strength::Related),
            _ => self.relationship.strength(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_inverses_and_strengths() {
        assert_eq!(Relationship::parse("equivalent-to"), Some(Relationship::Equal));
        assert_eq!(Relationship::parse("Subset Of"), Some(Relationship::SubsetOf));
        assert_eq!(Relationship::parse("no-relationship"), None);
        assert_eq!(Relationship::SubsetOf.inverse(), Relationship::SupersetOf);
        assert_eq!(Relationship::SupersetOf.strength(), Some(Strength::Full));
        assert_eq!(Relationship::IntersectsWith.strength(), Some(Strength::Partial));
        assert!(!Relationship::SubsetOf.checked() && Relationship::SupersetOf.checked());
        assert_eq!(Style::parse("Concept Crosswalk"), Some(Style::ConceptCrosswalk));
    }
}
