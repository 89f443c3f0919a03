//! The mapping agrees with the seed texts on the shared responsibility model
//! (`../shared/seeds/`): physical controls inherited; patching, configuration management,
//! training, incident response and contingency shared; data classification, IAM, the guest OS
//! and security groups of IaaS, RDS database users and SSL-only settings the customer's.

mod common;
use common::*;
use serde_json::Value;

const INVENTORY: &str = "\
Name,Provider,Service,Model
Web Fleet,AWS,Amazon EC2,
Orders DB,AWS,Amazon RDS,
Documents,AWS,S3,
Cluster,AWS,EKS,
Functions,AWS,AWS Lambda,
Mail,Microsoft,Exchange Online,
HQ Servers,On-prem,,
";

const CLOUD: [&str; 6] = ["web-fleet", "orders-db", "documents", "cluster", "functions", "mail"];

fn matrix(extra: &[&str]) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let inv = fixture(&dir, "inv.csv", INVENTORY.as_bytes());
    let mut args = vec!["-i", s(&inv)];
    args.extend_from_slice(extra);
    map_json(&args)
}

fn assert_all(m: &Value, controls: &[&str], services: &[&str], want: &str) {
    for c in controls {
        for svc in services {
            assert_eq!(cell_status(m, c, svc), want, "{c} on {svc}");
        }
    }
}

#[test]
fn physical_and_environmental_controls_are_inherited_in_the_cloud_and_ours_on_prem() {
    let m = matrix(&[]);
    let physical = ["PR.AA-06", "A.11.1.1", "A.11.1.4", "CC6.4"];
    assert_all(&m, &physical, &CLOUD, "inherited");
    assert_all(&m, &physical, &["hq-servers"], "customer");
    // Overall: inherited in the cloud, the organization's in its own datacenter → mixed, with
    // exact counts.
    let c = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == "PR.AA-06").unwrap();
    assert_eq!(c["status"], "mixed");
    assert_eq!(c["counts"]["inherited"], 6);
    assert_eq!(c["counts"]["customer"], 1);
}

#[test]
fn patching_configuration_training_incident_response_and_contingency_are_shared() {
    let m = matrix(&[]);
    // Patch management: shared wherever the organization runs software of its own; for an
    // abstracted or SaaS service nothing is left for it (principle 3).
    let patching = ["PR.PS-02", "A.12.6.1"];
    assert_all(&m, &patching, &["web-fleet", "orders-db", "cluster", "functions"], "shared");
    assert_all(&m, &patching, &["documents", "mail"], "inherited");
    let shared = [
        "PR.PS-01", "A.12.1.2", "CC8.1", // configuration and change management
        "PR.AT-01", "A.7.2.2", "CC2.2", // awareness and training
        "RS.MA-01", "A.16.1.5", "CC7.4", // incident response
        "A.17.1.2", "PR.DS-11", // contingency and backups
    ];
    assert_all(&m, &shared, &CLOUD, "shared");
}

#[test]
fn data_classification_and_iam_are_always_the_customers() {
    let m = matrix(&[]);
    let customer = ["ID.AM-07", "A.8.2.1", "C1.1", "PR.AA-01", "A.9.2.1", "CC6.1"];
    assert_all(&m, &customer, &CLOUD, "customer");
    assert_all(&m, &customer, &["hq-servers"], "customer");
}

#[test]
fn iaas_guest_os_and_security_groups_are_the_customers_while_rds_patches_are_inherited() {
    let m = matrix(&[]);
    // CLD.9.5.2 hardening of virtual machines touches only the guest OS.
    assert_eq!(cell_status(&m, "CLD.9.5.2", "web-fleet"), "customer");
    assert_eq!(cell_status(&m, "CLD.9.5.2", "orders-db"), "inherited");
    // A.13.1.3 network segregation: security groups of EC2 and RDS are the customer's.
    assert_eq!(cell_status(&m, "A.13.1.3", "web-fleet"), "customer");
    assert_eq!(cell_status(&m, "A.13.1.3", "orders-db"), "customer");
    // S3 is shared (bucket policy) and SaaS mail leaves the network to Microsoft.
    assert_eq!(cell_status(&m, "A.13.1.3", "documents"), "shared");
    assert_eq!(cell_status(&m, "A.13.1.3", "mail"), "inherited");
}

