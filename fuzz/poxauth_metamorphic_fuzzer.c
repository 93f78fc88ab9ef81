/* SPDX-License-Identifier: MIT */
/*
 * poxauth_metamorphic_fuzzer: metamorphic oracles.  Same input format as
 * poxauth_fuzzer (the limits and chunking bits are ignored: default limits).
 *
 * A response poxauth accepts is written again by this harness (read with
 * expat, in namespace mode), changed in ways conformance/SPEC.md says must
 * not change the canonical result, or must change it in a known way; each
 * rewrite is parsed by poxauth and its answer compared with the original's
 * (or with the original's plus the known change).  Any difference traps.
 * The rewriting never looks at poxauth's result except to pick what the
 * known changes apply to, so it judges meaning, not self-consistency.
 *
 * The rewrite is driven by a plan (struct plan); the table `plans` names
 * each one and the rule that makes it an oracle.  Choices inside a plan
 * (which characters become references, where comments go) come from an
 * LCG seeded by a hash of the input, so every input is deterministic.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "fuzz_input.h"
#include "poxauth.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NS_R                                                                   \
  "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
#define NS_A                                                                   \
  "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/" \
  "2006a"
#define NS_X "urn:example:metamorphic"
#define MAX_BODY 32768
#define MAX_LEVELS 64

enum spelling { SP_DEFAULT, SP_PREFIX };
enum encoding { EN_UTF8, EN_UTF8_BOM, EN_UTF16LE, EN_UTF16BE };
enum known { KN_NONE, KN_TYPE_LOWER, KN_VALUE_UPPER, KN_VALUE_LOWER };

typedef struct plan {
  const char *name;
  const char *rule; /* why the result must stay (or change as stated) */
  enum encoding enc;
  int decl;          /* write an XML declaration */
  enum spelling sp;  /* namespaces as default declarations or prefixes */
  int crlf;          /* every LF of the text written CR LF */
  int charrefs;      /* 1 in N characters of text written &#..; (0: none) */
  int cdata;         /* 1 in N runs of text written as CDATA */
  int comments;      /* 1 in N gaps get a comment or PI (where allowed) */
  int foreign;       /* 1 in N element contents get an ignorable element */
  int foreign_attrs; /* every element gets a foreign-namespace attribute */
  int padding;       /* white space, comments and PIs around the root */
  enum known known;  /* the known change, KN_NONE: the result is equal */
} plan;

/* Each transformation with the SPEC.md rule that makes it an oracle. */
static const plan plans[] = {
    /* Re-spelling alone: namespace identity, not prefixes [IDN-1]. */
    {"default-namespaces", "IDN-1", EN_UTF8, 1, SP_DEFAULT, 0, 0, 0, 0, 0, 0, 0,
     KN_NONE},
    {"prefixes", "IDN-1", EN_UTF8, 0, SP_PREFIX, 0, 0, 0, 0, 0, 0, 0, KN_NONE},
    /* Accepted encodings decode to the same text [REJ-5]. */
    {"utf-16le-bom", "REJ-5", EN_UTF16LE, 1, SP_DEFAULT, 0, 0, 0, 0, 0, 0, 0,
     KN_NONE},
    {"utf-16be-bom", "REJ-5", EN_UTF16BE, 0, SP_PREFIX, 0, 0, 0, 0, 0, 0, 0,
     KN_NONE},
    {"utf-8-bom", "REJ-5", EN_UTF8_BOM, 1, SP_DEFAULT, 0, 0, 0, 0, 0, 0, 0,
     KN_NONE},
    /* Line ends are normalized before the text is read ([XML] 2.11) [VAL-1]. */
    {"crlf", "VAL-1", EN_UTF8, 1, SP_DEFAULT, 1, 0, 0, 0, 0, 0, 0, KN_NONE},
    /* References and CDATA are decoded: section 2 "text of an element",
     * [VAL-1]. */
    {"charrefs", "VAL-1", EN_UTF8, 0, SP_DEFAULT, 0, 3, 0, 0, 0, 0, 0, KN_NONE},
    {"cdata", "VAL-1", EN_UTF8, 0, SP_DEFAULT, 0, 0, 2, 0, 0, 0, 0, KN_NONE},
    /* Comments and PIs split nothing in AuthPackage [VAL-1] and are
     * skipped between elements [IDN-1]. */
    {"comments", "VAL-1", EN_UTF8, 0, SP_DEFAULT, 0, 0, 0, 2, 0, 0, 0, KN_NONE},
    /* Unknown and foreign elements, nested or unqualified Protocols are
     * skipped [IDN-1]; foreign attributes are not the Type attribute
     * [TYP-1] and AuthPackage's attributes are ignored [VAL-1]. */
    {"foreign-elements", "IDN-1", EN_UTF8, 0, SP_DEFAULT, 0, 0, 0, 0, 2, 0, 0,
     KN_NONE},
    {"foreign-attributes", "TYP-1", EN_UTF8, 0, SP_PREFIX, 0, 0, 0, 0, 0, 1, 0,
     KN_NONE},
    /* Misc before and after the root ([XML] 2.8) changes nothing [REJ-2]. */
    {"padding", "REJ-2", EN_UTF8, 1, SP_DEFAULT, 0, 0, 0, 0, 0, 0, 1, KN_NONE},
    {"everything", "IDN-1 VAL-1 REJ-5", EN_UTF16LE, 1, SP_PREFIX, 1, 4, 3, 3, 3,
     1, 1, KN_NONE},
    /* Known changes: a Type in another case is a case variant [TYP-2]
     * that applies nowhere [TYP-4]; a value's case gives or removes
     * value-case and nothing else [VAL-2, VAL-3]. */
    {"type-lowercase", "TYP-2 TYP-4", EN_UTF8, 0, SP_DEFAULT, 0, 0, 0, 0, 0, 0,
     0, KN_TYPE_LOWER},
    {"value-uppercase", "VAL-3", EN_UTF8, 0, SP_DEFAULT, 0, 0, 0, 0, 0, 0, 0,
     KN_VALUE_UPPER},
    {"value-lowercase", "VAL-3", EN_UTF8, 0, SP_PREFIX, 1, 3, 3, 3, 0, 0, 0,
     KN_VALUE_LOWER},
};
#define NPLANS (sizeof plans / sizeof plans[0])

