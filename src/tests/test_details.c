/* SPDX-License-Identifier: MIT */
/* What the canonical format does not show, and corners the conformance
 * corpus does not reach: hints, the ErrorCode accessor, name lookups,
 * the canonical writer's escaping and short buffers, CR and the Type
 * attribute trimmed, Response and Account namespaces, separators of
 * builds and header tokens.  Each check kills a mutant of ci/mutations.txt
 * (named in the comment) that the other tests let through. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "testlib.h"

check_state check_totals;

#define DOC(body)                                                              \
  "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A "\"><Account>"          \
  "<Action>settings</Action>" body "</Account></Response></Autodiscover>"

static poxauth_result *
parse(poxauth_profile prof, const char *xml) {
  poxauth_options o;
  poxauth_result *r = NULL;
  poxauth_options_init(&o);
  o.profile = prof;
  CHECK(poxauth_parse(&o, xml, strlen(xml), &r, NULL) != POXAUTH_ERR_ARGUMENT);
  return r;
}

/* The hint of the first finding with code c, or "" */
static const char *
hint_of(const poxauth_result *r, poxauth_finding_code c) {
  size_t i;
  for (i = 0; i < poxauth_result_finding_count(r); i++)
    if (poxauth_result_finding(r, i)->code == c)
      return poxauth_result_finding(r, i)->hint;
  return "";
}

static void
check_canonical(poxauth_profile prof, const char *xml, const char *want) {
  poxauth_options o;
  poxauth_status st;
  char *got;
  poxauth_options_init(&o);
  o.profile = prof;
  got = run_canonical(&o, xml, strlen(xml), &st);
  CHECK_STR(got, want);
  free(got);
}

/* [VAL-5]: the hint names the value the word stands for (M040, M041). */
static void
translated_hints(void) {
  static const struct {
    const char *xml, *value;
  } t[] = {
      {DOC("<Protocol><Type>EXPR</Type><AuthPackage>NTML</AuthPackage>"
           "</Protocol>"),
       "it stands for the value ntlm"},
      {DOC("<Protocol><Type>EXPR</Type><AuthPackage>N\xc3\xa9gocier"
           "</AuthPackage></Protocol>"),
       "it stands for the value negotiate"},
      {DOC("<Protocol><Type>EXPR</Type><AuthPackage>KERBTRAY LOCALIZADO"
           "</AuthPackage></Protocol>"),
       "it stands for the value kerb"}, /* a Z folds too (M006) */
      {DOC("<Protocol><Type>EXPR</Type><AuthPackage>Kerbtray</AuthPackage>"
           "</Protocol>"),
       "it stands for the value kerb"},
  };
  size_t i;
  for (i = 0; i < sizeof t / sizeof t[0]; i++) {
    poxauth_result *r = parse(POXAUTH_PROFILE_UNION, t[i].xml);
    CHECK_STR(hint_of(r, POXAUTH_F_VALUE_TRANSLATED), t[i].value);
    poxauth_result_free(r);
  }
}

/* [PRO-1], [VAL-4]: a value of the other profile is named in the hint
 * (M042, M066). */
static void
other_profile_hints(void) {
  poxauth_result *r =
      parse(POXAUTH_PROFILE_POX,
            DOC("<Protocol><Type>EXCH</Type><AuthPackage>Anonymous"
                "</AuthPackage></Protocol>"));
  CHECK(strstr(hint_of(r, POXAUTH_F_VALUE_UNKNOWN), "anonymous is a value") !=
        NULL);
  poxauth_result_free(r);
  r = parse(POXAUTH_PROFILE_OXDSCLI,
            DOC("<Protocol><Type>EXCH</Type><AuthPackage>nego2</AuthPackage>"
                "</Protocol>"));
  CHECK(strstr(hint_of(r, POXAUTH_F_VALUE_UNKNOWN), "nego2 is a value") !=
        NULL);
  poxauth_result_free(r);
  r = parse(POXAUTH_PROFILE_POX,
            DOC("<Protocol><Type>EXCH</Type><AuthPackage>digest</AuthPackage>"
                "</Protocol>"));
  CHECK(strstr(hint_of(r, POXAUTH_F_VALUE_UNKNOWN), "values: ") != NULL);
  poxauth_result_free(r);
}

/* Section 2: CR is XML white space; written as a reference it reaches the
 * text and is trimmed from a value and a Type (M001).  [TYP-1]: the Type
 * attribute is trimmed too (M080). */
static void
trimming(void) {
  check_canonical(POXAUTH_PROFILE_UNION,
                  DOC("<Protocol><Type>&#13;EXPR&#13;</Type><AuthPackage>"
                      "&#13;ntlm&#13;</AuthPackage></Protocol>"),
                  "poxauth-canonical 1\nkind settings\n"
                  "protocol 0 EXPR ntlm yes\n"
                  "finding 0 value-trimmed note\nend\n");
  check_canonical(POXAUTH_PROFILE_UNION,
                  DOC("<Protocol Type=\" mapiHttp&#9;\" Version=\"1\">"
                      "<AuthPackage>ntlm</AuthPackage></Protocol>"),
                  "poxauth-canonical 1\nkind settings\n"
                  "protocol 0 mapiHttp ntlm no\n"
                  "finding 0 not-applicable note\nend\n");
}

/* [KND-1], [IDN-1]: only {A}Response holds Accounts, only {A}Account holds
 * Protocols (M069, M070). */
