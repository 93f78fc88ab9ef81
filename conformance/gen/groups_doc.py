# SPDX-License-Identifier: MIT
"""Groups kind/, error/, realistic/, reject/, encoding/ and limits/."""

from case import Case
from model import Auth, Doc, Proto, auth_text, sv_encode, reject
from xmlgen import NS_A, NS_R, DECL, settings_xml, error_xml, exch, expr

NS_Q = "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"

# FORMAT.md caps lines at 4096 bytes, but a 4096-byte Type or ErrorCode,
# which the limits allow, prints as a longer line (up to 12288 bytes once
# escaped).  Until the cap is raised, the cases that print one stay out.
FORMAT_ALLOWS_LONG_LINES = True


def kind_cases():
    out = []
    p = [exch("73C083E3"), expr("Ntlm")]
    for slug, action, extra in (
        ("settings", "settings", ""),
        ("redirect-addr", "redirectAddr", "      <RedirectAddr>alex@mail.contoso.com</RedirectAddr>\n"),
        ("redirect-url", "redirectUrl",
         "      <RedirectUrl>https://autodiscover.fabrikam.com/autodiscover/autodiscover.xml</RedirectUrl>\n"),
        ("redirect-url-upper-spelling", "redirectUrl",
         "      <RedirectURL>https://autodiscover.fabrikam.com/autodiscover/autodiscover.xml</RedirectURL>\n"),
        ("redirect-addr-no-target", "redirectAddr", ""),
        ("action-padded", "\n        settings\n      ", ""),
        ("action-case-settings", "Settings", ""),
        ("action-case-redirectaddr", "redirectaddr",
         "      <RedirectAddr>alex@mail.contoso.com</RedirectAddr>\n"),
        ("action-case-redirecturl", "RedirectUrl", ""),
        ("action-unknown", "redirect", ""),
        ("action-translated", "paramètres", ""),
        ("action-missing", None, ""),
    ):
        protos = [] if action not in ("settings", "Settings", "\n        settings\n      ", None) else p
        out.append(Case("kind/" + slug, "Action %r" % action,
                        settings_xml(protos, action=action, account_extra=extra),
                        doc=Doc(protos, action=action), rules=["KND-2"], tags=["kind"],
                        source="SPEC.md KND-2 ([ACT])"))
    # Redirect shapes as documented: Account with only Action and target.
    red = (DECL + '<Autodiscover xmlns="%s">\n  <Response xmlns="%s">\n    <Account>\n'
           "      <Action>redirectAddr</Action>\n      <RedirectAddr>alex@mail.contoso.com</RedirectAddr>\n"
           "    </Account>\n  </Response>\n</Autodiscover>\n" % (NS_R, NS_A))
    out.append(Case("kind/redirect-addr-doc-shape", "redirectAddr in the documented shape", red,
                    doc=Doc([], action="redirectAddr"), rules=["KND-2"], tags=["kind", "redirect"],
                    source="SPEC.md KND-2 (the redirect shape of Microsoft's error-handling example)"))
    # Responses that are not an Outlook Response.
    for slug, title, resp in (
        ("response-r-without-error", "{R}Response without Error", '<Response xmlns="%s">' % NS_R),
        ("response-https", "Response in the https:// namespace",
         '<Response xmlns="%s">' % NS_A.replace("http://", "https://")),
        ("response-other-uri", "Response in another namespace", '<Response xmlns="urn:example:other">'),
    ):
        xml = settings_xml(p).replace('<Response xmlns="%s">' % NS_A, resp)
        out.append(Case("kind/" + slug, title, xml, doc=Doc([], response="none"), rules=["KND-1"],
                        tags=["kind", "namespace"], source="SPEC.md KND-1"))
    out += mobilesync_cases(p)
    none = DECL + '<Autodiscover xmlns="%s">\n</Autodiscover>\n' % NS_R
    out.append(Case("kind/no-response", "Autodiscover without Response", none,
                    doc=Doc([], response="none"), rules=["KND-1"], tags=["kind"]))
    selfclosed = DECL + '<Autodiscover xmlns="%s"/>' % NS_R
    out.append(Case("kind/self-closed-root", "a self-closed root, no final newline", selfclosed,
                    doc=Doc([], response="none"), rules=["KND-1"], tags=["kind"]))
    # KND-2: the first Action of any Account decides; an Account without
    # Action still lists its Protocols.
    second = settings_xml(p, action=None).replace(
        "  </Response>", "    <Account>\n      <Action>redirectAddr</Action>\n"
        "      <RedirectAddr>alex@mail.contoso.com</RedirectAddr>\n    </Account>\n  </Response>")
    out.append(Case("kind/action-in-second-account", "the first Action is in the second Account", second,
                    doc=Doc(p, action="redirectAddr"), rules=["KND-2", "IDN-2"], tags=["kind", "account"],
                    source="SPEC.md KND-2"))
    two = settings_xml(p, action="settings").replace(
        "  </Response>", "    <Account>\n      <Action>redirectUrl</Action>\n    </Account>\n  </Response>")
    out.append(Case("kind/two-actions-first-wins", "two Accounts, the first Action wins", two,
                    doc=Doc(p, action="settings"), rules=["KND-2"], tags=["kind", "account"],
                    source="SPEC.md KND-2"))
    empty = settings_xml(p, action="")
    out.append(Case("kind/action-empty", "an empty Action is unknown", empty, doc=Doc(p, action=""),
                    rules=["KND-2"], tags=["kind"], source="SPEC.md KND-2"))
    noacc = (DECL + '<Autodiscover xmlns="%s">\n  <Response xmlns="%s">\n    <User>\n'
             "      <DisplayName>Alex Example</DisplayName>\n    </User>\n  </Response>\n</Autodiscover>\n"
             % (NS_R, NS_A))
    out.append(Case("kind/response-without-account", "an Outlook Response without Account", noacc,
                    doc=Doc([], action=None), rules=["KND-2"], tags=["kind"], source="SPEC.md KND-2"))
    return out