/* ------------------------------------------------------------------ */
/* A growable byte buffer.                                             */

typedef struct buf {
  char *p;
  size_t len, cap;
} buf;

static void
put(buf *b, const char *s, size_t n) {
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + n)
      cap *= 2;
    b->p = realloc(b->p, cap);
    FUZZ_CHECK(b->p != NULL);
    b->cap = cap;
  }
  memcpy(b->p + b->len, s, n);
  b->len += n;
}

static void
puts_(buf *b, const char *s) {
  put(b, s, strlen(s));
}

/* ------------------------------------------------------------------ */
/* The rewriter: expat events of the original in, the new text out.   */

/* What an element is for SPEC.md, read from its path [IDN-1], so that the
 * rewriter knows where text is read and where markup may go. */
enum role {
  RL_OTHER,
  RL_ROOT,
  RL_ARESP,
  RL_RRESP,
  RL_ACCOUNT,
  RL_PROTO,
  RL_TYPE,
  RL_AP,
  RL_AP_INNER,
  RL_SV,
  RL_ACTION,
  RL_ERROR,
  RL_ERRORCODE
};

typedef struct level {
  enum role role;
  const char *uri;    /* points into ns_names */
  int target;         /* the text of this element gets the known change */
  int typed, ap_seen; /* RL_PROTO: a Type / AuthPackage child was seen */
} level;

typedef struct rewriter {
  const plan *pl;
  XML_Parser xp;
  buf out;
  uint32_t rng;
  level lv[MAX_LEVELS];
  int depth;
  long protocols;    /* Account-level Protocols started */
  long target_proto; /* the Protocol the known change applies to */
  int hit;           /* the known change found its element */
  size_t inserted;   /* elements added */
  size_t elements;   /* elements of the original */
  char uris[8][160]; /* namespace names seen, for the prefix spelling */
  int nuris;
  int failed;
} rewriter;

static unsigned
rnd(rewriter *w, unsigned n) {
  w->rng = w->rng * 1103515245u + 12345u;
  return n ? (w->rng >> 8) % n : 0;
}

static int
chance(rewriter *w, int one_in) {
  return one_in > 0 && rnd(w, (unsigned)one_in) == 0;
}

/* Split expat's "uri\x01local[\x01prefix]" into its parts. */
static void
split(const char *name, char *uri, size_t ucap, const char **local) {
  const char *sep = strchr(name, '\x01');
  uri[0] = '\0';
  *local = name;
  if (sep) {
    size_t n = (size_t)(sep - name);
    const char *end;
    if (n >= ucap)
      n = ucap - 1;
    memcpy(uri, name, n);
    uri[n] = '\0';
    *local = sep + 1;
    end = strchr(*local, '\x01');
    if (end) { /* drop the prefix: the rewrite picks its own */
      static char loc[256];
      size_t m = (size_t)(end - *local);
      if (m >= sizeof loc)
        m = sizeof loc - 1;
      memcpy(loc, *local, m);
      loc[m] = '\0';
      *local = loc;
    }
  }
}

