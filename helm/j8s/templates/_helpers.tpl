{{/* Names, labels and the pieces every j8s component shares. */}}

{{- define "j8s.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "j8s.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "j8s.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The name of a component's objects. Call with (dict "ctx" $ "component" "api-server"). */}}
{{- define "j8s.componentName" -}}
{{- printf "%s-%s" (include "j8s.fullname" .ctx) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels that select a component's pods. Call with (dict "ctx" $ "component" "api-server"). */}}
{{- define "j8s.selectorLabels" -}}
app.kubernetes.io/name: {{ include "j8s.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Every object's labels. Call with (dict "ctx" $ "component" "api-server"). */}}
{{- define "j8s.labels" -}}
helm.sh/chart: {{ include "j8s.chart" .ctx }}
{{ include "j8s.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: j8s
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
{{- with .ctx.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* A j8s image. Call with (dict "ctx" $ "name" "api-server"). */}}
{{- define "j8s.image" -}}
{{- printf "%s/%s:%s" .ctx.Values.image.registry .name (default .ctx.Chart.AppVersion .ctx.Values.image.tag) }}
{{- end }}

{{- define "j8s.apiServerUrl" -}}
{{- printf "%s://%s.%s.svc.%s:%v" (ternary "http" "https" .Values.security.insecure) (include "j8s.componentName" (dict "ctx" . "component" "api-server")) .Release.Namespace .Values.clusterDomain .Values.apiServer.service.port }}
{{- end }}

{{/* The Secret with the API server's tls.crt, tls.key and ca.crt: the existing one named in the values, or the chart's. */}}
{{- define "j8s.tlsSecretName" -}}
{{- default (printf "%s-tls" (include "j8s.fullname" .)) .Values.security.tls.existingSecret }}
{{- end }}

{{/* The Secret with one generated token per component identity (keys as in j8s.identities). */}}
{{- define "j8s.tokensSecretName" -}}
{{- printf "%s-tokens" (include "j8s.fullname" .) }}
{{- end }}

{{/*
Who each component is to the API server: key in the tokens Secret -> user and groups in the token file. Node
agents share one identity (the chart cannot make a token per node it does not know yet); RBAC, not the Node
authorizer, decides what it may do (see rbac-bootstrap.yaml and README.md).
*/}}
{{- define "j8s.identities" -}}
admin: {user: admin, groups: "system:masters"}
scheduler: {user: "system:kube-scheduler", groups: ""}
controller-manager: {user: "system:kube-controller-manager", groups: ""}
proxy: {user: "system:kube-proxy", groups: ""}
node-agent: {user: "system:j8s:node-agent", groups: "system:j8s:node-agents"}
{{- end }}

{{/*
How a component reaches the API server (unless security.insecure): its application.yml settings, and the volumes
that give it the CA and only its own token. Call with (dict "ctx" $ "identity" "scheduler"); returns YAML with
config, volumes and volumeMounts.
*/}}
{{- define "j8s.clientCredentials" -}}
{{- if .ctx.Values.security.insecure }}
config: {}
volumes: []
volumeMounts: []
{{- else }}
config:
  j8s:
    api-server:
      ca-file: /var/run/secrets/j8s/ca/ca.crt
      token-file: /var/run/secrets/j8s/token/token
volumes:
  - name: api-server-ca
    secret:
      secretName: {{ include "j8s.tlsSecretName" .ctx }}
      items: [{key: ca.crt, path: ca.crt}]
      defaultMode: 0444
  - name: api-server-token
    secret:
      secretName: {{ include "j8s.tokensSecretName" .ctx }}
      items: [{key: {{ .identity }}, path: token}]
      defaultMode: 0440
volumeMounts:
  - {name: api-server-ca, mountPath: /var/run/secrets/j8s/ca, readOnly: true}
  - {name: api-server-token, mountPath: /var/run/secrets/j8s/token, readOnly: true}
{{- end }}
{{- end }}

{{- define "j8s.etcdHeadless" -}}
{{- printf "%s-headless" (include "j8s.componentName" (dict "ctx" . "component" "etcd")) }}
{{- end }}

{{/* The DNS name of etcd member i (StatefulSet pod i behind the headless Service). */}}
{{- define "j8s.etcdMember" -}}
{{- printf "%s-%d.%s.%s.svc.%s" (include "j8s.componentName" (dict "ctx" .ctx "component" "etcd")) (int .i) (include "j8s.etcdHeadless" .ctx) .ctx.Release.Namespace .ctx.Values.clusterDomain }}
{{- end }}

{{/* etcd client URLs for the API servers: the StatefulSet's members, or externalEtcd.endpoints. */}}
{{- define "j8s.etcdEndpoints" -}}
{{- if .Values.etcd.enabled }}
{{- $endpoints := list }}
{{- range $i := until (int .Values.etcd.replicas) }}
{{- $endpoints = append $endpoints (printf "http://%s:2379" (include "j8s.etcdMember" (dict "ctx" $ "i" $i))) }}
{{- end }}
{{- join "," $endpoints }}
{{- else }}
{{- required "externalEtcd.endpoints must list the etcd client URLs when etcd.enabled is false" (join "," .Values.externalEtcd.endpoints) }}
{{- end }}
{{- end }}

{{- define "j8s.redisHost" -}}
{{- if .Values.redis.enabled }}
{{- printf "%s.%s.svc.%s" (include "j8s.componentName" (dict "ctx" . "component" "redis")) .Release.Namespace .Values.clusterDomain }}
{{- else }}
{{- required "externalRedis.host is required when redis.enabled is false" .Values.externalRedis.host }}
{{- end }}
{{- end }}

{{/*
A j8s service's application.yml: what the chart sets (base, a dict) with the component's `config` value merged
over it. Call with (dict "ctx" $ "values" .Values.apiServer "base" $base).
*/}}
{{- define "j8s.applicationYaml" -}}
{{- $common := dict "management" (dict "endpoint" (dict "health" (dict "probes" (dict "enabled" true)))) }}
{{- $merged := mustMergeOverwrite $common (deepCopy .base) (deepCopy (default (dict) .values.config)) }}
{{- toYaml $merged }}
{{- end }}

{{/* A component's ConfigMap holding its application.yml. Call with (dict "ctx" $ "component" "scheduler" "values" ... "base" ...). */}}
{{- define "j8s.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "j8s.componentName" . }}
  namespace: {{ .ctx.Release.Namespace }}
  labels:
    {{- include "j8s.labels" . | nindent 4 }}
data:
  application.yml: |
    {{- include "j8s.applicationYaml" . | nindent 4 }}
{{- end }}

{{/*
The pod template of a j8s service (Deployment or DaemonSet). Call with a dict of:
  ctx, component, values (the component's values), base (its application.yml before `config`),
  and optionally args, env, ports, volumes, volumeMounts, hostNetwork, podSecurityContext, securityContext,
  probeScheme (HTTP or HTTPS), livenessPath and readinessPath (Spring Boot's probe groups by default).
*/}}
{{- define "j8s.servicePodTemplate" -}}
{{- $ctx := .ctx }}
{{- $v := .values }}
metadata:
  labels:
    {{- include "j8s.labels" . | nindent 4 }}
  annotations:
    # a changed configuration rolls the pods
    checksum/config: {{ include "j8s.applicationYaml" . | sha256sum }}
    {{- with $v.podAnnotations }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  # j8s runs its own API; it never talks to the hosting cluster's
  automountServiceAccountToken: false
  enableServiceLinks: false
  {{- with $ctx.Values.imagePullSecrets }}
  imagePullSecrets:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- if .hostNetwork }}
  hostNetwork: true
  dnsPolicy: ClusterFirstWithHostNet
  {{- end }}
  securityContext:
    {{- toYaml (default $ctx.Values.podSecurityContext .podSecurityContext) | nindent 4 }}
  containers:
    - name: {{ .component }}
      image: {{ include "j8s.image" (dict "ctx" $ctx "name" $v.imageName) }}
      imagePullPolicy: {{ $ctx.Values.image.pullPolicy }}
      {{- with .args }}
      args:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      env:
        - name: SPRING_CONFIG_ADDITIONAL_LOCATION
          value: file:/etc/j8s/
        - name: SERVER_PORT
          value: {{ $v.port | quote }}
        {{- with $v.javaOpts }}
        - name: JAVA_OPTS
          value: {{ . | quote }}
        {{- end }}
        {{- with .env }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      ports:
        - name: http
          containerPort: {{ $v.port }}
          protocol: TCP
        {{- with .ports }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      startupProbe:
        httpGet:
          path: {{ default "/actuator/health/liveness" .livenessPath }}
          port: http
          scheme: {{ default "HTTP" .probeScheme }}
        periodSeconds: {{ $ctx.Values.probes.startup.periodSeconds }}
        failureThreshold: {{ $ctx.Values.probes.startup.failureThreshold }}
      livenessProbe:
        httpGet:
          path: {{ default "/actuator/health/liveness" .livenessPath }}
          port: http
          scheme: {{ default "HTTP" .probeScheme }}
        periodSeconds: {{ $ctx.Values.probes.liveness.periodSeconds }}
        timeoutSeconds: {{ $ctx.Values.probes.liveness.timeoutSeconds }}
        failureThreshold: {{ $ctx.Values.probes.liveness.failureThreshold }}
      readinessProbe:
        httpGet:
          path: {{ default "/actuator/health/readiness" .readinessPath }}
          port: http
          scheme: {{ default "HTTP" .probeScheme }}
        periodSeconds: {{ $ctx.Values.probes.readiness.periodSeconds }}
        timeoutSeconds: {{ $ctx.Values.probes.readiness.timeoutSeconds }}
        failureThreshold: {{ $ctx.Values.probes.readiness.failureThreshold }}
      resources:
        {{- toYaml $v.resources | nindent 8 }}
      securityContext:
        {{- toYaml (default $ctx.Values.securityContext .securityContext) | nindent 8 }}
      volumeMounts:
        - name: config
          mountPath: /etc/j8s
          readOnly: true
        - name: tmp
          mountPath: /tmp
        {{- with .volumeMounts }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
  volumes:
    - name: config
      configMap:
        name: {{ include "j8s.componentName" . }}
    - name: tmp
      emptyDir: {}
    {{- with .volumes }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  {{- with $v.nodeSelector }}
  nodeSelector:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.tolerations }}
  tolerations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  {{- with $v.affinity }}
  affinity:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}

{{/* A PodDisruptionBudget letting one pod of a component go at a time. Call with (dict "ctx" $ "component" ...). */}}
{{- define "j8s.podDisruptionBudget" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "j8s.componentName" . }}
  namespace: {{ .ctx.Release.Namespace }}
  labels:
    {{- include "j8s.labels" . | nindent 4 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "j8s.selectorLabels" . | nindent 6 }}
{{- end }}
