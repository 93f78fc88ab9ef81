/* SPDX-License-Identifier: MIT */
/*
 * poxauth_multiblock_check [-q] FILE|DIR...: the block-edge test of every
 * input (fuzz input format: the conformance cases exported to
 * corpus/poxauth_fuzzer/ by poxauth-conformance --fuzz-corpus).
 *
 * For each input the response is re-run padded (fuzz_pad.h) so that each
 * interesting byte lands on a block edge (the edge falls just before it;
 * as runs of consecutive bytes are chosen, it falls after them too):
 * - pad D (inside the XML declaration): every byte of the declaration in
 *   the encoding cases, one in seven elsewhere;
 * - pad A (after the root's start tag): every byte of the start tags of
 *   Type, AuthPackage, ServerVersion and Action (any prefix) and the
 *   first three bytes of their text, of CDATA markers, of character
 *   references, of non-ASCII characters (UTF-8 sequences, UTF-16 units)
 *   and of CR LF pairs (in UTF-16 documents too);
 * - both pads at once, the document spanning three blocks.
 * Each padded run, one-shot, must give the unpadded answer, positions
 * shifted by the padding (fuzz_check_same_mapped); every 8th one, and the
 * three-block run, is also fed cut one byte either side of every edge.  A
 * mismatch traps naming the file and the target byte.  Responses over
 * 64 KiB (the 1 MiB limit cases) get the first 32 targets of each pad.
 * Exit 0 when every input passed, 1 when one could not be read, 2 on bad
 * usage.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_check.h"
#include "fuzz_pad.h"

static const char *cur_file;
static const char *cur_what = "";
static size_t cur_target;

/* Called by fuzz_fail before it traps. */
void
fuzz_fail_context(void) {
  fprintf(stderr, "*** multiblock: %s, %s, target byte %zu\n",
          cur_file ? cur_file : "?", cur_what, cur_target);
}

static unsigned long runs, inputs;

/* The response as 8-bit units: UTF-16 units are projected (a non-ASCII
 * unit reads 0x80), so one scan finds markup in either encoding. */
typedef struct view {
  uint8_t *u;
  size_t n, bom, w;
} view;

static int
make_view(const uint8_t *b, size_t len, view *v) {
  size_t i;
  int be = 0;
  v->bom = 0;
  v->w = 1;
  if (len >= 2 &&
      ((b[0] == 0xfe && b[1] == 0xff) || (b[0] == 0 && b[1] == '<')))
    v->w = 2, be = 1, v->bom = b[0] ? 2 : 0;
  else if (len >= 2 &&
           ((b[0] == 0xff && b[1] == 0xfe) || (b[0] == '<' && b[1] == 0)))
    v->w = 2, v->bom = b[0] == 0xff ? 2 : 0;
  v->n = (len - v->bom) / v->w;
  v->u = (uint8_t *)malloc(v->n + 1);
  if (!v->u)
    return -1;
  for (i = 0; i < v->n; i++) {
    const uint8_t *p = b + v->bom + i * v->w;
    unsigned c = v->w == 1 ? p[0]
                 : be      ? (unsigned)(p[0] << 8 | p[1])
                           : (unsigned)(p[1] << 8 | p[0]);
    v->u[i] = (uint8_t)(c < 0x80 ? c : 0x80);
  }
  return 0;
}

static void
mark(uint8_t *marks, const view *v, size_t from, size_t to) {
  size_t i, k;
  for (i = from; i < to && i < v->n; i++)
    for (k = 0; k < v->w; k++)
      marks[v->bom + i * v->w + k] = 1;
}

static int
at(const view *v, size_t i, const char *s) {
  size_t n = strlen(s);
  return i + n <= v->n && memcmp(v->u + i, s, n) == 0;
}

/* The interesting bytes: every byte of the start tags of Type,
 * AuthPackage, ServerVersion and Action (any prefix) and the first three
 * of their text; of CDATA markers, character references, non-ASCII
 * characters (each byte of a UTF-8 sequence, each of a UTF-16 unit), and
 * CR LF pairs. */
