/* SPDX-License-Identifier: MIT */
/*
 * poxauth: a hardened, streaming reader of the AuthPackage element of
 * Microsoft Exchange POX Autodiscover responses.
 *
 * The one public header.  Rules cited as [XXX-n] are in conformance/SPEC.md.
 *
 * Conventions
 * - Every input is (pointer, length); nothing relies on NUL termination.
 *   Strings handed back are (pointer, length) too, and are additionally
 *   NUL-terminated for convenience.
 * - No globals: every call works on the objects passed to it, so separate
 *   parsers may be used from separate threads.
 * - The library never aborts or exits.  Allocation failure is reported.
 * - Compiles as C99, C11 and C++.
 */
#ifndef POXAUTH_H
#define POXAUTH_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define POXAUTH_VERSION_MAJOR 0
#define POXAUTH_VERSION_MINOR 1
#define POXAUTH_VERSION_PATCH 0
#define POXAUTH_VERSION_STRING "0.1.0"

#if defined(_WIN32) && !defined(POXAUTH_STATIC)
#ifdef POXAUTH_BUILDING
#define POXAUTH_API __declspec(dllexport)
#else
#define POXAUTH_API __declspec(dllimport)
#endif
#elif defined(__GNUC__)
#define POXAUTH_API __attribute__((visibility("default")))
#else
#define POXAUTH_API
#endif

/* ------------------------------------------------------------------ */
/* Status of an API call.                                              */

typedef enum poxauth_status {
  POXAUTH_OK = 0,           /* done; the result holds the facts          */
  POXAUTH_REJECTED = 1,     /* the input was rejected; see the rejection */
  POXAUTH_ERR_NOMEM = 2,    /* an allocation failed                      */
  POXAUTH_ERR_ARGUMENT = 3, /* a bad argument or option (message kept)   */
  POXAUTH_ERR_STATE = 4     /* call out of order (feed after finish ...) */
} poxauth_status;

POXAUTH_API const char *poxauth_status_name(poxauth_status s);

/* ------------------------------------------------------------------ */
/* Options.                                                            */

typedef enum poxauth_profile {
  POXAUTH_PROFILE_POX = 0,     /* the EWS "AuthPackage (POX)" page [PRO-1] */
  POXAUTH_PROFILE_OXDSCLI = 1, /* [MS-OXDSCLI] 2.2.4.1.1.2.6.4 [PRO-1]      */
  POXAUTH_PROFILE_UNION = 2    /* both sources; the default [PRO-3]         */
} poxauth_profile;

/* Allocator hooks, handed to expat unchanged; so they take no context
 * pointer, because expat's XML_Memory_Handling_Suite has none.  All three
 * are set, or all three are NULL (the C library's). */
typedef struct poxauth_memory {
  void *(*malloc_fcn)(size_t size);
  void *(*realloc_fcn)(void *ptr, size_t size);
  void (*free_fcn)(void *ptr);
} poxauth_memory;

/* One X-ClientCanHandle header line: its value, without the name. */
typedef struct poxauth_bytes {
  const char *data;
  size_t len;
} poxauth_bytes;

/* Limits.  Exceeding one rejects the input (class LIMIT) [REJ-6].
 * A zero field means "the default". */
typedef struct poxauth_limits {
  size_t max_input_bytes; /* default 1 MiB (1048576)                      */
  size_t max_depth;       /* element nesting, root = 1; default 32         */
  size_t max_elements;    /* start tags in the document; default 10000     */
  size_t max_protocols;   /* Account-level Protocols; default 64           */
  size_t max_text_bytes;  /* text of one element poxauth reads; def. 4096  */
} poxauth_limits;

#define POXAUTH_DEFAULT_MAX_INPUT_BYTES ((size_t)1 << 20)
#define POXAUTH_DEFAULT_MAX_DEPTH ((size_t)32)
#define POXAUTH_DEFAULT_MAX_ELEMENTS ((size_t)10000)
#define POXAUTH_DEFAULT_MAX_PROTOCOLS ((size_t)64)
#define POXAUTH_DEFAULT_MAX_TEXT_BYTES ((size_t)4096)

