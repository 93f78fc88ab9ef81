/* SPDX-License-Identifier: MIT */
/* The API contract: argument and state errors, names, positions, the
 * canonical writer's buffer handling, and results read back. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "poxauth.h"

check_state check_totals;

static const char doc[] = "<?xml version=\"1.0\"?>\n"
                          "<Autodiscover xmlns=\"" R "\">\n"
                          "<Response xmlns=\"" A "\">\n"
                          "<Account><Action>settings</Action>\n"
                          "  <Protocol><Type>EXPR</Type>\n"
                          "    <AuthPackage>Ntlm</AuthPackage></Protocol>\n"
                          "</Account></Response></Autodiscover>\n";

static void
arguments(void) {
  poxauth_options o;
  poxauth_parser *p = (poxauth_parser *)&o;
  poxauth_result *r = (poxauth_result *)&o;
  const char *err = NULL;
  poxauth_options_init(&o);
  o.profile = (poxauth_profile)7;
  CHECK(poxauth_parser_create(&o, &p, &err) == POXAUTH_ERR_ARGUMENT);
  CHECK(p == NULL && err && strstr(err, "profile"));
  poxauth_options_init(&o);
  o.can_handle_count = 1;
  CHECK(poxauth_parser_create(&o, &p, &err) == POXAUTH_ERR_ARGUMENT);
  poxauth_options_init(&o);
  o.memory.malloc_fcn = malloc;
  CHECK(poxauth_parser_create(&o, &p, &err) == POXAUTH_ERR_ARGUMENT);
  CHECK(err && strstr(err, "memory"));
  poxauth_options_init(&o);
  o.server_build = "15.0.x";
  o.server_build_len = 6;
  CHECK(poxauth_parse(&o, doc, sizeof doc - 1, &r, &err) ==
        POXAUTH_ERR_ARGUMENT);
  CHECK(r == NULL && err && strstr(err, "build"));
  /* A build of length 0 means "not known". */
  o.server_build_len = 0;
  CHECK(poxauth_parse(&o, doc, sizeof doc - 1, &r, &err) == POXAUTH_OK);
  poxauth_result_free(r);
  CHECK(poxauth_parse(NULL, doc, sizeof doc - 1, NULL, NULL) ==
        POXAUTH_ERR_ARGUMENT);
  err = NULL;
  CHECK(poxauth_parse(NULL, NULL, 5, &r, &err) == POXAUTH_ERR_ARGUMENT);
  CHECK(r == NULL && err && strstr(err, "NULL"));
  CHECK(poxauth_parser_create(NULL, NULL, NULL) == POXAUTH_ERR_ARGUMENT);
  err = NULL;
  CHECK(poxauth_parser_create(NULL, NULL, &err) == POXAUTH_ERR_ARGUMENT);
  CHECK(err && strstr(err, "out is NULL"));
  CHECK(poxauth_parser_feed(NULL, "x", 1) == POXAUTH_ERR_ARGUMENT);
  CHECK(poxauth_parser_finish(NULL, &r) == POXAUTH_ERR_ARGUMENT);
  poxauth_parser_destroy(NULL);
  poxauth_result_free(NULL);
  poxauth_options_init(NULL);
}

/* The options struct may grow: a caller's struct_size says which fields
 * it knows of. */
