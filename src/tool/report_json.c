/* SPDX-License-Identifier: MIT */
/* --format json: one object per FILE, one per line (JSON Lines), for
 * scripts; every field is in doc/json-output.md and
 * doc/poxauth-output.schema.json.  Strings are escaped by the one rule
 * (README.md, "Hostile bytes"): file names and header lines come from argv
 * and need not be UTF-8, yet the output is always valid JSON. */
#include "print.h"
#include "report.h"

/* A JSON string, or null; its content escaped by the one rule, so the
 * output is valid UTF-8 JSON whatever the bytes. */
static void
json_str(FILE *out, const char *s, size_t n) {
  if (!s) {
    fputs("null", out);
    return;
  }
  fputc('"', out);
  print_escaped(out, s, n, POXAUTH_ESCAPE_JSON);
  fputc('"', out);
}

static void
json_cstr(FILE *out, const char *s) {
  size_t n = 0;
  if (s)
    while (s[n])
      n++;
  json_str(out, s, n);
}

static const char *
sv_state(poxauth_sv_state s) {
  return s == POXAUTH_SV_OK          ? "ok"
         : s == POXAUTH_SV_MALFORMED ? "malformed"
                                     : "absent";
}

static const char *
build_source(poxauth_build_source s) {
  static const char *const n[] = {"not-needed", "context", "protocol", "exch",
                                  "assumed"};
  return (unsigned)s < 5 ? n[s] : "?";
}

static void
context(FILE *out, const report_ctx *c) {
  size_t i;
  fputs("\"file\":", out);
  json_cstr(out, c->file);
  fputs(",\"profile\":", out);
  json_cstr(out, poxauth_profile_name(c->opts->profile));
  fputs(",\"x_client_can_handle\":", out);
  if (c->opts->can_handle_count == 0) {
    fputs("null", out);
  } else {
    fputc('[', out);
    for (i = 0; i < c->opts->can_handle_count; i++) {
      if (i)
        fputc(',', out);
      json_str(out, c->opts->can_handle[i].data, c->opts->can_handle[i].len);
    }
    fputc(']', out);
  }
  fputs(",\"server_build\":", out);
  json_cstr(out, c->server_build);
}

void
report_json(FILE *out, const report_ctx *c, const poxauth_result *r) {
  const poxauth_rejection *rej = poxauth_result_rejection(r);
  size_t i, n, shown;
  fputc('{', out);
  context(out, c);
  if (rej) {
    fprintf(out, ",\"status\":\"rejected\",\"rejection\":{\"class\":");
    json_cstr(out, poxauth_reject_name(rej->cls));
    fputs(",\"limit\":", out);
    if (rej->cls == POXAUTH_REJECT_LIMIT)
      json_cstr(out, poxauth_limit_name(rej->limit));
    else
      fputs("null", out);
    fprintf(out, ",\"line\":%lu,\"column\":%lu,\"message\":", rej->line,
            rej->column);
    json_cstr(out, rej->message);
    fputs("}}\n", out);
    return;
  }
  fputs(",\"status\":\"ok\",\"kind\":", out);
  json_cstr(out, poxauth_kind_name(poxauth_result_kind(r)));
  fputs(",\"error_code\":", out);
  {
    size_t len;
    const char *code = poxauth_result_error_code(r, &len);
    json_str(out, code, len);
  }
  fputs(",\"protocols\":[", out);
  n = poxauth_result_protocol_count(r);
  for (i = 0; i < n; i++) {
    const poxauth_protocol *p = poxauth_result_protocol(r, i);
    fprintf(out, "%s{\"index\":%zu,\"type\":", i ? "," : "", i);
    json_str(out, p->type, p->type_len);
    fprintf(out,
            ",\"type_known\":%s,\"value\":", p->type_known ? "true" : "false");
    json_cstr(out, poxauth_value_name(p->value));
    fputs(",\"raw\":", out);
    json_str(out, p->raw, p->raw_len);
    fprintf(out, ",\"applies\":%s,\"server_version\":{\"state\":\"%s\"",
            p->applies ? "true" : "false", sv_state(p->server_version_state));
    if (p->server_version_state == POXAUTH_SV_OK)
      fprintf(out, ",\"build\":\"%lu.%lu.%lu\"", p->server_version.parts[0],
              p->server_version.parts[1], p->server_version.parts[2]);
    fprintf(out, "},\"build_source\":\"%s\",\"line\":%lu,\"column\":%lu}",
            build_source(p->build_source), p->line, p->column);
  }
  fputs("],\"findings\":[", out);
  n = poxauth_result_finding_count(r);
  for (i = 0, shown = 0; i < n; i++) {
    const poxauth_finding *f = poxauth_result_finding(r, i);
    if (f->severity != POXAUTH_VIOLATION && c->no_notes)
      continue;
    fprintf(out,
            "%s{\"code\":\"%s\",\"rule\":\"%s\",\"severity\":\"%s\","
            "\"protocol\":",
            shown++ ? "," : "", poxauth_finding_name(f->code),
            poxauth_finding_rule(f->code),
            f->severity == POXAUTH_VIOLATION ? "violation" : "note");
    if (f->protocol == POXAUTH_NO_PROTOCOL)
      fputs("null", out);
    else
      fprintf(out, "%zu", f->protocol);
    fprintf(out, ",\"line\":%lu,\"column\":%lu,\"message\":", f->line,
            f->column);
    json_cstr(out, f->message);
    fputs(",\"hint\":", out);
    json_cstr(out, f->hint);
    fputc('}', out);
  }
  fprintf(out, "],\"violations\":%zu,\"notes\":%zu,\"notes_shown\":%s}\n",
          poxauth_result_violation_count(r),
          n - poxauth_result_violation_count(r),
          c->no_notes ? "false" : "true");
}
