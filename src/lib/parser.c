/* SPDX-License-Identifier: MIT */
/* The streaming extractor: expat events in, facts about Account-level
 * Protocols out.  No recursion: the element path is a small role stack,
 * because only the first six levels can matter [IDN-1]. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "block.h"
#include "internal.h"
#include "parser_test.h"
#include "position.h"

#define NS_SEP '\x01'
#define NS_R                                                                   \
  "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
#define NS_R_HTTPS                                                             \
  "https://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
#define NS_A                                                                   \
  "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/" \
  "2006a"
#define NS_M                                                                   \
  "http://schemas.microsoft.com/exchange/autodiscover/mobilesync/"             \
  "responseschema/2006"
#define NS_Q                                                                   \
  "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/"  \
  "2006"

/* What an element is, judged from its parent's role, namespace and local
 * name.  ROLE_OTHER subtrees are skipped whole. */
enum role {
  ROLE_NONE = 0,
  ROLE_OTHER,
  ROLE_ROOT,
  ROLE_A_RESPONSE,
  ROLE_R_RESPONSE,
  ROLE_M_RESPONSE, /* ActiveSync: its content is skipped [KND-4] */
  ROLE_ACCOUNT,
  ROLE_PROTOCOL,
  ROLE_TYPE,
  ROLE_AUTHPACKAGE,
  ROLE_AP_INNER, /* anything inside the AuthPackage being read */
  ROLE_SERVERVERSION,
  ROLE_ACTION,
  ROLE_ERROR_R,
  ROLE_ERROR_A,
  ROLE_ERRORCODE
};

/* Root, Response, Account, Protocol, AuthPackage, child: deeper levels
 * inherit the role of level ROLE_LEVELS - 1. */
#define ROLE_LEVELS 7

#define BLOCK_SLACK ((size_t)PX_BLOCK_SLACK)
#define BLOCK_BYTES PX_BLOCK_BYTES

enum phase { PHASE_FEEDING, PHASE_STOPPED, PHASE_FINISHED };

struct poxauth_parser {
  poxauth_memory mem;
  XML_Parser xp;
  poxauth_result *res;
  px_context ctx;
  px_doc doc;
  poxauth_limits lim;
  enum phase phase;
  int nomem;
  size_t fed;
  unsigned char head[4]; /* the first bytes of input, for [REJ-5] */
  size_t head_len;
  int single_byte; /* declared ISO-8859-1 or US-ASCII: a byte is a column */
  /* expat's answers depend on how its input is split (its encoding guess
   * from the first bytes, which error it reports after the root, ...).
   * So it is always given the same blocks, BLOCK_BYTES at fixed offsets,
   * whatever chunks the caller feeds [STR-1].  `block` is the part of
   * expat's own buffer (XML_GetBuffer) being filled: no extra copy. */
  char *block;
  size_t block_len;
  size_t block_cap; /* BLOCK_BYTES, or the whole input of poxauth_parse */
  size_t whole;     /* poxauth_parse: the length of the whole input, else 0 */
  int expat_error;  /* the rejection is an error expat reported */
  /* Positions [STR-1: the same whatever the split].  expat finds them by
   * walking the bytes since the last position it gave (about 12
   * instructions a byte).  At the end of every non-final block it walks
   * the rest of the block anyway, so asking it inside such a block costs
   * nothing extra; in the final block nothing else would walk.  There the
   * first position comes from expat (in a document of one block, from its
   * first byte), and each later one is counted forward from the last
   * (position.h), over the same bytes of expat's buffer: the same
   * numbers, much cheaper (test_positions compares them). */
  int final_call;      /* the final XML_ParseBuffer has begun */
  int expat_positions; /* testing: always ask expat (parser_test.h) */
  const char *pos_at;  /* final block: the byte counted up to, or NULL */
  size_t blocks;       /* XML_ParseBuffer calls made */
  px_units units;      /* how expat reads the bytes, once known */
  int units_known;
  int in_decl;                     /* inside the XML declaration's handler */
  unsigned long pos_line, pos_col; /* there; the column from 0 */
  size_t depth, elements;
  unsigned char roles[ROLE_LEVELS];
  /* Text capture for one leaf element at a time [VAL-1]. */
  enum role cap_role;
  size_t cap_depth;
  char *text; /* text_inline, or from the allocator once longer */
  size_t text_len, text_cap;
  char text_inline[128]; /* most texts poxauth reads fit: no allocation */
  int text_over;         /* the limit was crossed: rejected at the next tag */
  px_pos cap;
  /* The Account-level Protocol being read (the last one started). */
  size_t proto;
  int ap_children_seen;
  size_t first_error_depth; /* 0: no Error yet [KND-3] */
  int first_error_closed;
  int error_code_done;
};

/* Where the current event is, as expat would say. */
static px_pos
position_now(poxauth_parser *p) {
  px_pos r;
  int off = 0, size = 0;
  const char *buf = NULL, *at;
  if (p->final_call && !p->expat_positions)
    buf = XML_GetInputContext(p->xp, &off, &size);
  if (buf && !p->pos_at && p->blocks == 1) {
    /* The whole document is this one call: its start is line 1, column
     * 0, the beginning of expat's buffer, as expat itself counts. */
    p->pos_at = buf;
    p->pos_line = 1;
    p->pos_col = 0;
  }
  /* cov: unreachable branch: expat's offset is the event's place in the buffer
   * it returns, so 0 <= off <= size */
  if (buf && off >= 0 && off <= size && p->pos_at) {
    at = buf + off;
    if (!p->units_known) {
      /* expat reads a declared single-byte encoding from the end of the
       * declaration on: inside its handler the bytes are still UTF-8. */
      p->units =
          px_units_of(p->head, p->head_len, p->in_decl ? 0 : p->single_byte);
      /* One look for a CR in all expat holds spares one a position. */
      p->units.cr = memchr(buf, '\r', (size_t)size) != NULL;
      p->units_known = !p->in_decl;
    }
    /* expat only walks forward: an earlier event keeps the last answer. */
    if (at > p->pos_at) {
      px_advance(&p->units, p->pos_at, at, &p->pos_line, &p->pos_col);
      p->pos_at = at;
    }
  } else if (!buf && p->pos_at) {
    /* No event pointer: expat would repeat its last position. */
  } else {
    r.line = (unsigned long)XML_GetCurrentLineNumber(p->xp);
    r.column = (unsigned long)XML_GetCurrentColumnNumber(p->xp) + 1;
    if (!buf)
      return r;
    p->pos_at = buf + off;
    p->pos_line = r.line;
    p->pos_col = r.column - 1;
    return r;
  }
  r.line = p->pos_line;
  r.column = p->pos_col + 1;
  return r;
}

