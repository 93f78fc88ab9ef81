# SPDX-License-Identifier: MIT
"""Hypothesis strategies for proptest.py: random response descriptions.

Every node of a description knows by construction what it is for SPEC.md
(an Account-level Protocol, a nested Protocol that IDN-1 ignores, the
first Action, ...), and knows its own text as XML parsing decodes it.  The
writer walks the description in document order and records those facts in
a model.Doc, so the expectation comes from model.evaluate, the same reading
of SPEC.md that writes the golden cases; nothing here reads the XML back.
"""

import random
import zlib

from hypothesis import strategies as st

import model
from xmlgen import NS_A, NS_R

NS_A_HTTPS = NS_A.replace("http://", "https://")
NS_R_HTTPS = NS_R.replace("http://", "https://")
NS_M = "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006"
NS_Q = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"
NS_X = "urn:example:foreign"

ALL_VALUES = ("basic", "kerb", "kerbntlm", "ntlm", "certificate", "negotiate",
              "nego2", "anonymous")
UNKNOWN_WORDS = ("digest", "ntl", "ntlmv2", "kerb ntlm", "Ntlm, Negotiate", "-",
                 "\u212aerb", "\u00a0basic", "\uff4e\uff54\uff4c\uff4d", "NÉGOCIER",
                 "k", "negotiat", "basic2", "%", "a&b", "x<y")
TYPE_WORDS = model.KNOWN_TYPES + ("NNTP", "Exchange", "EXPRESIÓN", "-", "Exch Online",
                                  "EX", "EXCHANGE", "mapi")
WS = " \t\r\n"


def ascii_upper(s):
    return "".join(chr(ord(c) - 32) if "a" <= c <= "z" else c for c in s)


# ---- text as written: the decoded text is known, the spelling is drawn

@st.composite
def spelled(draw, text, markup=False, cdata=True):
    """XML content whose character data decodes to `text`.  markup: comments
    and PIs may split it (AuthPackage, VAL-1); they are never put inside
    Type, ServerVersion, Action or ErrorCode, whose rule says nothing of
    them."""
    out = []
    i = 0
    while i < len(text):
        c = text[i]
        how = draw(st.sampled_from(("plain", "plain", "plain", "dec", "hex", "cdata"))
                   if cdata else st.sampled_from(("plain", "plain", "dec", "hex")))
        if c == "\r":
            how = draw(st.sampled_from(("dec", "hex")))  # a literal CR is a line end
        if how == "cdata" and c not in ">":
            n = draw(st.integers(1, 4))
            run = ""
            while i < len(text) and len(run) < n and text[i] not in "\r>":
                run += text[i]
                i += 1
            out.append("<![CDATA[%s]]>" % run.replace("\n", draw(st.sampled_from(("\n", "\r\n")))))
        elif how in ("dec", "hex"):
            out.append("&#%d;" % ord(c) if how == "dec" else "&#x%X;" % ord(c))
            i += 1
        else:
            if c == "\n":
                out.append(draw(st.sampled_from(("\n", "\r\n"))))
            else:
                out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;"}.get(c, c))
            i += 1
        if markup and rare(draw, 10):
            out.append(draw(st.sampled_from(("<!---->", "<!-- x -->", "<?pi x?>", "<?p?>"))))
    if markup and rare(draw, 6):
        out.insert(0, "<!-- c -->")
    return "".join(out)


def attr_spelled(text):
    """An attribute value: literal TAB, CR and LF would become spaces."""
    return "".join({"&": "&amp;", "<": "&lt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;",
                    "\r": "&#13;"}.get(c, c) for c in text)


padding = st.text(alphabet=WS, max_size=3)


def rare(draw, n):
    """True one time in n; shrinks to False, so that a shrunk case keeps
    only the features the failure needs."""
    return draw(st.integers(0, n - 1)) == n - 1


@st.composite
def recased(draw, word):
    how = draw(st.sampled_from(("keep", "keep", "lower", "upper", "title", "mixed")))
    if how == "lower":
        return word.lower()
    if how == "upper":
        return draw(st.sampled_from((word.upper(), ascii_upper(word))))
    if how == "title":
        return word[:1].upper() + word[1:]
    if how == "mixed":
        flips = draw(st.lists(st.booleans(), min_size=len(word), max_size=len(word)))
        return "".join(ascii_upper(c) if f else c for c, f in zip(word, flips))
    return word


