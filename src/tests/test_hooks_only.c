/* SPDX-License-Identifier: MIT */
/* Every allocation goes through the caller's hooks.  This program defines
 * malloc, calloc, realloc, free and the aligned allocators itself, so that
 * every call to them from anywhere in the process (poxauth, expat, the C
 * library's own helpers such as qsort) comes here; it counts the calls
 * made while a poxauth function runs.  The hooks go to glibc's allocator
 * directly, so only an allocation that bypassed them is counted.  Before
 * it trusts a zero, it proves that the counting works: a direct malloc
 * and glibc's qsort on a large array, both inside, must be counted.
 *
 * glibc only (the __libc_ entry points); elsewhere the test is skipped
 * (exit 77).  Not built with sanitizers, which need malloc themselves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "poxauth.h"

check_state check_totals;

#if defined(__GLIBC__)

#include <errno.h>

extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void __libc_free(void *p);
extern void *__libc_memalign(size_t align, size_t n);
/* Declared by <malloc.h> and POSIX <stdlib.h>, neither of which C11 mode
 * shows. */
void *memalign(size_t align, size_t n);
int posix_memalign(void **out, size_t align, size_t n);

/* Exported, or the C library and expat would not see them (the build
 * hides every symbol by default). */
#define REPLACES __attribute__((visibility("default")))

static int inside;            /* a poxauth function is running        */
static unsigned long stray;   /* allocator calls from inside, unhooked */
static unsigned long hooked;  /* calls through the hooks              */
static unsigned long allocs;  /* of which malloc and realloc          */
static unsigned long fail_at; /* fail the n-th hooked allocation      */

REPLACES void *
malloc(size_t n) {
  stray += inside != 0;
  return __libc_malloc(n);
}

REPLACES void *
calloc(size_t n, size_t size) {
  stray += inside != 0;
  return __libc_calloc(n, size);
}

REPLACES void *
realloc(void *p, size_t n) {
  stray += inside != 0;
  return __libc_realloc(p, n);
}

REPLACES void
free(void *p) {
  stray += inside != 0 && p != NULL;
  __libc_free(p);
}

REPLACES void *
aligned_alloc(size_t align, size_t n) {
  stray += inside != 0;
  return __libc_memalign(align, n);
}

REPLACES void *
memalign(size_t align, size_t n) {
  stray += inside != 0;
  return __libc_memalign(align, n);
}

REPLACES int
posix_memalign(void **out, size_t align, size_t n) {
  void *p;
  stray += inside != 0;
  p = __libc_memalign(align, n);
  if (!p)
    return ENOMEM;
  *out = p;
  return 0;
}

static void *
h_malloc(size_t n) {
  hooked++;
  if (++allocs == fail_at)
    return NULL;
  return __libc_malloc(n);
}

static void *
h_realloc(void *p, size_t n) {
  hooked++;
  if (++allocs == fail_at)
    return NULL;
  return __libc_realloc(p, n);
}

static void
h_free(void *p) {
  hooked++;
  __libc_free(p);
}

/* A settings response with n Protocols, each drawing several findings
 * (value-case, value-trimmed, not-applicable, type-case, ...), so that
 * the result has hundreds of findings to sort. */
static char *
many_findings(size_t n, size_t *len) {
  static const char head[] =
      "<?xml version=\"1.0\"?><Autodiscover xmlns=\"" R
      "\"><Response xmlns=\"" A "\"><Account><Action>settings</Action>";
  static const char proto[] =
      "<Protocol><Type>Exch</Type><AuthPackage> NTLM </AuthPackage>"
      "<AuthPackage>x</AuthPackage></Protocol>"
      "<Protocol><Type>WEB</Type><AuthPackage>Nego2 </AuthPackage>"
      "<ServerVersion>zz</ServerVersion></Protocol>";
  static const char tail[] = "</Account></Response></Autodiscover>";
  size_t i, at = 0, cap = sizeof head + n * sizeof proto + sizeof tail;
  char *d = (char *)__libc_malloc(cap);
  if (!d)
    return NULL;
  memcpy(d, head, sizeof head - 1);
  at = sizeof head - 1;
  for (i = 0; i < n; i++) {
    memcpy(d + at, proto, sizeof proto - 1);
    at += sizeof proto - 1;
  }
  memcpy(d + at, tail, sizeof tail - 1);
  *len = at + sizeof tail - 1;
  return d;
}

/* Everything a caller does with one document, all inside; chunk 0 is the
 * one-call API.  Returns the number of findings. */
