/* SPDX-License-Identifier: MIT */
/* Every rule of conformance/SPEC.md, every finding code and every
 * rejection class, each checked one-shot and again fed in chunks of 1, 2,
 * 3, 7 and 4096 bytes, which must give byte-identical results [STR-1]. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "testlib.h"

check_state check_totals;

#define DECL "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
#define OPEN(action)                                                           \
  DECL "<Autodiscover xmlns=\"" R "\">\n <Response xmlns=\"" A                 \
       "\">\n  <Account>\n   <Action>" action "</Action>\n"
#define CLOSE "  </Account>\n </Response>\n</Autodiscover>\n"
#define DOC(body) OPEN("settings") body CLOSE
#define PROTO(type, inner)                                                     \
  "   <Protocol><Type>" type "</Type>" inner "</Protocol>\n"
#define AP(v) "<AuthPackage>" v "</AuthPackage>"
#define SV(v) "<ServerVersion>" v "</ServerVersion>"
#define MSNS                                                                   \
  "\"http://schemas.microsoft.com/exchange/autodiscover/mobilesync/"           \
  "responseschema/2006\""

enum { POX = 0, OX = 1, UN = 2 };
#define NOHDR -1 /* X-ClientCanHandle absent */

typedef struct tcase {
  const char *name;
  int profile;
  int nhdr; /* NOHDR, or the number of lines in hdr */
  const char *hdr[2];
  const char *build;
  const char *xml;
  const char *expect; /* canonical body, without the first and last line */
  poxauth_limits lim;
} tcase;

