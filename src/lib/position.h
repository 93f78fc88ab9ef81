/* SPDX-License-Identifier: MIT */
/* Counting lines and columns the way expat does (its updatePosition in
 * xmltok_impl.c), for parser.c.  expat walks every byte through a
 * byte-type table to answer XML_GetCurrentLineNumber, about 12
 * instructions a byte; these counts give the same numbers from memchr and
 * word-wide arithmetic.  Only included by parser.c, hence static. */
#ifndef POXAUTH_POSITION_H
#define POXAUTH_POSITION_H

#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* A line and a column, both from 1 as poxauth reports them. */
typedef struct px_pos {
  unsigned long line, column;
} px_pos;

/* How expat's encoding reads the bytes: one byte a unit (UTF-8, or a
 * declared single-byte encoding), or two (UTF-16, be: big-endian). */
typedef struct px_units {
  int wide, be, utf8;
  int cr; /* 8-bit: the bytes counted may hold a CR (else none does) */
} px_units;

/* Set bits, one step each: the masks here have few (without a popcount
 * instruction, __builtin_popcountll is a library call). */
static unsigned
px_popcount64(uint64_t v) {
#if defined(__POPCNT__)
  return (unsigned)__builtin_popcountll(v);
#else
  unsigned n = 0;
  for (; v; v &= v - 1)
    n++;
  return n;
#endif
}

/* Column steps in s[0..n): UTF-8 continuation bytes (10xxxxxx) add none,
 * because expat steps over a whole multi-byte character at once.  The
 * document is valid UTF-8 up to any event expat reports, so counting
 * continuation bytes gives expat's number.  `before` bytes before s may be
 * read: the last few bytes are then one word too. */
static unsigned long
px_utf8_columns(const char *s, size_t n, size_t before) {
  const uint64_t hi = 0x8080808080808080u;
  unsigned long cont = 0;
  size_t i = 0;
  uint64_t w;
  for (; i + 8 <= n; i += 8) {
    memcpy(&w, s + i, 8);
    if (w & hi) /* bit 7 set, bit 6 clear */
      cont += px_popcount64(w & ~(w << 1) & hi);
  }
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  if (i < n && before + n >= 8) {
    /* the word ending at s + n, its first 8 - (n - i) bytes shifted out */
    memcpy(&w, s + n - 8, 8);
    w >>= 8 * (8 - (n - i));
    if (w & hi)
      cont += px_popcount64(w & ~(w << 1) & hi);
    return (unsigned long)n - cont;
  }
#else
  (void)before;
#endif
  for (; i < n; i++)
    cont += ((unsigned char)s[i] & 0xC0u) == 0x80u;
  return (unsigned long)n - cont;
}

/* The highest set bit of m (not 0). */
static unsigned
px_top_bit(unsigned m) {
#if defined(__GNUC__)
  return 31u - (unsigned)__builtin_clz(m);
#else
  unsigned b = 0;
  while (m >>= 1)
    b++;
  return b;
#endif
}

#if defined(__SSE2__)
/* The two 64-bit halves of v added. */
static size_t
px_sum64(__m128i v) {
  uint64_t h[2];
  _mm_storeu_si128((__m128i *)(void *)h, v);
  return (size_t)(h[0] + h[1]);
}

/* Bit k set where byte k of s[0..16) is c. */
static unsigned
px_mask16(const unsigned char *s, char c) {
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
  return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(c)));
}
#endif

#if defined(__SSE2__)
/* -1 in each byte of s[0..16) equal to c, else 0. */
static __m128i
px_eq16(const unsigned char *s, __m128i vc) {
  return _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)s), vc);
}
#endif

/* Bytes equal to c in s[0..n).  SSE2: 64 bytes a step (four compares
 * summed, at most 4 a lane) into byte-wide counters that are summed every
 * 63 steps, before they could pass 255, no branch on the data; then 16
 * bytes a step; the bytes past the last whole step in one overlapping
 * step.  The loop overhead, not the compares, was most of the cost with
 * one compare a step. */