static size_t
exercise(const char *doc, size_t len, size_t chunk) {
  poxauth_options o;
  poxauth_parser *p = NULL;
  poxauth_result *r = NULL;
  char buf[512];
  size_t at, nf = 0;
  poxauth_options_init(&o);
  o.memory.malloc_fcn = h_malloc;
  o.memory.realloc_fcn = h_realloc;
  o.memory.free_fcn = h_free;
  o.limits.max_protocols = 100000;
  o.limits.max_elements = 1000000;
  o.limits.max_input_bytes = 64u << 20;
  inside = 1;
  if (chunk == 0) {
    poxauth_parse(&o, doc, len, &r, NULL);
  } else if (poxauth_parser_create(&o, &p, NULL) == POXAUTH_OK) {
    for (at = 0; at < len; at += chunk)
      poxauth_parser_feed(p, doc + at, len - at < chunk ? len - at : chunk);
    poxauth_parser_finish(p, &r);
    poxauth_parser_destroy(p);
  }
  if (r) {
    nf = poxauth_result_finding_count(r);
    poxauth_result_canonical(r, buf, sizeof buf);
    poxauth_result_canonical(r, NULL, 0);
    if (poxauth_result_protocol_count(r) > 0) {
      const poxauth_protocol *pr = poxauth_result_protocol(r, 0);
      poxauth_escape(buf, sizeof buf, pr->raw, pr->raw_len,
                     POXAUTH_ESCAPE_JSON);
    }
    poxauth_result_free(r);
  }
  inside = 0;
  return nf;
}

static int
cmp_int(const void *a, const void *b) {
  return *(const int *)a - *(const int *)b;
}

/* The counter can fail: an allocation from inside is seen, and so is the
 * one glibc's qsort makes for a large array (the bug this test guards). */
static void
self_check(void) {
  void *(*volatile m)(size_t) = malloc;
  void (*volatile f)(void *) = free;
  static struct {
    int key;
    char pad[60];
  } big[200];
  size_t i;
  unsigned long before = stray;
  inside = 1;
  f(m(16));
  inside = 0;
  CHECK_MSG(stray == before + 2, "direct malloc/free not counted");
  for (i = 0; i < 200; i++)
    big[i].key = (int)((i * 7919) % 200);
  before = stray;
  inside = 1;
  qsort(big, 200, sizeof big[0], cmp_int);
  inside = 0;
  CHECK_MSG(stray > before, "glibc qsort's allocation not counted");
  stray = 0;
}

/* valgrind puts its own allocator in place of every malloc, this file's
 * included (it preloads vgpreload_*.so): nothing can be counted there.
 * The runs still go ahead, for valgrind to check; the counting is the
 * native run's (ctest). */
static int
under_valgrind(void) {
  const char *pre = getenv("LD_PRELOAD");
  return pre && strstr(pre, "vgpreload") != NULL;
}

int
main(void) {
  static const char *const small[] = {
      "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" R
      "\"><Error><ErrorCode>600</ErrorCode></Error></Response></Autodiscover>",
      "<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a;</x>",
      "<Autodiscover xmlns=\"" R "\"><broken",
      "",
  };
  size_t len, i, n;
  char *doc = many_findings(100, &len);
  int counting = !under_valgrind();
  if (counting)
    self_check();
  else
    puts("hooks-only: under valgrind, which replaces malloc: not counting");
  CHECK(doc != NULL);
  if (!doc)
    return check_report("hooks-only");
  n = exercise(doc, len, 0);
  CHECK_MSG(n > 300, "only %zu findings", n);
  CHECK_MSG(stray == 0, "%lu allocator calls bypassed the hooks (one call)",
            stray);
  exercise(doc, len, 4096);
  exercise(doc, len, 7);
  CHECK_MSG(stray == 0, "%lu allocator calls bypassed the hooks (streamed)",
            stray);
  for (i = 0; i < sizeof small / sizeof small[0]; i++)
    exercise(small[i], strlen(small[i]), 0);
  /* Allocation failure at every point of a smaller document. */
  __libc_free(doc);
  doc = many_findings(12, &len);
  for (fail_at = 1; doc && fail_at < 100000; fail_at++) {
    allocs = 0;
    exercise(doc, len, 0);
    if (allocs < fail_at)
      break; /* the run needed fewer allocations: every point was tried */
  }
  fail_at = 0;
  CHECK_MSG(stray == 0, "%lu allocator calls bypassed the hooks (failures)",
            stray);
  CHECK(hooked > 0);
  __libc_free(doc);
  return check_report("hooks-only");
}

#else

int
main(void) {
  puts("hooks-only: skipped, needs glibc to interpose malloc");
  return 77;
}

#endif
