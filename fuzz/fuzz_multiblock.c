/* SPDX-License-Identifier: MIT */
/* The padded re-run of a response; see fuzz_check.h, fuzz_pad.h. */
#include <stdlib.h>

#include "fuzz_check.h"
#include "fuzz_pad.h"

/* Offsets to cut at: one byte either side of every block edge, and either
 * side of where the targets landed. */
static size_t
edge_splits(const fuzz_padded *pd, size_t *out, size_t cap) {
  size_t n = 0, k, i, j;
  size_t t[4];
  t[0] = pd->target_d_out;
  t[1] = t[0] + 1;
  t[2] = pd->target_a_out;
  t[3] = t[2] + 1;
  for (k = FUZZ_BLOCK_BYTES; k < pd->len && n + 2 < cap;
       k += FUZZ_BLOCK_BYTES) {
    out[n++] = k - 1;
    out[n++] = k + 1;
  }
  for (i = 0; i < 4 && n < cap; i++)
    if (t[i] > 0 && t[i] < pd->len)
      out[n++] = t[i];
  /* Ascending, no repeats (a few entries: insertion sort). */
  for (i = 1; i < n; i++)
    for (j = i; j > 0 && out[j - 1] > out[j]; j--) {
      size_t x = out[j];
      out[j] = out[j - 1];
      out[j - 1] = x;
    }
  for (i = j = 0; i < n; i++)
    if (j == 0 || out[j - 1] != out[i])
      out[j++] = out[i];
  return j;
}

void
fuzz_check_padded(const fuzz_input *in, const poxauth_result *r,
                  poxauth_status st, const unsigned *chunk_seed) {
  fuzz_pad_req req;
  fuzz_padded pd;
  poxauth_options o;
  poxauth_result *r2 = NULL;
  poxauth_status st2;
  fuzz_chunker ch;
  size_t splits[64], ns;

  if (!in->padded)
    return;
  fuzz_pad_decode(in->pad_spec, in->pad_spec_len, in->body_len, &req);
  if (fuzz_pad_build(in->body, in->body_len, in->opts.limits.max_input_bytes,
                     &req, &pd) != 1)
    return;
  fuzz_pad_options(&in->opts, &pd, &o);
  st2 = poxauth_parse(&o, pd.doc, pd.len, &r2, NULL);
  fuzz_check_result(r2, st2, &o);
  fuzz_check_same_mapped(r, st, r2, st2, &pd.map);
  poxauth_result_free(r2);

  ns = edge_splits(&pd, splits, sizeof splits / sizeof splits[0]);
  fuzz_chunker_splits(&ch, splits, ns);
  st2 = fuzz_parse_chunked(&o, pd.doc, pd.len, &ch, &r2);
  fuzz_check_result(r2, st2, &o);
  fuzz_check_same_mapped(r, st, r2, st2, &pd.map);
  poxauth_result_free(r2);

  if (chunk_seed) {
    fuzz_chunker_init(&ch, *chunk_seed);
    st2 = fuzz_parse_chunked(&o, pd.doc, pd.len, &ch, &r2);
    fuzz_check_result(r2, st2, &o);
    fuzz_check_same_mapped(r, st, r2, st2, &pd.map);
    poxauth_result_free(r2);
  }
  fuzz_pad_free(&pd);
}
