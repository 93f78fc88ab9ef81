/* SPDX-License-Identifier: MIT */
/*
 * AFL++ driver: persistent mode with shared-memory test cases, deferred
 * fork server, around LLVMFuzzerTestOneInput.  Built with afl-clang-fast
 * (ci/fuzz-build.sh afl, afl-asan, afl-cmplog).  Outside afl-fuzz (or when
 * compiled without afl-cc) it reads one input from stdin, or runs the files
 * named on the command line, so a crash found by AFL++ reproduces with
 * `./poxauth_fuzzer < crash` or `./poxauth_fuzzer crash`.
 *
 * Each test case is copied into a heap buffer of exactly its size so that
 * AddressSanitizer catches a read past the end.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __AFL_FUZZ_TESTCASE_LEN
#include <unistd.h> /* read(), used by the __AFL_FUZZ_TESTCASE_LEN macro */
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
run_copy(const uint8_t *data, size_t len) {
  uint8_t *exact = malloc(len ? len : 1);
  if (exact == NULL)
    abort();
  if (len)
    memcpy(exact, data, len);
  LLVMFuzzerTestOneInput(exact, len);
  free(exact);
}

static int
run_stream(FILE *f) {
  size_t cap = 1 << 16, n = 0, got;
  uint8_t *buf = malloc(cap);
  if (buf == NULL)
    return 1;
  while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      uint8_t *nb = realloc(buf, cap * 2);
      if (nb == NULL) {
        free(buf);
        return 1;
      }
      buf = nb;
      cap *= 2;
    }
  }
  run_copy(buf, n);
  free(buf);
  return 0;
}

#ifdef __AFL_FUZZ_TESTCASE_LEN
__AFL_FUZZ_INIT() /* the macro brings its own semicolon */
#endif

/* Run each file named on the command line once. */
static int
replay_files(int argc, char **argv) {
  int i, rc = 0;
  for (i = 1; i < argc; i++) {
    FILE *f = fopen(argv[i], "rb");
    if (f == NULL) {
      perror(argv[i]);
      rc = 1;
      continue;
    }
    rc |= run_stream(f);
    fclose(f);
  }
  return rc;
}

int
main(int argc, char **argv) {
#ifdef __AFL_FUZZ_TESTCASE_LEN
  unsigned char *buf;
  if (argc > 1 && getenv("__AFL_SHM_ID") == NULL)
    return replay_files(argc, argv); /* by hand with file arguments */
    /* Under afl-fuzz: persistent + shmem.  Launched by hand (no
     * __AFL_SHM_FUZZ_ID in the environment), the AFL macros fall back to
     * reading stdin once, so running it by hand still works. */
#ifdef __AFL_HAVE_MANUAL_CONTROL
  __AFL_INIT();
#endif
  buf = __AFL_FUZZ_TESTCASE_BUF; /* after __AFL_INIT */
  while (__AFL_LOOP(100000)) {
    run_copy(buf, (size_t)__AFL_FUZZ_TESTCASE_LEN);
  }
  return 0;
#else
  if (argc < 2)
    return run_stream(stdin);
  return replay_files(argc, argv);
#endif
}
