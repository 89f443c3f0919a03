#!/usr/bin/env python3
"""Generate frameworks/nist-csf-2.0.yaml from NIST's official CSF 2.0 OSCAL XML catalog.

Usage (from the repository root):
    python3 scripts/gen_csf_catalog.py CATALOG.xml OUTPUT.yaml
    e.g. ../shared/data/nist-oscal/csf-2.0/NIST_CSF_v2.0_catalog.xml frameworks/nist-csf-2.0.yaml

Python 3 standard library only (PyYAML is not assumed), so the YAML is written by hand with every
string double-quoted.

What comes from NIST (rewritten on every run):
  * families: the 6 functions (GV, ID, PR, DE, RS, RC) and the 22 active categories;
  * controls: the 106 active subcategories, in NIST's published category order, title = statement text.
What is hand-curated (never overwritten):
  * each control's `layers` and `why`. If the output file already exists, the values found there
    win. The CURATED table below only seeds controls the file does not have yet, so edit the YAML
    (or this table, for a fresh file) and regenerate safely.

Active vs withdrawn: the XML keeps the CSF 1.1 categories and subcategories for traceability.
It has no `status` prop; active subcategories are the ones with `part name="example"`. A
`prop name="status" value="withdrawn"` is honoured too, should NIST add one later. A category is
active when it has at least one active subcategory.
"""

import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET

OSCAL_NS = "http://csrc.nist.gov/ns/oscal/1.0"
NS = {"o": OSCAL_NS}

# Provenance of the snapshot in ../shared/data (the XML itself does not record it).
SOURCE_REPO = "usnistgov/oscal-content"
SOURCE_PATH = "src/nist.gov/CSF/v2.0/xml/NIST_CSF_v2.0_catalog.xml"
SOURCE_REF = "develop @ 3b3cdee8f9f9f3e9f18dd70d89a58d6287ae433f"

HEADER = {
    "id": "nist-csf-2.0",
    "title": "NIST Cybersecurity Framework (CSF) 2.0",
    "version": "2.0",
    "publisher": "National Institute of Standards and Technology",
    "source": (
        "NIST_CSF_v2.0_catalog.xml (official NIST OSCAL 1.1.3 catalog) from "
        f"{SOURCE_REPO} {SOURCE_PATH}, {SOURCE_REF}; active subcategories only "
        "(CSF 1.1 categories and subcategories kept in the XML for traceability are left out)"
    ),
    "licence": "Public domain (US Government work, CC0 1.0 in usnistgov/oscal-content)",
}

LAYERS = {
    "facilities", "hardware", "network-infrastructure", "virtualization", "host-os", "guest-os",
    "platform", "network-config", "application", "identity", "data", "workforce", "governance",
}

