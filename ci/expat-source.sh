#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/expat-source.sh [DEST]: fetch an expat source tree to build instrumented
# (sanitizers, SanitizerCoverage, AFL) together with poxauth's fuzz targets.
#
# Prints, as its LAST line of stdout, the directory to pass as
# -DPOXAUTH_EXPAT_SOURCE_DIR=...; every other message goes to stderr.
#
# Order of sources:
#   1. $POXAUTH_EXPAT_SOURCE_DIR, if it already holds an expat tree;
#   2. a tree fetched earlier into DEST (default: build/fuzz-expat-src), unless
#      EXPAT_REFRESH=1;
#   3. Debian's source package through `apt-get source`, with a PRIVATE apt
#      configuration under DEST/apt (deb-src lines derived from the system's
#      deb lines; nothing under /etc is touched).  Versions are tried newest
#      first, each with retries, falling back to older ones: the security
#      suite's .dsc is sometimes not served while an older bookworm one is.
#      EXPAT_DEBIAN_VERSION=2.5.0-1+deb12u2 pins one;
#   4. git clone of https://github.com/libexpat/libexpat (EXPAT_GIT_REF, default
#      the newest R_* tag is not guessed: master), when git and the network
#      allow it and EXPAT_ALLOW_GIT=1 (the OSS-Fuzz Dockerfile clones it itself).
# Apt and dpkg-source output is kept in DEST/*.log (EXPAT_VERBOSE=1 shows
# it on a failure).  The version that will be fuzzed is printed on stderr and written to
# DEST/VERSION.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$here/build/fuzz-expat-src}
mkdir -p "$dest"; dest=$(cd "$dest" && pwd)
log() { printf 'expat-source: %s\n' "$*" >&2; }

# The directory holding lib/xmlparse.c and CMakeLists.txt, or nothing.
expat_root() {
  local d=$1
  if [ -f "$d/lib/xmlparse.c" ] && [ -f "$d/CMakeLists.txt" ]; then echo "$d"
  elif [ -f "$d/expat/lib/xmlparse.c" ] && [ -f "$d/expat/CMakeLists.txt" ]; then echo "$d/expat"
  fi
}
expat_version_of() { # read the version from expat.h
  awk '/#define XML_MAJOR_VERSION/{a=$3} /#define XML_MINOR_VERSION/{b=$3}
       /#define XML_MICRO_VERSION/{c=$3} END{print a"."b"."c}' "$1/lib/expat.h"
}
done_with() {
  local root=$1 what=$2
  log "fuzzing expat $(expat_version_of "$root") ($what) from $root"
  echo "$what" > "$dest/VERSION" 2>/dev/null || true
  echo "$root"
  exit 0
}

if [ -n "${POXAUTH_EXPAT_SOURCE_DIR:-}" ]; then
  r=$(expat_root "$POXAUTH_EXPAT_SOURCE_DIR")
  [ -n "$r" ] || { log "POXAUTH_EXPAT_SOURCE_DIR=$POXAUTH_EXPAT_SOURCE_DIR holds no expat tree"; exit 1; }
  mkdir -p "$dest"; done_with "$r" "given by POXAUTH_EXPAT_SOURCE_DIR"
fi