static void
position(poxauth_parser *p, unsigned long *line, unsigned long *column) {
  px_pos r = position_now(p);
  *line = r.line;
  *column = r.column;
}

static void
stop(poxauth_parser *p) {
  XML_StopParser(p->xp, XML_FALSE);
  p->phase = PHASE_STOPPED;
}

static void
reject_here(poxauth_parser *p, poxauth_reject_class cls, poxauth_limit_id l,
            const char *detail) {
  unsigned long line, col;
  position(p, &line, &col);
  px_result_reject(p->res, cls, l, line, col, detail);
  stop(p);
}

/* [REJ-6]: a limit's message names its value and the tool option that
 * raises it, which is what a user can act on. */
static const char *
limit_message(char *buf, size_t cap, const char *what, size_t value,
              const char *unit, const char *option) {
  snprintf(buf, cap, "%s %lu%s (poxauth %s raises the limit)", what,
           (unsigned long)value, unit, option);
  return buf;
}

static void
reject_limit(poxauth_parser *p, poxauth_limit_id l, unsigned long line,
             unsigned long col) {
  char m[160];
  const char *d;
  switch (l) {
  case POXAUTH_LIMIT_INPUT_BYTES:
    d = limit_message(m, sizeof m, "the input is longer than",
                      p->lim.max_input_bytes, " bytes", "--max-input-bytes");
    break;
  case POXAUTH_LIMIT_DEPTH:
    d = limit_message(m, sizeof m, "elements are nested deeper than",
                      p->lim.max_depth, " levels", "--max-depth");
    break;
  case POXAUTH_LIMIT_ELEMENTS:
    d = limit_message(m, sizeof m, "the document has more elements than",
                      p->lim.max_elements, "", "--max-elements");
    break;
  case POXAUTH_LIMIT_PROTOCOLS:
    d = limit_message(m, sizeof m, "more Account-level Protocols than",
                      p->lim.max_protocols, "", "--max-protocols");
    break;
  default:
    d = limit_message(m, sizeof m, "an element's text is longer than",
                      p->lim.max_text_bytes, " bytes", "--max-text-bytes");
  }
  px_result_reject(p->res, POXAUTH_REJECT_LIMIT, l, line, col, d);
}

static void
reject_limit_here(poxauth_parser *p, poxauth_limit_id l) {
  unsigned long line, col;
  position(p, &line, &col);
  reject_limit(p, l, line, col);
  stop(p);
}

static void
out_of_memory(poxauth_parser *p) {
  p->nomem = 1;
  reject_here(p, POXAUTH_REJECT_NOMEM, POXAUTH_LIMIT_NONE, NULL);
}

/* Split expat's "URI\x01local" (or "local") name. */
static void
split_name(const char *name, const char **uri, size_t *uri_len,
           const char **local) {
  const char *sep = strchr(name, NS_SEP);
  if (sep) {
    *uri = name;
    *uri_len = (size_t)(sep - name);
    *local = sep + 1;
  } else {
    *uri = "";
    *uri_len = 0;
    *local = name;
  }
}

static int
ns_is(const char *uri, size_t len, const char *want) {
  size_t n = strlen(want);
  return len == n && memcmp(uri, want, n) == 0;
}

#define A_HTTPS                                                                \
  "https://schemas.microsoft.com/exchange/autodiscover/outlook/"               \
  "responseschema/2006a"

/* Document text quoted in a message, escaped [README "Hostile bytes"] and
 * cut to a length that leaves room for the rest of the message. */
static const char *
quoted(char *buf, size_t cap, const char *s, size_t n) {
  /* The escaper never cuts inside an escape or a character. */
  if (poxauth_escape(buf, cap - 3, s, n, POXAUTH_ESCAPE_TEXT) >= cap - 3)
    strcat(buf, "...");
  return buf;
}

/* [REJ-4]: the message names the namespace found and the one expected. */
static void
check_root(poxauth_parser *p, const char *uri, size_t ulen, const char *local) {
  char m[448], q[160];
  const char *why;
  if (strcmp(local, "Autodiscover") != 0) {
    snprintf(m, sizeof m, "the root element is %s, not Autodiscover",
             quoted(q, sizeof q, local, strlen(local)));
    reject_here(p, POXAUTH_REJECT_NOT_AUTODISCOVER, POXAUTH_LIMIT_NONE, m);
    return;
  }
  if (ns_is(uri, ulen, NS_R))
    return;
  if (ulen == 0)
    why = "Autodiscover has no namespace";
  else if (ns_is(uri, ulen, NS_R_HTTPS))
    why = "Autodiscover is in " NS_R_HTTPS ", the https:// spelling of "
          "Microsoft's doc pages (the wire uses http://)";
  else if (ns_is(uri, ulen, NS_A))
    why = "Autodiscover is in the Outlook namespace " NS_A ", which belongs "
          "on Response, not on the root";
  else if (ns_is(uri, ulen, A_HTTPS))
    why = "Autodiscover is in " A_HTTPS ", the https:// doc spelling of the "
          "Outlook namespace, which belongs on Response, not on the root";
  else if (ns_is(uri, ulen, NS_Q))
    why = "Autodiscover is in the request namespace " NS_Q
          ": a request document, not a response";
  else
    why = NULL;
  if (why)
    snprintf(m, sizeof m, "%s; expected " NS_R, why);
  else
    snprintf(m, sizeof m, "Autodiscover is in namespace %s; expected " NS_R,
             quoted(q, sizeof q, uri, ulen));
  reject_here(p, POXAUTH_REJECT_WRONG_NAMESPACE, POXAUTH_LIMIT_NONE, m);
}

/* `name` ("URI\x01local" from expat, len bytes) is local in namespace
 * uri.  The lengths first: most names differ there, and then no byte is
 * compared; the long URI last, only for a name that matched. */
static int
named(const char *name, size_t len, const char *uri_sep, size_t n,
      const char *local, size_t ln) {
  return len == n + ln && memcmp(name + n, local, ln) == 0 &&
         memcmp(name, uri_sep, n) == 0;
}

/* sizeof a literal counts its NUL: the length of URI plus separator, and
 * of the local name plus one. */
#define NAMED(name, len, uri, local)                                           \
  named(name, len, uri "\x01", sizeof uri, local, sizeof local - 1)

