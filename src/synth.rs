//! Synthetic inputs of any size for benchmarks and scale tests: an inventory of N services
//! mixing providers and models, and a catalog of N controls with realistic layer tags.

use crate::model::Layer;

/// Products spread over every provider and model, as an inventory names them.
const PRODUCTS: &[(&str, &str, &str)] = &[
    ("AWS", "Amazon EC2", ""),
    ("AWS", "Amazon RDS", ""),
    ("AWS", "Amazon S3", ""),
    ("AWS", "AWS Lambda", ""),
    ("AWS", "Amazon EKS", ""),
    ("AWS", "AWS Fargate", ""),
    ("Azure", "Azure Virtual Machines", "IaaS"),
    ("Azure", "Azure SQL Database", ""),
    ("Azure", "Azure Blob Storage", ""),
    ("Azure", "Azure Functions", "FaaS"),
    ("Microsoft", "Exchange Online", "SaaS"),
    ("Microsoft", "Microsoft Entra ID", ""),
    ("GCP", "BigQuery", ""),
    ("GCP", "Google Kubernetes Engine", "Containers"),
    ("GCP", "Cloud Run", ""),
    ("On-prem", "VMware vSphere", "On-Prem"),
];

const OWNERS: &[&str] = &["Platform Engineering", "Data Team", "IT Operations", "Security", "Finance Apps"];
const ENVIRONMENTS: &[&str] = &["Production", "Staging", "Development", "Corporate"];

/// A CSV inventory of `n` services (deterministic; one in 50 is out of scope).
pub fn inventory_csv(n: usize) -> String {
    let mut out = String::from(
        "Service ID,Service Name,Cloud Provider,Provider Service,Service Model,Owner,Environment,In Scope\n",
    );
    for i in 0..n {
        let (provider, product, model) = PRODUCTS[i % PRODUCTS.len()];
        let scope = if i % 50 == 49 { "No" } else { "Yes" };
        out.push_str(&format!(
            "svc-{i:05},{product} workload {i},{provider},{product},{model},{},{},{scope}\n",
            OWNERS[i % OWNERS.len()],
            ENVIRONMENTS[(i / 3) % ENVIRONMENTS.len()]
        ));
    }
    out
}

/// A catalog of `n` controls in respmatrix's YAML format, 20 families, 1–4 layers each.
pub fn catalog_yaml(n: usize) -> String {
    let mut out = String::from("id: synthetic\ntitle: Synthetic catalog\nversion: \"1\"\nfamilies:\n");
    for f in 0..20 {
        out.push_str(&format!("  - {{id: F{f:02}, title: Family {f}}}\n"));
    }
    out.push_str("controls:\n");
    for i in 0..n {
        let layers: Vec<&str> = (0..1 + i % 4).map(|k| Layer::ALL[(i * 7 + k * 3) % Layer::COUNT].id()).collect();
        out.push_str(&format!(
            "  - {{id: SYN-{i:04}, family: F{:02}, title: \"Synthetic control {i}\", layers: [{}], why: \"synthetic\"}}\n",
            i % 20,
            layers.join(", ")
        ));
    }
    out
}
