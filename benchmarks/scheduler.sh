#!/usr/bin/env bash
# Scheduler throughput benchmark (issue 4), run on demand, not part of ./j8s test.
# Starts a private API server (own etcd and Redis), creates 1000 Ready nodes and 5000 pending pods with
# requests, and prints pods bound per second and p50/p99 creation-to-binding latency for a trivial
# round-robin binder (the baseline: the API server and etcd with no scheduling work) and for the j8s
# scheduler, measured in the same run. Options: --nodes N --pods N.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for tool in etcd redis-server java mvn; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing; run ./j8s up once to install it" >&2; exit 1; }
done
echo "building (mvn -DskipTests install)..."
mvn -B -q -DskipTests install
mvn -B -q -pl scheduler-service test-compile
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q -pl scheduler-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
exec java -Xmx1g -cp "scheduler-service/target/test-classes:scheduler-service/target/classes:$(cat "$classpath_file")" \
  io.j8s.scheduler.bench.SchedulerBenchmark "$@"