NS_M = "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006"
AS_SETTINGS = ("    <Culture>en:us</Culture>\n    <User>\n      <DisplayName>Alex Example</DisplayName>\n"
               "      <EMailAddress>alex@contoso.com</EMailAddress>\n    </User>\n    <Action>\n"
               "      <Settings>\n        <Server>\n          <Type>MobileSync</Type>\n"
               "          <Url>https://mail.contoso.com/Microsoft-Server-ActiveSync</Url>\n"
               "          <Name>https://mail.contoso.com/Microsoft-Server-ActiveSync</Name>\n"
               "        </Server>\n      </Settings>\n    </Action>\n")


def mobilesync_cases(p):
    """KND-4: a Response in the ActiveSync namespace is kind mobilesync."""
    out = []

    def ms(inner):
        return (DECL + '<Autodiscover xmlns="%s">\n  <Response xmlns="%s">\n%s  </Response>\n'
                "</Autodiscover>\n" % (NS_R, NS_M, inner))
    outlook = settings_xml(p).split("\n")
    inside = "".join("  " + l + "\n" for l in outlook[3:-3])  # the Outlook Account, re-indented
    redirect = ("    <Culture>en:us</Culture>\n    <Action>\n      <Redirect>alex@fabrikam.com</Redirect>\n"
                "    </Action>\n")
    error = ("    <Culture>en:us</Culture>\n    <User>\n      <EMailAddress>alex@contoso.com</EMailAddress>\n"
             "    </User>\n    <Action>\n      <Error>\n        <Status>1</Status>\n"
             "        <Message>The directory service could not be reached</Message>\n"
             "        <DebugData>MailUser</DebugData>\n      </Error>\n    </Action>\n")
    for slug, title, xml, doc in (
        ("mobilesync-settings", "an ActiveSync (mobilesync) settings response", ms(AS_SETTINGS),
         Doc([], response="mobilesync")),
        ("mobilesync-redirect", "an ActiveSync redirect response", ms(redirect), Doc([], response="mobilesync")),
        ("mobilesync-error", "an ActiveSync response carrying its own Error: still mobilesync", ms(error),
         Doc([], response="mobilesync")),
        ("mobilesync-outlook-protocols-inside", "Outlook-namespace Account and Protocols inside an ActiveSync "
         "Response are not read", ms(AS_SETTINGS + inside.replace("<Account>", '<Account xmlns="%s">' % NS_A, 1)),
         Doc([], response="mobilesync")),
        ("mobilesync-and-outlook-response", "an ActiveSync Response next to an Outlook one: the Outlook one counts",
         settings_xml(p).replace("  <Response xmlns=", '  <Response xmlns="%s">\n%s  </Response>\n  <Response xmlns='
                                 % (NS_M, AS_SETTINGS), 1), Doc(p)),
        ("mobilesync-and-r-error", "an ActiveSync Response next to an {R}Error response: error",
         ms(AS_SETTINGS).replace("</Autodiscover>", '  <Response xmlns="%s">\n    <Error><ErrorCode>600</ErrorCode>'
                                 "</Error>\n  </Response>\n</Autodiscover>" % NS_R),
         Doc([], response="R-error", error_code="600")),
        ("mobilesync-https", "the https:// spelling of the mobilesync namespace is not ActiveSync's",
         ms(AS_SETTINGS).replace(NS_M, NS_M.replace("http://", "https://")), Doc([], response="none")),
    ):
        out.append(Case("kind/" + slug, title, xml, doc=doc, rules=["KND-4", "KND-1"],
                        tags=["kind", "mobilesync", "namespace"], source="SPEC.md KND-4 ([ASCMD] response schema)"))
    return out


def error_cases():
    out = []
    for code in ("500", "501", "600", "601", "602", "603"):
        out.append(Case("error/response-%s" % code, "{R}Error with ErrorCode %s" % code, error_xml(code),
                        doc=Doc([], response="R-error", error_code=code), rules=["KND-1", "KND-3"],
                        tags=["error"], source="SPEC.md KND-3 ([RESP] error example)"))
    for slug, code in (("code-padded", "\n          600\n        "), ("code-text", "Invalid Request"),
                       ("code-percent", "50%"), ("code-dash", "-"), ("code-non-ascii", "６００")):
        out.append(Case("error/" + slug, "ErrorCode %r" % code, error_xml(code),
                        doc=Doc([], response="R-error", error_code=code), rules=["KND-1", "KND-3"],
                        tags=["error", "escape"], source="FORMAT.md field escaping"))
    for slug, inner in (("no-code", None), ("empty-code", "")):
        out.append(Case("error/" + slug, "Error without an ErrorCode value", error_xml(inner),
                        doc=Doc([], response="R-error", error_code=None), rules=["KND-1", "KND-3"],
                        tags=["error"]))
    code_ns = error_xml("600").replace("<ErrorCode>", '<ErrorCode xmlns="%s">' % NS_A)
    out.append(Case("error/code-other-namespace", "ErrorCode in another namespace than Error", code_ns,
                    doc=Doc([], response="R-error", error_code=None), rules=["KND-3", "IDN-1"],
                    tags=["error", "namespace"], source="SPEC.md KND-3"))
    two = error_xml("601").replace("</ErrorCode>", "</ErrorCode>\n        <ErrorCode>602</ErrorCode>")
    out.append(Case("error/two-codes-first-wins", "the first ErrorCode wins", two,
                    doc=Doc([], response="R-error", error_code="601"), rules=["KND-1", "KND-3"], tags=["error"],
                    source="SPEC.md KND-3"))
    protos = [exch("73C083E3"), expr("Negotiate")]
    both = settings_xml(protos, account_extra='      <Error Time="09:41:07" Id="1"><ErrorCode>500</ErrorCode></Error>\n')
    out.append(Case("error/account-error-with-settings", "Error under Account wins over Action; Protocols reported",
                    both, doc=Doc(protos, response="A-error", error_code="500"), rules=["KND-1", "KND-3"],
                    tags=["error"], source="SPEC.md KND-1"))
    both2 = settings_xml(protos, action="bogus").replace(
        "  </Response>\n", "  </Response>\n  <Response xmlns=\"%s\">\n    <Error><ErrorCode>501</ErrorCode></Error>\n"
        "  </Response>\n" % NS_R)
    out.append(Case("error/r-error-after-a-response", "an {R}Error response after an Outlook Response", both2,
                    doc=Doc(protos, response="R-error", error_code="501"), rules=["KND-1", "KND-3"],
                    tags=["error"], source="SPEC.md KND-1"))
    for code in ("500", "603"):
        out.append(Case("error/account-%s" % code, "Error under {A}Account, ErrorCode %s" % code,
                        error_xml(code, where="A"), doc=Doc([], response="A-error", error_code=code),
                        rules=["KND-1", "KND-3"], tags=["error"], source="SPEC.md KND-1 ([ERR])"))
    return out


