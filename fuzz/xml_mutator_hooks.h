/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer's custom mutator hooks, backed by xml_mutator.c.  Included by
 * the targets whose input is the fuzz input format (poxauth_fuzzer,
 * poxauth_stream_fuzzer); active only where libFuzzer provides
 * LLVMFuzzerMutate (CMake defines POXAUTH_FUZZ_CUSTOM_MUTATOR there), so
 * the replay and AFL++ builds are unchanged.  Build with
 * -DPOXAUTH_FUZZ_NO_XML_MUTATOR for libFuzzer's own mutations alone (the
 * baseline of the measurement in fuzz/README.md).
 */
#ifndef POXAUTH_XML_MUTATOR_HOOKS_H
#define POXAUTH_XML_MUTATOR_HOOKS_H

#if defined(POXAUTH_FUZZ_CUSTOM_MUTATOR) &&                                    \
    !defined(POXAUTH_FUZZ_NO_XML_MUTATOR)
#include <stdlib.h>

#include "xml_mutator.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
                               unsigned int seed);
size_t LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
                                 const uint8_t *data2, size_t size2,
                                 uint8_t *out, size_t max_out_size,
                                 unsigned int seed);

size_t
LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size,
                        unsigned int seed) {
  uint8_t *scratch = (uint8_t *)malloc(max_size ? max_size : 1);
  size_t n;
  if (scratch == NULL)
    return LLVMFuzzerMutate(data, size, max_size);
  n = xm_mutate(data, size, max_size, seed, scratch, LLVMFuzzerMutate);
  free(scratch);
  return n;
}

size_t
LLVMFuzzerCustomCrossOver(const uint8_t *data1, size_t size1,
                          const uint8_t *data2, size_t size2, uint8_t *out,
                          size_t max_out_size, unsigned int seed) {
  return xm_crossover(data1, size1, data2, size2, out, max_out_size, seed);
}
#endif

#endif
