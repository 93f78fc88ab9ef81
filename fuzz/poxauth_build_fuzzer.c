/* SPDX-License-Identifier: MIT */
/*
 * poxauth_build_fuzzer: the build and ServerVersion parsers [VER-4, VER-6,
 * VER-7], differential.
 *
 * The whole input is given to poxauth_build_parse and to
 * poxauth_server_version_decode, and each answer is compared with a naive
 * reading written from SPEC.md alone; a parsed build is printed back and
 * re-parsed; poxauth_build_rule_active is compared with a naive part-by-part
 * comparison against 15.0.995.14, on the parsed builds and on a build made
 * from the input's first 17 bytes (byte 0 % 5 parts, then 4 LE uint32).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fuzz_input.h"
#include "poxauth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
naive_build(const uint8_t *s, size_t n, poxauth_build *b) {
  size_t i = 0;
  memset(b, 0, sizeof *b);
  for (;;) {
    unsigned long long v = 0;
    size_t digits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') {
      v = v * 10 + (unsigned)(s[i] - '0');
      if (v > 4294967295ULL)
        return -1;
      digits++;
      i++;
    }
    if (digits == 0 || b->nparts == 4)
      return -1;
    b->parts[b->nparts++] = (unsigned long)v;
    if (i == n)
      return 0;
    if (s[i] != '.')
      return -1;
    i++;
  }
}

static int
xml_space(uint8_t c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static int
naive_sv(const uint8_t *s, size_t n, poxauth_build *b) {
  unsigned long v = 0;
  size_t i;
  memset(b, 0, sizeof *b);
  while (n > 0 && xml_space(s[0])) {
    s++;
    n--;
  }
  while (n > 0 && xml_space(s[n - 1]))
    n--;
  if (n != 8)
    return -1;
  for (i = 0; i < 8; i++) {
    unsigned d;
    if (s[i] >= '0' && s[i] <= '9')
      d = (unsigned)(s[i] - '0');
    else if (s[i] >= 'a' && s[i] <= 'f')
      d = (unsigned)(s[i] - 'a' + 10);
    else if (s[i] >= 'A' && s[i] <= 'F')
      d = (unsigned)(s[i] - 'A' + 10);
    else
      return -1;
    v = (v << 4) | d;
  }
  b->parts[0] = (v >> 22) & 0x3f;
  b->parts[1] = (v >> 16) & 0x3f;
  b->parts[2] = v & 0x7fff;
  b->nparts = 3;
  return 0;
}

static int
naive_active(const poxauth_build *b) {
  static const unsigned long ref[4] = {15, 0, 995, 14};
  unsigned i;
  for (i = 0; i < b->nparts && i < 4; i++) {
    if (b->parts[i] > ref[i])
      return 1;
    if (b->parts[i] < ref[i])
      return 0;
  }
  return 1;
}

static void
same_build(const poxauth_build *a, const poxauth_build *b) {
  unsigned i;
  FUZZ_CHECK(a->nparts == b->nparts);
  for (i = 0; i < a->nparts; i++)
    FUZZ_CHECK(a->parts[i] == b->parts[i]);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  poxauth_build got, want, again;
  int rg, rw;
  char text[64];
  size_t n = 0;
  unsigned i;

  /* Context build [VER-7]. */
  memset(&got, 0xa5, sizeof got);
  rg = poxauth_build_parse((const char *)data, size, &got);
  rw = naive_build(data, size, &want);
  FUZZ_CHECK(rg == 0 || rg == -1);
  FUZZ_CHECK(rg == rw);
  if (rg == 0) {
    same_build(&got, &want);
    FUZZ_CHECK(poxauth_build_rule_active(&got) == naive_active(&want));
    for (i = 0; i < got.nparts; i++)
      n += (size_t)snprintf(text + n, sizeof text - n, "%s%lu", i ? "." : "",
                            got.parts[i]);
    FUZZ_CHECK(poxauth_build_parse(text, n, &again) == 0);
    same_build(&again, &got);
  }

  /* ServerVersion [VER-6]. */
  memset(&got, 0xa5, sizeof got);
  rg = poxauth_server_version_decode((const char *)data, size, &got);
  rw = naive_sv(data, size, &want);
  FUZZ_CHECK(rg == 0 || rg == -1);
  FUZZ_CHECK(rg == rw);
  if (rg == 0) {
    same_build(&got, &want);
    FUZZ_CHECK(poxauth_build_rule_active(&got) == naive_active(&want));
  }

  /* The rule on an arbitrary build [VER-4]. */
  if (size >= 17) {
    poxauth_build b;
    memset(&b, 0, sizeof b);
    b.nparts = data[0] % 5;
    for (i = 0; i < b.nparts; i++)
      b.parts[i] = (unsigned long)data[1 + 4 * i] |
                   ((unsigned long)data[2 + 4 * i] << 8) |
                   ((unsigned long)data[3 + 4 * i] << 16) |
                   ((unsigned long)data[4 + 4 * i] << 24);
    FUZZ_CHECK(poxauth_build_rule_active(&b) == naive_active(&b));
  }
  return 0;
}
