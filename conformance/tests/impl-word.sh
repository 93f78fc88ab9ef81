# SPDX-License-Identifier: MIT
# Sourced by the tests: impl_word WORD prints WORD quoted for --impl (in sh
# single quotes, each ' as '\''), so that a path with a space or a quote
# in it stays one word wherever the clone lives.
impl_word() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