static const tcase cases[] = {
    /* PRO-1, VAL-2 */
    {"value basic",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("basic"))),
     "kind settings\nprotocol 0 EXCH basic yes\n",
     {0}},
    {"nego2 pox",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXPR", AP("nego2"))),
     "kind settings\nprotocol 0 EXPR nego2 yes\n",
     {0}},
    {"nego2 oxdscli",
     OX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXPR", AP("nego2"))),
     "kind settings\nprotocol 0 EXPR unknown yes\n"
     "finding 0 value-unknown violation\n",
     {0}},
    {"anonymous pox",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("anonymous"))),
     "kind settings\nprotocol 0 EXCH unknown yes\n"
     "finding 0 value-unknown violation\n",
     {0}},
    {"anonymous oxdscli",
     OX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("anonymous"))),
     "kind settings\nprotocol 0 EXCH anonymous yes\n",
     {0}},
    /* VAL-3 */
    {"case note",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXPR", AP("Ntlm"))),
     "kind settings\nprotocol 0 EXPR ntlm yes\nfinding 0 value-case note\n",
     {0}},
    {"trim note",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXPR", AP(" \n\tKERB\r\n "))),
     "kind settings\nprotocol 0 EXPR kerb yes\nfinding 0 value-case note\n"
     "finding 0 value-trimmed note\n",
     {0}},
    /* VAL-4, VAL-5 */
    {"unknown",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP(" digest "))),
     "kind settings\nprotocol 0 EXCH unknown yes\n"
     "finding 0 value-unknown violation\n",
     {0}},
    {"translated fr",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("N\xc3\xa9gocier"))),
     "kind settings\nprotocol 0 EXCH unknown yes\n"
     "finding 0 value-translated note\nfinding 0 value-unknown violation\n",
     {0}},
    {"translated ja",
     OX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXPR", AP("\xe8\xa8\xbc\xe6\x98\x8e\xe6\x9b\xb8"))),
     "kind settings\nprotocol 0 EXPR unknown yes\n"
     "finding 0 value-translated note\nfinding 0 value-unknown violation\n",
     {0}},
    /* VAL-6 */
    {"empty self-closing",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", "<AuthPackage/>")),
     "kind settings\nprotocol 0 EXCH unknown yes\n"
     "finding 0 value-empty violation\n",
     {0}},
    {"empty blanks",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("  \n "))),
     "kind settings\nprotocol 0 EXCH unknown yes\n"
     "finding 0 value-empty violation\n",
     {0}},
    /* VAL-1, VAL-7 */
    {"children",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("ba<x>zz<y/></x>sic<z/>"))),
     "kind settings\nprotocol 0 EXCH basic yes\n"
     "finding 0 value-children violation\n",
     {0}},
    {"cdata",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("<![CDATA[ker]]>b"))),
     "kind settings\nprotocol 0 EXCH kerb yes\n",
     {0}},
    {"char refs",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("&#x6E;t&#108;m"))),
     "kind settings\nprotocol 0 EXCH ntlm yes\n",
     {0}},
    {"comment and pi inside",
     POX,
     1,
     {"Negotiate"},
     0,
     DOC(PROTO("EXCH", AP("ne<!--x-->go<?pi x?>tiate"))),
     "kind settings\nprotocol 0 EXCH negotiate yes\n",
     {0}},
    /* VAL-8 */
    {"duplicate",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("basic") AP("bogus<x/>") AP("ntlm"))),
     "kind settings\nprotocol 0 EXCH basic yes\n"
     "finding 0 value-duplicate violation\n"
     "finding 0 value-duplicate violation\n",
     {0}},
    /* VAL-9 */
    {"absent",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", "<Server>x</Server>")),
     "kind settings\nprotocol 0 EXCH absent no\n",
     {0}},
    {"authpackage before type",
     POX,
     NOHDR,
     {0},
     0,
     DOC("   <Protocol>" AP("kerbntlm") "<Type>EXPR</Type></Protocol>\n"),
     "kind settings\nprotocol 0 EXPR kerbntlm yes\n",
     {0}},
    /* TYP-1 .. TYP-4 */
    {"type missing",
     POX,
     NOHDR,
     {0},
     0,
     DOC("   <Protocol>" AP("basic") "</Protocol>\n"),
     "kind settings\nprotocol 0 - basic no\n"
     "finding 0 not-applicable note\nfinding 0 type-missing violation\n",
     {0}},
    {"type empty",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("  ", "")),
     "kind settings\nprotocol 0 - absent no\n"
     "finding 0 type-missing violation\n",
     {0}},
    {"type case variant",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("exch", AP("basic"))),
     "kind settings\nprotocol 0 exch basic no\n"
     "finding 0 not-applicable note\nfinding 0 type-case violation\n",
     {0}},
    {"type unknown",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("Exch Online", AP("ntlm"))),
     "kind settings\nprotocol 0 Exch%20Online ntlm no\n"
     "finding 0 not-applicable note\n",
     {0}},
    {"type web",
     OX,
     NOHDR,
     {0},
     0,
     DOC(PROTO(" WEB ", AP("ntlm"))),
     "kind settings\nprotocol 0 WEB ntlm no\nfinding 0 not-applicable note\n",
     {0}},
    {"mapiHttp attribute",
     POX,
     NOHDR,
     {0},
     0,
     DOC("   <Protocol Type=\"mapiHttp\" Version=\"1\"><MailStore/>"
         "</Protocol>\n"),
     "kind settings\nprotocol 0 mapiHttp absent no\n",
     {0}},
    {"type child wins",
     POX,
     NOHDR,
     {0},
     0,
     DOC("   <Protocol Type=\"mapiHttp\"><Type>EXCH</Type>" AP(
         "basic") "</Protocol>\n"),
     "kind settings\nprotocol 0 EXCH basic yes\n",
     {0}},
    {"first type wins",
     POX,
     NOHDR,
     {0},
     0,
     DOC("   <Protocol><Type>EXPR</Type><Type>WEB</Type>" AP(
         "basic") "</Protocol>\n"),
     "kind settings\nprotocol 0 EXPR basic yes\n",
     {0}},
    {"exhttp pox",
     POX,
     1,
     {"ExHttpInfo"},
     0,
     DOC(PROTO("EXHTTP", AP("basic"))),
     "kind settings\nprotocol 0 EXHTTP basic no\n"
     "finding 0 not-applicable note\n",
     {0}},
    {"exhttp oxdscli",
     OX,
     1,
     {"ExHttpInfo"},
     0,
     DOC(PROTO("EXHTTP", AP("basic"))),
     "kind settings\nprotocol 0 EXHTTP basic yes\n",
     {0}},
    /* IDN-1, IDN-2 */
    {"nested protocol ignored",
     POX,
     NOHDR,
     {0},
     0,
     DOC("   "
         "<Protocol><Type>WEB</Type><Internal><Protocol><Type>EXPR</Type>" AP(
             "basic") "</Protocol></Internal></Protocol>\n"),
     "kind settings\nprotocol 0 WEB absent no\n",
     {0}},
    {"foreign namespace ignored",
     POX,
     NOHDR,
     {0},
     0,
     DOC("   <Protocol><Type>EXCH</Type><x:AuthPackage xmlns:x=\"urn:x\">"
         "basic</x:AuthPackage><AuthPackage xmlns=\"\">ntlm</AuthPackage>"
         "</Protocol>\n"),
     "kind settings\nprotocol 0 EXCH absent no\n",
     {0}},
    {"two accounts",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("kerb")) "  </Account>\n  <Account>\n" PROTO(
         "EXPR", AP("ntlm"))),
     "kind settings\nprotocol 0 EXCH kerb yes\nprotocol 1 EXPR ntlm yes\n",
     {0}},
    /* VER-1 .. VER-6, HDR-1, HDR-2 */
    {"negotiate no header",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXPR", AP("negotiate"))),
     "kind settings\nprotocol 0 EXPR negotiate yes\n"
     "finding 0 build-assumed note\n"
     "finding 0 negotiate-unrequested violation\n",
     {0}},
    {"negotiate empty header",
     POX,
     1,
     {""},
     0,
     DOC(PROTO("EXPR", AP("negotiate"))),
     "kind settings\nprotocol 0 EXPR negotiate yes\n"
     "finding 0 build-assumed note\n"
     "finding 0 negotiate-unrequested violation\n",
     {0}},
    {"negotiate token lower",
     POX,
     1,
     {" negotiate "},
     0,
     DOC(PROTO("EXPR", AP("negotiate"))),
     "kind settings\nprotocol 0 EXPR negotiate yes\n",
     {0}},
    {"negotiateex is not negotiate",
     POX,
     1,
     {"NegotiateEx,ExHttpInfo"},
     0,
     DOC(PROTO("EXPR", AP("negotiate"))),
     "kind settings\nprotocol 0 EXPR negotiate yes\n"
     "finding 0 build-assumed note\n"
     "finding 0 negotiate-unrequested violation\n",
     {0}},
    {"two header lines",
     POX,
     2,
     {"ExHttpInfo", "Negotiate"},
     0,
     DOC(PROTO("EXHTTP", AP("negotiate"))),
     "kind settings\nprotocol 0 EXHTTP negotiate no\n"
     "finding 0 not-applicable note\n",
     {0}},
    {"context build before boundary",
     POX,
     NOHDR,
     {0},
     "15.0.995.13",
     DOC(PROTO("EXPR", AP("negotiate"))),
     "kind settings\nprotocol 0 EXPR negotiate yes\n",
     {0}},
    {"context build at boundary",
     POX,
     NOHDR,
     {0},
     "15.00.0995.014",
     DOC(PROTO("EXPR", AP("negotiate"))),
     "kind settings\nprotocol 0 EXPR negotiate yes\n"
     "finding 0 negotiate-unrequested violation\n",
     {0}},
    {"context build wins over serverversion",
     POX,
     NOHDR,
     {0},
     "14",
     DOC(PROTO("EXPR", SV("73C083E3") AP("negotiate"))),
     "kind settings\nprotocol 0 EXPR negotiate yes\n",
     {0}},
    {"serverversion 15.0.995 active",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXPR", SV("73c083e3") AP("negotiate"))),
     "kind settings\nprotocol 0 EXPR negotiate yes\n"
     "finding 0 negotiate-unrequested violation\n",
     {0}},
    {"serverversion 15.0.847 inactive",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXHTTP", SV(" 73C0834F ") AP("negotiate"))),
     "kind settings\nprotocol 0 EXHTTP negotiate no\n"
     "finding 0 not-applicable note\n",
     {0}},
    {"exch fallback later in document",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXHTTP", "") PROTO("EXCH", SV("72008287"))
             PROTO("EXCH", SV("73C083E3"))),
     "kind settings\nprotocol 0 EXHTTP absent no\n"
     "protocol 1 EXCH absent no\nprotocol 2 EXCH absent no\n",
     {0}},
    {"malformed serverversion",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", SV("73C083E") AP("negotiate"))),
     "kind settings\nprotocol 0 EXCH negotiate yes\n"
     "finding 0 build-assumed note\n"
     "finding 0 negotiate-unrequested violation\n"
     "finding 0 serverversion-malformed violation\n",
     {0}},
    {"exhttp without exhttpinfo",
     OX,
     1,
     {"Negotiate"},
     0,
     DOC(PROTO("EXHTTP", SV("73C183E3") AP("negotiate"))),
     "kind settings\nprotocol 0 EXHTTP negotiate yes\n"
     "finding 0 exhttp-unrequested violation\n",
     {0}},
    {"negotiate under web",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("WEB", AP("Negotiate"))),
     "kind settings\nprotocol 0 WEB negotiate no\n"
     "finding 0 build-assumed note\n"
     "finding 0 negotiate-unrequested violation\n"
     "finding 0 not-applicable note\nfinding 0 value-case note\n",
     {0}},
    /* KND-1 .. KND-3 */
    {"redirectAddr",
     POX,
     NOHDR,
     {0},
     0,
     OPEN("redirectAddr") "<RedirectAddr>a@b</RedirectAddr>" CLOSE,
     "kind redirectAddr\n",
     {0}},
    {"redirectUrl",
     POX,
     NOHDR,
     {0},
     0,
     OPEN(" redirectUrl ") "<RedirectURL>https://x</RedirectURL>" CLOSE,
     "kind redirectUrl\n",
     {0}},
    {"action unknown",
     POX,
     NOHDR,
     {0},
     0,
     OPEN("Settings") CLOSE,
     "kind other\nfinding - action-unknown violation\n",
     {0}},
    {"action missing",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A
          "\"><Account/></Response></Autodiscover>",
     "kind other\nfinding - action-missing violation\n",
     {0}},
    {"response missing",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"" R "\"><Response/></Autodiscover>",
     "kind other\nfinding - response-missing violation\n",
     {0}},
    {"https response",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"https://schemas."
          "microsoft.com/exchange/autodiscover/outlook/responseschema/2006a\">"
          "<Account><Action>settings</Action></Account></Response>"
          "</Autodiscover>",
     "kind other\nfinding - response-missing violation\n",
     {0}},
    {"error under response",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" R "\"><Error "
          "Time=\"1\" Id=\"2\"><ErrorCode> 600 </ErrorCode><Message>m"
          "</Message></Error></Response></Autodiscover>",
     "kind error 600\n",
     {0}},
    {"error under account",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A "\"><Account>"
          "<Error><ErrorCode>a b%</ErrorCode></Error></Account></Response>"
          "</Autodiscover>",
     "kind error a%20b%25\n",
     {0}},
    {"errorcode of the first error only",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A "\"><Error>"
          "<Message/></Error><Account><Error><ErrorCode>601</ErrorCode>"
          "</Error></Account></Response></Autodiscover>",
     "kind error -\n",
     {0}},
    {"error without code",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A "\"><Error/>"
          "</Response></Autodiscover>",
     "kind error -\n",
     {0}},
    /* REJ-2 .. REJ-6 */
    {"truncated",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", "<AuthPack")),
     "reject not-well-formed\n",
     {0}},
    {"undefined entity",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("&x;"))),
     "reject not-well-formed\n",
     {0}},
    {"unbound prefix",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", "<q:x/>")),
     "reject not-well-formed\n",
     {0}},
    {"only blanks",
     POX,
     NOHDR,
     {0},
     0,
     " \n\t ",
     "reject not-well-formed\n",
     {0}},
    {"only bom",
     POX,
     NOHDR,
     {0},
     0,
     "\xef\xbb\xbf",
     "reject not-well-formed\n",
     {0}},
    {"bad utf-8",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("\xff"))),
     "reject not-well-formed\n",
     {0}},
    {"doctype internal entity",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<!DOCTYPE Autodiscover [<!ENTITY a \"basic\">]>\n"
          "<Autodiscover xmlns=\"" R "\">&a;</Autodiscover>",
     "reject doctype\n",
     {0}},
    {"doctype system",
     POX,
     NOHDR,
     {0},
     0,
     "<!DOCTYPE Autodiscover SYSTEM \"file:///etc/passwd\"><Autodiscover/>",
     "reject doctype\n",
     {0}},
    {"entity bomb",
     POX,
     NOHDR,
     {0},
     0,
     "<!DOCTYPE l [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">"
     "<!ENTITY c \"&b;&b;&b;&b;&b;&b;\">]><l>&c;&c;&c;</l>",
     "reject doctype\n",
     {0}},
    {"doctype wins over later error",
     POX,
     NOHDR,
     {0},
     0,
     "<!DOCTYPE x><x></y>",
     "reject doctype\n",
     {0}},
    {"not autodiscover",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Response/>",
     "reject not-autodiscover\n",
     {0}},
    {"no namespace",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover/>",
     "reject wrong-namespace\n",
     {0}},
    {"https namespace",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"https://schemas.microsoft.com/exchange/"
          "autodiscover/responseschema/2006\"/>",
     "reject wrong-namespace\n",
     {0}},
    {"request document",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/"
          "autodiscover/outlook/requestschema/2006\"/>",
     "reject wrong-namespace\n",
     {0}},
    {"unsupported encoding",
     POX,
     NOHDR,
     {0},
     0,
     "<?xml version=\"1.0\" encoding=\"windows-1252\"?><Autodiscover/>",
     "reject unsupported-encoding\n",
     {0}},
    {"latin-1 accepted",
     POX,
     NOHDR,
     {0},
     0,
     "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<Autodiscover xmlns=\"" R
     "\"><Response xmlns=\"" A "\"><Account><Action>settings</Action>" PROTO(
         "EXCH", AP("n\xe9gocier")) "</Account></Response></Autodiscover>",
     "kind settings\nprotocol 0 EXCH unknown yes\n"
     "finding 0 value-translated note\nfinding 0 value-unknown violation\n",
     {0}},
    {"empty input", POX, NOHDR, {0}, 0, "", "reject empty\n", {0}},
    {"limit depth",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", "<a><b/></a>")),
     "reject limit depth\n",
     {0, 5, 0, 0, 0}},
    {"limit elements",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", "<a/><b/>")),
     "reject limit elements\n",
     {0, 0, 6, 0, 0}},
    {"limit protocols",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", "") PROTO("EXPR", "") PROTO("WEB", "")),
     "reject limit protocols\n",
     {0, 0, 0, 2, 0}},
    {"limit text",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("kerbntlm"))),
     "reject limit text-bytes\n",
     {0, 0, 0, 0, 7}},
    /* Fuzz find: expat drops a text run ending in "]]>" unseen when it
     * comes in one chunk, so the limit waits for the next tag. */
    {"text over the limit then ]]>",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("kerbntlmx]]>"))),
     "reject not-well-formed\n",
     {0, 0, 0, 0, 8}},
    {"text limit ignores skipped text",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", "<Server>a-much-longer-text</Server>" AP("kerb"))),
     "kind settings\nprotocol 0 EXCH kerb yes\n",
     {0, 0, 0, 0, 8}},
    {"limit input",
     POX,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("basic"))),
     "reject limit input-bytes\n",
     {100, 0, 0, 0, 0}},
    {"error before input limit wins",
     POX,
     NOHDR,
     {0},
     0,
     "<Autodiscover xmlns=\"" R "\"><a></b>" DOC(PROTO("EXCH", AP("basic"))),
     "reject not-well-formed\n",
     {200, 0, 0, 0, 0}},
    {"input exactly at limit",
     POX,
     NOHDR,
     {0},
     0,
     DOC(""),
     "kind settings\n",
     {sizeof(DOC("")) - 1, 0, 0, 0, 0}},
    /* PRO-3: the union profile, the default */
    {"union nego2",
     UN,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXPR", AP("nego2"))),
     "kind settings\nprotocol 0 EXPR nego2 yes\n"
     "finding 0 value-one-source note\n",
     {0}},
    {"union anonymous",
     UN,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXCH", AP("Anonymous") SV("73D49F70"))),
     "kind settings\nprotocol 0 EXCH anonymous yes\n"
     "finding 0 value-case note\nfinding 0 value-one-source note\n",
     {0}},
    {"union exhttp applies",
     UN,
     1,
     {"ExHttpInfo"},
     0,
     DOC(PROTO("EXHTTP", AP("basic"))),
     "kind settings\nprotocol 0 EXHTTP basic yes\n",
     {0}},
    {"union unknown",
     UN,
     NOHDR,
     {0},
     0,
     DOC(PROTO("EXPR", AP("digest"))),
     "kind settings\nprotocol 0 EXPR unknown yes\n"
     "finding 0 value-unknown violation\n",
     {0}},
    /* KND-4 */
    {"mobilesync",
     POX,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"" R "\"><Response xmlns=" MSNS
          "><Culture>en:us</Culture><Action><Settings/></Action></Response>"
          "</Autodiscover>",
     "kind mobilesync\n",
     {0}},
    {"mobilesync with outlook protocols inside",
     UN,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"" R "\"><Response xmlns=" MSNS
          "><Account xmlns=\"" A "\"><Action>settings</Action>" PROTO(
              "EXPR", AP("digest")) "</Account></Response></Autodiscover>",
     "kind mobilesync\n",
     {0}},
    {"outlook response wins over mobilesync",
     UN,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"" R "\"><Response xmlns=" MSNS
          "/><Response xmlns=\"" A
          "\"><Account><Action>settings</Action>" PROTO(
              "EXPR", AP("ntlm")) "</Account></Response></Autodiscover>",
     "kind settings\nprotocol 0 EXPR ntlm yes\n",
     {0}},
    {"error wins over mobilesync",
     UN,
     NOHDR,
     {0},
     0,
     DECL "<Autodiscover xmlns=\"" R "\"><Response xmlns=" MSNS
          "/><Response><Error><ErrorCode>500</ErrorCode></Error></Response>"
          "</Autodiscover>",
     "kind error 500\n",
     {0}},
    /* REJ-5: a declaration contradicting the byte order mark */
    {"utf-8 bom, iso-8859-1",
     UN,
     NOHDR,
     {0},
     0,
     "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n"
     "<Autodiscover xmlns=\"" R "\"/>",
     "reject unsupported-encoding\n",
     {0}},
    {"utf-8 bom, us-ascii",
     UN,
     NOHDR,
     {0},
     0,
     "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"US-ASCII\"?>\n"
     "<Autodiscover xmlns=\"" R "\"/>",
     "reject unsupported-encoding\n",
     {0}},
    {"utf-8 bom, UTF-8",
     UN,
     NOHDR,
     {0},
     0,
     "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"Utf-8\"?>\n"
     "<Autodiscover xmlns=\"" R "\"/>",
     "kind other\nfinding - response-missing violation\n",
     {0}},
};

