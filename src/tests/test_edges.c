/* SPDX-License-Identifier: MIT */
/* Edges the other tests do not reach (ci/fuzz-coverage.sh lists what is
 * left): the API's NULL and out-of-range arguments, and inputs at the
 * corners of the extractor: a namespace of the right length but the
 * wrong text, AuthPackage children deeper than the role stack, an empty
 * ErrorCode, a text grown to a limit that is not a power of two, a
 * one-character Type, an empty Type attribute, an input cut inside CDATA. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "poxauth.h"

check_state check_totals;

/* A with its last character changed: the same length, another text. */
#define A_OTHER                                                                \
  "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/" \
  "2006b"
#define HEAD                                                                   \
  "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A "\"><Account>"          \
  "<Action>settings</Action>"
#define TAIL "</Account></Response></Autodiscover>"

static poxauth_result *
parse_with(const poxauth_options *o, const char *doc, poxauth_status *st) {
  poxauth_result *r = NULL;
  *st = poxauth_parse(o, doc, strlen(doc), &r, NULL);
  return r;
}

static poxauth_result *
parse(const char *doc, poxauth_status *st) {
  return parse_with(NULL, doc, st);
}

static size_t
count_code(const poxauth_result *r, poxauth_finding_code c) {
  size_t i, n = 0;
  for (i = 0; i < poxauth_result_finding_count(r); i++)
    n += poxauth_result_finding(r, i)->code == c;
  return n;
}

static void
context_arguments(void) {
  poxauth_build b = {{1, 2, 3, 4}, 3};
  poxauth_build eq = {{15, 0, 995, 14}, 5}, lt = {{15, 0, 995, 13}, 5};
  poxauth_bytes lines[2] = {{NULL, 9}, {"Negotiate", 9}};
  CHECK(poxauth_server_version_decode("73C083E3", 8, NULL) == -1);
  CHECK(poxauth_server_version_decode(NULL, 8, &b) == -1);
  CHECK(b.nparts == 0 && b.parts[0] == 0 && b.parts[3] == 0);
  /* Parts past the four the struct holds are never read. */
  CHECK(poxauth_build_rule_active(&eq) == 1);
  CHECK(poxauth_build_rule_active(&lt) == 0);
  /* A line without data is an empty line, not a crash. */
  CHECK(poxauth_can_handle_parse(lines, 1) == 0);
  CHECK(poxauth_can_handle_parse(lines, 2) == POXAUTH_CAN_NEGOTIATE);
}

static void
result_arguments(void) {
  char buf[16];
  size_t n = 99;
  poxauth_status st;
  poxauth_result *r;
  CHECK(poxauth_result_rejection(NULL) == NULL);
  CHECK(poxauth_result_kind(NULL) == POXAUTH_KIND_OTHER);
  CHECK(poxauth_result_error_code(NULL, &n) == NULL && n == 0);
  CHECK(poxauth_result_protocol_count(NULL) == 0);
  CHECK(poxauth_result_protocol(NULL, 0) == NULL);
  CHECK(poxauth_result_finding_count(NULL) == 0);
  CHECK(poxauth_result_finding(NULL, 0) == NULL);
  CHECK(poxauth_result_violation_count(NULL) == 0);
  CHECK(poxauth_result_profile(NULL) == POXAUTH_PROFILE_POX);
  CHECK(poxauth_result_can_handle_lines(NULL) == -1);
  memset(buf, 'Z', sizeof buf);
  CHECK(poxauth_result_canonical(NULL, buf, sizeof buf) == 0 && !buf[0]);
  r = parse(HEAD "<Protocol><Type>EXCH</Type></Protocol>" TAIL, &st);
  CHECK(st == POXAUTH_OK);
  CHECK(poxauth_result_error_code(r, NULL) == NULL);
  /* cap 0: the length only, nothing written, not even the NUL. */
  memset(buf, 'Z', sizeof buf);
  CHECK(poxauth_result_canonical(r, buf, 0) ==
        poxauth_result_canonical(r, NULL, 0));
  CHECK(buf[0] == 'Z');
  poxauth_result_free(r);
}

