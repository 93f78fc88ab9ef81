/* SPDX-License-Identifier: MIT */
/*
 * Replay driver without a fuzzing engine: runs every file named on the
 * command line, and every regular file of every directory named (not
 * recursively, in byte order of the names), through LLVMFuzzerTestOneInput.
 * With no argument it reads one input from standard input.  Arguments
 * starting with '-' are ignored, so a libFuzzer command line works too.
 *
 * Each input is copied into a buffer of exactly its size, so that
 * AddressSanitizer sees a read one byte past the end.  Exit status: 0 when
 * every input ran (a broken invariant traps, a sanitizer aborts), 1 when an
 * input could not be read, 2 on bad usage.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int
read_all(FILE *f, uint8_t **out, size_t *len) {
  size_t cap = 4096, n = 0;
  uint8_t *buf = malloc(cap);
  if (buf == NULL)
    return -1;
  for (;;) {
    size_t got;
    if (n == cap) {
      uint8_t *nb = realloc(buf, cap * 2);
      if (nb == NULL) {
        free(buf);
        return -1;
      }
      buf = nb;
      cap *= 2;
    }
    got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0)
      break;
  }
  if (ferror(f)) {
    free(buf);
    return -1;
  }
  *out = buf;
  *len = n;
  return 0;
}

static int
run_one(const char *path, FILE *f) {
  uint8_t *buf = NULL, *exact;
  size_t len = 0;
  if (read_all(f, &buf, &len) != 0) {
    fprintf(stderr, "replay: cannot read %s: %s\n", path, strerror(errno));
    return 1;
  }
  /* Exactly len bytes (malloc(0) may return NULL: use 1 then). */
  exact = malloc(len ? len : 1);
  if (exact == NULL) {
    free(buf);
    return 1;
  }
  if (len)
    memcpy(exact, buf, len);
  free(buf);
  if (getenv("REPLAY_VERBOSE"))
    fprintf(stderr, "replay: %s (%zu bytes)\n", path, len);
  LLVMFuzzerTestOneInput(exact, len);
  free(exact);
  return 0;
}

static int
run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  int rc;
  if (f == NULL) {
    fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
    return 1;
  }
  rc = run_one(path, f);
  fclose(f);
  return rc;
}

static int
cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
run_dir(const char *dir, size_t *count) {
  DIR *d = opendir(dir);
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, cap = 0, i;
  int rc = 0;
  if (d == NULL) {
    fprintf(stderr, "replay: cannot open %s: %s\n", dir, strerror(errno));
    return 1;
  }
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue; /* ., .., and hidden files such as .gitkeep */
    if (n == cap) {
      char **nn = realloc(names, (cap ? cap * 2 : 64) * sizeof *names);
      if (nn == NULL)
        break;
      names = nn;
      cap = cap ? cap * 2 : 64;
    }
    names[n] = malloc(strlen(dir) + strlen(e->d_name) + 2);
    if (names[n] == NULL)
      break;
    sprintf(names[n], "%s/%s", dir, e->d_name);
    n++;
  }
  closedir(d);
  if (n)
    qsort(names, n, sizeof *names, cmp_names);
  for (i = 0; i < n; i++) {
    struct stat st;
    if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode)) {
      rc |= run_file(names[i]);
      (*count)++;
    }
    free(names[i]);
  }
  free(names);
  return rc;
}

int
main(int argc, char **argv) {
  int i, rc = 0, any = 0;
  size_t count = 0;
  if (LLVMFuzzerInitialize)
    LLVMFuzzerInitialize(&argc, &argv);
  for (i = 1; i < argc; i++) {
    struct stat st;
    if (argv[i][0] == '-')
      continue;
    any = 1;
    if (stat(argv[i], &st) != 0) {
      fprintf(stderr, "replay: cannot stat %s: %s\n", argv[i], strerror(errno));
      rc = 1;
    } else if (S_ISDIR(st.st_mode)) {
      rc |= run_dir(argv[i], &count);
    } else {
      rc |= run_file(argv[i]);
      count++;
    }
  }
  if (!any) {
    rc = run_one("<stdin>", stdin);
    count = 1;
  }
  fprintf(stderr, "replay: %zu input(s) run, %s\n", count,
          rc ? "some could not be read" : "all passed");
  return rc;
}
