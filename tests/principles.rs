//! The principles of the responsibility model (DESIGN.md §2) on the bundled sample: the seed
//! anchors, counterpart controls and the interpretation setting, mechanism versus configuration,
//! nothing left for the customer, cloud-only controls on own hardware, the overall `mixed`
//! status, and statements specific to each control.

mod common;

use common::{cell_status, map_json};
use serde_json::Value;
use std::collections::HashMap;

fn sample(extra: &[&str]) -> Value {
    let mut args = vec!["--config", "samples/respmatrix.yaml"];
    args.extend_from_slice(extra);
    let root = common::root();
    std::env::set_current_dir(&root).unwrap();
    map_json(&args)
}

fn cell<'a>(m: &'a Value, control: &str, svc: &str) -> &'a Value {
    let c = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == control).unwrap();
    c["services"].as_array().unwrap().iter().find(|x| x["service"] == svc).unwrap()
}

fn overall<'a>(m: &'a Value, control: &str) -> &'a str {
    let c = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == control).unwrap();
    c["status"].as_str().unwrap()
}

const EC2: &str = "web-frontend";
const RDS: &str = "orders-db";
const S3: &str = "document-store";
const EXCHANGE: &str = "email";
const ON_PREM: &str = "zurich-file-server";

#[test]
fn the_seed_anchors_still_hold() {
    let m = sample(&[]);
    // Physical and environmental controls are inherited from any cloud provider.
    for control in ["PR.AA-06", "A.11.1.1", "CC6.4"] {
        for svc in [EC2, RDS, S3, EXCHANGE] {
            assert_eq!(cell_status(&m, control, svc), "inherited", "{control} {svc}");
        }
        assert_eq!(cell_status(&m, control, ON_PREM), "customer", "{control} on-prem");
    }
    // Patching, configuration management, training, incident response, contingency: shared.
    for control in ["PR.PS-02", "PR.PS-01", "PR.AT-01", "RS.MA-01", "A.17.1.1", "CC8.1"] {
        assert_eq!(cell_status(&m, control, EC2), "shared", "{control} EC2");
    }
    // Data classification, IAM, the guest OS and security groups of IaaS, RDS database users:
    // the customer's.
    for control in ["ID.AM-05", "A.8.2.1", "PR.AA-05", "A.9.2.1", "A.9.2.5"] {
        for svc in [EC2, RDS, S3] {
            assert_eq!(cell_status(&m, control, svc), "customer", "{control} {svc}");
        }
    }
    let ec2_network = cell(&m, "PR.IR-01", EC2);
    assert!(ec2_network["customer_layers"].as_array().unwrap().iter().any(|l| l == "network-config"));
}

#[test]
fn counterpart_controls_are_shared_and_the_setting_reads_them_as_the_customers() {
    let m = sample(&[]);
    assert_eq!(m["interpretation"]["counterpart"], "shared");
    for control in ["GV.PO-02", "ID.RA-03", "GV.RR-01", "GV.SC-05", "A.5.1.1", "A.15.1.1", "A.18.1.1", "CC9.2"] {
        assert_eq!(cell_status(&m, control, EC2), "shared", "{control}");
        let why = cell(&m, control, EC2)["rationale"].as_str().unwrap().to_string();
        assert!(why.contains("Principle: counterpart control"), "{control}: {why}");
    }
    // Controls that exist only in the organization's own business context stay customer.
    for control in ["GV.OC-01", "CC1.1"] {
        assert_eq!(cell_status(&m, control, EXCHANGE), "customer", "{control}");
    }
    let carve_out = sample(&["--counterpart", "customer"]);
    assert_eq!(carve_out["interpretation"]["counterpart"], "customer");
    for control in ["GV.PO-02", "A.5.1.1", "PR.AT-01", "CC9.2"] {
        assert_eq!(cell_status(&carve_out, control, EC2), "customer", "{control}");
        let why = cell(&carve_out, control, EC2)["rationale"].as_str().unwrap().to_string();
        assert!(why.contains("counterpart: customer"), "{control}: {why}");
    }
    // Physical controls do not depend on the reading.
    assert_eq!(cell_status(&carve_out, "PR.AA-06", EC2), "inherited");
}

