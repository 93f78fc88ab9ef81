#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""output_check.py [--json] FILE...: fail when a file holds a byte of the
classes README.md ("Hostile bytes") says are always escaped: C0 controls
other than the line ends, DEL, C1 controls, the listed format characters,
or invalid UTF-8.  With --json, every line must also be one valid JSON
value (RFC 8259, so NaN and Infinity are refused)."""
import json
import sys

ESCAPED = [(0x00, 0x1F), (0x7F, 0x9F), (0xAD, 0xAD), (0x61C, 0x61C),
           (0x180E, 0x180E), (0x200B, 0x200F), (0x2028, 0x202E),
           (0x2060, 0x2064), (0x2066, 0x206F), (0xFEFF, 0xFEFF),
           (0xFFF9, 0xFFFB), (0xE0001, 0xE0001), (0xE0020, 0xE007F)]


def bad_char(ch):
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in ESCAPED)


def check(path, want_json):
    data = open(path, "rb").read()
    try:
        text = data.decode("utf-8", errors="strict")
    except UnicodeDecodeError as e:
        return "%s: invalid UTF-8 at byte %d" % (path, e.start)
    for n, line in enumerate(text.split("\n"), 1):
        for ch in line:
            if bad_char(ch):
                return "%s:%d: raw U+%04X" % (path, n, ord(ch))
        if want_json and line:
            try:
                json.loads(line, parse_constant=lambda c: 1 / 0)
            except (ValueError, ZeroDivisionError) as e:
                return "%s:%d: not JSON: %s" % (path, n, e)
    return None


def main(argv):
    want_json = "--json" in argv
    files = [a for a in argv if a != "--json"]
    errors = [e for e in (check(f, want_json) for f in files) if e]
    for e in errors:
        print("output_check: " + e, file=sys.stderr)
    return 1 if errors or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
