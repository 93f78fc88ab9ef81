/* SPDX-License-Identifier: MIT */
/* What poxauth-bench prints: the text report, the JSON, and the Markdown
 * tables ci/bench.sh puts into README.md and RESULTS.md (and the check that
 * the committed ones still have that format). */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <expat.h>

#include "bench.h"

#ifndef POXAUTH_BENCH_BUILD_TYPE
#define POXAUTH_BENCH_BUILD_TYPE ""
#endif

#if defined(__clang__)
#define BENCH_COMPILER "clang " __clang_version__
#elif defined(__GNUC__)
#define BENCH_COMPILER "gcc " __VERSION__
#else
#define BENCH_COMPILER "unknown compiler"
#endif

/* 1234567 -> "1,234,567" */
static const char *
grp(size_t v, char *buf, size_t cap) {
  char tmp[32];
  size_t n, i, o = 0;
  snprintf(tmp, sizeof tmp, "%zu", v);
  n = strlen(tmp);
  for (i = 0; i < n && o + 2 < cap; i++) {
    if (i > 0 && (n - i) % 3 == 0)
      buf[o++] = ',';
    buf[o++] = tmp[i];
  }
  buf[o] = 0;
  return buf;
}

static const char *
kib(size_t v, char *buf, size_t cap) {
  if (v >= 10 * MIB)
    snprintf(buf, cap, "%.1f MiB", (double)v / (double)MIB);
  else
    snprintf(buf, cap, "%.1f KiB", (double)v / (double)KIB);
  return buf;
}

double
bench_ir(const config *cfg, const char *input, int path) {
  int i;
  for (i = 0; i < cfg->nir; i++)
    if (cfg->ir[i].path == path && strcmp(cfg->ir[i].input, input) == 0)
      return cfg->ir[i].ir;
  return 0;
}

/* A headline row: one input, one call or 64 KiB chunks. */
typedef struct hrow {
  const bench_input *in;
  const row *rows;
  int pox, base; /* paths */
  double ir_pox, ir_base, ratio;
} hrow;

static int
headline_rows(const bench_report *r, hrow *out, int max) {
  int i, k, n = 0;
  for (i = 0; i < r->nin; i++)
    for (k = 0; k < 2; k++) {
      const bench_input *in = &r->in[i];
      hrow *h;
      if ((k == 0 && !in->one_call) || (k == 1 && !in->chunked) || n >= max)
        continue;
      h = &out[n++];
      h->in = in;
      h->rows = r->rows[i];
      h->pox = k == 0 ? PATH_PARSE : PATH_STREAM;
      h->base = PATH_BASE[h->pox];
      h->ir_pox = bench_ir(r->cfg, in->name, h->pox);
      h->ir_base = bench_ir(r->cfg, in->name, h->base);
      h->ratio = h->ir_pox > 0 && h->ir_base > 0 ? h->ir_base / h->ir_pox : 0;
    }
  return n;
}

/* Time per parse, or MB/s from 1 MiB up, median [spread]. */
static void
wall(const bench_input *in, const row *rw, char *buf, size_t cap) {
  const stats *s = &rw->s;
  if (s->med <= 0)
    snprintf(buf, cap, "-");
  else if (in->len >= MIB)
    snprintf(buf, cap, "%.0f MB/s [%.0f .. %.0f]",
             s->med * (double)in->len / 1e6, s->min * (double)in->len / 1e6,
             s->max * (double)in->len / 1e6);
  else
    snprintf(buf, cap, "%.1f µs [%.1f .. %.1f]", 1e6 / s->med, 1e6 / s->max,
             1e6 / s->min);
}

static const char *
target_text(const hrow *h, char *buf, size_t cap) {
  if (h->in->target <= 0)
    snprintf(buf, cap, "-");
  else if (h->ratio <= 0)
    snprintf(buf, cap, ">= %.2f, not measured", h->in->target);
  else
    snprintf(buf, cap, ">= %.2f, %s", h->in->target,
             h->ratio >= h->in->target ? "met" : "MISSED");
  return buf;
}

static const char *
row_label(const bench_input *in, char *buf, size_t cap) {
  snprintf(buf, cap, "%s%s", in->extra ? "extra: " : "", in->name);
  return buf;
}

