/* SPDX-License-Identifier: MIT */
/* The positions poxauth counts itself (src/lib/position.h) equal expat's
 * own answers: every file under the directories given (by default the
 * conformance cases, corpus/ and the test data) is parsed twice, once with the
 * counting and once with every position asked from expat
 * (px_parser_expat_positions, a switch only this test's build of the library
 * has), and the two results must be identical, positions, rejections and
 * messages included.
 *
 * Each file is parsed with the default limits and, as it is, with limits
 * that reject it (half its bytes; 12 elements, 8-byte texts), and also
 * with its LF line ends made CR LF and made a lone CR (in UTF-16 too, and
 * each again with non-ASCII text), with a non-ASCII comment before every
 * tag, and with a comment after its XML declaration that pushes its
 * content across a block edge at three places (this build's blocks are
 * small, so that every document and not only the large ones has
 * several). */
#define _XOPEN_SOURCE 700

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parser_test.h"
#include "poxauth.h"
#include "testlib.h"

static unsigned long g_pass, g_fail;

/* 0: the defaults; 1: cut at half the input; 2: few elements, short
 * texts: rejections for a limit, at their positions. */
static void
options_for(int limits, size_t n, poxauth_options *o) {
  poxauth_options_init(o);
  if (limits == 1)
    o->limits.max_input_bytes = n / 2 + 1;
  if (limits == 2) {
    o->limits.max_elements = 12;
    o->limits.max_text_bytes = 8;
  }
}

static char *
parse_dump(const char *d, size_t n, int limits, int expat_positions) {
  poxauth_options o;
  poxauth_parser *p;
  poxauth_result *r = NULL;
  char *dump;
  options_for(limits, n, &o);
  if (poxauth_parser_create(&o, &p, NULL) != POXAUTH_OK)
    return NULL;
  px_parser_expat_positions(p, expat_positions);
  poxauth_parser_feed(p, d, n);
  poxauth_parser_finish(p, &r);
  poxauth_parser_destroy(p);
  dump = r ? result_dump(r) : NULL;
  poxauth_result_free(r);
  return dump;
}

static void
compare_with(const char *file, const char *variant, const char *d, size_t n,
             int limits) {
  char *fast = parse_dump(d, n, limits, 0), *slow = parse_dump(d, n, limits, 1);
  if (fast && slow && strcmp(fast, slow) == 0) {
    g_pass++;
  } else {
    g_fail++;
    printf("FAIL %s (%s, limits %d): counted positions differ from expat's\n"
           "--- counted\n%s\n--- expat\n%s\n",
           file, variant, limits, fast ? fast : "(none)",
           slow ? slow : "(none)");
  }
  free(fast);
  free(slow);
}

static void
compare(const char *file, const char *variant, const char *d, size_t n) {
  compare_with(file, variant, d, n, 0);
}

static void
padded(const char *file, const unsigned char *d, size_t n, size_t pad) {
  size_t k;
  unsigned char *o = pad_comment(d, n, pad, &k);
  char name[64];
  if (!o)
    return;
  snprintf(name, sizeof name, "comment of %zu units", pad);
  compare(file, name, (const char *)o, k);
  free(o);
}

/* A comment with non-ASCII text before every tag: two- and three-byte
 * UTF-8 (five characters where a single-byte encoding is declared), and
 * in UTF-16 a character outside the BMP (a surrogate pair) as well. */
