#!/bin/sh
# Docker HEALTHCHECK of a j8s service: /actuator/health answers with status UP. The port is the management
# port if one is set, else the server port (SERVER_PORT, which the image sets to the service's default).
# The scheme is https when J8S_HEALTH_SCHEME=https (then J8S_HEALTH_CA, if set, is the CA to trust).
port="${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-8080}}"
scheme="${J8S_HEALTH_SCHEME:-http}"
url="$scheme://127.0.0.1:$port/actuator/health"
if command -v curl >/dev/null 2>&1; then
  if [ -n "${J8S_HEALTH_CA:-}" ]; then
    body="$(curl -fsS --max-time 4 --cacert "$J8S_HEALTH_CA" "$url")" || exit 1
  else
    body="$(curl -fsS --max-time 4 "$url")" || exit 1
  fi
elif command -v wget >/dev/null 2>&1; then
  body="$(wget -q -T 4 -O - "$url")" || exit 1
else
  echo "healthcheck: neither curl nor wget in this image" >&2
  exit 1
fi
case "$body" in
  *'"status":"UP"'*) exit 0 ;;
  *) echo "$body"; exit 1 ;;
esac