static const char HEADLINE_HEAD[] =
    "| input | bytes | path | bare expat, instructions | poxauth, "
    "instructions | ratio | target | bare expat, time | poxauth, time |\n"
    "|---|---:|---|---:|---:|---:|---|---:|---:|\n";
static const char MEMORY_HEAD[] =
    "| input | bytes | Protocols | path | peak heap | allocations | peak RSS "
    "|\n|---|---:|---:|---|---:|---:|---:|\n";
static const char PER_PROTOCOL_HEAD[] =
    "| input | path | Protocols | instructions poxauth adds per Protocol |\n"
    "|---|---|---:|---:|\n";

static void
md_headline(FILE *f, const bench_report *r) {
  hrow h[2 * MAX_INPUTS];
  int n = headline_rows(r, h, 2 * MAX_INPUTS), i;
  fputs("<!-- bench:headline (ci/bench.sh writes this table) -->\n", f);
  fputs(HEADLINE_HEAD, f);
  for (i = 0; i < n; i++) {
    char lab[64], b1[32], b2[32], b3[32], t[48], w1[64], w2[64], ratio[32];
    snprintf(ratio, sizeof ratio, h[i].ratio > 0 ? "**%.3f**" : "-",
             h[i].ratio);
    wall(h[i].in, &h[i].rows[h[i].base], w1, sizeof w1);
    wall(h[i].in, &h[i].rows[h[i].pox], w2, sizeof w2);
    fprintf(f, "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
            row_label(h[i].in, lab, sizeof lab),
            grp(h[i].in->len, b1, sizeof b1),
            h[i].pox == PATH_PARSE ? "one call" : "64 KiB chunks",
            h[i].ir_base > 0 ? grp((size_t)h[i].ir_base, b2, sizeof b2) : "-",
            h[i].ir_pox > 0 ? grp((size_t)h[i].ir_pox, b3, sizeof b3) : "-",
            ratio, target_text(&h[i], t, sizeof t), w1, w2);
  }
  fputs("<!-- /bench:headline -->\n", f);
}

static void
md_per_protocol(FILE *f, const bench_report *r) {
  hrow h[2 * MAX_INPUTS];
  int n = headline_rows(r, h, 2 * MAX_INPUTS), i;
  fputs("<!-- bench:per-protocol (ci/bench.sh writes this table) -->\n", f);
  fputs(PER_PROTOCOL_HEAD, f);
  for (i = 0; i < n; i++) {
    char b1[32], per[32];
    if (strncmp(h[i].in->name, "dense", 5) != 0)
      continue;
    if (h[i].ir_pox > h[i].ir_base && h[i].ir_base > 0 && h[i].in->protocols)
      grp((size_t)((h[i].ir_pox - h[i].ir_base) / (double)h[i].in->protocols +
                   0.5),
          per, sizeof per);
    else
      snprintf(per, sizeof per, "-");
    fprintf(f, "| %s | %s | %s | %s |\n", h[i].in->name,
            h[i].pox == PATH_PARSE ? "one call" : "64 KiB chunks",
            grp(h[i].in->protocols, b1, sizeof b1), per);
  }
  fputs("<!-- /bench:per-protocol -->\n", f);
}

static void
md_memory(FILE *f, const bench_report *r) {
  int i;
  fputs("<!-- bench:memory (ci/bench.sh writes this table) -->\n", f);
  fputs(MEMORY_HEAD, f);
  for (i = 0; i < r->nmem; i++) {
    const mem_row *m = &r->mem[i];
    char b1[32], b2[32], b3[32], b4[32];
    fprintf(
        f, "| %s | %s | %s | %s | %s B | %zu | %s |\n", m->input,
        grp(m->bytes, b1, sizeof b1), grp(m->protocols, b4, sizeof b4),
        m->path == PATH_STREAM ? "poxauth streaming" : "bare expat",
        grp(m->heap_peak, b2, sizeof b2), m->heap_allocs,
        kib((size_t)(m->hwm_kib > 0 ? m->hwm_kib : 0) * KIB, b3, sizeof b3));
  }
  fputs("<!-- /bench:memory -->\n", f);
}

int
bench_write_markdown(const bench_report *r, const char *file) {
  FILE *f = fopen(file, "w");
  if (!f)
    return -1;
  md_headline(f, r);
  md_per_protocol(f, r);
  md_memory(f, r);
  return fclose(f) == 0 ? 0 : -1;
}

