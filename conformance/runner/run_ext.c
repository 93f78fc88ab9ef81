/* SPDX-License-Identifier: MIT */
/*
 * Running an external implementation: fork and exec, no shell, the response
 * on stdin, the context as options, stdout and stderr captured up to a
 * bound, and a deadline after which the whole process group is killed.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

#define MAX_ARGS 256

/* Pipes are made and the child forked under one lock, so that no other
 * job's child can inherit our pipe ends between pipe() and FD_CLOEXEC
 * (which would hold stdout open and turn a quick exit into a timeout). */
static pthread_mutex_t fork_lock = PTHREAD_MUTEX_INITIALIZER;

static double
now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cloexec_pipe(int fd[2]) {
  if (pipe(fd) != 0)
    return -1;
  if (fcntl(fd[0], F_SETFD, FD_CLOEXEC) != 0 ||
      fcntl(fd[1], F_SETFD, FD_CLOEXEC) != 0) {
    close(fd[0]);
    close(fd[1]);
    return -1;
  }
  return 0;
}

static void
set_nonblock(int fd) {
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0)
    fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* argv: the command split on spaces, then the context options. */
static char opt_profile[] = "--profile", opt_can[] = "--client-can-handle",
            opt_build[] = "--server-build";

static size_t
build_argv(char *cmd, const conf_case *c, char *prof, char **argv) {
  size_t n = 0, i;
  char *p = cmd;
  while (*p && n < MAX_ARGS - 8 - 2 * MAX_LIST) {
    while (*p == ' ')
      *p++ = '\0';
    if (!*p)
      break;
    argv[n++] = p;
    while (*p && *p != ' ')
      p++;
  }
  argv[n++] = opt_profile;
  argv[n++] = prof;
  for (i = 0; i < c->ncan_handle; i++) {
    argv[n++] = opt_can;
    argv[n++] = c->can_handle[i];
  }
  if (c->server_build) {
    argv[n++] = opt_build;
    argv[n++] = c->server_build;
  }
  argv[n] = NULL;
  return n;
}

static void
child(int in, int out, int err, char **argv) {
  /* Only async-signal-safe calls between fork and exec. */
  static const char msg[] = "poxauth-conformance: exec failed\n";
  setpgid(0, 0);
  signal(SIGPIPE, SIG_DFL);
  if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(err, 2) < 0)
    _exit(127);
  execvp(argv[0], argv);
  if (write(2, msg, sizeof msg - 1) < 0) {
    /* nothing more to do */
  }
  _exit(127);
}

typedef struct capture {
  char *buf;
  size_t len, max;
  int overflow;
} capture;

static int
drain(int fd, capture *cap) {
  char tmp[65536];
  for (;;) {
    ssize_t k = read(fd, tmp, sizeof tmp);
    if (k > 0) {
      size_t room = cap->max - cap->len,
             take = (size_t)k < room ? (size_t)k : room;
      memcpy(cap->buf + cap->len, tmp, take);
      cap->len += take;
      if (take < (size_t)k)
        cap->overflow = 1;
      continue;
    }
    if (k == 0)
      return 1; /* EOF */
    if (errno == EINTR)
      continue;
    return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : 1;
  }
}

