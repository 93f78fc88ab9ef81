# SPDX-License-Identifier: MIT
"""Groups value/, translated/, type/, identity/ and header/."""

from case import Case
from model import Auth, Doc, Proto, auth_text, translated_words, TRANSLATED
from xmlgen import NS_A, NS_R, settings_xml, exch, expr, proto_xml, DECL

ALL_VALUES = ("basic", "kerb", "kerbntlm", "ntlm", "certificate", "negotiate",
              "nego2", "anonymous")
# How Exchange itself spells them on the wire (Ntlm, Negotiate, Basic,
# Anonymous seen; the rest follow the same capitalisation).
EXCHANGE_SPELLING = {"basic": "Basic", "kerb": "Kerb", "kerbntlm": "KerbNtlm",
                     "ntlm": "Ntlm", "certificate": "Certificate",
                     "negotiate": "Negotiate", "nego2": "Nego2",
                     "anonymous": "Anonymous"}
NEG = ["Negotiate"]


def value_case(slug, title, auth, tags, rules=("VAL-2",), source="SPEC.md VAL-1 to VAL-3",
               can_handle=NEG, ptype="EXPR"):
    p = Proto(ptype, auths=[auth])
    return Case("value/" + slug, title, settings_xml([exch("73C083E3"), p]),
                doc=Doc([exch("73C083E3"), p]), rules=rules, tags=["value"] + tags,
                source=source, can_handle=can_handle)


