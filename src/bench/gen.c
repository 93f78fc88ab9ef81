/* SPDX-License-Identifier: MIT */
/* Deterministic Autodiscover response generators; see gen.h. */
#include "gen.h"

#include <stdlib.h>
#include <string.h>

#define NS_R                                                                   \
  "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
#define NS_A                                                                   \
  "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/" \
  "2006a"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"utf-8\"?>"

/* ------------------------------------------------------------------ */
/* Emitters.                                                           */

static void
emitter_zero(bench_emitter *e) {
  memset(e, 0, sizeof *e);
}

void
bench_emitter_count(bench_emitter *e) {
  emitter_zero(e);
  e->count_only = 1;
}

int
bench_emitter_memory(bench_emitter *e) {
  emitter_zero(e);
  e->cap = BENCH_CHUNK;
  e->buf = malloc(e->cap);
  return e->buf ? 0 : -1;
}

int
bench_emitter_stream(bench_emitter *e, bench_sink_fn sink, void *ctx) {
  emitter_zero(e);
  e->sink = sink;
  e->sink_ctx = ctx;
  e->cap = BENCH_CHUNK;
  e->buf = malloc(e->cap);
  return e->buf ? 0 : -1;
}

void
bench_emitter_flush(bench_emitter *e) {
  if (e->sink && !e->failed && e->len > 0) {
    if (e->sink(e->sink_ctx, e->buf, e->len) != 0)
      e->failed = 1;
  }
  if (e->sink)
    e->len = 0;
}

void
bench_emitter_free(bench_emitter *e) {
  free(e->buf);
  e->buf = NULL;
  e->len = e->cap = 0;
}

static void
put(bench_emitter *e, const char *s, size_t n) {
  e->total += n;
  if (e->count_only || e->failed)
    return;
  if (e->sink) {
    while (n > 0) {
      size_t room = BENCH_CHUNK - e->len;
      size_t k = n < room ? n : room;
      memcpy(e->buf + e->len, s, k);
      e->len += k;
      s += k;
      n -= k;
      if (e->len == BENCH_CHUNK) {
        if (e->sink(e->sink_ctx, e->buf, e->len) != 0) {
          e->failed = 1;
          e->len = 0;
          return;
        }
        e->len = 0;
      }
    }
    return;
  }
  if (e->cap - e->len < n) {
    size_t cap = e->cap;
    char *nb;
    while (cap - e->len < n)
      cap *= 2;
    nb = realloc(e->buf, cap);
    if (!nb) {
      e->failed = 1;
      return;
    }
    e->buf = nb;
    e->cap = cap;
  }
  memcpy(e->buf + e->len, s, n);
  e->len += n;
}

static void
puts_(bench_emitter *e, const char *s) {
  put(e, s, strlen(s));
}

/* n bytes of prose-like filler text (no markup characters). */
static const char FILLER[] =
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod "
    "tempor incididunt ut labore et dolore magna aliqua 0123456789. Ut enim "
    "ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut "
    "aliquip ex ea commodo consequat; Duis aute irure dolor in reprehenderit ";

/* n bytes made of pattern pat[0..k) repeated. */
static void
repeat(bench_emitter *e, const char *pat, size_t k, size_t n) {
  while (n > 0) {
    size_t m = n < k ? n : k;
    put(e, pat, m);
    n -= m;
  }
}

static void
fill(bench_emitter *e, size_t n) {
  repeat(e, FILLER, sizeof FILLER - 1, n);
}

static const char SPACES[] =
    "                                                                "
    "                                                                ";

static void
spaces(bench_emitter *e, size_t n) {
  repeat(e, SPACES, sizeof SPACES - 1, n);
}

/* Pretty printing: a new line indented by two spaces per level. */
static void
nl(bench_emitter *e) {
  if (e->crlf)
    put(e, "\r", 1);
  put(e, "\n", 1);
  spaces(e, 2 * e->depth);
}

