#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Print fuzz/CAMPAIGNS.md rows for the runs under a build/fuzz-runs folder.

python3 fuzz/tools/campaign_record.py [--runs build/fuzz-runs] [--since ISO]
    [--label TEXT]

One row per target and engine: libFuzzer from the summary-*.tsv files that
ci/fuzz-libfuzzer.sh writes (seconds x fork jobs = CPU time, executions,
cov and ft of the last line), AFL++ from each instance's fuzzer_stats
(run_time, execs_done, edges_found/total_edges; CPU time summed over
instances).  --since keeps summaries written at or after a UTC time
(YYYYmmddTHHMMSSZ, as in their names).  Findings: new artifacts or crash
files counted; their fixes are written in by hand.
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
    a = ap.parse_args()
    day = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    c = commit()
    total = 0
    for t, engine, cpu, execs, cov, found in list(libfuzzer_rows(a.runs, a.since)) + list(afl_rows(a.runs)):
        total += cpu
        print("| %s | %s | %s | %s | %.2f | %d | %s | %s | %s |" % (
            day, c, t, engine, cpu / 3600.0, execs, cov, found or "none", a.label))
    print("total CPU time: %.2f h" % (total / 3600.0), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