static void
interesting(const view *v, uint8_t *marks) {
  static const char *const names[] = {"Type", "AuthPackage", "ServerVersion",
                                      "Action"};
  size_t i, k;
  for (i = 0; i < v->n; i++) {
    uint8_t c = v->u[i];
    if (c == '<' && i + 1 < v->n && v->u[i + 1] != '/') {
      size_t j = i + 1, e;
      while (j < v->n && j < i + 40 && v->u[j] != ':' && v->u[j] != '>' &&
             v->u[j] != ' ')
        j++;
      j = (j < v->n && v->u[j] == ':') ? j + 1 : i + 1;
      for (k = 0; k < 4; k++)
        if (at(v, j, names[k])) {
          for (e = j; e < v->n && v->u[e] != '>'; e++)
            ;
          mark(marks, v, i, e + 4);
        }
      if (at(v, i, "<![CDATA["))
        mark(marks, v, i, i + 9);
    } else if (c == ']' && at(v, i, "]]>")) {
      mark(marks, v, i, i + 3);
    } else if (c == '&') {
      for (k = i; k < v->n && k < i + 12 && v->u[k] != ';'; k++)
        ;
      mark(marks, v, i, k + 1);
    } else if (c >= 0x80 || (c == '\r' && i + 1 < v->n)) {
      mark(marks, v, i, i + 2);
    }
  }
}

static void
run(const fuzz_input *in, const poxauth_result *r, poxauth_status st,
    const fuzz_pad_req *req, int cut) {
  fuzz_padded pd;
  poxauth_options o;
  poxauth_result *r2 = NULL;
  poxauth_status st2;
  int got = fuzz_pad_build(in->body, in->body_len,
                           in->opts.limits.max_input_bytes, req, &pd);
  if (got < 0) {
    fprintf(stderr, "multiblock: out of memory\n");
    exit(1);
  }
  if (got == 0)
    return;
  runs++;
  fuzz_pad_options(&in->opts, &pd, &o);
  st2 = poxauth_parse(&o, pd.doc, pd.len, &r2, NULL);
  fuzz_check_same_mapped(r, st, r2, st2, &pd.map);
  poxauth_result_free(r2);
  if (cut) {
    size_t splits[16], n = 0, k;
    fuzz_chunker ch;
    for (k = FUZZ_BLOCK_BYTES; k < pd.len && n + 2 <= 16;
         k += FUZZ_BLOCK_BYTES) {
      splits[n++] = k - 1;
      splits[n++] = k + 1;
    }
    fuzz_chunker_splits(&ch, splits, n);
    st2 = fuzz_parse_chunked(&o, pd.doc, pd.len, &ch, &r2);
    fuzz_check_same_mapped(r, st, r2, st2, &pd.map);
    poxauth_result_free(r2);
  }
  fuzz_pad_free(&pd);
}

