# SPDX-License-Identifier: MIT
"""The expected answer of a case, worked out from its description.

This is not an XML parser: the generator describes each response as data
(protocols, values, context) and writes the XML from it, so the expectation
is computed from the same description by the rules of conformance/SPEC.md
(the rule IDs are named below).  Keeping the rules in one small place is
what makes the several hundred expectation files exact and reviewable.
"""

PROFILES = ("pox", "oxdscli", "union")  # PRO-1, PRO-3

VALUES = {
    "pox": ("basic", "kerb", "kerbntlm", "ntlm", "certificate", "negotiate", "nego2"),
    "oxdscli": ("basic", "kerb", "kerbntlm", "ntlm", "certificate", "negotiate", "anonymous"),
    "union": ("basic", "kerb", "kerbntlm", "ntlm", "certificate", "negotiate", "nego2",
              "anonymous"),
}
APPLIES = {  # PRO-2, PRO-3
    "pox": ("EXCH", "EXPR"),
    "oxdscli": ("EXCH", "EXPR", "EXHTTP"),
    "union": ("EXCH", "EXPR", "EXHTTP"),
}
# PRO-3: under union, a value only one source defines gets a note.
ONE_SOURCE = ("nego2", "anonymous")
KNOWN_TYPES = ("EXCH", "EXPR", "EXHTTP", "WEB", "POP3", "IMAP", "SMTP", "mapiHttp")
ACTIONS = ("settings", "redirectAddr", "redirectUrl")

# VAL-5 and SPEC.md section 18: every translated doc word, by locale.
TRANSLATED = {
    "fr": ["base", "marche", "Trottoir", "négociation", "poursuivre", "certificat",
           "négocier", "Négocier"],
    "es": ["básica", "Kerbtray", "Bordillo", "elementos", "certificado", "negociar",
           "Negociar"],
    "pt": ["básico", "KERBTRAY localizado", "Passeio", "NTML", "certificado", "negocia",
           "negociar", "Negociar"],
    "de": ["grundlegende", "Kerbtray", "Bordstein", "verhandeln", "Verhandeln",
           "aushandeln"],
    "ru": ["Базовая", "Основное", "Основные", "Собственная", "кербнтлм", "согласование",
           "подключение", "Переговоры", "протокол nego2", "основные"],
    "ja": ["基本的な", "証明書", "交渉", "取り決め", "ネゴシエート"],
    "zh": ["基本", "vba", "证书", "协商", "沟通"],
}

# Rule each finding code stands for (FORMAT.md table).
FINDING_RULE = {
    "response-missing": "KND-1", "action-missing": "KND-2", "action-unknown": "KND-2",
    "type-missing": "TYP-3", "type-case": "TYP-2", "not-applicable": "TYP-4",
    "value-unknown": "VAL-4", "value-translated": "VAL-5", "value-empty": "VAL-6",
    "value-children": "VAL-7", "value-duplicate": "VAL-8", "value-case": "VAL-3",
    "value-trimmed": "VAL-3", "negotiate-unrequested": "VER-1",
    "exhttp-unrequested": "VER-2", "build-assumed": "VER-5",
    "serverversion-malformed": "VER-6", "value-one-source": "PRO-3",
}
SEVERITY = {c: "violation" for c in FINDING_RULE}
for _c in ("not-applicable", "value-translated", "value-case", "value-trimmed",
           "build-assumed", "value-one-source"):
    SEVERITY[_c] = "note"

XML_WS = " \t\r\n"
RULE_THRESHOLD = (15, 0, 995, 14)


def ascii_lower(s):
    # Only A-Z fold: a KELVIN SIGN must not become "k" (VAL-2).
    return "".join(chr(ord(c) + 32) if "A" <= c <= "Z" else c for c in s)


def xml_trim(s):
    return s.strip(XML_WS)


def translated_words():
    seen = set()
    for words in TRANSLATED.values():
        for w in words:
            if w not in seen:
                seen.add(w)
                yield w


