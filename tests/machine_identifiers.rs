//! Machine identifiers as products: AWS CloudFormation/Config resource types, AWS Resource
//! Explorer types and ARNs, Azure Resource Manager types and resource IDs, and Google Cloud
//! Asset Inventory types resolve to the catalog's product, with or without the provider column,
//! on the real binary.

mod common;
use common::*;
use respmatrix::data::embedded::DataSource;

/// One inventory row per resource type: (provider column, product column, provider, product, model).
const ROWS: &[(&str, &str, &str, &str, &str)] = &[
    // AWS Config / CloudFormation
    ("", "AWS::RDS::DBInstance", "aws", "Amazon RDS", "paas"),
    ("AWS", "AWS::RDS::DBCluster", "aws", "Amazon Aurora", "paas"),
    ("", "AWS::DynamoDB::Table", "aws", "Amazon DynamoDB", "abstracted"),
    ("Amazon Web Services", "AWS::EKS::Cluster", "aws", "Amazon EKS", "containers"),
    ("", "AWS::EC2::Instance", "aws", "Amazon EC2", "iaas"),
    ("AWS", "AWS::EC2::Volume", "aws", "Amazon EBS", "iaas"),
    ("", "AWS::EC2::SecurityGroup", "aws", "Amazon VPC", "iaas"),
    ("AWS", "AWS::Lambda::Function", "aws", "AWS Lambda", "serverless"),
    ("", "AWS::S3::Bucket", "aws", "Amazon S3", "abstracted"),
    ("AWS", "AWS::ACM::Certificate", "aws", "AWS Certificate Manager", "abstracted"),
    ("", "AWS::EKS::FargateProfile", "aws", "AWS Fargate", "containers"),
    ("AWS", "AWS::ElasticLoadBalancingV2::LoadBalancer", "aws", "Elastic Load Balancing", "abstracted"),
    ("", "AWS::ElastiCache::ReplicationGroup", "aws", "Amazon ElastiCache", "paas"),
    // AWS Resource Explorer's `service:type` and ARNs (read as the type they name)
    ("", "rds:db", "aws", "Amazon RDS", "paas"),
    ("AWS", "rds:cluster", "aws", "Amazon Aurora", "paas"),
    ("", "es:domain", "aws", "Amazon OpenSearch Service", "paas"),
    ("", "elasticfilesystem:file-system", "aws", "Amazon EFS", "abstracted"),
    ("", "arn:aws:rds:us-east-1:123456789012:db:orders-db", "aws", "Amazon RDS", "paas"),
    ("AWS", "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc123def4567890", "aws", "Amazon EC2", "iaas"),
    ("", "arn:aws:ec2:eu-west-1:123456789012:volume/vol-0abc", "aws", "Amazon EBS", "iaas"),
    ("", "arn:aws:s3:::northwind-documents", "aws", "Amazon S3", "abstracted"),
    ("", "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:ingest", "aws", "AWS Lambda", "serverless"),
    ("", "arn:aws:sqs:us-east-1:123456789012:orders-queue", "aws", "Amazon SQS", "abstracted"),
    ("", "arn:aws:apigateway:us-east-1::/restapis/a1b2c3", "aws", "Amazon API Gateway", "abstracted"),
    // Azure Resource Graph / ARM (Resource Graph writes types in lower case)
    ("", "Microsoft.Sql/servers/databases", "azure", "Azure SQL Database", "paas"),
    ("Azure", "microsoft.web/sites", "azure", "Azure App Service", "paas"),
    ("", "Microsoft.Storage/storageAccounts", "azure", "Azure Storage", "abstracted"),
    ("Microsoft Azure", "Microsoft.Compute/virtualMachines", "azure", "Azure Virtual Machines", "iaas"),
    ("", "microsoft.containerservice/managedclusters", "azure", "Azure Kubernetes Service", "containers"),
    ("Azure", "Microsoft.KeyVault/vaults", "azure", "Azure Key Vault", "abstracted"),
    ("", "Microsoft.DBforPostgreSQL/flexibleServers", "azure", "Azure Database for PostgreSQL", "paas"),
    ("Azure", "Microsoft.Storage/storageAccounts/blobServices", "azure", "Azure Blob Storage", "abstracted"),
    ("", "Microsoft.App/containerApps", "azure", "Azure Container Apps", "serverless"),
    ("", "Microsoft.Sql/managedInstances", "azure", "Azure SQL Managed Instance", "paas"),
    // Azure resource IDs (read as the Resource Manager type they name)
    ("", "/subscriptions/5f1c0000-1111-2222-3333-444455556666/resourceGroups/rg-prod/providers/Microsoft.Sql/servers/sql-nw/databases/orders", "azure", "Azure SQL Database", "paas"),
    ("Azure", "/subscriptions/5f1c0000-1111-2222-3333-444455556666/resourcegroups/RG-PROD/providers/Microsoft.Compute/virtualMachines/vm-web", "azure", "Azure Virtual Machines", "iaas"),
    ("", "/subscriptions/5f1c0000-1111-2222-3333-444455556666/resourceGroups/rg-data/providers/Microsoft.Storage/storageAccounts/stnwdocs", "azure", "Azure Storage", "abstracted"),
    // An Azure resource type of a product catalogued under Microsoft (Azure AD B2C directories)
    ("Azure", "Microsoft.AzureActiveDirectory/b2cDirectories", "microsoft", "Microsoft Entra External ID", "saas"),
    // Google Cloud Asset Inventory
    ("", "sqladmin.googleapis.com/Instance", "gcp", "Cloud SQL", "paas"),
    ("GCP", "compute.googleapis.com/Instance", "gcp", "Google Compute Engine", "iaas"),
    ("", "storage.googleapis.com/Bucket", "gcp", "Cloud Storage", "abstracted"),
    ("Google Cloud", "container.googleapis.com/Cluster", "gcp", "Google Kubernetes Engine", "containers"),
    ("", "run.googleapis.com/Service", "gcp", "Cloud Run", "serverless"),
    ("GCP", "bigquery.googleapis.com/Dataset", "gcp", "BigQuery", "abstracted"),
    ("", "cloudfunctions.googleapis.com/Function", "gcp", "Cloud Run functions", "serverless"),
    ("GCP", "compute.googleapis.com/Disk", "gcp", "Persistent Disk", "iaas"),
];