@st.composite
def value_text(draw):
    base = draw(st.one_of(st.sampled_from(ALL_VALUES), st.sampled_from(ALL_VALUES),
                          st.sampled_from(list(model.translated_words())),
                          st.sampled_from(UNKNOWN_WORDS),
                          st.text(alphabet="abcknt NEÉ", max_size=6)))
    return draw(padding) + draw(recased(base)) + draw(padding)


@st.composite
def type_text(draw):
    return draw(padding) + draw(recased(draw(st.sampled_from(TYPE_WORDS)))) + draw(padding)


@st.composite
def server_version(draw):
    if rare(draw, 4):
        return draw(st.sampled_from(("", "73C083E", "73C083E30", "0x73C083E3", "15.0.995.29",
                                     "73C0 83E3", "73C083G3", "７3C083E3")))
    major = draw(st.sampled_from((8, 14, 15, 15, 15, 16, 63)))
    minor = draw(st.sampled_from((0, 0, 1, 63)))
    build = draw(st.sampled_from((0, 516, 847, 994, 995, 996, 1044, 32767)))
    v = (draw(st.integers(0, 15)) << 28 | major << 22 | minor << 16
         | draw(st.integers(0, 1)) << 15 | build)
    hexs = "%08X" % v
    return draw(padding) + (hexs.lower() if draw(st.booleans()) else hexs) + draw(padding)


# ---- the description: typed nodes

class El:
    """An element to write: namespace (None: none), local name, attributes
    (name, value, namespace or None), children (El or str content)."""

    def __init__(self, ns, local, children=(), attrs=(), fact=None):
        self.ns, self.local = ns, local
        self.children = list(children)
        self.attrs = list(attrs)
        self.fact = fact  # what the element is for the model, see Writer


def foreign(draw_text="x"):
    return El(NS_X, "Extension", [El(NS_X, "Value", [draw_text])])


@st.composite
def distractor(draw, in_a_scope=True):
    """Something SPEC.md says is skipped (IDN-1): unknown or foreign
    elements, comments and PIs, Protocols that are not Account-level."""
    k = draw(st.integers(0, 6))
    if k == 0:
        return foreign(draw(st.sampled_from(("x", "ntlm", ""))))
    if k == 1:
        return "<!-- %s -->" % draw(st.sampled_from(("note", "AuthPackage ntlm", "")))
    if k == 2:
        return "<?poxauth-test data?>"
    if k == 3:  # a nested Protocol and its content are ignored
        inner = El(NS_A, "Protocol", [El(NS_A, "Type", ["EXCH"]),
                                      El(NS_A, "AuthPackage", ["Negotiate"])])
        return El(NS_A, draw(st.sampled_from(("Internal", "External"))), [inner])
    if k == 4:  # the right local names in no namespace or another one
        ns = draw(st.sampled_from((None, NS_R, NS_A_HTTPS, NS_X)))
        return El(ns, "Protocol", [El(ns, "Type", ["EXPR"]), El(ns, "AuthPackage", ["basic"])])
    if k == 5:
        return El(NS_A, "Server", ["mail.contoso.com"])
    return El(NS_A, "Unknown", [El(NS_A, "AuthPackage", ["ntlm"])])


@st.composite
def auth_package(draw):
    text = draw(value_text()) if draw(st.integers(0, 7)) else draw(st.sampled_from(("", "  ", "\n")))
    children = rare(draw, 6)
    if children:  # own text on both sides of a child; the child's text is not the value
        cut = draw(st.integers(0, len(text)))
        child = El(draw(st.sampled_from((NS_A, NS_X, None))), draw(st.sampled_from(("b", "Value"))),
                   [draw(st.sampled_from(("ntlm", "", " x ")))])
        content = [draw(spelled(text[:cut], markup=True)), child,
                   draw(spelled(text[cut:], markup=True))]
    else:
        content = [draw(spelled(text, markup=True))]
    attrs = []
    if rare(draw, 6):
        attrs.append(draw(st.sampled_from((("lang", "en", "xml"), ("Type", "EXCH", None),
                                           ("hint", "ntlm", NS_X)))))
    return El(NS_A, "AuthPackage", content, attrs,
              fact=("auth", model.Auth("", text, children=children)))


