/* SPDX-License-Identifier: MIT */
/*
 * poxauth_stream_fuzzer: differential, one-shot against streaming [STR-1].
 *
 * Same input format as poxauth_fuzzer (the chunking bit is ignored).  The
 * response goes through three independent paths that must agree on
 * everything, line and column numbers included:
 *   1. poxauth_parse, one call;
 *   2. the streaming API, one byte per feed (every split point at once:
 *      inside UTF-8 sequences, BOMs, tags, references, CDATA markers);
 *   3. the streaming API with chunk sizes drawn from the input's last byte;
 *   4. with flag bit6, the response padded across block edges (fuzz_pad.h),
 *      one-shot, cut around every edge, and chunked as in 3 (the chunk
 *      seed byte of the prefix, or 0): same answer, positions shifted.
 */
#include <stdint.h>
#include <stdlib.h>

#include "fuzz_check.h"
#include "fuzz_input.h"
#include "poxauth.h"
#include "xml_mutator_hooks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  fuzz_input in;
  poxauth_result *r1 = NULL, *r2 = NULL, *r3 = NULL;
  const char *err = NULL;
  poxauth_status s1, s2, s3;
  fuzz_chunker ch;

  fuzz_input_decode(data, size, &in);
  /* The library re-blocks, so 1-byte feeding costs a call per byte but
   * not an expat call per byte; still, keep inputs moderate. */
  if (in.body_len > 65536)
    return 0;
  s1 = poxauth_parse(&in.opts, in.body, in.body_len, &r1, &err);
  if (s1 == POXAUTH_ERR_ARGUMENT) {
    FUZZ_CHECK(r1 == NULL);
    return 0;
  }
  s2 = fuzz_parse_chunked(&in.opts, in.body, in.body_len, NULL, &r2);
  fuzz_chunker_init(&ch, size ? data[size - 1] : 0);
  s3 = fuzz_parse_chunked(&in.opts, in.body, in.body_len, &ch, &r3);
  fuzz_check_result(r1, s1, &in.opts);
  fuzz_check_result(r2, s2, &in.opts);
  fuzz_check_result(r3, s3, &in.opts);
  fuzz_check_same(r1, s1, r2, s2);
  fuzz_check_same(r1, s1, r3, s3);
  fuzz_check_padded(&in, r1, s1, &in.chunk_seed);
  poxauth_result_free(r1);
  poxauth_result_free(r2);
  poxauth_result_free(r3);
  return 0;
}
