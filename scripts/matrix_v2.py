#!/usr/bin/env python3
"""A consumer of respmatrix/matrix@2 (docs/matrix-v2.md), standard library only.

  python3 scripts/matrix_v2.py inline matrix.json > matrix-v1.json   # the @1 document, prose in every cell
  python3 scripts/matrix_v2.py validate docs/matrix-v2.schema.json matrix.json   # needs `jsonschema`
"""
import json
import sys


def cells(doc, control):
    """Yields (service, cell) for every cell of a control or statement, each cell as matrix@1 has it."""
    texts = doc["texts"]
    for service, (rid, d) in zip(doc["services"], control["cells"]):
        decision = control["decisions"][d]
        name = service["name"]
        yield service, {
            "service": service["id"],
            "responsibility_id": rid,
            "status": decision["status"],
            "provider_layers": decision["provider_layers"],
            "customer_layers": decision["customer_layers"],
            "shared_layers": decision["shared_layers"],
            "decided_by": decision["decided_by"],
            "rationale": "".join(texts[t].format(service=name) for t in decision["rationale"]),
            "customer_statement": texts[decision["customer_statement"]].format(service=name),
            "provider_statement": texts[decision["provider_statement"]].format(service=name),
        }


def inline(doc):
    """The matrix@1 document a matrix@2 one stands for."""
    if doc["schema"] != "respmatrix/matrix@2":
        return doc
    out = {k: v for k, v in doc.items() if k != "texts"}
    out["schema"] = "respmatrix/matrix@1"
    controls = []
    for c in doc["controls"]:
        c1 = {k: v for k, v in c.items() if k not in ("decisions", "cells")}
        c1["services"] = [cell for _, cell in cells(doc, c)]
        if "statements" in c:
            c1["statements"] = [
                dict({k: v for k, v in st.items() if k not in ("decisions", "cells")},
                     cells=[cell for _, cell in cells(doc, st)])
                for st in c["statements"]
            ]
        controls.append(c1)
    out["controls"] = controls
    return out


def main(argv):
    if len(argv) == 3 and argv[1] == "inline":
        with open(argv[2], encoding="utf-8") as f:
            json.dump(inline(json.load(f)), sys.stdout, ensure_ascii=False)
        return 0
    if len(argv) == 4 and argv[1] == "validate":
        import jsonschema

        with open(argv[2], encoding="utf-8") as f:
            schema = json.load(f)
        with open(argv[3], encoding="utf-8") as f:
            doc = json.load(f)
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:20]:
            print(f"{argv[3]}: {'/'.join(map(str, e.path))}: {e.message[:300]}", file=sys.stderr)
        return 1 if errors else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