@st.composite
def protocol(draw):
    items = []
    for _ in range(draw(st.integers(0, 6))):
        k = draw(st.sampled_from(("type", "type", "auth", "auth", "sv", "other")))
        if k == "type":
            t = draw(type_text()) if draw(st.integers(0, 6)) else draw(st.sampled_from(("", " ")))
            items.append(El(NS_A, "Type", [draw(spelled(t))], fact=("type", t)))
        elif k == "auth":
            items.append(draw(auth_package()))
        elif k == "sv":
            sv = draw(server_version())
            items.append(El(NS_A, "ServerVersion", [draw(spelled(sv))], fact=("sv", sv)))
        else:
            items.append(draw(distractor()))
    attrs = []
    type_attr = None
    if rare(draw, 4):
        type_attr = draw(st.sampled_from(("mapiHttp", " mapiHttp ", "MapiHttp", "EXHTTP", "",
                                          "\tEXCH\n", "Web")))
        attrs.append(("Type", type_attr, None))
        attrs.append(("Version", "1", None))
    if rare(draw, 7):
        attrs.append(("Type", "EXHTTP", NS_X))  # qualified: not the Type attribute
    return El(NS_A, "Protocol", items, attrs, fact=("protocol", type_attr))


@st.composite
def account(draw):
    items = [El(NS_A, "AccountType", ["email"])]
    if draw(st.integers(0, 4)):
        act = draw(st.sampled_from(model.ACTIONS + ("Settings", "redirectURL", "", "other")))
        act = draw(padding) + act + draw(padding) if rare(draw, 4) else act
        items.append(El(NS_A, "Action", [draw(spelled(act))], fact=("action", act)))
    for _ in range(draw(st.integers(0, 4))):
        items.append(draw(distractor()) if rare(draw, 4) else draw(protocol()))
    if rare(draw, 10):
        items.insert(draw(st.integers(0, len(items))), draw(error_el(NS_A)))
    if rare(draw, 6):  # a second Action is not the first
        items.append(El(NS_A, "Action", ["redirectAddr"], fact=("action", "redirectAddr")))
    return El(NS_A, "Account", items, fact=("account",))


@st.composite
def error_el(draw, ns):
    items = []
    for _ in range(draw(st.integers(0, 3))):
        k = draw(st.integers(0, 3))
        if k == 0:
            code = draw(st.sampled_from(("600", "6OO", "abc", "", " 500 ", "603\n")))
            items.append(El(ns, "ErrorCode", [draw(spelled(code))], fact=("errorcode", code)))
        elif k == 1:  # in another namespace: not this Error's ErrorCode (KND-3)
            other = NS_R if ns == NS_A else NS_A
            items.append(El(other, "ErrorCode", ["601"]))
        elif k == 2:
            items.append(El(ns, "Message", ["Invalid Request"]))
        else:
            items.append(El(ns, "DebugData"))
    return El(ns, "Error", items, [("Time", "09:41:07.1234567", None), ("Id", "2718281828", None)],
              fact=("error",))


@st.composite
def response(draw):
    k = draw(st.sampled_from(("A", "A", "A", "A", "R-error", "R", "A-https", "M", "X",
                              "no-namespace")))
    if k == "A":
        items = []
        if draw(st.booleans()):
            items.append(El(NS_A, "User", [El(NS_A, "DisplayName", ["Alex Example"])]))
        for _ in range(draw(st.integers(0, 2))):
            items.append(draw(account()))
        if rare(draw, 10):
            items.append(draw(error_el(NS_A)))
        if rare(draw, 10):  # an Action outside an Account does not count
            items.insert(0, El(NS_A, "Action", ["redirectUrl"]))
        if rare(draw, 8):  # an Account in another namespace, or none, does not count
            items.append(El(draw(st.sampled_from((None, NS_R, NS_X))), "Account", [
                El(NS_A, "Action", ["redirectAddr"]),
                El(NS_A, "Protocol", [El(NS_A, "Type", ["EXPR"])])]))
        if rare(draw, 10):  # a Protocol directly under Response does not count
            items.append(El(NS_A, "Protocol", [El(NS_A, "Type", ["EXCH"])]))
        return El(NS_A, "Response", items, fact=("response", "A"))
    if k == "R-error":
        return El(NS_R, "Response", [draw(error_el(NS_R))], fact=("response", "R"))
    if k == "R":
        return El(NS_R, "Response", [El(NS_R, "Unknown", ["x"])], fact=("response", "R"))
    if k == "A-https":
        return El(NS_A_HTTPS, "Response", [El(NS_A_HTTPS, "Account", [
            El(NS_A_HTTPS, "Action", ["settings"])])])
    if k == "no-namespace":  # the right local names, no namespace [IDN-1]
        return El(None, "Response", [El(None, "Account", [El(None, "Action", ["settings"])])])
    if k == "M":
        return El(NS_M, "Response", [El(NS_M, "Culture", ["en:us"]), El(NS_M, "Action", [
            El(NS_M, "Settings", [El(NS_M, "Server", [El(NS_M, "Type", ["MobileSync"])])])])],
            fact=("response", "M"))
    return foreign()


