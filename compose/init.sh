#!/bin/sh
# The docker-compose cluster's one-shot init (service "init"): writes what users of the cluster need into this
# checkout, owned by the checkout's owner: $J8S_COMPOSE_STATE/kubeconfig, pointing at the API server's published
# port on 127.0.0.1.
set -eu
state="/project/${J8S_COMPOSE_STATE:-.j8s/compose}"
owner="$(stat -c %u:%g /project)"
# directories this creates get the checkout's owner too, and nothing else is touched
dir="$state"; created=""
while [ ! -d "$dir" ]; do created="$dir $created"; dir="$(dirname "$dir")"; done
mkdir -p "$state"
for d in $created; do chown "$owner" "$d"; done
kubeconfig="$state/kubeconfig"
cat >"$kubeconfig.tmp" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: j8s-compose
  cluster:
    server: http://127.0.0.1:${J8S_API_PORT:-18080}
users:
- name: j8s-admin
  user: {}
contexts:
- name: j8s-compose
  context:
    cluster: j8s-compose
    user: j8s-admin
    namespace: default
current-context: j8s-compose
preferences: {}
KUBECONFIG
chmod 600 "$kubeconfig.tmp"
chown "$owner" "$kubeconfig.tmp"
mv "$kubeconfig.tmp" "$kubeconfig"
echo "wrote $kubeconfig"
