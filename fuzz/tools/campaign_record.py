#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Print fuzz/CAMPAIGNS.md rows for the runs under a build/fuzz-runs folder.

python3 fuzz/tools/campaign_record.py [--runs build/fuzz-runs] [--since ISO]
    [--label TEXT] [--commit REV] [--cpu FILE]

One row per target and engine: libFuzzer from the summary-*.tsv files that
ci/fuzz-libfuzzer.sh writes (seconds x fork jobs = CPU time, executions,
cov and ft of the last line), AFL++ from each instance's fuzzer_stats
(run_time, execs_done, edges_found/total_edges; CPU time summed over
instances).  --since keeps summaries written at or after a UTC time
(YYYYmmddTHHMMSSZ, as in their names).  Findings: new artifacts or crash
files counted; their fixes are written in by hand.

--cpu FILE: the lines fuzz/tools/cpu_time.py wrote, labelled TARGET/ENGINE
(engine as in the rows: libfuzzer-asan, libfuzzer-msan, afl, afl-ci); the
CPU column then shows the measured time, which is what counts, beside the
nominal one.  --commit: the commit fuzzed, when HEAD has moved on since.
An AFL++ output directory that was resumed counts its earlier runs too:
start a campaign with fresh output directories (ci/fuzz-afl.sh -f).
"""
import argparse
import datetime
import glob
import os
import subprocess
import sys


def commit():
    try:
        return subprocess.check_output(["git", "rev-parse", "--short=12", "HEAD"], text=True).strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def measured(path):
    """{(target, engine): CPU seconds} from cpu_time.py's record lines."""
    cpu = {}
    if path:
        with open(path) as f:
            for line in f:
                fields = line.rstrip("\n").split("\t")
                if len(fields) >= 6 and "/" in fields[0]:
                    key = tuple(fields[0].split("/", 1))
                    cpu[key] = cpu.get(key, 0.0) + float(fields[4])
    return cpu


def libfuzzer_rows(runs, since):
    rows = {}
    for tsv in sorted(glob.glob(os.path.join(runs, "libfuzzer-*", "summary-*.tsv"))):
        stamp = os.path.basename(tsv)[len("summary-"):-len(".tsv")]
        if since and stamp < since:
            continue
        flavour = os.path.basename(os.path.dirname(tsv))
        with open(tsv) as f:
            head = f.readline().rstrip("\n").split("\t")
            for line in f:
                d = dict(zip(head, line.rstrip("\n").split("\t")))
                key = (d["target"], flavour)
                r = rows.setdefault(key, {"cpu": 0, "execs": 0, "cov": "?", "ft": "?", "found": 0})
                r["cpu"] += int(d.get("seconds", 0) or 0) * int(d.get("jobs", 1) or 1)
                r["execs"] += int(d["execs"]) if d.get("execs", "?").isdigit() else 0
                r["cov"], r["ft"] = d.get("cov", "?"), d.get("ft", "?")
                r["found"] += int(d.get("new_artifacts", 0) or 0)
    for (t, fl), r in sorted(rows.items()):
        yield t, fl, r["cpu"], r["execs"], "cov %s, ft %s" % (r["cov"], r["ft"]), r["found"]


def afl_rows(runs):
    for out in sorted(glob.glob(os.path.join(runs, "afl*", "*"))):
        stats = glob.glob(os.path.join(out, "*", "fuzzer_stats"))
        if not stats or not os.path.isdir(out):
            continue
        cpu = execs = found = 0
        edges = "?"
        for s in stats:
            d = {}
            for line in open(s):
                if ":" in line:
                    k, v = line.split(":", 1)
                    d[k.strip()] = v.strip()
            cpu += int(d.get("run_time", 0))
            execs += int(d.get("execs_done", 0))
            found += int(d.get("saved_crashes", d.get("unique_crashes", 0)))
            edges = "%s/%s edges" % (d.get("edges_found", "?"), d.get("total_edges", "?"))
        yield os.path.basename(out), os.path.basename(os.path.dirname(out)), cpu, execs, edges, found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", default="build/fuzz-runs")
    ap.add_argument("--since", default="")
    ap.add_argument("--label", default="")
    ap.add_argument("--commit", default="")
    ap.add_argument("--cpu", default="", help="record lines of fuzz/tools/cpu_time.py")
    a = ap.parse_args()
    day = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    c = a.commit or commit()
    cpu_of = measured(a.cpu)
    total = total_measured = 0
    for t, engine, cpu, execs, cov, found in list(libfuzzer_rows(a.runs, a.since)) + list(afl_rows(a.runs)):
        total += cpu
        shown = "%.2f" % (cpu / 3600.0)
        if (t, engine) in cpu_of:
            total_measured += cpu_of[(t, engine)]
            shown = "%.2f measured (%s nominal)" % (cpu_of[(t, engine)] / 3600.0, shown)
        print("| %s | %s | %s | %s | %s | %d | %s | %s | %s |" % (
            day, c, t, engine, shown, execs, cov, found or "none", a.label))
    print("total CPU time: %.2f h nominal, %.2f h measured" % (total / 3600.0, total_measured / 3600.0),
          file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
