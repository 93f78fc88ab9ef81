/* SPDX-License-Identifier: MIT */
/* poxauth_escape: every class of the rule (README.md, "Hostile bytes"),
 * cutting at cap, and that JSON style always makes valid JSON string
 * content.  Beyond the examples, every one-, two- and three-byte input
 * and a run of pseudo-random ones are checked for the property itself: no
 * byte of an escaped class comes out raw. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "escape_oracle.h"
#include "poxauth.h"

check_state check_totals;

static char out[4096];

static const char *
esc(const char *s, size_t n, poxauth_escape_style st) {
  size_t need = poxauth_escape(out, sizeof out, s, n, st);
  return need < sizeof out ? out : "(cut)";
}

#define T(lit) esc(lit, sizeof lit - 1, POXAUTH_ESCAPE_TEXT)
#define J(lit) esc(lit, sizeof lit - 1, POXAUTH_ESCAPE_JSON)

/* 1 when s is valid UTF-8 holding no dangerous character. */
static int
safe_text(const char *s) {
  const unsigned char *u = (const unsigned char *)s;
  size_t n = strlen(s), i = 0;
  while (i < n) {
    unsigned long cp;
    size_t k = oracle_utf8(u + i, n - i, &cp);
    if (k == 0 || oracle_escaped(cp))
      return 0;
    i += k;
  }
  return 1;
}

static int
hex4(const char *s, unsigned long *v) {
  int i;
  *v = 0;
  for (i = 0; i < 4; i++) {
    char c = s[i];
    unsigned d = c >= '0' && c <= '9'   ? (unsigned)(c - '0')
                 : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
                 : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10)
                                        : 16u;
    if (d == 16)
      return 0;
    *v = *v * 16 + d;
  }
  return 1;
}

/* 1 when s is valid content of a JSON string (RFC 8259): valid UTF-8, no
 * raw control or '"', escapes well-formed, surrogates paired; and, for
 * poxauth's rule, no dangerous character raw. */
static int
valid_json_content(const char *s) {
  size_t i = 0, n = strlen(s);
  if (!safe_text(s))
    return 0;
  while (i < n) {
    unsigned long v, w;
    if (s[i] == '"')
      return 0;
    if (s[i] != '\\') {
      i++;
      continue;
    }
    if (i + 1 >= n)
      return 0;
    if (strchr("\"\\/bfnrt", s[i + 1])) {
      i += 2;
      continue;
    }
    if (s[i + 1] != 'u' || i + 6 > n || !hex4(s + i + 2, &v))
      return 0;
    i += 6;
    if (v >= 0xDC00 && v <= 0xDFFF)
      return 0;
    if (v >= 0xD800 && v <= 0xDBFF) {
      if (i + 6 > n || s[i] != '\\' || s[i + 1] != 'u' ||
          !hex4(s + i + 2, &w) || w < 0xDC00 || w > 0xDFFF)
        return 0;
      i += 6;
    }
  }
  return 1;
}