/* ------------------------------------------------------------------ */
/* The committed tables: the format bench_write_markdown writes.        */

/* Cells of the first line of `line`. */
static int
count_cells(const char *line) {
  int n = 0;
  for (; *line && *line != '\n'; line++)
    n += *line == '|';
  return n - 1;
}

/* The first cell of a table line, into buf. */
static void
first_cell(const char *line, char *buf, size_t cap) {
  const char *a = strchr(line, '|'), *b;
  size_t n;
  buf[0] = 0;
  if (!a)
    return;
  a++;
  while (*a == ' ')
    a++;
  b = strchr(a, '|');
  if (!b)
    return;
  while (b > a && b[-1] == ' ')
    b--;
  n = (size_t)(b - a) < cap - 1 ? (size_t)(b - a) : cap - 1;
  memcpy(buf, a, n);
  buf[n] = 0;
}

/* Check one marked block: its header, and one row per expected label. */
static int
check_block(const char *file, const char *text, const char *name,
            const char *head, const char *const *labels, int nlabels) {
  char open_[64], close_[64], cell[80];
  const char *a, *b, *line;
  int bad = 0, k = 0, cells = count_cells(head);
  snprintf(open_, sizeof open_, "<!-- bench:%s ", name);
  snprintf(close_, sizeof close_, "<!-- /bench:%s -->", name);
  a = strstr(text, open_);
  b = a ? strstr(a, close_) : NULL;
  if (!a || !b) {
    fprintf(stderr, "%s: no table %s (markers %s... %s)\n", file, name, open_,
            close_);
    return 1;
  }
  a = strchr(a, '\n') + 1;
  if (strncmp(a, head, strlen(head)) != 0) {
    fprintf(stderr, "%s: table %s: the header is not what ci/bench.sh writes\n",
            file, name);
    return 1;
  }
  for (line = a + strlen(head); line < b; line = strchr(line, '\n') + 1) {
    char buf[1024];
    size_t n = (size_t)(strchr(line, '\n') - line);
    if (n >= sizeof buf)
      n = sizeof buf - 1;
    memcpy(buf, line, n);
    buf[n] = 0;
    if (count_cells(buf) != cells) {
      fprintf(stderr, "%s: table %s: row %d has not %d cells: %s\n", file, name,
              k + 1, cells, buf);
      bad++;
    }
    first_cell(buf, cell, sizeof cell);
    if (labels && (k >= nlabels || strcmp(cell, labels[k]) != 0)) {
      fprintf(stderr, "%s: table %s: row %d is %s, ci/bench.sh writes %s\n",
              file, name, k + 1, cell,
              k < nlabels ? labels[k] : "no more rows");
      bad++;
    }
    k++;
  }
  if (labels && k != nlabels) {
    fprintf(stderr, "%s: table %s: %d rows, ci/bench.sh writes %d\n", file,
            name, k, nlabels);
    bad++;
  }
  return bad;
}

static char *
slurp(const char *file) {
  FILE *f = fopen(file, "rb");
  char *buf;
  long n;
  if (!f)
    return NULL;
  if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0 || !(buf = malloc((size_t)n + 1))) {
    fclose(f);
    return NULL;
  }
  if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
    fclose(f);
    free(buf);
    return NULL;
  }
  buf[n] = 0;
  fclose(f);
  return buf;
}

int
bench_check_tables(const char *file, int memory_too) {
  static char labels[2 * MAX_INPUTS][64];
  const char *lp[2 * MAX_INPUTS];
  int n = 0, i, bad;
  const char *name;
  int one, chunked, extra;
  char *text = slurp(file);
  if (!text) {
    fprintf(stderr, "%s: cannot read\n", file);
    return 1;
  }
  for (i = 0; bench_input_spec(i, &name, &one, &chunked, &extra) == 0; i++) {
    int k;
    for (k = 0; k < one + chunked && n < 2 * MAX_INPUTS; k++) {
      snprintf(labels[n], sizeof labels[n], "%s%s", extra ? "extra: " : "",
               name);
      lp[n] = labels[n];
      n++;
    }
  }
  bad = check_block(file, text, "headline", HEADLINE_HEAD, lp, n);
  if (memory_too) {
    bad += check_block(file, text, "per-protocol", PER_PROTOCOL_HEAD, NULL, 0);
    bad += check_block(file, text, "memory", MEMORY_HEAD, NULL, 0);
  }
  free(text);
  return bad;
}

