/* SPDX-License-Identifier: MIT */
/*
 * An XML-aware mutator for inputs in the fuzz input format (fuzz_input.h):
 * the context prefix is kept or rewritten, the response is mutated at the
 * level of elements, attributes, namespaces, text and encodings.  The same
 * code serves libFuzzer (LLVMFuzzerCustomMutator / CustomCrossOver, in the
 * targets that include xml_mutator_hooks.h) and AFL++
 * (afl_xml_mutator.c, a shared object for AFL_CUSTOM_MUTATOR_LIBRARY).
 *
 * Bounded: every mutation works in the caller's buffer of max_size bytes
 * plus one scratch buffer of the same size, scans the input a fixed number
 * of times, and never grows the input past max_size.  It never fails on
 * any input: when no structured mutation applies it falls back to a byte
 * mutation (the engine's, through the fallback callback, or its own).
 */
#ifndef POXAUTH_XML_MUTATOR_H
#define POXAUTH_XML_MUTATOR_H

#include <stddef.h>
#include <stdint.h>

/* A byte-level mutator to fall back on (LLVMFuzzerMutate's signature);
 * NULL: a small built-in one. */
typedef size_t (*xm_bytes_fn)(uint8_t *data, size_t size, size_t max_size);

/* Mutate data[0..size) in place (data holds max_size bytes); returns the
 * new size, 1..max_size (0 only when max_size is 0).  scratch must hold
 * max_size bytes.  Deterministic for a given seed. */
size_t xm_mutate(uint8_t *data, size_t size, size_t max_size, unsigned seed,
                 uint8_t *scratch, xm_bytes_fn fallback);

/* Cross-over: out gets data1 with an element (or a slice) of data2's
 * response spliced in; returns its size (<= max_out). */
size_t xm_crossover(const uint8_t *data1, size_t size1, const uint8_t *data2,
                    size_t size2, uint8_t *out, size_t max_out, unsigned seed);

/* The length of the context prefix of an input (as fuzz_input_decode). */
size_t xm_prefix_len(const uint8_t *data, size_t size);

#endif
