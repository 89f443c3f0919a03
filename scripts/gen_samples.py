#!/usr/bin/env python3
"""Generate the bundled sample inventory in three formats from one list of services.

Usage (from the repository root):
    pip install openpyxl pyyaml      # once; CI never regenerates the samples
    python3 scripts/gen_samples.py [OUT_DIR]     # default: samples/

Writes, with identical content by construction:
  * inventory.csv   comma separated, UTF-8 without BOM, LF line ends, header on the first line;
  * inventory.yaml  `organization:` plus `services:`, keys in snake_case, `in_scope` as a boolean,
                    `overrides` as a map layer -> {owner, why};
  * inventory.xlsx  sheet "Services" with a three-row title block, the header on row 4.

The files are reproducible: the workbook carries fixed document dates and zip timestamps, so
running the script twice gives byte-identical files.

`samples/overrides.yaml` (control-level overrides) is hand-written and not touched here.

The organization, its people and its contracts are fictional.
"""

import csv
import io
import os
import re
import sys
import zipfile
from datetime import datetime

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

ORGANIZATION = "Northwind Health Analytics"
TITLE = f"{ORGANIZATION} — Service Inventory"
SUBTITLE = "Prepared for the 2026 SOC 2 / ISO 27017 audit"
SHEET = "Services"
FIXED_DATE = datetime(2026, 1, 15, 9, 0, 0)

# (field key, CSV/XLSX header, YAML key, XLSX column width)
COLUMNS = [
    ("id", "Service ID", "id", 22),
    ("name", "Service Name", "name", 30),
    ("provider", "Cloud Provider", "provider", 22),
    ("service", "Provider Service", "service", 30),
    ("model", "Service Model", "model", 24),
    ("owner", "Owner", "owner", 22),
    ("environment", "Environment", "environment", 13),
    ("data_classification", "Data Classification", "data_classification", 20),
    ("in_scope", "In Scope", "in_scope", 10),
    ("overrides", "Overrides", "overrides", 60),
    ("notes", "Notes", "notes", 80),
]

# Per-service layer overrides: {layer: (owner, why)}. Exactly one service has one.
AMS_WHY = (
    "AWS Managed Services Accelerate patches, hardens and monitors the operating system of this "
    "fleet under AMS order form NW-AMS-2025-014. Platform Engineering reviews the monthly AMS "
    "patch compliance report"
)

