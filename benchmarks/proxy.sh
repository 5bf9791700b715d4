#!/usr/bin/env bash
# Proxy benchmark (issue 6), run on demand, not part of ./j8s test.
#
# In one run, wrk measures the same small response three ways:
#   direct  one backend, no proxy in between
#   nginx   nginx as a round-robin upstream over the three backends (keep-alive to them, as the proxy does)
#   proxy   the j8s proxy routing a selector-less Service whose Endpoints are the three backends
# The backends are three nginx server blocks on 127.0.0.1 answering "hello", fast enough not to be the
# bottleneck. The proxy runs from its jar against a private API server (own etcd and Redis), as in a cluster.
#
# Two phases per target, alternated over several rounds (the median is reported):
#   throughput  wrk -c CONNECTIONS: requests/s (and its p50/p99, which are queueing under saturation)
#   latency     wrk -c 1 (one request at a time): p50/p99, from which the added p99 over direct is taken
# Targets of the issue: proxy >= 0.8x nginx's requests/s, proxy p99 <= direct p99 + 2 ms.
# Also printed: the CPU time the proxy (its JVM) and nginx (master and workers) spend per request, which
# does not depend on how busy the machine is otherwise, unlike requests/s on a shared machine.
# PROXY_JAVA_OPTS overrides the proxy's JVM options (default -Xmx512m, as ./j8s up runs it).
#
# Options: --duration SECONDS (10) --connections N (64) --rounds N (3) --no-build
# Installs wrk and nginx with apt-get when missing (as root). Everything runs on 127.0.0.1 on free ports.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"

DURATION=10
CONNECTIONS=64
ROUNDS=3
BUILD=1
while (($#)); do
  case "$1" in
    --duration) DURATION="$2"; shift ;;
    --connections) CONNECTIONS="$2"; shift ;;
    --rounds) ROUNDS="$2"; shift ;;
    --no-build) BUILD=0 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || missing+=(nginx)