static void
options_size(void) {
  struct newer {
    poxauth_options o;
    unsigned long future[2];
  } w;
  poxauth_options o;
  poxauth_result *r = NULL;
  const char *err = NULL;
  poxauth_options_init(&o);
  CHECK(o.struct_size == sizeof o);
  o.struct_size = 0; /* a zeroed or uninitialised struct */
  CHECK(poxauth_parse(&o, doc, sizeof doc - 1, &r, &err) ==
        POXAUTH_ERR_ARGUMENT);
  CHECK(r == NULL && err && strstr(err, "poxauth_options_init"));
  o.struct_size = offsetof(poxauth_options, hash_salt);
  CHECK(poxauth_parse(&o, doc, sizeof doc - 1, &r, &err) ==
        POXAUTH_ERR_ARGUMENT);
  /* A caller compiled against a newer header: its fields beyond ours are
   * accepted at their default (0), refused when set. */
  memset(&w, 0xa5, sizeof w);
  poxauth_options_init_size(&w.o, sizeof w);
  CHECK(w.o.struct_size == sizeof w && w.future[0] == 0 && w.future[1] == 0);
  w.o.profile = POXAUTH_PROFILE_OXDSCLI;
  CHECK(poxauth_parse(&w.o, doc, sizeof doc - 1, &r, &err) == POXAUTH_OK);
  CHECK(r && poxauth_result_profile(r) == POXAUTH_PROFILE_OXDSCLI);
  poxauth_result_free(r);
  w.future[1] = 1;
  CHECK(poxauth_parse(&w.o, doc, sizeof doc - 1, &r, &err) ==
        POXAUTH_ERR_ARGUMENT);
  CHECK(r == NULL && err && strstr(err, "newer"));
}

static void
states(void) {
  poxauth_parser *p;
  poxauth_result *r, *r2;
  CHECK(poxauth_parser_create(NULL, &p, NULL) == POXAUTH_OK);
  CHECK(poxauth_parser_feed(p, NULL, 0) == POXAUTH_OK);
  CHECK(poxauth_parser_feed(p, NULL, 3) == POXAUTH_ERR_ARGUMENT);
  /* Input is parsed in 56 KiB blocks, each once more input arrives: a
   * rejection shows from the feed that goes past the first block. */
  CHECK(poxauth_parser_feed(p, "<!DOCTYPE x>", 12) == POXAUTH_OK);
  {
    static char blanks[256 * 1024];
    memset(blanks, ' ', sizeof blanks);
    CHECK(poxauth_parser_feed(p, blanks, sizeof blanks) == POXAUTH_REJECTED);
  }
  CHECK(poxauth_parser_feed(p, "<x/>", 4) == POXAUTH_REJECTED);
  CHECK(poxauth_parser_finish(p, &r) == POXAUTH_REJECTED);
  CHECK(poxauth_parser_feed(p, "<x/>", 4) == POXAUTH_ERR_STATE);
  CHECK(poxauth_parser_finish(p, &r2) == POXAUTH_ERR_STATE && r2 == NULL);
  poxauth_parser_destroy(p);
  CHECK(poxauth_result_rejection(r) != NULL);
  CHECK(poxauth_result_rejection(r)->cls == POXAUTH_REJECT_DOCTYPE);
  CHECK(poxauth_result_rejection(r)->line == 1);
  CHECK(poxauth_result_kind(r) == POXAUTH_KIND_OTHER);
  CHECK(poxauth_result_protocol_count(r) == 0);
  CHECK(poxauth_result_protocol(r, 0) == NULL);
  CHECK(poxauth_result_finding(r, 0) == NULL);
  poxauth_result_free(r);
  /* Destroying a parser that was never finished frees everything. */
  CHECK(poxauth_parser_create(NULL, &p, NULL) == POXAUTH_OK);
  CHECK(poxauth_parser_feed(p, doc, 40) == POXAUTH_OK);
  poxauth_parser_destroy(p);
}

