/* SPDX-License-Identifier: MIT */
/* The tool's report writers: one per --format.  Text from the document,
 * file names and arguments go through print.h, escaped. */
#ifndef POXAUTH_TOOL_REPORT_H
#define POXAUTH_TOOL_REPORT_H

#include <stdio.h>

#include "poxauth.h"

/* What the report says about the request context, echoed from the
 * command line. */
typedef struct report_ctx {
  const char *file; /* display name; "-" is standard input */
  const poxauth_options *opts;
  const char *server_build; /* as given, or NULL */
  int no_notes;             /* --no-notes: findings of severity note hidden */
} report_ctx;

void report_text(FILE *out, const report_ctx *c, const poxauth_result *r);
void report_json(FILE *out, const report_ctx *c, const poxauth_result *r);
/* Returns 0, or -1 when out of memory. */
int report_canonical(FILE *out, const poxauth_result *r);

#endif
