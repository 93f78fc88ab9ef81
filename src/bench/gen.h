/* SPDX-License-Identifier: MIT */
/*
 * Deterministic generators of the benchmark's Autodiscover responses.
 *
 * Every input is made by the program itself, in memory or streamed in
 * 64 KiB chunks, so nothing large is committed and two runs parse exactly
 * the same bytes.  An emitter either accumulates the whole document, hands
 * it to a sink chunk by chunk (streaming: the document never exists whole),
 * or only counts (to size a document before making it).
 */
#ifndef POXAUTH_BENCH_GEN_H
#define POXAUTH_BENCH_GEN_H

#include <stddef.h>

#define BENCH_CHUNK ((size_t)64 * 1024)

typedef int (*bench_sink_fn)(void *ctx, const char *data, size_t len);

typedef struct bench_emitter {
  char *buf; /* whole document, or the current chunk      */
  size_t len, cap;
  size_t total;    /* bytes emitted                              */
  size_t elements; /* start tags emitted                         */
  size_t depth, max_depth;
  size_t protocols;   /* Account-level Protocols emitted            */
  int count_only;     /* 1: count, store nothing                    */
  bench_sink_fn sink; /* non-NULL: stream in BENCH_CHUNK pieces     */
  void *sink_ctx;
  int failed; /* allocation failure or the sink said stop   */
  int crlf;   /* line ends are CR LF (set before generating) */
} bench_emitter;

/* Emitters.  Release with bench_emitter_free. */
void bench_emitter_count(bench_emitter *e);
int bench_emitter_memory(bench_emitter *e);
int bench_emitter_stream(bench_emitter *e, bench_sink_fn sink, void *ctx);
/* Hand the last partial chunk to the sink (streaming only). */
void bench_emitter_flush(bench_emitter *e);
void bench_emitter_free(bench_emitter *e);

/* The documents.  Each also fills the emitter's counters. */

/* A typical Exchange 2016 settings response, about 5 KB. */
void bench_gen_typical(bench_emitter *e);
/* The same response for a user and a site with non-ASCII names (German,
 * Scandinavian and Japanese text in DisplayName, LegacyDN, the server's
 * site and its GroupingInformation). */
void bench_gen_typical_utf8(bench_emitter *e);
/* A redirectAddr response, about 600 bytes. */
void bench_gen_redirect(bench_emitter *e);
/* An Error response in the response schema (ErrorCode 600). */
void bench_gen_error(bench_emitter *e);
/* Element-dense: Exchange-shaped Protocols (many small elements,
 * attributes, a namespace prefix declared on every other Protocol) until
 * the document has at least `bytes` bytes. */
void bench_gen_dense(bench_emitter *e, size_t bytes);

/* `src` (UTF-8 with an XML declaration naming utf-8) as UTF-16 with a byte
 * order mark and the declaration naming utf-16; malloc'd, NULL on
 * failure. */
char *bench_to_utf16(const char *src, size_t n, int big_endian,
                     size_t *out_len);

/* Many Protocols with long texts: `protocols` Protocols, each with about
 * `long_text` bytes of text in elements poxauth skips; every 8th has an
 * AuthPackage padded with 1 KiB of white space (text poxauth reads). */
void bench_gen_synthetic(bench_emitter *e, size_t protocols, size_t long_text);
/* Parameters of bench_gen_synthetic for a document of about `bytes`. */
size_t bench_synthetic_long_text(size_t bytes, size_t protocols);

/* Size grows only through content poxauth skips: always 16 Protocols;
 * `filler_elems` 4 KiB text elements per Protocol and one text node of
 * `long_text` bytes, all in elements poxauth ignores. */
#define BENCH_GROW_PROTOCOLS 16
void bench_gen_grow(bench_emitter *e, size_t filler_elems, size_t long_text);
void bench_grow_params(size_t bytes, size_t *filler_elems, size_t *long_text);

/* The largest input the default limits accept: exactly 1 MiB, 10,000
 * elements, depth 32, 64 Protocols, one AuthPackage text of 4,096 bytes.
 * A variant exceeds exactly one of those by one. */
typedef enum bench_largest_variant {
  BENCH_LARGEST_EXACT = 0,
  BENCH_LARGEST_BYTES_PLUS_1,
  BENCH_LARGEST_DEPTH_PLUS_1,
  BENCH_LARGEST_ELEMENTS_PLUS_1,
  BENCH_LARGEST_PROTOCOLS_PLUS_1,
  BENCH_LARGEST_TEXT_PLUS_1,
  BENCH_LARGEST_VARIANTS
} bench_largest_variant;
void bench_gen_largest(bench_emitter *e, bench_largest_variant v);

#endif