static void
names_and_options(void) {
  poxauth_options o;
  poxauth_parser *p = NULL;
  poxauth_result *r = NULL;
  const char *err = NULL;
  CHECK_STR(poxauth_finding_rule((poxauth_finding_code)0), "?");
  CHECK_STR(poxauth_finding_rule((poxauth_finding_code)(POXAUTH_F_COUNT + 1)),
            "?");
  CHECK(poxauth_finding_severity((poxauth_finding_code)0) == POXAUTH_NOTE);
  /* A size below the first struct's is refused: nothing is written. */
  memset(&o, 0xAB, sizeof o);
  poxauth_options_init_size(&o, 4);
  CHECK(((unsigned char *)&o)[0] == 0xAB && o.struct_size != 4);
  poxauth_options_init(&o);
  o.memory.realloc_fcn = realloc;
  o.memory.free_fcn = free;
  CHECK(poxauth_parser_create(&o, &p, &err) == POXAUTH_ERR_ARGUMENT && !p);
  CHECK(err && strstr(err, "all three"));
  o.memory.malloc_fcn = malloc;
  o.memory.free_fcn = NULL;
  CHECK(poxauth_parser_create(&o, &p, &err) == POXAUTH_ERR_ARGUMENT && !p);
  o.memory.malloc_fcn = NULL;
  o.memory.realloc_fcn = NULL;
  o.memory.free_fcn = free;
  CHECK(poxauth_parser_create(&o, &p, &err) == POXAUTH_ERR_ARGUMENT && !p);
  /* Each refusal without a place for its message. */
  CHECK(poxauth_parser_create(&o, &p, NULL) == POXAUTH_ERR_ARGUMENT && !p);
  poxauth_options_init(&o);
  o.profile = (poxauth_profile)99;
  CHECK(poxauth_parser_create(&o, &p, NULL) == POXAUTH_ERR_ARGUMENT && !p);
  poxauth_options_init(&o);
  o.can_handle_count = 1;
  CHECK(poxauth_parser_create(&o, &p, NULL) == POXAUTH_ERR_ARGUMENT && !p);
  poxauth_options_init(&o);
  o.struct_size = 1;
  CHECK(poxauth_parser_create(&o, &p, NULL) == POXAUTH_ERR_ARGUMENT && !p);
  CHECK(poxauth_parser_create(NULL, &p, NULL) == POXAUTH_OK);
  CHECK(poxauth_parser_finish(p, NULL) == POXAUTH_ERR_ARGUMENT);
  CHECK(poxauth_parser_feed(p, "<x/>", 4) == POXAUTH_OK); /* still usable */
  poxauth_parser_destroy(p);
  CHECK(poxauth_parse(NULL, "x", 1, NULL, &err) == POXAUTH_ERR_ARGUMENT);
  CHECK(err && strcmp(err, "out is NULL") == 0);
  CHECK(poxauth_parse(NULL, NULL, 0, &r, &err) == POXAUTH_REJECTED);
  CHECK(r && poxauth_result_rejection(r) &&
        poxauth_result_rejection(r)->cls == POXAUTH_REJECT_EMPTY);
  /* A rejected result answers nothing else. */
  CHECK(poxauth_result_violation_count(r) == 0);
  CHECK(poxauth_result_kind(r) == POXAUTH_KIND_OTHER);
  poxauth_result_free(r);
}