static enum role
child_role(enum role parent, const char *name) {
  size_t len;
  if (parent == ROLE_AUTHPACKAGE || parent == ROLE_AP_INNER)
    return ROLE_AP_INNER;
  len = strlen(name);
  switch (parent) {
  case ROLE_ROOT:
    if (NAMED(name, len, NS_A, "Response"))
      return ROLE_A_RESPONSE;
    if (NAMED(name, len, NS_R, "Response"))
      return ROLE_R_RESPONSE;
    return NAMED(name, len, NS_M, "Response") ? ROLE_M_RESPONSE : ROLE_OTHER;
  case ROLE_R_RESPONSE:
    return NAMED(name, len, NS_R, "Error") ? ROLE_ERROR_R : ROLE_OTHER;
  case ROLE_ERROR_R:
    return NAMED(name, len, NS_R, "ErrorCode") ? ROLE_ERRORCODE : ROLE_OTHER;
  case ROLE_A_RESPONSE:
    if (NAMED(name, len, NS_A, "Account"))
      return ROLE_ACCOUNT;
    return NAMED(name, len, NS_A, "Error") ? ROLE_ERROR_A : ROLE_OTHER;
  case ROLE_ACCOUNT:
    if (NAMED(name, len, NS_A, "Protocol"))
      return ROLE_PROTOCOL;
    if (NAMED(name, len, NS_A, "Action"))
      return ROLE_ACTION;
    return NAMED(name, len, NS_A, "Error") ? ROLE_ERROR_A : ROLE_OTHER;
  case ROLE_PROTOCOL: /* most of a document's elements */
    if (NAMED(name, len, NS_A, "Type"))
      return ROLE_TYPE;
    if (NAMED(name, len, NS_A, "AuthPackage"))
      return ROLE_AUTHPACKAGE;
    return NAMED(name, len, NS_A, "ServerVersion") ? ROLE_SERVERVERSION
                                                   : ROLE_OTHER;
  case ROLE_ERROR_A:
    return NAMED(name, len, NS_A, "ErrorCode") ? ROLE_ERRORCODE : ROLE_OTHER;
  default:
    return ROLE_OTHER;
  }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len);

static void
start_capture(poxauth_parser *p, enum role r) {
  p->cap_role = r;
  p->cap_depth = p->depth;
  p->text_len = 0;
  p->cap = position_now(p);
  XML_SetCharacterDataHandler(p->xp, on_text);
}

/* The first element of its kind is read; `seen` remembers it [VAL-1]. */
static void
capture_first(poxauth_parser *p, enum role r, int *seen, unsigned long *line,
              unsigned long *column) {
  if (*seen)
    return;
  *seen = 1;
  start_capture(p, r);
  *line = p->cap.line;
  *column = p->cap.column;
}

static void XMLCALL
on_text(void *ud, const XML_Char *s, int len) {
  poxauth_parser *p = (poxauth_parser *)ud;
  size_t n = (size_t)len;
  /* Text inside child elements is not the element's own [VAL-1]. */
  if (p->phase != PHASE_FEEDING || p->depth != p->cap_depth || len <= 0)
    return;
  if (p->text_over)
    return;
  if (n > p->lim.max_text_bytes - p->text_len) {
    /* Not rejected yet [REJ-6]: expat drops a text run that ends in a
     * well-formedness error (such as "]]>") unseen, unless the run is
     * split (by a block edge, a line end, a reference), so rejecting
     * inside the text would make the outcome depend on where the text
     * falls.  expat reports the next tag only once the text before it
     * was well-formed: the rejection is made there. */
    p->text_over = 1;
    return;
  }
  if (p->text_len + n > p->text_cap) {
    size_t cap = p->text_cap;
    int inline_ = p->text == p->text_inline;
    char *t;
    while (cap < p->text_len + n)
      cap = cap > p->lim.max_text_bytes / 2 ? p->lim.max_text_bytes : cap * 2;
    t = (char *)px_realloc(&p->mem, inline_ ? NULL : p->text, cap);
    if (!t) {
      out_of_memory(p);
      return;
    }
    if (inline_)
      memcpy(t, p->text_inline, p->text_len);
    p->text = t;
    p->text_cap = cap;
  }
  memcpy(p->text + p->text_len, s, n);
  p->text_len += n;
}

/* The rejection that on_text put off; 1 when it was made. */
static int
text_limit_due(poxauth_parser *p) {
  if (!p->text_over)
    return 0;
  /* At the element, not inside the text, for the same reason. */
  reject_limit(p, POXAUTH_LIMIT_TEXT_BYTES, p->cap.line, p->cap.column);
  stop(p);
  return 1;
}

static proto_rec *
current_proto(poxauth_parser *p) {
  return &p->res->protos[p->proto];
}

static int
new_protocol(poxauth_parser *p, const XML_Char **atts) {
  proto_rec *pr;
  size_t i;
  if (p->res->nprotos >= p->lim.max_protocols) {
    reject_limit_here(p, POXAUTH_LIMIT_PROTOCOLS);
    return -1;
  }
  pr = px_add_protocol(p->res, p->lim.max_protocols);
  if (!pr) {
    out_of_memory(p);
    return -1;
  }
  position(p, &pr->pub.line, &pr->pub.column);
  p->proto = p->res->nprotos - 1;
  /* [TYP-1]: the unqualified Type attribute of the mapiHttp form. */
  for (i = 0; atts[i]; i += 2) {
    if (strcmp(atts[i], "Type") == 0) {
      const char *v = atts[i + 1];
      size_t n = strlen(v);
      px_trim(&v, &n);
      if (n > p->lim.max_text_bytes) {
        reject_limit_here(p, POXAUTH_LIMIT_TEXT_BYTES);
        return -1;
      }
      pr->type_attr = px_result_text(p->res, v, n);
      if (!pr->type_attr) {
        out_of_memory(p);
        return -1;
      }
      pr->type_attr_len = n;
      break;
    }
  }
  return 0;
}

/* A finding at the current element. */
static void
finding_here(poxauth_parser *p, poxauth_finding_code c) {
  px_pos at = position_now(p);
  if (px_add_finding(p->res, c, p->proto, at.line, at.column,
                     POXAUTH_VALUE_ABSENT) != 0)
    out_of_memory(p);
}