void
run_external(const char *command, const conf_case *c, int profile,
             double timeout, run_result *r) {
  char *cmd = xstrdup(command), *argv[MAX_ARGS], prof[32];
  int in[2], out[2], err[2], status = 0, alive_out = 1, alive_err = 1,
                             timed_out = 0;
  size_t written = 0;
  capture co, ce;
  double deadline = now() + timeout;
  pid_t pid;

  snprintf(prof, sizeof prof, "%s", PROFILE_NAMES[profile]);
  build_argv(cmd, c, prof, argv);
  co.buf = xmalloc(MAX_STDOUT_BYTES + 1);
  co.len = 0;
  co.max = MAX_STDOUT_BYTES;
  co.overflow = 0;
  ce.buf = xmalloc(MAX_STDERR_BYTES + 1);
  ce.len = 0;
  ce.max = MAX_STDERR_BYTES;
  ce.overflow = 0;

  pthread_mutex_lock(&fork_lock);
  if (cloexec_pipe(in) != 0) {
    pthread_mutex_unlock(&fork_lock);
    goto sys_error;
  }
  if (cloexec_pipe(out) != 0) {
    close(in[0]);
    close(in[1]);
    pthread_mutex_unlock(&fork_lock);
    goto sys_error;
  }
  if (cloexec_pipe(err) != 0) {
    close(in[0]);
    close(in[1]);
    close(out[0]);
    close(out[1]);
    pthread_mutex_unlock(&fork_lock);
    goto sys_error;
  }
  pid = fork();
  if (pid == 0)
    child(in[0], out[1], err[1], argv);
  pthread_mutex_unlock(&fork_lock);
  close(in[0]);
  close(out[1]);
  close(err[1]);
  if (pid < 0) {
    close(in[1]);
    close(out[0]);
    close(err[0]);
    goto sys_error;
  }
  setpgid(pid, pid);
  set_nonblock(in[1]);
  set_nonblock(out[0]);
  set_nonblock(err[0]);
  if (c->response_len == 0) {
    close(in[1]);
    in[1] = -1;
  }

  while (alive_out || alive_err) {
    struct pollfd pf[3];
    nfds_t n = 0;
    int ms, idx_in = -1, idx_out = -1, idx_err = -1;
    double left = deadline - now();
    if (left <= 0) {
      timed_out = 1;
      break;
    }
    ms = (int)(left * 1000.0) + 1;
    if (in[1] >= 0) {
      pf[n].fd = in[1];
      pf[n].events = POLLOUT;
      pf[n].revents = 0;
      idx_in = (int)n++;
    }
    if (alive_out) {
      pf[n].fd = out[0];
      pf[n].events = POLLIN;
      pf[n].revents = 0;
      idx_out = (int)n++;
    }
    if (alive_err) {
      pf[n].fd = err[0];
      pf[n].events = POLLIN;
      pf[n].revents = 0;
      idx_err = (int)n++;
    }
    if (poll(pf, n, ms) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    if (idx_in >= 0 && pf[idx_in].revents) {
      ssize_t k =
          write(in[1], c->response + written, c->response_len - written);
      if (k > 0)
        written += (size_t)k;
      if ((k < 0 && errno != EAGAIN && errno != EINTR) ||
          written == c->response_len) {
        close(in[1]); /* done, or the child stopped reading (EPIPE) */
        in[1] = -1;
      }
    }
    if (idx_out >= 0 && pf[idx_out].revents && drain(out[0], &co))
      alive_out = 0;
    if (idx_err >= 0 && pf[idx_err].revents && drain(err[0], &ce))
      alive_err = 0;
  }
  if (in[1] >= 0)
    close(in[1]);
  close(out[0]);
  close(err[0]);

  /* Both pipes are closed; wait for the exit within what is left. */
  while (!timed_out) {
    pid_t w = waitpid(pid, &status, WNOHANG);
    if (w == pid)
      break;
    if (w < 0 && errno != EINTR) {
      timed_out = 1;
      break;
    }
    if (now() >= deadline) {
      timed_out = 1;
      break;
    }
    {
      struct timespec ts = {0, 5 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
  }
  if (timed_out) {
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }

  co.buf[co.len] = '\0';
  ce.buf[ce.len] = '\0';
  r->got = co.buf;
  r->got_len = co.len;
  r->err = ce.buf;
  free(cmd);
  if (timed_out) {
    r->o = OUT_TIMEOUT;
    r->exit_status = -1;
    snprintf(r->why, sizeof r->why,
             "no answer within %.1f s (process group killed)", timeout);
    return;
  }
  if (WIFSIGNALED(status)) {
    r->o = OUT_CRASH;
    r->exit_status = -1;
    r->signal = WTERMSIG(status);
    snprintf(r->why, sizeof r->why, "killed by signal %d", r->signal);
    return;
  }
  r->exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  if (r->exit_status < 0 || r->exit_status > 2) {
    r->o = OUT_CRASH;
    snprintf(r->why, sizeof r->why,
             "exit status %d (an answer exits 0, 1 or 2)", r->exit_status);
    return;
  }
  if (co.overflow) {
    r->o = OUT_CRASH;
    snprintf(r->why, sizeof r->why, "more than %u bytes on stdout",
             MAX_STDOUT_BYTES);
  }
  return;

sys_error:
  free(cmd);
  free(co.buf);
  free(ce.buf);
  r->o = OUT_CRASH;
  snprintf(r->why, sizeof r->why, "could not start: %s", strerror(errno));
}
