/* SPDX-License-Identifier: MIT */
/* Loading the case directories of conformance/cases (README.md, "Case
 * layout").  Two directory levels, read with opendir: no recursion. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "runner.h"

static int
is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int
exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

static int
cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted names of the entries of dir (no dot entries). */
static char **
list_dir(const char *dir, size_t *n) {
  DIR *d = opendir(dir);
  struct dirent *e;
  char **names = NULL;
  size_t k = 0, cap = 0;
  *n = 0;
  if (d == NULL)
    return NULL;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    if (k == cap) {
      cap = cap ? cap * 2 : 64;
      names = xrealloc(names, cap * sizeof *names);
    }
    names[k++] = xstrdup(e->d_name);
  }
  closedir(d);
  if (k > 1)
    qsort(names, k, sizeof *names, cmp_str);
  *n = k;
  return names;
}

static void
free_list(char **names, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    free(names[i]);
  free(names);
}

/* Split a list value on spaces into out[] (bounded by MAX_LIST). */
static int
add_words(const char *v, char **out, size_t *n) {
  while (*v) {
    const char *e;
    while (*v == ' ')
      v++;
    if (!*v)
      break;
    e = strchr(v, ' ');
    if (e == NULL)
      e = v + strlen(v);
    if (*n == MAX_LIST)
      return -1;
    out[(*n)++] = xstrndup(v, (size_t)(e - v));
    v = e;
  }
  return 0;
}

static int
load_meta(conf_case *c, const char *path) {
  char *text, *line;
  size_t len;
  unsigned long lineno = 0;
  if (read_file(path, MAX_META_BYTES, &text, &len) != 0) {
    fprintf(stderr, "%s: cannot read (or larger than %u bytes)\n", path,
            MAX_META_BYTES);
    return -1;
  }
  if (memchr(text, '\0', len) != NULL) {
    fprintf(stderr, "%s: NUL byte\n", path);
    free(text);
    return -1;
  }
  line = text;
  while (*line) {
    char *nl = strchr(line, '\n'), *sp;
    const char *val;
    lineno++;
    if (nl)
      *nl = '\0';
    if (nl > line && nl[-1] == '\r')
      nl[-1] = '\0';
    sp = strchr(line, ' ');
    val = sp ? sp + 1 : "";
    if (sp)
      *sp = '\0';
    if (line[0] == '\0' || line[0] == '#') {
      /* blank or comment */
    } else if (strcmp(line, "title") == 0 && !c->title) {
      c->title = xstrdup(val);
    } else if (strcmp(line, "source") == 0 && !c->source) {
      c->source = xstrdup(val);
    } else if (strcmp(line, "response") == 0 && !c->response_name && *val &&
               !strchr(val, '/')) {
      c->response_name = xstrdup(val);
    } else if (strcmp(line, "class") == 0 &&
               (strcmp(val, "must") == 0 || strcmp(val, "may") == 0)) {
      c->may = val[1] == 'a';
    } else if (strcmp(line, "rules") == 0) {
      if (add_words(val, c->rules, &c->nrules) != 0)
        goto bad;
    } else if (strcmp(line, "tags") == 0) {
      if (add_words(val, c->tags, &c->ntags) != 0)
        goto bad;
    } else if (strcmp(line, "can-handle") == 0 ||
               strcmp(line, "can-handle-empty") == 0) {
      if (c->ncan_handle == MAX_LIST || (line[10] == '-' && sp))
        goto bad;
      /* The value is the rest of the line, spaces included. */
      c->can_handle[c->ncan_handle++] = xstrdup(line[10] == '-' ? "" : val);
      c->header_present = 1;
    } else if (strcmp(line, "server-build") == 0 && !c->server_build && *val) {
      c->server_build = xstrdup(val);
    } else {
      goto bad;
    }
    if (!nl)
      break;
    line = nl + 1;
  }
  free(text);
  return 0;
bad:
  fprintf(stderr, "%s:%lu: unknown, repeated or malformed line\n", path,
          lineno);
  free(text);
  return -1;
}

static int
load_text(const char *dir, const char *name, char **out, size_t *len) {
  char *p = path_join(dir, name);
  int rc = read_file(p, MAX_EXPECT_BYTES, out, len);
  if (rc == -2)
    fprintf(stderr, "%s: larger than %u bytes\n", p, MAX_EXPECT_BYTES);
  free(p);
  return rc;
}