static enum role
role_of(enum role parent, const char *uri, const char *l) {
  int a = strcmp(uri, NS_A) == 0, r = strcmp(uri, NS_R) == 0;
  switch (parent) {
  case RL_ROOT:
    return strcmp(l, "Response") ? RL_OTHER
           : a                   ? RL_ARESP
           : r                   ? RL_RRESP
                                 : RL_OTHER;
  case RL_ARESP:
    return !a                      ? RL_OTHER
           : !strcmp(l, "Account") ? RL_ACCOUNT
           : !strcmp(l, "Error")   ? RL_ERROR
                                   : RL_OTHER;
  case RL_RRESP:
    return r && !strcmp(l, "Error") ? RL_ERROR : RL_OTHER;
  case RL_ACCOUNT:
    if (!a)
      return RL_OTHER;
    return !strcmp(l, "Protocol") ? RL_PROTO
           : !strcmp(l, "Action") ? RL_ACTION
           : !strcmp(l, "Error")  ? RL_ERROR
                                  : RL_OTHER;
  case RL_PROTO:
    if (!a)
      return RL_OTHER;
    return !strcmp(l, "Type")            ? RL_TYPE
           : !strcmp(l, "AuthPackage")   ? RL_AP
           : !strcmp(l, "ServerVersion") ? RL_SV
                                         : RL_OTHER;
  case RL_ERROR:
    return !strcmp(l, "ErrorCode") ? RL_ERRORCODE
                                   : RL_OTHER; /* same ns: below */
  case RL_AP:
  case RL_AP_INNER:
    return RL_AP_INNER;
  default:
    return RL_OTHER;
  }
}

/* Text whose rule says nothing of comments inside it [VAL-1 covers only
 * AuthPackage]: no markup is put there. */
static int
reads_text(enum role r) {
  return r == RL_TYPE || r == RL_SV || r == RL_ACTION || r == RL_ERRORCODE;
}

/* Element content where an unknown element may go: never inside an element
 * whose text is read, nor inside AuthPackage (that is value-children). */
static int
takes_foreign(enum role r) {
  return !reads_text(r) && r != RL_AP && r != RL_AP_INNER;
}

static void
put_escaped_attr(buf *b, const char *v) {
  for (; *v; v++) {
    switch (*v) {
    case '&':
      puts_(b, "&amp;");
      break;
    case '<':
      puts_(b, "&lt;");
      break;
    case '"':
      puts_(b, "&quot;");
      break;
    case '\t':
      puts_(b, "&#9;");
      break;
    case '\n':
      puts_(b, "&#10;");
      break;
    case '\r':
      puts_(b, "&#13;");
      break;
    default:
      put(b, v, 1);
    }
  }
}

static int
uri_index(rewriter *w, const char *uri) {
  int i;
  for (i = 0; i < w->nuris; i++)
    if (strcmp(w->uris[i], uri) == 0)
      return i;
  if (w->nuris == 8 || strlen(uri) >= sizeof w->uris[0])
    return -1;
  strcpy(w->uris[w->nuris], uri);
  return w->nuris++;
}

/* An ignorable element: foreign, or Protocols that do not count. */
static void
put_foreign(rewriter *w) {
  static const char *const forms[] = {
      "<mx:Extension xmlns:mx=\"" NS_X
      "\"><mx:Value>ntlm</mx:Value></mx:Extension>",
      "<mx:Internal xmlns:mx=\"" NS_X "\"><Protocol xmlns=\"" NS_A
      "\"><Type>EXCH</Type><AuthPackage>negotiate</AuthPackage></Protocol></"
      "mx:Internal>",
      "<Protocol "
      "xmlns=\"\"><Type>EXPR</Type><AuthPackage>basic</AuthPackage></Protocol>",
      "<AuthPackage xmlns=\"" NS_R "\">kerb</AuthPackage>",
      "<!--mx-->",
      "<?mx pi?>"};
  if (w->inserted + 3 > 9000 - w->elements || w->depth > 28)
    return;
  w->inserted += 3;
  puts_(&w->out, forms[rnd(w, sizeof forms / sizeof forms[0])]);
}

