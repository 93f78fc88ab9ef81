/* SPDX-License-Identifier: MIT */
/*
 * A deliberately broken implementation, for testing the runner: each mode
 * (argv[1]) misbehaves in one way that the runner must count as a failure,
 * a crash or a timeout.  The context options after it are ignored.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static void
drain_stdin(void) {
  char buf[4096];
  while (fread(buf, 1, sizeof buf, stdin) > 0) {
  }
}

static void
sleep_forever(void) {
  for (;;)
    pause();
}

/* Writes this process's id into $FAKE_PIDDIR, so that a test can check
 * that the runner left nothing behind. */
static void
note_pid(void) {
  const char *dir = getenv("FAKE_PIDDIR");
  char path[4096];
  FILE *f;
  if (dir == NULL)
    return;
  snprintf(path, sizeof path, "%s/%ld", dir, (long)getpid());
  f = fopen(path, "w");
  if (f)
    fclose(f);
}

/* A grandchild in the adapter's process group that outlives it, with its
 * output closed so that the answer itself ends normally. */
static void
background_child(void) {
  int ready[2];
  char c;
  pid_t pid;
  if (pipe(ready) != 0)
    return;
  pid = fork();
  if (pid == 0) {
    close(0);
    close(1);
    close(2);
    close(ready[0]);
    note_pid();
    close(ready[1]); /* the parent answers once the pid is written */
    sleep_forever();
  }
  close(ready[1]);
  while (pid > 0 && read(ready[0], &c, 1) > 0) {
  }
  close(ready[0]);
}

int
main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  static const char wrong[] = "poxauth-canonical 1\nkind redirectAddr\nend\n";
  static const char good[] = "poxauth-canonical 1\nkind settings\nend\n";
  note_pid();
  if (strcmp(mode, "hang") == 0)
    sleep_forever(); /* without reading stdin: the runner must not block */
  drain_stdin();
  if (strcmp(mode, "silent") == 0)
    return 0;
  if (strcmp(mode, "crash") == 0)
    raise(SIGSEGV);
  if (strcmp(mode, "abort") == 0)
    abort();
  if (strcmp(mode, "wrong") == 0) {
    fputs(wrong, stdout);
    return 0;
  }
  if (strcmp(mode, "garbage") == 0) {
    puts("AuthPackage: ntlm");
    return 0;
  }
  if (strcmp(mode, "exit3") == 0) {
    fputs(good, stdout);
    return 3;
  }
  if (strcmp(mode, "flood") == 0) {
    static char line[1024];
    int i;
    memset(line, 'x', sizeof line - 2);
    line[sizeof line - 2] = '\n';
    for (i = 0; i < 2048; i++)
      fputs(line, stdout);
    return 0;
  }
  if (strcmp(mode, "hostile") == 0) {
    /* Clear the screen, retitle the terminal, and a C1 CSI in UTF-8. */
    static const char evil[] = "\033[2J\033]0;x\007\302\233";
    fputs(evil, stdout);
    fputs("\n", stdout);
    fputs(evil, stderr);
    return 0;
  }
  if (strcmp(mode, "background") == 0) {
    background_child();
    fputs(good, stdout);
    return 0;
  }
  if (strcmp(mode, "ok-then-hang") == 0) {
    fputs(good, stdout);
    fflush(stdout);
    sleep_forever();
  }
  fprintf(stderr, "fake_adapter: unknown mode %s\n", mode);
  return 64;
}
