/* SPDX-License-Identifier: MIT */
/* The fixed vocabulary: values, Types, translated words, names, messages. */
#include <string.h>

#include "internal.h"

typedef struct word {
  const char *text;
  poxauth_value value;
} word;

/* The sources that define a value [PRO-1]; the union profile takes every
 * value of either [PRO-3], and a value of one source only gets a note. */
enum { SRC_POX = 1, SRC_OXDSCLI = 2, SRC_BOTH = SRC_POX | SRC_OXDSCLI };

static const struct {
  const char *text;
  poxauth_value value;
  unsigned sources;
} values[] = {
    {"basic", POXAUTH_VALUE_BASIC, SRC_BOTH},
    {"kerb", POXAUTH_VALUE_KERB, SRC_BOTH},
    {"kerbntlm", POXAUTH_VALUE_KERBNTLM, SRC_BOTH},
    {"ntlm", POXAUTH_VALUE_NTLM, SRC_BOTH},
    {"certificate", POXAUTH_VALUE_CERTIFICATE, SRC_BOTH},
    {"negotiate", POXAUTH_VALUE_NEGOTIATE, SRC_BOTH},
    {"nego2", POXAUTH_VALUE_NEGO2, SRC_POX},
    {"anonymous", POXAUTH_VALUE_ANONYMOUS, SRC_OXDSCLI},
};

/* [VAL-5]: words that machine-translated editions of the AuthPackage page
 * printed in place of the values (SPEC.md section 18).  Compared
 * ASCII-case-insensitively, so each spelling that differs only in ASCII
 * case is listed once; other letters must match as written. */