/* ------------------------------------------------------------------ */
/* The text report.                                                    */

static void
cpu_model(char *buf, size_t cap) {
  FILE *f = fopen("/proc/cpuinfo", "r");
  char line[512];
  snprintf(buf, cap, "unknown");
  if (!f)
    return;
  while (fgets(line, sizeof line, f)) {
    char *p = strchr(line, ':');
    if (strncmp(line, "model name", 10) == 0 && p) {
      size_t n;
      for (p++; *p == ' ' || *p == '\t'; p++) {
      }
      n = strlen(p);
      while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == ' '))
        p[--n] = 0;
      snprintf(buf, cap, "%s", p);
      break;
    }
  }
  fclose(f);
}

static void
print_inputs(const bench_report *r) {
  int i;
  printf("Inputs (made in memory by the program; the same bytes for every "
         "path; profile union, X-ClientCanHandle: Negotiate,ExHttpInfo)\n");
  for (i = 0; i < r->nin; i++) {
    char b1[32], b2[32];
    printf("  %-22s %12s B, %8s elements, depth %2zu, %5zu Protocols%s: %s\n",
           r->in[i].name, grp(r->in[i].len, b1, sizeof b1),
           grp(r->in[i].elements, b2, sizeof b2), r->in[i].max_depth,
           r->in[i].protocols, r->in[i].raised ? ", limits raised" : "",
           r->in[i].desc);
  }
}

static void
print_headline(const bench_report *r) {
  hrow h[2 * MAX_INPUTS];
  int n = headline_rows(r, h, 2 * MAX_INPUTS), i;
  printf("\nInstructions (callgrind; ratio = bare expat / poxauth, the same "
         "bytes, called the same way) and wall time (median [min .. max])\n");
  printf("%-22s %-13s %13s %13s %7s  %-22s %-30s %-30s\n", "input", "path",
         "expat Ir", "poxauth Ir", "ratio", "target", "bare expat", "poxauth");
  for (i = 0; i < n; i++) {
    char lab[64], t[48], w1[64], w2[64], b1[32], b2[32];
    wall(h[i].in, &h[i].rows[h[i].base], w1, sizeof w1);
    wall(h[i].in, &h[i].rows[h[i].pox], w2, sizeof w2);
    printf("%-22s %-13s %13s %13s %7.3f  %-22s %-30s %-30s\n",
           row_label(h[i].in, lab, sizeof lab),
           h[i].pox == PATH_PARSE ? "one call" : "64 KiB chunks",
           h[i].ir_base > 0 ? grp((size_t)h[i].ir_base, b1, sizeof b1) : "-",
           h[i].ir_pox > 0 ? grp((size_t)h[i].ir_pox, b2, sizeof b2) : "-",
           h[i].ratio, target_text(&h[i], t, sizeof t), w1, w2);
  }
}

static void
print_memory(const bench_report *r) {
  int i;
  printf("\nMemory, streamed in 64 KiB chunks, one process per figure "
         "(RSS = VmHWM; base = the same process generating without "
         "parsing)\n");
  printf("%-10s %13s %10s  %-15s %12s %8s %10s %10s\n", "input", "bytes",
         "Protocols", "path", "heap peak", "allocs", "peak RSS", "RSS-base");
  for (i = 0; i < r->nmem; i++) {
    const mem_row *m = &r->mem[i];
    char b1[32], b2[32], b3[32], b4[32];
    long d = m->hwm_kib > m->base_hwm_kib ? m->hwm_kib - m->base_hwm_kib : 0;
    printf("%-10s %13s %10zu  %-15s %12s %8zu %10s %10s\n", m->input,
           grp(m->bytes, b1, sizeof b1), m->protocols, PATH_NAME[m->path],
           grp(m->heap_peak, b2, sizeof b2), m->heap_allocs,
           kib((size_t)(m->hwm_kib > 0 ? m->hwm_kib : 0) * KIB, b3, sizeof b3),
           kib((size_t)d * KIB, b4, sizeof b4));
  }
}