static void
reading(void) {
  poxauth_result *r;
  const poxauth_protocol *pr;
  const poxauth_finding *f;
  poxauth_bytes line = {"Negotiate", 9};
  poxauth_options o;
  poxauth_options_init(&o);
  o.can_handle = &line;
  o.can_handle_count = 1;
  CHECK(poxauth_parse(&o, doc, sizeof doc - 1, &r, NULL) == POXAUTH_OK);
  CHECK(poxauth_result_rejection(r) == NULL);
  CHECK(poxauth_result_kind(r) == POXAUTH_KIND_SETTINGS);
  CHECK(poxauth_result_profile(r) == POXAUTH_PROFILE_UNION);
  CHECK(poxauth_result_can_handle_lines(r) == 1);
  CHECK(poxauth_result_protocol_count(r) == 1);
  pr = poxauth_result_protocol(r, 0);
  CHECK(pr && pr->type_len == 4 && memcmp(pr->type, "EXPR", 4) == 0);
  CHECK(pr && pr->type_known && pr->applies);
  CHECK(pr && pr->value == POXAUTH_VALUE_NTLM);
  CHECK(pr && pr->raw_len == 4 && strcmp(pr->raw, "Ntlm") == 0);
  CHECK(pr && pr->line == 5 && pr->column == 3);
  CHECK(pr && pr->server_version_state == POXAUTH_SV_ABSENT);
  CHECK(pr && pr->build_source == POXAUTH_BUILD_NOT_NEEDED);
  CHECK(poxauth_result_protocol(r, 1) == NULL);
  CHECK(poxauth_result_finding_count(r) == 1);
  CHECK(poxauth_result_violation_count(r) == 0);
  f = poxauth_result_finding(r, 0);
  CHECK(f && f->code == POXAUTH_F_VALUE_CASE && f->protocol == 0);
  CHECK(f && f->severity == POXAUTH_NOTE);
  CHECK(f && f->line == 6 && f->column == 5);
  CHECK(f && f->message && *f->message && f->hint && *f->hint);
  {
    char small[10];
    size_t need = poxauth_result_canonical(r, NULL, 0);
    char *full = (char *)malloc(need + 1);
    CHECK(poxauth_result_canonical(r, small, sizeof small) == need);
    CHECK(small[9] == '\0' && memcmp(small, "poxauth-c", 9) == 0);
    CHECK(full && poxauth_result_canonical(r, full, need + 1) == need);
    CHECK(full && strlen(full) == need);
    CHECK(full && strcmp(full, "poxauth-canonical 1\nkind settings\n"
                               "protocol 0 EXPR ntlm yes\n"
                               "finding 0 value-case note\nend\n") == 0);
    free(full);
  }
  poxauth_result_free(r);
}

static void
names(void) {
  int c, d;
  for (c = 1; c <= POXAUTH_F_COUNT; c++) {
    const char *n = poxauth_finding_name((poxauth_finding_code)c);
    CHECK(strcmp(n, "?") != 0);
    CHECK(strcmp(poxauth_finding_rule((poxauth_finding_code)c), "?") != 0);
    for (d = 1; d < c; d++)
      CHECK(strcmp(n, poxauth_finding_name((poxauth_finding_code)d)) != 0);
  }
  CHECK(strcmp(poxauth_finding_name((poxauth_finding_code)0), "?") == 0);
  CHECK(
      strcmp(poxauth_finding_name((poxauth_finding_code)(POXAUTH_F_COUNT + 1)),
             "?") == 0);
  CHECK(strcmp(poxauth_finding_rule(POXAUTH_F_NEGOTIATE_UNREQUESTED),
               "VER-1") == 0);
  CHECK(poxauth_finding_severity(POXAUTH_F_VALUE_CASE) == POXAUTH_NOTE);
  CHECK(poxauth_finding_severity(POXAUTH_F_VALUE_UNKNOWN) == POXAUTH_VIOLATION);
  for (c = 0; c < POXAUTH_REJECT_COUNT; c++)
    CHECK(strcmp(poxauth_reject_name((poxauth_reject_class)c), "?") != 0);
  CHECK(strcmp(poxauth_reject_name(POXAUTH_REJECT_NOMEM), "out-of-memory") ==
        0);
  CHECK(strcmp(poxauth_reject_name((poxauth_reject_class)-1), "?") == 0);
  CHECK(strcmp(poxauth_limit_name(POXAUTH_LIMIT_TEXT_BYTES), "text-bytes") ==
        0);
  CHECK(strcmp(poxauth_kind_name(POXAUTH_KIND_REDIRECT_URL), "redirectUrl") ==
        0);
  CHECK(strcmp(poxauth_value_name(POXAUTH_VALUE_NEGO2), "nego2") == 0);
  CHECK(strcmp(poxauth_value_name((poxauth_value)99), "?") == 0);
  CHECK(strcmp(poxauth_profile_name(POXAUTH_PROFILE_OXDSCLI), "oxdscli") == 0);
  CHECK(strcmp(poxauth_profile_name(POXAUTH_PROFILE_UNION), "union") == 0);
  CHECK(strcmp(poxauth_profile_name((poxauth_profile)3), "?") == 0);
  CHECK(strcmp(poxauth_kind_name(POXAUTH_KIND_MOBILESYNC), "mobilesync") == 0);
  CHECK(strcmp(poxauth_finding_name(POXAUTH_F_VALUE_ONE_SOURCE),
               "value-one-source") == 0);
  CHECK(strcmp(poxauth_status_name(POXAUTH_ERR_STATE), "bad-state") == 0);
  CHECK(strcmp(poxauth_version(), POXAUTH_VERSION_STRING) == 0);
  CHECK(strncmp(poxauth_expat_version(), "expat_", 6) == 0);
}