# ---- writing, and the facts in document order

class Writer:
    def __init__(self, style, rnd):
        self.style = style  # 0: Exchange's spelling, default namespaces only
        self.rnd = rnd
        self.out = []
        self.scopes = [{"": None}]  # prefix -> namespace; "" the default
        self.doc = model.Doc([], action=None, response="none")
        self.path = []  # facts of the open elements
        self.first_error = None  # [codes] of the first error response's Error
        self.a_seen = self.m_seen = self.in_first_error = False

    def name(self, ns, local, decls):
        scope = self.scopes[-1]
        if ns is None:
            if scope[""] is not None:
                decls.append(' xmlns=""')
                self.new_scope[""] = None
            return local
        if self.style == 0 or ns == scope[""]:
            if scope[""] == ns:
                return local
            decls.append(' xmlns="%s"' % ns)
            self.new_scope[""] = ns
            return local
        bound = [p for p, u in scope.items() if p and u == ns]
        if bound and self.rnd.random() < 0.7:
            return "%s:%s" % (self.rnd.choice(sorted(bound)), local)
        if self.rnd.random() < 0.3:
            decls.append(' xmlns="%s"' % ns)
            self.new_scope[""] = ns
            return local
        p = self.rnd.choice(("a", "r", "ns0", "x1", "A", "autodiscover", "p"))
        decls.append(' xmlns:%s="%s"' % (p, ns))
        self.new_scope[p] = ns
        return "%s:%s" % (p, local)

    def attr_name(self, local, ns, decls):
        if ns is None:
            return local
        if ns == "xml":
            return "xml:" + local
        decls.append(' xmlns:f="%s"' % ns)
        self.new_scope["f"] = ns
        return "f:" + local

    def write(self, node):
        if isinstance(node, str):
            self.out.append(node)
            return
        self.new_scope = dict(self.scopes[-1])
        decls = []
        q = self.name(node.ns, node.local, decls)
        attrs = "".join(' %s="%s"' % (self.attr_name(n, ns, decls), attr_spelled(v))
                        for n, v, ns in node.attrs)
        self.scopes.append(self.new_scope)
        self.enter(node)
        if not node.children and self.rnd.random() < 0.5:
            self.out.append("<%s%s%s/>" % (q, "".join(decls), attrs))
        else:
            self.out.append("<%s%s%s>" % (q, "".join(decls), attrs))
            for c in node.children:
                self.write(c)
            self.out.append("</%s>" % q)
        self.leave(node)
        self.scopes.pop()

    def facts(self, kind):
        return [f for f in self.path if f and f[0] == kind]

    def enter(self, node):
        f = node.fact
        self.path.append(f)
        if not f:
            return
        d = self.doc
        if f[0] == "response":
            self.a_seen |= f[1] == "A"
            self.m_seen |= f[1] == "M"
        elif f[0] == "protocol":
            self.proto = model.Proto(None, type_attr=f[1])
            self.proto.type_seen = self.proto.sv_seen = False
            d.protocols.append(self.proto)
        elif f[0] == "type" and not self.proto.type_seen:
            self.proto.type_seen, self.proto.type_child = True, f[1]
        elif f[0] == "sv" and not self.proto.sv_seen:
            self.proto.sv_seen, self.proto.sv = True, f[1]
        elif f[0] == "auth":
            self.proto.auths.append(f[1])
        elif f[0] == "action" and not self.action_seen():
            d.action = f[1]
            d.action_seen = True
        elif f[0] == "error" and self.first_error is None:
            self.first_error, self.in_first_error = [], True  # KND-3
        elif f[0] == "errorcode" and self.in_first_error and self.path[-2] == ("error",):
            self.first_error.append(f[1])

    def action_seen(self):
        return getattr(self.doc, "action_seen", False)

    def leave(self, node):
        if node.fact == ("error",):
            self.in_first_error = False
        self.path.pop()

    def finish(self):
        d = self.doc
        if self.first_error is not None:
            d.response = "A-error"
            d.error_code = self.first_error[0] if self.first_error else None
        elif self.a_seen:
            d.response = "A"
        elif self.m_seen:
            d.response = "mobilesync"
        return d


