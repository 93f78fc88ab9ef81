#!/bin/sh
# SPDX-License-Identifier: MIT
# man_options.sh POXAUTH MANPAGE: the options and exit codes of
# `poxauth --help` are exactly those of the man page: an option or status
# in one and not the other fails.
set -u
tool=$1
page=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

"$tool" --help >"$tmp/help" || { echo "man_options: --help failed"; exit 1; }

# Options: from the lines of --help that start with an option, every
# -x / --name before the first double space; from the page, the tag line
# after each .TP ("\-" is a hyphen there).
sed -n 's/^  \(-[^ ].*\)/\1/p' "$tmp/help" | sed 's/  .*//' |
  tr ',' '\n' | sed 's/^ *//; s/ .*//' | grep '^-' | sort -u >"$tmp/help.opts"
awk 'tag { print; tag = 0 } /^\.TP/ { tag = 1 }' "$page" | sed 's/\\-/-/g' |
  grep -o -- '--*[a-z][a-z-]*' | sort -u >"$tmp/page.opts"

# Exit statuses: the numbers of the "Exit status:" paragraph of --help, and
# the .TP tags of the page's EXIT STATUS section.
sed -n '/^Exit status:/,$p' "$tmp/help" | grep -o '\(^\|[ ,]\)[0-9][0-9]* ' |
  tr -d ' ,' | sort -u >"$tmp/help.exit"
awk '/^\.SH/ { sec = $0 } { if (tag && sec ~ /EXIT STATUS/) print $2; tag = 0 }
     /^\.TP/ { tag = 1 }' "$page" | sort -u >"$tmp/page.exit"

for what in opts exit; do
  if [ ! -s "$tmp/help.$what" ]; then
    echo "man_options: no $what found in --help"
    failed=1
  fi
  if ! cmp -s "$tmp/help.$what" "$tmp/page.$what"; then
    echo "man_options: $what differ (< --help, > man page):"
    diff "$tmp/help.$what" "$tmp/page.$what"
    failed=1
  fi
done
[ "$failed" -eq 0 ] && echo "man_options: $(wc -l <"$tmp/help.opts") options and $(wc -l <"$tmp/help.exit") exit statuses agree"
exit "$failed"
