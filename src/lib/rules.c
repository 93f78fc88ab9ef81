/* SPDX-License-Identifier: MIT */
/* The rules of conformance/SPEC.md, applied once the whole document has
 * been read: the EXCH fallback of [VER-3] may come after the Protocol it
 * serves, so nothing here can be decided earlier. */
#include <string.h>

#include "internal.h"

static int
is_type(const poxauth_protocol *p, const char *t) {
  size_t n = strlen(t);
  return p->type && p->type_len == n && memcmp(p->type, t, n) == 0;
}

static int
has_upper(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++)
    if (s[i] >= 'A' && s[i] <= 'Z')
      return 1;
  return 0;
}

/* [KND-1], [KND-2] */
static int
evaluate_kind(poxauth_result *r, const px_doc *doc) {
  static const struct {
    const char *text;
    poxauth_kind kind;
  } actions[] = {{"settings", POXAUTH_KIND_SETTINGS},
                 {"redirectAddr", POXAUTH_KIND_REDIRECT_ADDR},
                 {"redirectUrl", POXAUTH_KIND_REDIRECT_URL}};
  size_t i;
  if (doc->error_seen) {
    r->kind = POXAUTH_KIND_ERROR;
    return 0;
  }
  r->kind = POXAUTH_KIND_OTHER;
  /* [KND-4]: an ActiveSync answer is complete without an Outlook one. */
  if (!doc->a_response_seen && doc->mobilesync_seen) {
    r->kind = POXAUTH_KIND_MOBILESYNC;
    return 0;
  }
  if (!doc->a_response_seen)
    return px_add_finding(r, POXAUTH_F_RESPONSE_MISSING, POXAUTH_NO_PROTOCOL,
                          doc->root_line, doc->root_column,
                          POXAUTH_VALUE_ABSENT);
  if (!doc->action_seen)
    return px_add_finding(r, POXAUTH_F_ACTION_MISSING, POXAUTH_NO_PROTOCOL,
                          doc->account_line, doc->account_column,
                          POXAUTH_VALUE_ABSENT);
  for (i = 0; i < sizeof actions / sizeof actions[0]; i++) {
    size_t n = strlen(actions[i].text);
    if (doc->action_len == n && memcmp(doc->action, actions[i].text, n) == 0) {
      r->kind = actions[i].kind;
      return 0;
    }
  }
  return px_add_finding(r, POXAUTH_F_ACTION_UNKNOWN, POXAUTH_NO_PROTOCOL,
                        doc->action_line, doc->action_column,
                        POXAUTH_VALUE_ABSENT);
}

/* [VAL-2] .. [VAL-6] for the first AuthPackage of Protocol i. */
static int
evaluate_value(poxauth_result *r, size_t i) {
  proto_rec *pr = &r->protos[i];
  poxauth_protocol *p = &pr->pub;
  const char *t = p->raw;
  size_t n = p->raw_len;
  unsigned long l = pr->ap_line, c = pr->ap_column;
  poxauth_value v, tw;
  px_trim(&t, &n);
  if (n == 0) {
    p->value = POXAUTH_VALUE_UNKNOWN;
    return px_add_finding(r, POXAUTH_F_VALUE_EMPTY, i, l, c, p->value);
  }
  if (px_value_match(r->profile, t, n, &v)) {
    p->value = v;
    if (n != p->raw_len &&
        px_add_finding(r, POXAUTH_F_VALUE_TRIMMED, i, l, c, v) != 0)
      return -1;
    if (has_upper(t, n) &&
        px_add_finding(r, POXAUTH_F_VALUE_CASE, i, l, c, v) != 0)
      return -1;
    /* [PRO-3]: accepted, but a user bound to one source must see it. */
    if (r->profile == POXAUTH_PROFILE_UNION && px_value_one_source(v) &&
        px_add_finding(r, POXAUTH_F_VALUE_ONE_SOURCE, i, l, c, v) != 0)
      return -1;
    return 0;
  }
  p->value = POXAUTH_VALUE_UNKNOWN;
  /* The hint of value-unknown names the other profile when the text is a
   * value there [PRO-1]. */
  if (!px_value_match(r->profile == POXAUTH_PROFILE_POX
                          ? POXAUTH_PROFILE_OXDSCLI
                          : POXAUTH_PROFILE_POX,
                      t, n, &v))
    v = POXAUTH_VALUE_UNKNOWN;
  if (px_add_finding(r, POXAUTH_F_VALUE_UNKNOWN, i, l, c, v) != 0)
    return -1;
  tw = px_translated_word(t, n);
  if (tw != POXAUTH_VALUE_ABSENT &&
      px_add_finding(r, POXAUTH_F_VALUE_TRANSLATED, i, l, c, tw) != 0)
    return -1;
  return 0;
}

