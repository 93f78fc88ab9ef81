#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Peer benchmark: exchangelib's Autodiscover response parsing.

Parses the same bytes as poxauth-bench (poxauth-bench --write-sample FILE)
with exchangelib's adapter, in-process, parse only:

    from exchangelib.autodiscover.properties import Autodiscover
    Autodiscover.from_bytes(b)

Each run loops for at least --min-time seconds; prints responses per second
as median [min .. max] of --runs runs, and a last line for ci/bench.sh:

    PEER <name>=<median>,<min>,<max>

Debian's python3-exchangelib installs for /usr/bin/python3 (run it with
that interpreter).  Exit status 2 when exchangelib cannot be imported.
"""
import argparse
import json
import statistics
import sys
import time


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sample", help="response file (poxauth-bench --write-sample)")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--min-time", type=float, default=1.0)
    ap.add_argument("--json", help="write the figures to this file")
    args = ap.parse_args()

    try:
        import exchangelib
        from exchangelib.autodiscover.properties import Autodiscover
    except ImportError as e:
        print(f"exchangelib not importable by {sys.executable}: {e}", file=sys.stderr)
        return 2

    with open(args.sample, "rb") as f:
        b = f.read()

    # Check it parses the response as poxauth does: the Account-level
    # Protocols and the AuthPackage values.
    ad = Autodiscover.from_bytes(b)
    protocols = ad.response.account.protocols
    auth = [(p.type, p.auth_package) for p in protocols]
    print(f"exchangelib {exchangelib.__version__} on Python {sys.version.split()[0]}: "
          f"{len(b)} bytes, {len(protocols)} Protocols, (Type, auth_package) = {auth}")

    for _ in range(20):  # warm-up
        Autodiscover.from_bytes(b)
    rates = []
    for _ in range(args.runs):
        n = 0
        t0 = time.perf_counter()
        while True:
            Autodiscover.from_bytes(b)
            n += 1
            t = time.perf_counter() - t0
            if t >= args.min_time:
                break
        rates.append(n / t)
    med, lo, hi = statistics.median(rates), min(rates), max(rates)
    name = f"exchangelib {exchangelib.__version__} (Python {sys.version_info.major}.{sys.version_info.minor})"
    print(f"{name}: {med:.0f} responses/s [{lo:.0f} .. {hi:.0f}], "
          f"{1e6 / med:.1f} us per response, {args.runs} runs of >= {args.min_time} s")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"name": name, "bytes": len(b), "protocols": len(protocols),
                       "responses_per_s": {"median": med, "min": lo, "max": hi},
                       "runs": rates}, f, indent=2)
    print(f"PEER {name}={med:.1f},{lo:.1f},{hi:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
