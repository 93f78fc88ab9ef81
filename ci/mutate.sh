#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/mutate.sh: mutation testing of src/lib (how to run it: ci/MUTATION.md).
#
# Applies each single-point mutation of ci/mutations.txt to a scratch copy
# of the tree (mktemp), rebuilds it incrementally in one build directory,
# runs the fast tests, restores the file, and prints the score and every
# mutant the tests did not kill.  The source tree is never written to.
#
#   bash ci/mutate.sh [--check] [--list] [-k] [ID...]
#     --check   only verify that every anchor is found exactly once and that
#               ci/MUTATION.md states the score of this list (fast)
#     --list    print the mutations and exit
#     -k        keep the scratch copy (its path is printed)
#     ID...     run only these mutations (for example M017 M042)
#
# Exit status: 0 when every mutant not marked equivalent was killed and every
# anchor was found; 1 when a mutant survived, an anchor is missing or
# ambiguous, or a mutant marked equivalent was killed (the list is wrong);
# 2 on a usage or baseline error.
# Knobs: MUTATE_JOBS (ctest -j, default 2), MUTATE_TIMEOUT (seconds per test,
# default 120), MUTATE_LIST (another data file).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/ci/lib/deps.sh"
list=${MUTATE_LIST:-$root/ci/mutations.txt}
jobs=${MUTATE_JOBS:-2}
timeout=${MUTATE_TIMEOUT:-120}
check_only=0 list_only=0 keep=0 only=()
for a in "$@"; do
  case $a in
    --check) check_only=1 ;;
    --list) list_only=1 ;;
    -k) keep=1 ;;
    -h|--help) sed -n '3,22p' "$0"; exit 0 ;;
    -*) echo "mutate: unknown option $a" >&2; exit 2 ;;
    *) only+=("$a") ;;
  esac
done
log() { printf '[mutate] %s\n' "$*" >&2; }
# --check and --list read files only (ctest runs --check as the test
# mutation-anchors): nothing is installed for them.
if [ $check_only = 0 ] && [ $list_only = 0 ]; then
  ensure_packages python3 cmake make gcc libexpat1-dev >/dev/null || exit 2
elif ! command -v python3 >/dev/null; then
  log "python3 is missing"; exit 2
fi

# The data file, parsed once into one record per line (fields separated by
# US, 0x1f): id, file, find, repl, equivalent-reason, description.
py_parse() {
  python3 - "$list" <<'EOF'
import sys
recs, cur = [], {}
def flush():
    global cur
    if cur:
        for k in ("id", "file", "find", "repl", "why"):
            if k not in cur:
                sys.exit("mutations: record %s lacks '%s:'" % (cur.get("id", "?"), k))
        recs.append(cur)
    cur = {}
for n, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    line = line.rstrip("\n")
    if line.startswith("#"):
        continue
    if not line.strip():
        flush()
        continue
    key, sep, val = line.partition(": ")
    if not sep or key not in ("id", "file", "find", "repl", "why", "equiv"):
        sys.exit("mutations:%d: expected 'id|file|find|repl|why|equiv: ...'" % n)
    cur[key] = val
flush()
ids = [r["id"] for r in recs]
if len(set(ids)) != len(ids):
    sys.exit("mutations: duplicate ids")
for r in recs:
    print("\x1f".join([r["id"], r["file"], r["find"], r["repl"], r.get("equiv", ""), r["why"]]))
EOF
}
# apply FILE FIND REPL DRY: replace the one occurrence of FIND ({NL} is a
# line end) in FILE; exit 3 when FIND occurs zero or several times.
py_apply() {
  python3 - "$@" <<'EOF'
import sys
path, find, repl, dry = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
un = lambda s: s.replace("{NL}", "\n")
find, repl = un(find), un(repl)
text = open(path, encoding="utf-8").read()
n = text.count(find)
if n != 1:
    print("anchor found %d times" % n)
    sys.exit(3)
if not dry:
    open(path, "w", encoding="utf-8").write(text.replace(find, repl))
EOF
}

