#!/usr/bin/env bash
# Makes the base image every j8s image builds FROM when no container registry is reachable: a minimal Debian
# bookworm made by debootstrap from Debian's packages, with the JRE 17 the services run on and the Debian
# packages of etcd, Redis and HAProxy (so the compose cluster's infrastructure needs no registry either),
# loaded with `docker import`. The image carries a label with the package list and mirror it was made from,
# so a second run with the same list is a no-op and a changed list rebuilds it.
#
#   scripts/local-base-image.sh [IMAGE]     (default j8s.local/debian-jre:17)
#
# Needs root (debootstrap chroots) and the debootstrap package. J8S_DEBIAN_MIRROR overrides the mirror.
set -euo pipefail

IMAGE="${1:-j8s.local/debian-jre:17}"
SUITE="${J8S_DEBIAN_SUITE:-bookworm}"
MIRROR="${J8S_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# curl: the images' HEALTHCHECK; openssl: the compose cluster's certificates; the rest: what runs in the containers
PACKAGES="openjdk-17-jre-headless,ca-certificates,curl,openssl,etcd-server,etcd-client,redis-server,redis-tools,haproxy"
RECIPE="$SUITE $MIRROR $PACKAGES"

if [[ "$(docker image inspect -f '{{index .Config.Labels "io.j8s.base-recipe"}}' "$IMAGE" 2>/dev/null || true)" == "$RECIPE" ]]; then
  echo "$IMAGE is up to date"
  exit 0
fi
[[ "$(id -u)" == 0 ]] || { echo "error: making $IMAGE with debootstrap needs root" >&2; exit 1; }
if ! command -v debootstrap >/dev/null 2>&1; then
  command -v apt-get >/dev/null 2>&1 || { echo "error: debootstrap is missing and there is no apt-get" >&2; exit 1; }
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends debootstrap >/dev/null
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/j8s-base.XXXXXX")"
rootfs="$work/rootfs"
cleanup() {
  # debootstrap mounts /proc and /sys in the target; never delete through a mount
  for m in "$rootfs/proc" "$rootfs/sys" "$rootfs/dev/pts"; do mountpoint -q "$m" 2>/dev/null && umount -l "$m" || true; done
  rm -rf --one-file-system "$work"
}
trap cleanup EXIT

echo "debootstrap $SUITE from $MIRROR with $PACKAGES (a few minutes)"
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$rootfs" "$MIRROR" >"$work/debootstrap.log" 2>&1 || {
  tail -n 30 "$work/debootstrap.log" >&2; echo "error: debootstrap failed" >&2; exit 1; }

# What a container does not need: package caches and lists, documentation, services' init scripts' state
chroot "$rootfs" apt-get clean
rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/* \
       "$rootfs"/var/cache/debconf/*-old "$rootfs"/var/log/*.log "$rootfs"/tmp/* 2>/dev/null || true
for m in "$rootfs/proc" "$rootfs/sys" "$rootfs/dev/pts"; do mountpoint -q "$m" 2>/dev/null && umount -l "$m" || true; done

java_home="$(dirname "$(dirname "$(readlink -f "$rootfs/usr/bin/java")")")"
java_home="${java_home#"$rootfs"}"
tar --numeric-owner -C "$rootfs" --exclude=./proc/* --exclude=./sys/* --exclude=./dev/* -c . \
  | docker import \
      --change "ENV JAVA_HOME=$java_home" \
      --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      --change 'ENV LANG=C.UTF-8' \
      --change "LABEL io.j8s.base-recipe=\"$RECIPE\"" \
      --change 'CMD ["bash"]' \
      --message "Debian $SUITE + $PACKAGES (debootstrap) for j8s" - "$IMAGE" >/dev/null
echo "built $IMAGE ($(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
