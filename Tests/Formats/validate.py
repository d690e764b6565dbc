#!/usr/bin/env python3
"""Checks tracereport's CI formats with their consumers' own tools, for the Swift tests.

  validate.py junit FILE   parse with xml.etree; print the counts as JSON
  validate.py json FILE    validate against check-json.schema.json (jsonschema); print "valid"

Exits 1 with the reason when the file is not what its consumers accept.
"""
import json, os, sys
import xml.etree.ElementTree as ET


def junit(path):
    root = ET.parse(path).getroot()
    if root.tag != "testsuites":
        sys.exit(f"root element is <{root.tag}>, not <testsuites>")
    out = {"tests": int(root.get("tests")), "failures": int(root.get("failures")), "errors": int(root.get("errors")),
           "skipped": len(root.findall(".//skipped")), "suites": [], "cases": 0, "failure_elements": 0, "error_elements": 0}
    for suite in root.findall("testsuite"):
        cases = suite.findall("testcase")
        failures = sum(len(c.findall("failure")) for c in cases)
        errors = sum(len(c.findall("error")) for c in cases)
        if int(suite.get("tests")) != len(cases) or int(suite.get("failures")) != failures or int(suite.get("errors")) != errors:
            sys.exit(f"suite {suite.get('name')!r}: its counts do not match its cases")
        out["suites"].append({"name": suite.get("name"), "tests": len(cases), "failures": failures,
                              "cases": [{"name": c.get("name"), "failures": [{"type": f.get("type"), "message": f.get("message"), "text": f.text}
                                                                            for f in c.findall("failure")],
                                         "system_out": (c.findtext("system-out") or "")} for c in cases]})
        out["cases"] += len(cases)
        out["failure_elements"] += failures
        out["error_elements"] += errors
    print(json.dumps(out, ensure_ascii=False))


def schema_check(path):
    import jsonschema
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-json.schema.json")) as f:
        schema = json.load(f)
    with open(path) as f:
        document = json.load(f)
    try:
        jsonschema.validate(document, schema, cls=jsonschema.Draft202012Validator)
    except jsonschema.ValidationError as e:
        sys.exit(f"not valid: {e.message} at {list(e.absolute_path)}")
    print("valid")


if __name__ == "__main__":
    {"junit": junit, "json": schema_check}[sys.argv[1]](sys.argv[2])
