/* SPDX-License-Identifier: MIT */
/* Links against an installed poxauth and checks one response. */
#include <poxauth.h>
#include <stdio.h>
#include <string.h>

int
main(void) {
  static const char doc[] =
      "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/"
      "autodiscover/responseschema/2006\"><Response xmlns=\"http://schemas."
      "microsoft.com/exchange/autodiscover/outlook/responseschema/2006a\">"
      "<Account><Action>settings</Action><Protocol><Type>EXCH</Type>"
      "<AuthPackage>kerb</AuthPackage></Protocol></Account></Response>"
      "</Autodiscover>";
  poxauth_result *r;
  const poxauth_protocol *p;
  if (poxauth_parse(NULL, doc, strlen(doc), &r, NULL) != POXAUTH_OK)
    return 1;
  p = poxauth_result_protocol(r, 0);
  printf("consumer: poxauth %s, value %s\n", poxauth_version(),
         p ? poxauth_value_name(p->value) : "?");
  if (!p || p->value != POXAUTH_VALUE_KERB)
    return 1;
  poxauth_result_free(r);
  return 0;
}