static void
classes_text(void) {
  CHECK_STR(T("ntlm"), "ntlm");
  CHECK_STR(T("a\"b'c <&> ~"), "a\"b'c <&> ~");
  /* C0, tab and newline included: a value stays on its line. */
  CHECK_STR(T("a\tb\nc\rd"), "a\\tb\\nc\\rd");
  CHECK_STR(T("\x1b[2J\x07"), "\\x1B[2J\\x07");
  CHECK_STR(esc("a\0b", 3, POXAUTH_ESCAPE_TEXT), "a\\x00b");
  CHECK_STR(T("\x01\x1f"), "\\x01\\x1F");
  CHECK_STR(T("\x7f"), "\\x7F");
  /* The backslash is doubled, so an escape is never ambiguous. */
  CHECK_STR(T("\\x1B"), "\\\\x1B");
  /* C1 controls as UTF-8 (what expat makes of &#x9B; or of a 0x9B byte
   * in ISO-8859-1): escaped as characters. */
  CHECK_STR(T("\xc2\x80"), "\\u0080");
  CHECK_STR(T("\xc2\x9b"
              "2J"),
            "\\u009B2J");
  CHECK_STR(T("\xc2\x9f"), "\\u009F");
  CHECK_STR(T("\xc2\xa0\xc3\xa9"), "\xc2\xa0\xc3\xa9"); /* NBSP, e-acute */
  /* Bidi overrides and isolates, and each other format character. */
  CHECK_STR(T("\xe2\x80\xae"
              "ntlm"),
            "\\u202Entlm");
  CHECK_STR(T("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad"),
            "\\u202A\\u202B\\u202C\\u202D");
  CHECK_STR(T("\xe2\x81\xa6\xe2\x81\xa9"), "\\u2066\\u2069");
  CHECK_STR(T("\xe2\x80\x8b\xe2\x80\x8f\xe2\x80\xa8\xe2\x80\xa9"),
            "\\u200B\\u200F\\u2028\\u2029");
  CHECK_STR(T("\xc2\xad\xd8\x9c\xe1\xa0\x8e"), "\\u00AD\\u061C\\u180E");
  CHECK_STR(T("\xe2\x81\xa0\xe2\x81\xa4\xe2\x81\xaf"), "\\u2060\\u2064\\u206F");
  CHECK_STR(T("\xef\xbb\xbf\xef\xbf\xb9\xef\xbf\xbb"), "\\uFEFF\\uFFF9\\uFFFB");
  CHECK_STR(T("\xf3\xa0\x80\x81\xf3\xa0\x81\xa1\xf3\xa0\x81\xbf"),
            "\\U000E0001\\U000E0061\\U000E007F");
  /* Neighbours of the ranges pass. */
  CHECK_STR(T("\xe2\x80\x8a\xe2\x80\xaf\xe2\x81\xa5\xef\xbf\xbc"),
            "\xe2\x80\x8a\xe2\x80\xaf\xe2\x81\xa5\xef\xbf\xbc");
  CHECK_STR(T("\xf0\x9f\x94\x92"), "\xf0\x9f\x94\x92"); /* U+1F512 */
  /* Invalid UTF-8, byte by byte; what follows is read again. */
  CHECK_STR(T("\x9b"
              "2J"),
            "\\x9B2J");
  CHECK_STR(T("\xff\xfe"), "\\xFF\\xFE");
  CHECK_STR(T("\xc0\xaf"), "\\xC0\\xAF");                   /* overlong */
  CHECK_STR(T("\xe0\x80\xaf"), "\\xE0\\x80\\xAF");          /* overlong */
  CHECK_STR(T("\xed\xa0\x80"), "\\xED\\xA0\\x80");          /* surrogate */
  CHECK_STR(T("\xf4\x90\x80\x80"), "\\xF4\\x90\\x80\\x80"); /* > 10FFFF */
  CHECK_STR(T("\xe2\x80"
              "a"),
            "\\xE2\\x80a"); /* cut short */
  CHECK_STR(T("\xc3"), "\\xC3");
  CHECK_STR(T("\xe2\xc2\x9b"), "\\xE2\\u009B");
  CHECK_STR(T(""), "");
  CHECK(poxauth_escape(out, sizeof out, NULL, 0, POXAUTH_ESCAPE_TEXT) == 0 &&
        out[0] == '\0');
}

static void
classes_json(void) {
  CHECK_STR(J("ntlm"), "ntlm");
  CHECK_STR(J("say \"hi\" \\ /"), "say \\\"hi\\\" \\\\ /");
  CHECK_STR(J("a\tb\nc\r\x1b\x7f"), "a\\u0009b\\u000Ac\\u000D\\u001B\\u007F");
  CHECK_STR(esc("\0", 1, POXAUTH_ESCAPE_JSON), "\\u0000");
  CHECK_STR(J("EX\xc2\x9b"
              "CH"),
            "EX\\u009BCH");
  CHECK_STR(J("\xc2\x9b"
              "2J\xe2\x80\xae"
              "ntlm"),
            "\\u009B2J\\u202Entlm");
  CHECK_STR(J("\xc3\xa9\xf0\x9f\x94\x92"), "\xc3\xa9\xf0\x9f\x94\x92");
  /* Beyond U+FFFF: a surrogate pair. */
  CHECK_STR(J("\xf3\xa0\x81\xa1"), "\\uDB40\\uDC61");
  /* Invalid UTF-8: the text \xHH, with its backslash escaped for JSON. */
  CHECK_STR(J("\x9b\xff"), "\\\\x9B\\\\xFF");
  CHECK(valid_json_content(J("\x9b\xff\xe2\x80\xae\"\\\x01")));
  CHECK(!valid_json_content("\\ud800")); /* the validator can fail */
  CHECK(!valid_json_content("a\"b"));
  CHECK(!valid_json_content("\xc2\x9b"));
}

