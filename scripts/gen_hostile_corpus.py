#!/usr/bin/env python3
"""Writes the hostile-input corpus under tests/hostile/ (run from the repository root).

Each file is small (< 200 KB) and has the shape of an attack or an accident that once cost
unbounded memory, time or stack, or printed a whole input. The file name says how
tests/hostile_corpus.rs feeds it to the binary: `inventory-*` with -i, `framework-*` with -f,
`overrides-*` with --overrides, `project-*` with --config, `templates-*/` with --templates;
`aux-*` files are only read through another file.
"""

import io
import json
import os
import zipfile

OUT = os.path.join("tests", "hostile")


def write(name, data):
    path = os.path.join(OUT, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    with open(path, mode) as f:
        f.write(data)


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
WORKBOOK = """<?xml version="1.0" encoding="UTF-8"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Services" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WB_RELS = """<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
</Relationships>"""


def xlsx(sheet_xml, extra=None):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def sheet(cells):
    rows = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{ref}" t="inlineStr"><is><t>{t}</t></is></c>' for ref, t in cs) + "</row>"
        for r, cs in cells
    )
    return ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            f'spreadsheetml/2006/main"><dimension ref="A1:XFD1048576"/><sheetData>{rows}</sheetData></worksheet>')


def main():
    # Spreadsheets: one cell at the last cell of a sheet, a row number that overflows, a bomb.
    write("inventory-far-cell.xlsx", xlsx(sheet([(1, [("A1", "Name"), ("B1", "Model")]), (2, [("A2", "Web"), ("B2", "IaaS")]),
                                               (1048576, [("XFD1048576", "x")])])))
    write("inventory-row-overflow.xlsx", xlsx(sheet([(1, [("A1", "Name")]), (2, [("A99999999999", "Web")])])))
    bomb = sheet([(1, [("A1", "Name")]), (2, [("A2", "Web")])]).replace("<sheetData>", "<sheetData>" + " " * (70 << 20), 1)
    write("inventory-zip-bomb.xlsx", xlsx(bomb))
    write("framework-far-cell.xlsx", xlsx(sheet([(1, [("A1", "id"), ("B1", "title")]), (1048576, [("XFD1048576", "x")])])))

    # ODS: one cell with content repeated over the whole sheet.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                   '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
                   'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
        z.writestr("content.xml", '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office='
                   '"urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
                   'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
                   '<table:table table:name="Services"><table:table-row table:number-rows-repeated="1048576">'
                   '<table:table-cell table:number-columns-repeated="16384" office:value-type="string"><text:p>x</text:p>'
                   '</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>')
    write("inventory-repeat-bomb.ods", buf.getvalue())

    # YAML: aliases that repeat a long string, over-deep flow collections.
    alias = 'a: &a "' + "x" * 10_000 + '"\nb: &b [' + ", ".join(["*a"] * 1000) + "]\nc: [" + ", ".join(["*b"] * 1000) + "]\n"
    write("inventory-alias-bomb.yaml", alias)
    big = "[" + ", ".join(["*a"] * 1000) + "]"
    write("overrides-alias-bomb.yaml", "overrides:\n  - {control: x, status: shared, justification: &a \"" + "j" * 10_000
          + "\", services: &s " + big + "}\n" + "".join("  - {control: x, status: shared, justification: j, services: *s}\n"
                                                         for _ in range(100)))
    write("framework-alias-bomb.yaml", "id: bomb\n" + alias)
    write("inventory-deep-flow.yaml", "services: " + "[" * 20_000 + "]" * 20_000 + "\n")
    write("project-deep-flow.yaml", "organization: " + "{a: " * 10_000 + "b" + "}" * 10_000 + "\n")

    # OSCAL XML: deep groups, deep prose markup.
    write("framework-deep-groups.xml", '<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0"><metadata><title>T</title>'
          "</metadata>" + "<group>" * 10_000 + "</group>" * 10_000 + "</catalog>")
    write("framework-deep-prose.xml", '<catalog xmlns="http://csrc.nist.gov/ns/oscal/1.0"><metadata><title>T</title>'
          '</metadata><control id="a-1"><title>A</title><part name="statement"><p>' + "<em>" * 5_000 + "x"
          + "</em>" * 5_000 + "</p></part></control></catalog>")
    write("framework-deep.json", '{"catalog": ' + "[" * 20_000 + "]" * 20_000 + "}")

    # OSCAL parameters that insert parameters: 20^5 expansions from a 3 KB file.
    ins = lambda i: "{{ insert: param, p%d }}" % i
    params = [{"id": f"p{i}", "values": [ins(i + 1) * 20]} for i in range(5)] + [{"id": "p5", "label": "x" * 50}]
    cat = {"catalog": {"uuid": "00000000-0000-4000-8000-000000000000", "metadata": {"title": "Bomb", "version": "1",
           "oscal-version": "1.1.2"}, "params": params, "controls": [{"id": "b-1", "title": "B", "parts": [
           {"name": "statement", "prose": ins(0) * 20}]}]}}
    write("framework-param-bomb.json", json.dumps(cat))

    # Globs: a 94 KB override pattern, a long profile `matching` pattern.
    write("overrides-long-glob.yaml", "overrides:\n  - control: \"" + "[a-z]*{a,b}" * 8_600 + "\"\n    status: shared\n"
          "    justification: x\n")
    tiny = {"catalog": {"uuid": "00000000-0000-4000-8000-000000000001", "metadata": {"title": "Tiny", "version": "1",
            "oscal-version": "1.1.2"}, "controls": [{"id": "t-1", "title": "T"}]}}
    write("aux-tiny-catalog.json", json.dumps(tiny))
    prof = {"profile": {"uuid": "00000000-0000-4000-8000-000000000002", "metadata": {"title": "P", "version": "1",
            "oscal-version": "1.1.2"}, "imports": [{"href": "aux-tiny-catalog.json", "include-controls": [
            {"matching": [{"pattern": "t-*" + "[!a]*" * 5_000}]}]}]}}
    write("framework-long-matching-profile.json", json.dumps(prof))

    # Huge lines: a 100 KB model value and a 100 KB header.
    write("inventory-huge-value.csv", "Name,Model\nWeb," + "Faas" * 25_000 + "\n")
    write("inventory-huge-header.csv", "N" * 100_000 + "\nx\n")
    write("inventory-binary.json", bytes(range(256)) * 64)

    # Templates that include each other, and a recursive inline partial.
    write("templates-loop/summary.html.hbs", "{{> matrix.html}}\n")
    write("templates-loop/matrix.html.hbs", "{{> summary.html}}\n")
    write("templates-inline/report.md.hbs", '{{#*inline "again"}}{{> again}}{{> again}}{{/inline}}{{> again}}\n')


if __name__ == "__main__":
    main()