static void
start_tag(bench_emitter *e, const char *name, const char *attrs) {
  put(e, "<", 1);
  puts_(e, name);
  if (attrs) {
    put(e, " ", 1);
    puts_(e, attrs);
  }
  put(e, ">", 1);
  e->elements++;
  e->depth++;
  if (e->depth > e->max_depth)
    e->max_depth = e->depth;
}

static void
end_tag(bench_emitter *e, const char *name) {
  e->depth--;
  put(e, "</", 2);
  puts_(e, name);
  put(e, ">", 1);
}

/* <name attrs> on a new line; children follow. */
static void
open_(bench_emitter *e, const char *name, const char *attrs) {
  nl(e);
  start_tag(e, name, attrs);
}

static void
close_(bench_emitter *e, const char *name) {
  e->depth--;
  nl(e);
  e->depth++;
  end_tag(e, name);
}

/* <name>text</name> on a new line. */
static void
leaf(bench_emitter *e, const char *name, const char *text) {
  nl(e);
  start_tag(e, name, NULL);
  puts_(e, text);
  end_tag(e, name);
}

/* ------------------------------------------------------------------ */
/* Shared parts.                                                       */

/* The texts that name the user and the site. */
typedef struct names {
  const char *display, *legacy_dn, *smtp, *site, *ad;
} names;

static const names ASCII_NAMES = {
    "Alex Example",
    "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"
    "/cn=Recipients/cn=5f0e6c8a2b1d4e7f9a3c6b8d0e2f4a1c-alex",
    "alex@contoso.com", "Default-First-Site-Name", "DC01.corp.contoso.com"};

/* UTF-8: German, Danish and Japanese; two- and three-byte characters. */
static const names UTF8_NAMES = {
    "J\xc3\xbcrgen M\xc3\xbcller-\xc3\x98rsted "
    "(\xe5\x96\xb6\xe6\xa5\xad\xe9\x83\xa8)",
    "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"
    "/cn=Recipients/cn=5f0e6c8a2b1d4e7f9a3c6b8d0e2f4a1c-j\xc3\xbcrgen.m\xc3"
    "\xbcller",
    "juergen.mueller@contoso.com",
    "M\xc3\xbcnchen-Gro\xc3\x9fraum "
    "\xe6\x9d\xb1\xe4\xba\xac\xe3\x82\xb5\xe3\x82\xa4\xe3\x83\x88",
    "DC01.m\xc3\xbcnchen.contoso.com"};

static void
doc_open_names(bench_emitter *e, const names *nm) {
  puts_(e, XML_DECL);
  nl(e);
  start_tag(e, "Autodiscover", "xmlns=\"" NS_R "\"");
  open_(e, "Response", "xmlns=\"" NS_A "\"");
  open_(e, "User", NULL);
  leaf(e, "DisplayName", nm->display);
  leaf(e, "LegacyDN", nm->legacy_dn);
  leaf(e, "AutoDiscoverSMTPAddress", nm->smtp);
  leaf(e, "DeploymentId", "11111111-2222-3333-4444-555555555555");
  close_(e, "User");
  open_(e, "Account", NULL);
  leaf(e, "AccountType", "email");
  leaf(e, "Action", "settings");
  leaf(e, "MicrosoftOnline", "False");
  leaf(e, "ConsumerMailbox", "False");
}

static void
doc_open(bench_emitter *e) {
  doc_open_names(e, &ASCII_NAMES);
}

static void
doc_close(bench_emitter *e) {
  close_(e, "Account");
  close_(e, "Response");
  close_(e, "Autodiscover");
  if (e->crlf)
    put(e, "\r", 1);
  put(e, "\n", 1);
}

static void
protocol_open(bench_emitter *e, const char *attrs) {
  open_(e, "Protocol", attrs);
  e->protocols++;
}

