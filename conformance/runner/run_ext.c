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
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"
#include "words.h"

#define MAX_ARGS (MAX_IMPL_WORDS + 8 + 2 * MAX_LIST)

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

/* argv: the command's words (words.c), then the context options. */
static char opt_profile[] = "--profile", opt_can[] = "--client-can-handle",
            opt_build[] = "--server-build";

static int
executable(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

/* The program: a path when it has a slash, else looked up in PATH. */
static int
program_check(const char *word, char *why, size_t cap) {
  const char *p, *path;
  if (strchr(word, '/')) {
    if (executable(word))
      return 0;
    snprintf(why, cap, "%s",
             access(word, F_OK) == 0 ? "not an executable file"
                                     : "no such file");
    return -1;
  }
  path = getenv("PATH");
  for (p = path ? path : ""; *p;) {
    char full[8192];
    size_t n = strcspn(p, ":");
    snprintf(full, sizeof full, "%.*s/%s", (int)(n ? n : 1), n ? p : ".", word);
    if (executable(full))
      return 0;
    p += n;
    if (*p == ':')
      p++;
  }
  snprintf(why, cap, "not found in PATH");
  return -1;
}

int
impl_check(const char *command, char *why, size_t cap) {
  char *buf = xmalloc(strlen(command) + 1), *word = NULL;
  size_t n;
  int rc = -1;
  if (impl_split(command, buf, &word, 1, &n, why, cap) != 0)
    goto done;
  if (n == 0 || word[0] == '\0' || strlen(word) >= IMPL_PROGRAM_MAX)
    snprintf(why, cap, "no program to run");
  else
    rc = program_check(word, why, cap);
done:
  free(buf);
  return rc;
}

/* cmd: room for the words (strlen(command) + 1); prof: for the profile
 * name.  argv points into both.  0 words when the command does not split
 * (main.c refused it already). */
static size_t
build_argv(const char *command, char *cmd, const conf_case *c, int profile,
           char **argv, char prof[32]) {
  size_t n = 0, i;
  char why[128];
  if (impl_split(command, cmd, argv, MAX_IMPL_WORDS, &n, why, sizeof why))
    n = 0;
  if (n == 0 || n > MAX_IMPL_WORDS) {
    argv[0] = NULL;
    return 0;
  }
  argv[n++] = opt_profile;
  snprintf(prof, 32, "%s", PROFILE_NAMES[profile]);
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
  signal(SIGINT, SIG_DFL);
  signal(SIGTERM, SIG_DFL);
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

/* Starts argv with three pipes; the pid, or -1 with errno set. */
static pid_t
start(char **argv, int *to_child, int *from_out, int *from_err) {
  int in[2], out[2], err[2], e;
  pid_t pid = -1;
  pthread_mutex_lock(&fork_lock);
  if (cloexec_pipe(in) != 0)
    goto unlock;
  if (cloexec_pipe(out) != 0) {
    e = errno;
    close(in[0]);
    close(in[1]);
    errno = e;
    goto unlock;
  }
  if (cloexec_pipe(err) != 0) {
    e = errno;
    close(in[0]);
    close(in[1]);
    close(out[0]);
    close(out[1]);
    errno = e;
    goto unlock;
  }
  pid = fork();
  if (pid == 0)
    child(in[0], out[1], err[1], argv);
  e = errno;
  close(in[0]);
  close(out[1]);
  close(err[1]);
  if (pid < 0) {
    close(in[1]);
    close(out[0]);
    close(err[0]);
  } else {
    *to_child = in[1];
    *from_out = out[0];
    *from_err = err[0];
  }
  errno = e;
unlock:
  pthread_mutex_unlock(&fork_lock);
  return pid;
}

typedef struct session {
  int in, out, err; /* -1 once closed */
  const unsigned char *data;
  size_t len, written;
  capture co, ce;
  double deadline;
} session;

static void
add_fd(struct pollfd *pf, nfds_t *n, int fd, short ev, int *idx) {
  *idx = -1;
  if (fd < 0)
    return;
  pf[*n].fd = fd;
  pf[*n].events = ev;
  pf[*n].revents = 0;
  *idx = (int)(*n)++;
}

static void
close_fd(int *fd) {
  if (*fd >= 0)
    close(*fd);
  *fd = -1;
}

/* Feeds stdin and drains both outputs until they close; 1 on timeout, 2
 * when the runner is being stopped. */
static int
exchange(session *s) {
  while (s->out >= 0 || s->err >= 0) {
    struct pollfd pf[3];
    nfds_t n = 0;
    int ms, ii, io, ie;
    double left = s->deadline - now();
    if (left <= 0)
      return 1;
    if (procs_interrupted())
      return 2;
    /* Short slices: a stop request is seen within 100 ms. */
    ms = left > 0.1 ? 100 : (int)(left * 1000.0) + 1;
    add_fd(pf, &n, s->in, POLLOUT, &ii);
    add_fd(pf, &n, s->out, POLLIN, &io);
    add_fd(pf, &n, s->err, POLLIN, &ie);
    if (poll(pf, n, ms) < 0) {
      if (errno == EINTR)
        continue;
      return 1;
    }
    if (ii >= 0 && pf[ii].revents) {
      ssize_t k = write(s->in, s->data + s->written, s->len - s->written);
      if (k > 0)
        s->written += (size_t)k;
      if ((k < 0 && errno != EAGAIN && errno != EINTR) || s->written == s->len)
        close_fd(&s->in); /* done, or the child stopped reading (EPIPE) */
    }
    if (io >= 0 && pf[io].revents && drain(s->out, &s->co))
      close_fd(&s->out);
    if (ie >= 0 && pf[ie].revents && drain(s->err, &s->ce))
      close_fd(&s->err);
  }
  return 0;
}

/* Waits for the leader to exit without reaping it, so that its group id
 * cannot be reused while the group is killed; 1 on timeout, 2 when
 * stopped. */
static int
await_exit(pid_t pid, double deadline) {
  for (;;) {
    siginfo_t si;
    memset(&si, 0, sizeof si);
    if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        si.si_pid == pid)
      return 0;
    if (procs_interrupted())
      return 2;
    if (now() >= deadline)
      return 1;
    {
      struct timespec ts = {0, 5 * 1000 * 1000};
      nanosleep(&ts, NULL);
    }
  }
}

static void
verdict(run_result *r, int status, int overflow) {
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
  if (overflow) {
    r->o = OUT_CRASH;
    snprintf(r->why, sizeof r->why, "more than %u bytes on stdout",
             MAX_STDOUT_BYTES);
  }
}

static void
capture_init(capture *c, size_t max) {
  c->buf = xmalloc(max + 1);
  c->len = 0;
  c->max = max;
  c->overflow = 0;
}

void
run_external(const char *command, const conf_case *c, int profile,
             double timeout, run_result *r) {
  char *cmd = xmalloc(strlen(command) + 1), *argv[MAX_ARGS], prof[32];
  int status = 0, ended, slot;
  session s;
  pid_t pid;

  if (build_argv(command, cmd, c, profile, argv, prof) == 0) {
    free(cmd);
    r->o = OUT_CRASH;
    snprintf(r->why, sizeof r->why, "could not start: no words in the command");
    return;
  }
  memset(&s, 0, sizeof s);
  s.data = c->response;
  s.len = c->response_len;
  s.deadline = now() + timeout;
  pid = start(argv, &s.in, &s.out, &s.err);
  free(cmd);
  if (pid < 0) {
    r->o = OUT_CRASH;
    snprintf(r->why, sizeof r->why, "could not start: %s", strerror(errno));
    return;
  }
  setpgid(pid, pid);
  slot = procs_register((int)pid);
  capture_init(&s.co, MAX_STDOUT_BYTES);
  capture_init(&s.ce, MAX_STDERR_BYTES);
  set_nonblock(s.in);
  set_nonblock(s.out);
  set_nonblock(s.err);
  if (s.len == 0)
    close_fd(&s.in);
  ended = exchange(&s);
  close_fd(&s.in);
  close_fd(&s.out);
  close_fd(&s.err);
  if (ended == 0)
    ended = await_exit(pid, s.deadline);
  /* Whatever happened, nothing of the group outlives the run: background
   * grandchildren of an answer that exited are killed too. */
  kill(-pid, SIGKILL);
  if (ended != 0)
    kill(pid, SIGKILL);
  procs_unregister(slot);
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  s.co.buf[s.co.len] = '\0';
  s.ce.buf[s.ce.len] = '\0';
  r->got = s.co.buf;
  r->got_len = s.co.len;
  r->err = s.ce.buf;
  if (ended == 2 || procs_interrupted()) {
    /* Stopped, or killed by the stop handler: not the adapter's fault. */
    r->o = OUT_SKIP;
    snprintf(r->why, sizeof r->why, "not finished: the runner was stopped");
  } else if (ended == 1) {
    r->o = OUT_TIMEOUT;
    r->exit_status = -1;
    snprintf(r->why, sizeof r->why,
             "no answer within %.1f s (process group killed)", timeout);
  } else {
    verdict(r, status, s.co.overflow);
  }
}