/* The heap of the grow input, smallest against largest. */
static void
print_targets(const bench_report *r) {
  const mem_row *small = NULL, *large = NULL;
  int i;
  printf("\nTargets (instruction ratios; reported, never enforced)\n");
  {
    hrow h[2 * MAX_INPUTS];
    int n = headline_rows(r, h, 2 * MAX_INPUTS);
    for (i = 0; i < n; i++) {
      char lab[64], t[48];
      if (h[i].in->target > 0)
        printf("  %-22s %-13s %7.3f %s\n", row_label(h[i].in, lab, sizeof lab),
               h[i].pox == PATH_PARSE ? "one call" : "64 KiB chunks",
               h[i].ratio, target_text(&h[i], t, sizeof t));
    }
  }
  for (i = 0; i < r->nmem; i++)
    if (strcmp(r->mem[i].input, "grow") == 0 && r->mem[i].path == PATH_STREAM) {
      if (r->mem[i].target_bytes == r->mem_sizes[0])
        small = &r->mem[i];
      if (r->mem[i].target_bytes == r->mem_sizes[2])
        large = &r->mem[i];
    }
  if (small && large)
    printf("  grow: poxauth-stream peak heap, largest minus smallest input: "
           "%ld B (identical: %s)\n",
           (long)large->heap_peak - (long)small->heap_peak,
           large->heap_peak == small->heap_peak ? "met" : "MISSED");
  for (i = 0; i < r->cfg->npeers; i++) {
    const peer *pe = &r->cfg->peers[i];
    const row *lf = r->rows[0];
    if (pe->med > 0)
      printf("  settings-lf: poxauth_parse %.1fx %s's responses/s (bare "
             "expat %.1fx)\n",
             lf[PATH_PARSE].s.med / pe->med, pe->name,
             lf[PATH_EXPAT].s.med / pe->med);
  }
  if (r->cfg->fuzz_main > 0 && r->cfg->fuzz_bare > 0)
    printf("  fuzzing: poxauth_fuzzer / bare-expat harness exec/s: %.2f\n",
           r->cfg->fuzz_main / r->cfg->fuzz_bare);
}

void
bench_print(const bench_report *r) {
  char cpu[256];
  int i;
  cpu_model(cpu, sizeof cpu);
  printf("poxauth-bench: poxauth %s on %s (bench linked %s), %s, build %s\n",
         poxauth_version(), poxauth_expat_version(), XML_ExpatVersion(),
         BENCH_COMPILER,
         POXAUTH_BENCH_BUILD_TYPE[0] ? POXAUTH_BENCH_BUILD_TYPE : "(none)");
  printf("machine: %ld CPUs online, %s\n", sysconf(_SC_NPROCESSORS_ONLN), cpu);
  printf("%d runs per figure, each >= %.2f s; paths interleaved within a "
         "run%s\n\n",
         r->cfg->runs, r->cfg->min_time,
         r->cfg->quick ? "; QUICK mode (smoke test)" : "");
  print_inputs(r);
  print_headline(r);
  print_memory(r);
  printf("\nLimits: the largest input the default limits accept, then one "
         "dimension + 1\n");
  for (i = 0; i < r->nlc; i++)
    printf("  %-30s -> %-32s %s\n", r->lc[i].what, r->lc[i].got,
           r->lc[i].ok ? "ok" : "UNEXPECTED (expected that limit)");
  print_targets(r);
}

/* ------------------------------------------------------------------ */
/* JSON.                                                               */

static void
json_str(FILE *f, const char *s) {
  fputc('"', f);
  for (; s && *s; s++) {
    unsigned char c = (unsigned char)*s;
    if (c == '"' || c == '\\')
      fprintf(f, "\\%c", c);
    else if (c < 0x20)
      fprintf(f, "\\u%04x", c);
    else
      fputc(c, f);
  }
  fputc('"', f);
}

static void
json_rows(FILE *f, const bench_report *r) {
  int i, p, first = 1, k;
  fprintf(f, "  \"paths\": [\n");
  for (i = 0; i < r->nin; i++)
    for (p = 0; p < NPATHS; p++) {
      const row *rw = &r->rows[i][p];
      if (!rw->measured)
        continue;
      fprintf(f, "%s    {\"input\": ", first ? "" : ",\n");
      first = 0;
      json_str(f, r->in[i].name);
      fprintf(f, ", \"path\": ");
      json_str(f, PATH_NAME[p]);
      fprintf(f,
              ", \"instructions\": %.0f, \"per_s\": {\"median\": %.2f, "
              "\"min\": %.2f, \"max\": %.2f}, \"heap_peak_bytes\": %zu, "
              "\"heap_allocs\": %zu, \"runs_per_s\": [",
              bench_ir(r->cfg, r->in[i].name, p), rw->s.med, rw->s.min,
              rw->s.max, rw->heap_peak, rw->heap_allocs);
      for (k = 0; k < rw->nruns; k++)
        fprintf(f, "%s%.2f", k ? ", " : "", rw->rps[k]);
      fprintf(f, "]}");
    }
  fprintf(f, "\n  ],\n");
}

