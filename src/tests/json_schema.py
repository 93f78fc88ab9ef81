#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""json_schema.py TOOL SCHEMA CASES_DIR: validate `poxauth --format json` on
every conformance case, under both profiles and with --no-notes, and on
hostile inputs, against the shipped JSON Schema (doc/json-output.md).

The schema itself is checked against its metaschema, and must reject
broken objects (an unknown field, a missing one, a wrong type), so that a
schema that accepts everything fails too.  Exit 77 (skipped) when the
jsonschema module (Debian: python3-jsonschema) is missing."""
import copy
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import output_check  # noqa: E402  (the same directory)

try:
    import jsonschema
except ImportError:
    print("json-schema: SKIP, no python3 jsonschema module "
          "(apt-get install python3-jsonschema)")
    sys.exit(77)

R = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
A = ("http://schemas.microsoft.com/exchange/autodiscover/outlook/"
     "responseschema/2006a")


def read_cases(root):
    """(response path, context args) of every case under root."""
    cases = []
    for d, _, files in sorted(os.walk(root)):
        if "case.txt" not in files:
            continue
        args, response = [], "response.xml"
        for line in open(os.path.join(d, "case.txt"), encoding="utf-8"):
            key, _, val = line.rstrip("\n").partition(" ")
            if key == "can-handle":
                args.append("--client-can-handle=" + val)
            elif key == "can-handle-empty":
                args.append("--client-can-handle=")
            elif key == "server-build":
                args.append("--server-build=" + val)
            elif key == "response":
                response = val
        cases.append((os.path.join(d, response), tuple(args)))
    return cases


def run_tool(tool, args, files):
    """The JSON objects the tool prints for files, one per file."""
    out = subprocess.run([tool, "--format", "json"] + list(args) + files,
                         stdout=subprocess.PIPE, check=False).stdout
    lines = out.decode("utf-8").splitlines()
    if len(lines) != len(files):
        raise SystemExit("json-schema: %d lines for %d files: %s"
                         % (len(lines), len(files), " ".join(args)))
    return [json.loads(line) for line in lines]


def hostile_files(tmp):
    """Responses and a file name holding the bytes README.md escapes."""
    doc = ('<?xml version="1.0"?><Autodiscover xmlns="%s"><Response '
           'xmlns="%s"><Account><Action>settings</Action><Protocol><Type>'
           'EX&#x9B;CH</Type><AuthPackage>&#x9B;2J&#x202E;ntlm</AuthPackage>'
           '</Protocol></Account></Response></Autodiscover>' % (R, A))
    names = ["refs.xml", "x\x1b]0;t\x07\x1b[2Jy.xml"]
    paths = []
    for n in names:
        p = os.path.join(tmp, n)
        with open(p, "w", encoding="utf-8") as f:
            f.write(doc)
        paths.append(p)
    raw = os.path.join(tmp.encode(), b"latin1-\x9b.xml")
    with open(raw, "wb") as f:
        f.write(b'<?xml version="1.0" encoding="ISO-8859-1"?><Autodiscover '
                b'xmlns="' + R.encode() + b'"><Response xmlns="' +
                A.encode() + b'"><Account><Action>settings</Action>'
                b'<Protocol><Type>EX\x9bCH</Type><AuthPackage>\x9b2Jntlm'
                b'</AuthPackage></Protocol></Account></Response>'
                b'</Autodiscover>')
    paths.append(os.fsdecode(raw))
    return paths


def broken_objects(good):
    """Objects the schema must reject, made from a valid accepted one."""
    extra = copy.deepcopy(good)
    extra["surprise"] = 1
    missing = copy.deepcopy(good)
    del missing["findings"]
    wrong = copy.deepcopy(good)
    wrong["violations"] = "2"
    status = copy.deepcopy(good)
    status["status"] = "rejected"
    proto = copy.deepcopy(good)
    proto["protocols"][0]["applies"] = "yes"
    return [extra, missing, wrong, status, proto]


def main(tool, schema_path, cases_dir):
    schema = json.load(open(schema_path, encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    groups = {}
    for response, args in read_cases(cases_dir):
        groups.setdefault(args, []).append(response)
    runs = []
    for args, files in sorted(groups.items()):
        for i in range(0, len(files), 200):
            part = files[i:i + 200]
            for extra in (["--profile=pox"], ["--profile=oxdscli"],
                          ["--no-notes"]):
                runs.append((list(args) + extra, part))
    with tempfile.TemporaryDirectory() as tmp:
        hostile = hostile_files(tmp)
        runs.append(([], hostile))
        runs.append((["--client-can-handle", "Nego\x1b[2J\u202e"], hostile))
        objects, bad, good = 0, 0, None
        for args, files in runs:
            for obj in run_tool(tool, args, files):
                objects += 1
                for err in validator.iter_errors(obj):
                    bad += 1
                    if bad <= 5:
                        print("json-schema: %s: %s at %s" % (
                            obj.get("file"), err.message, list(err.path)))
                if obj.get("status") == "ok" and obj.get("protocols"):
                    good = good or obj
        # The hostile output, as bytes: nothing raw, valid JSON lines.
        out = subprocess.run([tool, "--format", "json"] + hostile,
                             stdout=subprocess.PIPE, check=False).stdout
        path = os.path.join(tmp, "out.json")
        with open(path, "wb") as f:
            f.write(out)
        problem = output_check.check(path, True)
        if problem:
            print("json-schema: hostile output: " + problem)
            bad += 1
    if good is None:
        print("json-schema: no accepted response with a Protocol was seen")
        return 1
    for broken in broken_objects(good):
        if validator.is_valid(broken):
            print("json-schema: the schema accepts a broken object")
            bad += 1
    print("json-schema: %d objects from %d cases, %d invalid"
          % (objects, sum(len(f) for f in groups.values()), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