/// A catalog whose layer tags are the seeds' own examples, so the service-model table itself is
/// under test (not just the built-in tagging).
const SEED_CATALOG: &str = r#"
id: seeds
title: Seed statements
families: [{id: S, title: Seeds}]
controls:
  - {id: PHYS, family: S, title: Physical and environmental, layers: [facilities, hardware]}
  - {id: PATCH, family: S, title: Patch management, layers: [host-os, guest-os, platform, application]}
  - {id: GUEST, family: S, title: Guest OS patches, layers: [guest-os]}
  - {id: SG, family: S, title: Security groups and SSL-only connections, layers: [network-config]}
  - {id: DBUSERS, family: S, title: In-database users and IAM, layers: [identity]}
  - {id: CLASSIFY, family: S, title: Data classification and encryption, layers: [data]}
  - {id: TRAIN, family: S, title: Awareness and training, layers: [workforce]}
  - {id: IMAGES, family: S, title: Container images and orchestrator configuration, layers: [platform, application]}
"#;

#[test]
fn the_service_models_follow_the_seed_examples() {
    let dir = tempfile::tempdir().unwrap();
    let cat = fixture(&dir, "seeds.yaml", SEED_CATALOG.as_bytes());
    let m = matrix(&["-f", s(&cat)]);
    let table: &[(&str, [&str; 7])] = &[
        //           web-fleet   orders-db   documents   cluster     functions   mail        hq-servers
        ("PHYS", ["inherited", "inherited", "inherited", "inherited", "inherited", "inherited", "customer"]),
        ("PATCH", ["shared", "shared", "inherited", "shared", "shared", "inherited", "customer"]),
        ("GUEST", ["customer", "inherited", "inherited", "customer", "inherited", "inherited", "customer"]),
        ("SG", ["customer", "customer", "shared", "customer", "shared", "inherited", "customer"]),
        ("DBUSERS", ["customer"; 7]),
        ("CLASSIFY", ["customer"; 7]),
        ("TRAIN", ["shared", "shared", "shared", "shared", "shared", "shared", "customer"]),
        ("IMAGES", ["customer", "shared", "inherited", "shared", "shared", "inherited", "customer"]),
    ];
    let services = ["web-fleet", "orders-db", "documents", "cluster", "functions", "mail", "hq-servers"];
    for (control, row) in table {
        for (svc, want) in services.iter().zip(row) {
            assert_eq!(cell_status(&m, control, svc), *want, "{control} on {svc}");
        }
    }
}

#[test]
fn every_cell_explains_itself() {
    let m = matrix(&[]);
    let c = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == "PR.PS-02").unwrap();
    let ec2 = c["services"].as_array().unwrap().iter().find(|x| x["service"] == "web-fleet").unwrap();
    assert_eq!(ec2["decided_by"], "model:iaas");
    assert_eq!(ec2["provider_layers"], serde_json::json!(["host-os"]));
    assert_eq!(ec2["customer_layers"], serde_json::json!(["guest-os", "platform", "application"]));
    // PR.PS-02's own sentences, in the EC2 variant: what software maintenance asks of each party.
    let customer = ec2["customer_statement"].as_str().unwrap();
    assert!(customer.starts_with("The organization patches the OS and packages of Web Fleet"), "{customer}");
    let provider = ec2["provider_statement"].as_str().unwrap();
    assert!(provider.starts_with("Amazon Web Services patches"), "{provider}");
    assert!(ec2["rationale"].as_str().unwrap().contains("Principle: the provider runs some layers"));
    assert!(ec2["rationale"].as_str().unwrap().contains("inferred from the provider catalog entry Amazon EC2"));
}

#[test]
fn per_service_layer_overrides_change_the_cell_and_say_so() {
    let dir = tempfile::tempdir().unwrap();
    let inv = fixture(
        &dir,
        "inv.csv",
        b"Name,Provider,Service,Overrides\nPatched Fleet,AWS,EC2,guest-os=provider (managed patching contract)\n",
    );
    let cat = fixture(&dir, "seeds.yaml", SEED_CATALOG.as_bytes());
    let m = map_json(&["-i", s(&inv), "-f", s(&cat)]);
    assert_eq!(cell_status(&m, "GUEST", "patched-fleet"), "inherited");
    let c = m["controls"].as_array().unwrap().iter().find(|c| c["id"] == "GUEST").unwrap();
    assert_eq!(c["services"][0]["decided_by"], "service-override:patched-fleet");
    assert!(c["services"][0]["rationale"].as_str().unwrap().contains("managed patching contract"));
    assert_eq!(m["services"][0]["layer_overrides"], serde_json::json!(["guest-os=provider"]));
}