def realistic_cases():
    """Responses shaped like what real servers send (SPEC.md section 16),
    written for this corpus: the elements, values and order of each
    product, with invented names and addresses."""
    out = []
    owa = ("        <Internal>\n          <OWAUrl AuthenticationMethod=\"Basic, Fba\">https://mail.contoso.com/owa/</OWAUrl>\n"
           "          <Protocol>\n            <Type>EXCH</Type>\n"
           "            <ASUrl>https://mail.contoso.com/EWS/Exchange.asmx</ASUrl>\n          </Protocol>\n"
           "        </Internal>\n")
    owa_both = owa + owa.replace("Internal", "External").replace("Basic, Fba", "Fba")
    urls = ("        <ASUrl>https://mail.contoso.com/EWS/Exchange.asmx</ASUrl>\n"
            "        <EwsUrl>https://mail.contoso.com/EWS/Exchange.asmx</EwsUrl>\n"
            "        <OOFUrl>https://mail.contoso.com/EWS/Exchange.asmx</OOFUrl>\n"
            "        <OABUrl>https://mail.contoso.com/OAB/5f0b6c5e-0000-4a1c-9f3e-2c8d0e1a7b21/</OABUrl>\n")

    def mapi(host, box):
        return Proto(None, type_attr="mapiHttp", extra=(
            "        <MailStore>\n          <InternalUrl>https://%s/mapi/emsmdb/?MailboxId=%s</InternalUrl>\n"
            "          <ExternalUrl>https://%s/mapi/emsmdb/?MailboxId=%s</ExternalUrl>\n"
            "        </MailStore>\n        <AddressBook>\n"
            "          <InternalUrl>https://%s/mapi/nspi/?MailboxId=%s</InternalUrl>\n"
            "          <ExternalUrl>https://%s/mapi/nspi/?MailboxId=%s</ExternalUrl>\n"
            "        </AddressBook>\n" % ((host, box) * 4)))
    box = "3f2a9c1e-5b6d-4e7f-8a90-1b2c3d4e5f60@contoso.com"
    online = "outlook.office365.com"
    # (name, protocols, line ends, MicrosoftOnline)
    shapes = [
        ("exchange2007", [Proto("EXCH", sv=sv_encode(8, 0, 647), extra=urls),
                          Proto("EXPR", auths=[auth_text("basic")]), Proto("WEB", extra=owa)], "\n", False),
        ("exchange2010", [Proto("EXCH", sv=sv_encode(14, 1, 218), extra=urls),
                          Proto("EXPR", auths=[auth_text("Ntlm")], extra="        <SSL>On</SSL>\n"),
                          Proto("WEB", extra=owa)], "\n", False),
        ("exchange2013", [Proto("EXCH", sv=sv_encode(15, 0, 1497), extra=urls),
                          Proto("EXPR", auths=[auth_text("Negotiate")],
                                extra="        <SSL>On</SSL>\n        <CertPrincipalName>None</CertPrincipalName>\n"),
                          Proto("WEB", extra=owa)], "\n", False),
        # On-premises 2016: EXHTTP Protocols (internal Negotiate, external
        # Ntlm), then EXCH and EXPR; whether the EXHTTP ones are right
        # depends on the request's X-ClientCanHandle (the contexts below).
        ("exchange2016", [Proto("EXHTTP", sv=sv_encode(15, 1, 2507), auths=[auth_text("Negotiate")],
                                extra="        <SSL>On</SSL>\n" + urls),
                          Proto("EXHTTP", sv=sv_encode(15, 1, 2507), auths=[auth_text("Ntlm")],
                                extra="        <SSL>On</SSL>\n"),
                          Proto("EXCH", sv=sv_encode(15, 1, 2507), extra=urls),
                          Proto("EXPR", auths=[auth_text("Ntlm")]), mapi("mail.contoso.com", box),
                          Proto("WEB", extra=owa)], "\n", False),
        ("exchange2019", [mapi("mail.contoso.com", box),
                          Proto("EXHTTP", sv=sv_encode(15, 2, 1118), auths=[auth_text("Negotiate")]),
                          Proto("EXHTTP", sv=sv_encode(15, 2, 1118), auths=[auth_text("Basic")]),
                          Proto("WEB", extra=owa)], "\n", False),
        # Exchange Online: CRLF line ends, MicrosoftOnline True, EXCH
        # Anonymous with ServerVersion 73D49F70 (15.20.8048), EXPR Basic,
        # two mapiHttp Protocols and a WEB Protocol with nested Protocols.
        ("exchange-online", [Proto("EXCH", sv="73D49F70", auths=[auth_text("Anonymous")],
                                   extra=urls.replace("mail.contoso.com", online)),
                             Proto("EXPR", auths=[auth_text("Basic")],
                                   extra="        <SSL>On</SSL>\n        <CertPrincipalName>msstd:%s</CertPrincipalName>\n"
                                   % online),
                             mapi(online, box), mapi(online, box.replace("3f2a", "9b1c")),
                             Proto("WEB", extra=owa_both.replace("mail.contoso.com", online))], "\r\n", True),
        # gromox: EXHTTP basic, mapiHttp, EXCH anonymous with the
        # ServerVersion of Exchange 2013 SP1, EXPR basic, all lowercase.
        ("gromox", [Proto("EXHTTP", auths=[auth_text("basic")], extra="        <SSL>On</SSL>\n"),
                    mapi("mail.contoso.com", box),
                    Proto("EXCH", sv=sv_encode(15, 0, 847), auths=[auth_text("anonymous")]),
                    Proto("EXPR", auths=[auth_text("basic")])], "\n", False),
    ]
    contexts = (("no-header", None, None), ("outlook-2016", ["Negotiate,ExHttpInfo"], None),
                ("exhttpinfo-only", ["ExHttpInfo"], None),
                ("context-build", ["Negotiate"], "15.1.2507.6"))
    for name, protos, eol, online_flag in shapes:
        for cslug, lines, build in contexts:
            xml = settings_xml(protos, account_extra="      <MicrosoftOnline>%s</MicrosoftOnline>\n"
                               % ("True" if online_flag else "False")).replace("\n", eol)
            out.append(Case("realistic/%s--%s" % (name, cslug),
                            "a response shaped like %s output, context %s" % (name, cslug),
                            xml, doc=Doc(protos), rules=["IDN-1", "IDN-2", "VER-3"], tags=["realistic", name],
                            source="SPEC.md section 16 (%s shape), own content" % name,
                            can_handle=lines, server_build=build))
    return out