fn csv(rows: &[(&str, &str, &str, &str, &str)]) -> String {
    let mut out = String::from("Name,Cloud,Product,Environment\n");
    for (i, (provider, product, ..)) in rows.iter().enumerate() {
        out.push_str(&format!("res-{i:02},{provider},{product},prod\n"));
    }
    out
}

#[test]
fn an_inventory_of_resource_types_maps_each_row_to_its_product_and_model() {
    assert!(ROWS.len() >= 25);
    let dir = tempfile::tempdir().unwrap();
    let inv = fixture(&dir, "resources.csv", csv(ROWS).as_bytes());
    let m = map_json(&["-i", s(&inv), "-f", "nist-csf-2.0"]);
    let services = m["services"].as_array().unwrap();
    assert_eq!(services.len(), ROWS.len());
    for (i, (given, ty, provider, product, model)) in ROWS.iter().enumerate() {
        let id = format!("res-{i:02}");
        let svc = services.iter().find(|s| s["id"] == id.as_str()).unwrap_or_else(|| panic!("no {id}"));
        let what = format!("{ty} (provider column \"{given}\")");
        assert_eq!(svc["provider"], *provider, "{what}");
        assert_eq!(svc["service"], *product, "{what}");
        assert_eq!(svc["model"], *model, "{what}");
        assert_eq!(svc["model_source"], "inferred", "{what}");
    }
    // The models reach the matrix: software maintenance is shared for an EC2 instance (the
    // customer patches its guest OS) and inherited for an S3 bucket.
    assert_eq!(cell_status(&m, "PR.PS-02", "res-04"), "shared");
    assert_eq!(cell_status(&m, "PR.PS-02", "res-08"), "inherited");
}