static void
check_input(const uint8_t *data, size_t size, int every_decl_byte) {
  fuzz_input in;
  fuzz_pad_req req;
  poxauth_result *r = NULL;
  poxauth_status st;
  size_t pd = 0, pa = 0, t, end, n = 0, cap;
  int places;
  uint8_t *marks;
  view v;

  fuzz_input_decode(data, size, &in);
  st = poxauth_parse(&in.opts, in.body, in.body_len, &r, NULL);
  if (st == POXAUTH_ERR_ARGUMENT)
    return;
  inputs++;
  places = fuzz_pad_places(in.body, in.body_len, &pd, &pa);
  /* The limit cases of 1 MiB: a sample of targets, not every one. */
  cap = in.body_len > 65536 ? 32 : (size_t)-1;
  memset(&req, 0, sizeof req);
  req.block_d = req.block_a = 1;
  if (places & 1) {
    /* The declaration: every byte up to "?>" in the encoding cases, a
     * sample (one in seven) elsewhere. */
    cur_what = "pad D (declaration)";
    req.want_d = 1;
    end = (places & 2) ? pa : in.body_len;
    for (t = pd; t < end && t < pd + 160 && t - pd < cap; t++) {
      if (!every_decl_byte && (t - pd) % 7 != 0)
        continue;
      cur_target = req.target_d = t;
      req.tabs = (int)(t & 1);
      run(&in, r, st, &req, (t & 7) == 0);
      if (t >= 2 && in.body[t - 1] == '>' && in.body[t - 2] == '?')
        break;
    }
    req.want_d = 0;
  }
  marks = (uint8_t *)calloc(in.body_len + 2, 1);
  if (!marks || make_view(in.body, in.body_len, &v) != 0) {
    fprintf(stderr, "multiblock: out of memory\n");
    exit(1);
  }
  interesting(&v, marks);
  free(v.u);
  if (places & 2) {
    cur_what = "pad A (after the root start tag)";
    req.want_a = 1;
    for (t = pa; t <= in.body_len && n < cap; t++) {
      if (t < in.body_len && !marks[t])
        continue;
      cur_target = req.target_a = t;
      req.style = (enum fuzz_pad_style)(n % 4);
      run(&in, r, st, &req, (n++ & 7) == 0);
    }
  }
  free(marks);
  if (places == 3) {
    /* Three blocks: the declaration across the first edge, the middle of
     * the content across the third. */
    cur_what = "pads D and A";
    req.want_d = req.want_a = 1;
    req.target_d = pd + 8;
    req.target_a = pa + (in.body_len - pa) / 2;
    req.block_a = 2;
    req.delta_a = -1;
    req.style = FUZZ_PAD_MIXED;
    cur_target = req.target_a;
    run(&in, r, st, &req, 1);
  }
  poxauth_result_free(r);
}

static int
check_file(const char *path) {
  FILE *f = fopen(path, "rb");
  uint8_t *buf;
  long len;
  if (!f)
    return -1;
  if (fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
      fseek(f, 0, SEEK_SET) != 0) {
    fclose(f);
    return -1;
  }
  buf = (uint8_t *)malloc((size_t)len + 1);
  if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len) {
    free(buf);
    fclose(f);
    return -1;
  }
  fclose(f);
  cur_file = path;
  check_input(buf, (size_t)len, strstr(path, "encoding__") != NULL);
  free(buf);
  return 0;
}

static int
cmp_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
check_dir(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  char **names = NULL;
  size_t n = 0, cap = 0, i;
  int bad = 0;
  if (!d)
    return -1;
  while ((e = readdir(d)) != NULL) {
    if (e->d_name[0] == '.')
      continue;
    if (n == cap) {
      char **nn =
          (char **)realloc(names, (cap = cap ? 2 * cap : 64) * sizeof *nn);
      if (!nn)
        return -1;
      names = nn;
    }
    names[n] = (char *)malloc(strlen(dir) + strlen(e->d_name) + 2);
    if (!names[n])
      return -1;
    sprintf(names[n++], "%s/%s", dir, e->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, cmp_names);
  for (i = 0; i < n; i++) {
    struct stat sb;
    if (stat(names[i], &sb) == 0 && S_ISREG(sb.st_mode) &&
        check_file(names[i]) != 0)
      bad = 1;
    free(names[i]);
  }
  free(names);
  return bad ? -1 : 0;
}

int
main(int argc, char **argv) {
  int i, quiet = 0, bad = 0;
  if (argc < 2) {
    fprintf(stderr, "usage: %s [-q] FILE|DIR...\n", argv[0]);
    return 2;
  }
  for (i = 1; i < argc; i++) {
    struct stat sb;
    if (strcmp(argv[i], "-q") == 0) {
      quiet = 1;
      continue;
    }
    if (stat(argv[i], &sb) != 0 ||
        (S_ISDIR(sb.st_mode) ? check_dir(argv[i]) : check_file(argv[i])) != 0) {
      fprintf(stderr, "multiblock: cannot read %s\n", argv[i]);
      bad = 1;
    }
  }
  if (!quiet)
    printf("multiblock: %lu inputs, %lu padded runs, all agree\n", inputs,
           runs);
  return bad;
}
