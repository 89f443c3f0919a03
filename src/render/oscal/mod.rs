//! `ssp.oscal.json`: the responsibility matrix as an OSCAL System Security Plan of the
//! organization's system, a leveraging system that inherits from each cloud provider.
//!
//! Pure: the report in, bytes out. Every id is a UUIDv5 over stable keys (organization,
//! framework, control, statement, service), and the dates come from the report, never the
//! clock, so the same inputs give the same bytes and a new quarter keeps the old ids.

mod metadata;
mod model;
mod names;
mod origination;
mod requirements;
mod system;
pub mod uuid;

use crate::error::Result;
use crate::report::Report;
use model::{Document, Href, Ssp};

/// The file `report --formats oscal` writes.
pub const FILE_NAME: &str = "ssp.oscal.json";

/// The OSCAL version the plan is written in (`report --oscal-version`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum OscalVersion {
    #[default]
    V1_1_3,
    V1_2_1,
}

impl OscalVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            OscalVersion::V1_1_3 => "1.1.3",
            OscalVersion::V1_2_1 => "1.2.1",
        }
    }
}

/// The framework the plan answers: the first one read from a catalog or profile file (a plan
/// imports one profile), else the first one.
pub fn framework(r: &Report) -> Option<usize> {
    let fws = &r.matrix.frameworks;
    fws.iter().position(|f| f.origin != "built-in").or((!fws.is_empty()).then_some(0))
}

/// Renders the SSP (pretty JSON, two-space indent, a newline at the end).
pub fn render(r: &Report) -> Result<Vec<u8>> {
    let Some(fi) = framework(r) else {
        return Err(fail("the plan needs a framework".into()));
    };
    let fw = &r.matrix.frameworks[fi];
    let ids = uuid::Ids::new(&r.meta.organization);
    let parties = metadata::Parties::new(r, &ids);
    let parts = system::Parts::new(&r.matrix, &ids, &parties);
    let import_profile = match fw.origin.as_str() {
        "built-in" => Href {
            href: format!("#{}", metadata::framework_resource(&ids, fw)),
            remarks: Some(format!("{} is built into respmatrix: the back-matter resource describes it.", fw.id)),
        },
        origin => Href { href: names::href(origin), remarks: None },
    };
    let doc = Document {
        ssp: Ssp {
            uuid: ids.of(&["ssp", &fw.id]),
            metadata: metadata::metadata(r, fw, &parties, r.options.oscal_version.as_str()),
            import_profile,
            system_characteristics: system::characteristics(r, &ids),
            system_implementation: system::implementation(r, &ids, &parties, &parts),
            control_implementation: requirements::control_implementation(&r.matrix, fi, &ids, &parts),
            back_matter: metadata::back_matter(r, fw, &ids, &parties),
        },
    };
    let mut out = serde_json::to_vec_pretty(&doc).map_err(|e| fail(e.to_string()))?;
    out.push(b'\n');
    Ok(out)
}

fn fail(message: String) -> crate::error::Error {
    crate::error::Error::Render { artifact: FILE_NAME.into(), message }
}

#[cfg(test)]
mod tests;
