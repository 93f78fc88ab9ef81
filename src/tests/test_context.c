/* SPDX-License-Identifier: MIT */
/* The small parsers: builds [VER-7], ServerVersion [VER-6], the boundary
 * [VER-4] and X-ClientCanHandle tokens [HDR-2]. */
#include <string.h>

#include "check.h"
#include "poxauth.h"

check_state check_totals;

static int
build_ok(const char *s, unsigned n, unsigned long a, unsigned long b,
         unsigned long c, unsigned long d) {
  poxauth_build v;
  if (poxauth_build_parse(s, strlen(s), &v) != 0)
    return 0;
  return v.nparts == n && v.parts[0] == a && v.parts[1] == b &&
         v.parts[2] == c && v.parts[3] == d;
}

static int
build_bad(const char *s) {
  poxauth_build v;
  return poxauth_build_parse(s, strlen(s), &v) == -1 && v.nparts == 0;
}

static int
active(const char *s) {
  poxauth_build v;
  if (poxauth_build_parse(s, strlen(s), &v) != 0)
    return -1;
  return poxauth_build_rule_active(&v);
}

static int
sv(const char *s, unsigned long a, unsigned long b, unsigned long c) {
  poxauth_build v;
  if (poxauth_server_version_decode(s, strlen(s), &v) != 0)
    return 0;
  return v.nparts == 3 && v.parts[0] == a && v.parts[1] == b && v.parts[2] == c;
}

static unsigned
caps1(const char *s) {
  poxauth_bytes l;
  l.data = s;
  l.len = strlen(s);
  return poxauth_can_handle_parse(&l, 1);
}

int
main(void) {
  poxauth_bytes two[2];
  poxauth_build unknown;

  CHECK(build_ok("15", 1, 15, 0, 0, 0));
  CHECK(build_ok("15.0.995.14", 4, 15, 0, 995, 14));
  CHECK(build_ok("15.00.0995.014", 4, 15, 0, 995, 14));
  CHECK(build_ok("4294967295.0", 2, 4294967295UL, 0, 0, 0));
  CHECK(build_bad(""));
  CHECK(build_bad("."));
  CHECK(build_bad("15."));
  CHECK(build_bad(".15"));
  CHECK(build_bad("15..0"));
  CHECK(build_bad("1.2.3.4.5"));
  CHECK(build_bad("4294967296"));
  CHECK(build_bad("99999999999999999999999"));
  CHECK(build_bad("15.0 "));
  CHECK(build_bad("+15"));
  CHECK(build_bad("15.0.995.14a"));
  CHECK(poxauth_build_parse(NULL, 3, &unknown) == -1);
  CHECK(poxauth_build_parse("15", 2, NULL) == -1);
  /* Explicit length: bytes past it are not read. */
  CHECK(poxauth_build_parse("15.0x", 4, &unknown) == 0 && unknown.nparts == 2);

  CHECK(active("15.0.995.14") == 1);
  CHECK(active("15.0.995.13") == 0);
  CHECK(active("15.0.995") == 1);
  CHECK(active("15.0.994") == 0);
  CHECK(active("15") == 1);
  CHECK(active("14") == 0);
  CHECK(active("16") == 1);
  CHECK(active("15.1") == 1);
  CHECK(active("15.0.1000") == 1);
  CHECK(active("8.0.647") == 0);
  unknown.nparts = 0;
  CHECK(poxauth_build_rule_active(&unknown) == 1);
  CHECK(poxauth_build_rule_active(NULL) == 1);

  CHECK(sv("73C083E3", 15, 0, 995));
  CHECK(sv("73c083e3", 15, 0, 995));
  CHECK(sv("72008287", 8, 0, 647));
  CHECK(sv("738180DA", 14, 1, 218));
  CHECK(sv("73C08204", 15, 0, 516));
  CHECK(sv("73C0834F", 15, 0, 847));
  CHECK(sv(" \n73C0834F\t", 15, 0, 847));
  CHECK(sv("00000000", 0, 0, 0));
  CHECK(!sv("73C083E", 0, 0, 0));
  CHECK(!sv("73C083E30", 0, 0, 0));
  CHECK(!sv("73C0 83E", 0, 0, 0));
  CHECK(!sv("0x3C083E", 0, 0, 0));
  CHECK(!sv("", 0, 0, 0));

  CHECK(caps1("Negotiate") == POXAUTH_CAN_NEGOTIATE);
  CHECK(caps1("negotiate") == POXAUTH_CAN_NEGOTIATE);
  CHECK(caps1("NEGOTIATE") == POXAUTH_CAN_NEGOTIATE);
  CHECK(caps1("ExHttpInfo") == POXAUTH_CAN_EXHTTPINFO);
  CHECK(caps1("Negotiate,ExHttpInfo") ==
        (POXAUTH_CAN_NEGOTIATE | POXAUTH_CAN_EXHTTPINFO));
  CHECK(caps1("Negotiate, ExHttpInfo") ==
        (POXAUTH_CAN_NEGOTIATE | POXAUTH_CAN_EXHTTPINFO));
  CHECK(caps1("ExHttpInfo Negotiate") ==
        (POXAUTH_CAN_NEGOTIATE | POXAUTH_CAN_EXHTTPINFO));
  CHECK(caps1("\t,,ExHttpInfo\t,") == POXAUTH_CAN_EXHTTPINFO);
  CHECK(caps1("NegotiateEx") == 0);
  CHECK(caps1("Negotiate;ExHttpInfo") == 0);
  CHECK(caps1("Negotiat") == 0);
  CHECK(caps1("") == 0);
  two[0].data = "ExHttpInfo";
  two[0].len = 10;
  two[1].data = "Negotiate-not-read";
  two[1].len = 9;
  CHECK(poxauth_can_handle_parse(two, 2) ==
        (POXAUTH_CAN_NEGOTIATE | POXAUTH_CAN_EXHTTPINFO));
  CHECK(poxauth_can_handle_parse(NULL, 3) == 0);
  return check_report("context");
}
