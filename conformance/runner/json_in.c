/* SPDX-License-Identifier: MIT */
/*
 * Reading a --json report back (--html-from-json): a small JSON reader
 * without recursion (an explicit stack, bounded depth), then the report's
 * cases, implementations and runs put back into a run_config.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runner.h"

#define JSON_MAX_DEPTH 16

typedef enum jtype {
  J_OBJ,
  J_ARR,
  J_STR,
  J_NUM,
  J_TRUE,
  J_FALSE,
  J_NULL
} jtype;

typedef struct jnode {
  jtype type;
  char *key; /* member name inside an object */
  char *str; /* J_STR: decoded text; J_NUM: the digits */
  size_t len;
  long first, next, last; /* children and siblings, -1: none */
} jnode;

typedef struct jdoc {
  jnode *n;
  size_t count, cap;
} jdoc;

static long
new_node(jdoc *d, jtype t, long parent, char *key) {
  jnode *x;
  if (d->count == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 1024;
    d->n = xrealloc(d->n, d->cap * sizeof *d->n);
  }
  x = &d->n[d->count];
  memset(x, 0, sizeof *x);
  x->type = t;
  x->key = key;
  x->first = x->next = x->last = -1;
  if (parent >= 0) {
    jnode *p = &d->n[parent];
    if (p->last >= 0)
      d->n[p->last].next = (long)d->count;
    else
      p->first = (long)d->count;
    p->last = (long)d->count;
  }
  return (long)d->count++;
}

