//! The assessment period as dates: the first two `YYYY-MM-DD` found in the period text
//! (`2026-01-01 to 2026-12-31`), so evidence can be checked against it.

use crate::model::Date;

/// A period's first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

impl Period {
    /// `None` when the text does not hold two dates in order.
    pub fn parse(text: &str) -> Option<Period> {
        let dates: Vec<Date> = text
            .split(|c: char| !(c.is_ascii_digit() || c == '-'))
            .filter(|t| t.len() == 10)
            .filter_map(Date::parse)
            .collect();
        match dates.as_slice() {
            [start, end, ..] if start <= end => Some(Period { start: *start, end: *end }),
            _ => None,
        }
    }

    pub fn contains(&self, d: Date) -> bool {
        self.start <= d && d <= self.end
    }

    /// Whether two periods share at least one day.
    pub fn overlaps(&self, o: &Period) -> bool {
        self.start <= o.end && o.start <= self.end
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} to {}", self.start, self.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_parse_from_free_text() {
        let p = Period::parse("2026-01-01 to 2026-12-31").unwrap();
        assert!(p.contains(Date::parse("2026-06-30").unwrap()));
        assert!(!p.contains(Date::parse("2027-01-01").unwrap()));
        assert_eq!(Period::parse("FY2026"), None);
        assert_eq!(Period::parse("2026-12-31 – 2026-01-01"), None);
        assert!(p.overlaps(&Period::parse("2025-10-01 to 2026-03-31").unwrap()));
    }
}
