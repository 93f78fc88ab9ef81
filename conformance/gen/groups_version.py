# SPDX-License-Identifier: MIT
"""Groups version-negotiate/, version-exhttp/ (the matrices of the version
rule) and build/ (where the build comes from and how it is read)."""

from case import Case
from model import Doc, Proto, auth_text, sv_encode
from xmlgen import settings_xml, exch

HEADERS = [
    ("absent", None), ("empty", [""]), ("Negotiate", ["Negotiate"]),
    ("negotiate", ["negotiate"]), ("ExHttpInfo", ["ExHttpInfo"]),
    ("Negotiate-comma-ExHttpInfo", ["Negotiate,ExHttpInfo"]),
    ("Negotiate-comma-space-ExHttpInfo", ["Negotiate, ExHttpInfo"]),
    ("ExHttpInfo-space-Negotiate", ["ExHttpInfo Negotiate"]),
    ("NegotiateEx", ["NegotiateEx"]), ("two-lines", ["Negotiate", "ExHttpInfo"]),
]

# (slug, ServerVersion text or None, context build or None, title)
BUILDS = [
    ("none", None, None, "no build known"),
    ("8.0.647-sv", sv_encode(8, 0, 647), None, "ServerVersion 8.0.647 (the doc example)"),
    ("14.1.218-sv", sv_encode(14, 1, 218), None, "ServerVersion 14.1.218 (Exchange 2010 SP1)"),
    ("15.0.847-sv", sv_encode(15, 0, 847), None, "ServerVersion 15.0.847 (Exchange 2013 SP1)"),
    ("15.0.994-sv", sv_encode(15, 0, 994), None, "ServerVersion 15.0.994"),
    ("15.0.995-sv", sv_encode(15, 0, 995), None, "ServerVersion 15.0.995 (boundary, 3 parts)"),
    ("15.0.995.13-ctx", None, "15.0.995.13", "context build 15.0.995.13"),
    ("15.0.995.14-ctx", None, "15.0.995.14", "context build 15.0.995.14"),
    ("15.1-sv", sv_encode(15, 1, 2507), None, "ServerVersion 15.1.2507 (Exchange 2016)"),
    ("15.20-ctx", None, "15.20", "context build 15.20 (Exchange Online)"),
    ("sv-malformed", "73C083E", None, "malformed ServerVersion (seven digits)"),
]

SRC = "SPEC.md VER-1 to VER-5 ([AP] version differences, [REQ], [SV])"


def negotiate_matrix():
    out = []
    for value in ("negotiate", "ntlm"):
        for hslug, lines in HEADERS:
            for bslug, sv, ctx, btitle in BUILDS:
                # The build comes from the EXCH Protocol: the usual shape,
                # EXCH carries ServerVersion and EXPR the AuthPackage.
                protos = [exch(sv), Proto("EXPR", auths=[auth_text(value)])]
                rules = ["VER-1", "VER-3", "VER-4", "HDR-1", "HDR-2"]
                if ctx:
                    rules.append("VER-7")
                out.append(Case("version-negotiate/%s--%s--%s" % (value, hslug, bslug),
                                "value %s, X-ClientCanHandle %s, %s" % (
                                    value, "absent" if lines is None else repr(lines), btitle),
                                settings_xml(protos), doc=Doc(protos), rules=rules,
                                tags=["version", "header", "build"], source=SRC,
                                can_handle=lines, server_build=ctx))
    return out


def exhttp_matrix():
    out = []
    for hslug, lines in HEADERS:
        for bslug, sv, ctx, btitle in BUILDS:
            # Here the EXHTTP Protocol carries its own ServerVersion.
            protos = [exch(), Proto("EXHTTP", sv=sv, auths=[auth_text("Ntlm")])]
            rules = ["VER-2", "VER-3", "VER-4", "HDR-1", "HDR-2"]
            if ctx:
                rules.append("VER-7")
            out.append(Case("version-exhttp/%s--%s" % (hslug, bslug),
                            "EXHTTP Protocol, X-ClientCanHandle %s, %s" % (
                                "absent" if lines is None else repr(lines), btitle),
                            settings_xml(protos), doc=Doc(protos), rules=rules,
                            tags=["version", "header", "build", "exhttp"], source=SRC,
                            can_handle=lines, server_build=ctx))
    return out


