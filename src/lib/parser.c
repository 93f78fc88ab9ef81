/* SPDX-License-Identifier: MIT */
/* The streaming extractor: expat events in, facts about Account-level
 * Protocols out.  No recursion: the element path is a small role stack,
 * because only the first six levels can matter [IDN-1]. */
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "internal.h"

#define NS_SEP '\x01'
#define NS_R                                                                   \
  "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
#define NS_R_HTTPS                                                             \
  "https://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
#define NS_A                                                                   \
  "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/" \
  "2006a"
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

#define BLOCK_BYTES 16384

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
  /* expat's answers depend on how its input is split (its encoding guess
   * from the first bytes, which error it reports after the root, ...).
   * So it is always given the same blocks, BLOCK_BYTES at fixed offsets,
   * whatever chunks the caller feeds [STR-1].  `block` is the part of
   * expat's own buffer (XML_GetBuffer) being filled: no extra copy. */
  char *block;
  size_t block_len;
  /* Positions.  expat finds line and column by walking every byte again
   * (about 12 instructions a byte, most of what poxauth adds to a small
   * response).  When the whole document is one ASCII block without CR or
   * NUL, where a column is a byte and a line ends at LF, they are counted
   * here from expat's byte index instead: the same numbers, faster. */
  const char *whole;                      /* that block, or NULL: ask expat */
  size_t whole_off;                       /* counted up to here */
  unsigned long whole_line, whole_column; /* 0-based, at whole_off */
  size_t depth, elements;
  unsigned char roles[ROLE_LEVELS];
  /* Text capture for one leaf element at a time [VAL-1]. */
  enum role cap_role;
  size_t cap_depth;
  char *text;
  size_t text_len, text_cap;
  int text_over; /* the limit was crossed: rejected at the next tag */
  unsigned long cap_line, cap_column;
  /* The Account-level Protocol being read (the last one started). */
  size_t proto;
  int ap_children_seen;
  size_t first_error_depth; /* 0: no Error yet [KND-3] */
  int first_error_closed;
  int error_code_done;
};

static void
position(poxauth_parser *p, unsigned long *line, unsigned long *column) {
  XML_Index at;
  if (!p->whole) {
    *line = (unsigned long)XML_GetCurrentLineNumber(p->xp);
    *column = (unsigned long)XML_GetCurrentColumnNumber(p->xp) + 1;
    return;
  }
  at = XML_GetCurrentByteIndex(p->xp);
  /* Events come in document order, so counting only moves forward. */
  if (at >= 0 && (size_t)at > p->whole_off) {
    const char *q = p->whole + p->whole_off, *end = p->whole + at, *nl;
    while ((nl = (const char *)memchr(q, '\n', (size_t)(end - q))) != NULL) {
      p->whole_line++;
      p->whole_column = 0;
      q = nl + 1;
    }
    p->whole_column += (unsigned long)(end - q);
    p->whole_off = (size_t)at;
  }
  *line = p->whole_line + 1;
  *column = p->whole_column + 1;
}

/* 1 when a byte's position is a byte count: ASCII, and neither NUL (which
 * may mean UTF-16) nor CR (a line end expat folds with LF). */
static int
plain_ascii(const char *d, size_t n) {
  unsigned char bad = 0;
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)d[i];
    bad |= (unsigned char)((c & 0x80u) | (c == 0) | (c == '\r'));
  }
  return bad == 0;
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

/* [REJ-4] */
static void
check_root(poxauth_parser *p, const char *uri, size_t ulen, const char *local) {
  if (strcmp(local, "Autodiscover") != 0) {
    reject_here(p, POXAUTH_REJECT_NOT_AUTODISCOVER, POXAUTH_LIMIT_NONE,
                "the root element is not Autodiscover");
    return;
  }
  if (ns_is(uri, ulen, NS_R))
    return;
  if (ulen == 0)
    reject_here(p, POXAUTH_REJECT_WRONG_NAMESPACE, POXAUTH_LIMIT_NONE,
                "Autodiscover has no namespace");
  else if (ns_is(uri, ulen, NS_R_HTTPS))
    reject_here(p, POXAUTH_REJECT_WRONG_NAMESPACE, POXAUTH_LIMIT_NONE,
                "the namespace is the https:// variant found in Microsoft's "
                "doc pages; the wire uses http://");
  else if (ns_is(uri, ulen, NS_Q))
    reject_here(p, POXAUTH_REJECT_WRONG_NAMESPACE, POXAUTH_LIMIT_NONE,
                "this is a request document, not a response");
  else
    reject_here(p, POXAUTH_REJECT_WRONG_NAMESPACE, POXAUTH_LIMIT_NONE,
                "Autodiscover is not in the response namespace");
}

