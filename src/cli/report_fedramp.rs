//! `report --fedramp LEVEL`: the level on the command line, the FedRAMP CIS/CRM workbook's
//! renderer among the report's artifacts, and the check, before anything is rendered, that the
//! level's baseline is among the selected frameworks (exit 2 naming the profile otherwise).

use clap::ValueEnum;
use respmatrix::error::Result;
use respmatrix::render::artifacts::Renderer;
use respmatrix::render::fedramp::{self, Level};
use respmatrix::report::Report;

/// A FedRAMP baseline of `report --fedramp`.
#[derive(Clone, Copy, ValueEnum)]
pub enum FedrampArg {
    High,
    Moderate,
    Low,
    LiSaas,
}

impl FedrampArg {
    pub fn level(self) -> Level {
        match self {
            FedrampArg::High => Level::High,
            FedrampArg::Moderate => Level::Moderate,
            FedrampArg::Low => Level::Low,
            FedrampArg::LiSaas => Level::LiSaas,
        }
    }
}

/// The workbook's file name and renderer, when a level was chosen.
pub fn renderer(level: Option<FedrampArg>) -> Option<(&'static str, Renderer)> {
    level.map(|l| (l.level().file_name(), fedramp::render as Renderer))
}

/// A usage error naming the profile to select when the chosen level's baseline is missing.
pub fn check(report: &Report) -> Result<()> {
    if let Some(level) = report.options.fedramp {
        fedramp::framework(&report.matrix, level)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_level_names_its_own_workbook() {
        let names: Vec<&str> =
            FedrampArg::value_variants().iter().filter_map(|a| renderer(Some(*a))).map(|(n, _)| n).collect();
        assert_eq!(
            names,
            [
                "fedramp-high-cis-crm.xlsx",
                "fedramp-moderate-cis-crm.xlsx",
                "fedramp-low-cis-crm.xlsx",
                "fedramp-li-saas-cis-crm.xlsx"
            ]
        );
        assert!(renderer(None).is_none());
    }
}
