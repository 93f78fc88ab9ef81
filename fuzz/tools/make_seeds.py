#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the hand-made seed corpora under corpus/<target>/ (seed-* files).

Run from anywhere: python3 fuzz/tools/make_seeds.py [--examples DIR]
Seeds are small documents written for this project, plus every *.xml of
a directory of example responses when --examples DIR names one (the
ex-* seeds).  Existing regress-* and
conformance-exported files are left alone; seed-* files are rewritten.
The prefix format is the one of fuzz/fuzz_input.h (fuzz/README.md).
"""
import argparse
import hashlib
import os
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
R = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
A = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"
Q = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"
RS = R.replace("http://", "https://")


def prefix(oxdscli=False, lines=None, build=None, limits=None, chunk=None):
    flags = 1 if oxdscli else 0
    out = b""
    if lines is not None:
        flags |= 2
        out += bytes([len(lines) - 1])
        for l in lines:
            out += bytes([len(l)]) + l
    if build is not None:
        flags |= 4
        out += bytes([len(build)]) + build
    if limits is not None:
        flags |= 8
        out += struct.pack("<5H", *limits)
    if chunk is not None:
        flags |= 16
        out += bytes([chunk])
    return bytes([flags]) + out


def pad_spec(target_a=0, block_a=1, delta_a=0, style=0, target_d=0, block_d=0, delta_d=0, tabs=False):
    """The 6-byte pad spec of flag bit6 (fuzz/fuzz_pad.h)."""
    kind = block_d | block_a << 2 | (delta_a + 4) << 4 | (style & 1) << 7
    st = (style >> 1) | (delta_d + 4) << 1 | (16 if tabs else 0)
    return struct.pack("<HHBB", target_a & 0xffff, target_d & 0xffff, kind, st)


def padded(pre, spec):
    """A prefix from prefix() with the pad flag and spec appended."""
    return bytes([pre[0] | 0x40]) + pre[1:] + spec


# Multi-block seeds: (name, document, marker, options).  The marker's first
# byte lands on a 16 KiB block edge (plus delta), so one small seed yields a
# document of two to four blocks with the interesting bytes at the edges.
MULTIBLOCK = [
    ("type-tag", "settings-basic", b"<Type>", {}),
    ("type-text", "settings-basic", b"XCH</Type>", {"delta_a": -1}),
    ("authpackage-tag", "settings-basic", b"<AuthPackage>", {"style": 1}),
    ("authpackage-text", "settings-basic", b"kerbntlm", {"delta_a": 3, "style": 2}),
    ("serverversion", "settings-basic", b"<ServerVersion>", {"block_a": 2, "style": 3}),
    ("action", "settings-basic", b"<Action>", {"block_a": 3, "tabs": True}),
    ("cdata", "value-markup", b"<![CDATA[", {"delta_a": -2}),
    ("charref", "value-markup", b"&#x4E;", {"delta_a": 1}),
    ("utf8-multibyte", "values-translated", "é".encode(), {"delta_a": 1}),
    ("utf16le-unit", "utf16le", "<AuthPackage>".encode("utf-16-le"), {"delta_a": 1}),
    ("utf16be-unit", "utf16be", "a:Type".encode("utf-16-be"), {"style": 1}),
    ("crlf", "crlf", b"\r\n<Protocol>", {"delta_a": 1}),
    ("decl-encoding", "utf8-bom", b"encoding", {"block_d": 1, "block_a": 2}),
    ("decl-utf16", "utf16le", "encoding".encode("utf-16-le"), {"block_d": 1, "block_a": 0}),
]


def proto(body):
    return "<Protocol>" + body + "</Protocol>"


def settings(protocols, action="settings", decl='<?xml version="1.0" encoding="utf-8"?>'):
    return (decl + '<Autodiscover xmlns="%s"><Response xmlns="%s"><User><DisplayName>A</DisplayName></User>'
            '<Account><AccountType>email</AccountType><Action>%s</Action>%s</Account></Response></Autodiscover>'
            % (R, A, action, "".join(protocols)))


DOCS = {
    "settings-basic": settings([proto("<Type>EXCH</Type><Server>s</Server><ServerVersion>73C083E3</ServerVersion><AuthPackage>kerbntlm</AuthPackage>"),
                                proto("<Type>EXPR</Type><AuthPackage>Negotiate</AuthPackage>"),
                                proto("<Type>WEB</Type><AuthPackage>ntlm</AuthPackage>")]),
    "settings-exhttp": settings([proto("<Type>EXHTTP</Type><AuthPackage>basic</AuthPackage>"),
                                 '<Protocol Type="mapiHttp" Version="1"><MailStore><InternalUrl>u</InternalUrl></MailStore></Protocol>',
                                 proto("<Type>EXCH</Type><ServerVersion>73C0834F</ServerVersion><AuthPackage>anonymous</AuthPackage>")]),
    "values-all": settings([proto("<Type>EXPR</Type><AuthPackage>%s</AuthPackage>" % v)
                            for v in ["basic", "kerb", "kerbntlm", "ntlm", "certificate", "negotiate", "nego2", "anonymous",
                                      "NTLM", "Basic", " ntlm\t", "", "  ", "bogus"]]),
    "values-translated": settings([proto("<Type>EXCH</Type><AuthPackage>%s</AuthPackage>" % v)
                                   for v in ["négociation", "Trottoir", "base", "Kerbtray", "Bordstein", "Verhandeln",
                                             "согласование", "交渉", "协商", "NTML", "证书"]]),
    "value-markup": settings([proto("<Type>EXCH</Type><AuthPackage> <![CDATA[Ne]]>go<!--x-->ti<?pi x?>ate </AuthPackage>"),
                              proto("<Type>EXPR</Type><AuthPackage>&#x4E;tlm&#109;</AuthPackage>"),
                              proto("<Type>EXCH</Type><AuthPackage>ba<b>x</b>sic</AuthPackage><AuthPackage>ntlm</AuthPackage>")]),
    "types": settings([proto("<AuthPackage>ntlm</AuthPackage>"),
                       proto("<Type>exch</Type><AuthPackage>ntlm</AuthPackage>"),
                       proto("<Type> EXPR </Type><Type>WEB</Type><AuthPackage>basic</AuthPackage>"),
                       proto("<Type>IMAP</Type><Server>imap</Server><Port>993</Port><AuthPackage>basic</AuthPackage>"),
                       proto("<Type>SMTP</Type>"), proto("<Type>POP3</Type>"), proto("<Type></Type>"),
                       '<Protocol Type="EXCH"><Type>EXPR</Type><AuthPackage>kerb</AuthPackage></Protocol>',
                       proto("<Type>WEB</Type><Internal><OWAUrl AuthenticationMethod=\"Basic\">u</OWAUrl>"
                             "<Protocol><Type>EXCH</Type><ASUrl>u</ASUrl><AuthPackage>ntlm</AuthPackage></Protocol></Internal>")]),
    "serverversion": settings([proto("<Type>EXCH</Type><ServerVersion>%s</ServerVersion><AuthPackage>negotiate</AuthPackage>" % v)
                               for v in ["72008287", "738180DA", "73C08204", "73c0834f", "73C083E3", " 73C083E4\n",
                                         "0x73C083E3", "15.0.995.29", "73C083E", "73C083E3F", "", "ZZZZZZZZ"]]),
    "prefixed-ns": ('<?xml version="1.0"?><r:Autodiscover xmlns:r="%s" xmlns:a="%s"><a:Response><a:Account>'
                    '<a:Action>settings</a:Action><a:Protocol><a:Type>EXPR</a:Type><a:AuthPackage>ntlm</a:AuthPackage>'
                    '</a:Protocol></a:Account></a:Response></r:Autodiscover>' % (R, A)),
    "error": ('<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="%s"><Response><Error Time="16:42:44.4114773" Id="1054">'
              '<ErrorCode> 600 </ErrorCode><Message>Invalid Request</Message><DebugData /></Error></Response></Autodiscover>' % R),
    "error-account": ('<Autodiscover xmlns="%s"><Response xmlns="%s"><Account><Error><ErrorCode>603</ErrorCode></Error>'
                      '</Account></Response></Autodiscover>' % (R, A)),
    "redirect-addr": settings(["<RedirectAddr>b@example.com</RedirectAddr>"], action="redirectAddr"),
    "redirect-url": settings(["<RedirectUrl>https://x/autodiscover/autodiscover.xml</RedirectUrl>"], action="redirectUrl"),
    "action-unknown": settings([proto("<Type>EXCH</Type><AuthPackage>ntlm</AuthPackage>")], action="Settings"),
    "no-action": '<Autodiscover xmlns="%s"><Response xmlns="%s"><Account></Account><Account><Action>settings</Action></Account></Response></Autodiscover>' % (R, A),
    "no-response": '<Autodiscover xmlns="%s"/>' % R,
    "doctype": '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "ntlm"><!ENTITY b "&e;&e;">]><Autodiscover xmlns="%s">&b;</Autodiscover>' % R,
    "doctype-system": '<!DOCTYPE Autodiscover SYSTEM "http://x/y.dtd"><Autodiscover xmlns="%s"/>' % R,
    "https-ns": '<Autodiscover xmlns="%s"><Response xmlns="%s"/></Autodiscover>' % (RS, A.replace("http://", "https://")),
    "request-ns": '<Autodiscover xmlns="%s"><Request><EMailAddress>a@b</EMailAddress><AcceptableResponseSchema>%s</AcceptableResponseSchema></Request></Autodiscover>' % (Q, A),
    "no-ns": "<Autodiscover><Response/></Autodiscover>",
    "other-root": '<AutoDiscover xmlns="%s"/>' % R,
    "not-wf": '<Autodiscover xmlns="%s"><Response>' % R,
    "unbound-prefix": '<x:Autodiscover/>',
    "trailing": '<Autodiscover xmlns="%s"/><x/>' % R,
    "encoding-bad": '<?xml version="1.0" encoding="EBCDIC"?><Autodiscover xmlns="%s"/>' % R,
    "whitespace": " \n\t ",
    "nesting": '<Autodiscover xmlns="%s">' % R + "<a>" * 40 + "</a>" * 40 + "</Autodiscover>",
    "many-protocols": settings([proto("<Type>EXPR</Type><AuthPackage>ntlm</AuthPackage>")] * 70),
    "long-text": settings([proto("<Type>EXPR</Type><AuthPackage>" + "n" * 5000 + "</AuthPackage>")]),
    # Coverage holes (ci/fuzz-coverage.sh): more text after the text limit
    # was crossed, three AuthPackages in one Protocol, an over-long Type
    # attribute, the root in the https Outlook namespace, a namespace long
    # enough that the message quoting it is cut.
    "long-text-more": settings([proto("<Type>EXPR</Type><AuthPackage>" + "n" * 5000 + "&amp;x<!--c-->y</AuthPackage>")]),
    "three-authpackages": settings([proto("<Type>EXCH</Type><AuthPackage>ntlm</AuthPackage>"
                                          "<AuthPackage>negotiate</AuthPackage><AuthPackage>basic</AuthPackage>")]),
    "type-attr-long": settings(['<Protocol Type="' + "A" * 5000 + '"><AuthPackage>ntlm</AuthPackage></Protocol>']),
    "root-a-https": '<Autodiscover xmlns="%s"/>' % A.replace("http://", "https://"),
    "root-long-ns": '<Autodiscover xmlns="urn:%s"/>' % ("x" * 600),
    "long-text-child": settings([proto("<Type>EXPR</Type><AuthPackage>" + "n" * 5000 + "<b>x</b></AuthPackage>")]),
}
BINARY_DOCS = {
    "empty": b"",
    "bom-only": b"\xef\xbb\xbf",
    "utf8-bom": b"\xef\xbb\xbf" + DOCS["settings-basic"].encode(),
    "utf16le": b"\xff\xfe" + DOCS["settings-basic"].replace("utf-8", "UTF-16").encode("utf-16-le"),
    "utf16be": b"\xfe\xff" + DOCS["prefixed-ns"].encode("utf-16-be"),
    "utf16-nobom": DOCS["error"].replace("utf-8", "utf-16").encode("utf-16-le"),
    "latin1": settings([proto("<Type>EXCH</Type><AuthPackage>négociation</AuthPackage>")],
                       decl='<?xml version="1.0" encoding="ISO-8859-1"?>').encode("latin-1"),
    "ascii": settings([proto("<Type>EXCH</Type><AuthPackage>ntlm</AuthPackage>")],
                      decl='<?xml version="1.0" encoding="US-ASCII"?>').encode(),
    "utf16be-doctype": b"\xfe\xff" + ('<?xml version="1.0"?>\n<!DOCTYPE Autodiscover>\n<Autodiscover xmlns="%s"/>' % R).encode("utf-16-be"),
    "bad-utf8": settings([proto("<Type>EXCH</Type><AuthPackage>ntlm\xff</AuthPackage>")]).encode("latin-1"),
}

CONTEXTS = [
    ("pox", prefix()),
    ("oxdscli", prefix(oxdscli=True)),
    ("hdr-neg", prefix(lines=[b"Negotiate, ExHttpInfo"])),
    ("hdr-empty", prefix(oxdscli=True, lines=[b""])),
    ("hdr-lines", prefix(lines=[b"negotiate", b"\tEXHTTPINFO ,", b"NegotiateEx"])),
    ("build-old", prefix(build=b"15.0.847")),
    ("build-new", prefix(build=b"15.00.0995.014", lines=[b"ExHttpInfo"])),
    ("build-bad", prefix(build=b"15..0")),
    ("limits", prefix(limits=(4000, 8, 50, 3, 16))),
    ("chunk1", prefix(chunk=0)),
    ("chunk7", prefix(oxdscli=True, chunk=3)),
    ("chunk-rand", prefix(lines=[b"Negotiate"], build=b"15", chunk=0xC6)),
]


def write(dirname, name, data):
    d = os.path.join(ROOT, "corpus", dirname)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + name), "wb") as f:
        f.write(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--examples", default=None, help="a directory of example responses (*.xml)")
    args = ap.parse_args()
    docs = {k: v.encode("utf-8") for k, v in DOCS.items()}
    docs.update(BINARY_DOCS)
    if args.examples and os.path.isdir(args.examples):
        for fn in sorted(os.listdir(args.examples)):
            if fn.endswith(".xml"):
                with open(os.path.join(args.examples, fn), "rb") as f:
                    docs["ex-" + fn[:-4]] = f.read()
    for d in ["poxauth_fuzzer", "poxauth_stream_fuzzer", "poxauth_alloc_fuzzer", "poxauth_header_fuzzer",
              "poxauth_build_fuzzer", "poxauth_canon_fuzzer"]:
        p = os.path.join(ROOT, "corpus", d)
        if os.path.isdir(p):
            for fn in os.listdir(p):
                # Without --examples the ex-* seeds made from them stay.
                if fn.startswith("seed-") and (args.examples or not fn.startswith("seed-ex-")):
                    os.unlink(os.path.join(p, fn))
    n = 0
    for i, (name, doc) in enumerate(sorted(docs.items())):
        # Every document with the plain context, and a rotating extra one.
        write("poxauth_fuzzer", name, prefix() + doc)
        cname, cpre = CONTEXTS[1 + i % (len(CONTEXTS) - 1)]
        write("poxauth_fuzzer", name + "." + cname, cpre + doc)
        n += 2
        if len(doc) < 4096:
            write("poxauth_stream_fuzzer", name, CONTEXTS[i % len(CONTEXTS)][1] + doc)
            # alloc: 2-byte k, mode byte, then the main format
            write("poxauth_alloc_fuzzer", name, struct.pack("<HB", (i * 7919) & 0xffff, i & 3) + prefix() + doc)
    for cname, cpre in CONTEXTS:
        write("poxauth_fuzzer", "ctx-" + cname, cpre + docs["settings-basic"])
    # Every allocation failing in turn (k = 0..47, both modes), on a
    # document that reaches the rules: the out-of-memory paths of the
    # parser, the result and the rules.
    for k in range(48):
        for mode in (0, 2):
            write("poxauth_alloc_fuzzer", "oom-k%02d-m%d" % (k, mode),
                  struct.pack("<HB", k, mode) + prefix(lines=[b"Negotiate"], build=b"15.0.995.14") + docs["settings-exhttp"])
    # A document complete before max_input_bytes, with bytes after the
    # limit: the cut falls in the trailing misc.
    whole = docs["settings-basic"]
    write("poxauth_fuzzer", "complete-before-limit",
          prefix(limits=(len(whole) + 8, 0, 0, 0, 0)) + whole + b"\n<!-- " + b"t" * 64 + b" -->\n")
    write("poxauth_fuzzer", "type-attr-over-limit",
          prefix(limits=(0, 0, 0, 0, 16)) + docs["type-attr-long"])
    docs["crlf"] = docs["settings-basic"].replace(b"><", b">\r\n<")
    for i, (name, doc, marker, kw) in enumerate(MULTIBLOCK):
        body = docs[doc]
        at = body.find(marker)
        assert at >= 0, (name, marker)
        if kw.get("block_d"):
            kw = dict(kw, target_d=at)
        spec = pad_spec(target_a=at, **kw)
        cname, cpre = CONTEXTS[i % len(CONTEXTS)]
        write("poxauth_fuzzer", "mb-" + name, padded(cpre, spec) + body)
        write("poxauth_stream_fuzzer", "mb-" + name, padded(CONTEXTS[(i + 3) % len(CONTEXTS)][1], spec) + body)
    for i, h in enumerate([b"Negotiate", b"Negotiate, ExHttpInfo", b"negotiate\nEXHTTPINFO", b"Negotiate ExHttpInfo",
                           b"NegotiateEx", b"Negotiate;q=1", b"\t ,,", b"", b"N\xc3\xa9gocier, Negociar",
                           b"ExHttpInfo\n\nNEGOTIATE\t", b"a,b,c,d\ne\nf\ng\nh"]):
        write("poxauth_header_fuzzer", "%02d" % i, h)
    for i, b in enumerate([b"15.0.995.14", b"15.00.0995.014", b"15", b"15.0.995", b"15.0.995.13", b"16",
                           b"14.3.123.4", b"4294967295.4294967295.4294967295.4294967295", b"4294967296",
                           b"15.", b".15", b"15..0", b"v15", b"15.0.995.14.1", b"+15", b" 15",
                           b"73C083E3", b"73c083e3", b" 73C0834F\n", b"0x73C083E3", b"738180DA", b"72008287",
                           b"73C083E", b"\x04\x0f\x00\x00\x00\x00\x00\x00\x00\xe3\x03\x00\x00\x0e\x00\x00\x00"]):
        write("poxauth_build_fuzzer", "%02d" % i, b)
    canon = [
        "poxauth-canonical 1\nkind settings\nprotocol 0 EXCH kerbntlm yes\nprotocol 1 EXPR negotiate yes\n"
        "protocol 2 WEB ntlm no\nfinding 1 negotiate-unrequested violation\nfinding 1 value-case note\n"
        "finding 2 not-applicable note\nend\n",
        "poxauth-canonical 1\nreject doctype\nend\n",
        "poxauth-canonical 1\nreject limit depth\nend\n",
        "poxauth-canonical 1\nkind error 600\nend\n",
        "poxauth-canonical 1\nkind error -\nend",
        "poxauth-canonical 1\nkind other\nfinding - response-missing violation\nend\n",
        "poxauth-canonical 1\r\nkind settings\r\nprotocol 0 Exch%20Online unknown no\r\nprotocol 1 %2D absent no\r\n"
        "finding 0 type-missing violation\r\nfinding 0 value-unknown violation\r\nend\r\n",
        "poxauth-canonical 1\nkind redirectAddr\nend\n",
        "poxauth-canonical 2\nkind settings\nend\n",
        "poxauth-canonical 1\nprotocol 0 EXCH ntlm yes\nend\n",
    ]
    for i, c in enumerate(canon):
        write("poxauth_canon_fuzzer", "%02d" % i, c.encode())
    print("seeds written under %s/corpus" % ROOT)


if __name__ == "__main__":
    sys.exit(main())
