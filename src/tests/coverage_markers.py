#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ci/lib/coverage-reachable.py: which lines each form of the
`cov: unreachable` marker leaves out, the REACHABLE figures made from an
llvm-cov export, and -c.  Usage: coverage_markers.py REPO_ROOT"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

SAMPLE = """int f(int a) {
  if (a)
    return 1;
  /* cov: unreachable branch: b */
  if (a > 5) {
    /* cov: unreachable: c,
     * two lines */
    a = 2;
    return a; }
  if (a < 0) /* cov: unreachable branch: inline */
    a = -a; /* cov: unreachable: inline, "{" in a string: '}' */
  return 0;
}
/* cov: unreachable: d */
static int
g(void) {
  return 3;
}
int h(int a) {
  if (a)
    /* cov: unreachable: e */
    return a;
  return 4;
}
"""

failed = 0


def check(cond, what):
    global failed
    if not cond:
        failed += 1
        print("FAIL: " + what)


def main(root):
    script = os.path.join(root, "ci", "lib", "coverage-reachable.py")
    spec = importlib.util.spec_from_file_location("cr", script)
    cr = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cr)
    with tempfile.TemporaryDirectory() as tmp:
        lib = os.path.join(tmp, "lib")
        os.mkdir(lib)
        src = os.path.join(lib, "x.c")
        with open(src, "w") as f:
            f.write(SAMPLE)
        marked, branch_only, n = cr.marked_lines(src)
        check(n == 6, "6 markers, found %d" % n)
        # c: first in its block, to the brace; the inline ones their line;
        # d: the function after it; e: the statement after it.
        check(marked == {7, 8, 9, 11, 15, 16, 17, 18, 22},
              "lines marked: %s" % sorted(marked))
        check(branch_only == {5, 10}, "branch lines: %s" % sorted(branch_only))
        # An export: the comment of lines 6-7 skipped, lines 8 and 9
        # never run, the rest run; branches on lines 2 (both ways), 5 and
        # 10 (one way each).
        segs = [[1, 1, 5, True, True, False], [6, 5, 0, False, True, False],
                [8, 1, 0, True, True, False], [10, 1, 5, True, True, False],
                [14, 1, 0, False, False, False]]
        branches = [[2, 7, 2, 8, 3, 2, 0, 0, 4], [5, 7, 5, 12, 0, 5, 0, 0, 4],
                    [10, 7, 10, 12, 0, 5, 0, 0, 4]]
        stats = cr.line_stats(segs)
        lines = len(stats)
        covered = sum(1 for c in stats.values() if c > 0)
        totals = {"lines": {"count": lines, "covered": covered},
                  "branches": {"count": 6, "covered": 4}}
        data = {"data": [{
            "files": [{"filename": src, "segments": segs,
                       "branches": branches, "summary": totals}],
            "totals": totals}]}
        export = os.path.join(tmp, "export.json")
        with open(export, "w") as f:
            json.dump(data, f)
        run = subprocess.run([sys.executable, script, export, lib, "-c", "-f"],
                             capture_output=True, text=True)
        # 12 mapped lines, 8 and 9 not run: both marked, and so is 11,
        # which ran (a wrong marker).
        check(lines == 12 and covered == 10, "%d/%d lines" % (covered, lines))
        check("REACHABLE: lines 9/9 (100.0 %); branches 2/2 (100.0 %); "
              "3 lines, 4 branches marked unreachable (6 markers)"
              in run.stdout, "figures: " + run.stdout)
        check("  x.c: lines 9/9 (100.0 %); branches 2/2 (100.0 %)"
              in run.stdout, "figures of x.c: " + run.stdout)
        check(run.returncode == 1 and "x.c:11" in run.stderr,
              "-c fails on a marked line that ran: %d %s"
              % (run.returncode, run.stderr))
    print("coverage-markers: %s" % ("ok" if not failed else "%d failed" % failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