# `model: None` leaves the Service Model cell blank so respmatrix infers it from the product.
SERVICES = [
    # --- Amazon Web Services -------------------------------------------------------------------
    dict(id="web-frontend", name="Patient Portal Web Tier", provider="AWS", service="Amazon EC2",
         model="IaaS", owner="Platform Engineering", environment="Production",
         data_classification="Confidential", in_scope=True,
         overrides={"guest-os": ("provider", AMS_WHY)},
         notes="Auto Scaling group of m6i.large instances behind an Application Load Balancer in eu-central-1."),
    dict(id="orders-db", name="Orders DB", provider="AWS", service="RDS for PostgreSQL",
         model=None, owner="Platform Engineering", environment="Production",
         data_classification="Restricted", in_scope=True, overrides={},
         notes="Multi-AZ PostgreSQL 16 with KMS encryption at rest; SSL-only connections enforced by parameter group."),
    dict(id="document-store", name="Clinical Document Store", provider="Amazon Web Services",
         service="S3", model=None, owner="Data Team", environment="Production",
         data_classification="Restricted", in_scope=True, overrides={},
         notes="Versioned buckets with Object Lock (compliance mode, 7 years) for signed reports and referrals."),
    dict(id="report-functions", name="Report Generation Functions", provider="AWS",
         service="Lambda functions", model="FaaS", owner="Data Team", environment="Production",
         data_classification="Confidential", in_scope=True, overrides={},
         notes="Python 3.12 functions that render monthly outcome reports to PDF."),
    dict(id="analytics-eks", name="Analytics EKS Cluster", provider="AWS", service="Amazon EKS",
         model="Containers", owner="Platform Engineering", environment="Production",
         data_classification="Confidential", in_scope=True, overrides={},
         notes="Managed node groups on Bottlerocket; hosts the cohort analytics API and batch jobs."),
    dict(id="portal-cdn", name="Patient Portal CDN", provider="AWS", service="CloudFront",
         model=None, owner="Platform Engineering", environment="Production",
         data_classification="Public", in_scope=True, overrides={},
         notes="Serves static assets; AWS WAF web ACL attached; TLS 1.2 minimum."),
    dict(id="claims-ingest", name="Claims Ingest Worker", provider="AWS", service="ECS Fargate",
         model="Containers", owner="Data Team", environment="Production",
         data_classification="Restricted", in_scope=True, overrides={},
         notes="Fargate tasks that pull insurer claim files from SFTP and load them into the Orders DB."),
    dict(id="session-store", name="Session Store", provider="AWS", service="DynamoDB",
         model=None, owner="Platform Engineering", environment="Production",
         data_classification="Confidential", in_scope=True, overrides={},
         notes="On-demand table with TTL expiry of portal sessions after 12 hours."),
    # --- Microsoft Azure -----------------------------------------------------------------------
    dict(id="hl7-interface", name="HL7 Interface Engine", provider="Azure",
         service="Azure Virtual Machines", model="Infrastructure as a Service",
         owner="IT Operations", environment="Production", data_classification="Restricted",
         in_scope=True, overrides={},
         notes="Two Windows Server 2022 VMs running the Mirth Connect interface engine for hospital HL7 feeds."),
    dict(id="billing-db", name="Billing DB", provider="Microsoft Azure", service="Azure SQL Database",
         model="Platform as a Service", owner="Data Team", environment="Production",
         data_classification="Restricted", in_scope=True, overrides={},
         notes="General Purpose tier; Transparent Data Encryption with a customer-managed key in Key Vault."),
    dict(id="imaging-archive", name="Imaging Archive", provider="Azure", service="Blob Storage",
         model=None, owner="Data Team", environment="Production",
         data_classification="Restricted", in_scope=True, overrides={},
         notes="Cool and archive tiers; immutable storage policy for DICOM studies."),
    dict(id="partner-portal", name="Partner Portal", provider="Azure", service="App Service",
         model="PaaS", owner="Platform Engineering", environment="Production",
         data_classification="Confidential", in_scope=True, overrides={},
         notes="ASP.NET Core app for clinic partners; private endpoint to the Billing DB."),
    dict(id="secrets-vault", name="Secrets Vault", provider="Azure", service="Key Vault",
         model="Abstracted", owner="Security", environment="Production",
         data_classification="Restricted", in_scope=True, overrides={},
         notes="Holds TDE keys, API secrets and TLS certificates; purge protection on."),
    dict(id="ml-scoring-aks", name="ML Scoring Cluster", provider="Azure", service="AKS",
         model="Managed Kubernetes", owner="Data Team", environment="Staging",
         data_classification="Confidential", in_scope=True, overrides={},
         notes="Validates readmission-risk models on de-identified data before release to production."),
    # --- Microsoft 365 -------------------------------------------------------------------------
    dict(id="email", name="Corporate Email", provider="Microsoft 365", service="Exchange Online",
         model="SaaS", owner="IT Operations", environment="Corporate",
         data_classification="Confidential", in_scope=True, overrides={},
         notes="Microsoft 365 E5 tenant northwindhealth.onmicrosoft.com."),
    dict(id="intranet", name="Intranet and Team Sites", provider="Microsoft 365",
         service="SharePoint Online", model=None, owner="IT Operations", environment="Corporate",
         data_classification="Internal", in_scope=True, overrides={},
         notes="Policies, procedures and project sites; external sharing disabled."),
    dict(id="teams", name="Teams Collaboration", provider="Microsoft 365", service="Microsoft Teams",
         model="Software as a Service", owner="IT Operations", environment="Corporate",
         data_classification="Confidential", in_scope=True, overrides={},
         notes="Chat, meetings and calling; guest access limited to approved partner domains."),
    dict(id="entra-id", name="Entra ID", provider="Microsoft 365", service="Microsoft Entra ID",
         model=None, owner="Security", environment="Corporate",
         data_classification="Confidential", in_scope=True, overrides={},
         notes="Workforce identity provider; Conditional Access requires phishing-resistant MFA; synced from on-prem AD."),
    # --- Google Cloud --------------------------------------------------------------------------
    dict(id="analytics-warehouse", name="Analytics Warehouse", provider="GCP", service="BigQuery",
         model=None, owner="Data Team", environment="Production",
         data_classification="Confidential", in_scope=True, overrides={},
         notes="Pseudonymized outcomes data for client dashboards; region europe-west6."),
    dict(id="research-data-lake", name="Research Data Lake", provider="Google Cloud",
         service="Cloud Storage", model="Managed service", owner="Data Team",
         environment="Production", data_classification="Confidential", in_scope=True,
         overrides={},
         notes="Landing zone for de-identified research extracts; uniform bucket-level access."),
    dict(id="gke-dev-sandbox", name="GKE Dev Sandbox", provider="GCP", service="GKE",
         model="Containers", owner="Platform Engineering", environment="Development",
         data_classification="Internal", in_scope=False, overrides={},
         notes="Decommissioned 2026-02-27 (change CHG-2026-0231); cluster deleted, project pending closure. Out of audit scope."),
    dict(id="risk-score-api", name="Risk Score API", provider="GCP", service="Cloud Run",
         model="Serverless", owner="Data Team", environment="Production",
         data_classification="Confidential", in_scope=True, overrides={},
         notes="Serves readmission-risk scores to the Partner Portal; authenticated by workload identity federation."),
    # --- Own datacenter (Basel) and Zürich branch ----------------------------------------------
    dict(id="vmware-cluster", name="VMware Cluster", provider="On-prem", service="VMware vSphere",
         model="On-Prem", owner="IT Operations", environment="Production",
         data_classification="Confidential", in_scope=True, overrides={},
         notes="Four-host vSphere 8 cluster in the Basel server room; runs the legacy lab results system."),
    dict(id="backup-server", name="Backup Server", provider="On-prem", service="Physical server",
         model=None, owner="IT Operations", environment="Production",
         data_classification="Restricted", in_scope=True, overrides={},
         notes="Veeam repository with hardened Linux immutable storage; weekly tapes to an offsite vault."),
    dict(id="active-directory", name="Active Directory", provider="Own datacenter",
         service="Active Directory Domain Services", model="Self-hosted", owner="Security",
         environment="Corporate", data_classification="Confidential", in_scope=True,
         overrides={},
         notes="Two domain controllers (Basel, Zürich); source of identities synced to Entra ID."),
    dict(id="zurich-file-server", name="Zürich File Server", provider="On-prem",
         service="File server", model="On-premises", owner="IT Operations",
         environment="Corporate", data_classification="Internal", in_scope=True, overrides={},
         notes="Windows Server 2022 file server in the Zürich branch comms room; DFS replication to Basel."),
]