def build_cases():
    out = []
    v995 = sv_encode(15, 0, 995)
    v847 = sv_encode(15, 0, 847)

    def add(slug, title, protos, ctx=None, rules=("VER-3",), tags=("build",), lines=None):
        out.append(Case("build/" + slug, title, settings_xml(protos), doc=Doc(protos),
                        rules=list(rules), tags=["version"] + list(tags), source=SRC,
                        can_handle=lines, server_build=ctx))

    neg = lambda t="EXPR", sv=None: Proto(t, sv=sv, auths=[auth_text("negotiate")])  # noqa: E731
    # Context build syntax: 1 to 4 parts, leading zeros allowed.
    for ctx in ("15", "15.0", "15.0.995", "15.00.0995.014", "15.0.995.014", "15.0.0995.0013",
                "14", "16", "15.0.996.0", "15.0.995.15", "15.1", "15.0.994.999", "0.0.0.0",
                "4294967295.0.0.0", "15.0.1044.25", "14.99.9999.9999", "15.0.994"):
        add("context-" + ctx.replace(".", "_"), "context build %s" % ctx, [exch(), neg()], ctx=ctx,
            rules=["VER-4", "VER-7"], tags=["context"])
    # Where the build comes from.
    add("context-wins-over-serverversion", "the context build wins over ServerVersion",
        [exch(v995), neg(sv=v995)], ctx="15.0.847")
    add("context-wins-active", "the context build wins (active) over an old ServerVersion",
        [exch(sv_encode(8, 0, 647)), neg()], ctx="15.20")
    add("own-wins-over-exch", "the Protocol's own ServerVersion wins over EXCH's",
        [exch(v995), neg(sv=v847)])
    add("own-active-exch-old", "own ServerVersion active, EXCH's old",
        [exch(v847), neg(sv=v995)])
    add("exch-after", "the EXCH Protocol may come after", [neg(), exch(v995)])
    add("exch-first-wellformed", "the first EXCH with a well-formed ServerVersion",
        [exch("bogus"), exch(v847), exch(v995), neg()], tags=["serverversion"])
    add("exch-only-exact-type", "only a Type exactly EXCH gives its build",
        [Proto("exch", sv=v847), neg()], tags=["type"])
    add("other-type-sv-ignored", "ServerVersion of a third Protocol is not used",
        [exch(), Proto("WEB", sv=v847), neg()])
    add("own-malformed-falls-back", "a malformed own ServerVersion falls back to EXCH's",
        [exch(v847), neg(sv="zz")], tags=["serverversion"])
    add("all-malformed-assumed", "malformed everywhere: build assumed",
        [exch("1234567"), neg(sv="123456789")], tags=["serverversion"])
    add("negotiate-under-exch-itself", "negotiate under the EXCH Protocol uses its own build",
        [neg("EXCH", sv=v847)])
    add("negotiate-under-web", "the version rule applies whatever the Type",
        [exch(v995), neg("WEB")], tags=["type"])
    add("negotiate-under-unknown-type", "the version rule applies under an unknown Type",
        [exch(), neg("FOO")], tags=["type"])
    add("exhttp-and-negotiate-assumed-once", "both rules, build assumed once",
        [neg("EXHTTP")], tags=["exhttp"])
    add("exhttp-negotiate-only-token", "EXHTTP negotiate with only the Negotiate token",
        [neg("EXHTTP")], lines=["Negotiate"], tags=["exhttp"])
    add("exhttp-exhttpinfo-only-token", "EXHTTP negotiate with only the ExHttpInfo token",
        [neg("EXHTTP")], lines=["ExHttpInfo"], tags=["exhttp"])
    add("no-rule-needed-no-note", "no build note when no rule needs the build",
        [exch(), Proto("EXPR", auths=[auth_text("basic")])], rules=["VER-5"])
    add("token-given-no-note", "no build note when the token is there",
        [exch(), neg()], lines=["Negotiate"], rules=["VER-5"])
    add("two-negotiate-two-notes", "the note comes once per Protocol",
        [neg(), neg("EXCH")], rules=["VER-5"])
    # ServerVersion syntax.
    for slug, sv in (("lowercase-hex", "73c083e3"), ("padded", "  73C083E3\n"),
                     ("marker-unchecked", "00C083E3"), ("flag-unchecked", "73C003E3"),
                     ("nine-digits", "73C083E30"), ("seven-digits", "73C083E"),
                     ("hex-prefix", "0x73C083E3"), ("empty", ""), ("inner-space", "73C0 83E3"),
                     ("non-hex", "73C083G3"), ("decimal-dotted", "15.0.995.14"),
                     ("fullwidth-digit", "73C083E\uff13")):
        add("serverversion-" + slug, "ServerVersion %r" % sv, [exch(sv), neg()],
            rules=["VER-6", "VER-3"], tags=["serverversion"])
    for slug, sv in (("sv-15.0.516", sv_encode(15, 0, 516)), ("sv-15.63.0", sv_encode(15, 63, 0)),
                     ("sv-16.0.0", sv_encode(16, 0, 0)), ("sv-15.0.32767", "73C0FFFF")):
        add(slug, "ServerVersion %s decoded" % sv, [exch(sv), neg()], rules=["VER-3", "VER-4"],
            tags=["serverversion"])
    return out


def cases():
    return negotiate_matrix() + exhttp_matrix() + build_cases()