static void
options_for(const tcase *c, poxauth_options *o, poxauth_bytes *lines) {
  int i;
  poxauth_options_init(o);
  o->profile = c->profile == OX   ? POXAUTH_PROFILE_OXDSCLI
               : c->profile == UN ? POXAUTH_PROFILE_UNION
                                  : POXAUTH_PROFILE_POX;
  if (c->nhdr != NOHDR) {
    for (i = 0; i < c->nhdr; i++) {
      lines[i].data = c->hdr[i];
      lines[i].len = strlen(c->hdr[i]);
    }
    o->can_handle = lines;
    o->can_handle_count = (size_t)c->nhdr;
  }
  if (c->build) {
    o->server_build = c->build;
    o->server_build_len = strlen(c->build);
  }
  o->limits = c->lim;
}

/* poxauth counts lines and columns itself for a document that is one
 * plain-ASCII block, and asks expat otherwise.  A non-ASCII comment after
 * the root changes nothing before it but sends the document down expat's
 * path: both must give the same positions. */
static void
check_counted_positions(const poxauth_options *o, const char *data, size_t len,
                        const char *whole, const char *name) {
  static const char tail[] = "<!--\xc3\xa9-->";
  poxauth_status st;
  char *d, *copy;
  size_t i;
  for (i = 0; i < len; i++)
    if ((unsigned char)data[i] >= 0x80 || data[i] == '\r' || data[i] == 0)
      return; /* already on expat's path */
  copy = (char *)malloc(len + sizeof tail);
  if (!copy)
    return;
  memcpy(copy, data, len);
  memcpy(copy + len, tail, sizeof tail - 1);
  d = run_chunked(o, copy, len + sizeof tail - 1, 0, &st);
  CHECK_MSG(d && whole && strcmp(d, whole) == 0,
            "%s: counted positions differ from expat's:\n%s\nvs\n%s", name,
            whole ? whole : "(null)", d ? d : "(null)");
  free(d);
  free(copy);
}

