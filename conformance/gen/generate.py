#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes conformance/cases/<group>/<slug>/ from the descriptions in
groups_*.py.  Deterministic and idempotent: a file is rewritten only when
its bytes change, and case directories no description names are removed.

    python3 conformance/gen/generate.py [--check]

--check writes nothing and exits 1 when any file would change (for CI).
"""

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import model  # noqa: E402
import groups_core  # noqa: E402
import groups_version  # noqa: E402
import groups_doc  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.normpath(os.path.join(HERE, "..", "cases"))

REJECT_RULE = {
    "not-well-formed": "REJ-2", "doctype": "REJ-3", "not-autodiscover": "REJ-4",
    "wrong-namespace": "REJ-4", "unsupported-encoding": "REJ-5", "empty": "REJ-5",
    "limit": "REJ-6", "out-of-memory": "REJ-7",
}


def case_files(c):
    """{file name: bytes} of one case."""
    files = {}
    body = c.response if isinstance(c.response, bytes) else c.response.encode("utf-8")
    files[c.response_name] = body
    exp = {}
    for prof in (model.PROFILES if c.cls == "must" else ()):
        if c.expect is not None:
            lines = c.expect[prof] if isinstance(c.expect, dict) else c.expect
        else:
            lines = model.evaluate(c.doc, prof, c.can_handle, c.server_build)
        exp[prof] = model.render(lines)
    rules = list(c.rules)

    def add(rule):
        if rule not in rules:
            rules.append(rule)
    if c.cls == "must":
        if len(set(exp.values())) == 1:
            files["expect"] = exp["pox"].encode()
        else:
            for prof in model.PROFILES:
                files["expect." + prof] = exp[prof].encode()
            if exp["pox"] != exp["oxdscli"]:
                add("PRO-1")
            add("PRO-3")  # the union answer differs from one of the others
        texts = list(exp.values())
    else:
        texts = [model.render(a) for a in c.accept]
        for i, t in enumerate(texts, 1):
            files["accept.%d" % i] = t.encode()
    for t in texts:
        for line in t.splitlines():
            w = line.split(" ")
            if w[0] == "finding":
                add(model.FINDING_RULE[w[2]])
            elif w[0] == "reject":
                add(REJECT_RULE[w[1]])
                add("REJ-1")
            elif w[0] == "kind" and w[1] == "error":
                add("KND-3")
            elif w[0] == "kind" and w[1] == "mobilesync":
                add("KND-4")
            elif w[0] == "protocol" and w[3] == "absent":
                add("VAL-9")
    meta = ["title " + c.title, "class " + c.cls, "rules " + " ".join(rules),
            "tags " + " ".join(c.tags), "source " + c.source]
    if c.response_name != "response.xml":
        meta.append("response " + c.response_name)
    if c.can_handle is not None:
        if len(c.can_handle) == 0:
            raise ValueError(c.id + ": an absent header is None, not []")
        for line in c.can_handle:
            meta.append("can-handle " + line if line != "" else "can-handle-empty")
    if c.server_build is not None:
        meta.append("server-build " + c.server_build)
    files["case.txt"] = ("\n".join(meta) + "\n").encode("utf-8")
    return files


def main(argv):
    check = "--check" in argv
    cases = groups_core.cases() + groups_version.cases() + groups_doc.cases()
    ids = [c.id for c in cases]
    dup = {i for i in ids if ids.count(i) > 1}
    if dup:
        sys.exit("duplicate case ids: %s" % sorted(dup))
    changed = []
    wanted = set()
    for c in cases:
        d = os.path.join(CASES, *c.id.split("/"))
        wanted.add(d)
        files = case_files(c)
        have = set(os.listdir(d)) if os.path.isdir(d) else set()
        for name in sorted(have - set(files)):
            changed.append(os.path.join(d, name))
            if not check:
                os.remove(os.path.join(d, name))
        for name, data in sorted(files.items()):
            p = os.path.join(d, name)
            old = None
            if os.path.exists(p):
                with open(p, "rb") as f:
                    old = f.read()
            if old != data:
                changed.append(p)
                if not check:
                    os.makedirs(d, exist_ok=True)
                    with open(p, "wb") as f:
                        f.write(data)
    if os.path.isdir(CASES):
        for g in sorted(os.listdir(CASES)):
            gd = os.path.join(CASES, g)
            if not os.path.isdir(gd):
                continue
            for s in sorted(os.listdir(gd)):
                sd = os.path.join(gd, s)
                if os.path.isdir(sd) and sd not in wanted:
                    changed.append(sd)
                    if not check:
                        shutil.rmtree(sd)
            if not check and not os.listdir(gd):
                os.rmdir(gd)
    if check:
        for p in changed:
            print("stale: " + os.path.relpath(p, CASES))
        return 1 if changed else 0
    print("%d cases, %d paths written or removed" % (len(cases), len(changed)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
