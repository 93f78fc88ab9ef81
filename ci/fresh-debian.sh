#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# ci/fresh-debian.sh [REF]: does `bash ci/test.sh` pass on a fresh Debian 12?
# Makes a minimal Debian 12 (debootstrap --variant=minbase bookworm, from
# Debian's mirror) in a mktemp folder, clones this repository's REF (default
# HEAD: what is committed, not the work tree) into root's home in it, runs
# `bash ci/test.sh` there as CI does (root, no terminal, CI=true), and
# removes it all again.  The chroot has only Debian's essential packages and
# apt: whatever the scripts use and do not install, fails here.
# Takes long (debootstrap, the packages, every build, the fuzz smoke): about
# 13 minutes on 2 cores with a fast mirror.
# Output: the run's log in build/fresh-debian/test.log (and debootstrap.log);
# exit status that of ci/test.sh.
# Knobs: FRESH_MIRROR (default http://deb.debian.org/debian),
# FRESH_KEEP=1 (keep the chroot; its folder is printed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
ref=${1:-HEAD}
mirror=${FRESH_MIRROR:-http://deb.debian.org/debian}
[ "$(id -u)" -eq 0 ] || { echo "fresh-debian: needs root (debootstrap, chroot, mount)" >&2; exit 1; }
. "$root/ci/lib/deps.sh"
ensure_packages debootstrap git
commit=$(git -C "$root" rev-parse --verify "$ref^{commit}")
out=$root/build/fresh-debian
mkdir -p "$out"
work=$(mktemp -d -t poxauth-fresh.XXXXXX)
target=$work/chroot
log() { printf '[fresh-debian] %s\n' "$*" >&2; }

mounts_left() { grep -c " $work/" /proc/self/mounts || true; }
cleanup() {
  local m
  for m in "$target/dev" "$target/proc"; do
    if mountpoint -q "$m" 2> /dev/null; then umount -R "$m" 2> /dev/null || umount -R -l "$m" || true; fi
  done
  if [ "${FRESH_KEEP:-0}" = 1 ]; then
    log "kept $target"
  elif [ "$(mounts_left)" -eq 0 ]; then
    # --one-file-system: never follow into anything still mounted.
    rm -rf --one-file-system "$work"
  else
    log "mounts are left under $work: not removing it"
  fi
}
trap cleanup EXIT

start=$SECONDS
log "debootstrap --variant=minbase bookworm into $target ($mirror)"
if ! debootstrap --variant=minbase bookworm "$target" "$mirror" > "$out/debootstrap.log" 2>&1; then
  tail -20 "$out/debootstrap.log" >&2
  exit 1
fi
log "chroot made in $((SECONDS - start)) s"

# A Debian 12 machine's archives: the release, its updates, security.
mirror_host=${mirror%/debian}
cat > "$target/etc/apt/sources.list" << SOURCES
deb $mirror bookworm main
deb $mirror bookworm-updates main
deb $mirror_host/debian-security bookworm-security main
SOURCES
# How this host reaches the mirror (a proxy, a snapshot's dates), and its
# name service; nothing else of the host goes in.
apt-config dump | grep -E '^Acquire::(http::Proxy|https::Proxy|Check-Valid-Until|Check-Date) ' \
  > "$target/etc/apt/apt.conf.d/90fresh-debian-host" || true
cp /etc/resolv.conf "$target/etc/resolv.conf"
[ -f /etc/hosts ] && cp /etc/hosts "$target/etc/hosts"
mount -t proc proc "$target/proc"
mount --rbind /dev "$target/dev"
mount --make-rslave "$target/dev"

git clone --quiet --no-checkout "$root" "$target/root/poxauth"
git -C "$target/root/poxauth" checkout --quiet --detach "$commit"
log "cloned $commit into root's home in the chroot; running bash ci/test.sh"
t0=$SECONDS
rc=0
chroot "$target" /usr/bin/env -i HOME=/root LANG=C.UTF-8 CI=true \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  bash -c 'cd ~/poxauth && bash ci/test.sh' < /dev/null > "$out/test.log" 2>&1 || rc=$?
log "ci/test.sh exited $rc after $((SECONDS - t0)) s (all: $((SECONDS - start)) s); log: $out/test.log"
sed -n '/^== summary/,$p' "$out/test.log"
exit "$rc"