/* What an element of a role poxauth reads starts. */
static void
enter(poxauth_parser *p, enum role role, const XML_Char **atts) {
  proto_rec *pr;
  switch (role) {
  case ROLE_A_RESPONSE:
  case ROLE_ACCOUNT: {
    int *seen =
        role == ROLE_ACCOUNT ? &p->doc.account_seen : &p->doc.a_response_seen;
    if (!*seen) {
      *seen = 1;
      position(p, &p->doc.account_line, &p->doc.account_column);
    }
    break;
  }
  case ROLE_M_RESPONSE:
    p->doc.mobilesync_seen = 1;
    break;
  case ROLE_PROTOCOL:
    new_protocol(p, atts);
    break;
  case ROLE_TYPE:
    pr = current_proto(p);
    capture_first(p, role, &pr->type_from_child, &pr->type_line,
                  &pr->type_column);
    break;
  case ROLE_SERVERVERSION:
    pr = current_proto(p);
    capture_first(p, role, &pr->sv_seen, &pr->sv_line, &pr->sv_column);
    break;
  case ROLE_AUTHPACKAGE:
    pr = current_proto(p);
    if (pr->ap_seen) {
      /* [VAL-8]: the loser is skipped whole, children and all. */
      finding_here(p, POXAUTH_F_VALUE_DUPLICATE);
      p->roles[p->depth] = ROLE_OTHER;
    } else {
      p->ap_children_seen = 0;
      capture_first(p, role, &pr->ap_seen, &pr->ap_line, &pr->ap_column);
    }
    break;
  case ROLE_AP_INNER:
    if (!p->ap_children_seen) {
      p->ap_children_seen = 1;
      finding_here(p, POXAUTH_F_VALUE_CHILDREN);
    }
    break;
  case ROLE_ACTION:
    capture_first(p, role, &p->doc.action_seen, &p->doc.action_line,
                  &p->doc.action_column);
    break;
  case ROLE_ERROR_R:
  case ROLE_ERROR_A:
    if (!p->doc.error_seen)
      p->first_error_depth = p->depth;
    p->doc.error_seen = 1;
    break;
  case ROLE_ERRORCODE:
    /* [KND-3]: the first ErrorCode of the first Error only. */
    if (!p->error_code_done && !p->first_error_closed &&
        /* cov: unreachable branch: an ErrorCode is an Error's child, and no
           other Error starts before the first one closes (its children are
           ErrorCode or skipped) */
        p->depth == p->first_error_depth + 1) {
      p->error_code_done = 1;
      start_capture(p, role);
    }
    break;
  default:
    break;
  }
}

/* Kept out of line, so that the handlers' common paths save no
 * registers: they call nothing. */
#if defined(__GNUC__)
#define PX_NOINLINE __attribute__((noinline))
#else
#define PX_NOINLINE
#endif

/* The role stack entry of the element at `depth`. */
#define ROLE_AT(p, d)                                                          \
  ((enum role)(p)->roles[(d) < ROLE_LEVELS ? (d) : ROLE_LEVELS - 1])

static PX_NOINLINE void
start_element(poxauth_parser *p, const XML_Char *name, const XML_Char **atts) {
  enum role parent, role;
  /* cov: unreachable branch: expat reports no start tag after XML_StopParser
   * (it looks after every token, and a token holds one start tag) */
  if (p->phase != PHASE_FEEDING || text_limit_due(p))
    return;
  if (++p->elements > p->lim.max_elements) {
    reject_limit_here(p, POXAUTH_LIMIT_ELEMENTS);
    return;
  }
  if (p->depth + 1 > p->lim.max_depth) {
    reject_limit_here(p, POXAUTH_LIMIT_DEPTH);
    return;
  }
  parent =
      p->depth == 0
          ? ROLE_NONE
          : (enum role)
                p->roles[p->depth < ROLE_LEVELS ? p->depth : ROLE_LEVELS - 1];
  /* A child of a skipped element comes here only when on_start's fast path
   * declined it: then a check above rejected it first. */
  /* cov: unreachable branch: the reason below */
  if (parent == ROLE_OTHER) {
    role = ROLE_OTHER; /* cov: unreachable: on_start counts these itself */
  } else if (parent == ROLE_NONE) {
    const char *uri, *local;
    size_t ulen;
    split_name(name, &uri, &ulen, &local);
    check_root(p, uri, ulen, local);
    if (p->phase != PHASE_FEEDING)
      return;
    XML_SetDefaultHandlerExpand(p->xp, NULL); /* the prolog is over */
    role = ROLE_ROOT;
    position(p, &p->doc.root_line, &p->doc.root_column);
  } else {
    role = child_role(parent, name);
  }
  p->depth++;
  if (p->depth < ROLE_LEVELS)
    p->roles[p->depth] = (unsigned char)role;
  if (role != ROLE_OTHER)
    enter(p, role, atts);
}

/* expat 2.5.0 leaves one allocation of its namespace code unchecked: the
 * prefix of an `xmlns:p` attribute (getAttributeId).  When it fails, the
 * declaration is dropped and reported as a plain attribute named `xmlns:p`,
 * which namespace processing otherwise never reports.  Seeing one is
 * seeing that failure; read on, the document would lose a binding (or a
 * reserved-prefix error) and could get another answer [REJ-7]. */
static int
declaration_dropped(const XML_Char **atts) {
  for (; *atts != NULL; atts += 2)
    if (strncmp(*atts, "xmlns:", 6) == 0)
      return 1;
  return 0;
}

static void XMLCALL
on_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  poxauth_parser *p = (poxauth_parser *)ud;
  size_t d = p->depth;
  if (atts[0] != NULL && declaration_dropped(atts)) {
    p->nomem = 1;
    reject_here(p, POXAUTH_REJECT_NOMEM, POXAUTH_LIMIT_NONE,
                "out of memory in expat's namespace processing (it dropped "
                "a namespace declaration)");
    return;
  }
  /* Inside a skipped element, within the limits: only count. */
  /* cov: unreachable branch: stopped: expat reports no start tag after
   * XML_StopParser */
  if (d > 0 && ROLE_AT(p, d) == ROLE_OTHER && p->phase == PHASE_FEEDING &&
      /* cov: unreachable branch: text_over is set while the captured element's
         own text is read; the next tag is its child or its end, neither in a
         skipped element */
      !p->text_over && p->elements < p->lim.max_elements &&
      d < p->lim.max_depth) {
    p->elements++;
    p->depth = d + 1;
    if (d + 1 < ROLE_LEVELS)
      p->roles[d + 1] = ROLE_OTHER;
    return;
  }
  start_element(p, name, atts);
}