/* [TYP-1]: a Type child wins; without one, the attribute. */
static void
resolve_type(proto_rec *pr) {
  if (pr->type_from_child || !pr->type_attr || !pr->type_attr_len)
    return;
  pr->type_buf = pr->type_attr;
  pr->pub.type = pr->type_buf;
  pr->pub.type_len = pr->type_attr_len;
  pr->type_attr = NULL;
  pr->type_line = pr->pub.line;
  pr->type_column = pr->pub.column;
}

/* [VER-1] .. [VER-5] */
static int
evaluate_version(poxauth_result *r, size_t i, const px_context *ctx,
                 const poxauth_build *exch) {
  proto_rec *pr = &r->protos[i];
  poxauth_protocol *p = &pr->pub;
  int need_neg = p->value == POXAUTH_VALUE_NEGOTIATE &&
                 !(ctx->caps & POXAUTH_CAN_NEGOTIATE);
  int need_ex = is_type(p, "EXHTTP") && !(ctx->caps & POXAUTH_CAN_EXHTTPINFO);
  const poxauth_build *b = NULL;
  if (!need_neg && !need_ex)
    return 0;
  if (ctx->build.nparts) {
    b = &ctx->build;
    p->build_source = POXAUTH_BUILD_CONTEXT;
  } else if (p->server_version_state == POXAUTH_SV_OK) {
    b = &p->server_version;
    p->build_source = POXAUTH_BUILD_PROTOCOL;
  } else if (exch) {
    b = exch;
    p->build_source = POXAUTH_BUILD_EXCH;
  } else {
    p->build_source = POXAUTH_BUILD_ASSUMED;
    if (px_add_finding(r, POXAUTH_F_BUILD_ASSUMED, i, p->line, p->column,
                       POXAUTH_VALUE_ABSENT) != 0)
      return -1;
  }
  if (!poxauth_build_rule_active(b))
    return 0;
  if (need_neg && px_add_finding(r, POXAUTH_F_NEGOTIATE_UNREQUESTED, i,
                                 pr->ap_line, pr->ap_column, p->value) != 0)
    return -1;
  if (need_ex && px_add_finding(r, POXAUTH_F_EXHTTP_UNREQUESTED, i, p->line,
                                p->column, p->value) != 0)
    return -1;
  return 0;
}

static int
evaluate_protocol(poxauth_result *r, size_t i, const px_context *ctx,
                  const poxauth_build *exch) {
  proto_rec *pr = &r->protos[i];
  poxauth_protocol *p = &pr->pub;
  int applicable = 0;
  if (!p->type) {
    if (px_add_finding(r, POXAUTH_F_TYPE_MISSING, i, p->line, p->column,
                       POXAUTH_VALUE_ABSENT) != 0)
      return -1;
  } else {
    int cls = px_type_class(p->type, p->type_len);
    p->type_known = cls == 1;
    if (cls == 2 && px_add_finding(r, POXAUTH_F_TYPE_CASE, i, pr->type_line,
                                   pr->type_column, POXAUTH_VALUE_ABSENT) != 0)
      return -1;
    applicable = cls == 1 && px_type_applies(r->profile, p->type, p->type_len);
  }
  if (p->server_version_state == POXAUTH_SV_MALFORMED &&
      px_add_finding(r, POXAUTH_F_SERVERVERSION_MALFORMED, i, pr->sv_line,
                     pr->sv_column, POXAUTH_VALUE_ABSENT) != 0)
    return -1;
  if (pr->ap_seen) {
    if (evaluate_value(r, i) != 0)
      return -1;
    p->applies = applicable;
    if (!applicable &&
        px_add_finding(r, POXAUTH_F_NOT_APPLICABLE, i, pr->ap_line,
                       pr->ap_column, p->value) != 0)
      return -1;
  }
  return evaluate_version(r, i, ctx, exch);
}

int
px_evaluate(poxauth_result *r, const px_context *ctx, const px_doc *doc) {
  const poxauth_build *exch = NULL;
  size_t i;
  if (evaluate_kind(r, doc) != 0)
    return -1;
  for (i = 0; i < r->nprotos; i++)
    resolve_type(&r->protos[i]);
  /* [VER-3]: the first EXCH Protocol with a well-formed ServerVersion,
   * wherever it stands, so every Type is resolved first. */
  for (i = 0; i < r->nprotos && !exch; i++) {
    const proto_rec *pr = &r->protos[i];
    if (is_type(&pr->pub, "EXCH") &&
        pr->pub.server_version_state == POXAUTH_SV_OK)
      exch = &pr->pub.server_version;
  }
  for (i = 0; i < r->nprotos; i++)
    if (evaluate_protocol(r, i, ctx, exch) != 0)
      return -1;
  px_result_sort_findings(r);
  return 0;
}