TRANSLATED_FOLDED = {ascii_lower(w) for w in translated_words()}


def sv_encode(major, minor, build):
    return "%08X" % ((0x7 << 28) | (major << 22) | (minor << 16) | (1 << 15) | build)


def sv_decode(text):
    t = xml_trim(text)
    if len(t) != 8 or any(c not in "0123456789abcdefABCDEF" for c in t):
        return None
    v = int(t, 16)
    return ((v >> 22) & 0x3F, (v >> 16) & 0x3F, v & 0x7FFF)


def build_parse(text):
    parts = text.split(".")
    if not 1 <= len(parts) <= 4 or any(not p.isdigit() or not p.isascii() for p in parts):
        raise ValueError("bad context build %r" % text)
    return tuple(int(p) for p in parts)


def rule_active(build):
    # Compare the known parts only; equal on all of them counts as active.
    for have, need in zip(build, RULE_THRESHOLD):
        if have != need:
            return have > need
    return True


def header_tokens(lines):
    toks = set()
    for line in lines or ():
        for piece in line.replace("\t", " ").replace(",", " ").split(" "):
            if piece:
                toks.add(ascii_lower(piece))
    return ("negotiate" in toks, "exhttpinfo" in toks)


def escape_field(s):
    if s is None or s == "":
        return "-"
    if s == "-":
        return "%2D"
    out = []
    for b in s.encode("utf-8"):
        if 0x21 <= b <= 0x7E and b != 0x25:
            out.append(chr(b))
        else:
            out.append("%%%02X" % b)
    return "".join(out)


class Auth:
    """One AuthPackage element: the XML written and what a reader sees."""

    def __init__(self, xml_inner, text, children=False, selfclose=False, attrs=""):
        self.xml_inner = xml_inner  # content between the tags, as written
        self.text = text            # own character data after XML decoding
        self.children = children    # has child elements
        self.selfclose = selfclose
        self.attrs = attrs


def auth_text(s):
    """An AuthPackage whose content is plain text, escaped as needed."""
    esc = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Auth(esc, s.replace("\r\n", "\n").replace("\r", "\n"))


class Proto:
    def __init__(self, type_child=None, type_attr=None, auths=(), sv=None,
                 extra="", auth_first=False, counted=True):
        self.type_child = type_child  # text of the Type child, None: no child
        self.type_attr = type_attr    # the Type attribute, None: none
        self.auths = list(auths)
        self.sv = sv                  # ServerVersion text, None: absent
        self.extra = extra            # other children, XML as written
        self.auth_first = auth_first  # AuthPackage written before Type
        self.counted = counted        # False: the description knows it is ignored

    def type(self):
        if self.type_child is not None and xml_trim(self.type_child) != "":
            return xml_trim(self.type_child)
        if self.type_child is None and self.type_attr is not None and xml_trim(self.type_attr) != "":
            return xml_trim(self.type_attr)
        return None


class Doc:
    """What the reader of a document finds; the XML is written elsewhere."""

    def __init__(self, protocols=(), kind="settings", action="settings",
                 response="A", error_code=None):
        self.protocols = list(protocols)
        self.response = response      # "A", "R-error", "A-error", "mobilesync" or "none"
        self.action = action          # Action text, None: no Action element
        self.error_code = error_code  # ErrorCode text, None: no ErrorCode
        self.kind = kind              # only for documentation