# Seed tags: (layers, why). Used only for controls missing from an existing output file.
# Ownership reminder (frameworks/service-models.yaml): facilities..host-os are the provider's in
# every cloud model; identity, data and governance always the customer's; workforce is shared in
# every cloud model (each party runs its own program for its own people).
CURATED = {
    # --- GOVERN: the customer's own risk-management programme ---------------------------------
    "GV.OC-01": (["governance"], "Understanding the organization's mission and letting it drive cybersecurity risk decisions is the customer's own governance; a provider cannot do it for the customer."),
    "GV.OC-02": (["governance"], "Identifying internal and external stakeholders and their expectations is part of the customer's own risk-management programme."),
    "GV.OC-03": (["governance"], "The customer determines and manages the legal, regulatory and contractual obligations that apply to it; provider attestations are only evidence it may use."),
    "GV.OC-04": (["governance"], "Knowing which objectives and services its own stakeholders depend on is the customer's governance."),
    "GV.OC-05": (["governance"], "The customer documents what it depends on, including the cloud services it consumes; that understanding is its own governance."),
    "GV.RM-01": (["governance"], "Risk-management objectives are set and agreed by the customer's own stakeholders."),
    "GV.RM-02": (["governance"], "Risk appetite and tolerance statements belong to the customer's leadership."),
    "GV.RM-03": (["governance"], "Folding cybersecurity risk into enterprise risk management is the customer's governance."),
    "GV.RM-04": (["governance"], "The customer sets its own strategic direction on risk response options."),
    "GV.RM-05": (["governance"], "The customer establishes its own lines of communication for cybersecurity risk, including risk from suppliers such as its cloud providers."),
    "GV.RM-06": (["governance"], "The method for calculating and prioritising risk is defined in the customer's own risk programme."),
    "GV.RM-07": (["governance"], "Characterising strategic opportunities (positive risk) is a customer governance activity."),
    "GV.RR-01": (["governance"], "The customer's own leadership is accountable for its cybersecurity risk and culture."),
    "GV.RR-02": (["governance"], "The customer defines, communicates and enforces its own cybersecurity roles and authorities, including who manages each cloud service."),
    "GV.RR-03": (["governance"], "The customer allocates resources to its own risk strategy and responsibilities."),
    "GV.RR-04": (["workforce", "governance"], "Screening, onboarding and offboarding are HR practices each party applies to its own staff (workforce, shared), under HR security policy the customer sets for itself (governance)."),
    "GV.PO-01": (["governance"], "The customer establishes, communicates and enforces its own cybersecurity policy."),
    "GV.PO-02": (["governance"], "The customer reviews and updates its own policy as requirements, threats and technology, including cloud adoption, change."),
    "GV.OV-01": (["governance"], "Reviewing strategy outcomes and adjusting direction is the customer leadership's oversight duty."),
    "GV.OV-02": (["governance"], "The customer reviews its own risk strategy for coverage of its requirements and risks."),
    "GV.OV-03": (["governance"], "Evaluating the performance of its own risk management is customer oversight."),
    "GV.SC-01": (["governance"], "The customer runs its own supply-chain risk programme, in which cloud providers are suppliers."),
    "GV.SC-02": (["governance"], "The customer establishes and coordinates cybersecurity roles with its suppliers, e.g. by documenting the shared-responsibility split with each cloud provider."),
    "GV.SC-03": (["governance"], "Integrating supply-chain risk into the customer's risk and improvement processes is its own governance."),
    "GV.SC-04": (["governance"], "The customer knows its suppliers, cloud providers included, and ranks them by criticality."),
    "GV.SC-05": (["governance"], "The customer writes its security requirements into contracts and agreements with suppliers, including cloud terms of service and data processing agreements."),
    "GV.SC-06": (["governance"], "Due diligence before onboarding a supplier or cloud service is performed by the customer."),
    "GV.SC-07": (["governance"], "The customer assesses and monitors supplier risk over the relationship, e.g. by reviewing the provider's SOC 2 or ISO reports."),
    "GV.SC-08": (["governance"], "The customer includes its suppliers in its own incident planning, response and recovery activities."),
    "GV.SC-09": (["governance"], "Integrating supply-chain security practices into its risk programme and monitoring them is the customer's governance."),
    "GV.SC-10": (["governance"], "Planning for the end of a supplier relationship, such as data return, deletion and exit from a cloud service, is the customer's responsibility."),
    # --- IDENTIFY ---------------------------------------------------------------------------
    "ID.AM-01": (["hardware"], "The physical servers, storage and network devices behind a cloud service are the provider's hardware and it keeps their inventory; the customer inventories hardware only where it runs its own."),
    "ID.AM-02": (["host-os", "guest-os", "platform", "application"], "The provider inventories the host systems and managed software it runs; the customer inventories its instances, installed software, applications and the cloud services it subscribes to."),
    "ID.AM-03": (["network-config", "data"], "The customer documents its own virtual networks, connections and data flows; where the provider runs the network configuration (serverless, SaaS) it documents its side."),
    "ID.AM-04": (["governance"], "The customer keeps the inventory of services it obtains from suppliers, its cloud services included."),
    "ID.AM-05": (["data", "governance"], "Classifying and prioritising assets by criticality and mission impact is the customer's decision about its own data and services."),
    "ID.AM-07": (["data"], "The customer inventories its data and the metadata for its data types; the provider does not know what the customer stores."),
    "ID.AM-08": (["hardware", "guest-os", "platform", "application", "data"], "The provider manages the life cycle of its hardware, including secure media disposal; the customer manages the life cycle of the systems, software and data it runs, including retention and deletion."),
    "ID.IM-01": (["governance"], "The customer identifies improvements to its own programme from evaluations and audits."),
    "ID.IM-02": (["workforce", "governance"], "Each party runs its own security tests and exercises and learns from them (shared); the customer feeds its results, including joint exercises with providers, into its own improvement plan."),
    "ID.IM-03": (["governance"], "The customer identifies improvements from running its own operational processes."),
    "ID.IM-04": (["workforce", "governance"], "Each party maintains and improves its own incident response and operational plans for its own scope (shared), under the customer's own planning requirements."),
    "ID.RA-01": (["host-os", "guest-os", "platform", "application"], "The provider finds and records vulnerabilities in the infrastructure and managed platforms it runs; the customer scans its guest OS, images and applications."),
    "ID.RA-02": (["governance"], "The customer subscribes to threat intelligence sources, provider security bulletins among them, to inform its own risk decisions."),
    "ID.RA-03": (["governance"], "Identifying threats to the customer's organization is part of the customer's risk assessment."),
    "ID.RA-04": (["governance"], "The customer estimates impact and likelihood for its own mission and assets."),
    "ID.RA-05": (["governance"], "Combining threats, vulnerabilities, likelihood and impact into inherent risk is the customer's risk assessment."),
    "ID.RA-06": (["governance"], "The customer chooses, plans, tracks and communicates its own risk responses."),
    "ID.RA-07": (["host-os", "guest-os", "platform", "application", "governance"], "The provider manages changes to its infrastructure and managed platforms; the customer manages changes to its instances and applications and records its own risk exceptions."),
    "ID.RA-08": (["application", "workforce"], "The provider handles vulnerability reports about its cloud services and publishes bulletins; the customer runs its own disclosure process for its applications and acts on provider bulletins."),
    "ID.RA-09": (["hardware", "guest-os", "platform", "application"], "The provider verifies the authenticity and integrity of the hardware and host software it deploys; the customer verifies the images, packages and software it installs and runs."),
    "ID.RA-10": (["governance"], "The customer assesses its critical suppliers, its cloud providers included, before acquiring their services."),
    # --- PROTECT ----------------------------------------------------------------------------
    "PR.AA-01": (["identity"], "The customer creates and manages its own users, roles, service identities and credentials in the cloud account and its applications."),
    "PR.AA-02": (["identity"], "The customer proofs identities before it binds credentials to them in its accounts and applications."),
    "PR.AA-03": (["identity"], "The customer configures authentication, MFA and federation for its users and services."),
    "PR.AA-04": (["identity"], "The customer configures and protects its identity federation and token issuance (e.g. SAML/OIDC) and validates assertions in its applications."),
    "PR.AA-05": (["identity"], "The customer defines and reviews IAM policies, roles and in-database permissions with least privilege and separation of duties."),
    "PR.AA-06": (["facilities"], "Physical access to the data centres and the hardware in them is managed by the provider and inherited by the customer."),
    "PR.AT-01": (["workforce"], "Each party trains its own personnel: the provider trains its employees and the customer trains its own."),
    "PR.AT-02": (["workforce"], "Each party gives role-specific security training to its own specialists (administrators, developers, responders)."),
    "PR.DS-01": (["data"], "The customer classifies its stored data, enables and configures encryption at rest and key management, and controls integrity and retention; the provider only offers the features."),
    "PR.DS-02": (["data", "network-config"], "The customer enables and enforces TLS on its endpoints, connections and databases and protects its data in transit; where the provider runs the endpoint configuration it sets the TLS settings."),
    "PR.DS-10": (["virtualization", "application", "data"], "The provider isolates tenant memory and compute in its hypervisor; the customer protects data while its applications process it (e.g. confidential computing, masking, access in code)."),
    "PR.DS-11": (["platform", "data", "workforce"], "Each party backs up its own systems as part of its contingency programme, and on managed platforms the provider runs the automated backups; the customer decides what is backed up, retention and encryption, and tests restores."),
    "PR.PS-01": (["host-os", "guest-os", "platform", "network-config", "application"], "The provider maintains the configuration of its infrastructure and managed platforms; the customer configures and baselines its guest OS, databases, network rules and applications."),
    "PR.PS-02": (["host-os", "guest-os", "platform", "application"], "The provider patches and updates the infrastructure and managed platforms it runs; the customer patches its guest OS, runtimes and applications."),
    "PR.PS-03": (["hardware", "guest-os"], "The provider maintains, replaces and securely disposes of the physical hardware; on IaaS and containers the customer acts on hardware retirement events and moves its instances off retired hardware."),
    "PR.PS-04": (["host-os", "guest-os", "platform", "application"], "The provider generates logs for the infrastructure and managed services it runs and makes service logs available; the customer enables, collects and retains logs from its accounts, guest OS and applications."),
    "PR.PS-05": (["host-os", "guest-os", "platform", "application"], "The provider controls the software running on its hosts and managed platforms; the customer prevents unauthorized software in its instances, container images and applications."),
    "PR.PS-06": (["virtualization", "platform", "application"], "The provider develops its hypervisor, managed platforms and service software under its own secure development life cycle; the customer applies secure development practices to its own code and configuration."),
    "PR.IR-01": (["network-infrastructure", "network-config"], "The provider protects its backbone and physical network and isolates tenants; the customer configures its VPCs, subnets, security groups, firewalls and network access."),
    "PR.IR-02": (["facilities"], "Protection of technology assets from fire, flood, power loss and other environmental threats is done by the provider in its data centres and inherited by the customer."),
    "PR.IR-03": (["facilities", "hardware", "network-infrastructure", "application"], "The provider builds redundant facilities, hardware and networks across zones and regions; the customer architects its workloads to use them (multi-zone deployment, failover)."),
    "PR.IR-04": (["hardware", "network-infrastructure", "application"], "The provider keeps enough physical compute, storage and network capacity; the customer sizes, scales and sets quotas for its own resources."),
    # --- DETECT -----------------------------------------------------------------------------
    "DE.CM-01": (["network-infrastructure", "network-config"], "The provider monitors its backbone and physical network; the customer monitors its virtual networks with flow logs, firewall logs and network detection."),
    "DE.CM-02": (["facilities"], "The physical environment of the data centres (surveillance, intrusion and environmental sensors) is monitored by the provider and inherited by the customer."),
    "DE.CM-03": (["identity", "workforce"], "The customer monitors user and account activity in its cloud accounts and applications (identity); each party monitors the activity of its own personnel (workforce)."),
    "DE.CM-06": (["identity", "governance"], "The customer monitors its providers: it reviews provider access to its data and accounts and the provider's attestations and service notices."),
    "DE.CM-09": (["host-os", "guest-os", "platform", "application", "data"], "The provider monitors the hosts and managed runtimes it operates; the customer monitors its instances, containers, applications and data for malware, tampering and anomalies."),
    "DE.AE-02": (["host-os", "guest-os", "application", "workforce"], "Each party's security operations analyses the events in its own scope: the provider on the infrastructure it runs, the customer on its guest OS, applications and account activity."),
    "DE.AE-03": (["guest-os", "application", "identity", "workforce"], "The customer correlates its own sources (cloud audit logs, OS and application logs) while the provider correlates events across its infrastructure."),
    "DE.AE-04": (["workforce", "data"], "Each party estimates the impact and scope of events in its own scope; only the customer can judge the impact on its own data and mission."),
    "DE.AE-06": (["workforce"], "Each party routes adverse-event information to its own authorized staff and tools; the provider notifies affected customers of events in its scope."),
    "DE.AE-07": (["workforce"], "Each party's security operations brings threat intelligence and context into its own event analysis."),
    "DE.AE-08": (["workforce", "governance"], "Each party declares incidents in its own scope; the customer defines the incident criteria that apply to its organization."),
    # --- RESPOND ----------------------------------------------------------------------------
    "RS.MA-01": (["workforce", "governance"], "Each party executes its own incident response plan and they coordinate; the customer's plan names its providers and how to reach them."),
    "RS.MA-02": (["workforce"], "Each party triages and validates incident reports in its own scope."),
    "RS.MA-03": (["workforce"], "Each party categorizes and prioritizes incidents in its own scope."),
    "RS.MA-04": (["workforce"], "Each party escalates incidents through its own chain, and the customer escalates to the provider through support channels when needed."),
    "RS.MA-05": (["workforce", "governance"], "Each party applies recovery criteria to the incidents it handles; the customer sets the criteria for its own services."),
    "RS.AN-03": (["workforce"], "Each party investigates and finds the root cause of incidents in its own scope; the provider supplies findings when its infrastructure is involved."),
    "RS.AN-06": (["workforce", "data"], "Each party records its own investigation actions; the customer preserves the integrity and provenance of its investigation records."),
    "RS.AN-07": (["workforce", "data"], "The customer collects and preserves incident data from its own accounts and workloads (logs, snapshots); the provider preserves evidence from its infrastructure."),
    "RS.AN-08": (["workforce"], "Each party estimates and validates the magnitude of incidents in its own scope."),
    "RS.CO-02": (["workforce", "governance"], "The provider notifies affected customers of incidents in its scope; the customer notifies its own stakeholders and regulators as its obligations require."),
    "RS.CO-03": (["workforce", "governance"], "Each party shares incident information with its own designated stakeholders; the customer decides what it shares under its obligations."),
    "RS.MI-01": (["workforce", "network-config", "identity"], "The provider contains incidents in its infrastructure; the customer contains incidents in its workloads by isolating resources, changing network rules and revoking credentials."),
    "RS.MI-02": (["workforce", "guest-os", "application"], "The provider eradicates threats from its infrastructure and managed platforms; the customer removes malicious code and rebuilds its own instances and applications."),
    # --- RECOVER ----------------------------------------------------------------------------
    "RC.RP-01": (["workforce"], "Each party executes the recovery part of its own incident response plan for its own scope."),
    "RC.RP-02": (["workforce", "data"], "The provider restores its infrastructure and services; the customer selects and performs recovery of its workloads and data."),
    "RC.RP-03": (["workforce", "data"], "The customer verifies the integrity of its backups before restoring from them; the provider does the same for its own restoration assets."),
    "RC.RP-04": (["workforce", "governance"], "The customer decides its post-incident operating norms from its mission functions; the provider does so for its services."),
    "RC.RP-05": (["workforce", "guest-os", "application", "data"], "The provider restores and verifies the infrastructure and managed services; the customer verifies its restored instances, applications and data and confirms normal operation."),
    "RC.RP-06": (["workforce", "governance"], "Each party declares the end of recovery for its own incidents and completes its own documentation."),
    "RC.CO-03": (["workforce", "governance"], "Each party communicates recovery progress to its own stakeholders; the provider informs affected customers through status pages and notices."),
    "RC.CO-04": (["workforce", "governance"], "Each party issues its own public updates on recovery with approved messaging; the customer's are governed by its own communication policy."),
}


