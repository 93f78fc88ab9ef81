/* SPDX-License-Identifier: MIT */
/* The option table of poxauth-conformance (options.c). */
#ifndef CONF_OPTIONS_H
#define CONF_OPTIONS_H

#include "runner.h"

typedef enum opt_id {
  OPT_CASES,
  OPT_PROFILE,
  OPT_LEVEL,
  OPT_IMPL,
  OPT_NAME,
  OPT_REFERENCE,
  OPT_NO_REFERENCE,
  OPT_RUN,
  OPT_RULE,
  OPT_TAG,
  OPT_SKIP,
  OPT_SKIP_FILE,
  OPT_LIST,
  OPT_TIMEOUT,
  OPT_JOBS,
  OPT_JSON,
  OPT_JUNIT,
  OPT_HTML,
  OPT_HTML_FROM_JSON,
  OPT_TAP,
  OPT_VERBOSE,
  OPT_FUZZ_CORPUS,
  OPT_MANIFEST,
  OPT_COVERAGE,
  OPT_VERSION,
  OPT_HELP
} opt_id;

/* Called once per option in order; value is NULL for a flag.  A non-zero
 * return ends the parse with that exit status. */
typedef int (*opt_handler)(void *ctx, opt_id id, const char *name,
                           const char *value);

int options_parse(int argc, char **argv, opt_handler handle, void *ctx);
void options_usage(FILE *f);

#endif
