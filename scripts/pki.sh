#!/usr/bin/env bash
# The API server's certificates, made with openssl: a local CA and a serving certificate it signs for 127.0.0.1,
# ::1, localhost and this host's name (plus any extra names given), and on request client certificates (CN = user,
# O = groups). ./j8s up and the tests' ApiServerProcess both use this script, so everyone gets the same layout:
#
#   scripts/pki.sh DIR [SAN...]              DIR/ca.crt, ca.key, apiserver.crt, apiserver.key (kept if present;
#                                            the serving certificate is made again when a SAN is missing from it)
#   scripts/pki.sh DIR client NAME [GROUP...]  DIR/NAME.crt and DIR/NAME.key, a client certificate for user NAME
#
# SANs are "IP:10.0.0.5" or "DNS:api.example.com". Keys are ECDSA P-256 (PKCS#8), readable only by their owner.
set -euo pipefail

DIR="${1:?usage: scripts/pki.sh DIR [SAN...] | scripts/pki.sh DIR client NAME [GROUP...]}"
shift
mkdir -p "$DIR"
umask 077

new_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }

# sign NAME SUBJECT EXTENSIONS DAYS: DIR/NAME.crt for DIR/NAME.key, signed by the CA
sign() {
  local name="$1" subject="$2" extensions="$3" days="$4"
  openssl req -new -key "$DIR/$name.key" -subj "$subject" -out "$DIR/$name.csr" 2>/dev/null
  openssl x509 -req -in "$DIR/$name.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial \
    -days "$days" -sha256 -extfile <(printf '%s\n' "$extensions") -out "$DIR/$name.crt" 2>/dev/null
  rm -f "$DIR/$name.csr"
  chmod 644 "$DIR/$name.crt"
}

if [[ ! -s "$DIR/ca.crt" || ! -s "$DIR/ca.key" ]]; then
  new_key "$DIR/ca.key"
  openssl req -x509 -new -key "$DIR/ca.key" -subj "/CN=j8s-ca" -days 3650 -sha256 \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -out "$DIR/ca.crt" 2>/dev/null
  rm -f "$DIR/apiserver.crt"   # a new CA: the old serving certificate no longer verifies
fi
chmod 644 "$DIR/ca.crt"

if [[ "${1:-}" == client ]]; then
  name="${2:?usage: scripts/pki.sh DIR client NAME [GROUP...]}"
  shift 2
  subject="/CN=$name"
  for group in "$@"; do subject="$subject/O=$group"; done
  new_key "$DIR/$name.key"
  sign "$name" "$subject" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=clientAuth" 365
  exit 0
fi

sans="IP:127.0.0.1,IP:::1,DNS:localhost"
host="$(hostname 2>/dev/null || true)"
[[ -n "$host" && "$host" != localhost ]] && sans="$sans,DNS:$host"
for san in "$@"; do sans="$sans,$san"; done

# keep a serving certificate that already names every SAN and still verifies against the CA
if [[ -s "$DIR/apiserver.crt" && -s "$DIR/apiserver.key" ]] \
   && openssl verify -CAfile "$DIR/ca.crt" "$DIR/apiserver.crt" >/dev/null 2>&1; then
  have="$(openssl x509 -in "$DIR/apiserver.crt" -noout -ext subjectAltName 2>/dev/null | tail -n +2 | tr -d ' ')"
  missing=0
  IFS=',' read -ra wanted <<<"$sans"
  for san in "${wanted[@]}"; do
    case "$san" in
      IP:::1) grep -q "IPAddress:0:0:0:0:0:0:0:1" <<<"$have" || missing=1 ;;
      IP:*) grep -q "IPAddress:${san#IP:}" <<<"$have" || missing=1 ;;
      DNS:*) grep -q "DNS:${san#DNS:}" <<<"$have" || missing=1 ;;
    esac
  done
  ((missing)) || exit 0
fi

new_key "$DIR/apiserver.key"
sign apiserver "/CN=kube-apiserver" "basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=$sans" 825
