#!/bin/sh
# The docker-compose cluster's one-shot init (service "init", run as root in the api-server image, which has openssl
# and bash). Makes the cluster's credentials under $J8S_COMPOSE_STATE in this checkout, keeping what is already
# there, and the kubeconfig for its users:
#
#   pki/                  scripts/pki.sh's CA (ca.key never leaves this directory) and the API servers' serving
#                         certificate for the names clients use: api-server (HAProxy), api-server-1, api-server-2,
#                         localhost, 127.0.0.1 (and J8S_API_SANS); mounted nowhere
#   ca/ca.crt             the CA every client trusts (mounted read-only by every service)
#   api-server/           tls.crt, tls.key, client-ca.crt and tokens.csv (kube-apiserver's token file), for the API
#                         servers only
#   tokens/<identity>/token  one random token per identity, each directory mounted by its service only:
#                         admin (system:masters), scheduler, controller, proxy, and one per node agent
#                         (<node>: user system:node:<node>, group system:nodes, so the Node authorizer applies)
#   audit/<api server>/   where each API server writes its audit log
#   kubeconfig            server https://127.0.0.1:$J8S_API_PORT, the CA inline, the admin token
#
# Files belong to the checkout's owner (who can read and delete them) with group 10001, the j8s user the services
# run as; secrets are not readable by anyone else.
set -eu
state="/project/${J8S_COMPOSE_STATE:-.j8s/compose}"
owner="$(stat -c %u /project)"
group="$(stat -c %g /project)"
j8s_gid=10001
prefix="${J8S_NODE_PREFIX:-compose-node}"
# directories this creates get the checkout's owner too, and nothing else is touched
dir="$state"; created=""
while [ ! -d "$dir" ]; do created="$dir $created"; dir="$(dirname "$dir")"; done
mkdir -p "$state"
for d in $created; do chown "$owner:$group" "$d"; done
umask 077

# owned DIR MODE: DIR exists, belongs to the owner and the j8s group, with MODE
owned() { mkdir -p "$1"; chown "$owner:$j8s_gid" "$1"; chmod "$2" "$1"; }
# install_file SRC DEST MODE: DEST is a copy of SRC (replaced only when it differs), owner and j8s group, MODE
install_file() {
  if ! cmp -s "$1" "$2"; then cp "$1" "$2.new"; mv -f "$2.new" "$2"; fi
  chown "$owner:$j8s_gid" "$2"; chmod "$3" "$2"
}

# ---- the CA and the serving certificate ---------------------------------------------------------------------
owned "$state/pki" 700
# shellcheck disable=SC2086  # extra SANs are a list
bash /project/scripts/pki.sh "$state/pki" DNS:api-server DNS:api-server-1 DNS:api-server-2 DNS:api-server-replicas \
  ${J8S_API_SANS:-} >/dev/null
chown -R "$owner:$group" "$state/pki"
owned "$state/ca" 755
install_file "$state/pki/ca.crt" "$state/ca/ca.crt" 644
owned "$state/api-server" 750
install_file "$state/pki/apiserver.crt" "$state/api-server/tls.crt" 640
install_file "$state/pki/apiserver.key" "$state/api-server/tls.key" 640
install_file "$state/pki/ca.crt" "$state/api-server/client-ca.crt" 640

# ---- one token per identity, and the API servers' token file -------------------------------------------------
owned "$state/tokens" 750
# token_of IDENTITY: that identity's token, made (192 random bits) when missing
token_of() {
  owned "$state/tokens/$1" 750
  file="$state/tokens/$1/token"
  [ -s "$file" ] || openssl rand -hex 24 >"$file"
  chown "$owner:$j8s_gid" "$file"; chmod 640 "$file"
  tr -d '[:space:]' <"$file"
}
# token_line IDENTITY USER GROUPS: one line of kube-apiserver's token file, token,user,uid,"groups"
token_line() { printf '%s,%s,%s,"%s"\n' "$(token_of "$1")" "$2" "$2" "$3"; }
{
  token_line admin admin system:masters
  token_line scheduler system:kube-scheduler ""
  token_line controller system:kube-controller-manager ""
  token_line proxy system:kube-proxy ""
  for k in 1 2; do token_line "$prefix-$k" "system:node:$prefix-$k" system:nodes; done
} >"$state/api-server/tokens.csv.tmp"
install_file "$state/api-server/tokens.csv.tmp" "$state/api-server/tokens.csv" 640
rm -f "$state/api-server/tokens.csv.tmp"

# ---- where the API servers write their audit logs (they run as 10001) ---------------------------------------
owned "$state/audit" 755
for a in api-server-1 api-server-2; do owned "$state/audit/$a" 770; done

# ---- the kubeconfig ----------------------------------------------------------------------------------------
kubeconfig="$state/kubeconfig"
cat >"$kubeconfig.tmp" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters:
- name: j8s-compose
  cluster:
    server: https://127.0.0.1:${J8S_API_PORT:-18080}
    certificate-authority-data: $(base64 -w0 "$state/ca/ca.crt")
users:
- name: j8s-admin
  user:
    token: $(token_of admin)
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
chown "$owner:$group" "$kubeconfig.tmp"
mv "$kubeconfig.tmp" "$kubeconfig"
# the admin's token is for the checkout's owner only (no service mounts it)
chown -R "$owner:$group" "$state/tokens/admin"; chmod 700 "$state/tokens/admin"; chmod 600 "$state/tokens/admin/token"
echo "wrote $kubeconfig (admin token: $state/tokens/admin/token, CA: $state/ca/ca.crt)"