/* The EWS/ECP URL block an Exchange 2016 server sends in EXCH and EXPR. */
static void
ews_urls(bench_emitter *e) {
  leaf(e, "ASUrl", "https://mail.contoso.com/EWS/Exchange.asmx");
  leaf(e, "EwsUrl", "https://mail.contoso.com/EWS/Exchange.asmx");
  leaf(e, "EmwsUrl", "https://mail.contoso.com/EWS/Exchange.asmx");
  leaf(e, "EcpUrl", "https://mail.contoso.com/owa/");
  leaf(e, "EcpUrl-um", "?path=/options/callanswering");
  leaf(e, "EcpUrl-aggr", "?path=/options/connectedaccounts");
  leaf(e, "EcpUrl-mt",
       "options/ecp/PersonalSettings/DeliveryReport.aspx?rfr=olk&amp;"
       "exsvurl=1&amp;IsOWA=&lt;IsOWA&gt;&amp;MsgID=&lt;MsgID&gt;&amp;"
       "Mbx=&lt;Mbx&gt;&amp;realm=contoso.com");
  leaf(e, "EcpUrl-ret", "?path=/options/retentionpolicies");
  leaf(e, "EcpUrl-sms", "?path=/options/textmessaging");
  leaf(e, "EcpUrl-publish",
       "customize/calendarpublishing.slab?exsvurl=1&amp;FldID=&lt;FldID&gt;");
  leaf(e, "EcpUrl-photo", "?path=/options/myaccount/action/photo");
  leaf(e, "EcpUrl-extinstall", "?path=/options/manageapps");
  leaf(e, "OOFUrl", "https://mail.contoso.com/EWS/Exchange.asmx");
  leaf(e, "UMUrl", "https://mail.contoso.com/EWS/UM2007Legacy.asmx");
  leaf(e, "OABUrl",
       "https://mail.contoso.com/OAB/3f1c5e7a-9b2d-4c6e-8f0a-1b3d5f7a9c2e/");
}

/* ------------------------------------------------------------------ */
/* The typical 5 KB response.                                          */

#define MBX_GUID "5f0e6c8a-2b1d-4e7f-9a3c-6b8d0e2f4a1c@contoso.com"
#define CONFIG_DN                                                              \
  "/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn="          \
  "Configuration/cn=Servers/cn=" MBX_GUID

static void
exhttp(bench_emitter *e, const char *server, const char *auth) {
  protocol_open(e, NULL);
  leaf(e, "Type", "EXHTTP");
  leaf(e, "Server", server);
  leaf(e, "SSL", "On");
  leaf(e, "CertPrincipalName", "None");
  leaf(e, "AuthPackage", auth);
  leaf(e, "ServerExclusiveConnect", "On");
  leaf(e, "EwsUrl", "https://mail.contoso.com/EWS/Exchange.asmx");
  leaf(e, "OABUrl",
       "https://mail.contoso.com/OAB/3f1c5e7a-9b2d-4c6e-8f0a-1b3d5f7a9c2e/");
  close_(e, "Protocol");
}

static void
typical(bench_emitter *e, const names *nm) {
  doc_open_names(e, nm);

  protocol_open(e, NULL);
  leaf(e, "Type", "EXCH");
  leaf(e, "Server", MBX_GUID);
  leaf(e, "ServerDN", CONFIG_DN);
  leaf(e, "ServerVersion", "73C189CB"); /* 15.1.2507: Exchange 2016 */
  leaf(e, "MdbDN", CONFIG_DN "/cn=Microsoft Private MDB");
  leaf(e, "PublicFolderServer", "mail.contoso.com");
  leaf(e, "AD", nm->ad);
  ews_urls(e);
  leaf(e, "ServerExclusiveConnect", "off");
  close_(e, "Protocol");

  protocol_open(e, NULL);
  leaf(e, "Type", "EXPR");
  leaf(e, "Server", "mail.contoso.com");
  leaf(e, "SSL", "On");
  leaf(e, "AuthPackage", "Negotiate");
  ews_urls(e);
  leaf(e, "ServerExclusiveConnect", "on");
  leaf(e, "CertPrincipalName", "None");
  leaf(e, "GroupingInformation", nm->site);
  close_(e, "Protocol");

  exhttp(e, "mail.contoso.com", "Negotiate");
  exhttp(e, "outlook.contoso.com", "Ntlm");

  protocol_open(e, NULL);
  leaf(e, "Type", "WEB");
  open_(e, "Internal", NULL);
  nl(e);
  start_tag(e, "OWAUrl", "AuthenticationMethod=\"Basic, Fba\"");
  puts_(e, "https://mail.contoso.com/owa/");
  end_tag(e, "OWAUrl");
  open_(e, "Protocol", NULL); /* nested: not an Account-level Protocol */
  leaf(e, "Type", "EXCH");
  leaf(e, "ASUrl", "https://mail.contoso.com/EWS/Exchange.asmx");
  close_(e, "Protocol");
  close_(e, "Internal");
  close_(e, "Protocol");

  doc_close(e);
}

