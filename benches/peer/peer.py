#!/usr/bin/env python3
"""The Python peer of `respmatrix report` (issue 17): the same job scripted with the stack a
compliance engineer would reach for, doing less than respmatrix does.

compliance-trestle reads the OSCAL catalog, openpyxl reads the inventory workbook, the layer tags
and service models are respmatrix's own YAML data, XlsxWriter writes a workbook (a matrix sheet
of statuses, and one row per control and organization's part naming its services) and ReportLab writes a
PDF (per framework, each control with its status per service model). No HTML, Markdown or JSON,
no rationale, no overrides, no product-level layer refinements.

  python benches/peer/peer.py CATALOG.json INVENTORY.xlsx DATA_DIR OUT_DIR
"""
import re
import sys
from pathlib import Path

import openpyxl
import xlsxwriter
import yaml
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle
from trestle.oscal.catalog import Catalog


def norm(text):
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


def controls_of(catalog_path):
    """(id, title, family) of every control and enhancement that is not withdrawn."""
    catalog = Catalog.oscal_read(Path(catalog_path))
    out = []

    def walk(controls, family):
        for c in controls or []:
            withdrawn = any(p.name == "status" and p.value == "withdrawn" for p in (c.props or []))
            if not withdrawn:
                label = next((p.value for p in (c.props or []) if p.name == "label"), c.id.upper())
                out.append((label, c.title, family))
            walk(c.controls, family)

    for g in catalog.groups or []:
        walk(g.controls, g.id.upper())
    return out


def layer_tags(data):
    tags = yaml.safe_load((data / "frameworks/layers/sp800-53.yaml").read_text())
    families = {f["id"]: f["layers"] for f in tags["families"]}
    controls = {c["id"]: c["layers"] for c in tags.get("controls", [])}
    return lambda cid, fam: controls.get(cid) or controls.get(cid.split("(")[0]) or families.get(fam, [])


def models(data):
    doc = yaml.safe_load((data / "frameworks/service-models.yaml").read_text())
    owners, alias = {}, {}
    for m in doc["models"]:
        owners[m["id"]] = {layer: o["owner"] for layer, o in m["owners"].items()}
        for a in [m["id"], m["title"]] + m.get("aliases", []):
            alias[norm(a)] = m["id"]
    products = {}
    for f in sorted((data / "frameworks/providers").glob("*.yaml")):
        p = yaml.safe_load(f.read_text())
        for prod in p.get("products") or []:
            for name in [prod["name"]] + prod.get("aliases", []):
                products[norm(name)] = prod["model"]
    return owners, alias, products


def inventory(path, alias, products):
    rows = openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True)
    head = [str(h) for h in next(rows)]
    col = {h: i for i, h in enumerate(head)}
    out = []
    for r in rows:
        if str(r[col["In Scope"]] or "yes").lower() not in ("yes", "true", "y"):
            continue
        given = r[col["Service Model"]]
        model = alias.get(norm(given)) if given else products.get(norm(r[col["Provider Service"]]))
        out.append((r[col["Service ID"]], r[col["Service Name"]], model or "iaas"))
    return out


def decide(layers, owner):
    held = {"provider": [], "customer": [], "shared": []}
    for layer in layers:
        held[owner.get(layer, "customer")].append(layer)
    if not held["customer"] and not held["shared"]:
        return "inherited", held
    if not held["provider"] and not held["shared"]:
        return "customer", held
    return "shared", held


def main(catalog, inv, data, out):
    data, out = Path(data), Path(out)
    out.mkdir(parents=True, exist_ok=True)
    tags = layer_tags(data)
    owners, alias, products = models(data)
    services = inventory(inv, alias, products)
    controls = controls_of(catalog)

    book = xlsxwriter.Workbook(str(out / "peer.xlsx"), {"constant_memory": True})
    fills = {s: book.add_format({"bg_color": c}) for s, c in
             [("inherited", "#C6EFCE"), ("shared", "#FFEB9C"), ("customer", "#F8CBAD")]}
    wrap = book.add_format({"text_wrap": True, "valign": "top"})
    matrix = book.add_worksheet("Matrix")
    rows = book.add_worksheet("Customer Responsibilities")
    matrix.write_row(0, 0, ["Control", "Title"] + [s[1] for s in services])
    rows.write_row(0, 0, ["Control", "Title", "Service", "Status", "Organization's layers", "What the organization must do"])
    by_model = {}
    r2 = 1
    for r, (cid, title, fam) in enumerate(controls, start=1):
        layers = tags(cid, fam)
        matrix.write_string(r, 0, cid)
        matrix.write_string(r, 1, title)
        # As respmatrix does: one responsibility row per control and organization's part, listing
        # the services that share it.
        parts = {}
        for c, (sid, name, model) in enumerate(services, start=2):
            status, held = decide(layers, owners[model])
            matrix.write_string(r, c, status, fills[status])
            by_model.setdefault((cid, title), {}).setdefault(model, set()).add(status)
            if status != "inherited":
                parts.setdefault((status, tuple(held["customer"] + held["shared"])), []).append(name)
        for (status, mine), names in parts.items():
            text = f"The organization implements {cid} ({title}) for {', '.join(names)}: {', '.join(mine)}."
            rows.write_row(r2, 0, [cid, title, f"{len(names)} services", status, " ".join(mine)])
            rows.write_string(r2, 5, text, wrap)
            r2 += 1
    book.close()

    style = getSampleStyleSheet()["BodyText"]
    model_ids = sorted({m for _, _, m in services})
    story, table = [Paragraph("Responsibility matrix: SP 800-53 Rev. 5", style)], [["Control", "Title"] + model_ids]
    for (cid, title), per in by_model.items():
        table.append([cid, Paragraph(title, style)] + ["/".join(sorted(per.get(m, {"-"}))) for m in model_ids])
    for start in range(1, len(table), 40):
        t = Table([table[0]] + table[start:start + 40], repeatRows=1)
        t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.25, colors.grey), ("FONTSIZE", (0, 0), (-1, -1), 6)]))
        story += [t, PageBreak()]
    SimpleDocTemplate(str(out / "peer.pdf"), pagesize=landscape(A4)).build(story)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