def value_cases():
    out = []
    for v in ALL_VALUES:
        src = ("SPEC.md PRO-1, VAL-2 ([AP] and [OXDSCLI])" if v not in ("nego2", "anonymous")
               else "SPEC.md PRO-1, PRO-3 (%s only)" % ("[AP]" if v == "nego2" else "[OXDSCLI]"))
        extra = ["PRO-1"] if v in ("nego2", "anonymous") else []
        spellings = [
            ("lower", "doc spelling, lowercase", v, ["lowercase"]),
            ("exchange", "Exchange spelling", EXCHANGE_SPELLING[v], ["case"]),
            ("upper", "upper case", v.upper(), ["case"]),
            ("mixed", "mixed case", "".join(ch.upper() if i % 2 else ch for i, ch in enumerate(v)), ["case"]),
            ("spaces", "padded with spaces", "  " + v + "  ", ["trim"]),
            ("newlines", "padded with newlines and indentation", "\n          " + v + "\n        ", ["trim"]),
            ("tabs-crlf", "padded with tabs and CRLF", "\t\r\n" + v + "\r\n\t", ["trim"]),
            ("exchange-padded", "Exchange spelling padded", " " + EXCHANGE_SPELLING[v] + "\n", ["case", "trim"]),
        ]
        for slug, what, text, tags in spellings:
            out.append(value_case("%s-%s" % (v, slug), "%s, %s" % (v, what), auth_text(text),
                                  tags + [v], rules=["VAL-1", "VAL-2", "VAL-3"] + extra, source=src))
    # The shapes of the element itself.
    shapes = [
        ("empty", "empty element", Auth("", ""), ["empty"]),
        ("self-closing", "self-closing element", Auth("", "", selfclose=True), ["empty"]),
        ("whitespace-only", "only white space", auth_text("  \n  "), ["empty", "trim"]),
        ("cdata", "value in CDATA", Auth("<![CDATA[ntlm]]>", "ntlm"), ["cdata"]),
        ("cdata-padded", "CDATA with spaces inside", Auth("<![CDATA[ Negotiate ]]>", " Negotiate "), ["cdata", "trim", "case"]),
        ("cdata-split", "value split over text and CDATA", Auth("ker<![CDATA[bnt]]>lm", "kerbntlm"), ["cdata"]),
        ("charref-decimal", "character references, decimal", Auth("&#110;&#116;&#108;&#109;", "ntlm"), ["charref"]),
        ("charref-hex", "character reference, hex, upper N", Auth("&#x4E;tlm", "Ntlm"), ["charref", "case"]),
        ("charref-space", "a space written as a reference is still trimmed", Auth("&#32;basic&#x20;", " basic "), ["charref", "trim"]),
        ("charref-nbsp", "no-break space is not XML white space", Auth("&#160;basic", "\u00a0basic"), ["charref", "unknown"]),
        ("predefined-entity", "predefined entity in an unknown value", Auth("ntlm&amp;basic", "ntlm&basic"), ["charref", "unknown"]),
        ("comment-inside", "comment inside the value", Auth("ne<!--x-->gotiate", "negotiate"), ["comment"]),
        ("comment-around", "comments around the value", Auth("<!-- a -->ntlm<!-- b -->", "ntlm"), ["comment"]),
        ("pi-inside", "processing instruction inside the value", Auth("ba<?pi x?>sic", "basic"), ["pi"]),
        ("child-element", "a child element after the text", Auth("ntlm<Extra/>", "ntlm", children=True), ["children"]),
        ("child-holds-value", "the value only inside a child element", Auth("<Value>ntlm</Value>", "", children=True), ["children", "empty"]),
        ("child-indented", "child element with indentation", Auth("\n  <b>basic</b>\n", "\n  \n", children=True), ["children", "empty"]),
        ("child-and-text", "text both sides of a child", Auth("ne<i>x</i>gotiate", "negotiate", children=True), ["children"]),
        ("attribute", "an attribute on AuthPackage is ignored", Auth("ntlm", "ntlm", attrs=' xml:lang="en"'), ["attribute"]),
        ("unknown-word", "an unknown word", auth_text("digest"), ["unknown"]),
        ("unknown-list", "a list of values is not a value", auth_text("Ntlm, Negotiate"), ["unknown"]),
        ("unknown-inner-space", "a value with a space inside", auth_text("kerb ntlm"), ["unknown"]),
        ("unknown-prefix", "a value with a suffix", auth_text("ntlmv2"), ["unknown"]),
        ("unknown-kelvin", "KELVIN SIGN does not fold to k (ASCII-only case folding)", auth_text("\u212aerb"), ["unknown", "case"]),
        ("unknown-dotted-i", "Turkish dotless i does not fold to i", auth_text("kerbntlm".replace("i", "\u0131") + "\u0131"), ["unknown"]),
        ("unknown-fullwidth", "full-width letters are not the value", auth_text("\uff4e\uff54\uff4c\uff4d"), ["unknown"]),
        ("unknown-ideographic-space", "ideographic space is not XML white space", auth_text("\u3000ntlm"), ["unknown"]),
        ("unknown-long", "a long unknown value within the text limit", auth_text("x" * 4096), ["unknown", "limit", "boundary"]),
    ]
    for slug, title, auth, tags in shapes:
        out.append(value_case(slug, title, auth, tags, rules=["VAL-1"]))
    # Two AuthPackage elements in one Protocol, and AuthPackage before Type.
    two = [
        ("duplicate-same", "two AuthPackage, same value", [auth_text("ntlm"), auth_text("ntlm")]),
        ("duplicate-first-wins", "two AuthPackage, the first wins", [auth_text("Ntlm"), auth_text("basic")]),
        ("duplicate-loser-negotiate", "the losing negotiate gets no version finding",
         [auth_text("ntlm"), auth_text("negotiate")]),
        ("duplicate-loser-unknown", "the losing unknown value gets no finding", [auth_text("basic"), auth_text("marche")]),
        ("duplicate-winner-empty", "an empty first AuthPackage still wins", [Auth("", "", selfclose=True), auth_text("ntlm")]),
        ("duplicate-three", "three AuthPackage, one value-duplicate per extra element (property test find)",
         [auth_text("ntlm"), auth_text("basic"), auth_text("negotiate")]),
    ]
    for slug, title, auths in two:
        p = Proto("EXPR", auths=auths)
        out.append(Case("value/" + slug, title, settings_xml([p]), doc=Doc([p]),
                        rules=["VAL-8"], tags=["value", "duplicate"], can_handle=None))
    for v in ("ntlm", "Negotiate"):
        p = Proto("EXPR", auths=[auth_text(v)], auth_first=True)
        out.append(Case("value/before-type-" + v.lower(), "AuthPackage before Type (%s)" % v,
                        settings_xml([p]), doc=Doc([p]), rules=["VAL-1", "TYP-1"],
                        tags=["value", "order"], source="SPEC.md TYP-1, VAL-1 (element order varies on the wire)",
                        can_handle=["Negotiate"]))
    p = Proto("EXPR", auths=[auth_text("ntlm"), auth_text("basic")], auth_first=True)
    out.append(Case("value/duplicate-before-type", "two AuthPackage before Type", settings_xml([p]),
                    doc=Doc([p]), rules=["VAL-8", "TYP-1"], tags=["value", "duplicate", "order"]))
    p = Proto("EXPR")
    out.append(Case("value/absent", "no AuthPackage element", settings_xml([p]), doc=Doc([p]),
                    rules=["VAL-9"], tags=["value", "absent"], source="[OXDSCLI] optional element"))
    return out