typedef struct poxauth_options {
  /* The size of this struct as the caller was compiled, set by
   * poxauth_options_init.  The struct only ever grows at its end: the
   * library reads the fields the caller knows, takes the defaults for the
   * rest, and refuses a size it does not know of (poxauth_parser_create,
   * POXAUTH_ERR_ARGUMENT). */
  size_t struct_size;
  poxauth_profile profile;
  /* X-ClientCanHandle header lines [HDR-1].  can_handle_count == 0 means
   * the header was absent; one line of length 0 means present but empty. */
  const poxauth_bytes *can_handle;
  size_t can_handle_count;
  /* Server build from the request context, "A", "A.B", "A.B.C" or
   * "A.B.C.D" in decimal [VER-7]; NULL (or length 0) means not known.  A
   * malformed build makes poxauth_parser_create fail with
   * POXAUTH_ERR_ARGUMENT. */
  const char *server_build;
  size_t server_build_len;
  poxauth_limits limits;
  poxauth_memory memory;
  /* Salt for expat's hash tables.  0: expat picks a random one (the
   * hash-flooding defence).  Fuzzers set a constant for determinism. */
  unsigned long hash_salt;
} poxauth_options;

/* Fill *opts with the defaults: profile union [PRO-3], no header, no
 * build, default limits, the C library's allocator, random hash salt; and
 * struct_size.
 * Call it through the macro, which passes the caller's sizeof: a zeroed
 * struct (struct_size 0) is refused. */
POXAUTH_API void poxauth_options_init_size(poxauth_options *opts, size_t size);
#define poxauth_options_init(opts)                                             \
  poxauth_options_init_size((opts), sizeof(poxauth_options))

/* ------------------------------------------------------------------ */
/* Results.                                                            */

typedef enum poxauth_kind {
  POXAUTH_KIND_OTHER = 0, /* none of the below; a finding says why [KND-2] */
  POXAUTH_KIND_SETTINGS = 1,
  POXAUTH_KIND_REDIRECT_ADDR = 2,
  POXAUTH_KIND_REDIRECT_URL = 3,
  POXAUTH_KIND_ERROR = 4,
  POXAUTH_KIND_MOBILESYNC = 5 /* an ActiveSync response: no Protocols [KND-4] */
} poxauth_kind;

typedef enum poxauth_value {
  POXAUTH_VALUE_ABSENT = 0,  /* no AuthPackage element [VAL-9]            */
  POXAUTH_VALUE_UNKNOWN = 1, /* present, not a value of the profile       */
  POXAUTH_VALUE_BASIC,
  POXAUTH_VALUE_KERB,
  POXAUTH_VALUE_KERBNTLM,
  POXAUTH_VALUE_NTLM,
  POXAUTH_VALUE_CERTIFICATE,
  POXAUTH_VALUE_NEGOTIATE,
  POXAUTH_VALUE_NEGO2,    /* pox and union profiles only     */
  POXAUTH_VALUE_ANONYMOUS /* oxdscli and union profiles only */
} poxauth_value;

typedef enum poxauth_severity {
  POXAUTH_NOTE = 0,     /* worth knowing; the response still conforms */
  POXAUTH_VIOLATION = 1 /* the response breaks a rule                 */
} poxauth_severity;

/* Finding codes.  Names (poxauth_finding_name) are stable and are what the
 * canonical format prints; numbers are stable within a major version. */
typedef enum poxauth_finding_code {
  POXAUTH_F_RESPONSE_MISSING = 1,    /* no Outlook Response, no Error [KND-1] */
  POXAUTH_F_ACTION_MISSING,          /* no Action in the Account [KND-2]      */
  POXAUTH_F_ACTION_UNKNOWN,          /* Action not a known one [KND-2]        */
  POXAUTH_F_TYPE_MISSING,            /* Protocol without Type [TYP-3]         */
  POXAUTH_F_TYPE_CASE,               /* case variant of a known Type [TYP-2]  */
  POXAUTH_F_NOT_APPLICABLE,          /* AuthPackage under another Type [TYP-4]*/
  POXAUTH_F_VALUE_UNKNOWN,           /* not a value of the profile [VAL-4]    */
  POXAUTH_F_VALUE_TRANSLATED,        /* a translated doc word [VAL-5]         */
  POXAUTH_F_VALUE_EMPTY,             /* empty after trimming [VAL-6]          */
  POXAUTH_F_VALUE_CHILDREN,          /* child elements inside [VAL-7]         */
  POXAUTH_F_VALUE_DUPLICATE,         /* second AuthPackage [VAL-8]            */
  POXAUTH_F_VALUE_CASE,              /* not in lowercase [VAL-3]              */
  POXAUTH_F_VALUE_TRIMMED,           /* surrounded by white space [VAL-3]     */
  POXAUTH_F_NEGOTIATE_UNREQUESTED,   /* version rule, negotiate [VER-1]       */
  POXAUTH_F_EXHTTP_UNREQUESTED,      /* version rule, EXHTTP [VER-2]          */
  POXAUTH_F_BUILD_ASSUMED,           /* build unknown, rule assumed [VER-5]   */
  POXAUTH_F_SERVERVERSION_MALFORMED, /* not eight hex digits [VER-6]         */
  POXAUTH_F_VALUE_ONE_SOURCE         /* defined by one source only [PRO-3]   */
} poxauth_finding_code;
#define POXAUTH_F_COUNT 18