void
bench_gen_typical(bench_emitter *e) {
  typical(e, &ASCII_NAMES);
}

void
bench_gen_typical_utf8(bench_emitter *e) {
  typical(e, &UTF8_NAMES);
}

void
bench_gen_redirect(bench_emitter *e) {
  puts_(e, XML_DECL);
  nl(e);
  start_tag(e, "Autodiscover", "xmlns=\"" NS_R "\"");
  open_(e, "Response", "xmlns=\"" NS_A "\"");
  open_(e, "User", NULL);
  leaf(e, "DisplayName", "Alex Example");
  leaf(e, "AutoDiscoverSMTPAddress", "alex@contoso.com");
  close_(e, "User");
  open_(e, "Account", NULL);
  leaf(e, "AccountType", "email");
  leaf(e, "Action", "redirectAddr");
  leaf(e, "RedirectAddr", "alex.example@contoso.onmicrosoft.com");
  leaf(e, "MicrosoftOnline", "True");
  doc_close(e);
}

void
bench_gen_error(bench_emitter *e) {
  puts_(e, XML_DECL);
  nl(e);
  start_tag(e, "Autodiscover", "xmlns=\"" NS_R "\"");
  open_(e, "Response", NULL);
  open_(e, "Error", "Time=\"16:22:13.3190651\" Id=\"3241543412\"");
  leaf(e, "ErrorCode", "600");
  leaf(e, "Message", "Invalid Request");
  nl(e);
  start_tag(e, "DebugData", NULL);
  end_tag(e, "DebugData");
  close_(e, "Error");
  close_(e, "Response");
  close_(e, "Autodiscover");
  if (e->crlf)
    put(e, "\r", 1);
  put(e, "\n", 1);
}

/* ------------------------------------------------------------------ */
/* Many Protocols with long texts.                                     */

static const char *const SYN_TYPES[8] = {"EXCH", "EXPR", "EXHTTP", "WEB",
                                         "IMAP", "POP3", "SMTP",   "EXHTTP"};
static const char *const SYN_AUTH[7] = {"Ntlm",     "Negotiate", "basic",
                                        "kerb",     "KerbNtlm",  "certificate",
                                        "negotiate"};