/* Separate parsers do not share state: interleave two. */
static void
independence(void) {
  poxauth_parser *a, *b;
  poxauth_result *ra, *rb;
  size_t i, n = sizeof doc - 1;
  CHECK(poxauth_parser_create(NULL, &a, NULL) == POXAUTH_OK);
  CHECK(poxauth_parser_create(NULL, &b, NULL) == POXAUTH_OK);
  poxauth_parser_feed(b, "<!DOCTYPE", 9);
  for (i = 0; i < n; i++)
    poxauth_parser_feed(a, doc + i, 1);
  poxauth_parser_finish(a, &ra);
  poxauth_parser_finish(b, &rb);
  CHECK(poxauth_result_rejection(ra) == NULL);
  CHECK(poxauth_result_rejection(rb) != NULL);
  poxauth_result_free(ra);
  poxauth_result_free(rb);
  poxauth_parser_destroy(a);
  poxauth_parser_destroy(b);
}

/* Rejection messages name what was found [REJ-3, REJ-6]. */
static const poxauth_rejection *
reject_of(const char *xml, const poxauth_options *o, poxauth_result **r) {
  CHECK(poxauth_parse(o, xml, strlen(xml), r, NULL) == POXAUTH_REJECTED);
  return *r ? poxauth_result_rejection(*r) : NULL;
}

static void
messages(void) {
  poxauth_options o;
  poxauth_result *r = NULL;
  const poxauth_rejection *rej;
  poxauth_options_init(&o);
  /* expat reports the DOCTYPE at its '[': the position is moved back. */
  rej = reject_of("<?xml version=\"1.0\"?>\n  <!DOCTYPE x [\n]><x/>", &o, &r);
  CHECK(rej && rej->cls == POXAUTH_REJECT_DOCTYPE && rej->line == 2 &&
        rej->column == 3);
  poxauth_result_free(r);
  rej = reject_of("<!-- a -->\n<!DOCTYPE\n  x><x/>", &o, &r);
  CHECK(rej && rej->line == 2 && rej->column == 1);
  poxauth_result_free(r);
  rej = reject_of("<Autodiscover xmlns=\"https://schemas.microsoft.com/"
                  "exchange/autodiscover/responseschema/2006\"/>",
                  &o, &r);
  CHECK(rej && rej->cls == POXAUTH_REJECT_WRONG_NAMESPACE &&
        strstr(rej->message, "https://") && strstr(rej->message, "doc") &&
        strstr(rej->message, "expected http://schemas"));
  poxauth_result_free(r);
  rej = reject_of("<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/"
                  "autodiscover/outlook/responseschema/2006a\"/>",
                  &o, &r);
  CHECK(rej && strstr(rej->message, "Outlook namespace") &&
        strstr(rej->message, "belongs on Response"));
  poxauth_result_free(r);
  /* Document text in a message is escaped: a bidi override, a C1 control. */
  rej = reject_of("<Autodiscover xmlns=\"urn:a\xe2\x80\xae"
                  "b&#x85;\"/>",
                  &o, &r);
  CHECK(rej && strstr(rej->message, "urn:a\\u202Eb\\u0085;") &&
        strstr(rej->message, "expected http://"));
  poxauth_result_free(r);
  o.limits.max_depth = 2;
  rej = reject_of("<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/"
                  "autodiscover/responseschema/2006\"><b><c/></b>"
                  "</Autodiscover>",
                  &o, &r);
  CHECK(rej && rej->cls == POXAUTH_REJECT_LIMIT &&
        strstr(rej->message, " 2 ") && strstr(rej->message, "--max-depth") &&
        !strstr(rej->message, "max_depth"));
  poxauth_result_free(r);
  poxauth_options_init(&o);
  o.limits.max_input_bytes = 10;
  rej = reject_of("<Autodiscover/>", &o, &r);
  CHECK(rej && rej->limit == POXAUTH_LIMIT_INPUT_BYTES &&
        strstr(rej->message, "10 bytes") &&
        strstr(rej->message, "--max-input-bytes"));
  poxauth_result_free(r);
}

