//! `package --fedramp LEVEL --formats …,oscal`: the bag carries the FedRAMP CIS/CRM workbook and
//! the OSCAL SSP byte for byte as `report` writes them, names them in its index and manifests,
//! validates with Python `bagit` and `verify`, gives the same zip twice, and the SSP inside
//! passes the OSCAL 1.1.3 JSON Schema. The SSP stays opt-in, and a missing baseline or an
//! `--oscal-version` without the SSP is refused before anything is written.

mod common;
mod package_support;
use common::*;
use package_support::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const INVENTORY: &str = "\
Service ID,Service Name,Cloud Provider,Provider Service,Service Model,Owner,Environment,Data Classification,In Scope
web,Patient Portal,AWS,Amazon EC2,IaaS,Platform Engineering,Production,Confidential,Yes
orders-db,Orders DB,AWS,Amazon RDS,,Platform Engineering,Production,Restricted,Yes
billing-db,Billing DB,Azure,Azure SQL Database,,Finance IT,Production,Restricted,Yes
vmware,VMware Cluster,Own datacenter,VMware vSphere,On-prem,IT Operations,Production,Internal,Yes
";

const WORKBOOK: &str = "fedramp-moderate-cis-crm.xlsx";
const SSP: &str = "ssp.oscal.json";
const ALL: &str = "xlsx,pdf,html,md,json,oscal";

/// A project against FedRAMP Rev 5 Moderate with an AWS FedRAMP attestation whose file is kept.
fn project(dir: &tempfile::TempDir) -> PathBuf {
    fixture(dir, "inventory.csv", INVENTORY.as_bytes());
    std::fs::create_dir_all(dir.path().join("evidence")).unwrap();
    fixture(dir, "evidence/aws-fedramp-p-ato.txt", b"AWS GovCloud FedRAMP High P-ATO letter (sample)\n");
    let catalogs = root().join("catalogs");
    let yaml = format!(
        "organization: Northwind Health\nscope: Patient analytics platform\nperiod: \"2026-01-01 to 2026-12-31\"\n\
         report_date: 2026-11-30\ninventory: inventory.csv\nframeworks: [{}]\ncatalog: {}\n\
         attestations:\n  aws:\n    - {{kind: fedramp, id: F1603087869, period: \"2025-10-01 to 2026-09-30\", \
         file: evidence/aws-fedramp-p-ato.txt}}\n",
        catalogs.join("fedramp-rev5/FedRAMP_rev5_MODERATE-baseline_profile.json").display(),
        catalogs.join("nist-sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json").display(),
    );
    fixture(dir, "respmatrix.yaml", yaml.as_bytes())
}

fn package_with(config: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["package", "--config", s(config), "--out", s(out)];
    args.extend_from_slice(extra);
    rm(&args)
}

/// A Python that runs scripts/oscal_check.py's schema check, and the 1.1.3 SSP schema; skipped
/// with a reason without them, a failure under CI (as in tests/oscal_ssp.rs).
fn schema_checker() -> Option<(String, PathBuf)> {
    let python = std::env::var("RESPMATRIX_PYTHON").unwrap_or_else(|_| "python3".into());
    let ok = Command::new(&python).args(["-c", "import jsonschema, regex"]).output().is_ok_and(|o| o.status.success());
    let schema = shared_data("oscal-schemas/1.1.3/oscal_ssp_schema.json");
    let why = match (ok, schema.exists()) {
        (true, true) => return Some((python, schema)),
        (false, _) => format!("{python} cannot import jsonschema and regex (.ci/run installs them in its venv)"),
        (_, false) => format!("{} is missing", schema.display()),
    };
    assert!(std::env::var_os("CI").is_none(), "CI needs {why}");
    eprintln!("skipped: {why}");
    None
}

