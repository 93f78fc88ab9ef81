/* SPDX-License-Identifier: MIT */
/* Text from outside the tool (a document, a file name, an argument, a
 * library message) goes to the output only through these, escaped by the
 * one rule of README.md, "Hostile bytes". */
#ifndef POXAUTH_TOOL_PRINT_H
#define POXAUTH_TOOL_PRINT_H

#include <stddef.h>
#include <stdio.h>

#include "poxauth.h"

void print_escaped(FILE *out, const char *s, size_t n,
                   poxauth_escape_style style);
/* A NUL-terminated string; NULL prints nothing. */
void print_escaped_cstr(FILE *out, const char *s, poxauth_escape_style style);

#endif
