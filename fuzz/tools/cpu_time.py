#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run a command and record the CPU time it and every process it starts used.

python3 fuzz/tools/cpu_time.py -o FILE -l LABEL -- COMMAND [ARG...]

Appends one tab-separated line to FILE: label, start and end (UTC), exit
status, CPU seconds (user + system), and how they were measured.  Exits
with the command's status.

Why not /usr/bin/time: it sees only the processes that were waited for.
afl-fuzz's fork server and its targets are not, so a one-instance AFL++
run measured that way shows a fraction of the cores it kept busy.  Here the
command runs in a cgroup of its own when this user may make one (cgroup v2
cpu.stat, else v1 cpuacct; usually root), which counts every descendant,
waited for or not.  Otherwise the figure is getrusage(RUSAGE_CHILDREN),
i.e. what /usr/bin/time would say, and the method column says "rusage".

Processes still alive in the cgroup when the command ends (an orphaned
CmpLog child of afl-fuzz, say) are killed, so that they cannot keep a core
busy after the run, and so that their time stops at the recorded figure.
SIGTERM, SIGINT and SIGHUP are passed on to the command; the line is still
written when it ends, with its exit status (128 + N for signal N).
"""
import argparse
import datetime
import os
import resource
import signal
import subprocess
import sys
import time

V2 = "/sys/fs/cgroup"
V1 = "/sys/fs/cgroup/cpuacct"


def make_cgroup(label):
    """A new cgroup that counts CPU time: (path, "v2"|"v1"), or (None, "rusage")."""
    name = "poxauth-cpu-%d-%s" % (os.getpid(), "".join(c if c.isalnum() else "_" for c in label)[:40])
    for root, kind, probe in ((V2, "v2", "cgroup.controllers"), (V1, "v1", "cpuacct.usage")):
        if not os.path.exists(os.path.join(root, probe)):
            continue
        path = os.path.join(root, name)
        try:
            os.mkdir(path)
        except OSError:
            continue
        return path, kind
    return None, "rusage"


def cgroup_seconds(path, kind):
    if kind == "v2":
        with open(os.path.join(path, "cpu.stat")) as f:
            for line in f:
                k, v = line.split()
                if k == "usage_usec":
                    return int(v) / 1e6
        return 0.0
    with open(os.path.join(path, "cpuacct.usage")) as f:
        return int(f.read()) / 1e9


def kill_leftovers(path):
    for _ in range(50):
        with open(os.path.join(path, "cgroup.procs")) as f:
            pids = [int(p) for p in f.read().split()]
        if not pids:
            break
        for p in pids:
            try:
                os.kill(p, signal.SIGKILL)
            except ProcessLookupError:
                pass
        time.sleep(0.1)


def remove(path):
    try:
        os.rmdir(path)
    except OSError as e:
        print("cpu_time.py: could not remove %s: %s" % (path, e), file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", required=True, help="file to append the record line to")
    ap.add_argument("-l", required=True, help="label: target/engine of the run")
    ap.add_argument("command", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.command[1:] if a.command[:1] == ["--"] else a.command
    if not cmd:
        ap.error("no command")
    a.l = " ".join(a.l.split())  # one field of one line
    path, kind = make_cgroup(a.l)
    start = datetime.datetime.now(datetime.timezone.utc)

    def enter():
        if path:
            with open(os.path.join(path, "cgroup.procs"), "w") as f:
                f.write(str(os.getpid()))

    try:
        child = subprocess.Popen(cmd, preexec_fn=enter)
    except OSError as e:
        print("cpu_time.py: cannot run %s: %s" % (cmd[0], e), file=sys.stderr)
        child = None
        rc = 127
    if child:
        # Stopped from outside (a run cut short): pass the signal on, then
        # still record the time used and remove the cgroup.
        def forward(sig, _frame):
            child.send_signal(sig)
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, forward)
        rc = child.wait()
        if rc < 0:
            rc = 128 - rc  # killed by a signal: the shell's convention
    end = datetime.datetime.now(datetime.timezone.utc)
    if path:
        kill_leftovers(path)
        secs = cgroup_seconds(path, kind)
        remove(path)
    else:
        ru = resource.getrusage(resource.RUSAGE_CHILDREN)
        secs = ru.ru_utime + ru.ru_stime
    stamp = "%Y-%m-%dT%H:%M:%SZ"
    with open(a.o, "a") as f:
        f.write("%s\t%s\t%s\t%d\t%.1f\t%s\n" % (a.l, start.strftime(stamp), end.strftime(stamp), rc, secs,
                                                "cgroup-" + kind if path else kind))
    return rc


if __name__ == "__main__":
    sys.exit(main())