WELL = settings_xml([exch("73C083E3"), expr("ntlm")])


def rej(slug, title, data, cls, limit=None, rules=(), tags=(), source="SPEC.md REJ-1 to REJ-4",
        name="response.xml"):
    return Case("reject/" + slug, title, data, expect=reject(cls, limit), rules=list(rules),
                tags=["reject"] + list(tags), source=source, response_name=name)


def reject_cases():
    out = []
    w = WELL
    out += [
        rej("empty-input", "zero bytes", b"", "empty", name="response.bin", tags=["empty"]),
        rej("only-whitespace", "only white space", " \n\t\n", "not-well-formed", tags=["empty"]),
        rej("only-bom", "only a UTF-8 BOM", b"\xef\xbb\xbf", "not-well-formed", name="response.bin", tags=["bom"]),
        rej("only-declaration", "only the XML declaration", DECL, "not-well-formed"),
        rej("truncated-middle", "truncated in the middle", w[:len(w) // 2], "not-well-formed", tags=["truncated"]),
        rej("truncated-before-end", "truncated before the root end tag", w[:w.rindex("</Autodiscover>")],
            "not-well-formed", tags=["truncated"]),
        rej("truncated-in-tag", "truncated inside a start tag", w[:w.index("<Protocol>") + 5], "not-well-formed",
            tags=["truncated"]),
        rej("mismatched-tag", "mismatched end tag", w.replace("</Action>", "</action>"), "not-well-formed"),
        rej("unclosed-authpackage", "AuthPackage never closed", w.replace("</AuthPackage>", ""), "not-well-formed"),
        rej("two-roots", "two root elements", w + w[len(DECL):], "not-well-formed"),
        rej("text-after-root", "text after the root", w + "junk\n", "not-well-formed"),
        rej("undefined-entity", "an undefined entity", w.replace(">ntlm<", ">&ntlm;<"), "not-well-formed"),
        rej("unbound-prefix", "an unbound prefix", w.replace("<AuthPackage>ntlm</AuthPackage>",
                                                            "<x:AuthPackage>ntlm</x:AuthPackage>"), "not-well-formed"),
        rej("illegal-charref", "character reference to U+0000", w.replace(">ntlm<", ">ntlm&#0;<"), "not-well-formed"),
        rej("illegal-charref-vt", "character reference to a vertical tab", w.replace(">ntlm<", ">&#x0B;ntlm<"),
            "not-well-formed"),
        rej("raw-control-char", "a raw control byte in text", w.replace(">ntlm<", ">nt\x01lm<"), "not-well-formed"),
        rej("bad-utf8", "an invalid UTF-8 byte in AuthPackage",
            w.encode().replace(b">ntlm<", b">ntlm\xff<"), "not-well-formed", name="response.bin", tags=["encoding"]),
        rej("overlong-utf8", "an overlong UTF-8 sequence",
            w.encode().replace(b">ntlm<", b">\xc0\xaentlm<"), "not-well-formed", name="response.bin", tags=["encoding"]),
        rej("bad-utf8-in-ignored", "invalid UTF-8 in an element poxauth ignores",
            w.encode().replace(b"alex@contoso.com", b"alex\xfe@contoso.com"), "not-well-formed",
            name="response.bin", tags=["encoding"]),
        rej("duplicate-attribute", "a duplicate attribute",
            w.replace("<Autodiscover ", '<Autodiscover a="1" a="2" '), "not-well-formed"),
        rej("decl-not-first", "the XML declaration after white space", "\n" + w, "not-well-formed"),
        rej("cdata-unterminated", "an unterminated CDATA section",
            w.replace(">ntlm<", "><![CDATA[ntlm<"), "not-well-formed", tags=["cdata"]),
        rej("lt-in-text", "a raw < in text", w.replace(">ntlm<", ">nt<lm<"), "not-well-formed"),
        rej("wrong-namespace-first", "the wrong root namespace comes before the syntax error",
            w.replace(NS_R, NS_Q).replace("</Action>", "</action>"), "wrong-namespace", tags=["order"]),
        rej("syntax-error-in-decl", "a syntax error in the XML declaration",
            w.replace('version="1.0"', 'version=1.0'), "not-well-formed"),
    ]
    # [XMLNS] reserves the prefixes xmlns and xml and the XML namespace; a
    # document that binds them otherwise is not namespace-well-formed.
    root = '<Autodiscover xmlns="%s">' % NS_R
    for slug, title, decl in (
        ("reserved-prefix-xmlns", "the reserved prefix xmlns declared", ' xmlns:xmlns="%s"' % NS_R),
        ("reserved-prefix-xml", "the prefix xml bound to another namespace", ' xmlns:xml="urn:example:x"'),
        ("reserved-namespace-xml", "another prefix bound to the XML namespace",
         ' xmlns:x="http://www.w3.org/XML/1998/namespace"'),
    ):
        out.append(rej(slug, title, w.replace(root, root[:-1] + decl + ">"), "not-well-formed",
                       tags=["namespace"]))
    dt_internal = DECL + '<!DOCTYPE Autodiscover [\n  <!ENTITY pkg "negotiate">\n]>\n' + \
        w[len(DECL):].replace(">ntlm<", ">&pkg;<")
    lol = "".join('  <!ENTITY lol%d "%s">\n' % (i, ("&lol%d;" % (i - 1)) * 10 if i else "lol") for i in range(10))
    bomb = DECL + "<!DOCTYPE Autodiscover [\n" + lol + "]>\n" + w[len(DECL):].replace(">ntlm<", ">&lol9;<")
    ext = DECL + '<!DOCTYPE Autodiscover [\n  <!ENTITY xxe SYSTEM "file:///etc/passwd">\n]>\n' + \
        w[len(DECL):].replace(">ntlm<", ">&xxe;<")
    ext_dtd = DECL + '<!DOCTYPE Autodiscover SYSTEM "http://example.invalid/autodiscover.dtd">\n' + w[len(DECL):]
    param = DECL + '<!DOCTYPE Autodiscover [\n  <!ENTITY % p SYSTEM "http://example.invalid/p.dtd">\n  %p;\n]>\n' + \
        w[len(DECL):]
    out += [
        rej("doctype-plain", "a DOCTYPE without internal subset", DECL + "<!DOCTYPE Autodiscover>\n" + w[len(DECL):],
            "doctype", tags=["doctype"]),
        rej("doctype-internal-entity", "a DOCTYPE with an internal entity", dt_internal, "doctype", tags=["doctype"]),
        rej("doctype-entity-bomb", "billion laughs", bomb, "doctype", tags=["doctype", "entity-bomb"]),
        rej("doctype-external-entity", "an external SYSTEM entity", ext, "doctype", tags=["doctype", "xxe"]),
        rej("doctype-external-dtd", "an external DTD", ext_dtd, "doctype", tags=["doctype", "xxe"]),
        rej("doctype-parameter-entity", "an external parameter entity", param, "doctype", tags=["doctype", "xxe"]),
        rej("doctype-unused", "a DOCTYPE of another root", DECL + "<!DOCTYPE html>\n" + w[len(DECL):], "doctype",
            tags=["doctype"]),
        rej("doctype-misspelt", "a declaration named DOCTYPEX is no DOCTYPE, only a syntax error",
            DECL + "<!DOCTYPEX Autodiscover>\n" + w[len(DECL):], "not-well-formed", tags=["doctype"]),
        rej("doctype-lowercase", "<!doctype is no DOCTYPE in XML, only a syntax error",
            DECL + "<!doctype Autodiscover>\n" + w[len(DECL):], "not-well-formed", tags=["doctype"]),
    ]
    for slug, title, ns in (
        ("namespace-https", "root in the https:// namespace", NS_R.replace("http://", "https://")),
        ("namespace-request", "root in the request namespace", NS_Q),
        ("namespace-outlook-2006a", "root in the Outlook 2006a namespace", NS_A),
        ("namespace-trailing-slash", "root namespace with a trailing slash", NS_R + "/"),
        ("namespace-upper", "root namespace in upper case", NS_R.upper()),
        ("namespace-other", "root in another namespace", "urn:example:autodiscover"),
    ):
        out.append(rej(slug, title, w.replace('<Autodiscover xmlns="%s">' % NS_R,
                                              '<Autodiscover xmlns="%s">' % ns), "wrong-namespace",
                       tags=["namespace"], source="SPEC.md REJ-4 ([RESP], [REQ], [DOCS])"))
    out.append(rej("namespace-missing", "root without namespace",
                   w.replace('<Autodiscover xmlns="%s">' % NS_R, "<Autodiscover>"), "wrong-namespace",
                   tags=["namespace"]))
    out.append(rej("namespace-all-missing", "no namespace anywhere",
                   w.replace(' xmlns="%s"' % NS_R, "").replace(' xmlns="%s"' % NS_A, ""), "wrong-namespace",
                   tags=["namespace"]))
    out.append(rej("root-request", "an Autodiscover request, not a response",
                   DECL + '<Autodiscover xmlns="%s">\n  <Request>\n    <EMailAddress>alex@contoso.com</EMailAddress>\n'
                   "    <AcceptableResponseSchema>%s</AcceptableResponseSchema>\n  </Request>\n</Autodiscover>\n"
                   % (NS_Q, NS_A), "wrong-namespace", tags=["namespace"]))
    out.append(rej("root-other", "another root element",
                   DECL + '<html xmlns="http://www.w3.org/1999/xhtml"><body>Sign in</body></html>\n',
                   "not-autodiscover", tags=["namespace"]))
    out.append(rej("root-lowercase", "root autodiscover in lower case",
                   w.replace("<Autodiscover ", "<autodiscover ").replace("</Autodiscover>", "</autodiscover>"),
                   "not-autodiscover", tags=["namespace"]))
    out.append(rej("root-camel-case", "root AutoDiscover with a capital D",
                   w.replace("<Autodiscover ", "<AutoDiscover ").replace("</Autodiscover>", "</AutoDiscover>"),
                   "not-autodiscover", tags=["namespace"], source="SPEC.md REJ-4"))
    out.append(rej("root-response", "Response as the root",
                   DECL + '<Response xmlns="%s"><Account><Action>settings</Action></Account></Response>\n' % NS_A,
                   "not-autodiscover", tags=["namespace"]))
    out.append(rej("first-problem-root", "another root, then truncated input: the root comes first",
                   DECL + "<foo>\n  <bar>", "not-autodiscover", tags=["order"], source="SPEC.md REJ-1"))
    out.append(rej("first-problem-doctype", "a DOCTYPE before a syntax error",
                   DECL + "<!DOCTYPE Autodiscover>\n" + w[len(DECL):].replace("</Action>", "</action>"),
                   "doctype", tags=["order", "doctype"], source="SPEC.md REJ-1"))
    return out


def encoding_cases():
    out = []
    base = [exch("73C083E3"), expr("Négocier")]
    text = settings_xml(base)
    doc = Doc(base)
    for slug, title, data in (
        ("utf8-bom", "UTF-8 with a BOM", b"\xef\xbb\xbf" + text.encode()),
        ("utf8-no-declaration", "no XML declaration", text[len(DECL):].encode()),
        ("utf16le-bom", "UTF-16LE with a BOM", b"\xff\xfe" + text.replace("utf-8", "utf-16").encode("utf-16-le")),
        ("utf16be-bom", "UTF-16BE with a BOM", b"\xfe\xff" + text.replace("utf-8", "utf-16").encode("utf-16-be")),
        ("utf16le-bom-no-declaration", "UTF-16LE with a BOM, no declaration",
         b"\xff\xfe" + text[len(DECL):].encode("utf-16-le")),
        ("utf8-declared-upper", "encoding=\"UTF-8\"", text.replace("utf-8", "UTF-8").encode()),
        ("crlf-line-ends", "CRLF line ends throughout", text.replace("\n", "\r\n").encode()),
    ):
        out.append(Case("encoding/" + slug, title, data, doc=doc, rules=["REJ-5"], tags=["encoding"],
                        source="SPEC.md REJ-5", response_name="response.bin"))
    for slug, enc in (("windows-1252", "windows-1252"), ("koi8-r", "KOI8-R"), ("shift-jis", "Shift_JIS"),
                      ("ebcdic", "IBM037"), ("utf8-misspelled", "utf8")):
        data = text.replace("utf-8", enc).replace("Négocier", "negotiate").encode("ascii")
        out.append(Case("encoding/" + slug, "declared %s" % enc, data, expect=reject("unsupported-encoding"),
                        rules=["REJ-5"], tags=["encoding", "reject"], source="SPEC.md REJ-5",
                        response_name="response.bin"))
    for slug, enc, pkg in (("iso-8859-1", "ISO-8859-1", "Négocier"), ("iso-8859-1-lower", "iso-8859-1", "Ntlm"),
                           ("us-ascii", "US-ASCII", "kerb"), ("us-ascii-mixed", "Us-Ascii", "Basic")):
        protos = [exch("73C083E3"), expr(pkg)]
        data = settings_xml(protos).replace("utf-8", enc).encode("latin-1")
        out.append(Case("encoding/" + slug, "declared %s" % enc, data, doc=Doc(protos), rules=["REJ-5"],
                        tags=["encoding"], source="SPEC.md REJ-5", response_name="response.bin"))
    plain = settings_xml([exch("73C083E3"), expr("ntlm")])
    # SPEC.md REJ-5: UTF-16 recognised from the byte pattern of "<?xml" is
    # accepted, as expat does ([XML] Appendix F).
    for slug, title, data in (
        ("utf16le-no-bom", "UTF-16LE without a BOM", plain.replace("utf-8", "utf-16").encode("utf-16-le")),
        ("utf16be-no-bom", "UTF-16BE without a BOM", plain.replace("utf-8", "utf-16").encode("utf-16-be")),
    ):
        out.append(Case("encoding/" + slug, title, data, doc=Doc([exch("73C083E3"), expr("ntlm")]),
                        rules=["REJ-5"], tags=["encoding", "bom"], source="SPEC.md REJ-5",
                        response_name="response.bin"))
    out += contradiction_cases(plain)
    # Implementation-defined: SPEC.md names neither.
    protos = [exch("73C083E3"), expr("ntlm")]
    parsed = accepted_lines(protos)
    for slug, title, data, answers, src in (
        ("xml-1.1-declaration", "an XML 1.1 declaration (SPEC.md does not say)",
         settings_xml(protos).replace('version="1.0"', 'version="1.1"').encode(),
         [parsed, reject("not-well-formed"), reject("unsupported-encoding")], "SPEC.md is silent; [XML] 2.8"),
        ("utf16le-label-with-bom", "BOM FF FE with the label UTF-16LE, which [XML] 4.3.3 does not expect "
         "together with a BOM", b"\xff\xfe" + settings_xml(protos).replace("utf-8", "UTF-16LE").encode("utf-16-le"),
         [parsed, reject("unsupported-encoding")], "SPEC.md REJ-5 (left open); [XML] 4.3.3"),
        ("utf16be-label-with-bom", "BOM FE FF with the label UTF-16BE, which [XML] 4.3.3 does not expect "
         "together with a BOM", b"\xfe\xff" + settings_xml(protos).replace("utf-8", "UTF-16BE").encode("utf-16-be"),
         [parsed, reject("unsupported-encoding")], "SPEC.md REJ-5 (left open); [XML] 4.3.3"),
    ):
        out.append(Case("encoding/" + slug, title, data, accept=answers, rules=["REJ-5"],
                        tags=["encoding", "implementation-defined"], source=src,
                        response_name="response.bin"))
    return out


# REJ-5: the byte order mark or byte pattern against the declaration, one
# case per combination; the answer comes from model.encoding_accepted.
COMBINATIONS = [
    # (slug, what the first bytes say, declared name)
    ("utf8-bom-declares-utf16", "utf8-bom", "utf-16"),
    ("utf8-bom-declares-iso-8859-1", "utf8-bom", "iso-8859-1"),
    ("utf8-bom-declares-us-ascii", "utf8-bom", "US-ASCII"),
    ("utf8-bom-declares-windows-1252", "utf8-bom", "windows-1252"),
    ("utf8-bom-declares-utf16le", "utf8-bom", "UTF-16LE"),
    ("utf8-bom-declares-utf8-mixed-case", "utf8-bom", "Utf-8"),
    ("utf16-bom-declares-utf8", "utf16le", "utf-8"),
    ("utf16le-bom-declares-utf16be", "utf16le", "UTF-16BE"),
    ("utf16le-bom-declares-iso-8859-1", "utf16le", "iso-8859-1"),
    ("utf16be-bom-declares-utf8", "utf16be", "utf-8"),
    ("utf16be-bom-declares-utf16le", "utf16be", "UTF-16LE"),
    ("utf16be-bom-declares-us-ascii", "utf16be", "us-ascii"),
    ("utf16le-no-bom-declares-utf16le", "utf16le-pattern", "UTF-16LE"),
    ("utf16le-no-bom-declares-utf16be", "utf16le-pattern", "UTF-16BE"),
    ("utf16le-no-bom-declares-utf8", "utf16le-pattern", "utf-8"),
    ("utf16be-no-bom-declares-utf16be", "utf16be-pattern", "UTF-16BE"),
    ("utf16be-no-bom-declares-utf16le", "utf16be-pattern", "UTF-16LE"),
    ("utf8-bytes-declare-utf16", "plain", "utf-16"),
    ("utf8-bytes-declare-utf16be", "plain", "UTF-16BE"),
]


def contradiction_cases(plain):
    from model import encoding_accepted
    out = []
    codec = {"utf8-bom": "utf-8", "utf16le": "utf-16-le", "utf16be": "utf-16-be", "plain": "utf-8"}
    bom = {"utf8-bom": b"\xef\xbb\xbf", "utf16le": b"\xff\xfe", "utf16be": b"\xfe\xff", "plain": b""}
    for slug, head, label in COMBINATIONS:
        family = head.replace("-pattern", "")
        pre = b"" if head.endswith("-pattern") else bom[family]
        data = pre + plain.replace("utf-8", label).encode(codec[family])
        protos = [exch("73C083E3"), expr("ntlm")]
        ok = encoding_accepted(family, label)
        title = "%s, declaration says %s" % ({"utf8-bom": "UTF-8 BOM", "utf16le": "UTF-16LE BOM",
                                              "utf16be": "UTF-16BE BOM", "plain": "ASCII-compatible bytes",
                                              "utf16le-pattern": "UTF-16LE without a BOM",
                                              "utf16be-pattern": "UTF-16BE without a BOM"}[head], label)
        out.append(Case("encoding/" + slug, title, data, doc=Doc(protos) if ok else None,
                        expect=None if ok else reject("unsupported-encoding"), rules=["REJ-5"],
                        tags=["encoding", "bom"] + ([] if ok else ["reject"]), source="SPEC.md REJ-5",
                        response_name="response.bin"))
    return out


def accepted_lines(protos):
    from model import evaluate
    return evaluate(Doc(protos), "pox")


def limit_cases():
    out = []
    n = 1 << 20
    head = settings_xml([exch("73C083E3"), expr("ntlm")])
    pad_at = head.index("  <Response")

    def padded(total):
        filler = total - len(head) - len("<!---->\n")
        return head[:pad_at] + "<!--" + "x" * filler + "-->\n" + head[pad_at:]
    big = padded(n + 1)
    assert len(big) == n + 1
    out.append(Case("limits/input-bytes-over", "1 MiB + 1 byte of input", big,
                    expect=reject("limit", "input-bytes"), rules=["REJ-6"], tags=["limit"],
                    source="SPEC.md REJ-6"))
    broken = big[:pad_at] + "<a></b>\n" + big[pad_at:]
    out.append(Case("limits/input-bytes-over-syntax-first", "a syntax error within the first MiB wins", broken,
                    expect=reject("not-well-formed"), rules=["REJ-6", "REJ-2"], tags=["limit", "order"],
                    source="SPEC.md REJ-6"))
    exact = padded(n)
    assert len(exact) == n
    out.append(Case("limits/input-bytes-at", "exactly 1 MiB of input", exact,
                    doc=Doc([exch("73C083E3"), expr("ntlm")]), rules=["REJ-6"],
                    tags=["limit", "boundary"], source="SPEC.md REJ-6"))

    # Depth: root = 1, Response 2, Account 3; the nest starts at 4.
    def deep(levels):
        inner = "".join("<Extension>" for _ in range(levels)) + "".join("</Extension>" for _ in range(levels))
        return settings_xml([expr("ntlm")], account_extra="      " + inner + "\n")
    out.append(Case("limits/depth-over", "nesting 33 deep", deep(30), expect=reject("limit", "depth"),
                    rules=["REJ-6"], tags=["limit"], source="SPEC.md REJ-6"))
    out.append(Case("limits/depth-at", "nesting exactly 32 deep", deep(29), doc=Doc([expr("ntlm")]),
                    rules=["REJ-6"], tags=["limit", "boundary"], source="SPEC.md REJ-6"))
    # Elements: root, Response, Account, AccountType, Action = 5 start tags.
    def many(total):
        return settings_xml([], user=False, account_extra="      " + "<x/>" * (total - 5) + "\n")
    out.append(Case("limits/elements-over", "10001 start tags", many(10001), expect=reject("limit", "elements"),
                    rules=["REJ-6"], tags=["limit"], source="SPEC.md REJ-6"))
    out.append(Case("limits/elements-at", "exactly 10000 start tags", many(10000), doc=Doc([]),
                    rules=["REJ-6"], tags=["limit", "boundary"], source="SPEC.md REJ-6"))
    for count, slug in ((65, "protocols-over"), (64, "protocols-at")):
        protos = [Proto("IMAP") for _ in range(count)]
        xml = settings_xml(protos)
        if count > 64:
            out.append(Case("limits/" + slug, "65 Account-level Protocols", xml, expect=reject("limit", "protocols"),
                            rules=["REJ-6"], tags=["limit"], source="SPEC.md REJ-6"))
        else:
            out.append(Case("limits/" + slug, "exactly 64 Account-level Protocols", xml, doc=Doc(protos),
                            rules=["REJ-6"], tags=["limit", "boundary"], source="SPEC.md REJ-6"))
    # Nested Protocols are not Account-level: 100 of them do not hit the limit.
    nest = "".join("        <Internal><Protocol><Type>EXCH</Type></Protocol></Internal>\n" for _ in range(100))
    web = Proto("WEB", extra=nest)
    out.append(Case("limits/protocols-nested-uncounted", "100 nested Protocols are not counted",
                    settings_xml([web]), doc=Doc([web]), rules=["REJ-6", "IDN-2"], tags=["limit", "nested"],
                    source="SPEC.md REJ-6"))
    out.append(Case("limits/text-bytes-over", "4097 bytes of AuthPackage text",
                    settings_xml([expr("a" * 4097)]), expect=reject("limit", "text-bytes"), rules=["REJ-6"],
                    tags=["limit"], source="SPEC.md REJ-6"))
    out.append(Case("limits/text-bytes-over-multibyte", "AuthPackage text over 4096 bytes in 2-byte characters",
                    settings_xml([expr("é" * 2049)]), expect=reject("limit", "text-bytes"), rules=["REJ-6"],
                    tags=["limit"], source="SPEC.md REJ-6"))
    # A fuzz find: the text crosses the limit, then "]]>" makes the document
    # not well-formed before the next tag; the first fatal problem that a
    # streaming reader can see whatever the chunks is the "]]>" (REJ-1).
    out.append(Case("limits/text-bytes-over-then-not-well-formed",
                    "4100 bytes of AuthPackage text ending in ]]>",
                    settings_xml([expr("n" * 4100 + "]]>")]).replace("]]&gt;", "]]>"),
                    expect=reject("not-well-formed"),
                    rules=["REJ-6", "REJ-1", "REJ-2"], tags=["limit", "reject", "fuzz"],
                    source="fuzz find corpus/poxauth_fuzzer/regress-be0c757bcb151622050a3d5bcbead873e4e90b66"))
    ign = Proto("EXPR", auths=[auth_text("ntlm")],
                extra="        <CertPrincipalName>%s</CertPrincipalName>\n" % ("m" * 100000))
    out.append(Case("limits/text-bytes-ignored-element", "100000 bytes of text in an element poxauth ignores",
                    settings_xml([ign]), doc=Doc([ign]), rules=["REJ-6"], tags=["limit", "boundary"],
                    source="SPEC.md REJ-6"))
    # What text-bytes counts (SPEC.md REJ-6): only the text of the element
    # of each role the rules use; everything else is skipped unbuffered.
    big = "z" * 5000
    for slug, title, p, over in (
        ("type-over", "a Type of 4097 bytes", Proto("E" * 4097), True),
        ("serverversion-over", "a ServerVersion of 4097 bytes", Proto("EXCH", sv="7" * 4097), True),
        ("losing-duplicate-uncounted", "5000 bytes in the losing duplicate AuthPackage",
         Proto("EXPR", auths=[auth_text("ntlm"), auth_text(big)]), False),
        ("authpackage-child-uncounted", "5000 bytes inside a child of AuthPackage",
         Proto("EXPR", auths=[Auth("ntlm<x>%s</x>" % big, "ntlm", children=True)]), False),
        ("second-type-uncounted", "5000 bytes in a second Type",
         Proto("EXPR", auths=[auth_text("ntlm")], extra="        <Type>%s</Type>\n" % big), False),
        ("second-serverversion-uncounted", "5000 bytes in a second ServerVersion",
         Proto("EXCH", sv="73C083E3", extra="        <ServerVersion>%s</ServerVersion>\n" % big), False),
        ("nested-protocol-uncounted", "5000 bytes of AuthPackage in a nested Protocol",
         Proto("WEB", extra="        <Internal><Protocol><Type>EXPR</Type><AuthPackage>%s</AuthPackage>"
               "</Protocol></Internal>\n" % big), False),
        ("attribute-uncounted", "a 5000-byte attribute value on AuthPackage",
         Proto("EXPR", auths=[Auth("ntlm", "ntlm", attrs=' note="%s"' % big)]), False),
    ):
        xml = settings_xml([p])
        if over:
            out.append(Case("limits/text-bytes-" + slug, title, xml, expect=reject("limit", "text-bytes"),
                            rules=["REJ-6"], tags=["limit"], source="SPEC.md REJ-6"))
        else:
            out.append(Case("limits/text-bytes-" + slug, title, xml, doc=Doc([p]), rules=["REJ-6"],
                            tags=["limit", "boundary"], source="SPEC.md REJ-6"))
    if FORMAT_ALLOWS_LONG_LINES:
        # Longest legal fields: 4096 bytes of text, escaped to 12288.
        for slug, p in (("type-at-escaped", Proto("\u00e9" * 2048)), ("type-at-ascii", Proto("E" * 4096))):
            out.append(Case("limits/text-bytes-" + slug, "a Type of exactly 4096 bytes", settings_xml([p]),
                            doc=Doc([p]), rules=["REJ-6", "OUT-1"], tags=["limit", "boundary", "escape"],
                            source="SPEC.md REJ-6, FORMAT.md field escaping"))
        out.append(Case("limits/text-bytes-errorcode-at", "an ErrorCode of exactly 4096 bytes",
                        error_xml("\u00e9" * 2048), doc=Doc([], response="R-error", error_code="\u00e9" * 2048),
                        rules=["REJ-6", "KND-3"], tags=["limit", "boundary", "error", "escape"],
                        source="SPEC.md REJ-6, FORMAT.md field escaping"))
    out.append(Case("limits/text-bytes-action-over", "an Action of 4097 bytes",
                    settings_xml([], action="s" * 4097), expect=reject("limit", "text-bytes"),
                    rules=["REJ-6"], tags=["limit"], source="SPEC.md REJ-6"))
    out.append(Case("limits/text-bytes-errorcode-over", "an ErrorCode of 4097 bytes", error_xml("6" * 4097),
                    expect=reject("limit", "text-bytes"), rules=["REJ-6"], tags=["limit", "error"],
                    source="SPEC.md REJ-6"))
    return out


def cases():
    return (kind_cases() + error_cases() + realistic_cases() + reject_cases() + encoding_cases()
            + limit_cases())