def translated_cases():
    out = []
    lang_of = {}
    for lang, words in TRANSLATED.items():
        for w in words:
            lang_of.setdefault(w, lang)
    for n, w in enumerate(translated_words(), 1):
        lang = lang_of[w]
        slug = "%s-%02d" % (lang, n)
        p = Proto("EXPR", auths=[auth_text(w)])
        out.append(Case("translated/" + slug, "translated doc word %r (%s)" % (w, lang),
                        settings_xml([p]), doc=Doc([p]), rules=["VAL-4", "VAL-5"],
                        tags=["value", "translated", "lang-" + lang],
                        source="SPEC.md VAL-5 and section 18 ([AP] localized editions)"))
    for slug, text in (("padded-upper", "  MARCHE \n"), ("lower-of-capital", "trottoir"),
                       ("upper-ntml", "ntml")):
        p = Proto("EXPR", auths=[auth_text(text)])
        out.append(Case("translated/" + slug, "translated word matched after trimming, ASCII case folded: %r" % text,
                        settings_xml([p]), doc=Doc([p]), rules=["VAL-5"],
                        tags=["value", "translated", "trim", "case"],
                        source="SPEC.md VAL-5"))
    # Non-ASCII letters do not fold: NÉGOCIER is not négocier.
    p = Proto("EXPR", auths=[auth_text("N\u00c9GOCIER")])
    out.append(Case("translated/non-ascii-no-fold", "non-ASCII capitals do not fold to a translated word",
                    settings_xml([p]), doc=Doc([p]), rules=["VAL-4", "VAL-5"],
                    tags=["value", "translated", "case"], source="SPEC.md VAL-5"))
    # The mangled Type words are unknown Types, not findings.
    for n, t in enumerate(("EXPRESIÓN", "ARGUMENT", "ВЫРАЖЕНИЕ", "引数", "表达式", "AUSDR",
                           "HTTP", "ексхттп"), 1):
        p = Proto(t, auths=[auth_text("ntlm")])
        out.append(Case("translated/type-%02d" % n, "translated Type word %r is an unknown Type" % t,
                        settings_xml([p]), doc=Doc([p]), rules=["TYP-2", "TYP-4"],
                        tags=["type", "translated"], source="SPEC.md TYP-2 ([TYPE] localized editions)"))
    # Translated header tokens are not tokens.
    for n, h in enumerate(("Negociar", "Négocier", "Verhandeln", "交渉", "Согласование",
                           "ексхттпинфо"), 1):
        p = Proto("EXPR", auths=[auth_text("negotiate")])
        out.append(Case("translated/header-%02d" % n, "translated header token %r is no token" % h,
                        settings_xml([exch("73C083E3"), p]), doc=Doc([exch("73C083E3"), p]),
                        rules=["HDR-2", "VER-1"], tags=["header", "translated"],
                        source="SPEC.md HDR-2 ([REQ] localized editions)", can_handle=[h]))
    return out