static size_t
px_count_byte(const unsigned char *s, size_t n, char c) {
  size_t i = 0, hits = 0;
#if defined(__SSE2__)
  if (n >= 16) {
    const __m128i zero = _mm_setzero_si128(), vc = _mm_set1_epi8(c);
    __m128i sum = zero, acc = zero;
    while (i + 64 <= n) {
      size_t m = (n - i) / 64 < 63 ? (n - i) / 64 : 63, k;
      acc = zero;
      for (k = 0; k < m; k++, i += 64)
        acc = _mm_sub_epi8(acc,
                           _mm_add_epi8(_mm_add_epi8(px_eq16(s + i, vc),
                                                     px_eq16(s + i + 16, vc)),
                                        _mm_add_epi8(px_eq16(s + i + 32, vc),
                                                     px_eq16(s + i + 48, vc))));
      sum = _mm_add_epi64(sum, _mm_sad_epu8(acc, zero));
    }
    acc = zero; /* at most three steps of 16 are left */
    for (; i + 16 <= n; i += 16)
      acc = _mm_sub_epi8(acc, px_eq16(s + i, vc));
    hits = px_sum64(_mm_add_epi64(sum, _mm_sad_epu8(acc, zero)));
    if (i < n) /* the last n - i bytes are the top of the last 16 */
      hits += px_popcount64(px_mask16(s + n - 16, c) >> (16 - (n - i)));
    return hits;
  }
#endif
  for (; i < n; i++)
    hits += s[i] == (unsigned char)c;
  return hits;
}

/* The index just past the last LF or CR of s[0..n), which has one. */
static size_t
px_after_last_eol(const unsigned char *s, size_t n) {
#if defined(__SSE2__)
  while (n >= 16) {
    unsigned m = px_mask16(s + n - 16, '\n') | px_mask16(s + n - 16, '\r');
    if (m)
      return n - 16 + px_top_bit(m) + 1;
    n -= 16;
  }
#endif
  while (s[n - 1] != '\n' && s[n - 1] != '\r')
    n--;
  return n;
}

#if defined(__SSE2__)
/* Lanes of the sixteen bytes at s that end a line: an LF, or a CR whose
 * next byte (s[16] for the last lane) is no LF. */
static __m128i
px_eol16(const unsigned char *s) {
  const __m128i vlf = _mm_set1_epi8('\n'), vcr = _mm_set1_epi8('\r');
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
  __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + 1));
  return _mm_or_si128(
      _mm_cmpeq_epi8(v, vlf),
      _mm_andnot_si128(_mm_cmpeq_epi8(w, vlf), _mm_cmpeq_epi8(v, vcr)));
}
#endif

/* Line ends in s[0..n) where a CR is: every LF, and every CR that no LF
 * follows inside the range (CR LF is one line end, the LF's). */
static size_t
px_count_eol_cr(const unsigned char *s, size_t n) {
  size_t i = 0, ends = 0;
#if defined(__SSE2__)
  if (n >= 17) {
    const __m128i zero = _mm_setzero_si128();
    __m128i sum = zero;
    while (i + 17 <= n) {
      size_t m = (n - i - 1) / 16 < 255 ? (n - i - 1) / 16 : 255, k;
      __m128i acc = zero;
      for (k = 0; k < m; k++, i += 16)
        acc = _mm_sub_epi8(acc, px_eol16(s + i));
      sum = _mm_add_epi64(sum, _mm_sad_epu8(acc, zero));
    }
    ends = px_sum64(sum);
    if (i < n - 1) /* bytes i .. n - 2 are the top lanes of the last 16 */
      ends += px_popcount64((unsigned)_mm_movemask_epi8(px_eol16(s + n - 17)) >>
                            (16 - (n - 1 - i)));
    return ends + (s[n - 1] == '\n' || s[n - 1] == '\r');
  }
#endif
  for (; i < n; i++)
    ends += s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'));
  return ends;
}

/* Advance a line and a 0-based column over q[0..end) of a byte encoding.
 * A line ends at LF, at CR LF and at a CR alone.  As in expat, a CR that
 * is the last byte of the range ends a line by itself and an LF that
 * starts the next range another; expat reports no event between the two,
 * so no range ends there. */
static void
px_advance_bytes(const px_units *u, const char *q, const char *end,
                 unsigned long *line, unsigned long *col) {
  const unsigned char *s = (const unsigned char *)q;
  size_t n = (size_t)(end - q), after = 0;
  size_t ends = u->cr ? px_count_eol_cr(s, n) : px_count_byte(s, n, '\n');
  if (ends > 0) {
    after = px_after_last_eol(s, n);
    *line += (unsigned long)ends;
    *col = 0;
    s += after;
    n -= after;
  }
  *col +=
      u->utf8 ? px_utf8_columns((const char *)s, n, after) : (unsigned long)n;
}