/* A result with hundreds of findings comes sorted as FORMAT.md says
 * (Protocol, then code name), ties in document order, with no allocation
 * outside the hooks (test_hooks_only checks that part). */
static void
sorting(void) {
  static const char head[] =
      "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A "\"><Account>"
      "<Action>settings</Action>";
  static const char proto[] =
      "<Protocol><Type>Exch</Type><AuthPackage> NTLM </AuthPackage>"
      "<AuthPackage>x</AuthPackage><AuthPackage>y</AuthPackage></Protocol>";
  static const char tail[] = "</Account></Response></Autodiscover>";
  char *d = (char *)malloc(sizeof head + 80 * sizeof proto + sizeof tail);
  poxauth_options o;
  poxauth_result *r = NULL;
  size_t i, at, n, bad = 0;
  if (!d)
    return;
  memcpy(d, head, sizeof head - 1);
  at = sizeof head - 1;
  for (i = 0; i < 80; i++, at += sizeof proto - 1)
    memcpy(d + at, proto, sizeof proto - 1);
  memcpy(d + at, tail, sizeof tail);
  poxauth_options_init(&o);
  o.limits.max_protocols = 100;
  CHECK(poxauth_parse(&o, d, strlen(d), &r, NULL) == POXAUTH_OK);
  n = poxauth_result_finding_count(r);
  /* type-case, not-applicable, value-case, value-trimmed, and two
   * value-duplicate: ties of the same code, in document order. */
  CHECK_MSG(n == 80 * 6, "%zu findings", n);
  for (i = 1; i < n; i++) {
    const poxauth_finding *a = poxauth_result_finding(r, i - 1);
    const poxauth_finding *b = poxauth_result_finding(r, i);
    int c =
        strcmp(poxauth_finding_name(a->code), poxauth_finding_name(b->code));
    if (a->protocol + 1 > b->protocol + 1 ||
        (a->protocol == b->protocol && c > 0) ||
        (a->protocol == b->protocol && c == 0 &&
         (a->line > b->line || (a->line == b->line && a->column >= b->column))))
      bad++;
  }
  CHECK_MSG(bad == 0, "%zu findings out of order", bad);
  poxauth_result_free(r);
  free(d);
}

/* The canonical writer without a result still leaves a string. */
static void
canonical_null(void) {
  char buf[8];
  memset(buf, 'x', sizeof buf);
  CHECK(poxauth_result_canonical(NULL, buf, sizeof buf) == 0);
  CHECK(buf[0] == '\0');
  CHECK(poxauth_result_canonical(NULL, NULL, 0) == 0);
  memset(buf, 'x', sizeof buf);
  CHECK(poxauth_result_canonical(NULL, buf, 0) == 0 && buf[0] == 'x');
}

int
main(void) {
  arguments();
  options_size();
  states();
  reading();
  names();
  independence();
  messages();
  sorting();
  canonical_null();
  return check_report("api");
}