static void
run_case(const tcase *c, const char *data, size_t len) {
  static const size_t chunks[] = {1, 2, 3, 7, 4096};
  poxauth_options o;
  poxauth_bytes lines[2];
  poxauth_status st, st2;
  char *canon, *want, *whole;
  size_t k;
  options_for(c, &o, lines);
  canon = run_canonical(&o, data, len, &st);
  want = (char *)malloc(strlen(c->expect) + 32);
  if (!canon || !want) {
    CHECK_MSG(0, "%s: no result", c->name);
    free(canon);
    free(want);
    return;
  }
  sprintf(want, "poxauth-canonical 1\n%send\n", c->expect);
  CHECK_MSG(strcmp(canon, want) == 0, "%s: got\n%swant\n%s", c->name, canon,
            want);
  CHECK_MSG(st == (strncmp(c->expect, "reject", 6) == 0 ? POXAUTH_REJECTED
                                                        : POXAUTH_OK),
            "%s: status %s", c->name, poxauth_status_name(st));
  whole = run_chunked(&o, data, len, 0, &st);
  if (st == POXAUTH_OK && !c->lim.max_input_bytes)
    check_counted_positions(&o, data, len, whole, c->name);
  for (k = 0; k < sizeof chunks / sizeof chunks[0]; k++) {
    char *d = run_chunked(&o, data, len, chunks[k], &st2);
    CHECK_MSG(d && whole && strcmp(d, whole) == 0 && st == st2,
              "%s: chunks of %zu differ:\n%s\nvs one-shot\n%s", c->name,
              chunks[k], d ? d : "(null)", whole ? whole : "(null)");
    free(d);
  }
  free(whole);
  free(canon);
  free(want);
}