def evaluate(doc, profile, can_handle=None, server_build=None):
    """Canonical result lines (without header and end) for an accepted doc."""
    lines, findings = [], []
    if doc.response == "R-error" or doc.response == "A-error":
        lines.append("kind error " + escape_field(
            None if doc.error_code is None else xml_trim(doc.error_code)))
    elif doc.response == "A":
        act = None if doc.action is None else xml_trim(doc.action)
        if act is None:
            lines.append("kind other")
            findings.append(("-", "action-missing"))
        elif act in ACTIONS:
            lines.append("kind " + act)
        else:
            lines.append("kind other")
            findings.append(("-", "action-unknown"))
    elif doc.response == "mobilesync":  # KND-4
        lines.append("kind mobilesync")
    else:
        lines.append("kind other")
        findings.append(("-", "response-missing"))

    neg_tok, ex_tok = header_tokens(can_handle)
    ctx = build_parse(server_build) if server_build else None
    protos = [p for p in doc.protocols if p.counted]
    exch_build = None
    for p in protos:
        if p.type() == "EXCH" and p.sv is not None and sv_decode(p.sv) is not None:
            exch_build = sv_decode(p.sv)
            break

    for i, p in enumerate(protos):
        t = p.type()
        here = []
        if t is None:
            here.append("type-missing")
        elif t not in KNOWN_TYPES and ascii_lower(t) in {ascii_lower(k) for k in KNOWN_TYPES}:
            here.append("type-case")
        value = "absent"
        applies = "no"
        if p.auths:
            first = p.auths[0]
            # VAL-8: one value-duplicate per further AuthPackage.
            here.extend(["value-duplicate"] * (len(p.auths) - 1))
            raw = first.text
            trimmed = xml_trim(raw)
            if first.children:
                here.append("value-children")
            if trimmed == "":
                value = "unknown"
                here.append("value-empty")
            elif ascii_lower(trimmed) in VALUES[profile]:
                value = ascii_lower(trimmed)
                if trimmed != value:
                    here.append("value-case")
                if raw != trimmed:
                    here.append("value-trimmed")
                if profile == "union" and value in ONE_SOURCE:
                    here.append("value-one-source")
            else:
                value = "unknown"
                here.append("value-unknown")
                if ascii_lower(trimmed) in TRANSLATED_FOLDED:
                    here.append("value-translated")
            if t in APPLIES[profile]:
                applies = "yes"
            else:
                here.append("not-applicable")
        if p.sv is not None and sv_decode(p.sv) is None:
            here.append("serverversion-malformed")
        need_neg = value == "negotiate" and not neg_tok
        need_ex = t == "EXHTTP" and not ex_tok
        if need_neg or need_ex:
            if ctx is not None:
                build = ctx
            elif p.sv is not None and sv_decode(p.sv) is not None:
                build = sv_decode(p.sv)
            else:
                build = exch_build
            if build is None:
                here.append("build-assumed")
                active = True
            else:
                active = rule_active(build)
            if active and need_neg:
                here.append("negotiate-unrequested")
            if active and need_ex:
                here.append("exhttp-unrequested")
        lines.append("protocol %d %s %s %s" % (i, escape_field(t), value, applies))
        findings.extend((str(i), c) for c in here)

    def order(f):
        return (-1 if f[0] == "-" else int(f[0]), f[1])
    for where, code in sorted(findings, key=order):
        lines.append("finding %s %s %s" % (where, code, SEVERITY[code]))
    return lines


# REJ-5: what the first bytes say (a byte order mark, or the UTF-16 byte
# pattern of "<?"), and the declared names that agree with each.  A name
# outside the accepted set is unsupported whatever the bytes say.
ACCEPTED_ENCODINGS = ("utf-8", "utf-16", "utf-16le", "utf-16be", "iso-8859-1", "us-ascii")
AGREES = {
    "utf8-bom": ("utf-8",),
    "utf16le": ("utf-16", "utf-16le"),
    "utf16be": ("utf-16", "utf-16be"),
    "plain": ("utf-8", "iso-8859-1", "us-ascii"),
}


def encoding_accepted(head, label):
    """REJ-5: head is a key of AGREES; label the declared name or None."""
    if label is None:
        return True
    return ascii_lower(label) in AGREES[head]


def render(lines):
    return "poxauth-canonical 1\n" + "".join(l + "\n" for l in lines) + "end\n"


def reject(cls, limit=None):
    return ["reject %s%s" % (cls, " " + limit if limit else "")]
