//! Catalog import on the real files in ../shared/data.

mod common;
use common::*;
use respmatrix::ingest::oscal::{self, LoadOptions};

#[test]
fn probe() {
    for (rel, inc) in [
        ("nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json", false),
        ("nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json", true),
        ("nist-oscal/csf-2.0/NIST_CSF_v2.0_catalog.xml", false),
        ("nist-oscal/sp800-171-rev3/NIST_SP800-171_rev3_catalog.xml", false),
        ("nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_LOW-baseline_profile.json", false),
        ("nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_MODERATE-baseline_profile.json", false),
        ("nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_HIGH-baseline_profile.json", false),
        ("nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_HIGH-baseline-resolved-profile_catalog-min.json", false),
        ("fedramp-automation/baselines/FedRAMP_rev5_MODERATE-baseline-resolved-profile_catalog.xml", false),
        ("nist-csf/third-party-derived/NIST_CSF_v2.0_catalog.json", false),
    ] {
        let t = std::time::Instant::now();
        let (c, d) = oscal::load(&shared_data(rel), LoadOptions { include_withdrawn: inc, catalog: None }).unwrap();
        eprintln!(
            "{rel}: {} controls, {} families, {:?} | {} | {} {} {}",
            c.controls.len(),
            c.families.len(),
            t.elapsed(),
            c.id,
            c.title,
            c.version,
            c.publisher
        );
        eprintln!("   source: {}", c.source);
        for x in d.items.iter() {
            eprintln!("   {x}");
        }
        for x in c.controls.iter().take(3) {
            eprintln!(
                "   {} [{}] {} :: {:?}",
                x.id,
                x.family,
                x.title,
                x.description.as_deref().map(|s| &s[..s.len().min(300)])
            );
        }
        for x in c.families.iter().take(4) {
            eprintln!("   fam {} {} {:?}", x.id, x.title, x.parent);
        }
    }
}
