#!/bin/sh
# SPDX-License-Identifier: MIT
# An adapter around the poxauth tool that prints its findings in reverse
# order and with CRLF line ends: both allowed by FORMAT.md, so every case
# must still pass.  Usage: reorder.sh TOOL [context options]
tool=$1; shift
out=$("$tool" --format canonical "$@")
status=$?
{
  printf '%s\n' "$out" | grep -v -e '^finding ' -e '^end$'
  printf '%s\n' "$out" | grep '^finding ' | sort -r
  echo end
} | sed 's/$/\r/'
exit $status
