/* SPDX-License-Identifier: MIT */
/*
 * The process groups of the implementations running now, one slot per
 * running job, so that SIGINT and SIGTERM can kill them all from the
 * handler.  Slots and the flag are lock-free atomics: the only state a
 * signal handler may touch.
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/types.h>

#include "runner.h"

#define MAX_SLOTS 64

static atomic_int slots[MAX_SLOTS];
static atomic_int stop_signal;

static void
on_signal(int sig) {
  int i;
  /* The flag first: a job that registers after this sees it and kills
   * its own group (procs_register). */
  atomic_store(&stop_signal, sig);
  for (i = 0; i < MAX_SLOTS; i++) {
    int pg = atomic_load(&slots[i]);
    if (pg > 0)
      kill(-(pid_t)pg, SIGKILL);
  }
}

void
procs_install(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGPIPE, SIG_IGN); /* an adapter that exits early */
}

int
procs_register(int pgid) {
  int i;
  for (i = 0; i < MAX_SLOTS; i++) {
    int zero = 0;
    if (atomic_compare_exchange_strong(&slots[i], &zero, pgid))
      break;
  }
  if (atomic_load(&stop_signal) != 0) {
    kill(-(pid_t)pgid, SIGKILL);
    kill((pid_t)pgid, SIGKILL);
  }
  return i < MAX_SLOTS ? i : -1;
}

void
procs_unregister(int slot) {
  if (slot >= 0 && slot < MAX_SLOTS)
    atomic_store(&slots[slot], 0);
}

int
procs_interrupted(void) {
  return atomic_load(&stop_signal);
}
