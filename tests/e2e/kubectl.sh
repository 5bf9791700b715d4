# shellcheck shell=bash
# Scenario 9: the real kubectl (v1.32) against the cluster, unchanged: KUBECONFIG=.j8s/kubeconfig and no flags.
# Each check runs a kubectl command and looks at its output and exit code. Sourced by tests/e2e/run.sh (which
# starts and stops the cluster); needs lib.sh's helpers.
#
# The pods really run: the scheduler binds them to node-1 and its node agent runs them on Docker with the local
# image j8s.local/busybox:1.36. Rollouts to "new versions" use the tags j8s.local/busybox:1.37 and :1.38, which the
# scenario adds to that image (no registry is reachable) and removes again at the end.
# shellcheck disable=SC2016

KUBECTL_OUT="$TMP/kubectl.out"
KUBECTL_ERR="$TMP/kubectl.err"
KUBECTL_RC=0

# k ARGS...: runs kubectl against the cluster, keeping stdout, stderr and the exit code for the checks
k() {
  KUBECONFIG="$ROOT/.j8s/kubeconfig" timeout 60 kubectl "$@" >"$KUBECTL_OUT" 2>"$KUBECTL_ERR"
  KUBECTL_RC=$?
}
kout() { cat "$KUBECTL_OUT"; }
kdetail() { printf 'exit %s\nstdout: %s\nstderr: %s' "$KUBECTL_RC" "$(head -c 700 "$KUBECTL_OUT")" "$(head -c 400 "$KUBECTL_ERR")"; }

# kpass DESC: the last kubectl command exited 0
kok() {
  if ((KUBECTL_RC == 0)); then pass "$1"; return 0; fi
  fail "$1" "$(kdetail)"; return 1
}
# kgrep DESC REGEX: the last kubectl command exited 0 and its stdout matches REGEX (extended)
kgrep() {
  if ((KUBECTL_RC == 0)) && grep -Eq -- "$2" "$KUBECTL_OUT"; then pass "$1"; return 0; fi
  fail "$1" "wanted /$2/" "$(kdetail)"; return 1
}
# kfails DESC REGEX: the last kubectl command failed and its stderr matches REGEX
kfails() {
  if ((KUBECTL_RC != 0)) && grep -Eq -- "$2" "$KUBECTL_ERR"; then pass "$1"; return 0; fi
  fail "$1" "wanted a failure matching /$2/" "$(kdetail)"; return 1
}

# klog DESC SECONDS ARGS...: kubectl ARGS for at most SECONDS (for `logs -f`, which only ends when killed)
klog() {
  local seconds="$2"; shift 2
  KUBECONFIG="$ROOT/.j8s/kubeconfig" timeout "$seconds" kubectl "$@" >"$KUBECTL_OUT" 2>"$KUBECTL_ERR"
  KUBECTL_RC=$?
}

# restarts NS POD CONTAINER: the container's restartCount, empty while it has no status
restarts() {
  KUBECONFIG="$ROOT/.j8s/kubeconfig" kubectl -n "$1" get pod "$2" \
    -o jsonpath="{.status.containerStatuses[?(@.name==\"$3\")].restartCount}" 2>/dev/null
}