typedef enum poxauth_reject_class {
  POXAUTH_REJECT_NONE = 0,
  POXAUTH_REJECT_NOT_WELL_FORMED,      /* [REJ-2] */
  POXAUTH_REJECT_DOCTYPE,              /* [REJ-3] */
  POXAUTH_REJECT_NOT_AUTODISCOVER,     /* [REJ-4] */
  POXAUTH_REJECT_WRONG_NAMESPACE,      /* [REJ-4] */
  POXAUTH_REJECT_UNSUPPORTED_ENCODING, /* [REJ-5] */
  POXAUTH_REJECT_EMPTY,                /* [REJ-5] */
  POXAUTH_REJECT_LIMIT,                /* [REJ-6] */
  POXAUTH_REJECT_NOMEM                 /* [REJ-7] */
} poxauth_reject_class;
#define POXAUTH_REJECT_COUNT 9

typedef enum poxauth_limit_id {
  POXAUTH_LIMIT_NONE = 0,
  POXAUTH_LIMIT_INPUT_BYTES,
  POXAUTH_LIMIT_DEPTH,
  POXAUTH_LIMIT_ELEMENTS,
  POXAUTH_LIMIT_PROTOCOLS,
  POXAUTH_LIMIT_TEXT_BYTES
} poxauth_limit_id;

/* A server build: parts[0..nparts-1] known, the rest 0. */
typedef struct poxauth_build {
  unsigned long parts[4];
  unsigned nparts; /* 0: unknown */
} poxauth_build;

typedef enum poxauth_sv_state {
  POXAUTH_SV_ABSENT = 0,   /* no ServerVersion child                 */
  POXAUTH_SV_OK = 1,       /* eight hex digits, decoded into build   */
  POXAUTH_SV_MALFORMED = 2 /* present, not eight hex digits [VER-6]  */
} poxauth_sv_state;

/* Where the build that decided the version rule came from [VER-3]. */
typedef enum poxauth_build_source {
  POXAUTH_BUILD_NOT_NEEDED = 0, /* no rule needed it for this Protocol */
  POXAUTH_BUILD_CONTEXT,        /* the request context                */
  POXAUTH_BUILD_PROTOCOL,       /* this Protocol's ServerVersion      */
  POXAUTH_BUILD_EXCH,           /* the EXCH Protocol's ServerVersion  */
  POXAUTH_BUILD_ASSUMED         /* unknown: rule assumed active        */
} poxauth_build_source;

/* One Account-level Protocol, in document order.  Strings are valid until
 * the result is freed. */
typedef struct poxauth_protocol {
  const char *type; /* trimmed Type text; NULL when missing [TYP-1] */
  size_t type_len;
  int type_known;      /* 1: exactly a known Type [TYP-2]              */
  poxauth_value value; /* canonical value, UNKNOWN or ABSENT            */
  const char *raw;     /* AuthPackage text as read, before trimming;    */
  size_t raw_len;      /* NULL when absent                              */
  int applies;         /* 1: present and its Type takes it [TYP-4]      */
  poxauth_sv_state server_version_state;
  poxauth_build server_version; /* decoded when state is OK: A.B.C    */
  poxauth_build_source build_source;
  unsigned long line, column; /* the Protocol start tag, from 1     */
} poxauth_protocol;