# --------------------------------------------------------------------------------------------
# XML reading


def text_of(elem):
    """All text inside elem, whitespace collapsed (the XML wraps long lines)."""
    if elem is None:
        return ""
    return re.sub(r"\s+", " ", "".join(elem.itertext())).strip()


def part(elem, name):
    return elem.find(f"o:part[@name='{name}']", NS)


def is_withdrawn(elem):
    return any(
        p.get("name") == "status" and (p.get("value") or "").lower() == "withdrawn"
        for p in elem.findall("o:prop", NS)
    )


def is_active_subcategory(ctrl):
    return part(ctrl, "example") is not None and not is_withdrawn(ctrl)


# Category order of the published CSF 2.0 (NIST CSWP 29, Appendix A); the OSCAL XML's element
# order is alphabetical and its sort-id props put DE.AE before DE.CM.
PUBLISHED_ORDER = [
    "GV.OC", "GV.RM", "GV.RR", "GV.PO", "GV.OV", "GV.SC",
    "ID.AM", "ID.RA", "ID.IM",
    "PR.AA", "PR.AT", "PR.DS", "PR.PS", "PR.IR",
    "DE.CM", "DE.AE",
    "RS.MA", "RS.AN", "RS.CO", "RS.MI",
    "RC.RP", "RC.CO",
]


