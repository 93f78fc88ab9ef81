#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Model-based property tests: random responses, the model's answer against
the reference's.

Hypothesis builds random descriptions of responses (strategies in
proptest_strategies.py): Protocol lists, Types and their spellings, values
with case, white space, character references, CDATA, comments, duplicates,
nested Protocols, namespaces and prefixes, encodings, Actions and Errors,
rejections, request contexts and builds, under every profile.  Each one is
written to bytes, given to `poxauth --format canonical`, and the output is
compared with what model.py derives from the description by the rules of
SPEC.md.  A disagreement is shrunk by Hypothesis and printed as a case for
groups_*.py, ready to commit.

    python3 conformance/gen/proptest.py POXAUTH [--examples N] [--seed S]

POXAUTH is the built tool (ctest passes it).  The number of examples comes
from --examples, else POXAUTH_PROPTEST_EXAMPLES, else 300; the run is
deterministic (derandomized from the seed, default 0) and writes no example
database.  Exit status: 0 all agree, 1 a disagreement, 77 Hypothesis is not
installed (ctest reports the test as skipped), 2 usage.
"""

import argparse
import atexit
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.dont_write_bytecode = True  # no __pycache__ in the source tree

# Hypothesis keeps caches in ./.hypothesis unless told otherwise: nothing
# may be written into the tree (or wherever ctest runs), so a scratch
# directory is used and removed at exit.
_STORAGE = tempfile.mkdtemp(prefix="poxauth-proptest.")
atexit.register(shutil.rmtree, _STORAGE, True)
os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = _STORAGE

try:
    from hypothesis import HealthCheck, Verbosity, given, settings, seed as hyp_seed
except ImportError:
    print("proptest: the Python module hypothesis is missing "
          "(Debian: apt-get install python3-hypothesis): skipped")
    sys.exit(77)

import model  # noqa: E402
import proptest_strategies as strat  # noqa: E402

TOOL = None


def tool_args(case):
    args = [TOOL, "--format", "canonical", "--profile", case.profile]
    for line in case.can_handle or ():
        args += ["--client-can-handle", line]
    if case.server_build is not None:
        args += ["--server-build", case.server_build]
    return args + ["-"]


def reference(case):
    p = subprocess.run(tool_args(case), input=case.data, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    if p.returncode not in (0, 1, 2):
        raise AssertionError("poxauth exited %d: %s" % (p.returncode,
                                                         p.stderr.decode("utf-8", "replace")))
    return p.stdout.decode("utf-8", "replace")


def case_snippet(case, want):
    """The disagreement as a Case for groups_*.py: the response bytes and the
    model's answer (the reading of SPEC.md the library must then follow)."""
    exp = {p: case.expect(p) for p in model.PROFILES}
    out = ["Case(\"property/%s\"," % case.slug(),
           "     %r," % case.title(),
           "     %r," % case.data]
    if len({tuple(v) for v in exp.values()}) == 1:
        out.append("     expect=%r," % exp[case.profile])
    else:
        out.append("     expect={%s}," % ", ".join("%r: %r" % kv for kv in exp.items()))
    out += ["     rules=%r, tags=[\"property\"]," % case.rules(),
            "     source=\"found by conformance/gen/proptest.py\","]
    if case.can_handle is not None:
        out.append("     can_handle=%r," % case.can_handle)
    if case.server_build is not None:
        out.append("     server_build=%r," % case.server_build)
    if case.data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in case.data[:4]:
        out.append("     response_name=\"response.bin\",")
    out[-1] = out[-1].rstrip(",") + ")"
    return "\n".join(out)


def check(case):
    want = model.render(case.expect())
    got = reference(case)
    if got != want:
        raise AssertionError(
            "the reference and the model disagree\n"
            "---- model (SPEC.md)\n%s---- reference\n%s"
            "---- the shrunk case, for groups_*.py (every profile's answer from "
            "the model):\n%s\n"
            "---- the description\n%s"
            % (want, got, case_snippet(case, want), case.describe()))


def main(argv):
    global TOOL
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("tool", help="the poxauth tool")
    ap.add_argument("--examples", type=int,
                    default=int(os.environ.get("POXAUTH_PROPTEST_EXAMPLES", "300")))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("POXAUTH_PROPTEST_SEED", "0")))
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args(argv)
    TOOL = a.tool
    if not os.access(TOOL, os.X_OK):
        print("proptest: %s is not an executable" % TOOL, file=sys.stderr)
        return 2

    # derandomize: the same examples every run for a given seed, so CI is
    # deterministic; database=None: nothing is written into the tree.
    @hyp_seed(a.seed)
    @settings(max_examples=a.examples, derandomize=a.seed == 0, database=None,
              deadline=None, print_blob=False,
              verbosity=Verbosity.verbose if a.verbose else Verbosity.normal,
              suppress_health_check=list(HealthCheck))
    @given(strat.cases())
    def agrees(case):
        check(case)

    try:
        agrees()
    except AssertionError as e:
        print("proptest: FAILED\n%s" % e)
        return 1
    print("proptest: %d examples, the reference agrees with the model" % a.examples)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