static void XMLCALL
on_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  rewriter *w = (rewriter *)ud;
  char uri[160];
  const char *local;
  level *up = w->depth > 0 ? &w->lv[w->depth - 1] : NULL, *me;
  enum role role;
  int i;
  if (w->depth >= MAX_LEVELS) {
    w->failed = 1;
    XML_StopParser(w->xp, XML_FALSE);
    return;
  }
  w->elements++;
  split(name, uri, sizeof uri, &local);
  if (!up)
    role = strcmp(uri, NS_R) == 0 && strcmp(local, "Autodiscover") == 0
               ? RL_ROOT
               : RL_OTHER;
  else
    role = role_of(up->role, uri, local);
  if (role == RL_ERRORCODE && strcmp(uri, up->uri) != 0)
    role = RL_OTHER; /* [KND-3]: the ErrorCode of the Error's namespace */
  me = &w->lv[w->depth];
  memset(me, 0, sizeof *me);
  me->role = role;
  /* The element's own namespace, kept for the ErrorCode test above. */
  i = uri_index(w, uri);
  me->uri = i >= 0 ? w->uris[i] : "";
  if (role == RL_PROTO)
    w->protocols++;
  if (role == RL_TYPE && !up->typed) {
    up->typed = 1;
    me->target =
        w->pl->known == KN_TYPE_LOWER && w->protocols - 1 == w->target_proto;
  } else if (role == RL_AP && !up->ap_seen) {
    up->ap_seen = 1;
    me->target =
        (w->pl->known == KN_VALUE_UPPER || w->pl->known == KN_VALUE_LOWER) &&
        w->protocols - 1 == w->target_proto;
  }
  w->hit |= me->target;
  w->depth++;

  put(&w->out, "<", 1);
  if (uri[0] == '\0') {
    puts_(&w->out, local);
    if (w->pl->sp == SP_DEFAULT)
      puts_(&w->out, " xmlns=\"\"");
  } else if (w->pl->sp == SP_DEFAULT) {
    puts_(&w->out, local);
    puts_(&w->out, " xmlns=\"");
    put_escaped_attr(&w->out, uri);
    puts_(&w->out, "\"");
  } else {
    char pfx[16];
    snprintf(pfx, sizeof pfx, "n%d", i < 0 ? 9 : i);
    puts_(&w->out, pfx);
    puts_(&w->out, ":");
    puts_(&w->out, local);
    puts_(&w->out, " xmlns:");
    puts_(&w->out, pfx);
    puts_(&w->out, "=\"");
    put_escaped_attr(&w->out, uri);
    puts_(&w->out, "\"");
  }
  for (i = 0; atts[i]; i += 2) {
    char auri[160];
    const char *alocal;
    split(atts[i], auri, sizeof auri, &alocal);
    put(&w->out, " ", 1);
    if (auri[0] == '\0') {
      puts_(&w->out, alocal);
    } else if (strcmp(auri, "http://www.w3.org/XML/1998/namespace") == 0) {
      puts_(&w->out, "xml:");
      puts_(&w->out, alocal);
    } else {
      char pfx[16];
      snprintf(pfx, sizeof pfx, "t%d", i / 2);
      puts_(&w->out, "xmlns:");
      puts_(&w->out, pfx);
      puts_(&w->out, "=\"");
      put_escaped_attr(&w->out, auri);
      puts_(&w->out, "\" ");
      puts_(&w->out, pfx);
      puts_(&w->out, ":");
      puts_(&w->out, alocal);
    }
    puts_(&w->out, "=\"");
    put_escaped_attr(&w->out, atts[i + 1]);
    puts_(&w->out, "\"");
  }
  if (w->pl->foreign_attrs)
    puts_(&w->out,
          " xmlns:mxa=\"" NS_X "\" mxa:Type=\"EXHTTP\" mxa:note=\"a &amp; b\"");
  put(&w->out, ">", 1);
  if (takes_foreign(role) && chance(w, w->pl->foreign))
    put_foreign(w);
}

static void XMLCALL
on_end(void *ud, const XML_Char *name) {
  rewriter *w = (rewriter *)ud;
  char uri[160];
  const char *local;
  level *me = &w->lv[w->depth - 1];
  int i;
  split(name, uri, sizeof uri, &local);
  if (takes_foreign(me->role) && chance(w, w->pl->foreign))
    put_foreign(w);
  put(&w->out, "</", 2);
  if (uri[0] != '\0' && w->pl->sp == SP_PREFIX) {
    char pfx[16];
    i = uri_index(w, uri);
    snprintf(pfx, sizeof pfx, "n%d:", i < 0 ? 9 : i);
    puts_(&w->out, pfx);
  }
  puts_(&w->out, local);
  put(&w->out, ">", 1);
  w->depth--;
}