class PropCase:
    def __init__(self, profile, can_handle, server_build, data, doc=None, reject=None, notes=()):
        self.profile, self.can_handle, self.server_build = profile, can_handle, server_build
        self.data, self.doc, self.reject, self.notes = data, doc, reject, list(notes)

    def expect(self, profile=None):
        if self.reject is not None:
            return self.reject
        return model.evaluate(self.doc, profile or self.profile, self.can_handle,
                              self.server_build)

    def slug(self):
        return "found-%08x" % zlib.crc32(self.data)

    def title(self):
        return "property test find: " + (", ".join(self.notes) or "a random response")

    def rules(self):
        rules = set()
        for line in model.render(self.expect()).splitlines():
            w = line.split(" ")
            if w[0] == "finding":
                rules.add(model.FINDING_RULE[w[2]])
        return sorted(rules) or ["VAL-1"]

    def describe(self):
        return ("profile %s, X-ClientCanHandle %r, server build %r, notes %s\n%s"
                % (self.profile, self.can_handle, self.server_build, self.notes,
                   self.data.decode("utf-8", "replace") if self.data[:2] not in
                   (b"\xff\xfe", b"\xfe\xff") else repr(self.data)))

    def __repr__(self):
        return "PropCase(%s)" % self.describe()


# ---- the request context

@st.composite
def can_handle(draw):
    if rare(draw, 3):
        return None
    pieces = st.sampled_from(("Negotiate", "negotiate", "NEGOTIATE", "ExHttpInfo", "exhttpinfo",
                              "NegotiateEx", "Negotiate;q=1", "Negociar", "x", ""))
    seps = st.sampled_from((",", " ", "\t", ", ", ",,"))
    lines = []
    for _ in range(draw(st.integers(1, 3))):
        ps = draw(st.lists(pieces, max_size=3))
        line = ""
        for p in ps:
            line += (draw(seps) if line else "") + p
        lines.append(line)
    return lines


@st.composite
def server_build(draw):
    if not rare(draw, 3):
        return None
    parts = [15, 0, 995, 14]
    for k in range(4):
        parts[k] = draw(st.sampled_from((parts[k], parts[k], parts[k] - 1, parts[k] + 1, 0,
                                         4294967295)))
    n = draw(st.integers(1, 4))
    return ".".join(("0" * draw(st.integers(0, 2))) + str(max(0, p)) for p in parts[:n])


# ---- encodings [REJ-5] and rejections

@st.composite
def encoded(draw, text):
    """(bytes, accepted) for the document text (no declaration yet)."""
    head = draw(st.sampled_from(("plain", "plain", "plain", "utf8-bom", "utf16le", "utf16be")))
    fits = {"iso-8859-1": all(ord(c) < 256 for c in text), "us-ascii": text.isascii()}
    labels = [None, "utf-8", "UTF-8"] + [l for l in ("iso-8859-1", "US-ASCII") if fits[l.lower()]]
    if head.startswith("utf16"):
        labels = [None, "UTF-16", "utf-16", "UTF-16" + head[5:].upper()]
    if rare(draw, 10):  # a contradiction, or a name expat does not know
        labels = ["UTF-16LE", "UTF-16BE", "utf-8", "windows-1252", "latin1", "utf8"]
    label = draw(st.sampled_from(labels))
    bom = head in ("utf8-bom",) or (head.startswith("utf16") and (label is None or draw(st.booleans())))
    if head.startswith("utf16") and not bom and label is None:
        label = "UTF-16"  # without a BOM the declaration gives the byte pattern
    decl = ""
    if label is not None or draw(st.booleans()):
        decl = '<?xml version="1.0"%s?>\n' % ("" if label is None else ' encoding="%s"' % label)
    full = decl + draw(prolog()) + text
    if head == "plain":
        codec = {"iso-8859-1": "latin-1", "us-ascii": "ascii"}.get((label or "").lower(), "utf-8")
        try:
            data = full.encode(codec)
        except UnicodeEncodeError:
            data = full.encode("utf-8")
    elif head == "utf8-bom":
        data = b"\xef\xbb\xbf" + full.encode("utf-8")
    else:
        codec = "utf-16-le" if head == "utf16le" else "utf-16-be"
        data = (("\ufeff" if bom else "") + full).encode(codec)
    known = label is None or model.ascii_lower(label) in model.ACCEPTED_ENCODINGS
    fam = "utf16le" if head == "utf16le" else "utf16be" if head == "utf16be" else head
    accepted = known and model.encoding_accepted(fam, label)
    return data, accepted, "%s %s" % (head, label)


