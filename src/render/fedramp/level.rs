//! The FedRAMP impact levels of the Rev 5 CIS/CRM workbook (SSP Appendix J) and what each
//! level's worksheets look like in the template: sheet names, titles, header rows, widths.

use crate::view::FrameworkView;

/// A FedRAMP baseline whose CIS and CRM worksheets `report --fedramp` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    High,
    Moderate,
    Low,
    /// The Tailored LI-SaaS worksheets: the template lists the Low baseline's response points.
    LiSaas,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::High, Level::Moderate, Level::Low, Level::LiSaas];

    /// The level as the template names it (`High`, `LI-SaaS`).
    pub fn name(self) -> &'static str {
        match self {
            Level::High => "High",
            Level::Moderate => "Moderate",
            Level::Low => "Low",
            Level::LiSaas => "LI-SaaS",
        }
    }

    /// The level on the command line and in the file name (`li-saas`).
    pub fn id(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Moderate => "moderate",
            Level::Low => "low",
            Level::LiSaas => "li-saas",
        }
    }

    /// The artifact's file name in the report folder.
    pub fn file_name(self) -> &'static str {
        match self {
            Level::High => "fedramp-high-cis-crm.xlsx",
            Level::Moderate => "fedramp-moderate-cis-crm.xlsx",
            Level::Low => "fedramp-low-cis-crm.xlsx",
            Level::LiSaas => "fedramp-li-saas-cis-crm.xlsx",
        }
    }

    pub fn cis_sheet(self) -> String {
        format!("{} CIS Worksheet", self.name())
    }

    pub fn crm_sheet(self) -> String {
        format!("{} CRM Worksheet", self.name())
    }

    pub fn cis_title(self) -> String {
        format!("FedRAMP {} Control Implementation Summary (CIS) Worksheet", self.name())
    }

    pub fn crm_title(self) -> String {
        format!("FedRAMP {} Customer Responsibility Matrix (CRM) Worksheet", self.name())
    }

    /// The baseline whose response points are the rows (LI-SaaS: the Low baseline's).
    pub fn rows_from(self) -> Level {
        match self {
            Level::LiSaas => Level::Low,
            other => other,
        }
    }

    /// The 0-based row of the CRM header: row 3 on High, row 4 on the others (as the template).
    pub fn crm_header_row(self) -> u32 {
        match self {
            Level::High => 2,
            _ => 3,
        }
    }

    /// The template's column widths of the CIS worksheet, columns A to M.
    pub fn cis_widths(self) -> [f64; 13] {
        match self {
            Level::High => [15.0, 16.2, 16.2, 10.6, 19.2, 7.0, 13.0, 11.2, 21.0, 21.0, 21.0, 20.0, 17.6],
            Level::Moderate => [15.0, 19.8, 19.8, 19.8, 19.8, 19.8, 19.8, 19.8, 21.0, 21.0, 21.0, 21.6, 27.4],
            Level::Low => [15.0, 19.8, 19.8, 19.8, 19.8, 19.8, 20.2, 24.4, 26.0, 25.4, 26.6, 34.8, 19.8],
            Level::LiSaas => [15.0, 19.8, 19.8, 19.8, 19.8, 19.8, 19.8, 19.8, 19.8, 19.8, 19.8, 19.8, 19.8],
        }
    }

    /// The template's height of the CIS header's second row (the column names).
    pub fn cis_names_height(self) -> f64 {
        match self {
            Level::Low => 68.0,
            _ => 73.5,
        }
    }

    /// The template's column widths of the CRM worksheet, columns A to C.
    pub fn crm_widths(self) -> [f64; 3] {
        match self {
            Level::High => [14.2, 31.8, 126.0],
            Level::Moderate => [13.8, 33.6, 129.4],
            Level::Low => [13.8, 36.0, 120.0],
            Level::LiSaas => [13.8, 33.6, 136.0],
        }
    }

    /// Whether a selected framework is this level's FedRAMP baseline: its id or title names
    /// FedRAMP and the level (`FedRAMP Rev 5 Moderate Baseline`,
    /// `fedramp-rev5-moderate-baseline-profile`). LI-SaaS takes the Low baseline (the
    /// template's LI-SaaS worksheets list its response points); the Tailored LI-SaaS profile
    /// is not the Low baseline.
    pub fn matches(self, fw: &FrameworkView) -> bool {
        let text = format!("{} {}", fw.id, fw.title).to_lowercase();
        let words: Vec<&str> = text.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).collect();
        let has = |w: &str| words.contains(&w);
        if !has("fedramp") || has("saas") || has("tailored") {
            return false;
        }
        match self.rows_from() {
            Level::High => has("high"),
            Level::Moderate => has("moderate"),
            _ => has("low"),
        }
    }

    /// The file of the baseline to select, as FedRAMP publishes it.
    pub fn profile_file(self) -> &'static str {
        match self.rows_from() {
            Level::High => "FedRAMP_rev5_HIGH-baseline_profile.json",
            Level::Moderate => "FedRAMP_rev5_MODERATE-baseline_profile.json",
            _ => "FedRAMP_rev5_LOW-baseline_profile.json",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fw(id: &str, title: &str) -> FrameworkView {
        FrameworkView {
            id: id.into(),
            title: title.into(),
            version: String::new(),
            publisher: String::new(),
            source: String::new(),
            licence: String::new(),
            origin: String::new(),
            controls: 0,
            counts: Default::default(),
        }
    }

    #[test]
    fn a_level_finds_its_own_baseline_and_no_other() {
        let moderate = fw("fedramp-rev5-moderate-baseline-profile", "FedRAMP Rev 5 Moderate Baseline");
        let low = fw("fedramp-rev5-low-baseline-profile", "FedRAMP Rev 5 Low Baseline");
        let tailored = fw(
            "fedramp-rev5-li-saas-baseline-profile",
            "FedRAMP Rev 5 Tailored Low Impact Software as a Service (LI-SaaS) Baseline",
        );
        let nist_low = fw("nist-sp-800-53-rev5-low-baseline-profile", "NIST Special Publication 800-53 Revision 5 LOW");
        assert!(Level::Moderate.matches(&moderate));
        assert!(!Level::High.matches(&moderate) && !Level::Low.matches(&moderate));
        assert!(Level::Low.matches(&low) && Level::LiSaas.matches(&low));
        assert!(!Level::Low.matches(&tailored) && !Level::LiSaas.matches(&tailored));
        assert!(!Level::Low.matches(&nist_low));
    }

    #[test]
    fn the_crm_header_sits_on_row_3_on_high_only() {
        let rows: Vec<u32> = Level::ALL.iter().map(|l| l.crm_header_row() + 1).collect();
        assert_eq!(rows, [3, 4, 4, 4]);
        assert_eq!(Level::LiSaas.crm_sheet(), "LI-SaaS CRM Worksheet");
        assert_eq!(Level::LiSaas.file_name(), "fedramp-li-saas-cis-crm.xlsx");
    }
}