static void
namespaces(void) {
  check_canonical(POXAUTH_PROFILE_UNION,
                  "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"\">"
                  "<Account xmlns=\"" A "\"><Action>settings</Action>"
                  "</Account></Response></Autodiscover>",
                  "poxauth-canonical 1\nkind other\n"
                  "finding - response-missing violation\nend\n");
  check_canonical(POXAUTH_PROFILE_UNION,
                  "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A "\">"
                  "<Account xmlns=\"" R "\"><Action xmlns=\"" A
                  "\">settings</Action><Protocol xmlns=\"" A
                  "\"><Type>EXPR</Type></Protocol></Account></Response>"
                  "</Autodiscover>",
                  "poxauth-canonical 1\nkind other\n"
                  "finding - action-missing violation\nend\n");
}

/* [KND-3]: an ErrorCode empty after trimming is none (M093). */
static void
empty_error_code(void) {
  size_t len = 99;
  poxauth_result *r =
      parse(POXAUTH_PROFILE_UNION,
            "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" R "\"><Error>"
            "<ErrorCode> </ErrorCode></Error></Response></Autodiscover>");
  CHECK(poxauth_result_kind(r) == POXAUTH_KIND_ERROR);
  CHECK(poxauth_result_error_code(r, &len) == NULL);
  CHECK(len == 0);
  poxauth_result_free(r);
}

/* [KND-3]: the ErrorCode comes from the first Error only, even when that
 * one has none (M095). */
static void
first_error_only(void) {
  check_canonical(POXAUTH_PROFILE_UNION,
                  "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" R "\">"
                  "<Error><Message>m</Message></Error><Error><ErrorCode>600"
                  "</ErrorCode></Error></Response><Response xmlns=\"" R
                  "\"><Error><ErrorCode>601</ErrorCode></Error></Response>"
                  "</Autodiscover>",
                  "poxauth-canonical 1\nkind error -\nend\n");
}

/* [VER-7], [HDR-2]: only '.' separates build parts; only ',', SP and HTAB
 * separate header tokens (M011, M023). */
static void
separators(void) {
  poxauth_build b;
  poxauth_bytes semi = {"Negotiate;q=1", 13}, lead = {";Negotiate", 10},
                tab = {"x\tNegotiate", 11};
  CHECK(poxauth_build_parse("15,0", 4, &b) != 0);
  CHECK(poxauth_build_parse("15.0", 4, &b) == 0 && b.nparts == 2);
  CHECK(poxauth_can_handle_parse(&semi, 1) == 0);
  CHECK(poxauth_can_handle_parse(&lead, 1) == 0);
  CHECK(poxauth_can_handle_parse(&tab, 1) == POXAUTH_CAN_NEGOTIATE);
}

/* Names of values one past each table are "?" (M038). */
static void
names(void) {
  CHECK_STR(poxauth_kind_name((poxauth_kind)(POXAUTH_KIND_MOBILESYNC + 1)),
            "?");
  CHECK_STR(poxauth_value_name((poxauth_value)(POXAUTH_VALUE_ANONYMOUS + 1)),
            "?");
  CHECK_STR(poxauth_profile_name((poxauth_profile)(POXAUTH_PROFILE_UNION + 1)),
            "?");
  CHECK_STR(poxauth_reject_name((poxauth_reject_class)POXAUTH_REJECT_COUNT),
            "?");
  CHECK_STR(
      poxauth_limit_name((poxauth_limit_id)(POXAUTH_LIMIT_TEXT_BYTES + 1)),
      "?");
  CHECK_STR(poxauth_status_name((poxauth_status)(POXAUTH_ERR_STATE + 1)), "?");
  CHECK(strcmp(poxauth_finding_name((poxauth_finding_code)POXAUTH_F_COUNT),
               "?") != 0);
  CHECK_STR(poxauth_finding_name((poxauth_finding_code)(POXAUTH_F_COUNT + 1)),
            "?");
}

/* FORMAT.md fields: DEL is escaped, a lone "-" is %2D (M112, M113); a
 * short buffer gets what fits and a NUL (M120). */
static void
canonical_writer(void) {
  char small[12];
  size_t n;
  poxauth_result *r;
  check_canonical(POXAUTH_PROFILE_UNION,
                  DOC("<Protocol><Type>E\x7f-</Type></Protocol>"
                      "<Protocol><Type>-</Type></Protocol>"),
                  "poxauth-canonical 1\nkind settings\n"
                  "protocol 0 E%7F- absent no\n"
                  "protocol 1 %2D absent no\nend\n");
  r = parse(POXAUTH_PROFILE_UNION, DOC(""));
  memset(small, 'x', sizeof small);
  n = poxauth_result_canonical(r, small, sizeof small);
  CHECK(n == strlen("poxauth-canonical 1\nkind settings\nend\n"));
  CHECK(memcmp(small, "poxauth-can", 11) == 0 && small[11] == '\0');
  poxauth_result_free(r);
}

/* [REJ-6]: the trimmed Type attribute counts against max_text_bytes;
 * reaching the limit is allowed (M081). */
static void
type_attribute_limit(void) {
  static const char *const xml[2] = {DOC("<Protocol Type=\" 12345678 \"/>"),
                                     DOC("<Protocol Type=\"123456789\"/>")};
  int i;
  for (i = 0; i < 2; i++) {
    poxauth_options o;
    poxauth_result *r = NULL;
    const poxauth_rejection *rej;
    poxauth_options_init(&o);
    o.limits.max_text_bytes = 8;
    CHECK(poxauth_parse(&o, xml[i], strlen(xml[i]), &r, NULL) ==
          (i ? POXAUTH_REJECTED : POXAUTH_OK));
    rej = poxauth_result_rejection(r);
    CHECK(i ? rej && rej->limit == POXAUTH_LIMIT_TEXT_BYTES : rej == NULL);
    poxauth_result_free(r);
  }
}

int
main(void) {
  type_attribute_limit();
  translated_hints();
  other_profile_hints();
  trimming();
  namespaces();
  empty_error_code();
  first_error_only();
  separators();
  names();
  canonical_writer();
  return check_report("details");
}