#[test]
fn a_type_that_names_more_than_one_product_is_refused_with_the_row() {
    // A CDN profile may be Azure CDN or Azure Front Door: respmatrix does not guess.
    let dir = tempfile::tempdir().unwrap();
    let inv = fixture(
        &dir,
        "resources.csv",
        b"Name,Cloud,Product\nedge,Azure,Microsoft.Cdn/profiles\nweb,,microsoft.web/sites\n",
    );
    let o = run(&["map", "--format", "json", "-i", s(&inv), "-f", "nist-csf-2.0"]);
    assert_eq!(code(&o), 1, "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("resources.csv row 2") && err.contains("Microsoft.Cdn/profiles"), "{err}");
    assert!(!err.contains("microsoft.web/sites"), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn an_identifier_of_a_type_no_catalog_lists_is_an_error_that_names_the_type() {
    let dir = tempfile::tempdir().unwrap();
    let arn = "arn:aws:ec2:us-east-1:123456789012:key-pair/key-0abc";
    let azure = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Maps/accounts/maps1";
    let inv = fixture(&dir, "resources.csv", format!("Name,Product\nkeys,{arn}\nmaps,{azure}\n").as_bytes());
    let o = run(&["check", "-i", s(&inv), "-f", "nist-csf-2.0"]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    let out = said(&o);
    assert!(out.contains(&format!("resources.csv row 2: no service model for keys: product \"{arn}\"")), "{out}");
    assert!(out.contains("(an ARN, read as the AWS resource type ec2:key-pair, which no catalog lists)"), "{out}");
    assert!(out.contains("resources.csv row 3: no service model for maps"), "{out}");
    assert!(
        out.contains("(an Azure resource ID, read as the type Microsoft.Maps/accounts, which no catalog lists)"),
        "{out}"
    );
}

#[test]
fn every_resource_type_in_the_catalogs_is_unambiguous_across_providers() {
    // A type is looked up in every catalog when the provider column is blank: it must find its
    // own product and no other provider's.
    let reg = respmatrix::data::registry(&DataSource::default()).unwrap();
    let is_type = |a: &str| a.contains(':') || a.contains(".googleapis.com/") || a.starts_with("Microsoft.");
    let mut count = 0;
    for p in &reg.providers {
        for prod in &p.products {
            for alias in prod.aliases.iter().filter(|a| is_type(a)) {
                count += 1;
                let found = reg.product_anywhere(alias).map(|(q, x)| (q.id.as_str(), x.name.as_str()));
                assert_eq!(found, Some((p.id.as_str(), prod.name.as_str())), "{alias}");
                let lower = alias.to_lowercase();
                assert_eq!(reg.product(p, &lower).map(|x| x.name.as_str()), Some(prod.name.as_str()), "{lower}");
            }
        }
    }
    assert!(count >= 300, "only {count} resource types");
    assert!(reg.collisions().is_empty(), "{:?}", reg.collisions());
}

#[test]
fn a_cloud_export_whose_type_column_holds_the_resource_kind_maps_to_products() {
    // The Azure portal's "Export to CSV" of All resources writes display names under TYPE;
    // Resource Graph Explorer writes ARM types under `type`. Both headers read as the model
    // column, but on a row with no product a type that is no model and is a product is the product.
    let dir = tempfile::tempdir().unwrap();
    let portal = fixture(
        &dir,
        "portal.csv",
        "\u{feff}\"NAME\",\"TYPE\",\"RESOURCE GROUP\",\"LOCATION\",\"SUBSCRIPTION\"\n\
         \"sqldb-orders\",\"SQL database\",\"rg-prod\",\"West Europe\",\"Prod\"\n\
         \"stlogs\",\"Storage account\",\"rg-prod\",\"West Europe\",\"Prod\"\n\
         \"aks-prod\",\"Kubernetes service\",\"rg-prod\",\"West Europe\",\"Prod\"\n\
         \"vm-web\",\"IaaS\",\"rg-prod\",\"West Europe\",\"Prod\"\n"
            .as_bytes(),
    );
    let graph = fixture(
        &dir,
        "graph.csv",
        b"name,type,resourceGroup,location\nsqldb-orders,microsoft.sql/servers/databases,rg,westeurope\n\
          stlogs,microsoft.storage/storageaccounts,rg,westeurope\naks-prod,microsoft.containerservice/managedclusters,rg,westeurope\n\
          vm-web,IaaS,rg,westeurope\n",
    );
    for inv in [&portal, &graph] {
        let m = map_json(&["-i", s(inv), "-f", "nist-csf-2.0"]);
        let svc = |id: &str| m["services"].as_array().unwrap().iter().find(|x| x["id"] == id).unwrap().clone();
        let db = svc("sqldb-orders");
        assert_eq!(
            (db["provider"].as_str(), db["service"].as_str(), db["model"].as_str()),
            (Some("azure"), Some("Azure SQL Database"), Some("paas")),
            "{inv:?}"
        );
        assert_eq!(db["model_source"], "inferred");
        assert_eq!(svc("stlogs")["model"], "abstracted", "{inv:?}");
        assert_eq!(svc("aks-prod")["service"], "Azure Kubernetes Service", "{inv:?}");
        // A service model in the same column is still the model.
        assert_eq!(
            (svc("vm-web")["model"].as_str(), svc("vm-web")["model_source"].as_str()),
            (Some("iaas"), Some("given"))
        );
    }
    // A type that is neither a model nor a product stays an unknown model, at its cell.
    let bad = fixture(&dir, "bad.csv", b"name,type\nthing,Quantum widget\n");
    let o = run(&["check", "-i", s(&bad)]);
    assert_eq!(code(&o), 1, "{}", said(&o));
    assert!(said(&o).contains("bad.csv!B2: unknown service model \"Quantum widget\""), "{}", said(&o));
}