/* Keep the captured text of the element that just ended. */
static void
end_capture(poxauth_parser *p) {
  /* cov: unreachable branch: p->text is text_inline or a realloc that
   * succeeded, never NULL */
  const char *t = p->text ? p->text : "";
  size_t n = p->text_len;
  poxauth_result *r = p->res;
  enum role role = p->cap_role;
  p->cap_role = ROLE_NONE;
  XML_SetCharacterDataHandler(p->xp, NULL);
  if (role == ROLE_AUTHPACKAGE) {
    proto_rec *pr = current_proto(p);
    pr->raw_buf = px_result_text(r, t, n);
    pr->pub.raw = pr->raw_buf;
    pr->pub.raw_len = n;
    if (!pr->raw_buf)
      out_of_memory(p);
    return;
  }
  if (role == ROLE_SERVERVERSION) {
    proto_rec *pr = current_proto(p);
    pr->pub.server_version_state =
        poxauth_server_version_decode(t, n, &pr->pub.server_version) == 0
            ? POXAUTH_SV_OK
            : POXAUTH_SV_MALFORMED;
    return;
  }
  px_trim(&t, &n);
  if (role == ROLE_TYPE) {
    proto_rec *pr = current_proto(p);
    if (n == 0)
      return; /* [TYP-1]: empty is missing; the child still wins */
    pr->type_buf = px_result_text(r, t, n);
    pr->pub.type = pr->type_buf;
    pr->pub.type_len = n;
    if (!pr->type_buf)
      out_of_memory(p);
  } else if (role == ROLE_ACTION) {
    p->doc.action = px_strndup(&p->mem, t, n);
    p->doc.action_len = n;
    if (!p->doc.action)
      out_of_memory(p);
    /* cov: unreachable branch: the roles captured are AuthPackage,
     * ServerVersion, Type, Action and ErrorCode; the first four are handled
     * above */
  } else if (role == ROLE_ERRORCODE && n > 0) {
    r->error_code = px_result_text(r, t, n);
    r->error_code_len = n;
    if (!r->error_code)
      out_of_memory(p);
  }
}

static PX_NOINLINE void
end_element(poxauth_parser *p) {
  enum role role;
  if (p->phase != PHASE_FEEDING || text_limit_due(p))
    return;
  role = ROLE_AT(p, p->depth);
  if (p->cap_role != ROLE_NONE && p->depth == p->cap_depth)
    end_capture(p);
  if ((role == ROLE_ERROR_R || role == ROLE_ERROR_A) &&
      p->depth == p->first_error_depth)
    p->first_error_closed = 1;
  p->depth--;
}

static void XMLCALL
on_end(void *ud, const XML_Char *name) {
  poxauth_parser *p = (poxauth_parser *)ud;
  (void)name;
  /* Most elements: never read, never an Error. */
  if (ROLE_AT(p, p->depth) == ROLE_OTHER && p->phase == PHASE_FEEDING &&
      /* cov: unreachable branch: text_over is set while the captured element's
         own text is read; the next tag is its child or its end, neither in a
         skipped element */
      !p->text_over) {
    p->depth--;
    return;
  }
  end_element(p);
}

/* What the first bytes say the encoding is [REJ-5]: a byte order mark, or
 * the UTF-16 byte pattern of "<?" ([XML] Appendix F). */
enum head_family { HEAD_PLAIN, HEAD_UTF8_BOM, HEAD_UTF16LE, HEAD_UTF16BE };

static enum head_family
head_family(const unsigned char *h, size_t n) {
  if (n >= 3 && h[0] == 0xEF && h[1] == 0xBB && h[2] == 0xBF)
    return HEAD_UTF8_BOM;
  if ((n >= 2 && h[0] == 0xFF && h[1] == 0xFE) ||
      (n >= 4 && h[0] == '<' && h[1] == 0 && h[2] == '?' && h[3] == 0))
    return HEAD_UTF16LE;
  if ((n >= 2 && h[0] == 0xFE && h[1] == 0xFF) ||
      (n >= 4 && h[0] == 0 && h[1] == '<' && h[2] == 0 && h[3] == '?'))
    return HEAD_UTF16BE;
  return HEAD_PLAIN;
}

static int
name_is(const char *s, const char *want) {
  return px_ascii_ieq(s, strlen(s), want, strlen(want));
}

/* [REJ-5]: expat lets a declaration override a UTF-8 byte order mark (it
 * then decodes the rest as ISO-8859-1 or US-ASCII); a declaration that
 * contradicts what the first bytes say is rejected instead.  Unknown
 * names are left to expat, which rejects them the same way. */
static void XMLCALL
on_xml_decl(void *ud, const XML_Char *version, const XML_Char *encoding,
            int standalone) {
  poxauth_parser *p = (poxauth_parser *)ud;
  enum head_family f = head_family(p->head, p->head_len);
  int ok;
  (void)version;
  (void)standalone;
  /* cov: unreachable branch: the XML declaration is the first thing expat
   * reports: nothing has stopped it */
  if (p->phase != PHASE_FEEDING || !encoding)
    return;
  p->single_byte =
      name_is(encoding, "ISO-8859-1") || name_is(encoding, "US-ASCII");
  switch (f) {
  case HEAD_UTF8_BOM:
    ok = name_is(encoding, "UTF-8");
    break;
  case HEAD_UTF16LE:
    ok = name_is(encoding, "UTF-16") || name_is(encoding, "UTF-16LE");
    break;
  case HEAD_UTF16BE:
    ok = name_is(encoding, "UTF-16") || name_is(encoding, "UTF-16BE");
    break;
  default:
    ok = 1;
  }
  if (!ok) {
    char m[256], q[96];
    snprintf(m, sizeof m,
             "the declaration names the encoding %s, which contradicts the %s",
             quoted(q, sizeof q, encoding, strlen(encoding)),
             f == HEAD_UTF8_BOM  ? "UTF-8 byte order mark"
             : f == HEAD_UTF16LE ? "UTF-16LE byte order mark or byte pattern"
                                 : "UTF-16BE byte order mark or byte pattern");
    reject_here(p, POXAUTH_REJECT_UNSUPPORTED_ENCODING, POXAUTH_LIMIT_NONE, m);
  }
}

/* on_xml_decl, marked for position_now. */
static void XMLCALL
on_xml_decl_at(void *ud, const XML_Char *version, const XML_Char *encoding,
               int standalone) {
  poxauth_parser *p = (poxauth_parser *)ud;
  p->in_decl = 1;
  on_xml_decl(ud, version, encoding, standalone);
  p->in_decl = 0;
}

