/* SPDX-License-Identifier: MIT */
/*
 * Reader of the canonical result format (conformance/FORMAT.md).
 *
 * The runner reads what other implementations print, so this reader treats
 * its input as untrusted: explicit lengths, every line and count bounded,
 * no recursion, and a malformed text is an error, never a crash.  It is
 * built as the static library `poxauth_canon` (conformance/canon/) and
 * shared by the runner and the fuzz targets.
 */
#ifndef POXAUTH_CANON_H
#define POXAUTH_CANON_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define CANON_MAX_LINE 16384
#define CANON_MAX_PROTOCOLS 100000
#define CANON_MAX_FINDINGS 1000000
#define CANON_NO_PROTOCOL (-1L)

typedef struct canon_protocol {
  char *type;     /* the field as printed (escaped), "-" when absent   */
  char value[16]; /* canonical value, "unknown" or "absent"            */
  int applies;    /* 1 yes, 0 no                                        */
} canon_protocol;

typedef struct canon_finding {
  long protocol; /* index, or CANON_NO_PROTOCOL                    */
  char code[48]; /* finding name, an opaque word                    */
  int violation; /* 1 violation, 0 note                            */
} canon_finding;

typedef struct canon_result {
  int rejected;          /* 1: a reject line                       */
  char reject_class[32]; /* when rejected                          */
  char reject_limit[32]; /* "" unless class is "limit"             */
  char kind[16];         /* when not rejected                      */
  char *error_code;      /* escaped field for kind error, else NULL */
  size_t nprotocols;
  canon_protocol *protocols;
  size_t nfindings;
  canon_finding
      *findings; /* sorted by (protocol, code, severity) after parse */
} canon_result;

/* Parse text[0..len).  Returns 0 and fills *out, or -1 with a message
 * ("line N: ...") in err (cap bytes, NUL-terminated) and *out left empty.
 * *out must be freed with canon_free in both cases. */
int canon_parse(const char *text, size_t len, canon_result *out, char *err,
                size_t cap);

void canon_free(canon_result *r);

/* What a comparison looks at (conformance/FORMAT.md, "Conformance
 * levels"); each level includes the ones before it. */
typedef enum canon_level {
  CANON_LEVEL_VALUES = 1,     /* rejection, kind, every Protocol line */
  CANON_LEVEL_VIOLATIONS = 2, /* plus the violation findings          */
  CANON_LEVEL_FULL = 3        /* plus the notes: every line           */
} canon_level;

/* 1 when a and b say the same thing at level. */
int canon_equal_at(const canon_result *a, const canon_result *b,
                   canon_level level);

/* canon_equal_at(a, b, CANON_LEVEL_FULL): 1 when a and b say the same thing:
 * same rejection, or same kind (and ErrorCode), the same Protocol lines, and
 * the same findings as a multiset. */
int canon_equal(const canon_result *a, const canon_result *b);

/* Print r back in the format, findings in canonical order; returns the
 * length needed like snprintf. */
size_t canon_print(const canon_result *r, char *buf, size_t cap);

#ifdef __cplusplus
}
#endif

#endif