def overrides_text(overrides):
    """The Overrides column syntax: `layer=owner (why)`, entries separated by `; `."""
    return "; ".join(f"{layer}={owner} ({why})" for layer, (owner, why) in overrides.items())


def row_text(s):
    """One service as the CSV/XLSX cell texts, in COLUMNS order."""
    cells = {
        **s,
        "model": s["model"] or "",
        "in_scope": "Yes" if s["in_scope"] else "No",
        "overrides": overrides_text(s["overrides"]),
    }
    return [cells[key] for key, _, _, _ in COLUMNS]


def write_csv(path):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([header for _, header, _, _ in COLUMNS])
    for s in SERVICES:
        w.writerow(row_text(s))
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def write_yaml(path):
    services = []
    for s in SERVICES:
        entry = {}
        for key, _, ykey, _ in COLUMNS:
            value = s[key]
            if key == "overrides":
                if not value:
                    continue
                value = {layer: {"owner": owner, "why": why} for layer, (owner, why) in value.items()}
            elif value is None or value == "":
                continue  # a blank cell: the key is left out (model: inferred from the product)
            entry[ykey] = value
        services.append(entry)
    header = (
        f"# {TITLE}\n"
        f"# {SUBTITLE}\n"
        "#\n"
        "# Generated by scripts/gen_samples.py with inventory.csv and inventory.xlsx; edit the script,\n"
        "# not this file. A service without `model` gets the one its provider catalog lists for the\n"
        "# product. `overrides` reassigns a layer's owner for one service: layer -> {owner, why}.\n\n"
    )
    body = yaml.safe_dump(
        {"organization": ORGANIZATION, "services": services},
        allow_unicode=True,
        sort_keys=False,
        width=1000,
        default_flow_style=False,
    )
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + body)


