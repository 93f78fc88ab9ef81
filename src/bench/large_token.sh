#!/bin/sh
# SPDX-License-Identifier: MIT
# large_token.sh POXAUTH [MIB...]: how long one large token takes (the root
# start tag with an attribute value of MIB MiB), against the same number of
# bytes as element text, through the poxauth tool with the input limit
# raised.  On an expat without reparse deferral (before 2.6.0 without a
# backport, such as Debian 12's 2.5.0-1+deb12u1) expat parses the unfinished token again from its
# start at every 16 KiB block, so the time grows with the square of the
# token's size; with deferral it grows linearly.  Prints a Markdown table;
# README.md ("The expat floor") quotes it.  Default sizes: 1 4 16 MiB.
set -eu
tool=$1
shift
[ $# -gt 0 ] || set -- 1 4 16
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
R=http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006

# xs N: N bytes of 'x'.
xs() { head -c "$1" /dev/zero | tr '\0' x; }

# seconds FILE: wall time of one run, 2 decimals.
seconds() {
  t0=$(date +%s%N)
  "$tool" --format canonical --max-input-bytes 1000000000 "$1" >/dev/null || :
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }'
}

echo "$("$tool" --version)"
echo
echo "| MiB | one attribute value (one token) | element text (many events) |"
echo "|---:|---:|---:|"
for mib in "$@"; do
  n=$((mib * 1048576))
  { printf '<Autodiscover xmlns="%s" a="' "$R"; xs "$n"; printf '"/>'; } >"$tmp/token.xml"
  { printf '<Autodiscover xmlns="%s">' "$R"; xs "$n"; printf '</Autodiscover>'; } >"$tmp/text.xml"
  echo "| $mib | $(seconds "$tmp/token.xml") s | $(seconds "$tmp/text.xml") s |"
done