/* UTF-16 with a BOM is accepted [REJ-5]: widen an ASCII document. */
static void
utf16_case(void) {
  static const tcase c = {"utf-16 bom",
                          POX,
                          NOHDR,
                          {0},
                          0,
                          NULL,
                          "kind settings\nprotocol 0 EXCH ntlm yes\n",
                          {0}};
  const char *src = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
                    "<Autodiscover xmlns=\"" R "\"><Response xmlns=\"" A
                    "\"><Account><Action>settings</Action>" PROTO(
                        "EXCH", AP("ntlm")) "</Account></Response>"
                                            "</Autodiscover>";
  size_t n = strlen(src), i;
  char *w = (char *)malloc(2 * n + 2);
  if (!w)
    return;
  w[0] = (char)0xFF;
  w[1] = (char)0xFE;
  for (i = 0; i < n; i++) {
    w[2 + 2 * i] = src[i];
    w[3 + 2 * i] = 0;
  }
  run_case(&c, w, 2 * n + 2);
  free(w);
}

/* Fuzz finds: expat guesses the encoding from the first bytes, and used to
 * guess differently when they came one at a time [STR-1]. */
static void
encoding_guess(void) {
  static const tcase two = {
      "two bytes y NUL",          POX, NOHDR, {0}, 0, NULL,
      "reject not-well-formed\n", {0}};
  static const tcase cut = {"limit inside the first bytes",
                            OX,
                            NOHDR,
                            {0},
                            0,
                            NULL,
                            "reject limit input-bytes\n",
                            {2, 0, 0, 0, 0}};
  static const tcase nul = {
      "NUL NUL then more", OX, NOHDR, {0}, 0, NULL, "reject not-well-formed\n",
      {2, 0, 0, 0, 0}};
  run_case(&two, "y\0", 2);
  run_case(&cut, "\0\"\0s", 4);
  run_case(&nul, "\0\0\xe4\0H", 5);
}