static void
put_char(rewriter *w, const char *s, size_t n, int in_cdata) {
  unsigned long cp;
  char ref[16];
  const unsigned char *u = (const unsigned char *)s;
  if (n == 1 && u[0] == '\n' && w->pl->crlf) {
    puts_(&w->out, "\r\n");
    return;
  }
  if (n == 1 && u[0] == '\r') {
    puts_(&w->out, "&#13;"); /* a literal CR would be a line end */
    return;
  }
  if (!in_cdata && !chance(w, w->pl->charrefs)) {
    if (u[0] == '&')
      puts_(&w->out, "&amp;");
    else if (u[0] == '<')
      puts_(&w->out, "&lt;");
    else if (u[0] == '>')
      puts_(&w->out, "&gt;");
    else
      put(&w->out, s, n);
    return;
  }
  if (in_cdata) {
    put(&w->out, s, n);
    return;
  }
  cp = n == 1   ? u[0]
       : n == 2 ? ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu)
       : n == 3
           ? ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu)
           : ((u[0] & 0x07ul) << 18) | ((u[1] & 0x3Ful) << 12) |
                 ((u[2] & 0x3Ful) << 6) | (u[3] & 0x3Ful);
  snprintf(ref, sizeof ref, rnd(w, 2) ? "&#x%lX;" : "&#%lu;", cp);
  puts_(&w->out, ref);
}

static size_t
utf8_len(unsigned char c) {
  return c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len) {
  rewriter *w = (rewriter *)ud;
  level *me = &w->lv[w->depth - 1];
  int markup_ok = !reads_text(me->role);
  size_t i = 0, n = (size_t)len;
  int in_cdata = 0;
  while (i < n) {
    size_t k = utf8_len((unsigned char)s[i]);
    char c[4];
    if (k > n - i)
      k = n - i;
    memcpy(c, s + i, k);
    if (me->target && k == 1) {
      if (w->pl->known == KN_TYPE_LOWER || w->pl->known == KN_VALUE_LOWER) {
        if (c[0] >= 'A' && c[0] <= 'Z')
          c[0] = (char)(c[0] + 32);
      } else if (c[0] >= 'a' && c[0] <= 'z') {
        c[0] = (char)(c[0] - 32);
      }
    }
    /* CDATA runs hold no CR (a reference) and no '>' (no "]]>"). */
    if (!in_cdata && k == 1 && c[0] != '\r' && c[0] != '>' &&
        chance(w, w->pl->cdata)) {
      puts_(&w->out, "<![CDATA[");
      in_cdata = 1;
    } else if (in_cdata && (c[0] == '\r' || c[0] == '>' || chance(w, 3))) {
      puts_(&w->out, "]]>");
      in_cdata = 0;
    }
    put_char(w, c, k, in_cdata);
    i += k;
    if (markup_ok && !in_cdata && chance(w, w->pl->comments))
      puts_(&w->out, rnd(w, 2) ? "<!---->" : "<?mx split?>");
  }
  if (in_cdata)
    puts_(&w->out, "]]>");
}

static void XMLCALL
on_comment(void *ud, const XML_Char *data) {
  rewriter *w = (rewriter *)ud;
  if (w->depth > 0 && reads_text(w->lv[w->depth - 1].role))
    return; /* dropping it changes nothing the rule reads */
  puts_(&w->out, "<!--");
  puts_(&w->out, data);
  puts_(&w->out, "-->");
}

static void XMLCALL
on_pi(void *ud, const XML_Char *target, const XML_Char *data) {
  rewriter *w = (rewriter *)ud;
  if (w->depth > 0 && reads_text(w->lv[w->depth - 1].role))
    return;
  puts_(&w->out, "<?");
  puts_(&w->out, target);
  if (data && data[0]) {
    puts_(&w->out, " ");
    puts_(&w->out, data);
  }
  puts_(&w->out, "?>");
}

/* UTF-8 to UTF-16 (the rewrite is valid UTF-8: expat's own output). */
static void
to_utf16(const buf *in, buf *out, int be) {
  size_t i = 0;
  while (i < in->len) {
    const unsigned char *u = (const unsigned char *)in->p + i;
    size_t k = utf8_len(u[0]);
    unsigned long cp =
        k == 1   ? u[0]
        : k == 2 ? ((u[0] & 0x1Ful) << 6) | (u[1] & 0x3Ful)
        : k == 3
            ? ((u[0] & 0x0Ful) << 12) | ((u[1] & 0x3Ful) << 6) | (u[2] & 0x3Ful)
            : ((u[0] & 0x07ul) << 18) | ((u[1] & 0x3Ful) << 12) |
                  ((u[2] & 0x3Ful) << 6) | (u[3] & 0x3Ful);
    unsigned units[2];
    int nu = 1, j;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units[0] = 0xD800u | (unsigned)(cp >> 10);
      units[1] = 0xDC00u | (unsigned)(cp & 0x3FF);
      nu = 2;
    } else {
      units[0] = (unsigned)cp;
    }
    for (j = 0; j < nu; j++) {
      char two[2];
      two[be ? 0 : 1] = (char)(units[j] >> 8);
      two[be ? 1 : 0] = (char)(units[j] & 0xFF);
      put(out, two, 2);
    }
    i += k;
  }
}

