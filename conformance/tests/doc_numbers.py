#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every count of cases that README.md and conformance/README.md state is
the count of the corpus, so the docs cannot go stale silently.

    python3 conformance/tests/doc_numbers.py [--fix]

Checks the total, must and may counts, the group table (one row per group
directory, none extra) and the top README's "holds N golden cases"; any
other "N cases" phrase in the two files is an error, since nothing would
check it.  --fix rewrites the checked numbers in place and then checks.
"""

import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CASES = os.path.join(ROOT, "conformance", "cases")
CONF_README = os.path.join(ROOT, "conformance", "README.md")
TOP_README = os.path.join(ROOT, "README.md")

NUM = r"(\d[\d,]*)"
TOTAL_RE = re.compile(r"\(" + NUM + r" cases: " + NUM + r" `must`, " + NUM + r"\s+`may`")
GROUP_RE = re.compile(r"^\| `([a-z0-9-]+)/` \| " + NUM + r" \|", re.M)
TOP_RE = re.compile(r"holds " + NUM + r" golden cases")
ANY_RE = re.compile(r"\b" + NUM + r"\s+(?:golden\s+)?cases\b")


def corpus():
    groups, must, may = {}, 0, 0
    for g in sorted(os.listdir(CASES)):
        gd = os.path.join(CASES, g)
        if not os.path.isdir(gd):
            continue
        n = 0
        for slug in os.listdir(gd):
            meta = os.path.join(gd, slug, "case.txt")
            if not os.path.isfile(meta):
                continue
            n += 1
            with open(meta, encoding="utf-8") as f:
                cls = [l.split(" ", 1)[1].strip() for l in f if l.startswith("class ")]
            if cls == ["may"]:
                may += 1
            else:
                must += 1
        groups[g] = n
    return groups, must, may


def num(s):
    return int(s.replace(",", ""))


def fmt(n):
    return "{:,}".format(n) if n >= 10000 else str(n)


def check(groups, must, may):
    errors = []
    total = must + may
    with open(CONF_README, encoding="utf-8") as f:
        conf = f.read()
    with open(TOP_README, encoding="utf-8") as f:
        top = f.read()
    m = TOTAL_RE.search(conf)
    if not m:
        errors.append("conformance/README.md: no '(N cases: N `must`, N `may`' phrase")
    elif (num(m.group(1)), num(m.group(2)), num(m.group(3))) != (total, must, may):
        errors.append("conformance/README.md says %s cases (%s must, %s may); the corpus has %d (%d, %d)"
                      % (m.group(1), m.group(2), m.group(3), total, must, may))
    rows = {g: num(n) for g, n in GROUP_RE.findall(conf)}
    for g, n in sorted(groups.items()):
        if g not in rows:
            errors.append("conformance/README.md: no row for group %s/ (%d cases)" % (g, n))
        elif rows[g] != n:
            errors.append("conformance/README.md: %s/ has %d cases, the table says %d" % (g, n, rows[g]))
    for g in sorted(set(rows) - set(groups)):
        errors.append("conformance/README.md: a row for %s/, which is not a group" % g)
    m = TOP_RE.search(top)
    if not m:
        errors.append("README.md: no 'holds N golden cases' phrase")
    elif num(m.group(1)) != total:
        errors.append("README.md says %s golden cases; the corpus has %d" % (m.group(1), total))
    for name, text, known in (("README.md", top, [TOP_RE]), ("conformance/README.md", conf, [TOTAL_RE])):
        spans = [k.span() for r in known for k in r.finditer(text)]
        for k in ANY_RE.finditer(text):
            if not any(a <= k.start() < b for a, b in spans):
                errors.append("%s: '%s' is a count nothing checks" % (name, k.group(0)))
    return errors


def fix(groups, must, may):
    total = must + may
    with open(CONF_README, encoding="utf-8") as f:
        conf = f.read()
    conf = TOTAL_RE.sub(lambda m: m.group(0).replace(m.group(1), fmt(total), 1)
                        .replace(m.group(2) + " `must`", fmt(must) + " `must`", 1)
                        .replace(m.group(3), fmt(may)), conf)
    conf = GROUP_RE.sub(lambda m: "| `%s/` | %s |" % (m.group(1), fmt(groups.get(m.group(1), 0))), conf)
    with open(CONF_README, "w", encoding="utf-8") as f:
        f.write(conf)
    with open(TOP_README, encoding="utf-8") as f:
        top = f.read()
    top = TOP_RE.sub("holds %s golden cases" % fmt(total), top)
    with open(TOP_README, "w", encoding="utf-8") as f:
        f.write(top)


def main(argv):
    groups, must, may = corpus()
    if "--fix" in argv:
        fix(groups, must, may)
    errors = check(groups, must, may)
    for e in errors:
        print("doc-numbers: " + e)
    if not errors:
        print("doc-numbers: %d cases in %d groups, as the docs say" % (must + may, len(groups)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
