# shellcheck shell=bash
# Scenario 9: the real kubectl (v1.32) against the cluster, unchanged: KUBECONFIG=.j8s/kubeconfig and no flags.
# Each check runs a kubectl command and looks at its output and exit code. Sourced by tests/e2e/run.sh (which
# starts and stops the cluster); needs lib.sh's helpers.
#
# Pods are not scheduled (schedulerName e2e-unscheduled), so where a rollout needs ready pods the script plays the
# kubelet through the pods' /status subresource, as scenario 7 does.
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

# play_kubelet NS SELECTOR: marks every matching pod Running with a ready container, as a kubelet would report it
play_kubelet() {
  local pod now
  now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
  for pod in $(KUBECONFIG="$ROOT/.j8s/kubeconfig" kubectl -n "$1" get pods -l "$2" -o name 2>/dev/null); do
    KUBECONFIG="$ROOT/.j8s/kubeconfig" kubectl -n "$1" patch "$pod" --subresource=status --type=merge -p \
      '{"status":{"phase":"Running","podIP":"127.0.0.1","conditions":[{"type":"Ready","status":"True"},{"type":"ContainersReady","status":"True"}],"containerStatuses":[{"name":"web","ready":true,"restartCount":0,"image":"busybox","imageID":"","started":true,"state":{"running":{"startedAt":"'"$now"'"}}}]}}' \
      >/dev/null 2>&1
  done
}

