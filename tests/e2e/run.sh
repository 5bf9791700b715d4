#!/usr/bin/env bash
# End-to-end tests: start the local cluster with ./j8s up, drive the API server with curl, check
# what it stored with etcdctl, and stop the cluster again with ./j8s down (always, via a trap).
# Each check prints a PASS or FAIL line; the last line is "N passed, N failed"; exit 1 on any failure.
#
# If the services were already running under ./j8s before this script (a developer's cluster),
# they are tested as they are and left running.
#
# J8S_E2E_EXTERNAL_API=1 skips ./j8s up/down and tests the API server at $J8S_API_URL as it is
# (for running the scenarios against a server started some other way).
#
# The manifests set schedulerName: e2e-unscheduled, a scheduler nobody runs: the API scenarios need
# objects that no other component (scheduler, node agent) writes to while they compare resourceVersions
# and etcd revisions. Scenario 9 runs real pods through the scheduler and the node agent.
#
# No `set -e`: a failed check must not stop the other scenarios.
# shellcheck disable=SC2016  # jq filters are single-quoted on purpose
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT" || exit 1
# shellcheck source-path=SCRIPTDIR source=lib.sh
source "$ROOT/tests/e2e/lib.sh"
# shellcheck source-path=SCRIPTDIR source=kubectl.sh
source "$ROOT/tests/e2e/kubectl.sh"

RUN="$(date +%s)-$((RANDOM % 1000))"   # unique object names, so reruns never collide
NS=default
PODS="/api/v1/namespaces/$NS/pods"
DEPLOYMENTS="/apis/apps/v1/namespaces/$NS/deployments"
WATCH_PID=""
STARTED_CLUSTER=0