/* [REJ-3]: a DOCTYPE is rejected at its "<!DOCTYPE", before expat reads
 * a byte of its name, literals or internal subset, so no entity is ever
 * defined or expanded.  expat has no event there for a start-DOCTYPE
 * handler (that one comes at the '[' or '>', any distance later), but with
 * none set it hands the "<!DOCTYPE" token to the default handler, with its
 * event at the token's first byte: a position expat gives the same
 * whatever the blocks, in every encoding (the token comes converted to
 * UTF-8).  The handler is removed at the root element, after which no
 * DOCTYPE can come, so content never pays for it. */
static void XMLCALL
on_prolog_token(void *ud, const XML_Char *s, int len) {
  poxauth_parser *p = (poxauth_parser *)ud;
  /* cov: unreachable branch: expat reports nothing after XML_StopParser, so
   * no token comes once a rejection has stopped it */
  if (len == 9 && memcmp(s, "<!DOCTYPE", 9) == 0 && p->phase == PHASE_FEEDING)
    reject_here(p, POXAUTH_REJECT_DOCTYPE, POXAUTH_LIMIT_NONE,
                "a DOCTYPE is never processed");
}

/* Belt and braces: should expat ever report an entity declaration without
 * the "<!DOCTYPE" token first, it is rejected the same way. */
/* cov: unreachable: expat reports a declaration only inside a DOCTYPE,
 * and on_prolog_token has stopped it at the "<!DOCTYPE" already */
static void XMLCALL
on_entity_decl(void *ud, const XML_Char *name, int is_pe, const XML_Char *value,
               int value_len, const XML_Char *base, const XML_Char *sysid,
               const XML_Char *pubid, const XML_Char *notation) {
  poxauth_parser *p = (poxauth_parser *)ud;
  (void)name, (void)is_pe, (void)value, (void)value_len, (void)base;
  (void)sysid, (void)pubid, (void)notation;
  if (p->phase == PHASE_FEEDING)
    reject_here(p, POXAUTH_REJECT_DOCTYPE, POXAUTH_LIMIT_NONE,
                "an entity declaration is never processed");
}

/* ------------------------------------------------------------------ */

/* The options of the first poxauth with struct_size: any caller passes at
 * least these bytes. */
#define OPTIONS_SIZE_MIN                                                       \
  (offsetof(poxauth_options, hash_salt) + sizeof(unsigned long))

void
poxauth_options_init_size(poxauth_options *opts, size_t size) {
  /* size is the caller's sizeof, which may be larger than ours (a newer
   * header): zero all of it, so that fields we do not know stay 0. */
  if (!opts || size < OPTIONS_SIZE_MIN)
    return;
  memset(opts, 0, size);
  opts->struct_size = size;
  opts->profile = POXAUTH_PROFILE_UNION; /* [PRO-3] */
}

/* Copy the caller's options into *o, whatever version of the struct the
 * caller was compiled with; NULL on success, else the message. */
static const char *
options_copy(const poxauth_options *opts, poxauth_options *o) {
  size_t n, i;
  poxauth_options_init(o); /* the defaults, for what the caller lacks */
  if (!opts)
    return NULL;
  n = opts->struct_size;
  if (n < OPTIONS_SIZE_MIN)
    return "options: struct_size is not set (call poxauth_options_init)";
  if (n > sizeof *o) {
    /* A newer caller: what we do not know of must be left at its default. */
    const unsigned char *extra = (const unsigned char *)opts + sizeof *o;
    for (i = 0; i < n - sizeof *o; i++)
      if (extra[i])
        return "options: a field newer than this library is set";
    n = sizeof *o;
  }
  memcpy(o, opts, n);
  o->struct_size = sizeof *o;
  return NULL;
}

static size_t
or_default(size_t v, size_t d) {
  return v ? v : d;
}

poxauth_status
poxauth_parser_create(const poxauth_options *opts, poxauth_parser **out,
                      const char **err) {
  poxauth_options o;
  poxauth_memory mem;
  poxauth_parser *p;
  XML_Memory_Handling_Suite suite;
  const char *bad;
  if (err)
    *err = NULL;
  if (!out) {
    if (err)
      *err = "out is NULL";
    return POXAUTH_ERR_ARGUMENT;
  }
  *out = NULL;
  if ((bad = options_copy(opts, &o)) != NULL) {
    if (err)
      *err = bad;
    return POXAUTH_ERR_ARGUMENT;
  }
  if (o.profile != POXAUTH_PROFILE_POX &&
      o.profile != POXAUTH_PROFILE_OXDSCLI &&
      o.profile != POXAUTH_PROFILE_UNION) {
    if (err)
      *err = "unknown profile";
    return POXAUTH_ERR_ARGUMENT;
  }
  if (o.can_handle_count && !o.can_handle) {
    if (err)
      *err = "can_handle is NULL but can_handle_count is not 0";
    return POXAUTH_ERR_ARGUMENT;
  }
  mem = o.memory;
  if (!mem.malloc_fcn && !mem.realloc_fcn && !mem.free_fcn) {
    mem.malloc_fcn = malloc;
    mem.realloc_fcn = realloc;
    mem.free_fcn = free;
  } else if (!mem.malloc_fcn || !mem.realloc_fcn || !mem.free_fcn) {
    if (err)
      *err = "memory: set all three functions or none";
    return POXAUTH_ERR_ARGUMENT;
  }
  p = (poxauth_parser *)px_malloc(&mem, sizeof *p);
  if (!p)
    return POXAUTH_ERR_NOMEM;
  memset(p, 0, sizeof *p);
  p->mem = mem;
  p->text = p->text_inline;
  p->text_cap = sizeof p->text_inline;
  p->ctx.profile = o.profile;
  p->ctx.caps = poxauth_can_handle_parse(o.can_handle, o.can_handle_count);
  if (o.server_build && o.server_build_len &&
      poxauth_build_parse(o.server_build, o.server_build_len, &p->ctx.build) !=
          0) {
    px_free(&mem, p);
    if (err)
      *err = "server build: expected 1 to 4 dot-separated decimal parts";
    return POXAUTH_ERR_ARGUMENT;
  }
  p->lim.max_input_bytes =
      or_default(o.limits.max_input_bytes, POXAUTH_DEFAULT_MAX_INPUT_BYTES);
  p->lim.max_depth = or_default(o.limits.max_depth, POXAUTH_DEFAULT_MAX_DEPTH);
  p->lim.max_elements =
      or_default(o.limits.max_elements, POXAUTH_DEFAULT_MAX_ELEMENTS);
  p->lim.max_protocols =
      or_default(o.limits.max_protocols, POXAUTH_DEFAULT_MAX_PROTOCOLS);
  p->lim.max_text_bytes =
      or_default(o.limits.max_text_bytes, POXAUTH_DEFAULT_MAX_TEXT_BYTES);
  p->res = px_result_new(&mem, o.profile,
                         o.can_handle_count ? (long)o.can_handle_count : -1);
  if (!p->res) {
    px_free(&mem, p);
    return POXAUTH_ERR_NOMEM;
  }
  suite.malloc_fcn = mem.malloc_fcn;
  suite.realloc_fcn = mem.realloc_fcn;
  suite.free_fcn = mem.free_fcn;
  p->xp = XML_ParserCreate_MM(NULL, &suite, "\x01");
  if (!p->xp) {
    poxauth_result_free(p->res);
    px_free(&mem, p);
    return POXAUTH_ERR_NOMEM;
  }
  if (o.hash_salt)
    XML_SetHashSalt(p->xp, o.hash_salt);
  XML_SetParamEntityParsing(p->xp, XML_PARAM_ENTITY_PARSING_NEVER);
#ifdef POXAUTH_HAVE_REPARSE_DEFERRAL
  /* expat 2.6.0 or a backport (found at configure time): an unfinished
   * token is parsed again only once enough new input has come, so a large
   * token costs linear, not quadratic, time.  It is expat's default there;
   * set explicitly so that the bound does not rest on a default. */
  XML_SetReparseDeferralEnabled(p->xp, XML_TRUE);
#endif
  XML_SetUserData(p->xp, p);
  XML_SetElementHandler(p->xp, on_start, on_end);
  XML_SetDefaultHandlerExpand(p->xp, on_prolog_token);
  XML_SetEntityDeclHandler(p->xp, on_entity_decl);
  XML_SetXmlDeclHandler(p->xp, on_xml_decl_at);
  p->phase = PHASE_FEEDING;
  *out = p;
  return POXAUTH_OK;
}