static void
synthetic_protocol(bench_emitter *e, size_t i, size_t long_text) {
  const char *type = SYN_TYPES[i % 8];
  protocol_open(e, NULL);
  leaf(e, "Type", type);
  leaf(e, "Server", "mail.contoso.com");
  leaf(e, "ServerDN", CONFIG_DN);
  if (i % 8 == 0)
    leaf(e, "ServerVersion", "73C189CB");
  nl(e);
  start_tag(e, "MdbDN", NULL); /* long text poxauth skips */
  fill(e, long_text);
  end_tag(e, "MdbDN");
  leaf(e, "ASUrl", "https://mail.contoso.com/EWS/Exchange.asmx");
  leaf(e, "EwsUrl", "https://mail.contoso.com/EWS/Exchange.asmx");
  leaf(e, "OOFUrl", "https://mail.contoso.com/EWS/Exchange.asmx");
  leaf(e, "OABUrl",
       "https://mail.contoso.com/OAB/3f1c5e7a-9b2d-4c6e-8f0a-1b3d5f7a9c2e/");
  leaf(e, "SSL", "On");
  if (i % 8 < 3 || i % 8 == 7) {
    const char *auth = SYN_AUTH[(i / 8) % 7];
    nl(e);
    start_tag(e, "AuthPackage", NULL);
    if (i % 64 == 1)
      spaces(e, 512); /* text poxauth reads and trims */
    puts_(e, auth);
    if (i % 64 == 1)
      spaces(e, 512);
    end_tag(e, "AuthPackage");
  }
  leaf(e, "ServerExclusiveConnect", "On");
  close_(e, "Protocol");
}

void
bench_gen_synthetic(bench_emitter *e, size_t protocols, size_t long_text) {
  size_t i;
  doc_open(e);
  for (i = 0; i < protocols && !e->failed; i++)
    synthetic_protocol(e, i, long_text);
  doc_close(e);
}

size_t
bench_synthetic_long_text(size_t bytes, size_t protocols) {
  bench_emitter e;
  bench_emitter_count(&e);
  bench_gen_synthetic(&e, protocols, 0);
  if (protocols == 0 || bytes <= e.total)
    return 0;
  return (bytes - e.total) / protocols;
}

/* ------------------------------------------------------------------ */
/* Element-dense: the Protocols an Exchange server sends, over and over. */

/* The mapiHttp form, its namespace bound to a prefix on the element. */
static void
dense_mapi(bench_emitter *e) {
  open_(e, "o:Protocol",
        "xmlns:o=\"" NS_A "\" Type=\"mapiHttp\" Version=\"1\"");
  e->protocols++;
  open_(e, "o:MailStore", NULL);
  leaf(e, "o:InternalUrl",
       "https://mail.contoso.com/mapi/emsmdb/?MailboxId=" MBX_GUID);
  leaf(e, "o:ExternalUrl",
       "https://mail.contoso.com/mapi/emsmdb/?MailboxId=" MBX_GUID);
  close_(e, "o:MailStore");
  open_(e, "o:AddressBook", NULL);
  leaf(e, "o:InternalUrl",
       "https://mail.contoso.com/mapi/nspi/?MailboxId=" MBX_GUID);
  leaf(e, "o:ExternalUrl",
       "https://mail.contoso.com/mapi/nspi/?MailboxId=" MBX_GUID);
  close_(e, "o:AddressBook");
  close_(e, "o:Protocol");
}

static void
dense_web(bench_emitter *e) {
  protocol_open(e, NULL);
  leaf(e, "Type", "WEB");
  open_(e, "Internal", NULL);
  nl(e);
  start_tag(e, "OWAUrl", "AuthenticationMethod=\"Basic, Fba\"");
  puts_(e, "https://mail.contoso.com/owa/");
  end_tag(e, "OWAUrl");
  open_(e, "Protocol", NULL);
  leaf(e, "Type", "EXCH");
  leaf(e, "ASUrl", "https://mail.contoso.com/EWS/Exchange.asmx");
  close_(e, "Protocol");
  close_(e, "Internal");
  open_(e, "External", NULL);
  nl(e);
  start_tag(e, "OWAUrl", "AuthenticationMethod=\"Fba\"");
  puts_(e, "https://mail.contoso.com/owa/");
  end_tag(e, "OWAUrl");
  close_(e, "External");
  close_(e, "Protocol");
}