records=$(py_parse) || exit 2
if [ $list_only = 1 ]; then
  printf '%s\n' "$records" | awk -F '\x1f' '{ printf "%s  %-18s %s%s\n", $1, $2, $6, ($5 != "" ? "  [equivalent: " $5 "]" : "") }'
  exit 0
fi
want() {
  [ ${#only[@]} = 0 ] && return 0
  local i; for i in "${only[@]}"; do [ "$i" = "$1" ] && return 0; done; return 1
}

# Every file of src/lib must be mutated at least once (the list cannot
# silently stop covering a file).
status=0
for f in "$root"/src/lib/*.c; do
  rel=src/lib/$(basename "$f")
  printf '%s\n' "$records" | awk -F '\x1f' -v f="$rel" '$2 == f { found = 1 } END { exit !found }' ||
    { log "ERROR: no mutation of $rel"; status=1; }
done
# Every anchor in one python3 run (a ctest test runs this on every build).
bad=$(printf '%s\n' "$records" | python3 -c '
import sys, os
root, only, bad = sys.argv[1], set(sys.argv[2:]), 0
for rec in sys.stdin.read().splitlines():
    i, f, find = rec.split("\x1f")[:3]
    if only and i not in only:
        continue
    path = os.path.join(root, f)
    if not os.path.isfile(path):
        print("[mutate] ERROR: %s: no file %s" % (i, f), file=sys.stderr); bad += 1; continue
    n = open(path, encoding="utf-8").read().count(find.replace("{NL}", "\n"))
    if n != 1:
        print("[mutate] ERROR: %s (%s): anchor found %d times: %s" % (i, f, n, find), file=sys.stderr); bad += 1
print(bad)' "$root" "${only[@]}") || exit 2
total=$(printf '%s\n' "$records" | wc -l)
if [ $bad -gt 0 ]; then
  log "$bad of $total anchors are missing or ambiguous: fix ci/mutations.txt"
  exit 1
fi
# The score ci/MUTATION.md states is that of this list: as many mutants,
# the same equivalent ones, the rest killed (no survivor is ever stated).
python3 - "$list" "$root/ci/MUTATION.md" <<'EOF2' || status=1
import re, sys
text = open(sys.argv[1]).read()
ids = re.findall(r"^id: (M\d+)$", text, re.M)
equiv = [r.group(1) for r in re.finditer(r"^id: (M\d+)$(?:\n(?!\n).*)*?\nequiv:", text, re.M)]
doc = open(sys.argv[2]).read()
m = re.search(r"list of (\d+) mutants stands at \*\*(\d+) killed, (\d+) equivalent, no\s+survivor\*\*\.\s+Equivalent:\s+([M\d,\s]+)\.", doc)
if not m:
    sys.exit("mutate: ci/MUTATION.md states no score ('the list of N mutants stands at **K killed, E equivalent, no survivor**. Equivalent: ...')")
n, k, e = int(m.group(1)), int(m.group(2)), int(m.group(3))
listed = re.findall(r"M\d+", m.group(4))
want = (len(ids), len(ids) - len(equiv), len(equiv), sorted(equiv))
if (n, k, e, sorted(listed)) != want:
    sys.exit("mutate: ci/MUTATION.md says %d mutants, %d killed, %d equivalent (%s); the list has %d, %d, %d (%s)"
             % (n, k, e, " ".join(listed), want[0], want[1], want[2], " ".join(want[3])))
EOF2
if [ $check_only = 1 ]; then
  log "all $total anchors found exactly once"
  exit $status
fi

scratch=$(mktemp -d "${TMPDIR:-/tmp}/poxauth-mutate.XXXXXX")
if [ $keep = 0 ]; then trap 'rm -rf "$scratch"' EXIT; else log "scratch copy kept: $scratch"; fi
src=$scratch/src-tree build=$scratch/build
mkdir -p "$src"
(cd "$root" && git ls-files -z --cached --others --exclude-standard | grep -zv '^build/' | tar --null -T - -cf -) |
  tar -xf - -C "$src" || { log "could not copy the tree"; exit 2; }
log "scratch copy: $src"
# Warnings are not errors: a mutant that only warns must still be tested.
cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_C_FLAGS=-O0 \
  -DPOXAUTH_WARNINGS_AS_ERRORS=OFF -DPOXAUTH_BUILD_BENCH=OFF -DPOXAUTH_INSTALL=OFF \
  >"$scratch/configure.log" 2>&1 || { tail -20 "$scratch/configure.log" >&2; log "configure failed"; exit 2; }

build_tree() { cmake --build "$build" -j1 >"$scratch/build.log" 2>&1; }
# The fast tests: the corpus against the reference, the unit tests, the
# corpus replays and the property tests; stop at the first failure.  Not
# mutation-anchors: in a mutant the mutated anchor is gone on purpose.
run_tests() {
  (cd "$build" &&
    ctest -j"$jobs" --timeout "$timeout" --stop-on-failure -R '^conformance-(reference|tool-impl)' >"$scratch/test.log" 2>&1 &&
    ctest -j"$jobs" --timeout "$timeout" --stop-on-failure -L 'unit|fuzz|property' -E '^mutation-anchors$' >>"$scratch/test.log" 2>&1)
}
log "baseline build and tests"
build_tree || { tail -30 "$scratch/build.log" >&2; log "baseline build failed"; exit 2; }
run_tests || { tail -30 "$scratch/test.log" >&2; log "baseline tests fail: fix them first"; exit 2; }

killed=0 survived=0 equiv_n=0 broken=0 noequiv=0 ran=0 start=$(date +%s)
survivors=() wrong_equiv=() broken_list=()
while IFS=$'\x1f' read -r id file find repl equiv why; do
  want "$id" || continue
  ran=$((ran + 1))
  cp "$src/$file" "$scratch/orig"
  py_apply "$src/$file" "$find" "$repl" 0 >/dev/null
  t0=$(date +%s)
  if ! build_tree; then
    outcome="build-error"
    broken=$((broken + 1)); broken_list+=("$id $file: $why")
  elif run_tests; then
    if [ -n "$equiv" ]; then outcome="survived (equivalent)"; equiv_n=$((equiv_n + 1))
    else outcome="SURVIVED"; survived=$((survived + 1)); survivors+=("$id $file: $why"); fi
  else
    failed=$(grep -E '\*\*\*|Failed|Timeout|Exception' "$scratch/test.log" | grep -oE '(unit|conformance|fuzz|property|header|tool)[-A-Za-z0-9_]*' | sort -u | head -3 | tr '\n' ' ')
    outcome="killed by ${failed:-a test}"
    killed=$((killed + 1))
    if [ -n "$equiv" ]; then noequiv=$((noequiv + 1)); wrong_equiv+=("$id $file: marked equivalent but killed"); fi
  fi
  # A fresh mtime, so that the restored file is rebuilt with the next mutant.
  cp "$scratch/orig" "$src/$file"
  log "$id $(printf '%-20s' "$outcome") $(( $(date +%s) - t0 ))s  $file: $why"
done <<< "$records"
build_tree || { log "the restored tree does not build"; exit 2; }

scored=$((killed + survived - noequiv))
log "---- $ran mutants in $(( $(date +%s) - start ))s: $killed killed, $survived survived, $equiv_n equivalent (survived as expected), $broken did not build"
[ $scored -gt 0 ] && log "score: $((killed - noequiv))/$scored non-equivalent mutants killed ($(( 100 * (killed - noequiv) / scored ))%)"
for s in "${survivors[@]}"; do log "SURVIVOR $s"; done
for s in "${wrong_equiv[@]}"; do log "WRONG $s"; done
for s in "${broken_list[@]}"; do log "BUILD-ERROR $s (fix the replacement)"; done
[ $survived = 0 ] && [ $noequiv = 0 ] && [ $broken = 0 ] || status=1
exit $status