static void
inputs(void) {
  poxauth_options o;
  poxauth_status st;
  poxauth_result *r;
  const poxauth_protocol *pr;
  char *doc, *big;
  const char *cdata = "<Autodiscover xmlns=\"" R "\"><![CDATA["
                      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaa]]></Autodiscover>";
  size_t need, i;
  /* A's length, not A: the Response is someone else's [KND-1]. */
  r = parse("<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A_OTHER "\">"
            "<Account><Action>settings</Action><Protocol><Type>EXCH</Type>"
            "</Protocol></Account></Response></Autodiscover>",
            &st);
  CHECK(st == POXAUTH_OK && poxauth_result_protocol_count(r) == 0);
  CHECK(count_code(r, POXAUTH_F_RESPONSE_MISSING) == 1);
  poxauth_result_free(r);
  r = parse("<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A
            "\"/></Autodiscover>",
            &st);
  CHECK(st == POXAUTH_OK && count_code(r, POXAUTH_F_RESPONSE_MISSING) == 0);
  poxauth_result_free(r);
  /* Children below the role stack's last level [VAL-7]: one finding, the
   * value is the AuthPackage's own text. */
  r = parse(HEAD "<Protocol><Type>EXCH</Type><AuthPackage>kerb<a><b><c><d>"
                 "ntlm</d></c></b></a></AuthPackage></Protocol>" TAIL,
            &st);
  pr = poxauth_result_protocol(r, 0);
  CHECK(st == POXAUTH_OK && pr && pr->value == POXAUTH_VALUE_KERB);
  CHECK(count_code(r, POXAUTH_F_VALUE_CHILDREN) == 1);
  poxauth_result_free(r);
  /* An empty ErrorCode is no code [KND-3]. */
  r = parse("<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" R "\"><Error>"
            "<ErrorCode> </ErrorCode></Error></Response></Autodiscover>",
            &st);
  CHECK(st == POXAUTH_OK && poxauth_result_kind(r) == POXAUTH_KIND_ERROR);
  CHECK(poxauth_result_error_code(r, NULL) == NULL);
  poxauth_result_free(r);
  r = parse("<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" R "\"><Error>"
            "<ErrorCode>600</ErrorCode></Error></Response></Autodiscover>",
            &st);
  CHECK(poxauth_result_error_code(r, NULL) &&
        memcmp(poxauth_result_error_code(r, NULL), "600", 3) == 0);
  poxauth_result_free(r);
  r = parse("<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" R "\"><Error>"
            "<ErrorCode></ErrorCode></Error></Response></Autodiscover>",
            &st);
  need = poxauth_result_canonical(r, NULL, 0);
  doc = (char *)malloc(need + 1);
  if (doc) {
    poxauth_result_canonical(r, doc, need + 1);
    CHECK(strstr(doc, "\nkind error -\n") != NULL);
    free(doc);
  }
  poxauth_result_free(r);
  /* A text grows up to a max_text_bytes that is not a power of two. */
  big = (char *)malloc(2500 + 512);
  if (big) {
    poxauth_options_init(&o);
    o.limits.max_text_bytes = 3000;
    strcpy(big, HEAD "<Protocol><Type>EXCH</Type><AuthPackage>");
    need = strlen(big);
    memset(big + need, 'k', 2500);
    strcpy(big + need + 2500, "</AuthPackage></Protocol>" TAIL);
    r = parse_with(&o, big, &st);
    pr = poxauth_result_protocol(r, 0);
    CHECK(st == POXAUTH_OK && pr && pr->raw_len == 2500);
    for (i = 0; pr && pr->raw && i < pr->raw_len && pr->raw[i] == 'k'; i++)
      ;
    CHECK(pr && i == 2500);
    poxauth_result_free(r);
    free(big);
  }
  /* A one-character Type is written as it is in the canonical text. */
  r = parse(HEAD "<Protocol><Type>X</Type></Protocol>" TAIL, &st);
  need = poxauth_result_canonical(r, NULL, 0);
  doc = (char *)malloc(need + 1);
  if (doc) {
    poxauth_result_canonical(r, doc, need + 1);
    CHECK(strstr(doc, "\nprotocol 0 X ") != NULL);
    free(doc);
  }
  poxauth_result_free(r);
  /* An empty Type attribute is a missing Type [TYP-1]. */
  r = parse(HEAD "<Protocol Type=\"  \"><AuthPackage>kerb</AuthPackage>"
                 "</Protocol>" TAIL,
            &st);
  pr = poxauth_result_protocol(r, 0);
  CHECK(st == POXAUTH_OK && pr && pr->type == NULL);
  CHECK(count_code(r, POXAUTH_F_TYPE_MISSING) == 1);
  poxauth_result_free(r);
  /* Cut by max_input_bytes inside a CDATA section: the limit [REJ-6], not
   * the unclosed section the cut made. */
  poxauth_options_init(&o);
  o.limits.max_input_bytes = strlen(cdata) - 25;
  r = parse_with(&o, cdata, &st);
  CHECK(st == POXAUTH_REJECTED && poxauth_result_rejection(r) &&
        poxauth_result_rejection(r)->cls == POXAUTH_REJECT_LIMIT &&
        poxauth_result_rejection(r)->limit == POXAUTH_LIMIT_INPUT_BYTES);
  poxauth_result_free(r);
}