static void
dense_group(bench_emitter *e, size_t i) {
  protocol_open(e, NULL);
  leaf(e, "Type", i % 2 ? "EXPR" : "EXCH");
  leaf(e, "Server", i % 2 ? "mail.contoso.com" : MBX_GUID);
  leaf(e, "ServerDN", CONFIG_DN);
  leaf(e, "ServerVersion", "73C189CB");
  leaf(e, "SSL", "On");
  leaf(e, "AuthPackage", SYN_AUTH[i % 7]);
  ews_urls(e);
  leaf(e, "ServerExclusiveConnect", "On");
  leaf(e, "CertPrincipalName", "None");
  close_(e, "Protocol");
  dense_mapi(e);
  exhttp(e, "outlook.contoso.com", i % 3 ? "Negotiate" : "Ntlm");
  dense_web(e);
}

void
bench_gen_dense(bench_emitter *e, size_t bytes) {
  size_t i;
  doc_open(e);
  for (i = 0; e->total < bytes && !e->failed; i++)
    dense_group(e, i);
  doc_close(e);
}

/* ------------------------------------------------------------------ */
/* UTF-16.                                                             */

static size_t
put16(unsigned char *o, unsigned v, int be) {
  o[be ? 0 : 1] = (unsigned char)(v >> 8);
  o[be ? 1 : 0] = (unsigned char)(v & 0xFF);
  return 2;
}

char *
bench_to_utf16(const char *src, size_t n, int big_endian, size_t *out_len) {
  static const char from[] = "encoding=\"utf-8\"";
  static const char to[] = "encoding=\"utf-16\"";
  const unsigned char *s = (const unsigned char *)src;
  unsigned char *o = malloc(4 * n + 64);
  size_t i = 0, k = 0;
  if (!o)
    return NULL;
  k += put16(o + k, 0xFEFF, big_endian);
  while (i < n) {
    unsigned c = s[i], v;
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4, j;
    if (n - i >= sizeof from - 1 && memcmp(s + i, from, sizeof from - 1) == 0) {
      for (j = 0; j < sizeof to - 1; j++)
        k += put16(o + k, (unsigned char)to[j], big_endian);
      i += sizeof from - 1;
      continue;
    }
    v = len == 1 ? c : c & (0xFFu >> (len + 1));
    for (j = 1; j < len && i + j < n; j++)
      v = v << 6 | (s[i + j] & 0x3Fu);
    if (v >= 0x10000) {
      k += put16(o + k, 0xD800 | ((v - 0x10000) >> 10), big_endian);
      k += put16(o + k, 0xDC00 | ((v - 0x10000) & 0x3FF), big_endian);
    } else {
      k += put16(o + k, v, big_endian);
    }
    i += len;
  }
  *out_len = k;
  return (char *)o;
}

/* ------------------------------------------------------------------ */
/* Growth through skipped content, same 16 Protocols.                  */

#define GROW_ELEM_TEXT 4096

void
bench_gen_grow(bench_emitter *e, size_t filler_elems, size_t long_text) {
  size_t i, j;
  doc_open(e);
  for (i = 0; i < BENCH_GROW_PROTOCOLS && !e->failed; i++) {
    protocol_open(e, NULL);
    leaf(e, "Type", SYN_TYPES[i % 8]);
    leaf(e, "Server", "mail.contoso.com");
    if (i % 8 == 0)
      leaf(e, "ServerVersion", "73C189CB");
    if (i % 8 < 3)
      leaf(e, "AuthPackage", SYN_AUTH[i % 7]);
    if (i == 0) {
      nl(e);
      start_tag(e, "MdbDN", NULL); /* one long text node */
      fill(e, long_text);
      end_tag(e, "MdbDN");
    }
    for (j = 0; j < filler_elems && !e->failed; j++) {
      nl(e);
      start_tag(e, "PublicFolderInformation", NULL);
      fill(e, GROW_ELEM_TEXT);
      end_tag(e, "PublicFolderInformation");
    }
    leaf(e, "ASUrl", "https://mail.contoso.com/EWS/Exchange.asmx");
    close_(e, "Protocol");
  }
  doc_close(e);
}

