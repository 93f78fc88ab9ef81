#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The reachable coverage of src/lib: llvm-cov's line and branch figures
with the code marked `cov: unreachable` left out.

Usage: coverage-reachable.py EXPORT.json SRC_LIB_DIR [-c] [-f]

EXPORT.json is `llvm-cov export` (full, not -summary-only) of the same
files as the report.  A marker is a comment holding `cov: unreachable`
and, after it, the reason.  On a line that also holds code it marks that
line.  A comment standing alone on its line marks, when it is the first
thing in a block (the code before it ends in `{`), the rest of that
block through its closing `}`; else the statement that follows it,
through its `;` or, when a `{` comes first, through the matching `}` (a
function, when the marker stands before one).  A marked line is left out
of the line figures, and every branch that starts on it out of the
branch figures; a marked line must never run.

`cov: unreachable branch` is for a condition that runs but one of whose
outcomes cannot happen: it leaves out the branches of its own line, or,
alone on its line, of the next line with code; that line stays in the
line figures.

The figures are llvm-cov's own TOTAL (the per-function summary) less
what the marked lines and branches hold in the file view (the one `llvm-cov show`
prints; its lines are counted as llvm-cov's LineCoverageStats counts
them); without markers they are the TOTAL.  Prints one REACHABLE line;
with -c exits 1 when reachable lines < 100 % or branches < 95 %, or
when a marked line ran (the marker is wrong: it is named either way);
-f adds the figures of each file.
"""
import json
import os
import re
import sys

MARKER = "cov: unreachable"
BRANCH_MARKER = MARKER + " branch"
LINE_GOAL, BRANCH_GOAL = 100.0, 95.0


def strip_code(text):
    """text with comments and string/char literals blanked (newlines
    kept), so that braces and semicolons are the code's own."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def marked_lines(path):
    """The 1-based line numbers a file's markers leave out, those whose
    branches only are left out, and how many markers it has."""
    text = open(path, encoding="utf-8").read()
    lines = text.split("\n")
    code = strip_code(text).split("\n")
    marked, branch_only, markers = set(), set(), 0
    for i, line in enumerate(lines):
        if MARKER not in line:
            continue
        markers += 1
        if BRANCH_MARKER in line:
            j = i
            while j < len(code) and not code[j].strip():
                j += 1
            branch_only.add(j + 1)
            continue
        if code[i].strip():
            marked.add(i + 1)
            continue
        # Alone on its line: first in a block, the rest of the block;
        # else the statement that follows.
        prev = i - 1
        while prev >= 0 and not code[prev].strip():
            prev -= 1
        block = prev >= 0 and code[prev].rstrip().endswith("{")
        depth, j, done = 0, i + 1, False
        while j < len(code) and not done:
            for ch in code[j]:
                if ch == "{":
                    depth += 1
                elif ch == "}":
                    depth -= 1
                    if depth < 0 or (depth == 0 and not block):
                        done = True
                        break
                elif ch == ";" and depth == 0 and not block:
                    done = True
                    break
            marked.add(j + 1)
            j += 1
    return marked, branch_only, markers


def line_stats(segments):
    """{line: count} of the mapped lines, as llvm-cov's line iterator
    makes them from a file's segments [line, col, count, has_count,
    is_region_entry, is_gap_region]."""
    result, wrapped, k = {}, None, 0
    if not segments:
        return result
    line, last = segments[0][0], segments[-1][0]
    while line <= last:
        here = []
        while k < len(segments) and segments[k][0] == line:
            here.append(segments[k])
            k += 1
        starts = [s for s in here if s[3] and s[4] and not s[5]]
        skipped = bool(here) and not here[0][3] and here[0][4]
        mapped = not skipped and ((wrapped is not None and wrapped[3]) or starts)
        if mapped:
            count = wrapped[2] if wrapped is not None else 0
            for s in starts:
                count = max(count, s[2])
            result[line] = count
        if here:
            wrapped = here[-1]
        line += 1
    return result


def pct(a, b):
    return 100.0 * a / b if b else 100.0


def main(argv):
    check = "-c" in argv
    per_file = "-f" in argv
    args = [a for a in argv if a not in ("-c", "-f")]
    if len(args) != 2:
        sys.stderr.write(__doc__)
        return 2
    export, libdir = args
    libdir = os.path.realpath(libdir)
    data = json.load(open(export))["data"][0]
    total = data["totals"]
    tl, cl = total["lines"]["count"], total["lines"]["covered"]
    tb, cb = total["branches"]["count"], total["branches"]["covered"]
    ml = mb = markers = 0
    ran = []  # marked lines that ran: a wrong marker
    rows = []
    for f in data["files"]:
        name = os.path.realpath(f["filename"])
        if os.path.dirname(name) != libdir:
            continue
        marked, branch_only, nm = marked_lines(name)
        markers += nm
        fl, fb = f["summary"]["lines"], f["summary"]["branches"]
        ftl, fcl, ftb, fcb = fl["count"], fl["covered"], fb["count"], fb["covered"]
        for line, count in line_stats(f["segments"]).items():
            if line in marked:
                ml += 1
                cl -= count > 0
                ftl -= 1
                fcl -= count > 0
                if count > 0:
                    ran.append("%s:%d" % (os.path.basename(name), line))
        for b in f["branches"]:
            if b[0] in marked or b[0] in branch_only:
                mb += 2
                cb -= (b[4] > 0) + (b[5] > 0)
                ftb -= 2
                fcb -= (b[4] > 0) + (b[5] > 0)
        if ftl or ftb:
            rows.append("  %s: lines %d/%d (%.1f %%); branches %d/%d (%.1f %%)"
                        % (os.path.basename(name), fcl, ftl, pct(fcl, ftl),
                           fcb, ftb, pct(fcb, ftb)))
    tl -= ml
    tb -= mb
    lp, bp = pct(cl, tl), pct(cb, tb)
    print("REACHABLE: lines %d/%d (%.1f %%); branches %d/%d (%.1f %%); "
          "%d lines, %d branches marked unreachable (%d markers)"
          % (cl, tl, lp, cb, tb, bp, ml, mb, markers))
    if per_file:
        print("\n".join(sorted(rows)))
    if ran:
        sys.stderr.write("coverage-reachable: marked unreachable but run: %s\n"
                         % " ".join(sorted(ran)))
    if check and (cl < tl or bp < BRANCH_GOAL or ran):
        sys.stderr.write("coverage-reachable: below the goal of %.0f %% of "
                         "reachable lines and %.0f %% of branches\n"
                         % (LINE_GOAL, BRANCH_GOAL))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
