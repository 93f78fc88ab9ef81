# SPDX-License-Identifier: MIT
# Sourced by the ci/ scripts: install Debian packages only when missing,
# with one `apt-get update` at most per run.
_poxauth_apt_updated=${_poxauth_apt_updated:-0}

# ensure_packages PKG...: install the packages that are not installed yet.
ensure_packages() {
  missing=""
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $pkg"
    fi
  done
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "ci: missing packages:$missing (run as root, or install them)" >&2
    return 1
  fi
  if [ "$_poxauth_apt_updated" -eq 0 ]; then
    apt-get update -q >/dev/null || return 1
    _poxauth_apt_updated=1
  fi
  echo "ci: installing$missing"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >/dev/null
}

# The packages a build and the unit tests need.
ensure_build_packages() {
  ensure_packages cmake make gcc g++ clang libexpat1-dev pkg-config
}