TYPES = [
    ("exch", "EXCH", None), ("expr", "EXPR", None), ("exhttp", "EXHTTP", None),
    ("web", "WEB", None), ("pop3", "POP3", None), ("imap", "IMAP", None),
    ("smtp", "SMTP", None), ("mapihttp-attr", None, "mapiHttp"),
    ("unknown", "EXCHANGE", None), ("unknown-mobilesync", "MobileSync", None),
    ("case-exch", "exch", None), ("case-exhttp", "ExHttp", None), ("case-expr", "Expr", None),
    ("case-mapihttp-attr", None, "MAPIHTTP"), ("case-web", "web", None),
    ("missing", None, None), ("empty-child", "", None), ("padded", "  EXPR\n", None),
]


def type_cases():
    out = []
    for slug, child, attr in TYPES:
        for vslug, value in (("ntlm", "ntlm"), ("nego2", "nego2"), ("anonymous", "Anonymous"),
                             ("absent", None)):
            p = Proto(child, type_attr=attr, auths=[] if value is None else [auth_text(value)])
            out.append(Case("type/%s-%s" % (slug, vslug),
                            "Type %s with %s" % (child if child is not None else
                                                 ("attribute " + attr if attr else "missing"),
                                                 value or "no AuthPackage"),
                            settings_xml([p]), doc=Doc([p]), rules=["TYP-1", "TYP-4", "PRO-2"],
                            tags=["type"] + (["mapihttp"] if attr else []),
                            source="SPEC.md TYP-1 to TYP-4 ([PROT], [TYPE], [AP])",
                            can_handle=["ExHttpInfo"]))
    # The Type child wins over the attribute.
    for slug, title, p in (
        ("empty-child-beats-attribute", "an empty Type child wins over the attribute: missing",
         Proto("", type_attr="mapiHttp", auths=[auth_text("ntlm")])),
        ("second-type-ignored", "a second Type child is ignored",
         Proto("EXPR", auths=[auth_text("ntlm")], extra="        <Type>WEB</Type>\n")),
        ("second-type-after-missing", "the first Type child decides even when empty",
         Proto("  ", auths=[auth_text("ntlm")], extra="        <Type>EXPR</Type>\n"))):
        out.append(Case("type/" + slug, title, settings_xml([p]), doc=Doc([p]), rules=["TYP-1", "TYP-3"],
                        tags=["type"], source="SPEC.md TYP-1"))
    p = Proto("EXPR", type_attr="mapiHttp", auths=[auth_text("ntlm")])
    out.append(Case("type/child-wins-over-attribute", "Type child wins over the Type attribute",
                    settings_xml([p]), doc=Doc([p]), rules=["TYP-1"], tags=["type", "mapihttp"],
                    source="SPEC.md TYP-1"))
    return out


