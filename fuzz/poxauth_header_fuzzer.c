/* SPDX-License-Identifier: MIT */
/*
 * poxauth_header_fuzzer: the X-ClientCanHandle parser [HDR-2], differential.
 *
 * Input: the header lines, separated by LF (at most 16 lines; no input
 * means no header).  poxauth_can_handle_parse must agree with the naive
 * reading below, written from SPEC.md HDR-2 alone: split every line at ','
 * SP and HTAB, drop empty pieces, and compare each piece whole and
 * ASCII-case-insensitively with "Negotiate" and "ExHttpInfo".  Also: the
 * answer does not depend on how the pieces are spread over lines, and only
 * the two defined bits are ever set.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_input.h"
#include "poxauth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_LINES 16

static int
ieq_ascii(const char *a, size_t n, const char *lower) {
  size_t i;
  if (strlen(lower) != n)
    return 0;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)a[i];
    if (c >= 'A' && c <= 'Z')
      c = (unsigned char)(c - 'A' + 'a');
    if (c != (unsigned char)lower[i])
      return 0;
  }
  return 1;
}

static unsigned
naive(const poxauth_bytes *lines, size_t count) {
  unsigned caps = 0;
  size_t l, i, start;
  for (l = 0; l < count; l++) {
    const char *s = lines[l].data;
    size_t n = lines[l].len;
    start = 0;
    for (i = 0; i <= n; i++) {
      if (i == n || s[i] == ',' || s[i] == ' ' || s[i] == '\t') {
        if (i > start) {
          if (ieq_ascii(s + start, i - start, "negotiate"))
            caps |= POXAUTH_CAN_NEGOTIATE;
          if (ieq_ascii(s + start, i - start, "exhttpinfo"))
            caps |= POXAUTH_CAN_EXHTTPINFO;
        }
        start = i + 1;
      }
    }
  }
  return caps;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  poxauth_bytes lines[MAX_LINES];
  size_t count = 0, start = 0, i;
  unsigned got, want, joined;
  char *copy;

  if (size > 0) {
    for (i = 0; i <= size && count < MAX_LINES; i++) {
      if (i == size || data[i] == '\n') {
        lines[count].data = (const char *)data + start;
        lines[count].len = i - start;
        count++;
        start = i + 1;
      }
    }
  }
  got = poxauth_can_handle_parse(count ? lines : NULL, count);
  want = naive(lines, count);
  FUZZ_CHECK((got & ~(POXAUTH_CAN_NEGOTIATE | POXAUTH_CAN_EXHTTPINFO)) == 0);
  FUZZ_CHECK(got == want);
  FUZZ_CHECK(poxauth_can_handle_parse(NULL, 0) == 0);

  /* The lines joined by commas into one line name the same tokens. */
  if (count > 1) {
    size_t total = 0, off = 0;
    poxauth_bytes one;
    for (i = 0; i < count; i++)
      total += lines[i].len + 1;
    copy = malloc(total);
    FUZZ_CHECK(copy != NULL);
    for (i = 0; i < count; i++) {
      if (lines[i].len)
        memcpy(copy + off, lines[i].data, lines[i].len);
      off += lines[i].len;
      copy[off++] = ',';
    }
    one.data = copy;
    one.len = off - 1;
    joined = poxauth_can_handle_parse(&one, 1);
    FUZZ_CHECK(joined == got);
    free(copy);
  }
  return 0;
}
