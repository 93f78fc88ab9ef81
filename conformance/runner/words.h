/* SPDX-License-Identifier: MIT */
/*
 * The words of an --impl command (README.md, "Adapter contract"): quoted
 * as in sh, but nothing is expanded and no shell ever runs.
 */
#ifndef CONF_WORDS_H
#define CONF_WORDS_H

#include <stddef.h>

/* Splits command into NUL-terminated words written into buf, which
 * strlen(command) + 1 bytes always hold.  The first max words are pointed
 * to from words[]; *nwords is how many there are, max or more.  -1 on an
 * unterminated quote or a trailing backslash, with why naming it and its
 * column (1-based, in bytes). */
int impl_split(const char *command, char *buf, char **words, size_t max,
               size_t *nwords, char *why, size_t cap);

#endif
