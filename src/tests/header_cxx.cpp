// SPDX-License-Identifier: MIT
// The public header compiles as C++ with every warning an error.
#include "poxauth.h"

int
main() {
  poxauth_options o;
  poxauth_options_init(&o);
  return o.profile == POXAUTH_PROFILE_UNION ? 0 : 1;
}
