#!/usr/bin/env bash
# Node agent benchmark (issue 5), run on demand, not part of ./j8s test.
#  Docker:    pod startup latency (creation -> Running seen through a watch) p50/p99 for 50 pods of the local
#             busybox image created at 5 pods/s, against the same sandbox + app container pairs created and
#             started directly through docker-java, one pair at a time (the baseline), with the ratio.
#  Simulated: 1000 simulated nodes in one agent process and 10 000 pods bound to them: time until all are
#             Running, against the same creates plus one status write per pod made by the benchmark itself.
# Each part starts its own API server (own etcd and Redis) and node agent process on free ports.
# Options: --pods N --rate PODS_PER_S --warmup N (pods started and deleted first; 0 = cold JVMs) --simulated-nodes N --simulated-pods N --skip-docker --skip-simulated
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for tool in etcd redis-server docker java mvn; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing; run ./j8s up once to install it" >&2; exit 1; }
done
echo "building (mvn package, node-agent-service and what it needs, and the API server)..."
# One reactor build: sibling modules come from this checkout, never from ~/.m2.
mvn -B -q -DskipTests -pl api-server-service,node-agent-service -am package
# test-compile in the same run: common and test-support resolve to this checkout's target/classes
mvn -B -q -pl node-agent-service -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/classpath.txt
classpath="node-agent-service/target/test-classes:node-agent-service/target/classes"
classpath+=":common/target/classes:test-support/target/classes"
classpath+=":$(tr ':' '\n' <node-agent-service/target/classpath.txt | grep -v '/io/j8s/' | paste -sd:)"
exec java -Xmx1g -cp "$classpath" io.j8s.nodeagent.bench.NodeAgentBenchmark "$@"
