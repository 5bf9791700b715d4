# shellcheck shell=bash
# Helpers for the end-to-end tests: HTTP requests, etcd reads, and PASS/FAIL bookkeeping.
# Sourced by tests/e2e/run.sh.

API="${J8S_API_URL:-https://127.0.0.1:8080}"
ETCD_ENDPOINT="127.0.0.1:${J8S_ETCD_PORT:-2379}"
E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# What ./j8s up made: the cluster CA, the admin's token and the kubeconfig (override for another cluster).
CA_FILE="${J8S_CA_FILE:-$E2E_DIR/../../.j8s/pki/ca.crt}"
ADMIN_TOKEN_FILE="${J8S_TOKEN_FILE:-$E2E_DIR/../../.j8s/tokens/admin.token}"
E2E_KUBECONFIG="${J8S_KUBECONFIG:-$E2E_DIR/../../.j8s/kubeconfig}"
MANIFESTS="$E2E_DIR/manifests"
export ETCDCTL_API=3

PASSED=0
FAILED=0
SCENARIO="-"
TMP="$(mktemp -d "${TMPDIR:-/tmp}/j8s-e2e.XXXXXX")"
BODY="$TMP/body"
CODE=000

# ---- bookkeeping -------------------------------------------------------------------------------
scenario() { SCENARIO="$1"; printf '\n--- scenario %s\n' "$1"; }
pass() { PASSED=$((PASSED + 1)); printf 'PASS  [%s] %s\n' "$SCENARIO" "$1"; }
# fail DESC [DETAIL...]: details are printed indented under the FAIL line
fail() {
  FAILED=$((FAILED + 1)); printf 'FAIL  [%s] %s\n' "$SCENARIO" "$1"; shift
  local d; for d in "$@"; do printf '%s\n' "${d:0:600}" | sed 's/^/        /'; done
}
summary() { printf '\n%d passed, %d failed\n' "$PASSED" "$FAILED"; }

# the current response, shortened, for failure details
response() { printf 'HTTP %s: %s' "$CODE" "$(head -c 400 "$BODY" 2>/dev/null | tr '\n' ' ')"; }

# ---- HTTP --------------------------------------------------------------------------------------
# kcurl ARGS...: curl to the API server as the cluster admin, trusting the cluster CA
kcurl() {
  local tls=() auth=()
  [[ "$API" == https:* && -f "$CA_FILE" ]] && tls=(--cacert "$CA_FILE")
  [[ -f "$ADMIN_TOKEN_FILE" ]] && auth=(-H "Authorization: Bearer $(tr -d '[:space:]' <"$ADMIN_TOKEN_FILE")")
  curl "${tls[@]}" "${auth[@]}" "$@"
}

# req METHOD PATH [curl args...]: sets CODE (000 when the connection failed) and BODY (a file)
req() {
  local method="$1" path="$2"; shift 2
  : >"$BODY"
  CODE="$(kcurl -sS -o "$BODY" -w '%{http_code}' --max-time 20 -X "$method" "$@" "$API$path" 2>"$TMP/curl.err")" \
    || CODE="${CODE:-000}"
  [[ "$CODE" =~ ^[0-9]{3}$ ]] || CODE=000
  if [[ "$CODE" == 000 ]]; then printf 'curl: %s\n' "$(cat "$TMP/curl.err")" >"$BODY"; fi
}

# manifest FILE NAME: prints a manifest from tests/e2e/manifests with __NAME__ replaced
manifest() { sed "s/__NAME__/$2/g" "$MANIFESTS/$1"; }

# ---- assertions (each prints one PASS or FAIL line; returns non-zero on FAIL) -------------------
# expect_code DESC WANTED...: the last response's status is one of WANTED
expect_code() {
  local desc="$1" w; shift
  for w in "$@"; do [[ "$CODE" == "$w" ]] && { pass "$desc"; return 0; }; done
  fail "$desc" "expected HTTP $*, got $(response)"
  return 1
}

# expect_jq DESC FILTER [jq args...]: FILTER is true on the last response body
expect_jq() {
  local desc="$1" filter="$2"; shift 2
  if jq -e "$@" "$filter" "$BODY" >/dev/null 2>&1; then pass "$desc"; return 0; fi
  fail "$desc" "jq: $filter" "$(response)"
  return 1
}

# expect DESC CMD...: CMD succeeds
expect() {
  local desc="$1"; shift
  if "$@" >/dev/null 2>&1; then pass "$desc"; return 0; fi
  fail "$desc" "command failed: $*"
  return 1
}

# wait_until TIMEOUT_SECONDS CMD...: runs CMD every half second until it succeeds; fails after the timeout
wait_until() {
  local timeout="$1"; shift
  local deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  return 1
}

# count PATH JQFILTER: how many items of the list at PATH match JQFILTER (e.g. 'select(.status.phase=="Running")')
count() {
  kcurl -sS --max-time 10 "$API$1" 2>/dev/null | jq "[.items[] | $2] | length" 2>/dev/null || echo -1
}

# has_count PATH N: the list at PATH has exactly N items (re-read on every call, for wait_until)
has_count() { [[ "$(count "$1" .)" == "$2" ]]; }

# jqr FILTER: a raw value from the last response ("" when missing)
jqr() { jq -r "$1 // empty" "$BODY" 2>/dev/null || true; }

# ---- etcd --------------------------------------------------------------------------------------
etcdctl_() { etcdctl --endpoints="$ETCD_ENDPOINT" --dial-timeout=3s --command-timeout=5s "$@"; }
etcd_keys() { etcdctl_ get --prefix "$1" --keys-only 2>/dev/null | sed '/^$/d'; }
etcd_has_key() { etcd_keys "$1" | grep -qxF "$1"; }
etcd_value() { etcdctl_ get "$1" --print-value-only 2>/dev/null; }
etcd_mod_revision() { etcdctl_ get "$1" -w json 2>/dev/null | jq -r '.kvs[0].mod_revision // empty'; }
etcd_revision() { etcdctl_ get --prefix /registry -w json 2>/dev/null | jq -r '.header.revision'; }
# keys under /registry whose mod_revision is above REV (leases/nodes/events written by running
# components in the background are left out: they change on their own every few seconds)
etcd_changed_since() {
  etcdctl_ get --prefix /registry --keys-only -w json 2>/dev/null \
    | jq -r --argjson rev "$1" '.kvs // [] | .[] | select(.mod_revision > $rev) | .key | @base64d' \
    | grep -Ev '^/registry/(leases|nodes|minions|events|masterleases)/' || true
}

# ---- Server-Sent Events --------------------------------------------------------------------------
# sse_events FILE: prints one line per event: "<event name><TAB><data>" (multi-line data joined by spaces).
# Accepts "event: X" and "event:X" (the SSE spec strips one optional space), skips comments.
sse_events() {
  awk '
    function flush() { if (ev != "" || data != "") print (ev == "" ? "message" : ev) "\t" data; ev = ""; data = "" }
    { sub(/\r$/, "") }
    /^$/  { flush(); next }
    /^:/  { next }
    {
      i = index($0, ":")
      if (i == 0) { f = $0; v = "" } else { f = substr($0, 1, i - 1); v = substr($0, i + 1); sub(/^ /, "", v) }
      if (f == "event") ev = v
      else if (f == "data") data = (data == "" ? v : data " " v)
    }
    END { flush() }
  ' "$1"
}
