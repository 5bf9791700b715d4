#!/usr/bin/env bash
# Scheduler throughput benchmark (issue 4), run on demand, not part of ./j8s test.
# Starts a private API server (own etcd and Redis), creates 1000 Ready nodes (Leases renewed every 10 s) and,
# for a trivial round-robin binder (the baseline: the API server and etcd with no scheduling work) and then for
# the j8s scheduler, measured in the same run:
#   backlog: 5000 pending pods created first, then the binder starts: pods bound per second (first to last
#            binding) and the CPU milliseconds each process spent per pod;
#   stream:  2000 pods created at a steady 100/s (--rate) while the binder runs: p50/p99 creation-to-binding latency.
# Options: --nodes N --pods N --stream-pods N --rate N --skip-baseline.
# --in-process [--nodes N --pods N]: the scheduling cycle alone (default plugins, no API server), microseconds
# per pod.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for tool in etcd redis-server java mvn; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing; run ./j8s up once to install it" >&2; exit 1; }
done
echo "building (mvn package, the scheduler and what it needs, and the API server)..."
# One reactor build: sibling modules come from this checkout's target/, never from ~/.m2 (no mvn install, which would
# hand every other checkout on the machine this one's common).
mvn -B -q -DskipTests -pl api-server-service,scheduler-service -am package
classpath_file="$(mktemp)"
trap 'rm -f "$classpath_file"' EXIT
mvn -B -q -pl scheduler-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$classpath_file"
classpath="scheduler-service/target/test-classes:scheduler-service/target/classes"
classpath+=":common/target/classes:test-support/target/classes"
classpath+=":$(tr ':' '\n' <"$classpath_file" | grep -v '/io/j8s/' | paste -sd:)"
main=io.j8s.scheduler.bench.SchedulerBenchmark
if [[ "${1:-}" == --in-process ]]; then main=io.j8s.scheduler.bench.AlgorithmBenchmark; shift; fi
exec java -Xmx1g ${J8S_BENCH_JAVA_OPTS:-} \
  -cp "$classpath" "$main" "$@"
