/* SPDX-License-Identifier: MIT */
/* Decoder of the fuzz input prefix; see fuzz_input.h and fuzz/README.md. */
#include "fuzz_input.h"
#include "fuzz_pad.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#pragma weak fuzz_fail_context
#endif

void
fuzz_fail(const char *file, int line, const char *what) {
  fprintf(stderr, "\n*** poxauth fuzz invariant broken: %s:%d: %s\n", file,
          line, what);
#if defined(__GNUC__)
  if (fuzz_fail_context)
    fuzz_fail_context();
#endif
  fflush(stderr);
#if defined(__GNUC__)
  __builtin_trap();
#else
  abort();
#endif
}

/* A cursor over the input; reads past the end yield "absent". */
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
take_bytes(cursor *c, size_t n, const uint8_t **out, size_t *len) {
  if (n > c->left)
    n = c->left;
  *out = c->p;
  *len = n;
  c->p += n;
  c->left -= n;
}

static size_t
take_u16(cursor *c) {
  unsigned lo = 0, hi = 0;
  if (!take_byte(c, &lo))
    return 0;
  if (!take_byte(c, &hi))
    return lo;
  return (size_t)(lo | (hi << 8));
}

void
fuzz_input_decode(const uint8_t *data, size_t size, fuzz_input *in) {
  cursor c;
  unsigned flags = 0, b = 0;

  memset(in, 0, sizeof *in);
  poxauth_options_init(&in->opts);
  in->opts.hash_salt = FUZZ_HASH_SALT;
  c.p = data;
  c.left = size;
  if (!take_byte(&c, &flags)) {
    in->body = data;
    return;
  }
  in->flags = flags;
  in->opts.profile = (flags & FUZZ_F_UNION)     ? POXAUTH_PROFILE_UNION
                     : (flags & FUZZ_F_OXDSCLI) ? POXAUTH_PROFILE_OXDSCLI
                                                : POXAUTH_PROFILE_POX;

  if ((flags & FUZZ_F_CAN_HANDLE) && take_byte(&c, &b)) {
    size_t want = (size_t)(b % 4) + 1, got = 0;
    while (got < want) {
      unsigned len;
      const uint8_t *p;
      size_t n;
      if (!take_byte(&c, &len))
        break;
      take_bytes(&c, len, &p, &n);
      in->lines[got].data = (const char *)p;
      in->lines[got].len = n;
      got++;
    }
    in->opts.can_handle = got ? in->lines : NULL;
    in->opts.can_handle_count = got;
  }
  if ((flags & FUZZ_F_BUILD) && take_byte(&c, &b)) {
    const uint8_t *p;
    size_t n;
    take_bytes(&c, b, &p, &n);
    in->opts.server_build = (const char *)p;
    in->opts.server_build_len = n;
  }
  if (flags & FUZZ_F_LIMITS) {
    in->opts.limits.max_input_bytes = take_u16(&c);
    in->opts.limits.max_depth = take_u16(&c);
    in->opts.limits.max_elements = take_u16(&c);
    in->opts.limits.max_protocols = take_u16(&c);
    in->opts.limits.max_text_bytes = take_u16(&c);
  }
  if (flags & FUZZ_F_CHUNKED) {
    in->chunked = 1;
    if (take_byte(&c, &b))
      in->chunk_seed = b;
  }
  if (flags & FUZZ_F_PAD) {
    in->padded = 1;
    take_bytes(&c, FUZZ_PAD_SPEC_BYTES, &in->pad_spec, &in->pad_spec_len);
  }
  in->prefix_len = size - c.left;
  in->body = c.p;
  in->body_len = c.left;
}

void
fuzz_chunker_init(fuzz_chunker *c, unsigned seed) {
  static const size_t maxes[8] = {1, 2, 3, 7, 16, 64, 509, 4096};
  memset(c, 0, sizeof *c);
  c->max = maxes[seed & 7u];
  c->state = 0x9e3779b9u ^ (uint32_t)(seed & 0xffu);
}

void
fuzz_chunker_splits(fuzz_chunker *c, const size_t *splits, size_t n) {
  memset(c, 0, sizeof *c);
  c->splits = splits;
  c->nsplits = n;
}

size_t
fuzz_chunker_next(fuzz_chunker *c) {
  if (c->splits) {
    while (c->next < c->nsplits && c->splits[c->next] <= c->at)
      c->next++;
    if (c->next == c->nsplits)
      return (size_t)-1 / 2; /* the rest (the caller clamps) */
    {
      size_t n = c->splits[c->next] - c->at;
      c->at += n;
      return n;
    }
  }
  c->state = c->state * 1103515245u + 12345u;
  return 1 + (size_t)((c->state >> 8) % c->max);
}

size_t
fuzz_input_encode_prefix(uint8_t *buf, int oxdscli, const poxauth_bytes *lines,
                         size_t count, const char *build, size_t build_len,
                         const poxauth_limits *limits, int chunked,
                         unsigned chunk_seed) {
  size_t n = 1, i;
  unsigned flags = oxdscli ? FUZZ_F_OXDSCLI : 0;
  if (count > FUZZ_MAX_LINES)
    count = FUZZ_MAX_LINES;
  if (count > 0) {
    flags |= FUZZ_F_CAN_HANDLE;
    buf[n++] = (uint8_t)(count - 1);
    for (i = 0; i < count; i++) {
      size_t l = lines[i].len > 255 ? 255 : lines[i].len;
      buf[n++] = (uint8_t)l;
      if (l)
        memcpy(buf + n, lines[i].data, l);
      n += l;
    }
  }
  if (build != NULL) {
    size_t l = build_len > 255 ? 255 : build_len;
    flags |= FUZZ_F_BUILD;
    buf[n++] = (uint8_t)l;
    if (l)
      memcpy(buf + n, build, l);
    n += l;
  }
  if (limits != NULL) {
    size_t v[5];
    flags |= FUZZ_F_LIMITS;
    v[0] = limits->max_input_bytes;
    v[1] = limits->max_depth;
    v[2] = limits->max_elements;
    v[3] = limits->max_protocols;
    v[4] = limits->max_text_bytes;
    for (i = 0; i < 5; i++) {
      size_t x = v[i] > 0xffff ? 0xffff : v[i];
      buf[n++] = (uint8_t)(x & 0xff);
      buf[n++] = (uint8_t)(x >> 8);
    }
  }
  if (chunked) {
    flags |= FUZZ_F_CHUNKED;
    buf[n++] = (uint8_t)chunk_seed;
  }
  buf[0] = (uint8_t)flags;
  return n;
}