/* UTF-16, one unit at a time, exactly as expat steps: a high surrogate
 * takes the next unit with it, whatever it is. */
static void
px_walk_wide(int h, const unsigned char *s, const unsigned char *e,
             unsigned long *line, unsigned long *col) {
  while (e - s >= 2) {
    unsigned hi = s[h], lo = s[1 - h];
    if (hi == 0 && (lo == '\n' || lo == '\r')) {
      ++*line;
      *col = 0;
      s += 2;
      if (lo == '\r' && e - s >= 2 && s[h] == 0 && s[1 - h] == '\n')
        s += 2;
      continue;
    }
    ++*col;
    s += hi >= 0xD8 && hi <= 0xDB ? 4 : 2;
  }
}

static unsigned
px_unit(const unsigned char *s, size_t i, int h) {
  return (unsigned)s[2 * i + (size_t)h] << 8 | s[2 * i + 1 - (size_t)h];
}

/* Line ends in units[0..n) of UTF-16, or (size_t)-1 when the range holds
 * a surrogate (then it is walked instead). */
static size_t
px_count_eol_wide(const unsigned char *s, size_t n, int be) {
  int h = be ? 0 : 1; /* index of the high byte */
  size_t i = 0, ends = 0;
#if defined(__SSE2__) && defined(__BYTE_ORDER__) &&                            \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  const __m128i vlf = _mm_set1_epi16('\n'), vcr = _mm_set1_epi16('\r');
  const __m128i hi6 = _mm_set1_epi16((short)0xFC00);
  const __m128i sur = _mm_set1_epi16((short)0xD800);
  for (; i + 8 <= n; i += 8) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + 2 * i));
    unsigned ml, mc;
    if (be)
      v = _mm_or_si128(_mm_slli_epi16(v, 8), _mm_srli_epi16(v, 8));
    if (_mm_movemask_epi8(_mm_cmpeq_epi16(_mm_and_si128(v, hi6), sur)))
      return (size_t)-1;
    ml = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi16(v, vlf));
    mc = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi16(v, vcr));
    if (ml | mc) {
      /* two mask bits a unit; a CR right before an LF is no line end */
      unsigned next = i + 8 < n && px_unit(s, i + 8, h) == '\n' ? 3u << 14 : 0;
      unsigned paired = mc & ((ml >> 2) | next);
      ends +=
          (px_popcount64(ml) + px_popcount64(mc) - px_popcount64(paired)) / 2;
    }
  }
#endif
  for (; i < n; i++) {
    unsigned v = px_unit(s, i, h);
    if ((v & 0xFC00u) == 0xD800u)
      return (size_t)-1;
    ends += v == '\n' ||
            (v == '\r' && (i + 1 == n || px_unit(s, i + 1, h) != '\n'));
  }
  return ends;
}

/* The same for UTF-16: a unit is two bytes, a surrogate pair one column. */
static void
px_advance_wide(const px_units *u, const char *q, const char *end,
                unsigned long *line, unsigned long *col) {
  const unsigned char *s = (const unsigned char *)q;
  size_t n = (size_t)(end - q) / 2;
  size_t ends = px_count_eol_wide(s, n, u->be);
  int h = u->be ? 0 : 1;
  if (ends == (size_t)-1) {
    px_walk_wide(h, s, (const unsigned char *)end, line, col);
    return;
  }
  if (ends > 0) {
    size_t k = n;
    while (px_unit(s, k - 1, h) != '\n' && px_unit(s, k - 1, h) != '\r')
      k--;
    *line += (unsigned long)ends;
    *col = 0;
    n -= k;
  }
  *col += (unsigned long)n;
}

static void
px_advance(const px_units *u, const char *q, const char *end,
           unsigned long *line, unsigned long *col) {
  if (u->wide)
    px_advance_wide(u, q, end, line, col);
  else
    px_advance_bytes(u, q, end, line, col);
}

/* expat's reading of the first two bytes of a document (initScan in
 * xmltok.c): a UTF-16 byte order mark, or a NUL in either byte. */
static px_units
px_units_of(const unsigned char *head, size_t n, int single_byte) {
  px_units u = {0, 0, 1, 1};
  if (n >= 2 && ((head[0] == 0xFE && head[1] == 0xFF) || head[0] == 0)) {
    u.wide = 1;
    u.be = 1;
  } else if (n >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || head[1] == 0)) {
    u.wide = 1;
  } else if (single_byte) {
    u.utf8 = 0;
  }
  return u;
}

#endif