#define POXAUTH_NO_PROTOCOL ((size_t)-1)

typedef struct poxauth_finding {
  poxauth_finding_code code;
  poxauth_severity severity;
  size_t protocol; /* index, or POXAUTH_NO_PROTOCOL for the document */
  unsigned long line, column; /* where it was seen, from 1               */
  const char *message;        /* one sentence, static storage            */
  const char *hint;           /* what to do about it; static, may be ""   */
} poxauth_finding;

typedef struct poxauth_rejection {
  poxauth_reject_class cls;
  poxauth_limit_id limit; /* for POXAUTH_REJECT_LIMIT */
  unsigned long line, column;
  /* Valid until the result is freed; escaped text (poxauth_escape), safe
   * to print.  An out-of-memory rejection made while the rules run at
   * finish has the position of the finding that could not be stored. */
  const char *message;
} poxauth_rejection;

typedef struct poxauth_result poxauth_result;

/* Rejection, or NULL when the input was accepted. */
POXAUTH_API const poxauth_rejection *
poxauth_result_rejection(const poxauth_result *r);
POXAUTH_API poxauth_kind poxauth_result_kind(const poxauth_result *r);
/* ErrorCode text (trimmed) of an error response, or NULL. */
POXAUTH_API const char *poxauth_result_error_code(const poxauth_result *r,
                                                  size_t *len);
POXAUTH_API size_t poxauth_result_protocol_count(const poxauth_result *r);
POXAUTH_API const poxauth_protocol *
poxauth_result_protocol(const poxauth_result *r, size_t i);
POXAUTH_API size_t poxauth_result_finding_count(const poxauth_result *r);
POXAUTH_API const poxauth_finding *
poxauth_result_finding(const poxauth_result *r, size_t i);
/* Number of findings of severity VIOLATION. */
POXAUTH_API size_t poxauth_result_violation_count(const poxauth_result *r);
/* The options the result was made with, echoed for reports. */
POXAUTH_API poxauth_profile poxauth_result_profile(const poxauth_result *r);
/* -1: X-ClientCanHandle absent; else the number of header lines. */
POXAUTH_API long poxauth_result_can_handle_lines(const poxauth_result *r);

/* Write the result in the canonical format of conformance/FORMAT.md into
 * buf (at most cap bytes, NUL-terminated when cap > 0; r NULL writes the
 * empty string and returns 0).  Returns the length
 * the full text needs, excluding the NUL; like snprintf, a return >= cap
 * means the text was cut.  buf may be NULL when cap is 0. */
POXAUTH_API size_t poxauth_result_canonical(const poxauth_result *r, char *buf,
                                            size_t cap);

POXAUTH_API void poxauth_result_free(poxauth_result *r);

/* ------------------------------------------------------------------ */
/* Streaming.                                                          */

typedef struct poxauth_parser poxauth_parser;

/* Create a parser.  opts may be NULL for the defaults.  On failure *out is
 * NULL; for POXAUTH_ERR_ARGUMENT, if err is not NULL, *err is set to a
 * static message naming the bad option. */
POXAUTH_API poxauth_status poxauth_parser_create(const poxauth_options *opts,
                                                 poxauth_parser **out,
                                                 const char **err);

/* Feed the next chunk of the response.  Returns POXAUTH_OK while the input
 * may still be accepted, POXAUTH_REJECTED once it has been rejected (later
 * feeds are ignored), POXAUTH_ERR_NOMEM when an allocation failed (the
 * result will carry the NOMEM rejection).  The input is parsed in blocks
 * of 56 KiB at fixed offsets, so that the outcome is the same however it
 * is split [STR-1], each block once more input arrives (a document of one
 * block is parsed by poxauth_parser_finish): a problem shows from the feed
 * that goes past its block or crosses max_input_bytes, or from
 * poxauth_parser_finish (on an expat with reparse deferral, README "The
 * expat floor", a problem inside a token still unfinished at a block's end
 * may show some blocks later). */
POXAUTH_API poxauth_status poxauth_parser_feed(poxauth_parser *p,
                                               const void *data, size_t len);

/* End of input: evaluate the rules and hand over the result, which the
 * caller frees with poxauth_result_free.  Returns POXAUTH_OK, or
 * POXAUTH_REJECTED / POXAUTH_ERR_NOMEM with a result holding the
 * rejection.  The parser may then only be destroyed. */
