#!/bin/sh
# SPDX-License-Identifier: MIT
# quoting.sh RUNNER TOOL: --impl words are quoted as in sh, never expanded:
# a program in a directory with a space in its name runs, quoted or
# escaped; an argument with a space, quotes, a backslash or a $ arrives as
# one word, and the reproduce line gives the same words back to sh; an
# unterminated quote, a trailing backslash or an empty command is a usage
# error naming the column.
set -u
LC_ALL=C; export LC_ALL   # columns are bytes
conf=$1 tool=$2 here=$(dirname "$0")
. "$here/impl-word.sh"
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "quoting.sh: $*"; exit 1; }
expect() { # STATUS COMMAND...: run, keep the output in $out
  want=$1; shift
  out=$("$@" 2>&1); got=$?
  [ "$got" -eq "$want" ] || { printf '%s\n' "$out" | tail -5; fail "$* exited $got, want $want"; }
}
d="$tmp/dir with space"
mkdir "$d" && cp "$tool" "$d/poxauth" || fail "cannot copy the tool"
q=$(impl_word "$d/poxauth")

# The program's path quoted three ways, and tabs between words.
n=$("$conf" --rule VAL-1 --list | wc -l)
np=$("$conf" --version | sed -n 's/^profiles: //p' | wc -w)
expect 0 "$conf" --impl "$q --format canonical" --rule VAL-1 --jobs 2
printf '%s\n' "$out" | grep -qx "$((np * n)) passed, 0 failed" || fail "quoted path: want $((np * n)) runs passed"
printf '%s\n' "$out" | grep -q '^poxauth reaches full' || fail "quoted path: the default name is not the program's"
escaped=$(printf '%s' "$d/poxauth" | sed 's/[^A-Za-z0-9_./-]/\\&/g')
expect 0 "$conf" --impl "$escaped --format canonical" --run value/ntlm-lower
dq=$(printf '%s' "$d/poxauth" | sed 's/[\\"]/\\&/g')
expect 0 "$conf" --impl "\"$dq\" --format canonical" --run value/ntlm-lower
tab=$(printf '\t')
expect 0 "$conf" --impl "$q$tab--format$tab  canonical" --run value/ntlm-lower

# Words with an escaped space, quotes, a $ and a glob, and an empty word
# reach the adapter as written here; it then answers ntlm as basic, so the
# run fails (not crashes), and its reproduce line run by sh passes the same
# words (the text report escapes backslashes, so none here).
cat > "$d/words.sh" <<'ADAPTER'
tool=$1; shift
[ $# -ge 4 ] && [ "$1" = 'a b' ] && [ "$2" = "x\"y'z" ] && [ "$3" = '$HOME *' ] &&
  [ "$4" = '' ] || { echo "words.sh: wrong words" >&2; exit 9; }
shift 4
"$tool" --format canonical "$@" | sed 's/ ntlm yes$/ basic yes/'
ADAPTER
words=$(cat <<'WORDS'
a\ b "x\"y'z" '$HOME *' ''
WORDS
)
expect 1 "$conf" --impl "sh $(impl_word "$d/words.sh") $q $words" --run value/ntlm-lower --profile pox
printf '%s\n' "$out" | grep -q '^FAIL value/ntlm-lower \[pox\] (words.sh)' || fail "escaped words: want a FAIL, not a CRASH"
line=$(printf '%s\n' "$out" | sed -n 's/^  reproduce: //p')
[ -n "$line" ] || fail "no reproduce line"
printf '%s\n' "$line" | grep -qF "'$d/words.sh'" || fail "reproduce line does not quote the path: $line"
again=$(sh -c "$line" 2>&1) || fail "the reproduce line fails in sh: $again"
printf '%s\n' "$again" | grep -q ' basic yes$' || fail "the reproduce line does not give the same answer: $again"

# Backslashes: outside quotes one escapes the next byte; inside double
# quotes only before " and itself; inside single quotes never.
cat > "$d/backslash.sh" <<'ADAPTER'
tool=$1; shift
[ $# -ge 4 ] && [ "$1" = 'x\y\\z"' ] && [ "$2" = 'a\b' ] && [ "$3" = 'c\d' ] &&
  [ "$4" = 'e\\f' ] || { echo "backslash.sh: wrong words" >&2; exit 9; }
shift 4
exec "$tool" --format canonical "$@"
ADAPTER
words=$(cat <<'WORDS'
"x\\y\\\\z\"" a\\b "c\d" 'e\\f'
WORDS
)
expect 0 "$conf" --impl "sh $(impl_word "$d/backslash.sh") $q $words" --run value/ntlm-lower

# Usage errors: exit 64 before anything runs, one line naming the column.
refused() { # WANT --impl-VALUE: refused with a message containing WANT
  expect 64 "$conf" --impl "$2" --run value/ntlm-lower
  [ "$(printf '%s\n' "$out" | wc -l)" -eq 1 ] || fail "--impl $2: more than one line"
  printf '%s\n' "$out" | grep -qF "$1" || fail "--impl $2: want '$1', got: $out"
}
refused 'unterminated single quote at column 1' "'$d/poxauth --format canonical"
refused "unterminated double quote at column $((${#q} + 2))" "$q \"--format canonical"
refused "unterminated single quote at column $((${#q} + 11))" "$q --format 'canonical"
refused "a trailing backslash at column $((${#q} + 10))" "$q --format\\"
refused 'an empty command' ''
refused 'an empty command' " $tab "
refused 'no program to run' "'' --format canonical"
echo "ok: quoted, escaped and double-quoted paths with a space; words; usage errors"