void
bench_grow_params(size_t bytes, size_t *filler_elems, size_t *long_text) {
  bench_emitter e;
  size_t base, one, rest, per;
  bench_emitter_count(&e);
  bench_gen_grow(&e, 0, 0);
  base = e.total;
  bench_emitter_count(&e);
  bench_gen_grow(&e, 1, 0);
  one = e.total - base; /* bytes of one filler element in each Protocol */
  *filler_elems = 0;
  *long_text = 0;
  if (bytes <= base)
    return;
  rest = bytes - base;
  /* Half in many 4 KiB elements, half in one long text node. */
  per = (rest / 2) / one;
  *filler_elems = per;
  *long_text = rest - per * one;
}

/* ------------------------------------------------------------------ */
/* The largest input the default limits accept.                        */

#define LARGEST_BYTES ((size_t)1 << 20)
#define LARGEST_DEPTH 32
#define LARGEST_ELEMENTS 10000
#define LARGEST_PROTOCOLS 64
#define LARGEST_TEXT 4096

static void
largest_doc(bench_emitter *e, bench_largest_variant v, size_t extra,
            size_t pad) {
  size_t protocols =
      LARGEST_PROTOCOLS + (v == BENCH_LARGEST_PROTOCOLS_PLUS_1 ? 1 : 0);
  size_t depth = LARGEST_DEPTH + (v == BENCH_LARGEST_DEPTH_PLUS_1 ? 1 : 0);
  size_t text = LARGEST_TEXT + (v == BENCH_LARGEST_TEXT_PLUS_1 ? 1 : 0);
  size_t i, k, done = 0;

  doc_open(e);
  for (i = 0; i < protocols && !e->failed; i++) {
    protocol_open(e, NULL);
    leaf(e, "Type", SYN_TYPES[i % 8]);
    leaf(e, "Server", "mail.contoso.com");
    if (i % 8 == 0)
      leaf(e, "ServerVersion", "73C189CB");
    if (i == 0) {
      /* AuthPackage whose text is exactly `text` bytes: the value
       * surrounded by spaces. */
      const char *val = "Ntlm";
      size_t before = (text - 4) / 2;
      nl(e);
      start_tag(e, "AuthPackage", NULL);
      spaces(e, before);
      puts_(e, val);
      spaces(e, text - 4 - before);
      end_tag(e, "AuthPackage");
      /* A chain reaching the depth limit (Protocol is at depth 4). */
      nl(e);
      for (k = e->depth; k < depth; k++)
        start_tag(e, k == 4 ? "Internal" : "Nest", NULL);
      put(e, "x", 1);
      for (k = depth; k > 4; k--)
        end_tag(e, k == 5 ? "Internal" : "Nest");
    } else if (i % 8 < 3) {
      leaf(e, "AuthPackage", SYN_AUTH[i % 7]);
    }
    /* Filler elements, dealt round-robin, without white space between
     * them; the padding text is spread evenly over them. */
    for (k = i; k < extra; k += protocols) {
      size_t n = pad / extra + (done < pad % extra ? 1 : 0);
      start_tag(e, "PublicFolderInformation", NULL);
      fill(e, n);
      end_tag(e, "PublicFolderInformation");
      done++;
    }
    close_(e, "Protocol");
  }
  doc_close(e);
}

void
bench_gen_largest(bench_emitter *e, bench_largest_variant v) {
  bench_emitter c;
  size_t elements = LARGEST_ELEMENTS + (v == BENCH_LARGEST_ELEMENTS_PLUS_1);
  size_t bytes = LARGEST_BYTES + (v == BENCH_LARGEST_BYTES_PLUS_1);
  size_t extra = 0, pad = 0;

  bench_emitter_count(&c);
  largest_doc(&c, v, 0, 0);
  if (c.elements < elements)
    extra = elements - c.elements;
  bench_emitter_count(&c);
  largest_doc(&c, v, extra, 0);
  if (c.total < bytes)
    pad = bytes - c.total;
  largest_doc(e, v, extra, pad);
}
