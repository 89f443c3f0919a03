//! Which framework a name or an id spelling means: the frameworks a crosswalk source names
//! (`SP 800-53 Rev 5.2.0`, a catalog href, a control id's shape) become the ids respmatrix
//! matches against the run's catalogs (`nist-csf-2.0`, `sp800-53`, `iso-27001-2022`, …), and a
//! crosswalk end matches a catalog by its id or by the scheme that tagged it.

use crate::model::Catalog;

/// The framework a source's name or a file name means, if it is one respmatrix knows.
pub fn from_name(name: &str) -> Option<&'static str> {
    let t = name.to_ascii_lowercase().replace(['_', ' '], "-");
    let has = |s: &str| t.contains(s);
    if has("800-53") {
        Some("sp800-53")
    } else if has("800-171") {
        Some("sp800-171")
    } else if has("soc-2") || has("soc2") || has("tsc") {
        Some("soc2-2017")
    } else if has("27017") || (has("27002") && has("2013")) || (has("27001") && has("2013")) {
        Some("iso-27017-2015")
    } else if (has("27001") || has("27002")) && has("2022") {
        Some("iso-27001-2022")
    } else if has("csf") || has("cybersecurity-framework") {
        if has("1.1") || has("v1-1") || has("1-1") {
            Some("nist-csf-1.1")
        } else {
            Some("nist-csf-2.0")
        }
    } else {
        None
    }
}

/// The framework a control id's shape suggests: `GV.OC-01` (CSF 2.0, two-digit numbers), `ID.BE-2`
/// (CSF 1.1), `AC-2(1)` (SP 800-53), `03.01.01` (SP 800-171 Rev. 3).
pub fn from_id(id: &str) -> Option<&'static str> {
    let id = id.trim();
    let b = id.as_bytes();
    let upper = |r: std::ops::Range<usize>| b.get(r.clone()).is_some_and(|s| s.iter().all(u8::is_ascii_uppercase));
    if b.len() >= 7 && upper(0..2) && b[2] == b'.' && upper(3..5) && b[5] == b'-' {
        let digits = &id[6..];
        return Some(if digits.len() == 2 { "nist-csf-2.0" } else { "nist-csf-1.1" });
    }
    if b.len() >= 4 && upper(0..2) && b[2] == b'-' && b[3].is_ascii_digit() {
        return Some("sp800-53");
    }
    if b.len() == 8 && b[0] == b'0' && b[2] == b'.' && b[5] == b'.' {
        return Some("sp800-171");
    }
    None
}

/// Whether a crosswalk end's framework names this catalog: its id, or the scheme that tagged
/// an imported catalog (`sp800-53` for an OSCAL 800-53 baseline).
pub fn names_catalog(framework: &str, catalog: &Catalog) -> bool {
    catalog.id.eq_ignore_ascii_case(framework)
        || catalog.statements.as_deref().is_some_and(|s| s.eq_ignore_ascii_case(framework))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_ids() {
        assert_eq!(from_name("SP 800-53 Rev 5.2.0"), Some("sp800-53"));
        assert_eq!(from_name("catalogs/NIST_CSF_v2.0/catalog.json"), Some("nist-csf-2.0"));
        assert_eq!(from_name("ISO 27002 v2022"), Some("iso-27001-2022"));
        assert_eq!(from_name("ISO \n27017\nv2015"), Some("iso-27017-2015"));
        assert_eq!(from_id("GV.OC-01"), Some("nist-csf-2.0"));
        assert_eq!(from_id("ID.BE-2"), Some("nist-csf-1.1"));
        assert_eq!(from_id("CP-02(08)"), Some("sp800-53"));
        assert_eq!(from_id("03.01.01"), Some("sp800-171"));
        assert_eq!(from_id("5.1"), None);
    }
}
