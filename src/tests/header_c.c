/* SPDX-License-Identifier: MIT */
/* The public header compiles alone, under each language standard the
 * build names (C99, C11) with every warning an error. */
#include "poxauth.h"

int
main(void) {
  poxauth_options o;
  poxauth_options_init(&o);
  return o.profile == POXAUTH_PROFILE_UNION ? 0 : 1;
}
