#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The repository stands on its own: no tracked file names an absolute
path of a build machine, and no source or document cites a repository
file that does not exist.

    python3 src/tests/repo_paths.py [ROOT]

1. Absolute paths: a home, work or root directory, a shared folder, or a
   fixed name under the temporary directory (temporary files come from
   mktemp), anywhere in any tracked text file, case data included.
2. Cited files: in a source, script or document (URLs aside), a path
   under one of the repository's top directories (src/, conformance/,
   fuzz/, corpus/, ci/, cmake/, ...) must be a tracked file or directory,
   and a document name (NAME.md) must be one, relative to the repository
   root or to the citing file, or the base name of one.

The file list is `git ls-files` when ROOT is a git work tree, else every
file under ROOT outside build directories.  Exit 1 with one line per
problem.
"""

import os
import re
import subprocess
import sys

ROOT = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else \
    os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# An absolute path starts a word: not after a variable ($root/work), a
# directory name (fuzz/work/) or a URL (file:///etc).
ABSOLUTE = re.compile(
    r"(?<![\w$}./:~-])/(?:home|root|work|Users|srv|mnt|shared|tmp)/[\w.$-]")
SHARED = re.compile(r"shared/reference|reference/examples")
TOP_DIRS = r"(?:src|conformance|fuzz|corpus|ci|cmake|\.github|\.clusterfuzzlite|\.ci)"
CITED = re.compile(r"(?<![\w/.$-])(" + TOP_DIRS + r"/[\w./-]*|[\w-][\w.-]*\.md)(?![\w-])")
URL = re.compile(r"[a-z][a-z0-9+.-]*://\S+")
SOURCE_EXT = (".md", ".c", ".h", ".cpp", ".py", ".sh", ".cmake", ".txt", ".yml", ".yaml", ".in")
DATA_DIRS = ("corpus/", "conformance/cases/")


def tracked():
    try:
        out = subprocess.run(["git", "-C", ROOT, "ls-files", "-z"], check=True,
                             capture_output=True).stdout
        files = [f for f in out.decode("utf-8", "surrogateescape").split("\0") if f]
        if files:
            return files
    except (OSError, subprocess.CalledProcessError):
        pass
    files = []
    for d, subs, names in os.walk(ROOT):
        subs[:] = [s for s in subs if s not in (".git", "build") and not s.startswith("build-")]
        files += [os.path.relpath(os.path.join(d, n), ROOT) for n in names]
    return sorted(files)


def read_text(path):
    try:
        with open(os.path.join(ROOT, path), "rb") as f:
            data = f.read()
    except OSError:
        return None
    if b"\0" in data:
        return None  # binary: UTF-16 responses, fuzz inputs
    return data.decode("utf-8", "replace")


def main():
    files = tracked()
    names = set(files)
    bases = {os.path.basename(f) for f in files}
    problems = []
    me = os.path.relpath(os.path.abspath(__file__), ROOT)
    for f in files:
        text = read_text(f)
        if text is None:
            continue
        for n, line in enumerate(text.splitlines(), 1):
            for m in ABSOLUTE.finditer(line):
                problems.append("%s:%d: absolute path %r" % (f, n, line[m.start():m.start() + 40]))
            if f == me:
                continue  # its own patterns and examples
            if SHARED.search(line):
                problems.append("%s:%d: names a folder outside the repository" % (f, n))
            if f.startswith(DATA_DIRS) and not f.endswith("case.txt"):
                continue
            if not (f.endswith(SOURCE_EXT) or os.path.basename(f) in ("CMakeLists.txt", "run")):
                continue
            for m in CITED.finditer(URL.sub(" ", line)):
                c = m.group(1).rstrip(".")
                here = os.path.normpath(os.path.join(os.path.dirname(f), c))
                if c.endswith(".md") and "/" not in c and c in bases:
                    continue
                if c.rstrip("/") in names or here in names:
                    continue
                if any(g.startswith(c) for g in files):
                    continue  # a directory, or a name pattern (ci/fuzz-*.sh)
                problems.append("%s:%d: cites %s, which is not in the repository" % (f, n, c))
    for p in problems:
        print("repo-paths: " + p)
    print("repo-paths: %d files, %d problems" % (len(files), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