def read_catalog(xml_path):
    root = ET.parse(xml_path).getroot()
    if root.tag != f"{{{OSCAL_NS}}}catalog":
        sys.exit(f"{xml_path}: not an OSCAL catalog (root element {root.tag})")
    families, controls, skipped = [], [], []
    for group in root.findall("o:group", NS):
        gid = group.get("id")
        title = text_of(group.find("o:title", NS))
        families.append({
            "id": gid,
            "title": title.title() if title.isupper() else title,
            "description": text_of(part(group, "overview")) or None,
        })
        cats = group.findall("o:control", NS)
        # The XML lists categories alphabetically; CSF 2.0 publishes them in this order.
        cats.sort(key=lambda c: PUBLISHED_ORDER.index(c.get("id")) if c.get("id") in PUBLISHED_ORDER else 99)
        for cat in cats:
            subs = cat.findall("o:control", NS)
            active = [s for s in subs if is_active_subcategory(s)]
            skipped.extend(s.get("id") for s in subs if s not in active)
            if not active or is_withdrawn(cat):
                skipped.append(cat.get("id"))
                continue
            families.append({
                "id": cat.get("id"),
                "title": text_of(cat.find("o:title", NS)),
                "parent": gid,
                "description": text_of(part(cat, "statement")) or None,
            })
            for sub in active:
                statement = text_of(part(sub, "statement"))
                if not statement:
                    sys.exit(f"{xml_path}: {sub.get('id')} has no statement text")
                controls.append({"id": sub.get("id"), "family": cat.get("id"), "title": statement})
    return families, controls, skipped


