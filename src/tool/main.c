/* SPDX-License-Identifier: MIT */
/* poxauth: check POX Autodiscover responses for AuthPackage conformance. */
#define _POSIX_C_SOURCE 200809L /* SIGPIPE */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "poxauth.h"
#include "print.h"
#include "report.h"

/* Exit codes, documented in the README, the man page and --help. */
enum {
  EXIT_CONFORMANT = 0,
  EXIT_VIOLATIONS = 1,
  EXIT_REJECTED = 2,
  EXIT_USAGE = 64,
  EXIT_NOINPUT = 66,
  EXIT_IOERR = 74 /* writing the output failed (sysexits EX_IOERR) */
};

enum format { FORMAT_TEXT, FORMAT_JSON, FORMAT_CANONICAL };

#define MAX_HEADER_LINES 64

/* Every option is listed here and in doc/man/poxauth.1; a test compares
 * the two. */
static const char usage[] =
    "usage: poxauth [OPTION]... [FILE...|-]\n"
    "Check the AuthPackage elements of POX Autodiscover responses.\n"
    "\n"
    "  --profile P               union (default: the values of both\n"
    "                            sources), pox or oxdscli\n"
    "  --client-can-handle V     an X-ClientCanHandle header line the request\n"
    "                            sent (repeatable; '' is a present but empty\n"
    "                            header; none means the header was absent)\n"
    "  --server-build A.B.C.D    the server build, 1 to 4 decimal parts\n"
    "  --format F                text (default), json, or canonical\n"
    "                            (conformance/FORMAT.md)\n"
    "  --no-notes                leave notes out of text and json output\n"
    "                            (violations only; the counts stay)\n"
    "  --max-input-bytes N       limits, a decimal number (0: the default);\n"
    "  --max-depth N             see README\n"
    "  --max-elements N\n"
    "  --max-protocols N\n"
    "  --max-text-bytes N\n"
    "  -h, --help                print this help and exit\n"
    "  --version                 print the version and exit\n"
    "\n"
    "Every option with a value also takes the form --option=VALUE.\n"
    "Reads standard input when no FILE or '-' is given.\n"
    "Exit status: 0 conformant, 1 violations, 2 rejected input, 64 usage\n"
    "error, 66 a FILE could not be read (the worst over all FILEs), 74 the\n"
    "output could not be written.\n";

/* What is printed before the message (an option name, a value) comes
 * from the command line: escaped like everything else. */
static int
usage_error(const char *msg, const char *arg) {
  fputs("poxauth: ", stderr);
  fputs(msg, stderr);
  if (arg) {
    fputs(": '", stderr);
    print_escaped_cstr(stderr, arg, POXAUTH_ESCAPE_TEXT);
    fputs("'", stderr);
  }
  fputs("\nTry 'poxauth --help'.\n", stderr);
  return EXIT_USAGE;
}

/* A limit: decimal digits only (no sign, space or base prefix), within
 * size_t. */
static int
parse_size(const char *s, size_t *out) {
  size_t v = 0;
  if (!s || !*s)
    return -1;
  for (; *s; s++) {
    unsigned d;
    if (*s < '0' || *s > '9')
      return -1;
    d = (unsigned)(*s - '0');
    if (v > ((size_t)-1 - d) / 10)
      return -1;
    v = v * 10 + d;
  }
  *out = v;
  return 0;
}

/* stdout could not be written: say so once, and exit 74, never a status
 * that would read as a verdict on the input. */
static int
output_failed(void) {
  int e = errno;
  fprintf(stderr, "poxauth: cannot write the output: %s\n",
          e ? strerror(e) : "write error");
  return EXIT_IOERR;
}

/* Flush and check standard output; the status to exit with. */
static int
finish_output(int status) {
  errno = 0;
  if (fflush(stdout) != 0 || ferror(stdout))
    return output_failed();
  return status;
}

/* Stream one file through the parser; the tool's memory stays constant
 * however large the file is. */
static poxauth_status
check_stream(FILE *in, const poxauth_options *opts, poxauth_result **out,
             int *read_error) {
  static char buf[64 * 1024];
  poxauth_parser *p;
  const char *err = NULL;
  poxauth_status st = poxauth_parser_create(opts, &p, &err);
  *out = NULL;
  *read_error = 0;
  if (st != POXAUTH_OK)
    return st;
  for (;;) {
    size_t n = fread(buf, 1, sizeof buf, in);
    if (n > 0) {
      st = poxauth_parser_feed(p, buf, n);
      if (st != POXAUTH_OK)
        break; /* rejected: the rest is not needed */
    }
    if (n < sizeof buf) {
      if (ferror(in))
        *read_error = 1;
      break;
    }
  }
  if (*read_error) {
    poxauth_parser_destroy(p);
    return POXAUTH_ERR_ARGUMENT;
  }
  st = poxauth_parser_finish(p, out);
  poxauth_parser_destroy(p);
  return st;
}

static int
exit_for(const poxauth_result *r) {
  if (poxauth_result_rejection(r))
    return EXIT_REJECTED;
  return poxauth_result_violation_count(r) ? EXIT_VIOLATIONS : EXIT_CONFORMANT;
}