cleanup() {
  [[ -n "$WATCH_PID" ]] && kill "$WATCH_PID" 2>/dev/null
  ((${#BACKEND_PIDS[@]})) && kill "${BACKEND_PIDS[@]}" 2>/dev/null
  if ((STARTED_CLUSTER)); then
    printf '\n--- stopping the cluster (./j8s down)\n'
    "$ROOT/j8s" down || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 1. discovery ----------------------------------------------------------------------------
scenario_version() {
  scenario "1 version"
  req GET /version
  expect_code "GET /version answers 200" 200 || return 0
  expect_jq 'GET /version is JSON with major "1"' '.major == "1"'
}

# ---- 2. a Pod created with curl is stored in etcd ---------------------------------------------
scenario_pod() {
  scenario "2 pod"
  local name="e2e-pod-$RUN" key="/registry/pods/$NS/e2e-pod-$RUN" uid rv
  manifest pod.json "$name" >"$TMP/pod.json"
  req POST "$PODS" -H 'Content-Type: application/json' --data-binary @"$TMP/pod.json"
  expect_code "POST $PODS ($name) answers 201 Created" 201 || return 0
  req GET "$PODS/$name"
  expect_code "GET $PODS/$name answers 200" 200 || return 0
  expect_jq "GET returns the pod by name and namespace" \
    '.kind == "Pod" and .metadata.name == $n and .metadata.namespace == "default"' --arg n "$name"
  expect_jq "metadata.uid is set" '.metadata.uid | type == "string" and length > 0'
  expect_jq "metadata.creationTimestamp is set (RFC 3339)" \
    '.metadata.creationTimestamp | type == "string" and test("^[0-9]{4}-[0-9]{2}-[0-9]{2}T")'
  expect_jq "metadata.resourceVersion is set" '.metadata.resourceVersion | type == "string" and test("^[0-9]+$")'
  expect_jq "the container is kept as sent" '.spec.containers[0].name == "main" and .spec.containers[0].image == "busybox:latest"'
  uid="$(jqr .metadata.uid)"; rv="$(jqr .metadata.resourceVersion)"

  if etcd_has_key "$key"; then
    pass "etcdctl get --prefix /registry/pods/$NS/ lists $key"
  else
    fail "etcdctl get --prefix /registry/pods/$NS/ lists $key" "keys: $(etcd_keys "/registry/pods/$NS/" | head -20 | tr '\n' ' ')"
  fi
  local stored_uid; stored_uid="$(etcd_value "$key" | jq -r '.metadata.uid // empty' 2>/dev/null)"
  if [[ -n "$uid" && "$stored_uid" == "$uid" ]]; then pass "the etcd value is the pod as JSON (same uid)"
  else fail "the etcd value is the pod as JSON (same uid)" "api uid '$uid', etcd uid '$stored_uid'"
  fi
  local modrev; modrev="$(etcd_mod_revision "$key")"
  if [[ -n "$rv" && "$modrev" == "$rv" ]]; then pass "resourceVersion equals the key's etcd mod revision ($rv)"
  else fail "resourceVersion equals the key's etcd mod revision" "resourceVersion '$rv', mod_revision '$modrev'"
  fi

  req DELETE "$PODS/$name"
  expect_code "DELETE the unbound pod answers 200" 200 202 || return 0
  req GET "$PODS/$name"
  expect_code "the unbound pod is gone at once (GET answers 404)" 404
  if etcd_has_key "$key"; then fail "$key is removed from etcd"; else pass "$key is removed from etcd"; fi
}

# ---- 3. a Deployment created from YAML gets the Kubernetes defaults ---------------------------
scenario_deployment() {
  scenario "3 deployment"
  local name="e2e-deploy-$RUN" key="/registry/deployments/$NS/e2e-deploy-$RUN"
  manifest deployment.yaml "$name" >"$TMP/deployment.yaml"
  req POST "$DEPLOYMENTS" -H 'Content-Type: application/yaml' -H 'Accept: application/json' \
    --data-binary @"$TMP/deployment.yaml"
  expect_code "POST $DEPLOYMENTS (YAML body) answers 201 Created" 201 || return 0
  expect_jq "the answer is the Deployment as JSON" '.kind == "Deployment" and .apiVersion == "apps/v1" and .metadata.name == $n' --arg n "$name"
  expect_jq "default spec.strategy.type is RollingUpdate" '.spec.strategy.type == "RollingUpdate"'
  expect_jq "default rollingUpdate maxSurge and maxUnavailable are 25%" \
    '.spec.strategy.rollingUpdate.maxSurge == "25%" and .spec.strategy.rollingUpdate.maxUnavailable == "25%"'
  expect_jq "default spec.revisionHistoryLimit is 10" '.spec.revisionHistoryLimit == 10'
  expect_jq "default spec.progressDeadlineSeconds is 600" '.spec.progressDeadlineSeconds == 600'
  expect_jq "metadata.generation is 1" '.metadata.generation == 1'

  if etcd_has_key "$key"; then pass "etcd has $key"; else fail "etcd has $key" "keys: $(etcd_keys "/registry/deployments/" | head -20 | tr '\n' ' ')"; fi
  local stored; stored="$(etcd_value "$key" | jq -r '.spec.strategy.type // empty' 2>/dev/null)"
  if [[ "$stored" == RollingUpdate ]]; then pass "the stored Deployment carries the defaults"
  else fail "the stored Deployment carries the defaults" "etcd spec.strategy.type: '$stored'"
  fi

  req GET "$DEPLOYMENTS/$name"
  expect_code "GET $DEPLOYMENTS/$name answers 200" 200
  req DELETE "$DEPLOYMENTS/$name?propagationPolicy=Background"
  expect_code "DELETE the deployment answers 200" 200 202
  # The controllers made a ReplicaSet and a pod for it; the garbage collector removes them. Wait, so
  # later scenarios that compare etcd revisions see a quiet cluster.
  if wait_until 30 no_objects_labelled app=e2e-web; then pass "the garbage collector removed its ReplicaSet and pods"
  else fail "the garbage collector removed its ReplicaSet and pods" "still there: $(kcurl -s "$API/apis/apps/v1/namespaces/$NS/replicasets?labelSelector=app%3De2e-web" | jq -c '[.items[].metadata.name]')"
  fi
}

no_objects_labelled() {
  has_count "/apis/apps/v1/namespaces/$NS/replicasets?labelSelector=${1/=/%3D}" 0 \
    && has_count "$PODS?labelSelector=${1/=/%3D}" 0
}

# ---- 4. watch over Server-Sent Events -------------------------------------------------------------
scenario_watch() {
  scenario "4 watch (SSE)"
  local name="e2e-watch-$RUN" rv out="$TMP/watch.out" hdr="$TMP/watch.headers"
  req GET "$PODS"
  expect_code "list $PODS answers 200" 200 || return 0
  rv="$(jqr .metadata.resourceVersion)"
  [[ -n "$rv" ]] || { fail "the list carries metadata.resourceVersion" "$(response)"; return 0; }

  : >"$out"
  kcurl -sN --max-time 60 -D "$hdr" -H 'Accept: text/event-stream' \
    "$API$PODS?watch=true&resourceVersion=$rv" >"$out" 2>/dev/null &
  WATCH_PID=$!
  sleep 1

  manifest pod.json "$name" >"$TMP/watch-pod.json"
  req POST "$PODS" -H 'Content-Type: application/json' --data-binary @"$TMP/watch-pod.json"
  expect_code "create pod $name (201)" 201
  req GET "$PODS/$name"
  jq '.metadata.labels.e2e = "modified"' "$BODY" >"$TMP/watch-pod-modified.json" 2>/dev/null
  req PUT "$PODS/$name" -H 'Content-Type: application/json' --data-binary @"$TMP/watch-pod-modified.json"
  expect_code "update pod $name with PUT (200)" 200
  req DELETE "$PODS/$name"
  expect_code "delete pod $name (200)" 200 202

  # wait for the DELETED event (at most 15 s), then end the watch
  local i
  for ((i = 0; i < 30; i++)); do
    grep -Eq '^event: ?DELETED' "$out" 2>/dev/null && break
    sleep 0.5
  done
  sleep 0.5
  kill "$WATCH_PID" 2>/dev/null; wait "$WATCH_PID" 2>/dev/null; WATCH_PID=""

  local status ctype
  status="$(head -1 "$hdr" 2>/dev/null | tr -d '\r')"
  ctype="$(grep -i '^content-type:' "$hdr" 2>/dev/null | tail -1 | tr -d '\r')"
  if [[ "$status" == *" 200"* && "$ctype" == *text/event-stream* ]]; then
    pass "the watch answers 200 with Content-Type text/event-stream"
  else
    fail "the watch answers 200 with Content-Type text/event-stream" "status '$status', '$ctype'" "$(head -c 400 "$out")"
  fi

  # our pod's events, in order: "<EVENT> <label e2e>" per line; any non-JSON data counts as bad
  local seq bad=0 ev data
  seq=""
  while IFS=$'\t' read -r ev data; do
    [[ "$ev" == ADDED || "$ev" == MODIFIED || "$ev" == DELETED ]] || continue
    local n
    if ! n="$(jq -er '(.object // .) | .metadata.name' <<<"$data" 2>/dev/null)"; then bad=$((bad + 1)); continue; fi
    [[ "$n" == "$name" ]] || continue
    seq+="$ev:$(jq -r '(.object // .) | .metadata.labels.e2e // "-"' <<<"$data") "
  done < <(sse_events "$out")

  local e
  for e in ADDED MODIFIED DELETED; do
    if [[ " $seq" == *" $e:"* ]]; then pass "event: $e with JSON data for $name"
    else fail "event: $e with JSON data for $name" "events seen for $name: '${seq:-none}'" "stream: $(head -c 500 "$out")"
    fi
  done
  local order_re='ADDED:[^ ]* (.* )?MODIFIED:modified (.* )?DELETED:'
  if [[ "$seq" =~ $order_re ]]; then
    pass "ADDED, then MODIFIED (with the new label), then DELETED, in order"
  else
    fail "ADDED, then MODIFIED (with the new label), then DELETED, in order" "events seen for $name: '${seq:-none}'"
  fi
  if ((bad == 0)); then pass "every event's data is JSON"; else fail "every event's data is JSON" "$bad events with non-JSON data"; fi
}

# ---- 5. client errors are Kubernetes Status objects and change nothing --------------------------
scenario_errors() {
  scenario "5 errors"
  local name="e2e-err-$RUN" rv1 rv2 before after changed
  manifest pod.json "$name" >"$TMP/err-pod.json"
  req POST "$PODS" -H 'Content-Type: application/json' --data-binary @"$TMP/err-pod.json"
  expect_code "setup: create pod $name (201)" 201 || return 0
  cp "$BODY" "$TMP/err-pod-v1.json"
  rv1="$(jqr .metadata.resourceVersion)"
  jq '.metadata.labels.step = "2"' "$TMP/err-pod-v1.json" >"$TMP/err-pod-v2.json"
  req PUT "$PODS/$name" -H 'Content-Type: application/json' --data-binary @"$TMP/err-pod-v2.json"
  expect_code "setup: update pod $name once (200)" 200 || return 0
  rv2="$(jqr .metadata.resourceVersion)"

  before="$(etcd_revision)"

  req GET "$PODS/e2e-missing-$RUN"
  expect_code "GET a missing pod answers 404" 404
  expect_jq 'the 404 is a Status with reason NotFound' '.kind == "Status" and .reason == "NotFound" and .code == 404'

  req POST "$PODS" -H 'Content-Type: application/json' \
    --data-binary '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"e2e-malformed-'"$RUN"'"'
  expect_code "POST malformed JSON answers 400" 400
  expect_jq 'the 400 is a Status' '.kind == "Status" and .code == 400'

  manifest pod-no-containers.json "e2e-invalid-$RUN" >"$TMP/invalid.json"
  req POST "$PODS" -H 'Content-Type: application/json' --data-binary @"$TMP/invalid.json"
  expect_code "POST a pod without containers answers 422" 422
  expect_jq 'the 422 is a Status with reason Invalid and details.causes[].field naming spec.containers' \
    '.kind == "Status" and .reason == "Invalid" and ([.details.causes[]?.field // "" | select(test("containers"))] | length > 0)'

  req PUT "$PODS/$name" -H 'Content-Type: application/json' --data-binary @"$TMP/err-pod-v1.json"
  expect_code "PUT with the stale resourceVersion $rv1 answers 409" 409
  expect_jq 'the 409 is a Status with reason Conflict' '.kind == "Status" and .reason == "Conflict" and .code == 409'

  after="$(etcd_revision)"
  if [[ -n "$before" && "$before" == "$after" ]]; then
    pass "etcd is unchanged by the failed requests (revision $before)"
  else
    changed="$(etcd_changed_since "${before:-0}")"
    if [[ -n "$before" && -z "$changed" ]]; then
      pass "etcd is unchanged by the failed requests (revision $before -> $after only by leases/nodes/events)"
    else
      fail "etcd is unchanged by the failed requests" "revision before '$before', after '$after'; changed keys: $(tr '\n' ' ' <<<"$changed")"
    fi
  fi
  if etcd_has_key "/registry/pods/$NS/e2e-invalid-$RUN" || etcd_has_key "/registry/pods/$NS/e2e-malformed-$RUN"; then
    fail "the rejected pods are not in etcd"
  else
    pass "the rejected pods are not in etcd"
  fi
  req GET "$PODS/$name"
  expect_jq "the pod still has the resourceVersion of its last good update ($rv2)" \
    '.metadata.resourceVersion == $rv and .metadata.labels.step == "2"' --arg rv "$rv2"

  req DELETE "$PODS/$name"
}

# ---- 6. Swagger UI and the OpenAPI document ------------------------------------------------------
scenario_swagger() {
  scenario "6 swagger"
  local out ctype
  out="$(kcurl -sSL -o "$BODY" -w '%{http_code} %{content_type}' --max-time 20 "$API/swagger-ui.html" 2>&1)"
  CODE="${out%% *}"; ctype="${out#* }"
  if [[ "$CODE" == 200 && "$ctype" == text/html* ]] && grep -qi swagger "$BODY"; then
    pass "GET /swagger-ui.html (following redirects) answers 200 HTML"
  else
    fail "GET /swagger-ui.html (following redirects) answers 200 HTML" "content type '$ctype'" "$(response)"
  fi
  req GET /v3/api-docs
  expect_code "GET /v3/api-docs answers 200" 200 || return 0
  expect_jq "the OpenAPI document lists /api/v1/namespaces/{namespace}/pods" '.paths | has("/api/v1/namespaces/{namespace}/pods")'
}

# ---- 7. the controllers: a Deployment gets a ReplicaSet and pods that heal, roll and go -----------
# No node agent runs pods yet (issue 5), so this scenario plays the kubelet: it marks pods Running and
# Ready through /status, as the node agent will.
scenario_controllers() {
  scenario "7 controllers"
  local name="e2e-ctl-$RUN" sel="app%3De2e-ctl-$RUN" rs1 rs2 victim
  local RS="/apis/apps/v1/namespaces/$NS/replicasets"
  manifest deployment.yaml "$name" | sed "s/app: e2e-web/app: e2e-ctl-$RUN/; s/replicas: 1/replicas: 3/" >"$TMP/ctl.yaml"
  req POST "$DEPLOYMENTS" -H 'Content-Type: application/yaml' --data-binary @"$TMP/ctl.yaml"
  expect_code "create Deployment $name with 3 replicas (201)" 201 || return 0

  if wait_until 20 has_count "$RS?labelSelector=$sel" 1; then pass "a ReplicaSet appears for the Deployment"
  else fail "a ReplicaSet appears for the Deployment" "ReplicaSets: $(count "$RS?labelSelector=$sel" .)"; return 0
  fi
  req GET "$RS?labelSelector=$sel"
  rs1="$(jqr '.items[0].metadata.name')"
  expect_jq "it is named <deployment>-<pod-template-hash> and owned by the Deployment" \
    '.items[0].metadata.name | startswith($n + "-")' --arg n "$name"
  expect_jq "its controller ownerReference points at the Deployment" \
    '.items[0].metadata.ownerReferences[0].kind == "Deployment" and .items[0].metadata.ownerReferences[0].controller == true'
  if wait_until 20 has_count "$PODS?labelSelector=$sel" 3; then pass "3 pods appear"
  else fail "3 pods appear" "pods: $(count "$PODS?labelSelector=$sel" .)"; return 0
  fi

  victim="$(kcurl -s "$API$PODS?labelSelector=$sel" | jq -r '.items[0].metadata.name')"
  req DELETE "$PODS/$victim"
  expect_code "delete pod $victim" 200 202
  if wait_until 20 replaced "$sel" "$victim"; then pass "the ReplicaSet replaces the deleted pod (3 pods again)"
  else fail "the ReplicaSet replaces the deleted pod (3 pods again)" "pods: $(kcurl -s "$API$PODS?labelSelector=$sel" | jq -c '[.items[].metadata.name]')"
  fi

  req GET "/api/v1/namespaces/$NS/events?fieldSelector=involvedObject.name%3D$rs1"
  expect_jq "SuccessfulCreate events are recorded on the ReplicaSet" '[.items[] | select(.reason == "SuccessfulCreate")] | length > 0'

  # Roll: a new image gives a new ReplicaSet; the "kubelet" makes pods ready so the rollout completes.
  req PATCH "$DEPLOYMENTS/$name" -H 'Content-Type: application/merge-patch+json' \
    --data-binary '{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"busybox:1.36","command":["httpd","-f","-p","8080"]}]}}}}'
  expect_code "change the image (merge patch)" 200 || return 0
  if wait_until 90 rollout_done "$name" "$sel"; then pass "the rollout completes: 3 updated, available replicas"
  else fail "the rollout completes: 3 updated, available replicas" "status: $(kcurl -s "$API$DEPLOYMENTS/$name" | jq -c .status)"
  fi
  req GET "$RS?labelSelector=$sel"
  rs2="$(jq -r --arg old "$rs1" '[.items[] | select(.metadata.name != $old)][0].metadata.name // empty' "$BODY")"
  expect_jq "a second ReplicaSet with revision 2 holds the pods; the first is scaled to 0" \
    '([.items[] | select(.metadata.annotations["deployment.kubernetes.io/revision"] == "2" and .spec.replicas == 3)] | length == 1)
     and ([.items[] | select(.metadata.name == $old and .spec.replicas == 0)] | length == 1)' --arg old "$rs1"
  req GET "$PODS?labelSelector=$sel"
  expect_jq "every pod now runs the new image" '[.items[] | select(.spec.containers[0].image != "busybox:1.36")] | length == 0'

  req DELETE "$DEPLOYMENTS/$name"
  expect_code "delete the Deployment" 200 202
  if wait_until 30 no_objects_labelled "app=e2e-ctl-$RUN"; then pass "its ReplicaSets ($rs1, ${rs2:-?}) and pods are garbage-collected"
  else fail "its ReplicaSets and pods are garbage-collected" "left: $(count "$RS?labelSelector=$sel" .) ReplicaSets, $(count "$PODS?labelSelector=$sel" .) pods"
  fi
}

replaced() {
  local pods; pods="$(kcurl -s "$API$PODS?labelSelector=$1")"
  [[ "$(jq '.items | length' <<<"$pods")" == 3 ]] && ! jq -e --arg v "$2" '.items[] | select(.metadata.name == $v)' <<<"$pods" >/dev/null
}

# rollout_done NAME SELECTOR: marks every pod Running and Ready (playing the kubelet), then reports whether
# the Deployment's status says what `kubectl rollout status` waits for.
rollout_done() {
  local pod
  for pod in $(kcurl -s "$API$PODS?labelSelector=$2" | jq -r '.items[] | select(.status.phase != "Running") | .metadata.name'); do
    kcurl -s -o /dev/null -X PATCH "$API$PODS/$pod/status" -H 'Content-Type: application/merge-patch+json' \
      --data-binary '{"status":{"phase":"Running","podIP":"127.0.0.1","conditions":[{"type":"Ready","status":"True"},{"type":"ContainersReady","status":"True"}]}}'
  done
  kcurl -s "$API$DEPLOYMENTS/$1" | jq -e '.metadata.generation <= .status.observedGeneration
    and .status.updatedReplicas == 3 and .status.replicas == 3 and .status.availableReplicas == 3' >/dev/null
}

# ---- 8. the scheduler binds pods to nodes that fit, and says why when none does -------------------
# Registers a Node itself (with a fresh Lease), as the node agent will in issue 5.
scenario_scheduler() {
  scenario "8 scheduler"
  local node="e2e-node-$RUN" fits="e2e-fits-$RUN" huge="e2e-huge-$RUN" now
  now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  req POST /api/v1/nodes -H 'Content-Type: application/json' --data-binary '{"apiVersion":"v1","kind":"Node",
    "metadata":{"name":"'"$node"'","labels":{"kubernetes.io/hostname":"'"$node"'"}},
    "status":{"allocatable":{"cpu":"2","memory":"4Gi","pods":"10"},"capacity":{"cpu":"2","memory":"4Gi","pods":"10"},
              "conditions":[{"type":"Ready","status":"True","lastHeartbeatTime":"'"$now"'"}]}}'
  expect_code "register Node $node (2 CPUs, Ready)" 201 || return 0
  req POST /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases -H 'Content-Type: application/json' \
    --data-binary '{"metadata":{"name":"'"$node"'"},"spec":{"holderIdentity":"'"$node"'","leaseDurationSeconds":40,
                    "renewTime":"'"$(date -u +%Y-%m-%dT%H:%M:%S.000000Z)"'"}}'
  expect_code "and its Lease in kube-node-lease" 201

  # nodeSelector: ./j8s up's own node-1 is a candidate too, and this check is about the registered node
  req POST "$PODS" -H 'Content-Type: application/json' --data-binary '{"metadata":{"name":"'"$fits"'"},
    "spec":{"nodeSelector":{"kubernetes.io/hostname":"'"$node"'"},
            "containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"500m"}}}]}}'
  expect_code "create pod $fits requesting 500m CPU" 201
  if wait_until 20 pod_on "$fits" "$node"; then pass "the scheduler binds it to $node"
  else fail "the scheduler binds it to $node" "pod: $(kcurl -s "$API$PODS/$fits" | jq -c '{node: .spec.nodeName, conditions: .status.conditions}')"
  fi
  req GET "/api/v1/namespaces/$NS/events?fieldSelector=involvedObject.name%3D$fits"
  expect_jq "a Scheduled event says where" '[.items[] | select(.reason == "Scheduled" and (.message | contains($n)))] | length > 0' --arg n "$node"

  req POST "$PODS" -H 'Content-Type: application/json' --data-binary '{"metadata":{"name":"'"$huge"'"},
    "spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"64"}}}]}}'
  expect_code "create pod $huge requesting 64 CPUs" 201
  if wait_until 20 unschedulable "$huge"; then pass "it stays Pending: PodScheduled=False, reason Unschedulable"
  else fail "it stays Pending: PodScheduled=False, reason Unschedulable" "status: $(kcurl -s "$API$PODS/$huge" | jq -c .status)"
  fi
  req GET "$PODS/$huge"
  expect_jq "with kube-scheduler's message naming the cause" \
    '.status.conditions[] | select(.type == "PodScheduled") | .message | test("^0/[0-9]+ nodes are available: .*Insufficient cpu")'

  # Clean up: the bound pod waits for a kubelet, so confirm its deletion as one would.
  req DELETE "$PODS/$fits" -H 'Content-Type: application/json' --data-binary '{"gracePeriodSeconds":0}'
  req DELETE "$PODS/$huge"
  req DELETE "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/$node"
  req DELETE "/api/v1/nodes/$node"
  expect_code "remove the node" 200 202
}

pod_on() { [[ "$(kcurl -s "$API$PODS/$1" | jq -r '.spec.nodeName // empty')" == "$2" ]]; }

# ---- 9. the node agent runs a Deployment's pods as Docker containers, reachable on their host ports -------
scenario_node_agent() {
  scenario "9 node agent"
  local name="e2e-run-$RUN" sel="app%3De2e-run-$RUN" pod port
  req GET /api/v1/nodes/node-1
  expect_jq "node-1 is registered and Ready, its agent's log port advertised" \
    '(.status.conditions[] | select(.type == "Ready") | .status) == "True" and .status.daemonEndpoints.kubeletEndpoint.Port == 10250'
  req GET /apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-1
  expect_jq "node-1 renews its Lease in kube-node-lease" '.spec.holderIdentity == "node-1" and (.spec.renewTime | length > 0)'

  req POST "$DEPLOYMENTS" -H 'Content-Type: application/yaml' --data-binary @- <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: {name: $name}
spec:
  replicas: 2
  selector: {matchLabels: {app: e2e-run-$RUN}}
  template:
    metadata: {labels: {app: e2e-run-$RUN}}
    spec:
      terminationGracePeriodSeconds: 2
      containers:
      - name: web
        image: j8s.local/busybox:1.36
        command: ["sh", "-c", "mkdir -p /www && echo \$(POD_NAME) > /www/index.html && echo serving && exec httpd -f -p 8080 -h /www"]
        env:
        - name: POD_NAME
          valueFrom: {fieldRef: {fieldPath: metadata.name}}
        ports:
        - containerPort: 8080
        readinessProbe:
          httpGet: {path: /, port: 8080}
          periodSeconds: 1
YAML
  expect_code "create Deployment $name (2 replicas of busybox httpd)" 201 || return 0
  if wait_until 90 all_running_ready "$sel" 2; then pass "both pods are scheduled, started by the node agent, Running and Ready"
  else fail "both pods are scheduled, started by the node agent, Running and Ready" "pods: $(kcurl -s "$API$PODS?labelSelector=$sel" | jq -c '[.items[] | {n: .metadata.name, node: .spec.nodeName, phase: .status.phase, cs: .status.containerStatuses}]')"; return 0
  fi
  req GET "$PODS?labelSelector=$sel"
  local answered=0
  for pod in $(jq -r '.items[].metadata.name' "$BODY"); do
    port="$(jq -r --arg p "$pod" '.items[] | select(.metadata.name == $p) | .metadata.annotations["j8s.io/host-ports"] | fromjson | .["8080/TCP"]' "$BODY")"
    [[ "$(curl -s --max-time 5 "http://127.0.0.1:$port/")" == "$pod" ]] && answered=$((answered + 1))
  done
  if ((answered == 2)); then pass "each pod answers with its own name on its published port (j8s.io/host-ports)"
  else fail "each pod answers with its own name on its published port (j8s.io/host-ports)" "$answered of 2 answered; $(jq -c '[.items[].metadata.annotations]' "$BODY")"
  fi
  expect "the pods' containers run in Docker, labelled with their node" \
    test "$(docker ps -q --filter label=io.j8s.node=node-1 --filter label=io.kubernetes.pod.namespace=$NS | wc -l)" -ge 4
  pod="$(jq -r '.items[0].metadata.name' "$BODY")"
  req GET "$PODS/$pod/log"
  expect_code "GET pods/$pod/log answers 200 through the API server" 200 && \
    expect "the log is the container's output" grep -qx serving "$BODY"

  req DELETE "$DEPLOYMENTS/$name"
  expect_code "delete the Deployment" 200 202
  if wait_until 60 no_objects_labelled "app=e2e-run-$RUN"; then pass "its pods are stopped and deleted"
  else fail "its pods are stopped and deleted" "pods: $(count "$PODS?labelSelector=$sel" .)"
  fi
  # One pod left running for ./j8s down to clean up (restartPolicy Never and a short sleep: should the
  # cluster's data be reused, it is Succeeded soon and never runs again).
  req POST "$PODS" -H 'Content-Type: application/json' --data-binary '{"metadata":{"name":"e2e-left-'"$RUN"'"},
    "spec":{"restartPolicy":"Never","terminationGracePeriodSeconds":1,
            "containers":[{"name":"c","image":"j8s.local/busybox:1.36","command":["sleep","300"]}]}}'
  wait_until 60 pod_running "e2e-left-$RUN" || fail "a pod left running for ./j8s down starts" "$(kcurl -s "$API$PODS/e2e-left-$RUN" | jq -c .status)"
}

all_running_ready() {
  kcurl -s "$API$PODS?labelSelector=$1" | jq -e --argjson n "$2" '[.items[] | select(.status.phase == "Running"
    and ([.status.conditions[]? | select(.type == "Ready" and .status == "True")] | length == 1))] | length == $n' >/dev/null
}
pod_running() { kcurl -s "$API$PODS/$1" | jq -e '.status.phase == "Running"' >/dev/null; }
unschedulable() {
  kcurl -s "$API$PODS/$1" | jq -e '.status.conditions[]? | select(.type == "PodScheduled" and .status == "False" and .reason == "Unschedulable")' >/dev/null
}

# ---- 12. security: TLS, tokens, RBAC, node restriction, audit, and kubectl with the kubeconfig ./j8s up wrote --------
scenario_security() {
  scenario "12 security"
  local user="e2e-jane-$RUN" before after out pod="e2e-elsewhere-$RUN"
  local kc=(kubectl --kubeconfig "$E2E_KUBECONFIG")
  CODE="$(curl -s -o "$BODY" -w '%{http_code}' --max-time 10 --cacert "$CA_FILE" "$API/api/v1/namespaces")"
  expect_code "GET /api/v1/namespaces without a token answers 401" 401
  expect_jq "the 401 is a Status with reason Unauthorized" '.kind == "Status" and .reason == "Unauthorized" and .code == 401'
  CODE="$(curl -s -o "$BODY" -w '%{http_code}' --max-time 10 --cacert "$CA_FILE" -H 'Authorization: Bearer nope' "$API/api/v1/pods")"
  expect_code "a wrong token answers 401" 401
  CODE="$(curl -s -o "$BODY" -w '%{http_code}' --max-time 10 --cacert "$CA_FILE" "$API/version")"
  expect_code "/version stays open" 200
  CODE="$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "${API/https:/http:}/api/v1/namespaces" 2>/dev/null)"
  if [[ "$CODE" != 200 ]]; then pass "plain HTTP is not served on the API port (got $CODE)"; else fail "plain HTTP is not served on the API port"; fi

  out="$("${kc[@]}" get nodes node-1 2>&1)"
  if [[ $? -eq 0 && "$out" == *node-1* ]]; then pass "kubectl get nodes works over TLS with .j8s/kubeconfig, no flags"
  else fail "kubectl get nodes works over TLS with .j8s/kubeconfig, no flags" "$out"
  fi
  expect "kubectl auth can-i '*' '*' says yes for the admin" can_i j8s yes '*' '*'

  "$ROOT/j8s" user "$user" >/dev/null || fail "./j8s user $user"
  # the API server reloads the token file within seconds
  wait_until 20 can_i "$user" no list pods \
    && pass "a new user authenticates and may not list pods (kubectl auth can-i: no)" \
    || fail "a new user authenticates and may not list pods" "$("${kc[@]}" --context "$user" auth can-i list pods 2>&1)"
  out="$("${kc[@]}" --context "$user" get pods 2>&1)"
  if [[ "$out" == *"Error from server (Forbidden): pods is forbidden: User \"$user\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\""* ]]; then
    pass "kubectl get pods is Forbidden with kube-apiserver's message"
  else fail "kubectl get pods is Forbidden with kube-apiserver's message" "$out"
  fi
  out="$("${kc[@]}" create rolebinding "$user-view" --clusterrole=view --user="$user" 2>&1)"
  if [[ "$out" == *created* ]]; then pass "kubectl create rolebinding grants view"; else fail "kubectl create rolebinding grants view" "$out"; fi
  wait_until 10 can_i "$user" yes list pods \
    && pass "with view: can-i list pods says yes" || fail "with view: can-i list pods says yes"
  expect "with view: can-i create pods says no" can_i "$user" no create pods
  expect "with view: kubectl get pods works" "${kc[@]}" --context "$user" get pods
  before="$(etcd_revision)"
  out="$("${kc[@]}" --context "$user" delete pod "e2e-left-$RUN" 2>&1)"
  if [[ "$out" == *"(Forbidden)"*"cannot delete resource \"pods\""* ]]; then pass "with view: deleting a pod is Forbidden"
  else fail "with view: deleting a pod is Forbidden" "$out"
  fi

  # the node agent's own token: only its own objects
  local node_token; node_token="$(tr -d '[:space:]' <"$ROOT/.j8s/tokens/node-1.token")"
  req POST "$PODS" -H 'Content-Type: application/json' --data-binary '{"metadata":{"name":"'"$pod"'"},
    "spec":{"nodeName":"e2e-nowhere","containers":[{"name":"c","image":"busybox"}]}}'
  expect_code "setup: a pod bound to another node" 201
  before="$(etcd_revision)"
  CODE="$(curl -s -o "$BODY" -w '%{http_code}' --cacert "$CA_FILE" -H "Authorization: Bearer $node_token" \
    -X PATCH -H 'Content-Type: application/merge-patch+json' --data-binary '{"status":{"phase":"Failed"}}' "$API$PODS/$pod/status")"
  expect_code "node-1's token cannot write the status of another node's pod" 403
  expect_jq "... with NodeRestriction's message" '.message | contains("can only update pod status for pods with spec.nodeName set to itself")'
  CODE="$(curl -s -o "$BODY" -w '%{http_code}' --cacert "$CA_FILE" -H "Authorization: Bearer $node_token" \
    -X POST -H 'Content-Type: application/yaml' --data-binary @"$TMP/deployment.yaml" "$API$DEPLOYMENTS")"
  expect_code "node-1's token cannot create a Deployment" 403
  after="$(etcd_changed_since "$before")"
  if [[ -z "$after" ]]; then pass "the refused writes changed nothing in etcd"
  else fail "the refused writes changed nothing in etcd" "changed: $(tr '\n' ' ' <<<"$after")"
  fi
  req DELETE "$PODS/$pod"

  # every component acted with its own identity, and the audit log says who did what
  local audit="$ROOT/.j8s/logs/audit.log"
  expect "the audit log records the scheduler binding pods as system:kube-scheduler" \
    grep -q '"username":"system:kube-scheduler".*"subresource":"binding"' "$audit"
  expect "... the node agent reporting pod status as system:node:node-1" \
    grep -q '"verb":"patch","user":{"username":"system:node:node-1".*"subresource":"status"' "$audit"
  expect "... the controller manager creating ReplicaSets as system:kube-controller-manager" \
    grep -q '"verb":"create","user":{"username":"system:kube-controller-manager".*"resource":"replicasets"' "$audit"
  expect "... and the refused delete of $user with code 403" \
    grep -q '"verb":"delete","user":{"username":"'"$user"'".*"code":403' "$audit"
  "${kc[@]}" delete rolebinding "$user-view" >/dev/null 2>&1
}