# --------------------------------------------------------------------------------------------
# Reading layers/why back from an existing output file (only the shape this script writes, plus
# unquoted layer names, so small hand edits survive).

_STR = r'"((?:[^"\\]|\\.)*)"'


def unquote(body):
    return re.sub(r'\\(u[0-9a-fA-F]{4}|.)', lambda m: _unescape(m.group(1)), body)


def _unescape(esc):
    if esc.startswith("u"):
        return chr(int(esc[1:], 16))
    return {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}.get(esc, esc)


def read_existing(yaml_path):
    """Map control id -> (layers, why) from a previously generated file."""
    if not os.path.exists(yaml_path):
        return {}
    with open(yaml_path, encoding="utf-8") as f:
        text = f.read()
    start = re.search(r"^controls:\s*$", text, re.M)
    if not start:
        return {}
    found = {}
    blocks = re.split(r"^  - (?=id:)", text[start.end():], flags=re.M)[1:]
    for block in blocks:
        m = re.match(r"id:\s*(?:" + _STR + r"|(\S+))", block)
        cid = unquote(m.group(1)) if m.group(1) is not None else m.group(2)
        lm = re.search(r"^    layers:\s*\[([^\]]*)\]", block, re.M)
        wm = re.search(r"^    why:\s*" + _STR + r"\s*$", block, re.M)
        if not lm or not wm:
            continue
        layers = [x.strip().strip('"').strip("'") for x in lm.group(1).split(",") if x.strip()]
        found[cid] = (layers, unquote(wm.group(1)))
    return found