static int
worse(int a, int b) {
  static const int rank[] = {EXIT_CONFORMANT, EXIT_VIOLATIONS, EXIT_REJECTED,
                             EXIT_NOINPUT};
  int ra = 0, rb = 0, i;
  for (i = 0; i < 4; i++) {
    if (rank[i] == a)
      ra = i;
    if (rank[i] == b)
      rb = i;
  }
  return ra >= rb ? a : b;
}

/* Everything the command line says. */
typedef struct cli {
  poxauth_options opts;
  poxauth_bytes lines[MAX_HEADER_LINES];
  size_t nlines;
  const char *build;
  enum format fmt;
  int no_notes;
  const char **files;
  size_t nfiles;
} cli;

enum opt_id {
  OPT_HELP,
  OPT_VERSION,
  OPT_PROFILE,
  OPT_CAN_HANDLE,
  OPT_BUILD,
  OPT_FORMAT,
  OPT_NO_NOTES,
  OPT_MAX_INPUT_BYTES,
  OPT_MAX_DEPTH,
  OPT_MAX_ELEMENTS,
  OPT_MAX_PROTOCOLS,
  OPT_MAX_TEXT_BYTES
};

static const struct option_def {
  const char *name;
  enum opt_id id;
  int has_value;
} option_defs[] = {
    {"help", OPT_HELP, 0},
    {"version", OPT_VERSION, 0},
    {"profile", OPT_PROFILE, 1},
    {"client-can-handle", OPT_CAN_HANDLE, 1},
    {"server-build", OPT_BUILD, 1},
    {"format", OPT_FORMAT, 1},
    {"no-notes", OPT_NO_NOTES, 0},
    {"max-input-bytes", OPT_MAX_INPUT_BYTES, 1},
    {"max-depth", OPT_MAX_DEPTH, 1},
    {"max-elements", OPT_MAX_ELEMENTS, 1},
    {"max-protocols", OPT_MAX_PROTOCOLS, 1},
    {"max-text-bytes", OPT_MAX_TEXT_BYTES, 1},
};

/* The long option named by name[0..len), or NULL. */
static const struct option_def *
find_option(const char *name, size_t len) {
  size_t i;
  for (i = 0; i < sizeof option_defs / sizeof option_defs[0]; i++)
    if (strlen(option_defs[i].name) == len &&
        memcmp(option_defs[i].name, name, len) == 0)
      return &option_defs[i];
  return NULL;
}

static size_t *
limit_of(cli *c, enum opt_id id) {
  poxauth_limits *l = &c->opts.limits;
  switch (id) {
  case OPT_MAX_INPUT_BYTES:
    return &l->max_input_bytes;
  case OPT_MAX_DEPTH:
    return &l->max_depth;
  case OPT_MAX_ELEMENTS:
    return &l->max_elements;
  case OPT_MAX_PROTOCOLS:
    return &l->max_protocols;
  case OPT_MAX_TEXT_BYTES:
    return &l->max_text_bytes;
  default:
    return NULL;
  }
}

/* Apply one option; -1 to go on, or the status to exit with. */
static int
apply_option(cli *c, const struct option_def *d, const char *val) {
  char msg[128];
  size_t *limit = limit_of(c, d->id);
  switch (d->id) {
  case OPT_HELP:
    fputs(usage, stdout);
    return finish_output(EXIT_CONFORMANT);
  case OPT_VERSION:
    printf("poxauth %s (expat %s)\n", poxauth_version(),
           poxauth_expat_version());
    return finish_output(EXIT_CONFORMANT);
  case OPT_PROFILE:
    if (strcmp(val, "pox") == 0)
      c->opts.profile = POXAUTH_PROFILE_POX;
    else if (strcmp(val, "oxdscli") == 0)
      c->opts.profile = POXAUTH_PROFILE_OXDSCLI;
    else if (strcmp(val, "union") == 0)
      c->opts.profile = POXAUTH_PROFILE_UNION;
    else
      return usage_error("--profile takes union, pox or oxdscli", val);
    return -1;
  case OPT_CAN_HANDLE:
    if (c->nlines == MAX_HEADER_LINES)
      return usage_error("too many --client-can-handle lines", NULL);
    c->lines[c->nlines].data = val;
    c->lines[c->nlines].len = strlen(val);
    c->nlines++;
    return -1;
  case OPT_BUILD: {
    poxauth_build b;
    if (poxauth_build_parse(val, strlen(val), &b) != 0)
      return usage_error("--server-build takes 1 to 4 dot-separated "
                         "decimal parts, e.g. 15.0.995.14",
                         val);
    c->build = val;
    return -1;
  }
  case OPT_FORMAT:
    if (strcmp(val, "text") == 0)
      c->fmt = FORMAT_TEXT;
    else if (strcmp(val, "json") == 0)
      c->fmt = FORMAT_JSON;
    else if (strcmp(val, "canonical") == 0)
      c->fmt = FORMAT_CANONICAL;
    else
      return usage_error("--format takes text, json or canonical", val);
    return -1;
  case OPT_NO_NOTES:
    c->no_notes = 1;
    return -1;
  default:
    if (limit && parse_size(val, limit) == 0)
      return -1;
    snprintf(msg, sizeof msg,
             "--%s takes a decimal number of 0 or more (0: the default)",
             d->name);
    return usage_error(msg, val);
  }
}

