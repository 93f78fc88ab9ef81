/* SPDX-License-Identifier: MIT */
/*
 * The --impl splitter (runner/words.c) on its own: each command, the words
 * it gives (joined by '|') or the message of its refusal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "words.h"

typedef struct example {
  const char *command;
  const char *want; /* the words joined by '|', or the refusal */
  size_t nwords;
} example;

static const example EXAMPLES[] = {
    /* Unquoted: split on spaces exactly as before, and now tabs too. */
    {"prog --format canonical", "prog|--format|canonical", 3},
    {"  prog   a  ", "prog|a", 2},
    {"prog\ta \t b", "prog|a|b", 3},
    {"", "", 0},
    {" \t ", "", 0},
    {"$HOME ~ * `x` a=b", "$HOME|~|*|`x`|a=b", 5},
    /* Single quotes: everything literal, backslashes included. */
    {"'/dir with space/prog' x", "/dir with space/prog|x", 2},
    {"'a\\b\\\\c' '\"'", "a\\b\\\\c|\"", 2},
    {"'' x ''", "|x|", 3},
    {"a'b c'd", "ab cd", 1},
    {"'it'\\''s'", "it's", 1},
    /* Double quotes: a backslash escapes only " and itself. */
    {"\"a b\" \"c\\\"d\" \"e\\\\f\" \"g\\h\" \"$x\"", "a b|c\"d|e\\f|g\\h|$x",
     5},
    {"\"\"", "", 1},
    {"\"'\"", "'", 1},
    /* A backslash outside quotes takes the next byte as it is. */
    {"a\\ b c\\\\d \\'e \\\"f \\x", "a b|c\\d|'e|\"f|x", 5},
    {"dir\\ with\\ space/prog", "dir with space/prog", 1},
    /* Refusals name the problem and the byte column. */
    {"'abc", "unterminated single quote at column 1", 0},
    {"prog 'a b", "unterminated single quote at column 6", 0},
    {"prog \"a\\\"", "unterminated double quote at column 6", 0},
    {"prog a\\", "a trailing backslash at column 7", 0},
    {"prog \"x\" 'y'\\", "a trailing backslash at column 13", 0},
};

static int
check(const example *e) {
  size_t len = strlen(e->command), n = 0, i;
  /* The output must fit strlen + 1 bytes: a guard byte after them. */
  char *buf = malloc(len + 2), *w[8], why[128], got[256] = "";
  int rc, bad;
  if (buf == NULL)
    return 1;
  buf[len + 1] = 'G';
  rc = impl_split(e->command, buf, w, 8, &n, why, sizeof why);
  if (rc != 0)
    snprintf(got, sizeof got, "%s", why);
  for (i = 0; rc == 0 && i < n && i < 8; i++) {
    strcat(got, i ? "|" : "");
    strcat(got, w[i]);
  }
  bad = strcmp(got, e->want) != 0 || n != e->nwords || buf[len + 1] != 'G';
  if (bad)
    fprintf(stderr, "words_test: [%s]: got [%s] (%lu words), want [%s] (%lu)\n",
            e->command, got, (unsigned long)n, e->want,
            (unsigned long)e->nwords);
  free(buf);
  return bad;
}

/* Words past max are counted, not stored: the word limit's message says
 * how many there are. */
static int
check_count(void) {
  char buf[64], *w[2], why[128];
  size_t n = 0;
  if (impl_split("a 'b c' d \"e\" f", buf, w, 2, &n, why, sizeof why) != 0 ||
      n != 5 || strcmp(w[0], "a") != 0 || strcmp(w[1], "b c") != 0) {
    fprintf(stderr, "words_test: past max: got %lu words\n", (unsigned long)n);
    return 1;
  }
  return 0;
}

int
main(void) {
  size_t i;
  int bad = check_count();
  for (i = 0; i < sizeof EXAMPLES / sizeof EXAMPLES[0]; i++)
    bad |= check(&EXAMPLES[i]);
  if (bad)
    return 1;
  printf("ok: %lu commands\n",
         (unsigned long)(sizeof EXAMPLES / sizeof EXAMPLES[0]) + 1);
  return 0;
}