# --------------------------------------------------------------------------------------------
# YAML writing


def q(s):
    """A double-quoted YAML scalar."""
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def render(families, controls):
    lines = [
        "# NIST Cybersecurity Framework (CSF) 2.0: the 106 active subcategories.",
        "# Generated by scripts/gen_csf_catalog.py from NIST's OSCAL XML catalog; ids, titles and",
        "# descriptions come from NIST and are rewritten on regeneration.",
        "# `layers` and `why` are hand-curated and preserved on regeneration: edit them here.",
        "",
    ]
    for key, value in HEADER.items():
        lines.append(f"{key}: {q(value)}")
    lines.append("families:")
    for fam in families:
        lines.append(f"  - id: {q(fam['id'])}")
        lines.append(f"    title: {q(fam['title'])}")
        if fam.get("parent"):
            lines.append(f"    parent: {q(fam['parent'])}")
        if fam.get("description"):
            lines.append(f"    description: {q(fam['description'])}")
    lines.append("controls:")
    for ctl in controls:
        lines.append(f"  - id: {q(ctl['id'])}")
        lines.append(f"    family: {q(ctl['family'])}")
        lines.append(f"    title: {q(ctl['title'])}")
        lines.append("    layers: [" + ", ".join(q(x) for x in ctl["layers"]) + "]")
        lines.append(f"    why: {q(ctl['why'])}")
    return "\n".join(lines) + "\n"


def write_atomically(path, text):
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix=".gen_csf_", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__.split("\n\n")[1])
    xml_path, yaml_path = argv[1], argv[2]
    families, controls, skipped = read_catalog(xml_path)
    existing = read_existing(yaml_path)

    problems = []
    for ctl in controls:
        layers, why = existing.get(ctl["id"]) or CURATED.get(ctl["id"], (None, None))
        if not layers or not why:
            problems.append(f"{ctl['id']}: no layers/why (add it to CURATED or the YAML)")
            continue
        bad = [x for x in layers if x not in LAYERS]
        if bad:
            problems.append(f"{ctl['id']}: unknown layer(s) {', '.join(bad)}")
        ctl["layers"], ctl["why"] = layers, why
    dropped = sorted(set(existing) - {c["id"] for c in controls})
    if problems:
        sys.exit("not written:\n  " + "\n  ".join(problems))

    write_atomically(yaml_path, render(families, controls))
    print(
        f"{yaml_path}: {len(families)} families, {len(controls)} controls "
        f"({len(existing)} tag sets kept from the existing file, "
        f"{len(skipped)} withdrawn CSF 1.1 items skipped)"
    )
    if dropped:
        print("warning: controls in the old file but no longer active in the XML: " + ", ".join(dropped))


if __name__ == "__main__":
    main(sys.argv)