# rollout_with_kubelet NS DEPLOYMENT: kubectl rollout status, while the "kubelet" keeps marking new pods ready
rollout_with_kubelet() {
  local ns="$1" name="$2" kubelet
  ( for _ in $(seq 60); do play_kubelet "$ns" app=web; sleep 1; done ) &
  kubelet=$!
  k -n "$ns" rollout status "deployment/$name" --timeout=90s
  kill "$kubelet" 2>/dev/null; wait "$kubelet" 2>/dev/null
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
  k explain pod.spec.containers
  kgrep "kubectl explain pod.spec.containers prints the upstream description" 'List of containers belonging to the pod'

  # ---- apply: create from a multi-document file, with kubectl's default (strict, server-side) validation
  sed "s/__NS__/$ns/g" "$MANIFESTS/kubectl-app.yaml" >"$TMP/app.yaml"
  k apply -f "$TMP/app.yaml"
  kgrep "kubectl apply -f creates the Namespace, Deployment and Service" "namespace/$ns created" \
    && kgrep "  ... deployment.apps/web created" 'deployment.apps/web created' \
    && kgrep "  ... service/web created" 'service/web created'

  # ---- get: kubectl's columns through the Table format, and the other output formats
  k -n "$ns" get deployments
  kgrep "kubectl get deployments prints NAME READY UP-TO-DATE AVAILABLE AGE" '^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$'
  wait_until 30 bash -c "KUBECONFIG='$ROOT/.j8s/kubeconfig' kubectl -n '$ns' get pods -l app=web -o name | grep -c pod/ | grep -qx 2"
  k -n "$ns" get pods -o wide
  kgrep "kubectl get pods -o wide adds IP NODE NOMINATED NODE READINESS GATES" \
    '^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES$' \
    && kgrep "  ... and the pods are Pending 0/1" '^web-[a-z0-9]+-[a-z0-9]+ +0/1 +Pending +0 '
  k -n "$ns" get pods -l app=web --show-labels
  kgrep "kubectl get -l app=web --show-labels" 'app=web,pod-template-hash='
  k get deployments -A
  kgrep "kubectl get -A adds the NAMESPACE column" "^NAMESPACE +NAME .*" && kgrep "  ... with $ns/web" "^$ns +web +"
  k -n "$ns" get deployments --field-selector metadata.name=web -o name
  kgrep "kubectl get --field-selector metadata.name=web -o name" '^deployment.apps/web$'
  k -n "$ns" get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}'
  kgrep "kubectl get -o jsonpath" '^busybox:1.36$'
  k -n "$ns" get service web -o yaml
  kgrep "kubectl get -o yaml" '^kind: Service$'
  k -n "$ns" get all
  kgrep "kubectl get all lists pods, services, deployments and replicasets" 'service/web' \
    && kgrep "  ... deployment.apps/web" 'deployment.apps/web' && kgrep "  ... replicaset.apps/web-" 'replicaset.apps/web-'
  k -n "$ns" get endpoints
  kgrep "kubectl get endpoints: NAME ENDPOINTS AGE" '^NAME +ENDPOINTS +AGE$'
  k get namespaces
  kgrep "kubectl get namespaces: NAME STATUS AGE" "^$ns +Active +"
  k -n kube-system get leases
  kgrep "kubectl get leases: NAME HOLDER AGE" '^NAME +HOLDER +AGE$'
  k -n "$ns" get events
  kgrep "kubectl get events: LAST SEEN TYPE REASON OBJECT MESSAGE" '^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$'

  # ---- rollout: status (with the "kubelet"), apply of an edit (strategic merge patch), history, undo, restart
  rollout_with_kubelet "$ns" web
  kgrep "kubectl rollout status waits until the rollout completes" 'successfully rolled out'
  sed -i 's/busybox:1.36/busybox:1.37/; /- name: COLOR/,+1d; s/value: hello/value: bonjour/' "$TMP/app.yaml"
  k apply -f "$TMP/app.yaml"
  kgrep "kubectl apply of the edited file configures the Deployment" 'deployment.apps/web configured'
  k -n "$ns" get deployment web -o jsonpath='{.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].env}'
  kgrep "  ... new image, env merged by name (COLOR removed, GREETING changed)" \
    '^busybox:1.37 \[\{"name":"GREETING","value":"bonjour"\}\]$'
  rollout_with_kubelet "$ns" web
  kgrep "kubectl rollout status after the update" 'successfully rolled out'
  k -n "$ns" rollout history deployment/web
  kgrep "kubectl rollout history lists revisions 1 and 2" '^1 ' && kgrep "  ... revision 2" '^2 '
  k -n "$ns" rollout undo deployment/web
  kgrep "kubectl rollout undo" 'deployment.apps/web rolled back'
  k -n "$ns" get deployment web -o jsonpath='{.spec.template.spec.containers[0].image}'
  kgrep "  ... brings back the first image" '^busybox:1.36$'
  k -n "$ns" rollout restart deployment/web
  kgrep "kubectl rollout restart" 'deployment.apps/web restarted'
  k -n "$ns" get deployment web -o jsonpath='{.spec.template.metadata.annotations}'
  kgrep "  ... sets the restartedAt template annotation" 'kubectl.kubernetes.io/restartedAt'
  k -n "$ns" set image deployment/web web=busybox:1.38
  kgrep "kubectl set image" 'deployment.apps/web image updated'
  k -n "$ns" scale deployment web --replicas=3
  kgrep "kubectl scale" 'deployment.apps/web scaled'
  k -n "$ns" get deployment web -o jsonpath='{.spec.replicas} {.spec.template.spec.containers[0].image}'
  kgrep "  ... 3 replicas of busybox:1.38" '^3 busybox:1.38$'
  rollout_with_kubelet "$ns" web
  k -n "$ns" get deployment web
  kgrep "kubectl get deployment shows 3/3 ready after the rollout" '^web +3/3 +3 +3 +'

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
  k -n "$ns" describe service web
  kgrep "kubectl describe service" '^Selector: +app=web'
  # kubectl 1.32's describe reads EndpointSlices, which j8s does not serve yet; the Endpoints are there:
  k -n "$ns" get endpoints web
  kgrep "kubectl get endpoints shows the ready pods' addresses" '^web +127\.0\.0\.1:8080'

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
  k -n "$ns" create deployment api --image=busybox:1.36 -- httpd -f -p 9090
  kgrep "kubectl create deployment" 'deployment.apps/api created'
  k -n "$ns" expose deployment api --port=90 --target-port=9090
  kgrep "kubectl expose deployment" 'service/api exposed'
  k -n "$ns" get service api
  kgrep "  ... the Service has port 90/TCP" '^api +ClusterIP +.* 90/TCP '
  printf 'apiVersion: v1\nkind: Node\nmetadata: {name: %s}\nstatus: {conditions: [{type: Ready, status: "True"}]}\n' "$node" \
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
  k -n "$ns" create deployment orphaned --image=busybox:1.36
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
}