static poxauth_reject_class
class_of(enum XML_Error e) {
  switch (e) {
  case XML_ERROR_NO_MEMORY:
    return POXAUTH_REJECT_NOMEM;
  case XML_ERROR_UNKNOWN_ENCODING:
  case XML_ERROR_INCORRECT_ENCODING:
    return POXAUTH_REJECT_UNSUPPORTED_ENCODING;
  default:
    return POXAUTH_REJECT_NOT_WELL_FORMED;
  }
}

/* Errors that cutting a document short produces by itself. */
static int
is_truncation(enum XML_Error e) {
  return e == XML_ERROR_NO_ELEMENTS || e == XML_ERROR_UNCLOSED_TOKEN ||
         e == XML_ERROR_PARTIAL_CHAR || e == XML_ERROR_UNCLOSED_CDATA_SECTION;
}

/* Record the outcome of one expat call: the rejection, unless a handler
 * already made one.  over_limit: the input was cut at max_input_bytes, so
 * errors that only say "the document ended early" mean the limit
 * [REJ-6]. */
static void
settle(poxauth_parser *p, enum XML_Status st, int over_limit) {
  enum XML_Error e;
  unsigned long line, col;
  if (st != XML_STATUS_ERROR) {
    if (over_limit) {
      position(p, &line, &col);
      reject_limit(p, POXAUTH_LIMIT_INPUT_BYTES, line, col);
      p->phase = PHASE_STOPPED;
    }
    return;
  }
  p->phase = PHASE_STOPPED;
  e = XML_GetErrorCode(p->xp);
  /* cov: unreachable branch: only poxauth stops expat (XML_ERROR_ABORTED), and
   * always after a rejection */
  if (p->res->rejected || e == XML_ERROR_ABORTED)
    return; /* a handler rejected first */
  position(p, &line, &col);
  if (over_limit && is_truncation(e))
    reject_limit(p, POXAUTH_LIMIT_INPUT_BYTES, line, col);
  else
    px_result_reject(p->res, class_of(e), POXAUTH_LIMIT_NONE, line, col,
                     XML_ErrorString(e));
  if (e == XML_ERROR_NO_MEMORY)
    p->nomem = 1;
  else
    p->expat_error = 1;
}

/* Parse the block being filled, if any. */
static void
flush(poxauth_parser *p, int final, int over_limit) {
  enum XML_Status st;
  p->final_call = final;
  p->blocks++;
  /* cov: unreachable branch: the else's reason below */
  if (p->block) {
    size_t n = p->block_len;
    p->block = NULL;
    p->block_len = 0;
    st = XML_ParseBuffer(p->xp, (int)n, final);
  } else {
    /* cov: unreachable: push leaves a block behind whenever it took
     * bytes, and every call of flush comes after bytes were taken */
    st = XML_Parse(p->xp, NULL, 0, final);
  }
  settle(p, st, over_limit);
}

/* Copy n more bytes of input into expat's buffer.  A full block goes to
 * expat only once more input arrives, so that a document that fits one
 * block is one final call, which expat does not walk for positions.  From
 * poxauth_parse, a whole input of up to PX_ONE_CALL_BYTES is one block
 * (block.h says why that is the same answer). */
static void
push(poxauth_parser *p, const char *data, size_t n) {
  while (n > 0 && p->phase == PHASE_FEEDING) {
    size_t k;
    if (p->block && p->block_len == p->block_cap) {
      flush(p, 0, 0);
      continue;
    }
    if (!p->block) {
      /* The first request sizes expat's buffer once for all: a block, the
       * context expat keeps and a partial token carried over; a later one
       * asks for a block only, which that slack leaves room for. */
      size_t want = BLOCK_BYTES;
      p->block_cap = BLOCK_BYTES;
      if (p->fed == n && p->whole && n <= PX_ONE_CALL_BYTES)
        want = p->block_cap = n;
      else if (p->fed == n)
        want = BLOCK_BYTES + BLOCK_SLACK;
      p->block = (char *)XML_GetBuffer(p->xp, (int)want);
      if (!p->block) {
        settle(p, XML_STATUS_ERROR, 0);
        return;
      }
    }
    k = p->block_cap - p->block_len;
    if (k > n)
      k = n;
    memcpy(p->block + p->block_len, data, k);
    p->block_len += k;
    data += k;
    n -= k;
  }
}