/* Rewrite body by plan pl into *out; 0 when the rewrite could be made. */
static int
rewrite(const plan *pl, const uint8_t *body, size_t len, uint32_t seed,
        long target, buf *out, int *hit) {
  rewriter w;
  buf doc = {NULL, 0, 0};
  int ok;
  memset(&w, 0, sizeof w);
  w.pl = pl;
  w.rng = seed;
  w.target_proto = target;
  w.xp = XML_ParserCreateNS(NULL, '\x01');
  FUZZ_CHECK(w.xp != NULL);
  XML_SetHashSalt(w.xp, FUZZ_HASH_SALT);
  XML_SetReturnNSTriplet(w.xp, 1);
  XML_SetUserData(w.xp, &w);
  XML_SetElementHandler(w.xp, on_start, on_end);
  XML_SetCharacterDataHandler(w.xp, on_text);
  XML_SetCommentHandler(w.xp, on_comment);
  XML_SetProcessingInstructionHandler(w.xp, on_pi);
  if (pl->decl)
    puts_(&w.out, pl->enc >= EN_UTF16LE
                      ? "<?xml version=\"1.0\" encoding=\"UTF-16\"?>"
                      : "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
  if (pl->padding)
    puts_(&w.out, "\n \t<!-- before the root --><?mx before?>\r\n");
  ok = XML_Parse(w.xp, (const char *)body, (int)len, 1) == XML_STATUS_OK &&
       !w.failed;
  XML_ParserFree(w.xp);
  if (pl->padding)
    puts_(&w.out, "\r\n<!-- after the root --><?mx after?> \n");
  if (!ok) {
    free(w.out.p);
    return -1;
  }
  *hit = w.hit;
  if (pl->enc == EN_UTF8_BOM)
    put(&doc, "\xEF\xBB\xBF", 3);
  if (pl->enc >= EN_UTF16LE) {
    put(&doc, pl->enc == EN_UTF16BE ? "\xFE\xFF" : "\xFF\xFE", 2);
    to_utf16(&w.out, &doc, pl->enc == EN_UTF16BE);
  } else {
    put(&doc, w.out.p ? w.out.p : "", w.out.len);
  }
  free(w.out.p);
  *out = doc;
  return 0;
}

/* ------------------------------------------------------------------ */
/* Answers: what FORMAT.md compares, from the public API.              */

typedef struct ans_proto {
  const char *type;
  size_t type_len;
  char lowered[64]; /* the known change of type-lowercase */
  poxauth_value value;
  int applies;
} ans_proto;

typedef struct ans_finding {
  size_t proto;
  poxauth_finding_code code;
} ans_finding;

typedef struct answer {
  int rejected;
  poxauth_kind kind;
  const char *ec;
  size_t eclen;
  size_t np, nf;
  ans_proto p[64];
  ans_finding f[64 * 17 + 8];
} answer;

static int
finding_cmp(const void *a, const void *b) {
  const ans_finding *x = a, *y = b;
  size_t px = x->proto + 1, py = y->proto + 1;
  if (px != py)
    return px < py ? -1 : 1;
  return (int)x->code - (int)y->code;
}

static void
answer_of(const poxauth_result *r, answer *a) {
  size_t i;
  memset(a, 0, sizeof *a);
  a->rejected = poxauth_result_rejection(r) != NULL;
  a->kind = poxauth_result_kind(r);
  a->ec = poxauth_result_error_code(r, &a->eclen);
  a->np = poxauth_result_protocol_count(r);
  FUZZ_CHECK(a->np <= 64);
  for (i = 0; i < a->np; i++) {
    const poxauth_protocol *p = poxauth_result_protocol(r, i);
    a->p[i].type = p->type;
    a->p[i].type_len = p->type ? p->type_len : 0;
    a->p[i].value = p->value;
    a->p[i].applies = p->applies;
  }
  a->nf = poxauth_result_finding_count(r);
  FUZZ_CHECK(a->nf <= sizeof a->f / sizeof a->f[0] - 2);
  for (i = 0; i < a->nf; i++) {
    const poxauth_finding *f = poxauth_result_finding(r, i);
    a->f[i].proto = f->protocol;
    a->f[i].code = f->code;
  }
}

static void
add_finding(answer *a, size_t proto, poxauth_finding_code c) {
  a->f[a->nf].proto = proto;
  a->f[a->nf].code = c;
  a->nf++;
}

static int
has_finding(const answer *a, size_t proto, poxauth_finding_code c) {
  size_t i;
  for (i = 0; i < a->nf; i++)
    if (a->f[i].proto == proto && a->f[i].code == c)
      return 1;
  return 0;
}

static int
same(answer *x, answer *y) {
  size_t i;
  if (x->rejected != y->rejected || x->kind != y->kind || x->np != y->np ||
      x->nf != y->nf || (x->ec == NULL) != (y->ec == NULL) ||
      (x->ec && (x->eclen != y->eclen || memcmp(x->ec, y->ec, x->eclen) != 0)))
    return 0;
  for (i = 0; i < x->np; i++) {
    const ans_proto *a = &x->p[i], *b = &y->p[i];
    if (a->value != b->value || a->applies != b->applies ||
        a->type_len != b->type_len || (a->type == NULL) != (b->type == NULL) ||
        (a->type && memcmp(a->type, b->type, a->type_len) != 0))
      return 0;
  }
  qsort(x->f, x->nf, sizeof x->f[0], finding_cmp);
  qsort(y->f, y->nf, sizeof y->f[0], finding_cmp);
  for (i = 0; i < x->nf; i++)
    if (x->f[i].proto != y->f[i].proto || x->f[i].code != y->f[i].code)
      return 0;
  return 1;
}

static int
is_type(const ans_proto *p, const char *t) {
  return p->type && p->type_len == strlen(t) &&
         memcmp(p->type, t, p->type_len) == 0;
}

/* The Protocol a known change applies to, or -1: one that the change
 * affects in the stated way only (not EXCH, the VER-3 fallback, nor
 * EXHTTP, VER-2's Type), picked from `seed`. */
static long
pick_target(const answer *a, enum known k, uint32_t seed) {
  static const char *const plain[] = {"EXPR", "WEB",  "POP3",
                                      "IMAP", "SMTP", "mapiHttp"};
  size_t n, j;
  if (a->np == 0)
    return -1;
  for (n = 0; n < a->np; n++) {
    size_t i = (seed + n) % a->np;
    if (k == KN_TYPE_LOWER) {
      for (j = 0; j < sizeof plain / sizeof plain[0]; j++)
        if (is_type(&a->p[i], plain[j]))
          return (long)i;
    } else if (a->p[i].value != POXAUTH_VALUE_ABSENT) {
      return (long)i;
    }
  }
  return -1;
}

/* The original's answer plus the known change of plan pl on Protocol t. */
static void
expect_change(answer *e, const plan *pl, long t) {
  ans_proto *p = &e->p[t];
  int canonical =
      p->value != POXAUTH_VALUE_ABSENT && p->value != POXAUTH_VALUE_UNKNOWN;
  size_t i;
  switch (pl->known) {
  case KN_TYPE_LOWER: /* [TYP-2] type-case; [TYP-4] applies nowhere */
    for (i = 0; i < p->type_len && i < sizeof p->lowered; i++)
      p->lowered[i] =
          (char)(p->type[i] >= 'A' && p->type[i] <= 'Z' ? p->type[i] + 32
                                                        : p->type[i]);
    p->type = p->lowered;
    add_finding(e, (size_t)t, POXAUTH_F_TYPE_CASE);
    if (p->value != POXAUTH_VALUE_ABSENT && p->applies) {
      p->applies = 0;
      add_finding(e, (size_t)t, POXAUTH_F_NOT_APPLICABLE);
    }
    break;
  case KN_VALUE_UPPER: /* [VAL-3]: a matched value with a capital */
    if (canonical && !has_finding(e, (size_t)t, POXAUTH_F_VALUE_CASE))
      add_finding(e, (size_t)t, POXAUTH_F_VALUE_CASE);
    break;
  case KN_VALUE_LOWER:
    for (i = 0; canonical && i < e->nf; i++)
      if (e->f[i].proto == (size_t)t && e->f[i].code == POXAUTH_F_VALUE_CASE)
        e->f[i] = e->f[--e->nf];
    break;
  default:
    break;
  }
}

static void
report(const plan *pl, const buf *doc, const poxauth_result *r0,
       const poxauth_result *r1) {
  static char a[65536], b[65536];
  size_t i;
  poxauth_result_canonical(r0, a, sizeof a);
  poxauth_result_canonical(r1, b, sizeof b);
  fprintf(stderr,
          "\n*** metamorphic oracle %s [%s]: the rewritten response gives "
          "another answer\n"
          "--- original answer%s\n%s--- answer for the rewrite\n%s--- the "
          "rewrite (%lu bytes):\n",
          pl->name, pl->rule,
          pl->known != KN_NONE ? " (before the known change)" : "", a, b,
          (unsigned long)doc->len);
  for (i = 0; i < doc->len && i < 4096; i++) {
    unsigned char c = (unsigned char)doc->p[i];
    if ((c >= 0x20 && c < 0x7F) || c == '\n')
      fputc(c, stderr);
    else
      fprintf(stderr, "\\x%02X", c);
  }
  fputc('\n', stderr);
}

static uint32_t
fnv(const uint8_t *d, size_t n) {
  uint32_t h = 2166136261u;
  size_t i;
  for (i = 0; i < n; i++)
    h = (h ^ d[i]) * 16777619u;
  return h;
}

/* When the input is not an accepted response, one is built from it: its
 * bytes give the Type and the AuthPackage texts of a settings response,
 * so that the oracles run even without seeds. */
static void
build_response(const uint8_t *body, size_t len, buf *out) {
  static const char *const types[] = {"EXPR", "EXCH",     "EXHTTP",
                                      "WEB",  "mapiHttp", "expr"};
  size_t i, field = 0;
  puts_(out, "<Autodiscover xmlns=\"" NS_R "\"><Response xmlns=\"" NS_A
             "\"><Account><Action>settings</Action><Protocol><Type>");
  puts_(out, types[len ? body[0] % 6 : 0]);
  puts_(out, "</Type><AuthPackage>");
  for (i = len ? 1 : 0; i < len && i < 256; i++) {
    char c = (char)body[i];
    if (c == '\n' && field++ < 3) {
      puts_(out, "</AuthPackage></Protocol><Protocol><Type>");
      puts_(out, types[(i + field) % 6]);
      puts_(out, "</Type><AuthPackage>");
    } else if (c == '&') {
      puts_(out, "&amp;");
    } else if (c == '<') {
      puts_(out, "&lt;");
    } else if ((unsigned char)c >= 0x20 && (unsigned char)c < 0x7F) {
      put(out, &c, 1);
    }
  }
  puts_(out, "</AuthPackage></Protocol></Account></Response></Autodiscover>");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static answer e, g;
  buf built = {NULL, 0, 0};
  fuzz_input in;
  poxauth_result *r0 = NULL;
  const char *err = NULL;
  uint32_t seed = fnv(data, size);
  size_t k;

  fuzz_input_decode(data, size, &in);
  if (in.body_len > MAX_BODY)
    return 0;
  memset(&in.opts.limits, 0,
         sizeof in.opts.limits); /* defaults: see put_foreign */
  if (poxauth_parse(&in.opts, in.body, in.body_len, &r0, &err) != POXAUTH_OK) {
    poxauth_result_free(r0);
    r0 = NULL;
    build_response(in.body, in.body_len, &built);
    in.body = (const uint8_t *)built.p;
    in.body_len = built.len;
    if (poxauth_parse(&in.opts, in.body, in.body_len, &r0, &err) !=
        POXAUTH_OK) {
      poxauth_result_free(r0); /* a bad build in the context, say */
      free(built.p);
      return 0; /* only accepted responses have a meaning to keep */
    }
  }
  for (k = 0; k < NPLANS; k++) {
    const plan *pl = &plans[k];
    buf doc = {NULL, 0, 0};
    poxauth_result *r1 = NULL;
    long t = -1;
    int hit = 0;
    answer_of(r0, &e);
    if (pl->known != KN_NONE)
      t = pick_target(&e, pl->known, seed);
    if (pl->known != KN_NONE && t < 0)
      continue;
    if (rewrite(pl, in.body, in.body_len, seed + (uint32_t)k, t, &doc, &hit) !=
        0)
      continue; /* expat and poxauth agree on well-formedness: never */
    (void)poxauth_parse(&in.opts, doc.p, doc.len, &r1, &err);
    FUZZ_CHECK(r1 != NULL);
    if (hit)
      expect_change(&e, pl, t);
    answer_of(r1, &g);
    if (!same(&e, &g)) {
      report(pl, &doc, r0, r1);
      fuzz_fail(__FILE__, __LINE__, pl->name);
    }
    poxauth_result_free(r1);
    free(doc.p);
  }
  poxauth_result_free(r0);
  free(built.p);
  return 0;
}