/* The DOCTYPE rejection is at the start of "<!DOCTYPE" [REJ-3], whatever
 * the line ends, the encoding and the chunks [STR-1]. */
static void
doctype_at(const char *doc, size_t len, unsigned long line,
           unsigned long column) {
  poxauth_result *r = NULL;
  poxauth_parser *p = NULL;
  const poxauth_rejection *j;
  size_t i;
  CHECK(poxauth_parse(NULL, doc, len, &r, NULL) == POXAUTH_REJECTED);
  j = poxauth_result_rejection(r);
  CHECK_MSG(j && j->cls == POXAUTH_REJECT_DOCTYPE && j->line == line &&
                j->column == column,
            "one call: %lu:%lu, want %lu:%lu", j ? j->line : 0,
            j ? j->column : 0, line, column);
  poxauth_result_free(r);
  CHECK(poxauth_parser_create(NULL, &p, NULL) == POXAUTH_OK);
  for (i = 0; i < len; i++)
    poxauth_parser_feed(p, doc + i, 1);
  CHECK(poxauth_parser_finish(p, &r) == POXAUTH_REJECTED);
  j = poxauth_result_rejection(r);
  CHECK_MSG(j && j->cls == POXAUTH_REJECT_DOCTYPE && j->line == line &&
                j->column == column,
            "bytewise: %lu:%lu, want %lu:%lu", j ? j->line : 0,
            j ? j->column : 0, line, column);
  poxauth_result_free(r);
  poxauth_parser_destroy(p);
}

/* doc as UTF-16 with a byte order mark (be: big-endian). */
static void
doctype_utf16_at(const char *doc, int be, unsigned long line,
                 unsigned long column) {
  size_t n = strlen(doc), i;
  char *u = (char *)malloc(2 * n + 2);
  if (!u)
    return;
  u[0] = (char)(be ? 0xFE : 0xFF);
  u[1] = (char)(be ? 0xFF : 0xFE);
  for (i = 0; i < n; i++) {
    u[2 + 2 * i + (be ? 1 : 0)] = doc[i];
    u[2 + 2 * i + (be ? 0 : 1)] = 0;
  }
  doctype_at(u, 2 * n + 2, line, column);
  free(u);
}

static void
doctypes(void) {
  static const struct {
    const char *doc;
    unsigned long line, column;
  } plain[] = {
      {"<!DOCTYPE x\r\n[<!ENTITY a 'b'>]><x/>", 1, 1},
      {"<!DOCTYPE x\r[<!ENTITY a 'b'>]><x/>", 1, 1},
      {" \n  <!DOCTYPE x\r\n[]><x/>", 2, 3},
      {"  <!DOCTYPE x\r\r\n[]><x/>", 1, 3},
      {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><!DOCTYPE x "
       "[<!ENTITY a 'b'>]><x/>",
       1, 44},
      {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?> <!DOCTYPE x\n[]>"
       "<x/>",
       1, 45},
  };
  size_t i;
  for (i = 0; i < sizeof plain / sizeof plain[0]; i++)
    doctype_at(plain[i].doc, strlen(plain[i].doc), plain[i].line,
               plain[i].column);
  /* The byte order mark is a column, as expat counts. */
  doctype_utf16_at("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>", 0, 1, 2);
  doctype_utf16_at("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>", 1, 1, 2);
  doctype_utf16_at("\n <!DOCTYPE x\r\n[]><x/>", 0, 2, 2);
}

int
main(void) {
  context_arguments();
  result_arguments();
  names_and_options();
  inputs();
  doctypes();
  return check_report("edges");
}