@st.composite
def prolog(draw):
    """Padding before the root: white space, comments, PIs ([XML] Misc)."""
    return "".join(draw(st.lists(st.sampled_from((" ", "\n", "\r\n", "<!-- before -->", "<?pi x?>",
                                                  "\t")), max_size=3)))


@st.composite
def rejection(draw, body):
    """A document breaking one rule of section 12, and its answer."""
    k = draw(st.sampled_from(("doctype", "root-name", "root-ns", "truncated", "after-root",
                              "protocols", "text-bytes", "depth", "empty")))
    if k == "doctype":
        return '<!DOCTYPE Autodiscover [<!ENTITY e "ntlm">]>\n' + body, model.reject("doctype")
    if k == "root-name":
        name = draw(st.sampled_from(("AutoDiscover", "autodiscover", "Response")))
        return ('<%s xmlns="%s"><Response xmlns="%s"/></%s>' % (name, NS_R, NS_A, name),
                model.reject("not-autodiscover"))
    if k == "root-ns":
        ns = draw(st.sampled_from((None, NS_R_HTTPS, NS_Q, NS_A)))
        return ('<Autodiscover%s><Response xmlns="%s"/></Autodiscover>'
                % ("" if ns is None else ' xmlns="%s"' % ns, NS_A), model.reject("wrong-namespace"))
    if k == "truncated" and "</" in body:
        start = body.index(">") + 1
        end = body.rindex("</")
        cut = draw(st.integers(start, max(start, end)))
        return body[:cut], model.reject("not-well-formed")
    if k == "after-root":
        return body + "<extra/>", model.reject("not-well-formed")
    if k == "protocols":
        p = "<Protocol><Type>EXPR</Type></Protocol>"
        return ('<Autodiscover xmlns="%s"><Response xmlns="%s"><Account>%s</Account></Response>'
                '</Autodiscover>' % (NS_R, NS_A, p * 65), model.reject("limit", "protocols"))
    if k == "text-bytes":
        n = draw(st.sampled_from((4097, 5000)))
        return ('<Autodiscover xmlns="%s"><Response xmlns="%s"><Account><Protocol><Type>EXPR</Type>'
                '<AuthPackage>%s</AuthPackage></Protocol></Account></Response></Autodiscover>'
                % (NS_R, NS_A, "x" * n), model.reject("limit", "text-bytes"))
    if k == "depth":
        return ('<Autodiscover xmlns="%s">%s%s</Autodiscover>' % (NS_R, "<x>" * 32, "</x>" * 32),
                model.reject("limit", "depth"))
    return "", model.reject("empty")


@st.composite
def cases(draw):
    profile = draw(st.sampled_from(model.PROFILES))
    ch = draw(can_handle())
    sb = draw(server_build())
    style = draw(st.integers(0, 3))
    w = Writer(style, random.Random(draw(st.integers(0, 2 ** 16))))
    root_items = [draw(response()) for _ in range(draw(st.integers(0, 2)))]
    if rare(draw, 6):
        root_items.insert(0, draw(distractor()))
    w.write(El(NS_R, "Autodiscover", root_items))
    body = "".join(w.out) + draw(st.sampled_from(("", "\n", "<!-- after -->\n")))
    notes = ["style %d" % style]
    if rare(draw, 15):
        text, lines = draw(rejection(body))
        notes.append("rejection " + lines[0])
        data = text.encode("utf-8") if text else b""
        if text and draw(st.booleans()):
            data = b"\xef\xbb\xbf" + data
        return PropCase(profile, ch, sb, data, reject=lines, notes=notes)
    data, accepted, how = draw(encoded(body))
    notes.append("encoding " + how)
    if not accepted:
        return PropCase(profile, ch, sb, data, reject=model.reject("unsupported-encoding"), notes=notes)
    return PropCase(profile, ch, sb, data, doc=w.finish(), notes=notes)