if ((${#missing[@]})); then
  echo "installing ${missing[*]} (apt-get)..."
  [[ "$(id -u)" == 0 ]] || { echo "error: ${missing[*]} missing; run as root or install them" >&2; exit 1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null
fi
for tool in etcd redis-server java mvn curl python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing; ./j8s up installs the rest" >&2; exit 1; }
done

if ((BUILD)); then
  echo "building the API server and the proxy (mvn package)..."
  mvn -B -q -pl api-server-service,proxy-service -am -DskipTests package
fi
API_JAR="$ROOT/api-server-service/target/api-server-service-0.1.0-SNAPSHOT.jar"
PROXY_JAR="$ROOT/proxy-service/target/proxy-service-0.1.0-SNAPSHOT.jar"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/j8s-proxy-bench.XXXXXX")"
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
start() { local log="$1"; shift; "$@" >"$WORK/$log.log" 2>&1 & PIDS+=("$!"); }
wait_http() { # URL [HEADER]: until it answers 2xx, at most 120 s
  local i
  for ((i = 0; i < 240; i++)); do
    curl -sf -o /dev/null ${2:+-H "$2"} "$1" && return 0
    sleep 0.5
  done
  echo "error: $1 did not answer; logs in $WORK" >&2; trap - EXIT; exit 1
}

ETCD_PORT=$(free_port); ETCD_PEER=$(free_port); REDIS_PORT=$(free_port); API_PORT=$(free_port)
PROXY_ADMIN=$(free_port); PROXY_PORT=$(free_port); LB_PORT=$(free_port)
B1=$(free_port); B2=$(free_port); B3=$(free_port)
CORES=$(nproc)

echo "starting etcd, Redis, the API server, three backends, nginx and the proxy (work dir $WORK)..."
start etcd etcd --name bench --data-dir "$WORK/etcd" \
  --listen-client-urls "http://127.0.0.1:$ETCD_PORT" --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
  --listen-peer-urls "http://127.0.0.1:$ETCD_PEER" --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER" \
  --initial-cluster "bench=http://127.0.0.1:$ETCD_PEER"
start redis redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no
# development mode (plain HTTP, no tokens): the benchmark measures the data plane, which never talks to it
start api-server java -Xmx384m -jar "$API_JAR" --server.port="$API_PORT" --j8s.security.insecure=true \
  --j8s.etcd.endpoints="http://127.0.0.1:$ETCD_PORT" --spring.data.redis.port="$REDIS_PORT"

# nginx_conf NAME WORKERS HTTP_BLOCK: a foreground nginx configuration $WORK/NAME.conf, no access log
nginx_conf() {
  cat >"$WORK/$1.conf" <<EOF
worker_processes $2;
daemon off;
pid $WORK/$1.pid;
error_log $WORK/$1-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  keepalive_requests 1000000;
$3
}
EOF
}
nginx_conf backends 1 "
  server { listen 127.0.0.1:$B1; location / { return 200 \"hello from backend 1\n\"; } }
  server { listen 127.0.0.1:$B2; location / { return 200 \"hello from backend 2\n\"; } }
  server { listen 127.0.0.1:$B3; location / { return 200 \"hello from backend 3\n\"; } }"
nginx_conf lb "$CORES" "
  upstream bench { server 127.0.0.1:$B1; server 127.0.0.1:$B2; server 127.0.0.1:$B3; keepalive 512; }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://bench;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Host \$host;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }"
start backends nginx -p "$WORK" -c "$WORK/backends.conf"
start lb nginx -p "$WORK" -c "$WORK/lb.conf"
LB_PID="${PIDS[-1]}"

wait_http "http://127.0.0.1:$API_PORT/api/v1/namespaces/default"
API="http://127.0.0.1:$API_PORT"
curl -sf -o /dev/null -X POST "$API/api/v1/namespaces/default/services" -H 'Content-Type: application/json' \
  -d '{"metadata":{"name":"bench"},"spec":{"ports":[{"port":80}]}}'
curl -sf -o /dev/null -X POST "$API/api/v1/namespaces/default/endpoints" -H 'Content-Type: application/json' \
  -d '{"metadata":{"name":"bench"},"subsets":[
        {"addresses":[{"ip":"127.0.0.1"}],"ports":[{"port":'"$B1"'}]},
        {"addresses":[{"ip":"127.0.0.1"}],"ports":[{"port":'"$B2"'}]},
        {"addresses":[{"ip":"127.0.0.1"}],"ports":[{"port":'"$B3"'}]}]}'
start proxy java ${PROXY_JAVA_OPTS:--Xmx512m} -jar "$PROXY_JAR" --server.port="$PROXY_ADMIN" \
  --j8s.proxy.port="$PROXY_PORT" --j8s.api-server-url="$API"
PROXY_PID="${PIDS[-1]}"
wait_http "http://127.0.0.1:$PROXY_ADMIN/actuator/health"
wait_http "http://127.0.0.1:$PROXY_PORT/" "Host: bench.default"
wait_http "http://127.0.0.1:$LB_PORT/"

declare -A URL=([direct]="http://127.0.0.1:$B1/" [nginx]="http://127.0.0.1:$LB_PORT/" [proxy]="http://127.0.0.1:$PROXY_PORT/")
TARGETS=(direct nginx proxy)

# cpu_ticks TARGET: CPU time (user + system, in clock ticks) used so far by the proxying processes of TARGET
cpu_ticks() {
  local pids=() pid total=0
  case "$1" in
    proxy) pids=("$PROXY_PID") ;;
    nginx) pids=("$LB_PID" $(pgrep -P "$LB_PID")) ;;
    *) echo 0; return ;;
  esac
  for pid in "${pids[@]}"; do total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat"))); done
  echo "$total"
}
TICK_US=$((1000000 / $(getconf CLK_TCK)))

to_ms() { # wrk latency like 812.00us, 1.23ms, 1.02s -> milliseconds
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.3f", n }'
}
# run TARGET CONNECTIONS THREADS SECONDS -> "rps p50 p99 cpu-us-per-request errors"
run() {
  local out before after
  before="$(cpu_ticks "$1")"
  out="$(wrk -t"$3" -c"$2" -d"$4"s --latency -H 'Host: bench.default' "${URL[$1]}")"
  after="$(cpu_ticks "$1")"
  local rps p50 p99 errors requests cpu
  rps="$(awk '/^Requests\/sec/ {print $2}' <<<"$out")"
  requests="$(awk '/requests in/ {print $1}' <<<"$out")"
  cpu="$(awk -v t=$((after - before)) -v us="$TICK_US" -v n="$requests" 'BEGIN { printf "%.1f", (n > 0 ? t * us / n : 0) }')"
  p50="$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")"
  p99="$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")"
  errors="$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out" | tr '\n' ' ')"
  echo "$rps $p50 $p99 $cpu ${errors:-none}"
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

THREADS=$(( CORES < 2 ? 2 : CORES ))
echo "warming up (the JIT compiles the proxy's hot path)..."
run proxy "$CONNECTIONS" "$THREADS" 15 >/dev/null
run nginx "$CONNECTIONS" "$THREADS" 5 >/dev/null
run direct "$CONNECTIONS" "$THREADS" 5 >/dev/null

declare -A RPS P50T P99T P50 P99 CPU
for ((r = 1; r <= ROUNDS; r++)); do
  for t in "${TARGETS[@]}"; do
    read -r rps p50 p99 cpu errors < <(run "$t" "$CONNECTIONS" "$THREADS" "$DURATION")
    RPS[$t]+="$rps "; P50T[$t]+="$p50 "; P99T[$t]+="$p99 "; CPU[$t]+="$cpu "
    [[ "$errors" == none ]] || echo "  round $r $t: $errors"
    read -r _ p50 p99 _ errors < <(run "$t" 1 1 "$DURATION")
    P50[$t]+="$p50 "; P99[$t]+="$p99 "
    [[ "$errors" == none ]] || echo "  round $r $t (light load): $errors"
  done
  echo "round $r/$ROUNDS done"
done

med() { tr ' ' '\n' <<<"$1" | sed '/^$/d' | median; }
echo
echo "cores: $CORES, load average before the last round: $(cut -d' ' -f1-3 /proc/loadavg), $ROUNDS rounds x ${DURATION}s, medians"
printf '%-8s %12s %10s %10s %14s   %16s %16s\n' target "requests/s" "p50 (ms)" "p99 (ms)" "CPU us/request" \
  "1-conn p50 (ms)" "1-conn p99 (ms)"
for t in "${TARGETS[@]}"; do
  printf '%-8s %12.0f %10.3f %10.3f %14s   %16.3f %16.3f\n' "$t" "$(med "${RPS[$t]}")" "$(med "${P50T[$t]}")" \
    "$(med "${P99T[$t]}")" "$( [[ $t == direct ]] && echo - || med "${CPU[$t]}")" "$(med "${P50[$t]}")" "$(med "${P99[$t]}")"
done
awk -v p="$(med "${RPS[proxy]}")" -v n="$(med "${RPS[nginx]}")" -v d="$(med "${RPS[direct]}")" \
    -v pp="$(med "${P99[proxy]}")" -v np="$(med "${P99[nginx]}")" -v dp="$(med "${P99[direct]}")" 'BEGIN {
  printf "\nproxy / nginx throughput:   %.2fx   (target >= 0.80x: %s)\n", p / n, (p / n >= 0.8 ? "met" : "NOT met")
  printf "proxy / direct throughput:  %.2fx   nginx / direct: %.2fx\n", p / d, n / d
  printf "added p99, one connection:  proxy %+.3f ms, nginx %+.3f ms over direct   (target <= 2 ms: %s)\n",
    pp - dp, np - dp, (pp - dp <= 2 ? "met" : "NOT met")
}'