static void
json_inputs(FILE *f, const bench_report *r) {
  int i;
  fprintf(f, "  \"inputs\": [\n");
  for (i = 0; i < r->nin; i++) {
    fprintf(f, "    {\"name\": ");
    json_str(f, r->in[i].name);
    fprintf(f,
            ", \"bytes\": %zu, \"elements\": %zu, \"max_depth\": %zu, "
            "\"protocols\": %zu, \"limits_raised\": %s, \"extra\": %s, "
            "\"target\": %g, \"description\": ",
            r->in[i].len, r->in[i].elements, r->in[i].max_depth,
            r->in[i].protocols, r->in[i].raised ? "true" : "false",
            r->in[i].extra ? "true" : "false", r->in[i].target);
    json_str(f, r->in[i].desc);
    fprintf(f, "}%s\n", i + 1 < r->nin ? "," : "");
  }
  fprintf(f, "  ],\n");
}

int
bench_write_json(const bench_report *r, const char *file) {
  FILE *f = fopen(file, "w");
  int i;
  if (!f)
    return -1;
  fprintf(f, "{\n  \"tool\": \"poxauth-bench\",\n  \"poxauth_version\": ");
  json_str(f, poxauth_version());
  fprintf(f, ",\n  \"expat_version\": ");
  json_str(f, poxauth_expat_version());
  fprintf(f, ",\n  \"compiler\": ");
  json_str(f, BENCH_COMPILER);
  fprintf(f, ",\n  \"quick\": %s, \"runs\": %d, \"min_time_s\": %g,\n",
          r->cfg->quick ? "true" : "false", r->cfg->runs, r->cfg->min_time);
  json_inputs(f, r);
  json_rows(f, r);
  fprintf(f, "  \"memory\": [\n");
  for (i = 0; i < r->nmem; i++) {
    const mem_row *m = &r->mem[i];
    fprintf(f, "    {\"input\": ");
    json_str(f, m->input);
    fprintf(f,
            ", \"bytes\": %zu, \"protocols\": %zu, \"path\": \"%s\", "
            "\"heap_peak_bytes\": %zu, \"heap_allocs\": %zu, "
            "\"peak_rss_kib\": %ld, \"baseline_rss_kib\": %ld, \"status\": "
            "%d}%s\n",
            m->bytes, m->protocols, PATH_NAME[m->path], m->heap_peak,
            m->heap_allocs, m->hwm_kib, m->base_hwm_kib, m->status,
            i + 1 < r->nmem ? "," : "");
  }
  fprintf(f, "  ],\n  \"limit_checks\": [\n");
  for (i = 0; i < r->nlc; i++) {
    fprintf(f, "    {\"input\": ");
    json_str(f, r->lc[i].what);
    fprintf(f, ", \"got\": ");
    json_str(f, r->lc[i].got);
    fprintf(f, ", \"ok\": %s}%s\n", r->lc[i].ok ? "true" : "false",
            i + 1 < r->nlc ? "," : "");
  }
  fprintf(f, "  ],\n  \"peers\": [");
  for (i = 0; i < r->cfg->npeers; i++) {
    fprintf(f, "%s{\"name\": ", i ? ", " : "");
    json_str(f, r->cfg->peers[i].name);
    fprintf(f, ", \"median\": %.1f, \"min\": %.1f, \"max\": %.1f}",
            r->cfg->peers[i].med, r->cfg->peers[i].min, r->cfg->peers[i].max);
  }
  fprintf(f,
          "],\n  \"fuzz_exec_per_s\": {\"poxauth_fuzzer\": %.0f, "
          "\"fuzz_bare_expat\": %.0f}\n}\n",
          r->cfg->fuzz_main, r->cfg->fuzz_bare);
  return fclose(f) == 0 ? 0 : -1;
}