mkdir -p "$dest"
if [ "${EXPAT_REFRESH:-0}" != 1 ] && [ -f "$dest/VERSION" ]; then
  for d in "$dest"/tree/*/; do
    r=$(expat_root "${d%/}")
    [ -n "$r" ] && done_with "$r" "$(cat "$dest/VERSION")"
  done
fi

retry() { # retry N cmd...: run cmd up to N times with a growing pause
  local n=$1 i; shift
  for ((i = 1; i <= n; i++)); do
    "$@" && return 0
    log "attempt $i/$n failed: $*"; sleep $((i * 3))
  done
  return 1
}

# quiet LOG CMD...: run CMD with its output in LOG, shown only on failure
# when EXPAT_VERBOSE=1 (the callers say what failed in one line).
quiet() {
  local out=$1
  shift
  "$@" > "$out" 2>&1 && return 0
  [ "${EXPAT_VERBOSE:-0}" = 1 ] && cat "$out" >&2
  return 1
}

fetch_debian() {
  command -v apt-get >/dev/null || return 1
  command -v dpkg-source >/dev/null || {
    log "installing dpkg-dev and xz-utils for dpkg-source"
    . "$here/ci/lib/deps.sh"
    ensure_packages dpkg-dev xz-utils >&2 || return 1
  }
  local apt=$dest/apt
  mkdir -p "$apt/sources.list.d" "$apt/lists/partial" "$apt/cache/archives/partial"
  : > "$apt/sources.list"
  : > "$apt/sources.list.d/src.sources"
  : > "$apt/sources.list.d/src.list"
  local f
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    sed -e 's/^Types:.*/Types: deb-src/' "$f" >> "$apt/sources.list.d/src.sources"
    printf '\n' >> "$apt/sources.list.d/src.sources"
  done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    sed -n -e 's/^[[:space:]]*deb[[:space:]]/deb-src /p' "$f" >> "$apt/sources.list.d/src.list"
  done
  # Keep only Debian archives (a third-party repository without sources
  # would make `update` fail).
  local opts=(-o "Dir::Etc::SourceList=$apt/sources.list" -o "Dir::Etc::SourceParts=$apt/sources.list.d"
              -o "Dir::State::Lists=$apt/lists" -o "Dir::Cache=$apt/cache"
              -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
              -o "APT::Sandbox::User=root" -o "Acquire::Retries=3")
  retry 3 quiet "$dest/update.log" apt-get "${opts[@]}" -qq update ||
    { log "apt-get update of the source lists failed:"; cat "$dest/update.log" >&2; return 1; }
  local versions
  if [ -n "${EXPAT_DEBIAN_VERSION:-}" ]; then versions=$EXPAT_DEBIAN_VERSION
  else
    versions=$(apt-cache "${opts[@]}" showsrc expat 2>/dev/null | awk '/^Version:/{print $2}' | sort -u -r -V)
  fi
  [ -n "$versions" ] || { log "no expat source package listed"; return 1; }
  log "expat source versions offered: $(echo $versions)"
  local v attempt got
  for v in $versions; do
    rm -rf "$dest/dl"; mkdir -p "$dest/dl"
    got=0
    for attempt in 1 2; do
      if (cd "$dest/dl" && quiet "$dest/download.log" apt-get "${opts[@]}" -qq --download-only source "expat=$v"); then
        got=1; break
      fi
      # A version the mirror does not serve (404) will not come by retrying.
      grep -q ' 404 ' "$dest/download.log" && break
      sleep $((attempt * 3))
    done
    if [ "$got" = 1 ]; then
      rm -rf "$dest/tree"; mkdir -p "$dest/tree"
      local dsc; dsc=$(ls "$dest"/dl/*.dsc | head -1)
      if quiet "$dest/extract.log" dpkg-source --no-check -x "$dsc" "$dest/tree/expat-$v"; then
        local r; r=$(expat_root "$dest/tree/expat-$v")
        if [ -n "$r" ]; then
          echo "debian $v" > "$dest/VERSION"
          done_with "$r" "debian $v"
        fi
      fi
    fi
    log "expat=$v is not served$(grep -q ' 404 ' "$dest/download.log" 2>/dev/null && echo ' (404)'); trying an older one"
  done
  return 1
}

fetch_git() {
  [ "${EXPAT_ALLOW_GIT:-0}" = 1 ] || return 1
  command -v git >/dev/null || return 1
  local ref=${EXPAT_GIT_REF:-master}
  rm -rf "$dest/tree"; mkdir -p "$dest/tree"
  retry 3 git clone --depth 1 --branch "$ref" https://github.com/libexpat/libexpat "$dest/tree/libexpat" >&2 || return 1
  echo "git $ref" > "$dest/VERSION"
  done_with "$(expat_root "$dest/tree/libexpat")" "git $ref"
}

fetch_debian || fetch_git || {
  log "could not get an expat source tree (Debian source package, or set EXPAT_ALLOW_GIT=1, or POXAUTH_EXPAT_SOURCE_DIR)"
  exit 1
}
