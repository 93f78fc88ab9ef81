/* SPDX-License-Identifier: MIT */
/* Running the built-in reference in-process: the library's own canonical
 * printer, with the hash salt left to expat (opts.hash_salt 0). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "poxauth.h"
#include "runner.h"

void
run_reference(const conf_case *c, int profile, run_result *r) {
  poxauth_options opts;
  poxauth_bytes lines[MAX_LIST];
  poxauth_result *res = NULL;
  const char *err = NULL;
  poxauth_status st;
  size_t i, need;

  poxauth_options_init(&opts);
  /* By name, so the runner needs no change when the library adds one. */
  for (i = 0; strcmp(poxauth_profile_name((poxauth_profile)i), "?") != 0 &&
              strcmp(poxauth_profile_name((poxauth_profile)i),
                     PROFILE_NAMES[profile]) != 0;
       i++)
    ;
  if (strcmp(poxauth_profile_name((poxauth_profile)i), "?") == 0) {
    r->o = OUT_CRASH;
    snprintf(r->why, sizeof r->why, "the library has no profile %s",
             PROFILE_NAMES[profile]);
    return;
  }
  opts.profile = (poxauth_profile)i;
  for (i = 0; i < c->ncan_handle; i++) {
    lines[i].data = c->can_handle[i];
    lines[i].len = strlen(c->can_handle[i]);
  }
  if (c->header_present) {
    opts.can_handle = lines;
    opts.can_handle_count = c->ncan_handle;
  }
  if (c->server_build) {
    opts.server_build = c->server_build;
    opts.server_build_len = strlen(c->server_build);
  }
  st = poxauth_parse(&opts, c->response, c->response_len, &res, &err);
  r->exit_status = (int)st;
  if (res == NULL) {
    r->o = OUT_CRASH;
    snprintf(r->why, sizeof r->why, "no result: %s%s%s",
             poxauth_status_name(st), err ? ": " : "", err ? err : "");
    return;
  }
  need = poxauth_result_canonical(res, NULL, 0);
  r->got = xmalloc(need + 1);
  poxauth_result_canonical(res, r->got, need + 1);
  r->got_len = need;
  poxauth_result_free(res);
}