# can_i CONTEXT ANSWER VERB RESOURCE: kubectl auth can-i, as the user of CONTEXT, answers ANSWER (yes or no)
can_i() {
  [[ "$(kubectl --kubeconfig "$E2E_KUBECONFIG" --context "$1" auth can-i "$3" "$4" 2>&1)" == "$2" ]]
}

# ---- 11. the proxy: a Service's stable name reaches its endpoints in turn, also on its node port ------
# The backends are busybox httpd processes on 127.0.0.1, registered as the Endpoints of a selector-less
# Service (Kubernetes leaves those Endpoints alone), so the scenario does not depend on the node agent.
PROXY="${J8S_PROXY_URL:-http://127.0.0.1:10280}"
PROXY_ADMIN="${J8S_PROXY_ADMIN_URL:-http://127.0.0.1:10256}"
BACKEND_PIDS=()

free_local_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 9000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { printf '%s' "$p"; return 0; }
  done
  return 1
}

# start_backend NAME: a busybox httpd answering /who with NAME; sets BACKEND_PORT
start_backend() {
  local dir="$TMP/www-$1"
  mkdir -p "$dir" && printf '%s' "$1" >"$dir/who"
  BACKEND_PORT="$(free_local_port)" || return 1
  busybox httpd -f -p "127.0.0.1:$BACKEND_PORT" -h "$dir" >/dev/null 2>&1 &
  BACKEND_PIDS+=("$!")
  wait_until 10 curl -sf "http://127.0.0.1:$BACKEND_PORT/who"
}

