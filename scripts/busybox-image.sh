#!/usr/bin/env bash
# Makes sure the local image j8s.local/busybox:1.36 exists, building it when it is missing: no container
# registry is needed (or reachable in CI), so the image is a root filesystem made of busybox-static's
# /bin/busybox and its applet links, loaded with `docker import`. The explicit tag keeps Kubernetes' default
# imagePullPolicy at IfNotPresent, so pods that use it never try to pull. ./j8s up, ./j8s test and the tests'
# TestImages helper all call this script, so everyone gets the same image.
#
#   scripts/busybox-image.sh [IMAGE]      (default j8s.local/busybox:1.36)
set -euo pipefail

IMAGE="${1:-j8s.local/busybox:1.36}"
if docker image inspect "$IMAGE" >/dev/null 2>&1; then
  exit 0
fi

busybox=""
for candidate in /bin/busybox /usr/bin/busybox "$(command -v busybox 2>/dev/null || true)"; do
  [[ -n "$candidate" && -x "$candidate" ]] || continue
  linkage="$(LC_ALL=C ldd "$candidate" 2>&1 || true)"
  if [[ "$linkage" == *"not a dynamic executable"* || "$linkage" == *"statically linked"* ]]; then
    busybox="$candidate"; break
  fi
done
[[ -n "$busybox" ]] || { echo "error: a static busybox is needed (apt-get install busybox-static)" >&2; exit 1; }

rootfs="$(mktemp -d "${TMPDIR:-/tmp}/j8s-busybox.XXXXXX")"
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,etc,tmp,root,var/www,proc,sys,dev}
chmod 1777 "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$rootfs/bin/busybox" --list); do
  [[ "$applet" == busybox ]] || ln -s busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' >"$rootfs/etc/group"
tar -C "$rootfs" -c . | docker import --change 'ENV PATH=/bin' --change 'CMD ["sh"]' \
  --message "busybox-static $("$busybox" | head -1 | awk '{print $2}') for j8s" - "$IMAGE" >/dev/null
echo "built $IMAGE from $busybox"
