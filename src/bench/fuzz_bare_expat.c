/* SPDX-License-Identifier: MIT */
/*
 * fuzz_bare_expat: the ceiling for poxauth_fuzzer's exec/s.
 *
 * It runs bare expat (the namespace parser, a constant hash salt, one
 * XML_Parse, no handlers) on the response bytes of a poxauth_fuzzer input:
 * it skips the same context prefix (fuzz/fuzz_input.h, which defines the
 * format; this is a copy of its skipping rules, truncation included), so
 * both targets parse the same bytes of the same corpus.  ci/bench.sh --fuzz
 * builds it with the same flags and the same instrumented expat as
 * poxauth_fuzzer and compares stat::average_exec_per_sec.
 */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>

#include <expat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The same constant as fuzz/fuzz_input.h FUZZ_HASH_SALT. */
#define BARE_HASH_SALT 0x5eed5eedUL

typedef struct cursor {
  const uint8_t *p;
  size_t left;
} cursor;

static int
take_byte(cursor *c, unsigned *out) {
  if (c->left == 0)
    return 0;
  *out = *c->p++;
  c->left--;
  return 1;
}

static void
skip(cursor *c, size_t n) {
  if (n > c->left)
    n = c->left;
  c->p += n;
  c->left -= n;
}

/* Flags: bit1 (0x02) X-ClientCanHandle lines, bit2 (0x04) server build,
 * bit3 (0x08) limits (10 bytes), bit4 (0x10) chunk seed (1 byte).  A
 * missing byte ends that part, as in fuzz_input_decode. */
static void
skip_prefix(cursor *c) {
  unsigned flags = 0, b = 0;
  if (!take_byte(c, &flags))
    return;
  if ((flags & 0x02u) && take_byte(c, &b)) {
    unsigned want = b % 4 + 1, got;
    for (got = 0; got < want; got++) {
      unsigned len;
      if (!take_byte(c, &len))
        break;
      skip(c, len);
    }
  }
  if ((flags & 0x04u) && take_byte(c, &b))
    skip(c, b);
  if (flags & 0x08u)
    skip(c, 10);
  if (flags & 0x10u)
    skip(c, 1);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  cursor c;
  XML_Parser p;
  c.p = data;
  c.left = size;
  skip_prefix(&c);
  if (c.left > (size_t)INT_MAX)
    return 0;
  p = XML_ParserCreateNS(NULL, '\x01');
  if (!p)
    return 0;
  XML_SetHashSalt(p, BARE_HASH_SALT);
  (void)XML_Parse(p, (const char *)c.p, (int)c.left, 1);
  XML_ParserFree(p);
  return 0;
}