/* The default limits themselves [REJ-6]: depth 32 passes, 33 does not. */
static void
default_depth(void) {
  static const tcase ok = {"depth 32",        POX, NOHDR, {0}, 0, NULL,
                           "kind settings\n", {0}};
  static const tcase bad = {
      "depth 33", POX, NOHDR, {0}, 0, NULL, "reject limit depth\n", {0}};
  char doc[4096];
  int extra;
  for (extra = 29; extra <= 30; extra++) {
    /* root(1) Response(2) Account(3) Action(4) is the deepest so far; add
     * `extra` levels under Account: depth 3 + extra. */
    size_t n;
    int i;
    n = (size_t)snprintf(doc, sizeof doc, "%s", OPEN("settings"));
    for (i = 0; i < extra; i++)
      n += (size_t)snprintf(doc + n, sizeof doc - n, "<d>");
    for (i = 0; i < extra; i++)
      n += (size_t)snprintf(doc + n, sizeof doc - n, "</d>");
    n += (size_t)snprintf(doc + n, sizeof doc - n, "%s", CLOSE);
    run_case(extra == 29 ? &ok : &bad, doc, n);
  }
}

/* Every finding code and rejection class is expected by some case here,
 * so that a code nothing exercises cannot go unnoticed. */
static void
coverage(void) {
  int c;
  size_t i;
  for (c = 1; c <= POXAUTH_F_COUNT; c++) {
    char want[64];
    int found = 0;
    snprintf(want, sizeof want, " %s ",
             poxauth_finding_name((poxauth_finding_code)c));
    for (i = 0; i < sizeof cases / sizeof cases[0] && !found; i++)
      found = strstr(cases[i].expect, want) != NULL;
    CHECK_MSG(found, "no case expects finding %s", want);
  }
  for (c = 1; c < POXAUTH_REJECT_COUNT; c++) {
    char want[64];
    int found = 0;
    if (c == POXAUTH_REJECT_NOMEM)
      continue; /* test_alloc */
    snprintf(want, sizeof want, "reject %s",
             poxauth_reject_name((poxauth_reject_class)c));
    for (i = 0; i < sizeof cases / sizeof cases[0] && !found; i++)
      found = strstr(cases[i].expect, want) != NULL;
    CHECK_MSG(found, "no case expects %s", want);
  }
}

int
main(void) {
  size_t i;
  coverage();
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
    run_case(&cases[i], cases[i].xml, strlen(cases[i].xml));
  utf16_case();
  encoding_guess();
  default_depth();
  return check_report("rules");
}