static enum role
child_role(enum role parent, const char *uri, size_t ulen, const char *l) {
  int a = ns_is(uri, ulen, NS_A);
  switch (parent) {
  case ROLE_ROOT:
    if (strcmp(l, "Response") == 0) {
      if (a)
        return ROLE_A_RESPONSE;
      if (ns_is(uri, ulen, NS_R))
        return ROLE_R_RESPONSE;
    }
    return ROLE_OTHER;
  case ROLE_A_RESPONSE:
    if (a && strcmp(l, "Account") == 0)
      return ROLE_ACCOUNT;
    if (a && strcmp(l, "Error") == 0)
      return ROLE_ERROR_A;
    return ROLE_OTHER;
  case ROLE_R_RESPONSE:
    return ns_is(uri, ulen, NS_R) && strcmp(l, "Error") == 0 ? ROLE_ERROR_R
                                                             : ROLE_OTHER;
  case ROLE_ACCOUNT:
    if (!a)
      return ROLE_OTHER;
    if (strcmp(l, "Protocol") == 0)
      return ROLE_PROTOCOL;
    if (strcmp(l, "Action") == 0)
      return ROLE_ACTION;
    if (strcmp(l, "Error") == 0)
      return ROLE_ERROR_A;
    return ROLE_OTHER;
  case ROLE_PROTOCOL:
    if (!a)
      return ROLE_OTHER;
    if (strcmp(l, "Type") == 0)
      return ROLE_TYPE;
    if (strcmp(l, "AuthPackage") == 0)
      return ROLE_AUTHPACKAGE;
    if (strcmp(l, "ServerVersion") == 0)
      return ROLE_SERVERVERSION;
    return ROLE_OTHER;
  case ROLE_ERROR_R:
    return ns_is(uri, ulen, NS_R) && strcmp(l, "ErrorCode") == 0
               ? ROLE_ERRORCODE
               : ROLE_OTHER;
  case ROLE_ERROR_A:
    return a && strcmp(l, "ErrorCode") == 0 ? ROLE_ERRORCODE : ROLE_OTHER;
  case ROLE_AUTHPACKAGE:
  case ROLE_AP_INNER:
    return ROLE_AP_INNER;
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
  position(p, &p->cap_line, &p->cap_column);
  XML_SetCharacterDataHandler(p->xp, on_text);
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
    size_t cap = p->text_cap ? p->text_cap : 64;
    char *t;
    while (cap < p->text_len + n)
      cap = cap > p->lim.max_text_bytes / 2 ? p->lim.max_text_bytes : cap * 2;
    t = (char *)px_realloc(&p->mem, p->text, cap);
    if (!t) {
      out_of_memory(p);
      return;
    }
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
  px_result_reject(p->res, POXAUTH_REJECT_LIMIT, POXAUTH_LIMIT_TEXT_BYTES,
                   p->cap_line, p->cap_column,
                   "an element's text is longer than max_text_bytes");
  stop(p);
  return 1;
}

static proto_rec *
current_proto(poxauth_parser *p) {
  return &p->res->protos[p->proto];
}

static int
new_protocol(poxauth_parser *p, const XML_Char **atts) {
  poxauth_result *r = p->res;
  proto_rec *pr;
  size_t i;
  if (r->nprotos >= p->lim.max_protocols) {
    reject_here(p, POXAUTH_REJECT_LIMIT, POXAUTH_LIMIT_PROTOCOLS,
                "more Account-level Protocols than max_protocols");
    return -1;
  }
  if (r->nprotos == r->cap_protos) {
    size_t cap = r->cap_protos ? r->cap_protos * 2 : 8;
    proto_rec *n;
    if (cap > p->lim.max_protocols)
      cap = p->lim.max_protocols;
    if (cap > ((size_t)-1) / sizeof *n) {
      out_of_memory(p);
      return -1;
    }
    n = (proto_rec *)px_realloc(&p->mem, r->protos, cap * sizeof *n);
    if (!n) {
      out_of_memory(p);
      return -1;
    }
    r->protos = n;
    r->cap_protos = cap;
  }
  pr = &r->protos[r->nprotos];
  memset(pr, 0, sizeof *pr);
  position(p, &pr->pub.line, &pr->pub.column);
  p->proto = r->nprotos++;
  /* [TYP-1]: the unqualified Type attribute of the mapiHttp form. */
  for (i = 0; atts[i]; i += 2) {
    if (strcmp(atts[i], "Type") == 0) {
      const char *v = atts[i + 1];
      size_t n = strlen(v);
      px_trim(&v, &n);
      if (n > p->lim.max_text_bytes) {
        reject_here(p, POXAUTH_REJECT_LIMIT, POXAUTH_LIMIT_TEXT_BYTES,
                    "the Type attribute is longer than max_text_bytes");
        return -1;
      }
      pr->type_attr = px_strndup(&p->mem, v, n);
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

static void XMLCALL
on_start(void *ud, const XML_Char *name, const XML_Char **atts) {
  poxauth_parser *p = (poxauth_parser *)ud;
  const char *uri, *local;
  size_t ulen;
  enum role parent, role;
  if (p->phase != PHASE_FEEDING || text_limit_due(p))
    return;
  if (++p->elements > p->lim.max_elements) {
    reject_here(p, POXAUTH_REJECT_LIMIT, POXAUTH_LIMIT_ELEMENTS,
                "more elements than max_elements");
    return;
  }
  if (p->depth + 1 > p->lim.max_depth) {
    reject_here(p, POXAUTH_REJECT_LIMIT, POXAUTH_LIMIT_DEPTH,
                "elements nested deeper than max_depth");
    return;
  }
  parent =
      p->depth == 0
          ? ROLE_NONE
          : (enum role)
                p->roles[p->depth < ROLE_LEVELS ? p->depth : ROLE_LEVELS - 1];
  if (parent == ROLE_OTHER) {
    role = ROLE_OTHER; /* the common case: skip without looking */
  } else {
    split_name(name, &uri, &ulen, &local);
    if (parent == ROLE_NONE) {
      check_root(p, uri, ulen, local);
      if (p->phase != PHASE_FEEDING)
        return;
      role = ROLE_ROOT;
      position(p, &p->doc.root_line, &p->doc.root_column);
    } else {
      role = child_role(parent, uri, ulen, local);
    }
  }
  p->depth++;
  if (p->depth < ROLE_LEVELS)
    p->roles[p->depth] = (unsigned char)role;

  switch (role) {
  case ROLE_A_RESPONSE:
    if (!p->doc.a_response_seen) {
      p->doc.a_response_seen = 1;
      position(p, &p->doc.account_line, &p->doc.account_column);
    }
    break;
  case ROLE_ACCOUNT:
    if (!p->doc.account_seen) {
      p->doc.account_seen = 1;
      position(p, &p->doc.account_line, &p->doc.account_column);
    }
    break;
  case ROLE_PROTOCOL:
    new_protocol(p, atts);
    break;
  case ROLE_TYPE:
    if (!current_proto(p)->type_from_child) {
      current_proto(p)->type_from_child = 1;
      start_capture(p, role);
      current_proto(p)->type_line = p->cap_line;
      current_proto(p)->type_column = p->cap_column;
    }
    break;
  case ROLE_SERVERVERSION:
    if (!current_proto(p)->sv_seen) {
      current_proto(p)->sv_seen = 1;
      start_capture(p, role);
      current_proto(p)->sv_line = p->cap_line;
      current_proto(p)->sv_column = p->cap_column;
    }
    break;
  case ROLE_AUTHPACKAGE:
    if (current_proto(p)->ap_seen) {
      /* [VAL-8]: the loser is skipped whole, children and all. */
      unsigned long l, c;
      position(p, &l, &c);
      if (px_add_finding(p->res, POXAUTH_F_VALUE_DUPLICATE, p->proto, l, c,
                         POXAUTH_VALUE_ABSENT) != 0)
        out_of_memory(p);
      p->roles[p->depth] = ROLE_OTHER;
    } else {
      current_proto(p)->ap_seen = 1;
      p->ap_children_seen = 0;
      start_capture(p, role);
      current_proto(p)->ap_line = p->cap_line;
      current_proto(p)->ap_column = p->cap_column;
    }
    break;
  case ROLE_AP_INNER:
    if (!p->ap_children_seen) {
      unsigned long l, c;
      p->ap_children_seen = 1;
      position(p, &l, &c);
      if (px_add_finding(p->res, POXAUTH_F_VALUE_CHILDREN, p->proto, l, c,
                         POXAUTH_VALUE_ABSENT) != 0)
        out_of_memory(p);
    }
    break;
  case ROLE_ACTION:
    if (!p->doc.action_seen) {
      p->doc.action_seen = 1;
      start_capture(p, role);
      p->doc.action_line = p->cap_line;
      p->doc.action_column = p->cap_column;
    }
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
        p->depth == p->first_error_depth + 1) {
      p->error_code_done = 1;
      start_capture(p, role);
    }
    break;
  default:
    break;
  }
}

/* Keep the captured text of the element that just ended. */
static void
end_capture(poxauth_parser *p) {
  const char *t = p->text ? p->text : "";
  size_t n = p->text_len;
  poxauth_result *r = p->res;
  enum role role = p->cap_role;
  p->cap_role = ROLE_NONE;
  XML_SetCharacterDataHandler(p->xp, NULL);
  if (role == ROLE_AUTHPACKAGE) {
    proto_rec *pr = current_proto(p);
    pr->raw_buf = px_strndup(&p->mem, t, n);
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
    pr->type_buf = px_strndup(&p->mem, t, n);
    pr->pub.type = pr->type_buf;
    pr->pub.type_len = n;
    if (!pr->type_buf)
      out_of_memory(p);
  } else if (role == ROLE_ACTION) {
    p->doc.action = px_strndup(&p->mem, t, n);
    p->doc.action_len = n;
    if (!p->doc.action)
      out_of_memory(p);
  } else if (role == ROLE_ERRORCODE && n > 0) {
    r->error_code = px_strndup(&p->mem, t, n);
    r->error_code_len = n;
    if (!r->error_code)
      out_of_memory(p);
  }
}

static void XMLCALL
on_end(void *ud, const XML_Char *name) {
  poxauth_parser *p = (poxauth_parser *)ud;
  enum role role;
  (void)name;
  if (p->phase != PHASE_FEEDING || text_limit_due(p))
    return;
  role =
      (enum role)p->roles[p->depth < ROLE_LEVELS ? p->depth : ROLE_LEVELS - 1];
  if (p->cap_role != ROLE_NONE && p->depth == p->cap_depth)
    end_capture(p);
  if ((role == ROLE_ERROR_R || role == ROLE_ERROR_A) &&
      p->depth == p->first_error_depth)
    p->first_error_closed = 1;
  p->depth--;
}

/* [REJ-3]: expat reports the DOCTYPE before it reads any declaration in
 * it, so stopping here means no entity is ever defined or expanded. */
static void XMLCALL
on_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
           const XML_Char *pubid, int has_internal_subset) {
  poxauth_parser *p = (poxauth_parser *)ud;
  (void)name;
  (void)sysid;
  (void)pubid;
  (void)has_internal_subset;
  if (p->phase == PHASE_FEEDING)
    reject_here(p, POXAUTH_REJECT_DOCTYPE, POXAUTH_LIMIT_NONE,
                "a DOCTYPE is never processed");
}

/* Belt and braces: should expat ever report an entity declaration without
 * a DOCTYPE event first, it is rejected the same way. */
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

void
poxauth_options_init(poxauth_options *opts) {
  if (opts)
    memset(opts, 0, sizeof *opts);
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
  if (err)
    *err = NULL;
  if (!out) {
    if (err)
      *err = "out is NULL";
    return POXAUTH_ERR_ARGUMENT;
  }
  *out = NULL;
  if (opts)
    o = *opts;
  else
    poxauth_options_init(&o);
  if (o.profile != POXAUTH_PROFILE_POX &&
      o.profile != POXAUTH_PROFILE_OXDSCLI) {
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
  XML_SetStartDoctypeDeclHandler(p->xp, on_doctype);
  XML_SetEntityDeclHandler(p->xp, on_entity_decl);
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
      px_result_reject(p->res, POXAUTH_REJECT_LIMIT, POXAUTH_LIMIT_INPUT_BYTES,
                       line, col, "the input is longer than max_input_bytes");
      p->phase = PHASE_STOPPED;
    }
    return;
  }
  p->phase = PHASE_STOPPED;
  e = XML_GetErrorCode(p->xp);
  if (p->res->rejected || e == XML_ERROR_ABORTED)
    return; /* a handler rejected first */
  position(p, &line, &col);
  if (over_limit && is_truncation(e))
    px_result_reject(p->res, POXAUTH_REJECT_LIMIT, POXAUTH_LIMIT_INPUT_BYTES,
                     line, col, "the input is longer than max_input_bytes");
  else
    px_result_reject(p->res, class_of(e), POXAUTH_LIMIT_NONE, line, col,
                     XML_ErrorString(e));
  if (e == XML_ERROR_NO_MEMORY)
    p->nomem = 1;
}

/* Parse the block being filled, if any. */
static void
flush(poxauth_parser *p, int final, int over_limit) {
  enum XML_Status st;
  if (p->block) {
    size_t n = p->block_len;
    if (final && n == p->fed && plain_ascii(p->block, n))
      p->whole = p->block; /* the whole document, and expat keeps it */
    p->block = NULL;
    p->block_len = 0;
    st = XML_ParseBuffer(p->xp, (int)n, final);
  } else {
    st = XML_Parse(p->xp, NULL, 0, final);
  }
  settle(p, st, over_limit);
}

/* Copy n more bytes of input into expat's buffer, parsing each block as
 * it fills. */
static void
push(poxauth_parser *p, const char *data, size_t n) {
  while (n > 0 && p->phase == PHASE_FEEDING) {
    size_t k;
    if (!p->block) {
      p->block = (char *)XML_GetBuffer(p->xp, BLOCK_BYTES);
      if (!p->block) {
        settle(p, XML_STATUS_ERROR, 0);
        return;
      }
    }
    k = BLOCK_BYTES - p->block_len;
    if (k > n)
      k = n;
    memcpy(p->block + p->block_len, data, k);
    p->block_len += k;
    data += k;
    n -= k;
    if (p->block_len == BLOCK_BYTES)
      flush(p, 0, 0);
  }
}

poxauth_status
poxauth_parser_feed(poxauth_parser *p, const void *data, size_t len) {
  size_t room, take;
  if (!p || (!data && len))
    return POXAUTH_ERR_ARGUMENT;
  if (p->phase == PHASE_FINISHED)
    return POXAUTH_ERR_STATE;
  if (p->phase == PHASE_STOPPED)
    return p->nomem ? POXAUTH_ERR_NOMEM : POXAUTH_REJECTED;
  if (len == 0)
    return POXAUTH_OK;
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
  if (r->nomem_line)
    px_result_reject(r, POXAUTH_REJECT_NOMEM, POXAUTH_LIMIT_NONE, r->nomem_line,
                     r->nomem_column,
                     "out of memory storing the finding seen here, while "
                     "applying the rules after the end of the document");
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
  if (p->xp)
    XML_ParserFree(p->xp);
  poxauth_result_free(p->res);
  px_free(&mem, p->text);
  px_free(&mem, p->doc.action);
  px_free(&mem, p);
}

poxauth_status
poxauth_parse(const poxauth_options *opts, const void *data, size_t len,
              poxauth_result **out, const char **err) {
  poxauth_parser *p;
  poxauth_status st;
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
  st = poxauth_parser_create(opts, &p, err);
  if (st != POXAUTH_OK)
    return st;
  st = poxauth_parser_feed(p, data, len);
  if (st == POXAUTH_OK || st == POXAUTH_REJECTED || st == POXAUTH_ERR_NOMEM)
    st = poxauth_parser_finish(p, out);
  poxauth_parser_destroy(p);
  return st;
}

const char *
poxauth_expat_version(void) {
  return XML_ExpatVersion();
}
