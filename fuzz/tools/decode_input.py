#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Show what a poxauth_fuzzer / poxauth_stream_fuzzer input means:
the context prefix (fuzz/README.md) and the response bytes.

python3 fuzz/tools/decode_input.py FILE [--alloc] [--body-out FILE]
--alloc: the file is a poxauth_alloc_fuzzer input (3 selector bytes first).
--body-out: also write the response bytes alone (to feed the poxauth tool).
"""
import argparse
import struct
import sys


def decode(data):
    d = {"flags": 0, "profile": "pox", "can_handle": None, "build": None, "limits": None, "chunk_seed": None,
         "pad": None}
    i = 0
    if not data:
        return d, b""
    f = data[0]
    i = 1
    d["flags"] = f
    d["profile"] = "union" if f & 0x20 else "oxdscli" if f & 1 else "pox"
    if f & 2 and i < len(data):
        n = data[i] % 4 + 1
        i += 1
        lines = []
        for _ in range(n):
            if i >= len(data):
                break
            l = data[i]
            i += 1
            lines.append(data[i:i + l])
            i += min(l, len(data) - i)
        d["can_handle"] = lines or None
    if f & 4 and i < len(data):
        l = data[i]
        i += 1
        d["build"] = data[i:i + l]
        i += min(l, len(data) - i)
    if f & 8:
        vals = []
        for _ in range(5):
            lo = data[i] if i < len(data) else 0
            hi = data[i + 1] if i + 1 < len(data) else 0
            i += 2 if i + 1 < len(data) else (1 if i < len(data) else 0)
            vals.append(lo | hi << 8)
        d["limits"] = dict(zip(["max_input_bytes", "max_depth", "max_elements", "max_protocols", "max_text_bytes"], vals))
    if f & 16:
        d["chunk_seed"] = data[i] if i < len(data) else 0
        i += 1 if i < len(data) else 0
    if f & 64:
        spec = data[i:i + 6].ljust(6, b"\0")
        i += min(6, len(data) - i)
        ta, td, kind, st = struct.unpack("<HHBB", spec)
        d["pad"] = {"target_a_selector": ta, "block_a": kind >> 2 & 3, "delta_a": (kind >> 4 & 7) - 4,
                    "style_a": ["spaces", "comment", "pi", "mixed"][kind >> 7 | (st & 1) << 1],
                    "target_d_selector": td, "block_d": kind & 3, "delta_d": (st >> 1 & 7) - 4,
                    "tabs": bool(st & 16)}
    return d, data[i:]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--alloc", action="store_true")
    ap.add_argument("--body-out")
    a = ap.parse_args()
    data = open(a.file, "rb").read()
    if a.alloc:
        k = struct.unpack("<H", data[:2].ljust(2, b"\0"))[0]
        mode = data[2] if len(data) > 2 else 0
        print("alloc: k=%d mode=%d (%s, %s)" % (k, mode, "every later one fails" if mode & 1 else "one fails",
                                                  "streaming" if mode & 2 else "poxauth_parse"))
        data = data[3:]
    d, body = decode(data)
    for k, v in d.items():
        print("%s: %r" % (k, v))
    print("body (%d bytes): %r" % (len(body), body[:400]))
    if a.body_out:
        open(a.body_out, "wb").write(body)


if __name__ == "__main__":
    sys.exit(main())