# via_proxy HOST PATH: the body the proxy answers (empty on failure)
via_proxy() { curl -s --max-time 5 -H "Host: $1" "$PROXY$2"; }
routed() { [[ "$(via_proxy "$1" /who)" =~ ^e2e- ]]; }

scenario_proxy() {
  scenario "11 proxy"
  local svc="e2e-svc-$RUN" p1 p2 p3 ep landed node_port
  command -v busybox >/dev/null || { fail "busybox is installed (./j8s up installs busybox-static)"; return 0; }
  start_backend e2e-a && p1="$BACKEND_PORT" && start_backend e2e-b && p2="$BACKEND_PORT" \
    && start_backend e2e-c && p3="$BACKEND_PORT" || { fail "three busybox httpd backends start"; return 0; }
  pass "three busybox httpd backends listen on 127.0.0.1:$p1, :$p2, :$p3"

  req POST "/api/v1/namespaces/$NS/services" -H 'Content-Type: application/json' \
    --data-binary '{"metadata":{"name":"'"$svc"'"},"spec":{"type":"NodePort","ports":[{"port":80}]}}'
  expect_code "create Service $svc of type NodePort, without a selector" 201 || return 0
  node_port="$(jqr '.spec.ports[0].nodePort')"
  if [[ "$node_port" =~ ^[0-9]+$ ]] && ((node_port >= 30000 && node_port <= 32767)); then
    pass "the API server allocates its node port from 30000-32767 ($node_port)"
  else fail "the API server allocates its node port from 30000-32767" "$(response)"
  fi
  ep='{"metadata":{"name":"'"$svc"'"},"subsets":['
  ep+='{"addresses":[{"ip":"127.0.0.1"}],"ports":[{"port":'"$p1"'}]},'
  ep+='{"addresses":[{"ip":"127.0.0.1"}],"ports":[{"port":'"$p2"'}]},'
  ep+='{"addresses":[{"ip":"127.0.0.1"}],"notReadyAddresses":[{"ip":"127.0.0.2"}],"ports":[{"port":'"$p3"'}]}]}'
  req POST "/api/v1/namespaces/$NS/endpoints" -H 'Content-Type: application/json' --data-binary "$ep"
  expect_code "register the three backends as its Endpoints (one more address not ready)" 201 || return 0

  if wait_until 10 routed "$svc.$NS"; then pass "curl -H 'Host: $svc.$NS' $PROXY/who reaches a backend"
  else fail "curl -H 'Host: $svc.$NS' $PROXY/who reaches a backend" "got: $(via_proxy "$svc.$NS" /who)"; return 0
  fi
  landed="$(for _ in $(seq 9); do via_proxy "$svc.$NS.svc.cluster.local" /who; echo; done | sort | uniq -c | awk '{print $1}' | tr '\n' ' ')"
  if [[ "$landed" == "3 3 3 " ]]; then pass "9 requests land 3 on each backend (round robin)"
  else fail "9 requests land 3 on each backend (round robin)" "counts: $landed"
  fi
  if [[ "$(curl -s --max-time 5 "$PROXY/proxy/namespaces/$NS/services/$svc:80/who")" =~ ^e2e- ]]; then
    pass "the path /proxy/namespaces/$NS/services/$svc:80/who reaches it too"
  else fail "the path /proxy/namespaces/$NS/services/$svc:80/who reaches it too"
  fi
  if wait_until 10 curl -sf --max-time 5 "http://127.0.0.1:$node_port/who"; then
    pass "its node port 127.0.0.1:$node_port answers"
  else fail "its node port 127.0.0.1:$node_port answers"
  fi

  # a backend dies: requests keep succeeding
  kill -9 "${BACKEND_PIDS[0]}" 2>/dev/null
  local failed=0 body
  for _ in $(seq 30); do
    body="$(via_proxy "$svc.$NS" /who)"
    [[ "$body" == e2e-b || "$body" == e2e-c ]] || failed=$((failed + 1))
  done
  if ((failed == 0)); then pass "after killing backend e2e-a, 30 GETs all succeed on the others"
  else fail "after killing backend e2e-a, 30 GETs all succeed on the others" "$failed failed"
  fi

  req PATCH "/api/v1/namespaces/$NS/endpoints/$svc" -H 'Content-Type: application/merge-patch+json' \
    --data-binary '{"subsets":[{"notReadyAddresses":[{"ip":"127.0.0.1"}],"ports":[{"port":'"$p2"'}]}]}'
  if wait_until 5 bash -c "[[ \$(curl -s -o /dev/null -w '%{http_code}' -H 'Host: $svc.$NS' $PROXY/who) == 503 ]]"; then
    pass "with no ready endpoint the proxy answers 503"
  else fail "with no ready endpoint the proxy answers 503"
  fi
  if curl -s -H 'Host: e2e-nothing.nowhere' "$PROXY/" | jq -e '.code == 404 and .reason == "NotFound"' >/dev/null; then
    pass "an unknown Service is a 404 Status"
  else fail "an unknown Service is a 404 Status"
  fi
  curl -s --max-time 10 -o "$TMP/metrics" "$PROXY_ADMIN/actuator/prometheus"
  if grep -q "j8s_proxy_requests_seconds_count{code=\"2xx\",namespace=\"$NS\",port=\"80\",service=\"$svc\"}" "$TMP/metrics"; then
    pass "$PROXY_ADMIN/actuator/prometheus counts the Service's requests"
  else fail "$PROXY_ADMIN/actuator/prometheus counts the Service's requests"
  fi

  req DELETE "/api/v1/namespaces/$NS/services/$svc"
  expect_code "delete the Service" 200 202
  req DELETE "/api/v1/namespaces/$NS/endpoints/$svc"
  if wait_until 10 bash -c "! curl -s --max-time 2 -o /dev/null http://127.0.0.1:$node_port/"; then
    pass "its node port closes"
  else fail "its node port closes"
  fi
  kill "${BACKEND_PIDS[@]}" 2>/dev/null
  BACKEND_PIDS=()

  # Real pods: a Deployment the node agent runs, behind a Service whose Endpoints the controller publishes.
  local app="e2e-px-$RUN"
  manifest proxy-pods.yaml "$app" >"$TMP/proxy-pods.yaml"
  req POST "$DEPLOYMENTS" -H 'Content-Type: application/yaml' --data-binary @"$TMP/proxy-pods.yaml"
  expect_code "create Deployment $app (2 pods of busybox httpd)" 201 || return 0
  req POST "/api/v1/namespaces/$NS/services" -H 'Content-Type: application/json' \
    --data-binary '{"metadata":{"name":"'"$app"'"},"spec":{"selector":{"app":"'"$app"'"},"ports":[{"port":80,"targetPort":"http"}]}}'
  expect_code "create Service $app selecting them" 201 || return 0
  if wait_until 120 two_pods_answer "$app"; then pass "curl -H 'Host: $app' $PROXY/ reaches both pods by the Service's name"
  else fail "curl -H 'Host: $app' $PROXY/ reaches both pods by the Service's name" \
    "answers: $(for _ in 1 2 3 4; do via_proxy "$app" /; done | tr '\n' ' ')" \
    "endpoints: $(curl -s "$API/api/v1/namespaces/$NS/endpoints/$app" | jq -c .subsets)"
  fi
  req DELETE "/api/v1/namespaces/$NS/services/$app"
  req DELETE "$DEPLOYMENTS/$app"
  expect_code "delete the Deployment and the Service" 200 202
}