#[test]
fn mechanism_versus_configuration_and_nothing_left_for_the_customer() {
    let m = sample(&[]);
    for (control, svc) in [("PR.AA-03", EXCHANGE), ("PR.DS-01", S3), ("PR.DS-01", RDS), ("A.10.1.2", S3)] {
        assert_eq!(cell_status(&m, control, svc), "shared", "{control} {svc}");
        let why = cell(&m, control, svc)["rationale"].as_str().unwrap().to_string();
        assert!(why.contains("mechanism versus configuration"), "{control} {svc}: {why}");
    }
    // The same controls on a bare instance: the organization runs the mechanism too.
    assert_eq!(cell_status(&m, "PR.AA-03", EC2), "customer");
    for (control, svc) in [("PR.PS-02", EXCHANGE), ("A.12.6.1", EXCHANGE), ("A.8.3.2", EC2), ("A.12.1.3", S3)] {
        assert_eq!(cell_status(&m, control, svc), "inherited", "{control} {svc}");
    }
}

#[test]
fn cloud_only_controls_are_not_applicable_to_the_own_datacentre() {
    let m = sample(&[]);
    for control in ["CLD.6.3.1", "CLD.9.5.1", "CLD.12.4.5"] {
        let c = cell(&m, control, ON_PREM);
        assert_eq!(c["status"], "not-applicable", "{control}");
        assert_eq!(c["decided_by"], "rule:cloud-only");
        assert!(c["rationale"].as_str().unwrap().contains("cloud-only control"), "{c}");
        assert!(c["customer_statement"]
            .as_str()
            .unwrap()
            .contains("Zürich File Server runs in the organization's own"));
        assert_ne!(cell_status(&m, control, EC2), "not-applicable");
    }
}

#[test]
fn an_overall_status_says_when_services_differ() {
    let m = sample(&[]);
    // Inherited for every cloud service, the organization's for the datacentre: mixed, not shared.
    assert_eq!(overall(&m, "PR.AA-06"), "mixed");
    let c = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == "PR.AA-06").unwrap();
    assert_eq!(c["counts"]["customer"], 4);
    assert!(c["counts"]["inherited"].as_u64().unwrap() > 10);
    // Every service the organization's own: customer.
    assert_eq!(overall(&m, "PR.AA-05"), "customer");
    let fw = &m["frameworks"][0];
    assert!(fw["counts"]["mixed"].as_u64().unwrap() > 0, "{fw}");
}

#[test]
fn statements_are_specific_to_the_control() {
    let m = sample(&[]);
    // No customer statement is shared by two controls of different families.
    let mut seen: HashMap<String, (String, String)> = HashMap::new();
    for c in m["controls"].as_array().unwrap() {
        let family = format!("{}:{}", c["framework"], c["family"]);
        for cell in c["services"].as_array().unwrap() {
            let text = cell["customer_statement"].as_str().unwrap().to_string();
            if text.is_empty() || cell["status"] == "not-applicable" {
                continue;
            }
            let id = c["id"].as_str().unwrap().to_string();
            if let Some((fam, other)) = seen.get(&text) {
                assert!(*fam == family, "{id} and {other} (families {family}, {fam}) share: {text}");
            } else {
                seen.insert(text, (family.clone(), id));
            }
        }
    }
    let screening = cell(&m, "A.7.1.1", EC2)["customer_statement"].as_str().unwrap().to_lowercase();
    assert!(screening.contains("background") || screening.contains("screen"), "{screening}");
    let inventory = cell(&m, "ID.AM-02", EC2)["customer_statement"].as_str().unwrap().to_lowercase();
    assert!(inventory.contains("inventor"), "{inventory}");
    assert!(!inventory.contains("patches"), "{inventory}");
    // Product variants: S3's data-at-rest statement names S3's own settings.
    let s3 = cell(&m, "PR.DS-01", S3)["customer_statement"].as_str().unwrap();
    assert!(s3.contains("Clinical Document Store"), "{s3}");
    // A plural provider name takes a plural verb.
    let ms = cell(&m, "PR.AA-06", EXCHANGE)["provider_statement"].as_str().unwrap();
    assert!(ms.starts_with("Microsoft 365 and Microsoft cloud services "), "{ms}");
    let verb = ms["Microsoft 365 and Microsoft cloud services ".len()..].split(' ').next().unwrap();
    assert!(!verb.ends_with('s') || verb.ends_with("ss"), "{ms}");
}

/// The parenthesised asides of `text` that name an attestation programme.
fn attestation_asides(text: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('(') {
        let Some(len) = rest[open..].find(')') else { break };
        let aside = &rest[open + 1..open + len];
        if ["SOC 2", "ISO/IEC 27001", "FedRAMP"].iter().any(|p| aside.contains(p)) {
            found.push(aside);
        }
        rest = &rest[open + len..];
    }
    found
}

