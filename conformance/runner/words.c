/* SPDX-License-Identifier: MIT */
/*
 * Splitting an --impl command into words.  Quoting follows sh so that a
 * command can be pasted from a terminal and a path with a space can be
 * quoted, but nothing is expanded ($, `, ~, globs stay literal): the
 * runner execs the words itself.
 */
#include <stdio.h>

#include "words.h"

static int
blank(char c) {
  return c == ' ' || c == '\t';
}

static int
fail(char *why, size_t cap, const char *what, const char *command,
     const char *at) {
  snprintf(why, cap, "%s at column %lu", what,
           (unsigned long)(at - command) + 1);
  return -1;
}

int
impl_split(const char *command, char *buf, char **words, size_t max,
           size_t *nwords, char *why, size_t cap) {
  const char *p = command;
  char *o = buf;
  size_t n = 0;
  *nwords = 0;
  for (;;) {
    while (blank(*p))
      p++;
    if (*p == '\0')
      break;
    if (n < max)
      words[n] = o;
    n++;
    while (*p != '\0' && !blank(*p)) {
      const char *open = p;
      if (*p == '\'') {
        for (p++; *p != '\0' && *p != '\''; p++)
          *o++ = *p;
        if (*p == '\0')
          return fail(why, cap, "unterminated single quote", command, open);
        p++;
      } else if (*p == '"') {
        /* Inside double quotes a backslash escapes only " and itself. */
        for (p++; *p != '\0' && *p != '"'; p++) {
          if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
            p++;
          *o++ = *p;
        }
        if (*p == '\0')
          return fail(why, cap, "unterminated double quote", command, open);
        p++;
      } else if (*p == '\\') {
        if (p[1] == '\0')
          return fail(why, cap, "a trailing backslash", command, open);
        *o++ = p[1];
        p += 2;
      } else {
        *o++ = *p++;
      }
    }
    /* The terminator takes the place of the blank or NUL that ended the
     * word, and quotes take room they do not fill: buf never overflows. */
    *o++ = '\0';
  }
  *nwords = n;
  return 0;
}