#ifdef PX_TESTING
void
px_parser_expat_positions(poxauth_parser *p, int on) {
  p->expat_positions = on;
}

size_t
px_parser_blocks(const poxauth_parser *p) {
  return p->blocks;
}
#endif

poxauth_status
poxauth_parser_feed(poxauth_parser *p, const void *data, size_t len) {
  size_t room, take, i;
  if (!p || (!data && len))
    return POXAUTH_ERR_ARGUMENT;
  if (p->phase == PHASE_FINISHED)
    return POXAUTH_ERR_STATE;
  if (p->phase == PHASE_STOPPED)
    return p->nomem ? POXAUTH_ERR_NOMEM : POXAUTH_REJECTED;
  if (len == 0)
    return POXAUTH_OK;
  /* The first bytes, for [REJ-5]: head_len equals fed until it is full. */
  for (i = 0; p->head_len < sizeof p->head && i < len; i++)
    p->head[p->head_len++] = ((const unsigned char *)data)[i];
  room = p->lim.max_input_bytes - p->fed;
  take = len < room ? len : room;
  p->fed += take;
  if (take > 0)
    push(p, (const char *)data, take);
  /* Past the limit: end the document at exactly the allowed prefix, so
   * that a fatal problem inside it still wins and the outcome does not
   * depend on how the input was split [REJ-6]. */
  if (len > room && p->phase == PHASE_FEEDING)
    flush(p, 1, 1);
  if (p->phase == PHASE_STOPPED)
    return p->nomem ? POXAUTH_ERR_NOMEM : POXAUTH_REJECTED;
  return POXAUTH_OK;
}

/* The rules run once the whole document is read, so a failure there has
 * no parser position: it takes the position of the finding that could not
 * be stored, or says why it has none. */
static void
finish_out_of_memory(poxauth_parser *p) {
  poxauth_result *r = p->res;
  p->nomem = 1;
  /* cov: unreachable branch: the else's reason below */
  if (r->nomem_line)
    px_result_reject(r, POXAUTH_REJECT_NOMEM, POXAUTH_LIMIT_NONE, r->nomem_line,
                     r->nomem_column,
                     "out of memory storing the finding seen here, while "
                     "applying the rules after the end of the document");
  /* cov: unreachable: every finding rules.c adds is at an element that was
   * seen (the root, Account, Action, a Protocol or its child): line >= 1 */
  else
    px_result_reject(r, POXAUTH_REJECT_NOMEM, POXAUTH_LIMIT_NONE, 0, 0,
                     "out of memory while applying the rules after the end "
                     "of the document, which has no position (line 0)");
}

poxauth_status
poxauth_parser_finish(poxauth_parser *p, poxauth_result **out) {
  poxauth_result *r;
  if (!p || !out)
    return POXAUTH_ERR_ARGUMENT;
  *out = NULL;
  if (p->phase == PHASE_FINISHED)
    return POXAUTH_ERR_STATE;
  if (p->phase == PHASE_FEEDING) {
    if (p->fed == 0) {
      px_result_reject(p->res, POXAUTH_REJECT_EMPTY, POXAUTH_LIMIT_NONE, 1, 1,
                       "no bytes");
    } else {
      flush(p, 1, 0);
      if (!p->res->rejected) {
        if (px_evaluate(p->res, &p->ctx, &p->doc) != 0)
          finish_out_of_memory(p);
      }
    }
  }
  p->phase = PHASE_FINISHED;
  r = p->res;
  p->res = NULL;
  *out = r;
  if (p->nomem)
    return POXAUTH_ERR_NOMEM;
  return r->rejected ? POXAUTH_REJECTED : POXAUTH_OK;
}

void
poxauth_parser_destroy(poxauth_parser *p) {
  poxauth_memory mem;
  if (!p)
    return;
  mem = p->mem;
  /* cov: unreachable branch: poxauth_parser_create hands out a parser only once
   * its expat parser is made */
  if (p->xp)
    XML_ParserFree(p->xp);
  poxauth_result_free(p->res);
  if (p->text != p->text_inline)
    px_free(&mem, p->text);
  px_free(&mem, p->doc.action);
  px_free(&mem, p);
}

/* One parse of the whole input: as one expat call when one_call, else in
 * the blocks poxauth_parser_feed uses.  *redo: expat rejected an input
 * longer than a block, where one call and blocks may not agree. */
static poxauth_status
parse_whole(const poxauth_options *opts, const void *data, size_t len,
            int one_call, poxauth_result **out, const char **err, int *redo) {
  poxauth_parser *p;
  poxauth_status st = poxauth_parser_create(opts, &p, err);
  if (st != POXAUTH_OK)
    return st;
  p->whole = one_call ? len : 0;
  st = poxauth_parser_feed(p, data, len);
  /* cov: unreachable branch: feed returns POXAUTH_ERR_ARGUMENT only for a NULL
   * parser or data (checked above) and POXAUTH_ERR_STATE only after finish */
  if (st == POXAUTH_OK || st == POXAUTH_REJECTED || st == POXAUTH_ERR_NOMEM)
    st = poxauth_parser_finish(p, out);
  *redo = st == POXAUTH_REJECTED && p->expat_error && len > BLOCK_BYTES;
  poxauth_parser_destroy(p);
  return st;
}

poxauth_status
poxauth_parse(const poxauth_options *opts, const void *data, size_t len,
              poxauth_result **out, const char **err) {
  poxauth_status st;
  int redo = 0;
  if (err)
    *err = NULL;
  if (!out || (!data && len)) {
    if (err)
      *err = out ? "data is NULL but len is not 0" : "out is NULL";
    if (out)
      *out = NULL;
    return POXAUTH_ERR_ARGUMENT;
  }
  *out = NULL;
  st = parse_whole(opts, data, len, 1, out, err, &redo);
  /* expat reports some errors differently when a block edge cuts the token
   * at fault (after the root, a name cut short is junk at its start; read
   * whole, it may be an invalid character further on).  The streaming
   * parser sees blocks, so a rejected input is read again the same way
   * [STR-1]: rare, and bounded by the one-call size. */
  if (redo) {
    poxauth_result_free(*out);
    *out = NULL;
    st = parse_whole(opts, data, len, 0, out, err, &redo);
  }
  return st;
}

const char *
poxauth_expat_version(void) {
  return XML_ExpatVersion();
}
