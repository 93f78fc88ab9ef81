/* SPDX-License-Identifier: MIT */
/* The benchmark's documents: what real servers send (LF and CRLF, UTF-8
 * with non-ASCII text, UTF-16 both ways, a redirect, an error), an
 * element-dense 1 MiB response and a 100 MB one; the skip-heavy document
 * of the first benchmark only as a labelled extra. */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

typedef struct spec {
  const char *name, *desc;
  int kind;
  size_t bytes, quick_bytes; /* large inputs: the size */
  int raised, extra, one_call, chunked;
  bench_expect expect;
  double target;
  unsigned long cg_iterations;
} spec;

enum {
  K_LF,
  K_CRLF,
  K_UTF8,
  K_UTF16LE,
  K_UTF16BE,
  K_REDIRECT,
  K_ERROR,
  K_DENSE,
  K_SKIP
};

/* The order of the tables. */
static const spec SPECS[] = {
    {"settings-lf", "Exchange 2016-shaped settings response, LF line ends",
     K_LF, 0, 0, 0, 0, 1, 0, EXPECT_SETTINGS, 0.90, 200},
    {"settings-crlf", "the same with CR LF line ends", K_CRLF, 0, 0, 0, 0, 1, 0,
     EXPECT_SETTINGS, 0.90, 200},
    {"settings-utf8",
     "the same for a user and a site with German, Danish and Japanese names",
     K_UTF8, 0, 0, 0, 0, 1, 0, EXPECT_SETTINGS, 0.90, 200},
    {"settings-utf16le", "settings-utf8 in UTF-16LE with a byte order mark",
     K_UTF16LE, 0, 0, 0, 0, 1, 0, EXPECT_SETTINGS, 0.85, 200},
    {"settings-utf16be", "settings-utf8 in UTF-16BE with a byte order mark",
     K_UTF16BE, 0, 0, 0, 0, 1, 0, EXPECT_SETTINGS, 0.85, 200},
    {"redirect", "redirectAddr response", K_REDIRECT, 0, 0, 0, 0, 1, 0,
     EXPECT_REDIRECT, 0.90, 500},
    {"error", "Error response (ErrorCode 600)", K_ERROR, 0, 0, 0, 0, 1, 0,
     EXPECT_ERROR, 0, 500},
    {"dense-1m",
     "element-dense: Exchange Protocols (prefixes, attributes), limits raised",
     K_DENSE, MIB, MIB, 1, 0, 1, 1, EXPECT_SETTINGS, 0.90, 3},
    {"dense-100m", "the same, 100 MB, streamed", K_DENSE, 100 * 1000 * 1000,
     4 * MIB, 1, 0, 0, 1, EXPECT_SETTINGS, 0.90, 1},
    {"skip-heavy-50m",
     "extra: 5,000 Protocols, about 97 % long texts poxauth skips", K_SKIP,
     50 * MIB, 2 * MIB, 1, 1, 1, 1, EXPECT_SETTINGS, 0, 1},
};

#define NSPECS (sizeof SPECS / sizeof SPECS[0])

static size_t g_skip_protocols, g_skip_long, g_dense_bytes;

static void
gen_skip(bench_emitter *e) {
  bench_gen_synthetic(e, g_skip_protocols, g_skip_long);
}

static void
gen_dense(bench_emitter *e) {
  bench_gen_dense(e, g_dense_bytes);
}

static void
gen_redirect(bench_emitter *e) {
  bench_gen_redirect(e);
}

static void
gen_error(bench_emitter *e) {
  bench_gen_error(e);
}

/* Count, then make: the counters come from the counting pass. */
static int
emit(bench_input *in, void (*gen)(bench_emitter *), int crlf) {
  bench_emitter c, e;
  bench_emitter_count(&c);
  c.crlf = crlf;
  gen(&c);
  in->protocols = c.protocols;
  in->elements = c.elements;
  in->max_depth = c.max_depth;
  if (bench_emitter_memory(&e) != 0)
    return -1;
  e.crlf = crlf;
  gen(&e);
  if (e.failed) {
    bench_emitter_free(&e);
    return -1;
  }
  in->data = e.buf;
  in->len = e.len;
  return 0;
}

static int
make(bench_input *in, const spec *sp, int quick) {
  size_t bytes = quick ? sp->quick_bytes : sp->bytes;
  memset(in, 0, sizeof *in);
  in->name = sp->name;
  in->desc = sp->desc;
  in->raised = sp->raised;
  in->extra = sp->extra;
  in->one_call = sp->one_call;
  in->chunked = sp->chunked;
  in->expect = sp->expect;
  in->target = sp->target;
  in->cg_iterations = sp->cg_iterations;
  switch (sp->kind) {
  case K_LF:
    return emit(in, bench_gen_typical, 0);
  case K_CRLF:
    return emit(in, bench_gen_typical, 1);
  case K_UTF8:
    return emit(in, bench_gen_typical_utf8, 0);
  case K_UTF16LE:
  case K_UTF16BE: {
    char *u;
    if (emit(in, bench_gen_typical_utf8, 0) != 0)
      return -1;
    u = bench_to_utf16(in->data, in->len, sp->kind == K_UTF16BE, &in->len);
    free(in->data);
    in->data = u;
    return u ? 0 : -1;
  }
  case K_REDIRECT:
    return emit(in, gen_redirect, 0);
  case K_ERROR:
    return emit(in, gen_error, 0);
  case K_DENSE:
    g_dense_bytes = bytes;
    return emit(in, gen_dense, 0);
  default:
    g_skip_protocols = quick ? 200 : 5000;
    g_skip_long = bench_synthetic_long_text(bytes, g_skip_protocols);
    return emit(in, gen_skip, 0);
  }
}

int
bench_inputs_make(bench_input *in, int max, int quick) {
  size_t i;
  for (i = 0; i < NSPECS && (int)i < max; i++)
    if (make(&in[i], &SPECS[i], quick) != 0) {
      bench_inputs_free(in, (int)i + 1);
      return -1;
    }
  return (int)i;
}

int
bench_input_make_one(bench_input *in, const char *name, int quick) {
  size_t i;
  for (i = 0; i < NSPECS; i++)
    if (strcmp(SPECS[i].name, name) == 0)
      return make(in, &SPECS[i], quick);
  return -1;
}

void
bench_inputs_free(bench_input *in, int n) {
  int i;
  for (i = 0; i < n; i++) {
    free(in[i].data);
    in[i].data = NULL;
  }
}

int
bench_input_spec(int i, const char **name, int *one_call, int *chunked,
                 int *extra) {
  if (i < 0 || (size_t)i >= NSPECS)
    return -1;
  *name = SPECS[i].name;
  *one_call = SPECS[i].one_call;
  *chunked = SPECS[i].chunked;
  *extra = SPECS[i].extra;
  return 0;
}
