/* SPDX-License-Identifier: MIT */
/* --format text: for people.  Errors and findings name FILE:LINE:COLUMN
 * so editors can jump to them. */
#include <stdlib.h>

#include "print.h"
#include "report.h"

static void
print_bytes(FILE *out, const char *s, size_t n) {
  print_escaped(out, s, n, POXAUTH_ESCAPE_TEXT);
}

static void
print_str(FILE *out, const char *s) {
  print_escaped_cstr(out, s, POXAUTH_ESCAPE_TEXT);
}

static const char *
source_name(poxauth_build_source s) {
  switch (s) {
  case POXAUTH_BUILD_CONTEXT:
    return "the request context";
  case POXAUTH_BUILD_PROTOCOL:
    return "its ServerVersion";
  case POXAUTH_BUILD_EXCH:
    return "the EXCH Protocol's ServerVersion";
  case POXAUTH_BUILD_ASSUMED:
    return "assumed";
  default:
    return NULL;
  }
}

static void
print_context(FILE *out, const report_ctx *c) {
  size_t i;
  fprintf(out,
          "profile %s, --profile union|pox|oxdscli chooses; "
          "X-ClientCanHandle ",
          poxauth_profile_name(c->opts->profile));
  if (c->opts->can_handle_count == 0)
    fputs("absent", out);
  for (i = 0; i < c->opts->can_handle_count; i++) {
    fputs(i ? ", \"" : "\"", out);
    print_bytes(out, c->opts->can_handle[i].data, c->opts->can_handle[i].len);
    fputs("\"", out);
  }
  fputs("; server build ", out);
  print_str(out, c->server_build ? c->server_build : "not given");
}

void
report_text(FILE *out, const report_ctx *c, const poxauth_result *r) {
  const poxauth_rejection *rej = poxauth_result_rejection(r);
  size_t i, n, notes = 0, viol = 0;
  if (rej) {
    print_str(out, c->file);
    fprintf(out, ":%lu:%lu: rejected (%s): ", rej->line, rej->column,
            poxauth_reject_name(rej->cls));
    fputs(rej->message, out); /* escaped by the library (poxauth.h) */
    fputs("\n", out);
    return;
  }
  print_str(out, c->file);
  fprintf(out, ": %s response (", poxauth_kind_name(poxauth_result_kind(r)));
  print_context(out, c);
  fputs(")\n", out);
  if (poxauth_result_kind(r) == POXAUTH_KIND_ERROR) {
    size_t len;
    const char *code = poxauth_result_error_code(r, &len);
    fputs("  ErrorCode ", out);
    if (code)
      print_bytes(out, code, len);
    else
      fputs("(none)", out);
    fputs("\n", out);
  }
  n = poxauth_result_protocol_count(r);
  for (i = 0; i < n; i++) {
    const poxauth_protocol *p = poxauth_result_protocol(r, i);
    const char *src = source_name(p->build_source);
    fprintf(out, "  protocol %zu ", i);
    if (p->type)
      print_bytes(out, p->type, p->type_len);
    else
      fputs("(no Type)", out);
    fprintf(out, " (line %lu): ", p->line);
    if (p->value == POXAUTH_VALUE_ABSENT) {
      fputs("no AuthPackage", out);
    } else {
      fputs(poxauth_value_name(p->value), out);
      fputs(" \"", out);
      print_bytes(out, p->raw, p->raw_len);
      fputs(p->applies ? "\", applies" : "\", ignored", out);
    }
    if (p->server_version_state == POXAUTH_SV_OK)
      fprintf(out, "; ServerVersion %lu.%lu.%lu", p->server_version.parts[0],
              p->server_version.parts[1], p->server_version.parts[2]);
    else if (p->server_version_state == POXAUTH_SV_MALFORMED)
      fputs("; ServerVersion malformed", out);
    if (src)
      fprintf(out, "; build for the version rule: %s", src);
    fputs("\n", out);
  }
  n = poxauth_result_finding_count(r);
  for (i = 0; i < n; i++) {
    const poxauth_finding *f = poxauth_result_finding(r, i);
    int v = f->severity == POXAUTH_VIOLATION;
    if (v)
      viol++;
    else
      notes++;
    if (!v && c->no_notes)
      continue;
    print_str(out, c->file);
    fprintf(out, ":%lu:%lu: %s %s [%s]", f->line, f->column,
            v ? "violation" : "note", poxauth_finding_name(f->code),
            poxauth_finding_rule(f->code));
    if (f->protocol != POXAUTH_NO_PROTOCOL)
      fprintf(out, " protocol %zu", f->protocol);
    fputs(": ", out);
    print_str(out, f->message);
    fputs("\n", out);
    if (f->hint && *f->hint) {
      fputs("  hint: ", out);
      print_str(out, f->hint);
      fputs("\n", out);
    }
  }
  print_str(out, c->file);
  fprintf(out, ": %zu violation%s, %zu note%s%s\n", viol, viol == 1 ? "" : "s",
          notes, notes == 1 ? "" : "s",
          c->no_notes && notes ? " (not shown)" : "");
}

int
report_canonical(FILE *out, const poxauth_result *r) {
  size_t need = poxauth_result_canonical(r, NULL, 0);
  char *buf = (char *)malloc(need + 1);
  if (!buf)
    return -1;
  poxauth_result_canonical(r, buf, need + 1);
  fwrite(buf, 1, need, out);
  free(buf);
  return 0;
}
