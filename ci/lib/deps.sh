# SPDX-License-Identifier: MIT
# Sourced by the ci/ scripts: the Debian packages they use, and
# ensure_packages, which installs the missing ones (no recommends, one
# `apt-get update` at most per run).  Every command a script runs that is
# not in Debian's essential set comes from a package named here: a fresh
# Debian 12 (a minimal debootstrap) needs nothing else (ci/fresh-debian.sh
# proves it).
_poxauth_apt_updated=${_poxauth_apt_updated:-0}

# Build and unit tests: compilers, the C library's static archive (the
# static consumer of ci/install-check.sh), expat, pkg-config, binutils
# (nm, objdump, readelf in the tests).
POXAUTH_PKGS_BUILD="cmake make gcc g++ libc6-dev binutils libexpat1-dev pkg-config"
# The rest of ci/test.sh: clang with its sanitizer runtime (a recommendation
# of clang only), the format check (clang-format, git ls-files), the man
# page test (groff-base, man-db), valgrind, python3 (conformance generator),
# column (bsdextrautils), the JSON schema test (python3-jsonschema), the
# property tests (python3-hypothesis).
POXAUTH_PKGS_TEST="clang libclang-rt-14-dev clang-format git groff-base man-db valgrind python3 python3-jsonschema python3-hypothesis bsdextrautils"
# Fuzzing (ci/fuzz-*.sh): libFuzzer and ASan come with libclang-rt-14-dev,
# llvm has llvm-symbolizer, llvm-profdata and llvm-cov; AFL++; Ninja; zip and
# unzip (seed corpora); dpkg-dev and xz-utils unpack expat's Debian source;
# column (bsdextrautils), the JSON schema test (python3-jsonschema), the
# property tests (python3-hypothesis).prints the summaries.
POXAUTH_PKGS_FUZZ="clang libclang-rt-14-dev llvm afl++ ninja-build zip unzip dpkg-dev xz-utils binutils python3 bsdextrautils"
# ci/bench.sh and ci/conformance-matrix.sh (exchangelib is the peer;
# callgrind_annotate comes with valgrind).
POXAUTH_PKGS_BENCH="valgrind clang python3 python3-exchangelib bsdextrautils"

# ensure_packages PKG...: install the packages that are not installed yet.
ensure_packages() {
  local missing="" pkg sudo="" log
  for pkg in "$@"; do
    case " $missing " in *" $pkg "*) continue ;; esac
    if ! dpkg-query -W -f='${Status}' "$pkg" 2> /dev/null | grep -q "install ok installed"; then
      missing="$missing $pkg"
    fi
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo > /dev/null; then
      echo "ci: missing packages:$missing (run as root, or install them)" >&2
      return 1
    fi
    sudo=sudo
  fi
  if [ "$_poxauth_apt_updated" -eq 0 ]; then
    if ! $sudo apt-get update -q > /dev/null 2>&1; then
      $sudo apt-get update -q >&2 || return 1
    fi
    _poxauth_apt_updated=1
  fi
  echo "ci: installing$missing" >&2
  # apt's and debconf's chatter is kept for a failure only.
  log=$(mktemp)
  # Word splitting of $missing is intended.
  # shellcheck disable=SC2086
  if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing > "$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
}

# The packages a build and the unit tests need.
ensure_build_packages() {
  # shellcheck disable=SC2086
  ensure_packages $POXAUTH_PKGS_BUILD
}