#[test]
fn the_bag_carries_the_cis_crm_workbook_and_the_ssp_as_report_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let config = project(&dir);
    let report = dir.path().join("report");
    let o = rm(&[
        "report",
        "-q",
        "--config",
        s(&config),
        "--out",
        s(&report),
        "--fedramp",
        "moderate",
        "--formats",
        "oscal",
    ]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));

    let (a, b) = (dir.path().join("one/pkg"), dir.path().join("two/pkg"));
    for out in [&a, &b] {
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        let o = package_with(&config, out, &["--fedramp", "moderate", "--formats", ALL, "--zip"]);
        assert_eq!(code(&o), 0, "{}", stderr(&o));
    }
    for name in [WORKBOOK, SSP] {
        let packaged = std::fs::read(a.join("data/report").join(name)).unwrap();
        assert!(packaged == std::fs::read(report.join(name)).unwrap(), "{name} differs from what report writes");
    }
    let (za, zb) = (std::fs::read(a.with_extension("zip")).unwrap(), std::fs::read(b.with_extension("zip")).unwrap());
    assert!(za == zb, "two runs gave different zips");

    // Named in the manifests and, with what each is, in the index.
    let manifest = std::fs::read_to_string(a.join("manifest-sha256.txt")).unwrap();
    for name in [WORKBOOK, SSP] {
        let digest = respmatrix::report::sha256_hex(&std::fs::read(report.join(name)).unwrap());
        assert!(manifest.contains(&format!("{digest}  data/report/{name}")), "{name} not in the manifest: {manifest}");
    }
    let readme = std::fs::read_to_string(a.join("data/README.md")).unwrap();
    let index = std::fs::read_to_string(a.join("data/index.html")).unwrap();
    let workbook_line = format!("`data/report/{WORKBOOK}`: FedRAMP SSP Appendix J CIS/CRM workbook (Moderate)");
    assert!(readme.contains(&workbook_line), "{readme}");
    assert!(readme.contains(&format!("`data/report/{SSP}`: OSCAL 1.1.3 System Security Plan answering ")), "{readme}");
    assert!(
        index.contains(&format!("<a href=\"report/{WORKBOOK}\">data/report/{WORKBOOK}</a>: FedRAMP SSP Appendix J"))
    );
    assert!(
        index.contains(&format!("<a href=\"report/{SSP}\">data/report/{SSP}</a>: OSCAL 1.1.3 System Security Plan"))
    );

    if let Some(python) = bagit_python() {
        let v = Command::new(python).args(["-m", "bagit", "--validate", s(&a)]).output().unwrap();
        assert!(v.status.success(), "bagit --validate: {}", stderr(&v));
    }
    for bag in [a.clone(), a.with_extension("zip")] {
        let v = verify(&bag);
        assert_eq!(code(&v), 0, "{}", stdout(&v));
    }
    if let Some((python, schema)) = schema_checker() {
        let checker = root().join("scripts/oscal_check.py");
        let o =
            Command::new(python).arg(checker).arg("schema").arg(schema).arg(a.join("data/report").join(SSP)).output();
        let o = o.unwrap();
        assert!(o.status.success(), "the packaged SSP is not valid OSCAL 1.1.3: {}", stderr(&o));
    }
}

#[test]
fn the_ssp_is_opt_in_and_wrong_options_are_refused_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let config = project(&dir);
    let bag = dir.path().join("pkg");
    let o = package_with(&config, &bag, &["--fedramp", "moderate"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert!(bag.join("data/report").join(WORKBOOK).is_file());
    assert!(bag.join("data/report/responsibility-matrix.xlsx").is_file(), "the default formats are all there");
    assert!(!bag.join("data/report").join(SSP).exists(), "the SSP is only packaged on request");

    let refused = dir.path().join("refused");
    let o = package_with(&config, &refused, &["--fedramp", "high"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("FedRAMP_rev5_HIGH-baseline_profile.json"), "names the profile: {}", stderr(&o));
    let o = package_with(&config, &refused, &["--oscal-version", "1.2.1"]);
    assert_eq!(code(&o), 2, "{}", stderr(&o));
    assert!(stderr(&o).contains("add oscal to --formats"), "{}", stderr(&o));
    assert!(!refused.exists(), "a refused run writes nothing");
}
