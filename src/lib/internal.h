/* SPDX-License-Identifier: MIT */
/* Shared between the library's files; not installed. */
#ifndef POXAUTH_INTERNAL_H
#define POXAUTH_INTERNAL_H

#include "poxauth.h"

/* Everything poxauth keeps about one Account-level Protocol.  `pub` is what
 * poxauth_result_protocol hands out; the rest is what the rules need at
 * finish time, when the whole document has been seen [VER-3]. */
typedef struct proto_rec {
  poxauth_protocol pub;
  char *type_buf;      /* pub.type (px_result_text) */
  char *raw_buf;       /* pub.raw (px_result_text)  */
  int type_from_child; /* a Type child was seen (it wins) [TYP-1] */
  char *type_attr;     /* trimmed Type attribute, or NULL         */
  size_t type_attr_len;
  unsigned long type_line, type_column;
  int ap_seen; /* first AuthPackage read completely       */
  unsigned long ap_line, ap_column;
  int sv_seen;
  unsigned long sv_line, sv_column;
} proto_rec;

/* A finding plus the order it was made in, so that sorting is stable. */
typedef struct finding_rec {
  poxauth_finding pub;
  size_t seq;
} finding_rec;

struct poxauth_result {
  poxauth_memory mem;
  poxauth_profile profile;
  long can_handle_lines;
  int rejected;
  poxauth_rejection rejection;
  char rejection_message[512];
  poxauth_kind kind;
  char *error_code; /* NULL: none */
  size_t error_code_len;
  proto_rec *protos;
  size_t nprotos, cap_protos;
  finding_rec *findings;
  size_t nfindings, cap_findings;
  size_t violations;
  /* Where the finding that could not be stored was seen (0: none), so an
   * allocation failure in the rules at finish has a position. */
  unsigned long nomem_line, nomem_column;
  /* The texts the result keeps (Types, AuthPackages, the ErrorCode):
   * from `texts` while they fit, then carved from chained blocks of
   * PX_TEXT_BLOCK bytes (a longer text gets a block of its own), so that
   * a document of many Protocols costs few allocations. */
  char texts[256];
  size_t texts_used;
  void *text_blocks;
  char *block_free; /* the unused end of the newest block */
  size_t block_left;
};

/* tables.c */
int px_value_match(poxauth_profile p, const char *s, size_t len,
                   poxauth_value *out);
/* The value a translated doc word stands for, or POXAUTH_VALUE_ABSENT. */
poxauth_value px_translated_word(const char *s, size_t len);
/* Exactly a known Type: 1; a case variant of one: 2; else 0 [TYP-2]. */
int px_type_class(const char *s, size_t len);
int px_type_applies(poxauth_profile p, const char *s, size_t len);
/* 1 for a value that only one of the two sources defines [PRO-3]. */
int px_value_one_source(poxauth_value v);
const char *px_finding_message(poxauth_finding_code c);
const char *px_finding_hint(poxauth_finding_code c, poxauth_profile p,
                            poxauth_value v);

/* context.c */
int px_is_xml_space(unsigned char c);
void px_trim(const char **s, size_t *len);
int px_ascii_ieq(const char *a, size_t alen, const char *b, size_t blen);

/* result.c */
poxauth_result *px_result_new(const poxauth_memory *mem,
                              poxauth_profile profile, long lines);
/* Append a zeroed Protocol, growing the storage up to `max` entries; NULL
 * when out of memory (the caller checks the limit first). */
proto_rec *px_add_protocol(poxauth_result *r, size_t max);
/* Append a finding; 0, or -1 when out of memory. */
int px_add_finding(poxauth_result *r, poxauth_finding_code c, size_t proto,
                   unsigned long line, unsigned long column, poxauth_value v);
void px_result_reject(poxauth_result *r, poxauth_reject_class cls,
                      poxauth_limit_id limit, unsigned long line,
                      unsigned long column, const char *detail);
void px_result_sort_findings(poxauth_result *r);
void *px_malloc(const poxauth_memory *m, size_t n);
void *px_realloc(const poxauth_memory *m, void *p, size_t n);
void px_free(const poxauth_memory *m, void *p);
/* A NUL-terminated copy of s[0..len), or NULL. */
char *px_strndup(const poxauth_memory *m, const char *s, size_t len);
/* The same, owned by the result (freed with it), or NULL. */
char *px_result_text(poxauth_result *r, const char *s, size_t len);

/* rules.c: evaluate every rule once the document is complete.  0, or -1
 * when out of memory. */
typedef struct px_context {
  poxauth_profile profile;
  unsigned caps;
  poxauth_build build; /* nparts 0: not given */
} px_context;

typedef struct px_doc {
  int a_response_seen;
  int mobilesync_seen; /* a Response in the mobilesync namespace [KND-4] */
  int error_seen;
  int account_seen;
  int action_seen;
  char *action; /* trimmed, or NULL */
  size_t action_len;
  unsigned long root_line, root_column;
  unsigned long account_line, account_column;
  unsigned long action_line, action_column;
} px_doc;

int px_evaluate(poxauth_result *r, const px_context *ctx, const px_doc *doc);

#endif