scenario_kubectl() {
  scenario "10 kubectl"
  command -v kubectl >/dev/null || { fail "kubectl is installed" "kubectl not found on PATH"; return 0; }
  local ns="e2e-kubectl-$RUN" node="e2e-kubectl-node-$RUN" watch_pid
  rm -rf "${HOME:-/root}/.kube/cache/discovery"

  # ---- connection, discovery, OpenAPI
  k version -o json
  if ((KUBECTL_RC == 0)) && jq -e '.serverVersion.minor == "32"' "$KUBECTL_OUT" >/dev/null \
    && ! grep -q "version difference" "$KUBECTL_ERR"; then pass "kubectl version: server 1.32, no skew warning"
  else fail "kubectl version: server 1.32, no skew warning" "$(kdetail)"
  fi
  k api-resources
  kgrep "kubectl api-resources lists deployments (apps/v1, deploy)" '^deployments +deploy +apps/v1 +true +Deployment'
  kgrep "  ... and endpointslices (discovery.k8s.io/v1)" '^endpointslices +discovery.k8s.io/v1 +true +EndpointSlice$'
  k explain pod.spec.containers
  kgrep "kubectl explain pod.spec.containers prints the upstream description" 'List of containers belonging to the pod'
  k explain endpointslices.addressType
  kgrep "kubectl explain endpointslices.addressType" 'addressType specifies the type of address carried by this EndpointSlice'
  local tag
  for tag in 1.37 1.38; do docker tag j8s.local/busybox:1.36 "j8s.local/busybox:$tag"; done

  # ---- apply: create from a multi-document file, with kubectl's default (strict, server-side) validation
  sed "s/__NS__/$ns/g" "$MANIFESTS/kubectl-app.yaml" >"$TMP/app.yaml"
  k apply -f "$TMP/app.yaml"
  kgrep "kubectl apply -f creates the Namespace, Deployment, Service and Pod" "namespace/$ns created" \
    && kgrep "  ... deployment.apps/web created" 'deployment.apps/web created' \
    && kgrep "  ... service/web created" 'service/web created' && kgrep "  ... pod/chatty created" 'pod/chatty created'

  # ---- init containers: kubectl's STATUS while one runs (checked again below, once it is done)
  k -n "$ns" apply -f - <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: initialized
spec:
  terminationGracePeriodSeconds: 1
  initContainers:
  - name: setup
    image: j8s.local/busybox:1.36
    command: ["sh", "-c", "echo setting up; sleep 5"]
  containers:
  - name: main
    image: j8s.local/busybox:1.36
    command: ["sleep", "3600"]
YAML
  kgrep "kubectl apply of a pod with an init container" 'pod/initialized created'
  # (90 s: right after ./j8s up the node may not be Ready yet, and the pod waits to be scheduled)
  if wait_until 90 bash -c "KUBECONFIG='$ROOT/.j8s/kubeconfig' kubectl -n '$ns' get pod initialized | grep -Eq '^initialized +0/1 +Init:0/1 +0 '"
  then pass "  ... kubectl get pod shows Init:0/1 while it runs"
  else fail "  ... kubectl get pod shows Init:0/1 while it runs" "$(KUBECONFIG="$ROOT/.j8s/kubeconfig" kubectl -n "$ns" get pod initialized 2>&1)"
  fi

  # ---- get: kubectl's columns through the Table format, and the other output formats
  k -n "$ns" get deployments
  kgrep "kubectl get deployments prints NAME READY UP-TO-DATE AVAILABLE AGE" '^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$'
  k -n "$ns" rollout status deployment/web --timeout=90s
  kgrep "kubectl rollout status waits until the pods run and are ready" 'successfully rolled out'
  k -n "$ns" get pods -o wide
  kgrep "kubectl get pods -o wide adds IP NODE NOMINATED NODE READINESS GATES" \
    '^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES$' \
    && kgrep "  ... and the pods run on node-1, 1/1 Running" \
      '^web-[a-z0-9]+-[a-z0-9]+ +1/1 +Running +0 +[0-9a-z]+ +127\.0\.0\.1 +node-1 +<none> +<none>$'
  if wait_until 30 bash -c "KUBECONFIG='$ROOT/.j8s/kubeconfig' kubectl -n '$ns' get pod initialized | grep -Eq '^initialized +1/1 +Running +0 '"
  then pass "  ... and 1/1 Running once the init container completed"
  else fail "  ... and 1/1 Running once the init container completed" "$(KUBECONFIG="$ROOT/.j8s/kubeconfig" kubectl -n "$ns" get pod initialized 2>&1)"
  fi
  k -n "$ns" logs initialized -c setup
  kgrep "kubectl logs -c of the completed init container" '^setting up$'
  k -n "$ns" get pods -l app=web --show-labels
  kgrep "kubectl get -l app=web --show-labels" 'app=web,pod-template-hash='
  k get deployments -A
  kgrep "kubectl get -A adds the NAMESPACE column" "^NAMESPACE +NAME .*" && kgrep "  ... with $ns/web" "^$ns +web +"
  k -n "$ns" get deployments --field-selector metadata.name=web -o name
  kgrep "kubectl get --field-selector metadata.name=web -o name" '^deployment.apps/web$'
  k -n "$ns" get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}'
  kgrep "kubectl get -o jsonpath" '^j8s.local/busybox:1.36$'
  k -n "$ns" get service web -o yaml
  kgrep "kubectl get -o yaml" '^kind: Service$'
  k -n "$ns" get all
  kgrep "kubectl get all lists pods, services, deployments and replicasets" 'service/web' \
    && kgrep "  ... deployment.apps/web" 'deployment.apps/web' && kgrep "  ... replicaset.apps/web-" 'replicaset.apps/web-'
  wait_until 15 bash -c "KUBECONFIG='$ROOT/.j8s/kubeconfig' kubectl -n '$ns' get endpointslices -l kubernetes.io/service-name=web 2>/dev/null | grep -c ' 127\.0\.0\.1 ' | grep -qx 2"
  k -n "$ns" get endpoints
  kgrep "kubectl get endpoints: NAME ENDPOINTS AGE" '^NAME +ENDPOINTS +AGE$' \
    && kgrep "  ... the ready pods on their host ports" '^web +127\.0\.0\.1:[0-9]+,127\.0\.0\.1:[0-9]+ +'
  k -n "$ns" get endpointslices -l kubernetes.io/service-name=web
  kgrep "kubectl get endpointslices: NAME ADDRESSTYPE PORTS ENDPOINTS AGE" '^NAME +ADDRESSTYPE +PORTS +ENDPOINTS +AGE$' \
    && kgrep "  ... the Service's pods, one slice per host port" '^web-[a-z0-9]{5} +IPv4 +[0-9]+ +127\.0\.0\.1 +'
  k get namespaces
  kgrep "kubectl get namespaces: NAME STATUS AGE" "^$ns +Active +"
  k -n kube-system get leases
  kgrep "kubectl get leases: NAME HOLDER AGE" '^NAME +HOLDER +AGE$'
  k -n "$ns" get events
  kgrep "kubectl get events: LAST SEEN TYPE REASON OBJECT MESSAGE" '^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$'

  # ---- logs, while the rollouts below run: one container, -c, --tail, -f, deploy/NAME, --previous, a wrong -c
  wait_until 60 bash -c "KUBECONFIG='$ROOT/.j8s/kubeconfig' kubectl -n '$ns' logs chatty -c main 2>/dev/null | grep -q tick"
  local web_pod
  web_pod="$(KUBECONFIG="$ROOT/.j8s/kubeconfig" kubectl -n "$ns" get pods -l app=web -o name | head -1)"
  k -n "$ns" logs "$web_pod"
  kgrep "kubectl logs POD prints its only container's output" '^hello from web$'
  k -n "$ns" logs chatty -c main
  kgrep "kubectl logs POD -c main" '^line 1$' && kgrep "  ... all of it" '^line 5$'
  k -n "$ns" logs chatty -c main --tail=2
  if ((KUBECTL_RC == 0)) && [[ "$(wc -l <"$KUBECTL_OUT")" == 2 ]] && ! grep -q '^line' "$KUBECTL_OUT"; then
    pass "kubectl logs --tail=2 prints the last two lines"
  else fail "kubectl logs --tail=2 prints the last two lines" "$(kdetail)"
  fi
  klog "follow" 4 -n "$ns" logs -f --tail=0 chatty -c main
  if ((KUBECTL_RC == 124)) && (($(grep -c '^tick$' "$KUBECTL_OUT") >= 2)); then
    pass "kubectl logs -f stays open and streams new lines (stopped by timeout after 4 s)"
  else fail "kubectl logs -f stays open and streams new lines (stopped by timeout after 4 s)" "$(kdetail)"
  fi
  k -n "$ns" logs chatty -c nope
  kfails "kubectl logs -c with a container the pod lacks fails" 'container "?nope"? is not valid for pod "?chatty"?'

  # ---- exec (WebSocket v5.channel.k8s.io through the API server to the node agent): stdout, exit code, stdin
  k -n "$ns" exec chatty -c main -- echo hello
  kgrep "kubectl exec POD -- echo hello prints hello" '^hello$'
  k -n "$ns" exec chatty -c main -- sh -c 'echo oops >&2; exit 3'
  if ((KUBECTL_RC == 3)) && grep -q '^oops$' "$KUBECTL_ERR"; then
    pass "kubectl exec POD -- sh -c 'exit 3' exits 3 (stderr passed on)"
  else fail "kubectl exec POD -- sh -c 'exit 3' exits 3 (stderr passed on)" "$(kdetail)"
  fi
  KUBECTL_RC=0
  echo abc | KUBECONFIG="$ROOT/.j8s/kubeconfig" timeout 60 kubectl -n "$ns" exec -i chatty -c main -- cat \
    >"$KUBECTL_OUT" 2>"$KUBECTL_ERR" || KUBECTL_RC=$?
  kgrep "echo abc | kubectl exec -i POD -- cat prints abc (stdin and its EOF reach the command)" '^abc$'
  k -n "$ns" exec chatty -c nope -- true
  kfails "kubectl exec -c with a container the pod lacks fails" 'container nope is not valid for pod chatty'

  # ---- rollout: apply of an edit (strategic merge patch), history, undo, restart, set image, scale
  sed -i '0,/busybox:1.36/s//busybox:1.37/; /- name: COLOR/,+1d; s/value: hello/value: bonjour/' "$TMP/app.yaml"
  k apply -f "$TMP/app.yaml"
  kgrep "kubectl apply of the edited file configures the Deployment" 'deployment.apps/web configured' \
    && kgrep "  ... and leaves the pod alone" 'pod/chatty unchanged'
  k -n "$ns" get deployment web -o jsonpath='{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env}'
  kgrep "  ... new image, env merged by name (COLOR removed, GREETING changed)" \
    '^j8s.local/busybox:1.37 \[\{"name":"GREETING","value":"bonjour"\}\]$'
  k -n "$ns" rollout status deployment/web --timeout=90s
  kgrep "kubectl rollout status after the update" 'successfully rolled out'
  wait_until 30 bash -c "KUBECONFIG='$ROOT/.j8s/kubeconfig' kubectl -n '$ns' get pods -l app=web -o jsonpath='{.items[*].spec.containers[0].env[0].value}' | grep -qx 'bonjour bonjour'"
  k -n "$ns" logs deploy/web
  kgrep "kubectl logs deploy/web reads a pod of the new ReplicaSet" '^bonjour from web$'
  k -n "$ns" rollout history deployment/web
  kgrep "kubectl rollout history lists revisions 1 and 2" '^1 ' && kgrep "  ... revision 2" '^2 '
  k -n "$ns" rollout undo deployment/web
  kgrep "kubectl rollout undo" 'deployment.apps/web rolled back'
  k -n "$ns" get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}'
  kgrep "  ... brings back the first image" '^j8s.local/busybox:1.36$'
  k -n "$ns" rollout status deployment/web --timeout=90s
  kgrep "  ... and its pods" 'successfully rolled out'
  k -n "$ns" rollout restart deployment/web
  kgrep "kubectl rollout restart" 'deployment.apps/web restarted'
  k -n "$ns" get deployment web -o jsonpath='{.spec.template.metadata.annotations}'
  kgrep "  ... sets the restartedAt template annotation" 'kubectl.kubernetes.io/restartedAt'
  k -n "$ns" set image deployment/web web=j8s.local/busybox:1.38
  kgrep "kubectl set image" 'deployment.apps/web image updated'
  k -n "$ns" scale deployment web --replicas=3
  kgrep "kubectl scale" 'deployment.apps/web scaled'
  k -n "$ns" get deployment web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image}'
  kgrep "  ... 3 replicas of j8s.local/busybox:1.38" '^3 j8s.local/busybox:1.38$'
  k -n "$ns" rollout status deployment/web --timeout=120s
  kgrep "kubectl rollout status after restart, set image and scale" 'successfully rolled out'
  k -n "$ns" get deployment web
  kgrep "kubectl get deployment shows 3/3 ready after the rollout" '^web +3/3 +3 +3 +'
  k -n "$ns" get pods -l app=web -o jsonpath='{range .items[*]}{.spec.containers[0].image} {.status.phase}{"\n"}{end}'
  if ((KUBECTL_RC == 0)) && [[ "$(grep -c '^j8s.local/busybox:1.38 Running$' "$KUBECTL_OUT")" == 3 ]]; then
    pass "  ... three pods of the new image run"
  else fail "  ... three pods of the new image run" "$(kdetail)"
  fi

  # ---- logs --previous: the crash container has restarted by now (it exits after a second, back-off 10 s)
  wait_until 60 bash -c "[[ \$(KUBECONFIG='$ROOT/.j8s/kubeconfig' kubectl -n '$ns' get pod chatty -o jsonpath='{.status.containerStatuses[?(@.name==\"crash\")].restartCount}') -ge 1 ]]"
  local runs
  runs="$(restarts "$ns" chatty crash)"
  k -n "$ns" logs chatty -c crash --previous
  kgrep "kubectl logs --previous prints the last exited instance (run ${runs:-?} of the crash container)" "^run ${runs:-x}\$"

  # ---- label, annotate, edit
  k -n "$ns" label deployment web tier=frontend
  kgrep "kubectl label" 'deployment.apps/web labeled'
  k -n "$ns" annotate deployment web owner=e2e
  kgrep "kubectl annotate" 'deployment.apps/web annotated'
  printf '#!/bin/sh\nsed -i "s/owner: e2e/owner: edited/" "$1"\n' >"$TMP/editor.sh"; chmod +x "$TMP/editor.sh"
  EDITOR="$TMP/editor.sh" k -n "$ns" edit deployment web
  kgrep "kubectl edit (EDITOR scripted)" 'deployment.apps/web edited'
  k -n "$ns" get deployment web -o jsonpath='{.metadata.labels.tier} {.metadata.annotations.owner}'
  kgrep "  ... label and edited annotation are stored" '^frontend edited$'

  # ---- describe, with events
  k -n "$ns" describe deployment web
  kgrep "kubectl describe deployment shows the replicas line" 'Replicas: +3 desired' \
    && kgrep "  ... and its Events (ScalingReplicaSet)" 'ScalingReplicaSet'
  k -n "$ns" describe pod -l app=web
  kgrep "kubectl describe pod" '^Name: +web-' && kgrep "  ... with an Events section" '^Events:'
  local host_ports
  wait_until 15 bash -c "KUBECONFIG='$ROOT/.j8s/kubeconfig' kubectl -n '$ns' describe service web | grep -Eq '^Endpoints: +([0-9.]+:[0-9]+,){2}[0-9.]+:[0-9]+\$'"
  host_ports="$(KUBECONFIG="$ROOT/.j8s/kubeconfig" kubectl -n "$ns" get pods -l app=web -o json | jq -r '.items[]
    | select(.metadata.deletionTimestamp == null and ([.status.conditions[]? | select(.type == "Ready" and .status == "True")] | length == 1))
    | .metadata.annotations["j8s.io/host-ports"] | fromjson | .["8080/TCP"]' | sort -n)"
  k -n "$ns" describe service web
  kgrep "kubectl describe service" '^Selector: +app=web' \
    && kgrep "  ... lists the endpoints from the EndpointSlices" '^Endpoints: +127\.0\.0\.1:[0-9]+,127\.0\.0\.1:[0-9]+,127\.0\.0\.1:[0-9]+$'
  local described
  described="$(grep '^Endpoints:' "$KUBECTL_OUT" | awk '{print $2}' | tr ',' '\n' | sed 's/^127\.0\.0\.1://' | sort -n)"
  if [[ -n "$host_ports" && "$described" == "$host_ports" ]]; then
    pass "  ... exactly the host ports the node agent published ($(tr '\n' ' ' <<<"$host_ports"))"
  else fail "  ... exactly the host ports the node agent published" "pods: $host_ports" "described: $described"
  fi
  # A pod still terminating after the rollouts above keeps its slice (serving, not ready) until it is gone,
  # as on Kubernetes: wait for the three ready pods' slices to be all there is.
  local tries
  for tries in $(seq 30); do
    k -n "$ns" get endpointslices -l kubernetes.io/service-name=web -o name
    ((KUBECTL_RC == 0)) && [[ "$(grep -c '^endpointslice.discovery.k8s.io/web-' "$KUBECTL_OUT")" == 3 ]] && break
    sleep 1
  done
  if ((KUBECTL_RC == 0)) && [[ "$(grep -c '^endpointslice.discovery.k8s.io/web-' "$KUBECTL_OUT")" == 3 ]]; then
    pass "kubectl get endpointslices: one slice per pod (each pod has its own host port)"
  else fail "kubectl get endpointslices: one slice per pod (each pod has its own host port)" "$(kdetail)"
  fi

  # ---- watch: get -w stays open and prints each change as a row
  KUBECONFIG="$ROOT/.j8s/kubeconfig" kubectl -n "$ns" get deployments -w >"$TMP/watch.out" 2>&1 &
  watch_pid=$!
  sleep 2
  k -n "$ns" scale deployment web --replicas=1
  if wait_until 20 grep -Eq '^web +[0-9]+/1 ' "$TMP/watch.out"; then pass "kubectl get -w prints the change as a table row"
  else fail "kubectl get -w prints the change as a table row" "$(cat "$TMP/watch.out")"
  fi
  sleep 3
  if kill -0 "$watch_pid" 2>/dev/null; then pass "  ... and stays open"; else fail "  ... and stays open" "$(cat "$TMP/watch.out")"; fi
  kill "$watch_pid" 2>/dev/null; wait "$watch_pid" 2>/dev/null

  # ---- create and expose, cordon and uncordon
  k -n "$ns" create deployment api --image=j8s.local/busybox:1.36 -- httpd -f -p 9090
  kgrep "kubectl create deployment" 'deployment.apps/api created'
  k -n "$ns" expose deployment api --port=90 --target-port=9090
  kgrep "kubectl expose deployment" 'service/api exposed'
  k -n "$ns" get service api
  kgrep "  ... the Service has port 90/TCP" '^api +ClusterIP +.* 90/TCP '
  # tainted, so that no pod is scheduled to a node nobody runs
  printf 'apiVersion: v1\nkind: Node\nmetadata: {name: %s}\nspec: {taints: [{key: e2e, value: fake, effect: NoSchedule}]}\nstatus: {conditions: [{type: Ready, status: "True"}]}\n' "$node" \
    >"$TMP/node.yaml"
  k create -f "$TMP/node.yaml"
  k cordon "$node"
  kgrep "kubectl cordon" "node/$node cordoned"
  k get node "$node"
  kgrep "  ... the node shows Ready,SchedulingDisabled" "^$node +Ready,SchedulingDisabled "
  k uncordon "$node"
  kgrep "kubectl uncordon" "node/$node uncordoned"
  k describe node "$node"
  kgrep "kubectl describe node" "^Name: +$node"
  k delete node "$node"

  # ---- errors read as on Kubernetes
  k -n "$ns" get pod nope
  kfails "NotFound: Error from server (NotFound): pods \"nope\" not found" '^Error from server \(NotFound\): pods "nope" not found$'
  printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: strict, namespace: %s}\nspec:\n  replica: 2\n  selector: {matchLabels: {app: strict}}\n  template:\n    metadata: {labels: {app: strict}}\n    spec: {containers: [{name: c, image: busybox}]}\n' \
    "$ns" >"$TMP/strict.yaml"
  k apply -f "$TMP/strict.yaml"
  kfails "an unknown field fails kubectl's strict validation with its path" 'strict decoding error: unknown field "spec.replica"'
  printf 'apiVersion: v1\nkind: Service\nmetadata: {name: Bad_Name, namespace: %s}\nspec: {ports: [{port: 99999}]}\n' "$ns" \
    >"$TMP/invalid.yaml"
  k apply -f "$TMP/invalid.yaml"
  kfails "an invalid object is rejected with the invalid fields" 'The Service "Bad_Name" is invalid' \
    && kfails "  ... naming each field" 'spec.ports\[0\].port: Invalid value: 99999'
  k -n "$ns" get deployment web -o json
  jq '.metadata.resourceVersion = "1" | .metadata.labels.stale = "yes"' "$KUBECTL_OUT" >"$TMP/stale.json"
  k replace -f "$TMP/stale.json"
  kfails "a stale replace is a Conflict" 'Operation cannot be fulfilled on deployments.apps "web": the object has been modified'
  k apply --server-side -f "$TMP/app.yaml"
  kfails "kubectl apply --server-side says clearly that it is not supported" 'server-side apply is not supported'

  # ---- delete: waits until the object is gone; cascade modes
  k -n "$ns" delete deployment api
  kgrep "kubectl delete deployment" 'deployment.apps "api" deleted'
  k -n "$ns" get deployment api
  kfails "  ... it is gone when kubectl returns" 'NotFound'
  k -n "$ns" create deployment orphaned --image=j8s.local/busybox:1.36 -- sleep 3600
  wait_until 20 bash -c "KUBECONFIG='$ROOT/.j8s/kubeconfig' kubectl -n '$ns' get rs -l app=orphaned -o name | grep -q replicaset"
  k -n "$ns" delete deployment orphaned --cascade=orphan
  kgrep "kubectl delete --cascade=orphan" 'deployment.apps "orphaned" deleted'
  sleep 2
  k -n "$ns" get rs -l app=orphaned -o name
  kgrep "  ... leaves its ReplicaSet" '^replicaset.apps/orphaned-'
  k -n "$ns" delete deployment web --cascade=foreground --timeout=60s
  kgrep "kubectl delete --cascade=foreground waits for the dependents" 'deployment.apps "web" deleted'
  k -n "$ns" get rs -l app=web -o name
  if ((KUBECTL_RC == 0)) && [[ ! -s "$KUBECTL_OUT" ]]; then pass "  ... its ReplicaSets are gone when it returns"
  else fail "  ... its ReplicaSets are gone when it returns" "$(kdetail)"
  fi
  k delete namespace "$ns" --wait=false
  kgrep "kubectl delete namespace" "namespace \"$ns\" deleted"
  docker rmi j8s.local/busybox:1.37 j8s.local/busybox:1.38 >/dev/null 2>&1
}