static void
non_ascii(const char *file, const unsigned char *d, size_t n) {
  static const unsigned char u8[] = "<!--\xc3\xa9\xe2\x82\xac-->";
  static const unsigned v16[] = {'<',    '!',    '-', '-', 0xE9, 0x20AC,
                                 0xD83D, 0xDE00, '-', '-', '>'};
  int be;
  size_t w = unit_width(d, n, &be), i, k = 0, j;
  size_t at = insert_point(d, n, w, be), per = w == 1 ? sizeof u8 - 1 : 22;
  unsigned char *o = malloc(n + (n / w + 1) * per);
  if (!o)
    return;
  memcpy(o, d, at);
  k = at;
  for (i = at; i + w <= n; i += w) {
    unsigned c = w == 1 ? d[i]
                 : be   ? (unsigned)d[i] << 8 | d[i + 1]
                        : (unsigned)d[i + 1] << 8 | d[i];
    unsigned next = 0;
    if (i + 2 * w <= n)
      next = w == 1 ? d[i + 1]
             : be   ? (unsigned)d[i + 2] << 8 | d[i + 3]
                    : (unsigned)d[i + 3] << 8 | d[i + 2];
    if (c == '<' && next != '?' && next != '!') {
      if (w == 1) {
        memcpy(o + k, u8, sizeof u8 - 1);
        k += sizeof u8 - 1;
      } else {
        for (j = 0; j < sizeof v16 / sizeof v16[0]; j++) {
          o[k + (be ? 0 : 1)] = (unsigned char)(v16[j] >> 8);
          o[k + (be ? 1 : 0)] = (unsigned char)(v16[j] & 0xFF);
          k += 2;
        }
      }
    }
    memcpy(o + k, d + i, w);
    k += w;
  }
  memcpy(o + k, d + i, n - i);
  k += n - i;
  compare(file, "non-ASCII before every tag", (const char *)o, k);
  free(o);
}

/* The unit at byte i of d (width w, big-endian or not). */
static unsigned
unit_at(const unsigned char *d, size_t i, size_t w, int be) {
  if (w == 1)
    return d[i];
  return be ? (unsigned)d[i] << 8 | d[i + 1] : (unsigned)d[i + 1] << 8 | d[i];
}

/* Its LF line ends made CR LF, or (lone_cr) a CR alone, in units of the
 * file's width, so that UTF-16 files get them too; then also with
 * non-ASCII text (and, in UTF-16, surrogate pairs) before every tag, so
 * that the line ends meet multi-byte characters. */
static void
line_ends(const char *file, const unsigned char *d, size_t n, int lone_cr) {
  int be;
  size_t w = unit_width(d, n, &be), i, k = 0, changed = 0;
  unsigned char *o = malloc(2 * n + 2);
  if (!o)
    return;
  for (i = 0; i + w <= n; i += w) {
    unsigned c = unit_at(d, i, w, be);
    if (c == '\n' && (i < w || unit_at(d, i - w, w, be) != '\r')) {
      k += put_units(o + k, "\r", 1, w, be);
      changed++;
      if (lone_cr)
        continue;
    }
    memcpy(o + k, d + i, w);
    k += w;
  }
  memcpy(o + k, d + i, n - i);
  k += n - i;
  if (changed) {
    compare(file, lone_cr ? "lone CR" : "CR LF", (const char *)o, k);
    non_ascii(file, o, k);
  }
  free(o);
}

static void
check_file(const char *file) {
  FILE *f = fopen(file, "rb");
  char *d;
  long n;
  if (!f)
    return;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  d = malloc(n > 0 ? (size_t)n : 1);
  if (d && fread(d, 1, (size_t)n, f) == (size_t)n) {
    /* Block edges before, inside and near the end of the content. */
    size_t b = PX_TEST_BLOCK_BYTES;
    compare(file, "as is", d, (size_t)n);
    compare_with(file, "as is", d, (size_t)n, 1);
    compare_with(file, "as is", d, (size_t)n, 2);
    line_ends(file, (const unsigned char *)d, (size_t)n, 0);
    line_ends(file, (const unsigned char *)d, (size_t)n, 1);
    non_ascii(file, (const unsigned char *)d, (size_t)n);
    padded(file, (const unsigned char *)d, (size_t)n, b - 24);
    padded(file, (const unsigned char *)d, (size_t)n,
           b - (size_t)n / 2 % (b / 2));
    padded(file, (const unsigned char *)d, (size_t)n, b - 1 - (size_t)n % 64);
  }
  free(d);
  fclose(f);
}

int
main(int argc, char **argv) {
  if (walk_files(argc, argv, check_file, "test_positions") != 0)
    return 2;
  printf("%lu passed, %lu failed\n", g_pass, g_fail);
  return g_fail == 0 && g_pass > 0 ? 0 : 1;
}