#[test]
fn statements_name_attestations_only_as_examples() {
    // respmatrix cannot know which reports a provider holds (an arbitrary SaaS vendor may have
    // no FedRAMP authorization): a provider or inherited statement lists programmes as examples,
    // never as fact.
    let dir = common::root().join("templates/statements");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // What the provider does, and what the organization relies on: not the evidence lists
        // of customer statements.
        let claims = |l: &&str| ["provider: \"", "inherited: \""].iter().any(|k| l.contains(k));
        for (n, line) in text.lines().enumerate().filter(|(_, l)| claims(l)) {
            for aside in attestation_asides(line) {
                checked += 1;
                let hedged = ["such as ", "for example", "e.g. "].iter().any(|h| aside.starts_with(h));
                assert!(hedged, "{}:{}: ({aside}) states attestations as fact", path.display(), n + 1);
            }
        }
    }
    assert!(checked >= 10, "the check found the asides it is about ({checked})");
}

#[test]
fn an_800_53_control_without_its_own_entry_takes_its_family_sentence() {
    // AC-16 and PM-2 have no entry in sp800-53-controls-*.yaml: they are worded by the AC and PM
    // family sentences of sp800-53.yaml, which weave in the control's own statement, not by the
    // one-line fallback every catalog without a statement set gets.
    let root = common::root();
    std::env::set_current_dir(&root).unwrap();
    let catalog = "catalogs/nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json";
    let m = map_json(&["-i", "samples/inventory.csv", "-f", catalog]);
    let attributes = cell(&m, "AC-16", EXCHANGE)["customer_statement"].as_str().unwrap();
    assert!(
        attributes.starts_with(
            "The organization applies AC-16 (Security and Privacy Attributes) to its tenant of Corporate Email"
        ),
        "{attributes}"
    );
    assert!(attributes.contains("; the control asks: a. Provide the means to associate"), "{attributes}");
    let program = cell(&m, "PM-2", RDS);
    let customer = program["customer_statement"].as_str().unwrap();
    assert!(
        customer
            .starts_with("The organization covers Orders DB in its information security and privacy program for PM-2"),
        "{customer}"
    );
    let provider = program["provider_statement"].as_str().unwrap();
    assert!(provider.contains("the counterpart of PM-2 (Information Security Program Leadership Role)"), "{provider}");
}

#[test]
fn a_plural_provider_name_takes_plural_pronouns() {
    // "Microsoft 365 and Microsoft cloud services run their own part …", never "… run its own".
    let m = sample(&[]);
    let mut checked = 0;
    for c in m["controls"].as_array().unwrap() {
        for cell in c["services"].as_array().unwrap().iter().filter(|x| x["service"] == EXCHANGE) {
            for field in ["provider_statement", "customer_statement"] {
                let text = cell[field].as_str().unwrap();
                if let Some(rest) = text.strip_prefix("Microsoft 365 and Microsoft cloud services ") {
                    checked += 1;
                    // Up to where another subject may take over the pronouns.
                    let clause = rest.split([';', ',', '.']).next().unwrap();
                    let clause = clause.split("the organization").next().unwrap();
                    let words: Vec<&str> = clause.split(' ').collect();
                    let singular = words.windows(2).any(|w| w[0] == "its" || (w[0] == "it" && w[1].ends_with('s')));
                    assert!(!singular, "{} {field}: {text}", c["id"]);
                }
            }
        }
    }
    assert!(checked > 50, "{checked} statements checked");
    let generic = run_generic_fallback();
    assert!(generic.contains("Microsoft 365 and Microsoft cloud services run their own part of"), "{generic}");
    assert!(
        generic.contains("for the layers they operate under Corporate Email, as their attestation reports describe"),
        "{generic}"
    );
}

/// The provider statement of a shared cell of a catalog without a statement set: the fallback
/// `control:` text of templates/statements.yaml, for Exchange Online.
fn run_generic_fallback() -> String {
    let dir = tempfile::tempdir().unwrap();
    let catalog = dir.path().join("own.csv");
    std::fs::write(&catalog, "id,title,family,layers\nOWN-1,Security program,Governance,governance\n").unwrap();
    let m = map_json(&["-i", "samples/inventory.csv", "-f", catalog.to_str().unwrap()]);
    cell(&m, "OWN-1", EXCHANGE)["provider_statement"].as_str().unwrap().to_string()
}