def write_xlsx(path):
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    ws["A1"] = TITLE
    ws["A1"].font = Font(bold=True, size=14)
    ws["A2"] = SUBTITLE
    ws["A2"].font = Font(italic=True)
    # Row 3 stays empty; the header sits on row 4.
    header_row = 4
    fill = PatternFill("solid", fgColor="DDEBF7")
    for c, (_, header, _, width) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=header_row, column=c, value=header)
        cell.font = Font(bold=True)
        cell.fill = fill
        cell.alignment = Alignment(vertical="top")
        ws.column_dimensions[cell.column_letter].width = width
    for r, s in enumerate(SERVICES, start=header_row + 1):
        for c, text in enumerate(row_text(s), start=1):
            cell = ws.cell(row=r, column=c, value=text if text != "" else None)
            cell.alignment = Alignment(vertical="top", wrap_text=c >= 10)
    ws.freeze_panes = ws.cell(row=header_row + 1, column=3)
    last = ws.cell(row=header_row + len(SERVICES), column=len(COLUMNS)).coordinate
    ws.auto_filter.ref = f"A{header_row}:{last}"
    wb.properties.creator = ORGANIZATION
    wb.properties.title = TITLE
    wb.properties.created = FIXED_DATE
    wb.properties.modified = FIXED_DATE
    buf = io.BytesIO()
    wb.save(buf)
    # Re-pack with fixed zip timestamps, and pin the modified date openpyxl stamps on save, so
    # the file is reproducible.
    stamp = FIXED_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    data,
                )
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_DATE.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, data)
    with open(path, "wb") as f:
        f.write(out.getvalue())


def check():
    ids = [s["id"] for s in SERVICES]
    assert len(ids) == len(set(ids)), "duplicate service ids"
    assert sum(not s["in_scope"] for s in SERVICES) == 1, "exactly one service out of scope"
    assert sum(bool(s["overrides"]) for s in SERVICES) == 1, "exactly one layer override"
    for s in SERVICES:
        for key, _, _, _ in COLUMNS:
            assert key in s, f"{s['id']}: missing {key}"
        for text in row_text(s):
            assert not str(text).startswith(("=", "+", "-", "@")), f"{s['id']}: formula-like cell"


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "samples")
    os.makedirs(out_dir, exist_ok=True)
    check()
    write_csv(os.path.join(out_dir, "inventory.csv"))
    write_yaml(os.path.join(out_dir, "inventory.yaml"))
    write_xlsx(os.path.join(out_dir, "inventory.xlsx"))
    print(f"wrote {len(SERVICES)} services to {out_dir}/inventory.{{csv,yaml,xlsx}}")


if __name__ == "__main__":
    main()
