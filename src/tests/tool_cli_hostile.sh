# SPDX-License-Identifier: MIT
# shellcheck shell=sh
# Sourced by tool_cli.sh: hostile bytes in a response, a file name or an
# argument never reach the output raw (README.md, "Hostile bytes"), and
# JSON stays valid.
R=http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006
A=http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a
# settings RESPONSE_TYPE AUTHPACKAGE [ENCODING]: a one-Protocol response.
settings() {
  printf '<?xml version="1.0" encoding="%s"?>\n' "${3:-UTF-8}"
  printf '<Autodiscover xmlns="%s"><Response xmlns="%s"><Account>' "$R" "$A"
  printf '<Action>settings</Action><Protocol><Type>%s</Type>' "$1"
  printf '<AuthPackage>%s</AuthPackage></Protocol></Account></Response></Autodiscover>\n' "$2"
}
settings 'EX&#x9B;CH' '&#x9B;2J&#x202E;ntlm' >"$tmpdir/refs.xml"
# A raw 0x9B (CSI in ISO-8859-1, U+009B once decoded) and a raw DEL.  (XML
# allows no C0 control but tab, LF and CR, not even as a reference.)
settings "$(printf 'EX\233CH')" "$(printf '\2332J\177ntlm')" ISO-8859-1 >"$tmpdir/latin1.xml"
# Each class XML can carry, as a character reference.
settings '&#x7F;[2J&#x85;&#x2066;&#x200B;&#xFEFF;&#xE0041;' \
  'ntlm&#x2028;&#x9;&#xA0;&#xAD;&#x61C;&#x180E;&#x2060;&#xFFF9;' >"$tmpdir/classes.xml"
{
  printf '<?xml version="1.0"?>\n<Autodiscover xmlns="%s"><Response>' "$R"
  printf '<Error><ErrorCode>]0;&#xD;owned&#x9B;31m&#x202E;</ErrorCode></Error></Response></Autodiscover>\n'
} >"$tmpdir/error.xml"
# A file name holding ESC and BEL (and CSI as a raw byte).
hostile_name=$tmpdir/$(printf 'x\033]0;t\007\033[2J\233y.xml')
cp "$tmpdir/refs.xml" "$hostile_name"
# The same name on a rejected response (another report line).
hostile_rejected=$tmpdir/$(printf 'r\033[2J\342\200\256.xml')
cp "$data/entity-bomb.xml" "$hostile_rejected"

# No raw byte of the escaped classes on either stream: the bytes the cases
# use, checked here without python; output_check.py checks every class.
rawbytes=$(printf '\033\007\177')
raw_c1=$(printf '\302\233')
raw_rlo=$(printf '\342\200\256')
raw_9b=$(printf '\233')
clean() {
  for f in "$tmp.out" "$tmp.err"; do
    if LC_ALL=C grep -q "[$rawbytes]" "$f" || LC_ALL=C grep -q "$raw_c1" "$f" ||
      LC_ALL=C grep -q "$raw_rlo" "$f" || LC_ALL=C grep -q "$raw_9b" "$f"; then
      bad "raw hostile bytes in $f: $*"
      od -c "$f" | head -20 >&2
    else
      ok
    fi
  done
  if [ -n "$python" ]; then
    if "$python" "$here/output_check.py" "$@" "$tmp.out" "$tmp.err"; then ok; else bad "output_check $*"; fi
  fi
}

for f in "$tmpdir/refs.xml" "$tmpdir/latin1.xml" "$tmpdir/classes.xml" "$tmpdir/error.xml" \
  "$hostile_name" "$hostile_rejected"; do
  run_any() { "$tool" "$@" >"$tmp.out" 2>"$tmp.err"; }
  run_any "$f"
  clean
  run_any --format json "$f"
  clean --json
  run_any --format canonical "$f"
  clean
done

run 1 "$tmpdir/refs.xml"
has 'protocol 0 EX\\u009BCH (line 2): unknown "\\u009B2J\\u202Entlm", ignored'
run 1 --format json "$tmpdir/refs.xml"
has '"type":"EX\\u009BCH"'
has '"raw":"\\u009B2J\\u202Entlm"'
run 1 "$tmpdir/latin1.xml"
has 'protocol 0 EX\\u009BCH (line 2): unknown "\\u009B2J\\x7Fntlm"'
run 1 "$tmpdir/classes.xml"
has 'protocol 0 \\x7F\[2J\\u0085\\u2066\\u200B\\uFEFF\\U000E0041 '
has '"ntlm\\u2028\\t'"$(printf '\302\240')"'\\u00AD\\u061C\\u180E\\u2060\\uFFF9"'
run 1 --format json "$tmpdir/classes.xml"
has '"type":"\\u007F\[2J\\u0085\\u2066\\u200B\\uFEFF\\uDB40\\uDC41"'
run 0 "$tmpdir/error.xml"
has 'ErrorCode \]0;\\rowned\\u009B31m\\u202E'
run 1 "$hostile_name"
has 'x\\x1B\]0;t\\x07\\x1B\[2J\\x9By.xml: settings response'
has 'x\\x1B\]0;t\\x07\\x1B\[2J\\x9By.xml:2:[0-9]*: violation value-unknown'
run 1 --format json "$hostile_name"
has '"file":"[^"]*x\\u001B\]0;t\\u0007\\u001B\[2J\\\\x9By.xml"'

run 2 "$hostile_rejected"
has 'r\\x1B\[2J\\u202E.xml:[0-9]*:[0-9]*: rejected (doctype)'
run 2 --format json "$hostile_rejected"
has '"file":"[^"]*r\\u001B\[2J\\u202E.xml","profile"'

# File names and arguments in messages on stderr.
"$tool" "$tmpdir/$(printf 'nope\033[2J\233')" >"$tmp.out" 2>"$tmp.err"
clean
has 'nope\\x1B\[2J\\x9B: No such file'
"$tool" "$(printf -- '--bogus\033]0;t\007')" >"$tmp.out" 2>"$tmp.err"
clean
has "unknown option: '--bogus\\\\x1B\]0;t\\\\x07'"
"$tool" --max-depth "$(printf '\033[2J')" "$tmpdir/refs.xml" >"$tmp.out" 2>"$tmp.err"
clean
"$tool" --client-can-handle "$(printf 'Nego\033[2J\342\200\256')" "$tmpdir/refs.xml" >"$tmp.out" 2>"$tmp.err"
clean
has 'X-ClientCanHandle "Nego\\x1B\[2J\\u202E"'