# two_pods_answer APP: requests to the Service APP through the proxy reach two different pods of APP
two_pods_answer() {
  local seen; seen="$(for _ in 1 2 3 4; do via_proxy "$1" /; echo; done | grep "^$1-" | sort -u | wc -l)"
  ((seen == 2))
}

# ---- main ------------------------------------------------------------------------------------------
main() {
  local t
  for t in curl jq etcdctl kubectl; do
    command -v "$t" >/dev/null || { printf 'error: %s is missing (./j8s up or ./j8s test installs it)\n' "$t" >&2; exit 1; }
  done

  # Is the API port free, or held by a cluster this checkout's ./j8s started?
  local api_state
  api_state="$("$ROOT/j8s" status 2>/dev/null | awk '$1 == "api-server" {print $2}')"
  if [[ "${J8S_E2E_EXTERNAL_API:-}" == 1 ]]; then
    printf 'note: J8S_E2E_EXTERNAL_API=1: testing %s as it is, without ./j8s up/down\n' "$API"
  elif [[ "$api_state" == running ]]; then
    printf 'note: the services already run under ./j8s; testing them as they are and leaving them running\n'
  elif (exec 3<>/dev/tcp/127.0.0.1/8080) 2>/dev/null; then
    scenario "0 cluster"
    fail "port 8080 is free for the API server" \
      "something not started by this checkout's ./j8s listens on 127.0.0.1:8080: $(ss -Hltnp 'sport = :8080' 2>/dev/null | head -1)" \
      "stop it (or run ./j8s down where it was started) and re-run"
    summary; exit 1
  else
    STARTED_CLUSTER=1
    printf -- '--- starting the cluster (./j8s up)\n'
    if ! "$ROOT/j8s" up; then
      scenario "0 cluster"
      fail "./j8s up starts the cluster" "see the output above and .j8s/logs/"
      summary; exit 1
    fi
  fi

  # J8S_E2E_SCENARIOS="kubectl scheduler" runs only those scenarios (by their function names without scenario_).
  local s
  for s in ${J8S_E2E_SCENARIOS:-version pod deployment watch errors swagger controllers scheduler node_agent kubectl proxy security}; do
    "scenario_$s"
  done

  if ((STARTED_CLUSTER)) && [[ " ${J8S_E2E_SCENARIOS:-node_agent} " == *" node_agent "* ]]; then
    printf '\n--- stopping the cluster (./j8s down)\n'
    "$ROOT/j8s" down || true
    STARTED_CLUSTER=0
    scenario "9 node agent"
    if [[ -z "$(docker ps -aq --filter label=io.j8s.node=node-1 2>/dev/null)" ]]; then
      pass "./j8s down removed the pods' containers"
    else
      fail "./j8s down removed the pods' containers" "$(docker ps -a --filter label=io.j8s.node=node-1 --format '{{.Names}} {{.Status}}')"
    fi
  fi

  summary
  ((FAILED == 0))
}

main "$@"