def identity_cases():
    out = []
    A, R = NS_A, NS_R
    # Nested Protocols inside Internal/External never count.
    nested_int = ("        <Internal>\n          <OWAUrl AuthenticationMethod=\"Ntlm\">https://mail.contoso.com/owa/</OWAUrl>\n"
                  "          <Protocol>\n            <Type>EXPR</Type>\n            <AuthPackage>negotiate</AuthPackage>\n"
                  "            <ASUrl>https://mail.contoso.com/EWS/Exchange.asmx</ASUrl>\n          </Protocol>\n        </Internal>\n")
    nested_ext = nested_int.replace("Internal", "External").replace("EXPR", "EXHTTP").replace("negotiate", "kerb")
    for slug, extra in (("nested-internal", nested_int), ("nested-external", nested_ext),
                        ("nested-both", nested_int + nested_ext)):
        web = Proto("WEB", extra=extra)
        out.append(Case("identity/" + slug, "a Protocol nested in %s does not count" % slug.split("-")[1],
                        settings_xml([exch("73C08204"), web]), doc=Doc([exch("73C08204"), web]),
                        rules=["IDN-1"], tags=["nested"], source="SPEC.md IDN-1 ([HOWTO] sample)"))
    # Only the direct-child AuthPackage counts.
    deep = Proto("EXPR", extra="        <Internal>\n          <AuthPackage>negotiate</AuthPackage>\n        </Internal>\n")
    out.append(Case("identity/authpackage-in-internal", "an AuthPackage below Internal is not the Protocol's",
                    settings_xml([deep]), doc=Doc([deep]), rules=["IDN-1", "IDN-2"], tags=["nested"]))
    # Elements in other namespaces are not ours.
    for slug, title, p, shown in (
        ("authpackage-other-namespace", "AuthPackage in another namespace is not AuthPackage",
         Proto("EXPR", extra='        <AuthPackage xmlns="urn:example:other">negotiate</AuthPackage>\n'),
         Proto("EXPR")),
        ("authpackage-no-namespace", "AuthPackage in no namespace is not AuthPackage",
         Proto("EXPR", extra='        <AuthPackage xmlns="">negotiate</AuthPackage>\n'), Proto("EXPR")),
        ("type-other-namespace", "Type in another namespace is not Type",
         Proto(None, auths=[auth_text("ntlm")],
               extra='        <Type xmlns="urn:example:other">EXPR</Type>\n'), None),
        ("protocol-other-namespace", "a Protocol in another namespace does not count",
         Proto("EXPR", auths=[auth_text("ntlm")]), None),
    ):
        if slug == "protocol-other-namespace":
            xml = settings_xml([], account_extra=proto_xml(p).replace(
                "<Protocol>", '<Protocol xmlns="urn:example:other">'))
            doc = Doc([])
        else:
            xml = settings_xml([p])
            doc = Doc([shown if shown is not None else p])
        out.append(Case("identity/" + slug, title, xml, doc=doc, rules=["IDN-1"], tags=["namespace"],
                        source="SPEC.md IDN-1"))
    for slug, title, extra in (
        ("authpackage-r-namespace", "an {R}AuthPackage is not AuthPackage",
         '        <AuthPackage xmlns="%s">negotiate</AuthPackage>\n' % R),
        ("authpackage-https-namespace", "AuthPackage in the https:// variant of A",
         '        <AuthPackage xmlns="%s">negotiate</AuthPackage>\n' % A.replace("http://", "https://"))):
        p = Proto("EXPR", extra=extra)
        out.append(Case("identity/" + slug, title, settings_xml([p]), doc=Doc([Proto("EXPR")]),
                        rules=["IDN-1"], tags=["namespace"], source="SPEC.md IDN-1"))
    qattr = settings_xml([], account_extra=(
        '      <Protocol xmlns:a="%s" a:Type="mapiHttp" Version="1">\n        <AuthPackage>ntlm</AuthPackage>\n'
        "      </Protocol>\n" % A))
    out.append(Case("identity/type-attribute-qualified", "a namespace-qualified Type attribute is not the Type",
                    qattr, doc=Doc([Proto(None, auths=[auth_text("ntlm")])]), rules=["TYP-1", "IDN-1"],
                    tags=["type", "mapihttp", "namespace"], source="SPEC.md TYP-1 (unqualified attribute)"))
    # Prefixes do not matter, namespaces do.
    pre = (DECL + '<ad:Autodiscover xmlns:ad="%s" xmlns:o="%s">\n  <o:Response>\n    <o:Account>\n'
           "      <o:Action>settings</o:Action>\n      <o:Protocol>\n        <o:Type>EXPR</o:Type>\n"
           "        <o:AuthPackage>Ntlm</o:AuthPackage>\n      </o:Protocol>\n    </o:Account>\n"
           "  </o:Response>\n</ad:Autodiscover>\n" % (R, A))
    out.append(Case("identity/prefixed", "every element prefixed", pre,
                    doc=Doc([Proto("EXPR", auths=[auth_text("Ntlm")])]), rules=["IDN-1"],
                    tags=["namespace", "prefix"]))
    mixed = (DECL + '<Autodiscover xmlns="%s" xmlns:a="%s">\n  <a:Response>\n    <a:Account>\n'
             "      <a:Action>settings</a:Action>\n      <a:Protocol>\n        <Type xmlns=\"%s\">EXCH</Type>\n"
             "        <a:AuthPackage>kerbntlm</a:AuthPackage>\n      </a:Protocol>\n    </a:Account>\n"
             "  </a:Response>\n</Autodiscover>\n" % (R, A, A))
    out.append(Case("identity/prefix-and-default", "prefixed and default-namespace elements mixed", mixed,
                    doc=Doc([Proto("EXCH", auths=[auth_text("kerbntlm")])]), rules=["IDN-1"],
                    tags=["namespace", "prefix"]))
    # A Protocol directly under Response or User is not Account-level.
    stray = settings_xml([Proto("EXPR", auths=[auth_text("basic")])]).replace(
        "    <User>\n", "    <User>\n      <Protocol>\n        <Type>EXPR</Type>\n"
        "        <AuthPackage>negotiate</AuthPackage>\n      </Protocol>\n")
    out.append(Case("identity/protocol-under-user", "a Protocol under User does not count", stray,
                    doc=Doc([Proto("EXPR", auths=[auth_text("basic")])]), rules=["IDN-1"], tags=["nested"]))
    # Two Accounts: Protocols of both count, in document order.
    two = settings_xml([exch("73C083E3"), expr("Ntlm")]).replace(
        "  </Response>", "    <Account>\n      <AccountType>email</AccountType>\n      <Action>settings</Action>\n"
        + proto_xml(Proto("EXHTTP", auths=[auth_text("Negotiate")])) + "    </Account>\n  </Response>")
    out.append(Case("identity/two-accounts", "Protocols of two Accounts count in order", two,
                    doc=Doc([exch("73C083E3"), expr("Ntlm"), Proto("EXHTTP", auths=[auth_text("Negotiate")])]),
                    rules=["IDN-2"], tags=["account"], can_handle=["Negotiate,ExHttpInfo"]))
    return out


