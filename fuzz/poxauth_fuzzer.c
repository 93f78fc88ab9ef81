/* SPDX-License-Identifier: MIT */
/*
 * poxauth_fuzzer: the whole API from one input.
 *
 * The input is a context prefix (profile, X-ClientCanHandle lines, server
 * build, limits, chunking; fuzz_input.h, fuzz/README.md) followed by the
 * response.  Beyond "no crash, no leak", it checks:
 * - every promise of poxauth.h about the result (fuzz_check_result): every
 *   finding names an existing Protocol, a rejection carries a class, ...;
 * - the canonical text is well-formed (snprintf contract) and, read back by
 *   the conformance runner's reader, prints back to the same text and
 *   agrees with the API (fuzz_check_canon);
 * - with chunked feeding (flag bit4), the streamed result equals the
 *   one-shot result: canonical text and every line/column [STR-1];
 * - with padding (flag bit6), the response grown across block edges
 *   (fuzz_pad.h) gives the same answer, positions shifted by the padding,
 *   one-shot and cut around every edge [STR-1];
 * - poxauth_escape makes every document text it hands out, and the raw
 *   input itself, safe to print (fuzz_check_escape).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_check.h"
#include "fuzz_input.h"
#include "poxauth.h"
#include "xml_mutator_hooks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The escaping of everything a report would print from this input. */
static void
escape_all(const poxauth_result *r, const uint8_t *data, size_t size) {
  const poxauth_rejection *rej = poxauth_result_rejection(r);
  size_t i, n = poxauth_result_protocol_count(r), len;
  const char *ec = poxauth_result_error_code(r, &len);
  fuzz_check_escape((const char *)data, size < 4096 ? size : 4096, size);
  if (rej)
    fuzz_check_escape(rej->message, strlen(rej->message), rej->column);
  if (ec)
    fuzz_check_escape(ec, len, len / 2);
  for (i = 0; i < n; i++) {
    const poxauth_protocol *p = poxauth_result_protocol(r, i);
    if (p->type)
      fuzz_check_escape(p->type, p->type_len, i + p->type_len);
    if (p->raw)
      fuzz_check_escape(p->raw, p->raw_len, i + 7 * p->raw_len);
  }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_input in;
  poxauth_result *r = NULL;
  const char *err = NULL;
  poxauth_status st;
  char *text;
  size_t len;

  fuzz_input_decode(data, size, &in);
  st = poxauth_parse(&in.opts, in.body, in.body_len, &r, &err);
  if (st == POXAUTH_ERR_ARGUMENT) {
    /* A bad build (VER-7) is a usage error: no result, a message. */
    FUZZ_CHECK(r == NULL);
    FUZZ_CHECK(err != NULL);
    FUZZ_CHECK(in.opts.server_build_len > 0);
    return 0;
  }
  /* The C library's allocator does not fail on inputs this small. */
  FUZZ_CHECK(st == POXAUTH_OK || st == POXAUTH_REJECTED);
  fuzz_check_result(r, st, &in.opts);
  escape_all(r, data, size);
  text = fuzz_canonical(r, &len);
  fuzz_check_canon(text, len, r, &in.opts);

  if (in.chunked) {
    fuzz_chunker ch;
    poxauth_result *r2 = NULL;
    poxauth_status st2;
    fuzz_chunker_init(&ch, in.chunk_seed);
    st2 = fuzz_parse_chunked(&in.opts, in.body, in.body_len, &ch, &r2);
    fuzz_check_result(r2, st2, &in.opts);
    fuzz_check_same(r, st, r2, st2);
    poxauth_result_free(r2);
  }
  fuzz_check_padded(&in, r, st, in.chunked ? &in.chunk_seed : NULL);
  free(text);
  poxauth_result_free(r);
  return 0;
}