/* For every cap, the output is the escaping of a prefix of the input,
 * NUL-terminated, and the return value is the full length. */
static void
check_cuts(const char *in, size_t n, poxauth_escape_style st) {
  char full[256], part[256], pre[256];
  size_t need = poxauth_escape(full, sizeof full, in, n, st), cap;
  CHECK(need < sizeof full && strlen(full) == need);
  CHECK(poxauth_escape(NULL, 0, in, n, st) == need);
  for (cap = 1; cap <= need + 1; cap++) {
    size_t got, k, ok = 0;
    memset(part, 'Z', sizeof part);
    got = poxauth_escape(part, cap, in, n, st);
    CHECK(got == need);
    CHECK(memchr(part, '\0', cap) != NULL);
    CHECK(part[cap] == 'Z'); /* nothing written past cap */
    for (k = 0; k <= n && !ok; k++) {
      poxauth_escape(pre, sizeof pre, in, k, st);
      ok = strcmp(pre, part) == 0;
    }
    CHECK_MSG(ok, "cap %zu cut inside an escape: \"%s\"", cap, part);
    CHECK(cap <= need || strcmp(part, full) == 0);
  }
  /* cap 1: only the NUL. */
  part[0] = 'Z';
  poxauth_escape(part, 1, in, n, st);
  CHECK(part[0] == '\0');
}

static void
cutting(void) {
  static const char in[] =
      "a\x1b[\xc2\x9b\xe2\x80\xae\xf3\xa0\x81\xa1\x9b\\\"\xc3\xa9\n";
  check_cuts(in, sizeof in - 1, POXAUTH_ESCAPE_TEXT);
  check_cuts(in, sizeof in - 1, POXAUTH_ESCAPE_JSON);
}

static void
exhaustive(void) {
  unsigned char b[3];
  unsigned a, c, d;
  unsigned long bad_text = 0, bad_json = 0;
  for (a = 0; a < 256; a++) {
    b[0] = (unsigned char)a;
    bad_text += !safe_text(esc((char *)b, 1, POXAUTH_ESCAPE_TEXT));
    bad_json += !valid_json_content(esc((char *)b, 1, POXAUTH_ESCAPE_JSON));
    for (c = 0; c < 256; c++) {
      b[1] = (unsigned char)c;
      bad_text += !safe_text(esc((char *)b, 2, POXAUTH_ESCAPE_TEXT));
      bad_json += !valid_json_content(esc((char *)b, 2, POXAUTH_ESCAPE_JSON));
      if (a < 0xE0 || a > 0xEF)
        continue; /* three-byte leads only: the format characters */
      for (d = 0; d < 256; d++) {
        b[2] = (unsigned char)d;
        bad_text += !safe_text(esc((char *)b, 3, POXAUTH_ESCAPE_TEXT));
        bad_json += !valid_json_content(esc((char *)b, 3, POXAUTH_ESCAPE_JSON));
      }
    }
  }
  CHECK_MSG(bad_text == 0, "%lu unsafe text outputs", bad_text);
  CHECK_MSG(bad_json == 0, "%lu invalid JSON outputs", bad_json);
}

static void
random_inputs(void) {
  static const char bias[] = "\xc2\x9b\xe2\x80\xae\xf3\xa0";
  /* 64 bits everywhere (unsigned long is 32 on i386). */
  unsigned long long x = 12345;
  unsigned long bad = 0;
  char in[64];
  int round, i;
  for (round = 0; round < 20000; round++) {
    size_t n = (size_t)(x % sizeof in);
    for (i = 0; i < (int)n; i++) {
      x = x * 6364136223846793005ull + 1442695040888963407ull;
      /* Bias towards the bytes that build the dangerous characters. */
      if ((x >> 33) % 4 == 0)
        in[i] = bias[(x >> 40) % (sizeof bias - 1)];
      else
        in[i] = (char)(x >> 45);
    }
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    bad += !safe_text(esc(in, n, POXAUTH_ESCAPE_TEXT));
    bad += !valid_json_content(esc(in, n, POXAUTH_ESCAPE_JSON));
  }
  CHECK_MSG(bad == 0, "%lu bad outputs", bad);
}

int
main(void) {
  classes_text();
  classes_json();
  cutting();
  exhaustive();
  random_inputs();
  return check_report("escape");
}
