#!/usr/bin/env python3
"""Checks an OSCAL SSP the way tests/oscal_ssp.rs needs, with independent tools.

  oscal_check.py schema SCHEMA FILE   validate FILE against an OSCAL JSON Schema
  oscal_check.py trestle FILE         load FILE with compliance-trestle's pydantic models
  oscal_check.py trestle-version      print the OSCAL version this trestle reads

The OSCAL schemas write their patterns with `\\p{L}` classes, which Python's `re` does not
know, so `pattern` is checked with the `regex` module instead (the same syntax the schemas
are generated for). Exit 0 when the file passes, 1 with the reasons on stderr otherwise.
"""

import json
import sys


def schema(schema_path, file_path):
    import jsonschema
    import regex

    compiled = {}

    def pattern(validator, patrn, instance, schema):
        if not validator.is_type(instance, "string"):
            return
        rx = compiled.get(patrn)
        if rx is None:
            rx = compiled[patrn] = regex.compile(patrn)
        if not rx.search(instance):
            yield jsonschema.ValidationError(f"{instance!r} does not match {patrn!r}")

    with open(schema_path, encoding="utf-8") as f:
        sch = json.load(f)
    with open(file_path, encoding="utf-8") as f:
        doc = json.load(f)
    base = jsonschema.validators.validator_for(sch)
    Validator = jsonschema.validators.extend(base, {"pattern": pattern})
    errors = sorted(Validator(sch).iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors[:20]:
        where = "/".join(str(p) for p in e.absolute_path)
        print(f"{file_path}: /{where}: {e.message[:300]}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} schema errors", file=sys.stderr)
        return 1
    return 0


def trestle(file_path):
    import pathlib
    from trestle.oscal.ssp import SystemSecurityPlan

    try:
        ssp = SystemSecurityPlan.oscal_read(pathlib.Path(file_path))
    except Exception as e:  # trestle raises its own and pydantic's errors
        text = str(e)
        print(f"{file_path}: trestle cannot load it: {text[:3000]}", file=sys.stderr)
        return 1
    if ssp is None:
        print(f"{file_path}: trestle read nothing", file=sys.stderr)
        return 1
    n = len(ssp.control_implementation.implemented_requirements)
    print(f"trestle loaded {n} implemented requirements")
    return 0


def trestle_version():
    import trestle.oscal

    print(trestle.oscal.OSCAL_VERSION)
    return 0


def main(argv):
    if len(argv) == 4 and argv[1] == "schema":
        return schema(argv[2], argv[3])
    if len(argv) == 3 and argv[1] == "trestle":
        return trestle(argv[2])
    if len(argv) == 2 and argv[1] == "trestle-version":
        return trestle_version()
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