static int
load_case(conf_case *c, const char *dir) {
  char *p = path_join(dir, "case.txt"), *resp;
  int rc = load_meta(c, p), i;
  free(p);
  if (rc != 0)
    return -1;
  if (!c->title || !c->source || c->nrules == 0) {
    fprintf(stderr, "%s: case.txt needs title, source and rules\n", dir);
    return -1;
  }
  if (!c->response_name)
    c->response_name = xstrdup("response.xml");
  resp = path_join(dir, c->response_name);
  rc = read_file(resp, MAX_RESPONSE_BYTES, (char **)&c->response,
                 &c->response_len);
  free(resp);
  if (rc != 0) {
    fprintf(stderr, "%s: cannot read %s\n", dir, c->response_name);
    return -1;
  }
  if (c->may) {
    for (;;) {
      char name[32];
      snprintf(name, sizeof name, "accept.%lu", (unsigned long)c->naccept + 1);
      if (c->naccept == MAX_LIST)
        break;
      if (load_text(dir, name, &c->accept[c->naccept],
                    &c->accept_len[c->naccept]) != 0)
        break;
      c->naccept++;
    }
    if (c->naccept == 0) {
      fprintf(stderr, "%s: a may case needs accept.1\n", dir);
      return -1;
    }
    return 0;
  }
  if (load_text(dir, "expect", &c->expect[0], &c->expect_len[0]) == 0) {
    for (i = 1; i < NPROFILES; i++) {
      c->expect[i] = xstrndup(c->expect[0], c->expect_len[0]);
      c->expect_len[i] = c->expect_len[0];
    }
    return 0;
  }
  for (i = 0; i < NPROFILES; i++) {
    char name[32];
    snprintf(name, sizeof name, "expect.%s", PROFILE_NAMES[i]);
    if (load_text(dir, name, &c->expect[i], &c->expect_len[i]) != 0) {
      fprintf(stderr, "%s: needs expect, or %s\n", dir, name);
      return -1;
    }
  }
  return 0;
}

int
cases_load(const char *root, conf_case **out, size_t *n) {
  size_t ng, g, k = 0, cap = 0;
  char **groups = list_dir(root, &ng);
  conf_case *cases = NULL;
  int bad = 0;
  if (groups == NULL) {
    fprintf(stderr, "poxauth-conformance: cannot read cases directory %s\n",
            root);
    return -1;
  }
  for (g = 0; g < ng; g++) {
    char *gdir = path_join(root, groups[g]);
    size_t ns, s;
    char **slugs = is_dir(gdir) ? list_dir(gdir, &ns) : NULL;
    for (s = 0; slugs && s < ns; s++) {
      char *sdir = path_join(gdir, slugs[s]),
           *meta = path_join(sdir, "case.txt");
      if (is_dir(sdir) && exists(meta)) {
        conf_case *c;
        if (k == cap) {
          cap = cap ? cap * 2 : 256;
          cases = xrealloc(cases, cap * sizeof *cases);
        }
        c = &cases[k];
        memset(c, 0, sizeof *c);
        c->dir = sdir;
        c->id = xmalloc(strlen(groups[g]) + strlen(slugs[s]) + 2);
        sprintf(c->id, "%s/%s", groups[g], slugs[s]);
        sdir = NULL;
        k++;
        if (load_case(c, c->dir) != 0)
          bad = 1;
      }
      free(sdir);
      free(meta);
    }
    if (slugs)
      free_list(slugs, ns);
    free(gdir);
  }
  free_list(groups, ng);
  *out = cases;
  *n = k;
  return bad ? -1 : 0;
}

void
cases_free(conf_case *cs, size_t n) {
  size_t i, j;
  for (i = 0; i < n; i++) {
    conf_case *c = &cs[i];
    free(c->id);
    free(c->dir);
    free(c->title);
    free(c->source);
    free(c->response_name);
    for (j = 0; j < c->nrules; j++)
      free(c->rules[j]);
    for (j = 0; j < c->ntags; j++)
      free(c->tags[j]);
    for (j = 0; j < c->ncan_handle; j++)
      free(c->can_handle[j]);
    free(c->server_build);
    free(c->response);
    for (j = 0; j < NPROFILES; j++)
      free(c->expect[j]);
    for (j = 0; j < c->naccept; j++)
      free(c->accept[j]);
  }
  free(cs);
}

int
case_has_rule(const conf_case *c, const char *rule) {
  size_t i;
  for (i = 0; i < c->nrules; i++)
    if (strcmp(c->rules[i], rule) == 0)
      return 1;
  return 0;
}
