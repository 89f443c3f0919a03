//! The reviews ledger (`reviews.yaml`): the reviewers' work as sorted, deterministic YAML, so a
//! team can keep reviews in git and carry them with `report --reviews`. Written by
//! `respmatrix reviews export`; read strictly (unknown keys are errors, as in the overrides file).

use super::ids;
use super::prior::{Entry, LooseRow, Pair, Prior};
use super::soa_reviews::SoaReview;
use crate::error::Result;
use serde::{Deserialize, Serialize};

pub const SCHEMA: &str = "respmatrix/reviews@1";

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    schema: String,
    #[serde(default)]
    source: String,
    #[serde(default)]
    reviews: Vec<Review>,
    #[serde(default)]
    unmatched: Vec<Unmatched>,
    /// The Statements of Applicability's reviewer cells (implementation status, reviewer,
    /// notes), by control.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    soa: Vec<SoaReview>,
}

/// One reviewed pair.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Review {
    framework: String,
    control: String,
    service: String,
    #[serde(default)]
    responsibility: String,
    #[serde(default)]
    row: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    provider_layers: Vec<String>,
    #[serde(default)]
    customer_layers: Vec<String>,
    #[serde(default)]
    shared_layers: Vec<String>,
    #[serde(default)]
    decided_by: String,
    #[serde(default)]
    statement: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    evidence: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    review_status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    notes: String,
}

/// A reviewed row that could not be tied to pairs.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Unmatched {
    #[serde(default)]
    row: String,
    #[serde(default)]
    framework: String,
    #[serde(default)]
    control: String,
    #[serde(default)]
    services: String,
    #[serde(default)]
    origin: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    evidence: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    review_status: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    notes: String,
}

const HEADER: &str = "# respmatrix reviews ledger: the reviewers' work (owner, evidence, review status, notes) per\n\
# (framework, control, service), with the responsibility each was reviewed for. Carry it into a\n\
# report with `respmatrix report --reviews reviews.yaml`; re-export with `respmatrix reviews export`.\n";

/// The ledger of a previous report's reviewed pairs, sorted by framework, control and service.
pub fn export(prior: &Prior) -> String {
    let mut pairs: Vec<&Pair> = prior.pairs.iter().filter(|p| !p.entry.is_empty()).collect();
    pairs.sort_by_cached_key(|p| (p.framework.clone(), ids::control_key(&p.control), p.service.clone()));
    let reviews = pairs
        .into_iter()
        .map(|p| Review {
            framework: p.framework.clone(),
            control: p.control.clone(),
            service: p.service.clone(),
            responsibility: p.responsibility.clone(),
            row: p.row.clone(),
            status: p.status.clone(),
            provider_layers: p.provider_layers.clone(),
            customer_layers: p.customer_layers.clone(),
            shared_layers: p.shared_layers.clone(),
            decided_by: p.decided_by.clone(),
            statement: p.statement.clone(),
            owner: p.entry.owner.clone(),
            evidence: p.entry.evidence.clone(),
            review_status: p.entry.review_status.clone(),
            notes: p.entry.notes.clone(),
        })
        .collect();
    let unmatched = prior
        .loose
        .iter()
        .filter(|l| !l.entry.is_empty())
        .map(|l| Unmatched {
            row: l.row.clone(),
            framework: l.framework.clone(),
            control: l.control.clone(),
            services: l.services.clone(),
            origin: l.origin.clone(),
            owner: l.entry.owner.clone(),
            evidence: l.entry.evidence.clone(),
            review_status: l.entry.review_status.clone(),
            notes: l.entry.notes.clone(),
        })
        .collect();
    let mut soa = prior.soa.clone();
    soa.sort_by_cached_key(|r| (r.framework.clone(), ids::control_key(&r.control), r.origin.clone()));
    let file = File { schema: SCHEMA.to_string(), source: prior.source.clone(), reviews, unmatched, soa };
    let body = serde_norway::to_string(&file).expect("a ledger always serializes");
    format!("{HEADER}{body}")
}

/// Reads a ledger.
pub fn read(path: &std::path::Path) -> Result<Prior> {
    let name = path.display().to_string();
    let bytes = crate::ingest::limits::read_file(path, crate::ingest::limits::TEXT_FILE_MAX)?;
    let text = crate::ingest::text::decode(&name, &bytes)?;
    let file: File = crate::data::yaml::parse(&name, &text)?;
    if file.schema != SCHEMA {
        return Err(crate::error::Error::unreadable(crate::diag::Diagnostic::error(
            crate::diag::Location::at_path(&name, "schema"),
            format!(
                "schema \"{}\" is not a reviews ledger (expected {SCHEMA})",
                crate::diag::excerpt(&file.schema, 60)
            ),
        )));
    }
    let entry = |owner: String, evidence: String, review_status: String, notes: String| Entry {
        owner,
        evidence,
        review_status,
        notes,
    };
    let pairs = file
        .reviews
        .into_iter()
        .map(|r| Pair {
            framework: r.framework,
            control: r.control,
            service: r.service,
            responsibility: r.responsibility,
            row: r.row,
            status: r.status,
            provider_layers: r.provider_layers,
            customer_layers: r.customer_layers,
            shared_layers: r.shared_layers,
            decided_by: r.decided_by,
            statement: r.statement,
            entry: entry(r.owner, r.evidence, r.review_status, r.notes),
        })
        .collect();
    let loose = file
        .unmatched
        .into_iter()
        .map(|u| LooseRow {
            row: u.row,
            framework: u.framework,
            control: u.control,
            services: u.services,
            origin: u.origin,
            entry: entry(u.owner, u.evidence, u.review_status, u.notes),
            why: String::new(),
        })
        .collect();
    Ok(Prior {
        source: name,
        pairs,
        loose,
        soa: file.soa,
        matrix: None,
        notes: Vec::new(),
        unreviewed: Default::default(),
    })
}