POXAUTH_API poxauth_status poxauth_parser_finish(poxauth_parser *p,
                                                 poxauth_result **out);

POXAUTH_API void poxauth_parser_destroy(poxauth_parser *p);

/* One call for a whole buffer: create, feed, finish, destroy, with the
 * same result as any feeding of the same bytes [STR-1].  An input of up
 * to 2 MiB - 8 KiB is handed to expat in one final call (which spares
 * expat's second walk over the bytes of every block); expat copies it
 * into a buffer of at most 2 MiB.  Longer inputs go in the blocks of
 * poxauth_parser_feed.  *out is NULL only when no parser could be made
 * (NOMEM, or ARGUMENT with *err naming the bad argument or option). */
POXAUTH_API poxauth_status poxauth_parse(const poxauth_options *opts,
                                         const void *data, size_t len,
                                         poxauth_result **out,
                                         const char **err);

/* ------------------------------------------------------------------ */
/* The small parsers the rules are made of, exposed for implementers   */
/* and fuzzers.                                                        */

/* Context build, 1 to 4 dot-separated decimal parts, each at most
 * 4294967295, leading zeros allowed [VER-7].  Returns 0 on success, -1 on
 * bad syntax. */
POXAUTH_API int poxauth_build_parse(const char *s, size_t len,
                                    poxauth_build *out);

/* ServerVersion text: trimmed, exactly eight hex digits, decoded to
 * major.minor.build [VER-6].  Returns 0 on success, -1 when malformed. */
POXAUTH_API int poxauth_server_version_decode(const char *s, size_t len,
                                              poxauth_build *out);

/* 1 when the build activates the version rule (at least 15.0.995.14,
 * comparing only the known parts) [VER-4]; an unknown build (nparts 0)
 * counts as active. */
POXAUTH_API int poxauth_build_rule_active(const poxauth_build *b);

#define POXAUTH_CAN_NEGOTIATE 1u
#define POXAUTH_CAN_EXHTTPINFO 2u
/* Capability tokens named by X-ClientCanHandle lines [HDR-2]. */
POXAUTH_API unsigned poxauth_can_handle_parse(const poxauth_bytes *lines,
                                              size_t count);

/* ------------------------------------------------------------------ */
/* Escaping: text from a document, a file name or another program made  */
/* safe to print (the rule is in README.md, "Hostile bytes").           */

typedef enum poxauth_escape_style {
  POXAUTH_ESCAPE_TEXT = 0, /* terminals and logs */
  POXAUTH_ESCAPE_JSON = 1  /* the inside of a JSON string ("" not added) */
} poxauth_escape_style;

/* Write src[0..len) into dst so that it is safe to print: at most cap bytes,
 * NUL-terminated whenever cap > 0 (dst may be NULL when cap is 0).  Returns
 * the length of the whole escaped text, NUL excluded, as snprintf does: a
 * return >= cap means the output was cut (never inside an escape). */
POXAUTH_API size_t poxauth_escape(char *dst, size_t cap, const char *src,
                                  size_t len, poxauth_escape_style style);

/* ------------------------------------------------------------------ */
/* Names.  Each returns a static string; "?" for an out-of-range code.  */

POXAUTH_API const char *poxauth_finding_name(poxauth_finding_code c);
/* The SPEC.md rule a finding code stands for, e.g. "VER-1". */
POXAUTH_API const char *poxauth_finding_rule(poxauth_finding_code c);
POXAUTH_API poxauth_severity poxauth_finding_severity(poxauth_finding_code c);
POXAUTH_API const char *poxauth_reject_name(poxauth_reject_class c);
POXAUTH_API const char *poxauth_limit_name(poxauth_limit_id l);
POXAUTH_API const char *poxauth_kind_name(poxauth_kind k);
POXAUTH_API const char *poxauth_value_name(poxauth_value v);
POXAUTH_API const char *poxauth_profile_name(poxauth_profile p);

/* Library version, e.g. "0.1.0", and the expat it runs on. */
POXAUTH_API const char *poxauth_version(void);
POXAUTH_API const char *poxauth_expat_version(void);

#ifdef __cplusplus
}
#endif

#endif /* POXAUTH_H */