/* Read the command line into *c; -1 to go on, or the status to exit with.
 * "--name=value" and "--name value" are the same. */
static int
parse_args(int argc, char **argv, cli *c) {
  int a, only_files = 0;
  for (a = 1; a < argc; a++) {
    const char *arg = argv[a], *val = NULL, *eq;
    const struct option_def *d;
    char msg[96];
    int st;
    if (only_files || arg[0] != '-' || strcmp(arg, "-") == 0) {
      c->files[c->nfiles++] = arg;
      continue;
    }
    if (strcmp(arg, "--") == 0) {
      only_files = 1;
      continue;
    }
    if (strcmp(arg, "-h") == 0)
      arg = "--help";
    if (arg[1] != '-')
      return usage_error("unknown option", arg);
    eq = strchr(arg + 2, '=');
    d = find_option(arg + 2, eq ? (size_t)(eq - arg - 2) : strlen(arg + 2));
    if (!d)
      return usage_error("unknown option", arg);
    if (d->has_value) {
      val = eq ? eq + 1 : a + 1 < argc ? argv[++a] : NULL;
      snprintf(msg, sizeof msg, "--%s needs a value", d->name);
      if (!val)
        return usage_error(msg, NULL);
    } else if (eq) {
      snprintf(msg, sizeof msg, "--%s takes no value", d->name);
      return usage_error(msg, arg);
    }
    st = apply_option(c, d, val);
    if (st >= 0)
      return st;
  }
  if (c->no_notes && c->fmt == FORMAT_CANONICAL)
    return usage_error("--no-notes does not apply to --format canonical, "
                       "which lists every finding",
                       NULL);
  return -1;
}

/* A message about FILE on stderr, its name escaped. */
static void
file_message(const char *name, const char *what) {
  fputs("poxauth: ", stderr);
  print_escaped_cstr(stderr, name, POXAUTH_ESCAPE_TEXT);
  fprintf(stderr, ": %s\n", what);
}

/* Check one FILE and write its report; the status it earns. */
static int
check_file(const cli *c, const char *name) {
  int is_stdin = strcmp(name, "-") == 0, read_error, st_exit;
  FILE *in = is_stdin ? stdin : fopen(name, "rb");
  poxauth_result *r = NULL;
  poxauth_status st;
  report_ctx rc;
  if (!in) {
    file_message(name, strerror(errno));
    return EXIT_NOINPUT;
  }
  st = check_stream(in, &c->opts, &r, &read_error);
  if (!is_stdin)
    fclose(in);
  if (read_error) {
    file_message(name, "read error");
    return EXIT_NOINPUT;
  }
  if (!r) {
    /* Only allocation failure before any input can get here: the
     * options were checked above. */
    file_message(name, poxauth_status_name(st));
    return EXIT_REJECTED;
  }
  rc.file = is_stdin ? "<stdin>" : name;
  rc.opts = &c->opts;
  rc.server_build = c->build;
  rc.no_notes = c->no_notes;
  st_exit = exit_for(r);
  if (c->fmt == FORMAT_CANONICAL) {
    if (report_canonical(stdout, r) != 0) {
      fprintf(stderr, "poxauth: out of memory\n");
      st_exit = EXIT_REJECTED;
    }
  } else if (c->fmt == FORMAT_JSON) {
    report_json(stdout, &rc, r);
  } else {
    report_text(stdout, &rc, r);
  }
  poxauth_result_free(r);
  return st_exit;
}

int
main(int argc, char **argv) {
  cli c;
  size_t i;
  int status = EXIT_CONFORMANT, st;

  /* A closed pipe is a write error to report (exit 74), not a silent
   * death by SIGPIPE. */
  signal(SIGPIPE, SIG_IGN);
  memset(&c, 0, sizeof c);
  poxauth_options_init(&c.opts);
  c.fmt = FORMAT_TEXT;
  c.files = (const char **)calloc((size_t)argc + 1, sizeof *c.files);
  if (!c.files) {
    fprintf(stderr, "poxauth: out of memory\n");
    return EXIT_REJECTED;
  }
  st = parse_args(argc, argv, &c);
  if (st >= 0) {
    free(c.files);
    return st;
  }
  if (c.nfiles == 0)
    c.files[c.nfiles++] = "-";
  c.opts.can_handle = c.lines;
  c.opts.can_handle_count = c.nlines;
  c.opts.server_build = c.build;
  c.opts.server_build_len = c.build ? strlen(c.build) : 0;

  for (i = 0; i < c.nfiles; i++) {
    status = worse(status, check_file(&c, c.files[i]));
    if (ferror(stdout)) {
      free(c.files);
      return output_failed(); /* the rest could not be shown either */
    }
  }
  free(c.files);
  return finish_output(status);
}