static void
put_utf8(sbuf *b, unsigned long c) {
  char u[4];
  size_t n;
  if (c < 0x80) {
    u[0] = (char)c;
    n = 1;
  } else if (c < 0x800) {
    u[0] = (char)(0xC0 | (c >> 6));
    u[1] = (char)(0x80 | (c & 0x3F));
    n = 2;
  } else if (c < 0x10000) {
    u[0] = (char)(0xE0 | (c >> 12));
    u[1] = (char)(0x80 | ((c >> 6) & 0x3F));
    u[2] = (char)(0x80 | (c & 0x3F));
    n = 3;
  } else {
    u[0] = (char)(0xF0 | (c >> 18));
    u[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    u[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    u[3] = (char)(0x80 | (c & 0x3F));
    n = 4;
  }
  sb_add(b, u, n);
}

static int
hex4(const char *p, const char *end, unsigned long *v) {
  int i;
  *v = 0;
  if (end - p < 4)
    return -1;
  for (i = 0; i < 4; i++) {
    char c = p[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0)
      return -1;
    *v = *v * 16 + (unsigned long)d;
  }
  return 0;
}

/* A string at *pp (on the opening quote); the decoded text, or NULL. */
static char *
read_string(const char **pp, const char *end, size_t *len) {
  const char *p = *pp + 1;
  sbuf b = {0};
  sb_add(&b, "", 0);
  while (p < end && *p != '"') {
    unsigned long c;
    if ((unsigned char)*p < 0x20)
      goto bad;
    if (*p != '\\') {
      sb_add(&b, p++, 1);
      continue;
    }
    if (++p == end)
      goto bad;
    switch (*p) {
    case 'n':
      c = '\n';
      break;
    case 't':
      c = '\t';
      break;
    case 'r':
      c = '\r';
      break;
    case 'b':
      c = '\b';
      break;
    case 'f':
      c = '\f';
      break;
    case 'u':
      if (hex4(p + 1, end, &c) != 0)
        goto bad;
      p += 4;
      if (c >= 0xD800 && c < 0xDC00 && end - p > 6 && p[1] == '\\' &&
          p[2] == 'u') {
        unsigned long lo;
        if (hex4(p + 3, end, &lo) == 0 && lo >= 0xDC00 && lo < 0xE000) {
          c = 0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00);
          p += 6;
        }
      }
      break;
    case '"':
    case '\\':
    case '/':
      c = (unsigned char)*p;
      break;
    default:
      goto bad;
    }
    put_utf8(&b, c);
    p++;
  }
  if (p == end)
    goto bad;
  *pp = p + 1;
  *len = b.len;
  return b.p;
bad:
  sb_free(&b);
  return NULL;
}

static const char *
skip_ws(const char *p, const char *end) {
  while (p < end && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t'))
    p++;
  return p;
}

/* One scalar or the opening of a container, as a child of parent. */
static int
read_value(jdoc *d, const char **pp, const char *end, long parent, char *key,
           long *made) {
  const char *p = *pp;
  static const char *const words[] = {"true", "false", "null"};
  static const jtype wt[] = {J_TRUE, J_FALSE, J_NULL};
  size_t i;
  if (*p == '{' || *p == '[') {
    *made = new_node(d, *p == '{' ? J_OBJ : J_ARR, parent, key);
    *pp = p + 1;
    return 0;
  }
  if (*p == '"') {
    size_t len;
    char *s = read_string(&p, end, &len);
    if (s == NULL) {
      free(key);
      return -1;
    }
    *made = new_node(d, J_STR, parent, key);
    d->n[*made].str = s;
    d->n[*made].len = len;
    *pp = p;
    return 0;
  }
  for (i = 0; i < 3; i++) {
    size_t n = strlen(words[i]);
    if ((size_t)(end - p) >= n && memcmp(p, words[i], n) == 0) {
      *made = new_node(d, wt[i], parent, key);
      *pp = p + n;
      return 0;
    }
  }
  if (*p == '-' || (*p >= '0' && *p <= '9')) {
    const char *q = p;
    while (q < end && strchr("+-.eE0123456789", *q))
      q++;
    *made = new_node(d, J_NUM, parent, key);
    d->n[*made].str = xstrndup(p, (size_t)(q - p));
    *pp = q;
    return 0;
  }
  free(key);
  return -1;
}

static void
json_free(jdoc *d) {
  size_t i;
  for (i = 0; i < d->count; i++) {
    free(d->n[i].key);
    free(d->n[i].str);
  }
  free(d->n);
  d->n = NULL;
  d->count = d->cap = 0;
}

/* Parses text into d; the root is node 0. */
static int
json_parse(jdoc *d, const char *text, size_t len) {
  const char *p = text, *end = text + len;
  long stack[JSON_MAX_DEPTH];
  int depth = 0, want_value = 1;
  for (;;) {
    long top = depth ? stack[depth - 1] : -1, made;
    char *key = NULL;
    p = skip_ws(p, end);
    if (!want_value && depth == 0)
      return p == end ? 0 : -1; /* the root is complete */
    if (p == end)
      return -1;
    if (!want_value) {
      /* After a value: a comma, or the end of the container. */
      if (*p == (d->n[top].type == J_OBJ ? '}' : ']')) {
        depth--;
        p++;
        continue;
      }
      if (*p != ',')
        return -1;
      p = skip_ws(p + 1, end);
    } else if (top >= 0 && d->n[top].first < 0 &&
               *p == (d->n[top].type == J_OBJ ? '}' : ']')) {
      depth--; /* an empty container */
      p++;
      want_value = 0;
      continue;
    }
    if (top >= 0 && d->n[top].type == J_OBJ) {
      size_t klen;
      if (p == end || *p != '"' || (key = read_string(&p, end, &klen)) == NULL)
        return -1;
      p = skip_ws(p, end);
      if (p == end || *p != ':') {
        free(key);
        return -1;
      }
      p = skip_ws(p + 1, end);
      if (p == end) {
        free(key);
        return -1;
      }
    }
    if (read_value(d, &p, end, top, key, &made) != 0)
      return -1;
    want_value = 0;
    if (d->n[made].type == J_OBJ || d->n[made].type == J_ARR) {
      if (depth == JSON_MAX_DEPTH)
        return -1;
      stack[depth++] = made;
      want_value = 1;
    }
  }
}

static const jnode *
member(const jdoc *d, const jnode *obj, const char *key) {
  long i;
  if (obj == NULL || obj->type != J_OBJ)
    return NULL;
  for (i = obj->first; i >= 0; i = d->n[i].next)
    if (d->n[i].key && strcmp(d->n[i].key, key) == 0)
      return &d->n[i];
  return NULL;
}

static const char *
str_of(const jdoc *d, const jnode *obj, const char *key) {
  const jnode *m = member(d, obj, key);
  return m && m->type == J_STR ? m->str : NULL;
}

static long
num_of(const jdoc *d, const jnode *obj, const char *key) {
  const jnode *m = member(d, obj, key);
  return m && m->type == J_NUM ? strtol(m->str, NULL, 10) : 0;
}

static int
name_index(const char *const *names, int n, const char *s) {
  int i;
  for (i = 0; s && i < n; i++)
    if (strcmp(names[i], s) == 0)
      return i;
  return -1;
}

static void
load_words(const jdoc *d, const jnode *arr, char **out, size_t *n) {
  long i;
  *n = 0;
  for (i = arr && arr->type == J_ARR ? arr->first : -1; i >= 0 && *n < MAX_LIST;
       i = d->n[i].next)
    if (d->n[i].type == J_STR)
      out[(*n)++] = xstrdup(d->n[i].str);
}

static int
load_cases(const jdoc *d, const jnode *root, run_config *cfg) {
  const jnode *arr = member(d, root, "cases");
  long i;
  size_t k = 0;
  if (arr == NULL || arr->type != J_ARR)
    return -1;
  for (i = arr->first; i >= 0; i = d->n[i].next)
    k++;
  cfg->cases = xmalloc((k ? k : 1) * sizeof *cfg->cases);
  memset(cfg->cases, 0, (k ? k : 1) * sizeof *cfg->cases);
  for (i = arr->first, k = 0; i >= 0; i = d->n[i].next, k++) {
    const jnode *o = &d->n[i];
    conf_case *c = &cfg->cases[k];
    const char *id = str_of(d, o, "id"), *cls = str_of(d, o, "class");
    int p;
    if (id == NULL)
      return -1;
    cfg->ncases = k + 1; /* freed by cases_free even when a later one fails */
    c->id = xstrdup(id);
    c->title = xstrdup(str_of(d, o, "title") ? str_of(d, o, "title") : "");
    c->dir = xstrdup(str_of(d, o, "dir") ? str_of(d, o, "dir") : id);
    c->response_name = xstrdup("response.xml");
    c->may = cls && strcmp(cls, "may") == 0;
    load_words(d, member(d, o, "rules"), c->rules, &c->nrules);
    load_words(d, member(d, o, "tags"), c->tags, &c->ntags);
    for (p = 0; p < NPROFILES; p++)
      c->expect[p] = xstrdup("");
    c->accept[0] = xstrdup("");
    c->naccept = 1;
  }
  cfg->ncases = k;
  return 0;
}

static size_t
case_index(const run_config *cfg, const char *id) {
  size_t i;
  for (i = 0; id && i < cfg->ncases; i++)
    if (strcmp(cfg->cases[i].id, id) == 0)
      return i;
  return (size_t)-1;
}

static size_t
impl_index(const run_config *cfg, const char *name) {
  size_t i;
  for (i = 0; name && i < cfg->nimpls; i++)
    if (strcmp(cfg->impls[i].name, name) == 0)
      return i;
  return (size_t)-1;
}

/* The expectation a failure carries becomes the case's, so the page can
 * show its diff. */
static void
keep_expected(conf_case *c, int p, const char *want) {
  char **slot = c->may ? &c->accept[0] : &c->expect[p];
  if (want == NULL || **slot)
    return;
  free(*slot);
  *slot = xstrdup(want);
  if (!c->may)
    c->expect_len[p] = strlen(want);
  else
    c->accept_len[0] = strlen(want);
}

static void
load_one(const jdoc *d, const jnode *o, run_config *cfg) {
  size_t ci = case_index(cfg, str_of(d, o, "id"));
  size_t ii = impl_index(cfg, str_of(d, o, "impl"));
  int p = profile_index(str_of(d, o, "profile") ? str_of(d, o, "profile") : "");
  int st = name_index(OUTCOME_NAMES, OUT_COUNT, str_of(d, o, "status"));
  int raw = name_index(OUTCOME_NAMES, OUT_COUNT, str_of(d, o, "raw"));
  int lv =
      name_index(LEVEL_NAMES, CANON_LEVEL_FULL + 1, str_of(d, o, "reached"));
  const char *got = str_of(d, o, "got"), *err = str_of(d, o, "stderr");
  const char *why = str_of(d, o, "why");
  run_result *r;
  if (ci == (size_t)-1 || ii == (size_t)-1 || p < 0 || st < 0)
    return;
  r = RESULT(cfg, ci, p, ii);
  r->o = (outcome)st;
  r->raw = raw < 0 ? r->o : (outcome)raw;
  r->reached = lv < 0 ? LEVEL_NONE : lv;
  r->exit_status = (int)num_of(d, o, "exit");
  if (why)
    snprintf(r->why, sizeof r->why, "%s", why);
  if (got) {
    r->got = xstrdup(got);
    r->got_len = strlen(got);
  }
  if (err)
    r->err = xstrdup(err);
  keep_expected(&cfg->cases[ci], p, str_of(d, o, "expected"));
}

static int
load_meta_fields(const jdoc *d, const jnode *root, run_config *cfg) {
  const jnode *arr = member(d, root, "profiles"), *sel;
  const char *lv = str_of(d, root, "level"), *cv;
  long i;
  int l = name_index(LEVEL_NAMES, CANON_LEVEL_FULL + 1, lv);
  if (num_of(d, root, "format") != 2 || arr == NULL || l < 1)
    return -1;
  cfg->level = l;
  for (i = arr->first; i >= 0; i = d->n[i].next) {
    int p = d->n[i].type == J_STR ? profile_index(d->n[i].str) : -1;
    if (p >= 0)
      cfg->profiles[p] = 1;
  }
  cv = str_of(d, root, "corpus_version");
  snprintf(cfg->corpus_version, sizeof cfg->corpus_version, "%s",
           cv ? cv : "?");
  cfg->runner_version = str_of(d, root, "runner_version");
  cfg->cases_dir = str_of(d, root, "cases_dir");
  cfg->interrupted = (int)num_of(d, root, "interrupted");
  sel = member(d, root, "selection");
  cfg->ncorpus = (size_t)num_of(d, sel, "corpus");
  for (arr = member(d, sel, "selectors"), i = arr ? arr->first : -1; i >= 0;
       i = d->n[i].next) {
    static const char *const kinds[] = {"run", "rule", "tag", "skip"};
    int k = name_index(kinds, 4, str_of(d, &d->n[i], "kind"));
    const char *v = str_of(d, &d->n[i], "value");
    if (k < 0 || v == NULL)
      continue;
    cfg->sel = xrealloc(cfg->sel, (cfg->nsel + 1) * sizeof *cfg->sel);
    cfg->sel[cfg->nsel].kind = (sel_kind)k;
    cfg->sel[cfg->nsel].text = xstrdup(v);
    cfg->sel[cfg->nsel].where = xstrdup("--json");
    cfg->nsel++;
  }
  return 0;
}

static int
load_impls(const jdoc *d, const jnode *root, run_config *cfg) {
  const jnode *arr = member(d, root, "implementations");
  long i;
  for (i = arr ? arr->first : -1; i >= 0 && cfg->nimpls < MAX_IMPLS;
       i = d->n[i].next) {
    const char *name = str_of(d, &d->n[i], "name");
    if (name == NULL)
      return -1;
    cfg->impls[cfg->nimpls].name = name;
    cfg->impls[cfg->nimpls].command = str_of(d, &d->n[i], "command");
    cfg->nimpls++;
  }
  return cfg->nimpls ? 0 : -1;
}

int
load_json_report(const char *path, run_config *cfg, void **storage) {
  jdoc *d = xmalloc(sizeof *d);
  char *text;
  size_t len, total;
  const jnode *res;
  long i;
  memset(d, 0, sizeof *d);
  *storage = d;
  if (read_file(path, 1024u * MAX_EXPECT_BYTES, &text, &len) != 0) {
    fprintf(stderr, "poxauth-conformance: cannot read the JSON report\n");
    return EX_NOINPUT;
  }
  if (json_parse(d, text, len) != 0 || d->count == 0 ||
      load_meta_fields(d, &d->n[0], cfg) != 0 ||
      load_impls(d, &d->n[0], cfg) != 0 || load_cases(d, &d->n[0], cfg) != 0) {
    free(text);
    fprintf(stderr, "poxauth-conformance: not a --json report of format 2\n");
    return EX_NOINPUT;
  }
  free(text);
  total = cfg->ncases * NPROFILES * cfg->nimpls;
  cfg->results = xmalloc((total ? total : 1) * sizeof *cfg->results);
  memset(cfg->results, 0, (total ? total : 1) * sizeof *cfg->results);
  for (i = 0; i < (long)total; i++)
    cfg->results[i].o = OUT_SKIP;
  res = member(d, &d->n[0], "results");
  for (i = res ? res->first : -1; i >= 0; i = d->n[i].next)
    load_one(d, &d->n[i], cfg);
  return 0;
}

void
free_loaded(void *storage) {
  if (storage) {
    json_free(storage);
    free(storage);
  }
}