static const word translated[] = {
    /* fr */
    {"base", POXAUTH_VALUE_BASIC},
    {"marche", POXAUTH_VALUE_KERB},
    {"trottoir", POXAUTH_VALUE_KERB},
    {"n\xc3\xa9gociation", POXAUTH_VALUE_NTLM},
    {"certificat", POXAUTH_VALUE_CERTIFICATE},
    {"poursuivre", POXAUTH_VALUE_NEGOTIATE},
    {"n\xc3\xa9gocier", POXAUTH_VALUE_NEGOTIATE},
    /* es */
    {"b\xc3\xa1sica", POXAUTH_VALUE_BASIC},
    {"elementos", POXAUTH_VALUE_BASIC},
    {"kerbtray", POXAUTH_VALUE_KERB},
    {"bordillo", POXAUTH_VALUE_KERB},
    {"certificado", POXAUTH_VALUE_CERTIFICATE},
    {"negociar", POXAUTH_VALUE_NEGOTIATE},
    /* pt */
    {"b\xc3\xa1sico", POXAUTH_VALUE_BASIC},
    {"kerbtray localizado", POXAUTH_VALUE_KERB},
    {"passeio", POXAUTH_VALUE_KERB},
    {"ntml", POXAUTH_VALUE_NTLM},
    {"negocia", POXAUTH_VALUE_NEGOTIATE},
    /* de */
    {"grundlegende", POXAUTH_VALUE_BASIC},
    {"bordstein", POXAUTH_VALUE_KERB},
    {"verhandeln", POXAUTH_VALUE_NEGOTIATE},
    {"aushandeln", POXAUTH_VALUE_NEGOTIATE},
    /* ru */
    {"\xd0\x91\xd0\xb0\xd0\xb7\xd0\xbe\xd0\xb2\xd0\xb0\xd1\x8f",
     POXAUTH_VALUE_BASIC}, /* Базовая */
    {"\xd0\x9e\xd1\x81\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xbd\xd0\xbe\xd0\xb5",
     POXAUTH_VALUE_BASIC}, /* Основное */
    {"\xd0\x9e\xd1\x81\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xbd\xd1\x8b\xd0\xb5",
     POXAUTH_VALUE_BASIC}, /* Основные */
    {"\xd0\xbe\xd1\x81\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xbd\xd1\x8b\xd0\xb5",
     POXAUTH_VALUE_BASIC}, /* основные */
    {"\xd0\xa1\xd0\xbe\xd0\xb1\xd1\x81\xd1\x82\xd0\xb2\xd0\xb5\xd0\xbd\xd0"
     "\xbd\xd0\xb0\xd1\x8f",
     POXAUTH_VALUE_KERB}, /* Собственная */
    {"\xd0\xba\xd0\xb5\xd1\x80\xd0\xb1\xd0\xbd\xd1\x82\xd0\xbb\xd0\xbc",
     POXAUTH_VALUE_KERBNTLM}, /* кербнтлм */
    {"\xd1\x81\xd0\xbe\xd0\xb3\xd0\xbb\xd0\xb0\xd1\x81\xd0\xbe\xd0\xb2\xd0"
     "\xb0\xd0\xbd\xd0\xb8\xd0\xb5",
     POXAUTH_VALUE_NEGOTIATE}, /* согласование */
    {"\xd0\xbf\xd0\xbe\xd0\xb4\xd0\xba\xd0\xbb\xd1\x8e\xd1\x87\xd0\xb5\xd0"
     "\xbd\xd0\xb8\xd0\xb5",
     POXAUTH_VALUE_NEGOTIATE}, /* подключение */
    {"\xd0\x9f\xd0\xb5\xd1\x80\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb2\xd0\xbe\xd1"
     "\x80\xd1\x8b",
     POXAUTH_VALUE_NEGOTIATE}, /* Переговоры */
    {"\xd0\xbf\xd1\x80\xd0\xbe\xd1\x82\xd0\xbe\xd0\xba\xd0\xbe\xd0\xbb nego2",
     POXAUTH_VALUE_NEGO2}, /* протокол nego2 */
    /* ja */
    {"\xe5\x9f\xba\xe6\x9c\xac\xe7\x9a\x84\xe3\x81\xaa",
     POXAUTH_VALUE_BASIC}, /* 基本的な */
    {"\xe8\xa8\xbc\xe6\x98\x8e\xe6\x9b\xb8",
     POXAUTH_VALUE_CERTIFICATE},                           /* 証明書 */
    {"\xe4\xba\xa4\xe6\xb8\x89", POXAUTH_VALUE_NEGOTIATE}, /* 交渉 */
    {"\xe5\x8f\x96\xe3\x82\x8a\xe6\xb1\xba\xe3\x82\x81",
     POXAUTH_VALUE_NEGOTIATE}, /* 取り決め */
    {"\xe3\x83\x8d\xe3\x82\xb4\xe3\x82\xb7\xe3\x82\xa8\xe3\x83\xbc\xe3\x83"
     "\x88",
     POXAUTH_VALUE_NEGOTIATE}, /* ネゴシエート */
    /* zh */
    {"\xe5\x9f\xba\xe6\x9c\xac", POXAUTH_VALUE_BASIC}, /* 基本 */
    {"vba", POXAUTH_VALUE_BASIC},
    {"\xe8\xaf\x81\xe4\xb9\xa6", POXAUTH_VALUE_CERTIFICATE}, /* 证书 */
    {"\xe5\x8d\x8f\xe5\x95\x86", POXAUTH_VALUE_NEGOTIATE},   /* 协商 */
    {"\xe6\xb2\x9f\xe9\x80\x9a", POXAUTH_VALUE_NEGOTIATE},   /* 沟通 */
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static poxauth_value
lookup(const word *w, size_t n, const char *s, size_t len) {
  size_t i;
  for (i = 0; i < n; i++)
    if (px_ascii_ieq(s, len, w[i].text, strlen(w[i].text)))
      return w[i].value;
  return POXAUTH_VALUE_ABSENT;
}

static unsigned
profile_sources(poxauth_profile p) {
  return p == POXAUTH_PROFILE_UNION     ? SRC_BOTH
         : p == POXAUTH_PROFILE_OXDSCLI ? SRC_OXDSCLI
                                        : SRC_POX;
}

int
px_value_match(poxauth_profile p, const char *s, size_t len,
               poxauth_value *out) {
  size_t i;
  for (i = 0; i < COUNT(values); i++)
    if ((values[i].sources & profile_sources(p)) &&
        px_ascii_ieq(s, len, values[i].text, strlen(values[i].text))) {
      *out = values[i].value;
      return 1;
    }
  *out = POXAUTH_VALUE_ABSENT;
  return 0;
}

poxauth_value
px_translated_word(const char *s, size_t len) {
  return lookup(translated, COUNT(translated), s, len);
}

typedef struct known_type {
  const char *name;
  size_t len;
} known_type;

#define KNOWN(s)                                                               \
  { s, sizeof s - 1 }
static const known_type known_types[] = {
    KNOWN("EXCH"), KNOWN("EXPR"), KNOWN("EXHTTP"), KNOWN("WEB"),
    KNOWN("POP3"), KNOWN("IMAP"), KNOWN("SMTP"),   KNOWN("mapiHttp")};

int
px_type_class(const char *s, size_t len) {
  size_t i;
  int variant = 0;
  for (i = 0; i < COUNT(known_types); i++) {
    const char *t = known_types[i].name;
    size_t n = known_types[i].len;
    if (len != n)
      continue; /* most Types: no compare at all */
    if (memcmp(s, t, n) == 0)
      return 1;
    if (px_ascii_ieq(s, len, t, n))
      variant = 1;
  }
  return variant ? 2 : 0;
}

int
px_type_applies(poxauth_profile p, const char *s, size_t len) {
  if ((len == 4 && memcmp(s, "EXCH", 4) == 0) ||
      (len == 4 && memcmp(s, "EXPR", 4) == 0))
    return 1;
  /* cov: unreachable branch: rules.c asks only about a known Type
   * (px_type_class 1), and the one known Type of length 6 is EXHTTP */
  return p != POXAUTH_PROFILE_POX && len == 6 && memcmp(s, "EXHTTP", 6) == 0;
}

/* ------------------------------------------------------------------ */

typedef struct finding_info {
  const char *name;
  const char *rule;
  poxauth_severity severity;
  const char *message;
  const char *hint;
} finding_info;

static const finding_info findings[POXAUTH_F_COUNT + 1] = {
    {"?", "?", POXAUTH_NOTE, "?", ""},
    {"response-missing", "KND-1", POXAUTH_VIOLATION,
     "no Outlook provider Response and no Error under the root",
     "a settings response puts Account under a Response in "
     "http://schemas.microsoft.com/exchange/autodiscover/outlook/"
     "responseschema/2006a (http, not https)"},
    {"action-missing", "KND-2", POXAUTH_VIOLATION, "the Account has no Action",
     "Action must be settings, redirectAddr or redirectUrl"},
    {"action-unknown", "KND-2", POXAUTH_VIOLATION,
     "Action is not settings, redirectAddr or redirectUrl",
     "Action is compared case-sensitively"},
    {"type-missing", "TYP-3", POXAUTH_VIOLATION, "Protocol has no Type",
     "add a Type child such as EXCH, EXPR or EXHTTP"},
    {"type-case", "TYP-2", POXAUTH_VIOLATION,
     "Type is a case variant of a known Type",
     "clients compare Type case-sensitively: write EXCH, EXPR, EXHTTP, WEB, "
     "POP3, IMAP, SMTP or mapiHttp exactly"},
    {"not-applicable", "TYP-4", POXAUTH_NOTE,
     "AuthPackage is ignored under this Type", NULL},
    {"value-unknown", "VAL-4", POXAUTH_VIOLATION,
     "AuthPackage value is not one of the profile's values", NULL},
    {"value-translated", "VAL-5", POXAUTH_NOTE,
     "AuthPackage holds a machine-translated documentation word, not a wire "
     "value",
     NULL},
    {"value-empty", "VAL-6", POXAUTH_VIOLATION, "AuthPackage is empty",
     "omit the element instead: without AuthPackage the client uses "
     "Kerberos or NTLM"},
    {"value-children", "VAL-7", POXAUTH_VIOLATION,
     "AuthPackage has child elements",
     "AuthPackage holds text only; text inside the children is not part of "
     "the value"},
    {"value-duplicate", "VAL-8", POXAUTH_VIOLATION,
     "a second AuthPackage in one Protocol; the first one wins",
     "send one AuthPackage per Protocol"},
    {"value-case", "VAL-3", POXAUTH_NOTE,
     "AuthPackage value is not written in lowercase",
     "the documentation writes values in lowercase, and some clients compare "
     "them case-sensitively"},
    {"value-trimmed", "VAL-3", POXAUTH_NOTE,
     "AuthPackage value is surrounded by white space",
     "some clients do not trim: send the bare value"},
    {"negotiate-unrequested", "VER-1", POXAUTH_VIOLATION,
     "negotiate returned to a client that did not send X-ClientCanHandle: "
     "Negotiate",
     "from build 15.0.995.14 the server may return negotiate only when the "
     "request's X-ClientCanHandle header contains Negotiate"},
    {"exhttp-unrequested", "VER-2", POXAUTH_VIOLATION,
     "EXHTTP Protocol returned to a client that did not send "
     "X-ClientCanHandle: ExHttpInfo",
     "from build 15.0.995.14 the server may return an EXHTTP Protocol only "
     "when the request's X-ClientCanHandle header contains ExHttpInfo"},
    {"build-assumed", "VER-5", POXAUTH_NOTE,
     "server build unknown: the version rule was applied as for current "
     "Exchange",
     "give the build (--server-build A.B.C.D) or send a ServerVersion"},
    {"serverversion-malformed", "VER-6", POXAUTH_VIOLATION,
     "ServerVersion is not eight hex digits; it is ignored",
     "ServerVersion packs major, minor and build into 32 bits, e.g. 73C083E3 "
     "for 15.0.995"},
    {"value-one-source", "PRO-3", POXAUTH_NOTE,
     "AuthPackage value is defined by only one of the two sources", NULL},
};

static int
finding_ok(poxauth_finding_code c) {
  return (int)c >= 1 && (int)c <= POXAUTH_F_COUNT;
}

const char *
poxauth_finding_name(poxauth_finding_code c) {
  return finding_ok(c) ? findings[c].name : "?";
}

const char *
poxauth_finding_rule(poxauth_finding_code c) {
  return finding_ok(c) ? findings[c].rule : "?";
}

poxauth_severity
poxauth_finding_severity(poxauth_finding_code c) {
  return finding_ok(c) ? findings[c].severity : POXAUTH_NOTE;
}

const char *
px_finding_message(poxauth_finding_code c) {
  /* cov: unreachable branch: px_add_finding, the one caller, has the valid
   * codes of rules.c and parser.c */
  return finding_ok(c) ? findings[c].message : "?";
}

static const char *const translated_hint[] = {
    "",
    "", /* absent, unknown */
    "it stands for the value basic",
    "it stands for the value kerb",
    "it stands for the value kerbntlm",
    "it stands for the value ntlm",
    "it stands for the value certificate",
    "it stands for the value negotiate",
    "it stands for the value nego2",
    "it stands for the value anonymous",
};

int
px_value_one_source(poxauth_value v) {
  size_t i;
  /* cov: unreachable branch: the return's reason below */
  for (i = 0; i < COUNT(values); i++)
    if (values[i].value == v)
      return values[i].sources != SRC_BOTH;
  /* cov: unreachable: rules.c asks only about a value px_value_match
   * returned, which is one of values[] */
  return 0;
}

const char *
px_finding_hint(poxauth_finding_code c, poxauth_profile p, poxauth_value v) {
  int ox = p == POXAUTH_PROFILE_OXDSCLI;
  switch (c) {
  case POXAUTH_F_NOT_APPLICABLE:
    if (p == POXAUTH_PROFILE_UNION)
      return "the union profile applies AuthPackage to EXCH, EXPR and EXHTTP "
             "only";
    return ox ? "the oxdscli profile applies AuthPackage to EXCH, EXPR and "
                "EXHTTP only"
              : "the pox profile applies AuthPackage to EXCH and EXPR only";
  case POXAUTH_F_VALUE_ONE_SOURCE:
    return v == POXAUTH_VALUE_ANONYMOUS
               ? "source: [MS-OXDSCLI] 2.2.4.1.1.2.6.4 only (the EWS "
                 "AuthPackage (POX) page does not list anonymous); --profile "
                 "pox reports it as value-unknown"
               : "source: the EWS AuthPackage (POX) page only ([MS-OXDSCLI] "
                 "does not list nego2); --profile oxdscli reports it as "
                 "value-unknown";
  case POXAUTH_F_VALUE_UNKNOWN:
    if (v == POXAUTH_VALUE_ANONYMOUS)
      return "anonymous is a value of [MS-OXDSCLI] only: profile union (the "
             "default) or oxdscli accepts it";
    if (v == POXAUTH_VALUE_NEGO2)
      return "nego2 is a value of the EWS AuthPackage (POX) page only: "
             "profile union (the default) or pox accepts it";
    if (p == POXAUTH_PROFILE_UNION)
      return "values: basic, kerb, kerbntlm, ntlm, certificate, negotiate, "
             "nego2, anonymous";
    return ox ? "values: basic, kerb, kerbntlm, ntlm, certificate, "
                "negotiate, anonymous"
              : "values: basic, kerb, kerbntlm, ntlm, certificate, "
                "negotiate, nego2";
  case POXAUTH_F_VALUE_TRANSLATED:
    /* cov: unreachable branch: v comes from px_translated_word, a value of the
     * table */
    return (int)v >= 0 && (size_t)v < COUNT(translated_hint)
               ? translated_hint[v]
               : "";
  default:
    /* cov: unreachable branch: px_add_finding has valid codes only, and the
     * codes without a hint are the cases above */
    return finding_ok(c) && findings[c].hint ? findings[c].hint : "";
  }
}

/* ------------------------------------------------------------------ */

/* Enum values come from callers: look them up only when in range. */
static const char *
name_at(const char *const *names, size_t count, int i) {
  return i >= 0 && (size_t)i < count ? names[i] : "?";
}

const char *
poxauth_status_name(poxauth_status s) {
  static const char *const n[] = {"ok", "rejected", "out-of-memory",
                                  "bad-argument", "bad-state"};
  return name_at(n, COUNT(n), (int)s);
}

const char *
poxauth_reject_name(poxauth_reject_class c) {
  static const char *const n[POXAUTH_REJECT_COUNT] = {"none",
                                                      "not-well-formed",
                                                      "doctype",
                                                      "not-autodiscover",
                                                      "wrong-namespace",
                                                      "unsupported-encoding",
                                                      "empty",
                                                      "limit",
                                                      "out-of-memory"};
  return name_at(n, COUNT(n), (int)c);
}

const char *
poxauth_limit_name(poxauth_limit_id l) {
  static const char *const n[] = {"none",     "input-bytes", "depth",
                                  "elements", "protocols",   "text-bytes"};
  return name_at(n, COUNT(n), (int)l);
}

const char *
poxauth_kind_name(poxauth_kind k) {
  static const char *const n[] = {"other",       "settings", "redirectAddr",
                                  "redirectUrl", "error",    "mobilesync"};
  return name_at(n, COUNT(n), (int)k);
}

const char *
poxauth_value_name(poxauth_value v) {
  static const char *const n[] = {
      "absent", "unknown",     "basic",     "kerb",  "kerbntlm",
      "ntlm",   "certificate", "negotiate", "nego2", "anonymous"};
  return name_at(n, COUNT(n), (int)v);
}

const char *
poxauth_profile_name(poxauth_profile p) {
  static const char *const n[] = {"pox", "oxdscli", "union"};
  return name_at(n, COUNT(n), (int)p);
}

const char *
poxauth_version(void) {
  return POXAUTH_VERSION_STRING;
}