HEADERS = [
    ("absent", None), ("empty", [""]), ("only-spaces", ["   "]), ("only-commas", [",,"]),
    ("negotiate-upper", ["NEGOTIATE"]), ("negotiate-tab", ["\tNegotiate\t"]),
    ("double-comma", ["ExHttpInfo,,Negotiate"]), ("leading-comma", [", Negotiate"]),
    ("trailing-comma", ["Negotiate,"]), ("semicolon", ["Negotiate;q=1"]),
    ("quoted", ['"Negotiate"']), ("prefix", ["Negotiation"]), ("suffix-ex", ["NegotiateEx"]),
    ("other-token-first", ["Foo, Negotiate"]), ("empty-then-negotiate", ["", "Negotiate"]),
    ("negotiate-then-empty", ["Negotiate", ""]), ("three-lines", ["Foo", "Bar", "exhttpinfo"]),
    ("exhttpinfo-lower", ["exhttpinfo"]), ("mapihttp-token", ["X-MapiHttpCapability: 1"]),
    ("tab-separated", ["ExHttpInfo\tNegotiate"]),
]


def header_cases():
    out = []
    for slug, lines in HEADERS:
        protos = [exch("73C083E3"), Proto("EXHTTP"), expr("Negotiate")]
        out.append(Case("header/" + slug, "X-ClientCanHandle %s" % (
            "absent" if lines is None else "lines %r" % lines),
            settings_xml(protos), doc=Doc(protos), rules=["HDR-1", "HDR-2"], tags=["header"],
            source="SPEC.md HDR-1, HDR-2 ([REQ])", can_handle=lines))
    return out


def cases():
    return value_cases() + translated_cases() + type_cases() + identity_cases() + header_cases()
