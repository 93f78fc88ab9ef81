#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks fuzz/tools/cpu_time.py, the CPU clock of fuzz/CAMPAIGNS.md.

Always: the record line's fields, the exit status passed on, a label kept
to one field.  Where the tool can make a cgroup (root on most machines):
a process nobody waits for, as afl-fuzz's targets are, is counted, and a
process left running when the command ends is killed.
"""
import os
import subprocess
import sys
import tempfile
import time

TOOL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cpu_time.py")

# Double fork: the grandchild burns BURN seconds of CPU, then writes DONE;
# its parent exits at once and the command returns when DONE appears, so
# nothing ever waits for the grandchild.
ORPHAN_BURN = r"""
import os, sys, time
burn, done = float(sys.argv[1]), sys.argv[2]
if os.fork() == 0:
    if os.fork() == 0:
        while time.process_time() < burn:
            pass
        open(done, "w").close()
    os._exit(0)
os.wait()
while not os.path.exists(done):
    time.sleep(0.01)
"""

# A grandchild that would sleep for a minute; its pid goes to PIDFILE.
ORPHAN_SLEEP = r"""
import os, sys
pid = os.fork()
if pid == 0:
    if os.fork() == 0:
        open(sys.argv[1], "w").write(str(os.getpid()))
        os.execvp("sleep", ["sleep", "60"])
    os._exit(0)
os.wait()
while not os.path.exists(sys.argv[1]) or not open(sys.argv[1]).read():
    pass
"""


def alive(pid):
    """Running, not a zombie (an orphan's reaper may be slow or absent)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def can_make_cgroup():
    for root, probe in (("/sys/fs/cgroup", "cgroup.controllers"), ("/sys/fs/cgroup/cpuacct", "cpuacct.usage")):
        if os.path.exists(os.path.join(root, probe)):
            path = os.path.join(root, "poxauth-cpu-test-%d" % os.getpid())
            try:
                os.mkdir(path)
                os.rmdir(path)
                return True
            except OSError:
                pass
    return False


def record(out, label, *cmd):
    rc = subprocess.call([sys.executable, TOOL, "-o", out, "-l", label, "--"] + list(cmd))
    with open(out) as f:
        last = f.read().splitlines()[-1]
    return rc, last.split("\t")


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def main():
    d = tempfile.mkdtemp()
    out = os.path.join(d, "runs.tsv")
    rc, f = record(out, "poxauth_fuzzer/afl\tx\ny", "sh", "-c", "exit 3")
    if rc != 3:
        fail("exit status %d, not 3" % rc)
    if len(f) != 6 or f[0] != "poxauth_fuzzer/afl x y" or f[3] != "3":
        fail("record line %r" % f)
    if not (f[1].endswith("Z") and f[2] >= f[1] and float(f[4]) >= 0):
        fail("times in %r" % f)
    method = f[5]
    if method not in ("cgroup-v1", "cgroup-v2", "rusage"):
        fail("method %r" % method)
    if method == "rusage" and can_make_cgroup():
        fail("a cgroup can be made here, yet the tool measured with rusage")
    if method == "rusage":
        print("no cgroup here (method rusage): the orphan checks are skipped")
        return 0
    done = os.path.join(d, "done")
    rc, f = record(out, "orphan", sys.executable, "-c", ORPHAN_BURN, "0.4", done)
    if rc != 0 or float(f[4]) < 0.35:
        fail("an orphan's 0.4 s of CPU not counted: %r" % f)
    pidfile = os.path.join(d, "pid")
    rc, f = record(out, "leftover", sys.executable, "-c", ORPHAN_SLEEP, pidfile)
    pid = int(open(pidfile).read())
    for _ in range(50):
        if not alive(pid):
            break
        time.sleep(0.1)
    else:
        os.kill(pid, 9)
        fail("a process left running (pid %d) was not killed" % pid)
    # Stopped from outside: the signal reaches the command, the line is
    # still written and the cgroup removed.
    p = subprocess.Popen([sys.executable, TOOL, "-o", out, "-l", "stopped", "--", "sleep", "30"])
    time.sleep(0.5)
    p.terminate()
    if p.wait(timeout=10) != 143:
        fail("a stopped run exited with %r, not the command's SIGTERM" % p.returncode)
    with open(out) as f:
        last = f.read().splitlines()[-1].split("\t")
    if last[0] != "stopped" or last[3] != "143":
        fail("a stopped run's line: %r" % last)
    print("ok: %s; an orphan counted, a leftover killed, a stopped run recorded" % method)
    return 0


if __name__ == "__main__":
    sys.exit(main())
