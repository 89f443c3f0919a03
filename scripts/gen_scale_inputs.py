#!/usr/bin/env python3
"""Writes inputs for measuring artifacts at scale (not needed to build or test).

    python3 scripts/gen_scale_inputs.py OUT_DIR [SERVICES]

OUT_DIR/sp800-53-scale.yaml: the 1,007 active NIST SP 800-53 Rev 5 controls and enhancements
(ids and titles from ../shared/data/nist-oscal, public domain) tagged with a rough per-family
layer default; good enough to load the renderers, not a curated catalog.
OUT_DIR/inventory-scale.csv: SERVICES (default 500) services cycling through the sample
organization's rows with numbered names, owners and environments.
"""
import csv
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
CATALOG = ROOT.parent / "shared/data/nist-oscal/sp800-53-rev5/NIST_SP-800-53_rev5_catalog.json"

FAMILY_LAYERS = {
    "ac": ["identity", "network-config"], "at": ["workforce"], "au": ["guest-os", "platform", "application"],
    "ca": ["governance"], "cm": ["guest-os", "platform", "application"], "cp": ["workforce", "data"],
    "ia": ["identity"], "ir": ["workforce"], "ma": ["hardware", "host-os"], "mp": ["hardware", "data"],
    "pe": ["facilities"], "pl": ["governance"], "pm": ["governance"], "ps": ["workforce"],
    "pt": ["data", "governance"], "ra": ["governance", "guest-os"], "sa": ["application", "governance"],
    "sc": ["network-infrastructure", "network-config", "data"], "si": ["guest-os", "platform", "application"],
    "sr": ["governance"],
}


def q(s):
    return json.dumps(s, ensure_ascii=False)


def controls(group):
    for c in group.get("controls", []):
        props = {p["name"]: p["value"] for p in c.get("props", [])}
        if props.get("status") != "withdrawn":
            yield props.get("label", c["id"].upper()), c["title"]
        yield from controls(c)


def catalog(out):
    data = json.loads(CATALOG.read_text())["catalog"]
    lines = ['id: "sp800-53-scale"', 'title: "NIST SP 800-53 Rev 5 (scale test)"', 'version: "5.0.1"',
             'publisher: "NIST"', f'source: {q(CATALOG.name)}', 'licence: "Public domain"', "families:"]
    body = ["controls:"]
    count = 0
    for g in data["groups"]:
        lines += [f"  - id: {q(g['id'].upper())}", f"    title: {q(g['title'])}"]
        for label, title in controls(g):
            count += 1
            layers = FAMILY_LAYERS.get(g["id"], ["governance"])
            body += [f"  - id: {q(label)}", f"    family: {q(g['id'].upper())}", f"    title: {q(title)}",
                     f"    layers: [{', '.join(layers)}]", '    why: "per-family default for the scale test"']
    (out / "sp800-53-scale.yaml").write_text("\n".join(lines + body) + "\n")
    return count


def inventory(out, n):
    rows = list(csv.DictReader((ROOT / "samples/inventory.csv").open(encoding="utf-8")))
    with (out / "inventory-scale.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
        w.writeheader()
        for i in range(n):
            r = dict(rows[i % len(rows)])
            r["Service ID"] = f"{r['Service ID']}-{i:03d}"
            r["Service Name"] = f"{r['Service Name']} {i:03d}"
            r["Owner"] = f"Team {i % 17:02d}"
            r["Environment"] = ["Production", "Staging", "Development", "Corporate"][i % 4]
            r["In Scope"] = "Yes"
            w.writerow(r)


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 500
    print(f"{catalog(out)} controls, {n} services in {out}")
    inventory(out, n)


if __name__ == "__main__":
    main()
