/* SPDX-License-Identifier: MIT */
/* The DOCTYPE rejection is at the start of "<!DOCTYPE" [REJ-3], the same
 * in one call and fed in chunks [STR-1], where an earlier design (a search
 * back through expat's input context from the DOCTYPE event) went wrong:
 *   1. UTF-16 without a byte order mark and without an XML declaration
 *      (the search ran in bytes and found nothing);
 *   2. fed in chunks, more than expat's 1 KiB of context between
 *      "<!DOCTYPE" and a token cut by a block edge, or the DOCTYPE's line
 *      starting before that context (one call found the start, the blocks
 *      did not). */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "poxauth.h"

check_state check_totals;

static void
expect(const char *what, const char *doc, size_t len, unsigned long line,
       unsigned long column) {
  poxauth_result *r = NULL;
  poxauth_parser *p = NULL;
  const poxauth_rejection *j;
  size_t off;
  poxauth_parse(NULL, doc, len, &r, NULL);
  j = poxauth_result_rejection(r);
  CHECK_MSG(j && j->cls == POXAUTH_REJECT_DOCTYPE && j->line == line &&
                j->column == column,
            "%s, one call: %lu:%lu, want %lu:%lu", what, j ? j->line : 0,
            j ? j->column : 0, line, column);
  poxauth_result_free(r);
  if (poxauth_parser_create(NULL, &p, NULL) != POXAUTH_OK)
    return;
  for (off = 0; off < len; off += 4096)
    poxauth_parser_feed(p, doc + off, len - off < 4096 ? len - off : 4096);
  poxauth_parser_finish(p, &r);
  j = poxauth_result_rejection(r);
  CHECK_MSG(j && j->cls == POXAUTH_REJECT_DOCTYPE && j->line == line &&
                j->column == column,
            "%s, fed: %lu:%lu, want %lu:%lu", what, j ? j->line : 0,
            j ? j->column : 0, line, column);
  poxauth_result_free(r);
  poxauth_parser_destroy(p);
}

/* A comment of `pad` bytes, then s, at d. */
static size_t
comment_then(char *d, size_t pad, const char *s) {
  memcpy(d, "<!--", 4);
  memset(d + 4, 'c', pad);
  strcpy(d + 4 + pad, s);
  return 4 + pad + strlen(s);
}

/* `k` bytes of c at d + n, then s; the new length. */
static size_t
append(char *d, size_t n, int c, size_t k, const char *s) {
  memset(d + n, c, k);
  strcpy(d + n + k, s);
  return n + k + strlen(s);
}

int
main(void) {
  static const char ascii[] = "<!DOCTYPE x [<!ENTITY a 'b'>]><x/>";
  char u[2 * sizeof ascii];
  char *d = (char *)malloc(70000);
  size_t i, n = strlen(ascii);
  for (i = 0; i < n; i++) { /* UTF-16LE, no byte order mark */
    u[2 * i] = ascii[i];
    u[2 * i + 1] = 0;
  }
  expect("UTF-16LE without a byte order mark", u, 2 * n, 1, 1);
  for (i = 0; i < n; i++) { /* UTF-16BE */
    u[2 * i] = 0;
    u[2 * i + 1] = ascii[i];
  }
  expect("UTF-16BE without a byte order mark", u, 2 * n, 1, 1);
  if (!d)
    return 1;
  /* "<!DOCTYPE" at byte 54007, a public literal of 3000 bytes, blanks,
   * then the system literal, cut by the block edge at 56 KiB. */
  n = comment_then(d, 54000, "--><!DOCTYPE x PUBLIC \"");
  n = append(d, n, 'p', 3000, "\"");
  n = append(d, n, ' ', 57300 - n, "\"");
  n = append(d, n, 's', 200, "\" [<!ENTITY a 'b'>]><x/>");
  expect("more than 1 KiB before the cut token", d, n, 1, 54008);
  /* The DOCTYPE's line starts 57 KB before the cut token. */
  n = comment_then(d, 57000, "--><!DOCTYPE x\n SYSTEM \"");
  n = append(d, n, 's', 400, "\" [<!ENTITY a 'b'>]><x/>");
  expect("its line starts before the context", d, n, 1, 57008);
  free(d);
  return check_report("doctype-start");
}
