# SPDX-License-Identifier: MIT
"""Writes the XML of a described response (model.Doc), with the layout of
real Exchange output, so that case files read like what servers send."""

from model import Auth, Proto, auth_text

NS_R = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
NS_A = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"
DECL = '<?xml version="1.0" encoding="utf-8"?>\n'


def auth_xml(a, ind):
    if a.selfclose:
        return "%s<AuthPackage%s/>\n" % (ind, a.attrs)
    return "%s<AuthPackage%s>%s</AuthPackage>\n" % (ind, a.attrs, a.xml_inner)


def proto_xml(p, ind="      "):
    c = ind + "  "
    head = "%s<Protocol%s>\n" % (ind, "" if p.type_attr is None
                                   else ' Type="%s" Version="1"' % p.type_attr)
    body = ""
    auths = "".join(auth_xml(a, c) for a in p.auths)
    if p.auth_first:
        body += auths
    if p.type_child is not None:
        body += "%s<Type>%s</Type>\n" % (c, p.type_child)
    if p.type_attr is None:
        body += "%s<Server>mail.contoso.com</Server>\n" % c
    if p.sv is not None:
        body += "%s<ServerVersion>%s</ServerVersion>\n" % (c, p.sv)
    body += p.extra
    if not p.auth_first:
        body += auths
    return head + body + "%s</Protocol>\n" % ind


def account_xml(protocols, action="settings", extra="", ind="    "):
    c = ind + "  "
    out = "%s<Account>\n%s<AccountType>email</AccountType>\n" % (ind, c)
    if action is not None:
        out += "%s<Action>%s</Action>\n" % (c, action)
    out += extra
    out += "".join(proto_xml(p, c) for p in protocols)
    return out + "%s</Account>\n" % ind


def settings_xml(protocols, action="settings", decl=True, user=True,
                 account_extra="", root_ns=NS_R, resp_ns=NS_A):
    out = DECL if decl else ""
    out += '<Autodiscover xmlns="%s">\n' % root_ns
    out += '  <Response xmlns="%s">\n' % resp_ns
    if user:
        out += ("    <User>\n      <DisplayName>Alex Example</DisplayName>\n"
                "      <AutoDiscoverSMTPAddress>alex@contoso.com</AutoDiscoverSMTPAddress>\n"
                "    </User>\n")
    out += account_xml(protocols, action, account_extra)
    return out + "  </Response>\n</Autodiscover>\n"


def error_xml(code_inner, where="R", message="Invalid Request"):
    code = "" if code_inner is None else \
        "        <ErrorCode>%s</ErrorCode>\n" % code_inner
    err = ('      <Error Time="09:41:07.1234567" Id="2718281828">\n%s'
           "        <Message>%s</Message>\n        <DebugData />\n      </Error>\n"
           % (code, message))
    if where == "R":
        return (DECL + '<Autodiscover xmlns="%s">\n  <Response xmlns="%s">\n%s'
                "  </Response>\n</Autodiscover>\n" % (NS_R, NS_R, err))
    # Error under {A}Account, as the Error (POX) page names its parent.
    err = "".join("  " + l + "\n" for l in err.splitlines())
    return (DECL + '<Autodiscover xmlns="%s">\n  <Response xmlns="%s">\n'
            "    <Account>\n%s    </Account>\n  </Response>\n</Autodiscover>\n"
            % (NS_R, NS_A, err))


def exch(sv=None, auths=()):
    return Proto("EXCH", sv=sv, auths=auths)


def expr(value=None):
    return Proto("EXPR", auths=() if value is None else [auth_text(value)])


__all__ = ["Auth", "Proto", "auth_text", "NS_R", "NS_A", "DECL", "proto_xml",
           "account_xml", "settings_xml", "error_xml", "exch", "expr"]
