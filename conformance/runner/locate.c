/* SPDX-License-Identifier: MIT */
/*
 * Where the corpus is, found from the executable itself so that an
 * installed runner keeps working when its prefix moves: first the data
 * directory relative to the executable (bin/../share/poxauth/conformance),
 * then, in a build tree, the source directory named by the file CMake
 * writes next to the executable (never installed).
 */
#define _XOPEN_SOURCE 700
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner.h"

#ifndef CONFORMANCE_DATA_FROM_BIN
#define CONFORMANCE_DATA_FROM_BIN "../share/poxauth/conformance"
#endif
#define TREE_FILE "poxauth-conformance.tree"

static int
is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The directory of the running executable, or NULL. */
static char *
exe_dir(void) {
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  char *slash;
  if (n <= 0 || (size_t)n >= sizeof buf - 1)
    return NULL;
  buf[n] = '\0';
  slash = strrchr(buf, '/');
  if (slash == NULL)
    return NULL;
  *slash = '\0';
  return xstrdup(buf);
}

/* The first line of the build tree's marker file, or NULL. */
static char *
tree_dir(const char *dir) {
  char *path = path_join(dir, TREE_FILE), *text = NULL, *nl;
  size_t len;
  int rc = read_file(path, 4096, &text, &len);
  free(path);
  if (rc != 0)
    return NULL;
  nl = strchr(text, '\n');
  if (nl)
    *nl = '\0';
  if (*text == '\0') {
    free(text);
    return NULL;
  }
  return text;
}

char *
locate_cases(void) {
  char *dir = exe_dir(), *data, *cases, *tree;
  if (dir == NULL)
    return NULL;
  data = path_join(dir, CONFORMANCE_DATA_FROM_BIN);
  cases = path_join(data, "cases");
  free(data);
  if (is_dir(cases)) {
    char *real = realpath(cases, NULL); /* without the bin/.. */
    free(dir);
    if (real) {
      free(cases);
      return real;
    }
    return cases;
  }
  free(cases);
  tree = tree_dir(dir);
  free(dir);
  if (tree == NULL)
    return NULL;
  cases = path_join(tree, "cases");
  free(tree);
  if (is_dir(cases))
    return cases;
  free(cases);
  return NULL;
}

static char *
beside(const char *cases_dir, const char *name) {
  char *up = path_join(cases_dir, ".."), *p = path_join(up, name);
  free(up);
  return p;
}

char *
locate_spec(const char *cases_dir) {
  return beside(cases_dir, "SPEC.md");
}

int
manifest_version(const char *cases_dir, char *out, size_t cap) {
  static const char key[] = "# corpus-version ";
  char *path = beside(cases_dir, "MANIFEST"), *text, *line;
  size_t len;
  int rc = read_file(path, MAX_EXPECT_BYTES, &text, &len), found = -1;
  free(path);
  if (rc != 0)
    return -1;
  for (line = text; line && *line; line = strchr(line, '\n')) {
    if (*line == '\n')
      line++;
    if (strncmp(line, key, sizeof key - 1) == 0) {
      size_t n = strcspn(line + sizeof key - 1, "\n");
      snprintf(out, cap, "%.*s", (int)n, line + sizeof key - 1);
      found = 0;
      break;
    }
  }
  free(text);
  return found;
}
