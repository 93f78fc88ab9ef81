#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Conformance adapter for exchangelib (Debian python3-exchangelib 4.9.0).

    exchangelib.py [--profile P] [--client-can-handle V]... [--server-build B] < response

Parses the response with exchangelib's own POX Autodiscover model
(Autodiscover.from_bytes) and prints what exchangelib understood in the
canonical format of conformance/FORMAT.md.  It parses nothing itself and
prints only what exchangelib tells:

- exchangelib has no profiles and no request context at parse time, so
  --profile (pox, oxdscli or union: the same answer for each),
  --client-can-handle and --server-build are accepted and ignored;
- it reports no findings at all (it has no notion of a violation), so no
  finding line is ever printed;
- a value is known when exchangelib's own Protocol.auth_type maps it, and is
  then printed the way that mapping spells it (lower case); an element
  exchangelib reads as None is "absent";
- exchangelib uses an AuthPackage whatever the Protocol Type, so a present
  value "applies";
- a ParseError from from_bytes is "reject not-well-formed", or
  "reject not-autodiscover" for its "Unknown root element" error.

Exit status: 0 answered, 2 rejected; anything else (an exception inside
exchangelib, exchangelib missing) is a crash for the runner.
"""

import os
import sys

# This file is named like the package it adapts: keep its own directory off
# the import path, or "import exchangelib" would find this script.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]


def field(s):
    """FORMAT.md field escaping."""
    if s is None or s == "":
        return "-"
    if s == "-":
        return "%2D"
    out = []
    for b in s.encode("utf-8", "surrogateescape"):
        out.append(chr(b) if 0x21 <= b <= 0x7E and b != 0x25 else "%%%02X" % b)
    return "".join(out)


def parse_args(argv):
    i = 0
    while i < len(argv):
        if argv[i] in ("--profile", "--client-can-handle", "--server-build") and i + 1 < len(argv):
            i += 2
            continue
        sys.stderr.write("exchangelib.py: unknown argument %r\n" % argv[i])
        sys.exit(64)


def main():
    parse_args(sys.argv[1:])
    data = sys.stdin.buffer.read()
    try:
        from exchangelib.autodiscover.properties import Account, Autodiscover
        from exchangelib.util import ParseError
    except ImportError as e:
        sys.stderr.write("exchangelib.py: exchangelib is not installed (apt-get install "
                         "python3-exchangelib): %s\n" % e)
        return 3
    out = ["poxauth-canonical 1"]
    try:
        ad = Autodiscover.from_bytes(data)
    except ParseError as e:
        cls = "not-autodiscover" if str(e).startswith("Unknown root element") else "not-well-formed"
        sys.stdout.write("poxauth-canonical 1\nreject %s\nend\n" % cls)
        return 2
    protocols = []
    if ad.response is None:
        err = ad.error_response.error if ad.error_response is not None else None
        out.append("kind error " + field(err.code) if err is not None else "kind other")
    else:
        acc = ad.response.account
        if acc is not None and acc.action in Account.ACTIONS:
            out.append("kind " + acc.action)
        else:
            out.append("kind other")
        if acc is not None:
            protocols = acc.protocols or []
    for i, p in enumerate(protocols):
        if p.auth_package is None:
            value = "absent"
        elif p.auth_type is not None:
            value = p.auth_package.lower()
        else:
            value = "unknown"
        out.append("protocol %d %s %s %s" % (i, field(p.type), value,
                                             "no" if value == "absent" else "yes"))
    out.append("end")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
