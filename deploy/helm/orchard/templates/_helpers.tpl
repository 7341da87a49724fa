{{/* The labels every resource of one app carries; the selector uses the stable two. */}}
{{- define "orchard.selectorLabels" -}}
app.kubernetes.io/name: {{ .app }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end }}

{{- define "orchard.labels" -}}
{{ include "orchard.selectorLabels" . }}
app.kubernetes.io/part-of: orchard
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end }}

{{/* An app's resources are named <release>-<app>. */}}
{{- define "orchard.fullname" -}}
{{ printf "%s-%s" .root.Release.Name .app | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Probes and /metrics: the app's port + 1000 (topology.ts's managementPortOf). */}}
{{- define "orchard.managementPort" -}}
{{ add .config.port 1000 }}
{{- end }}

{{/*
Names that default to the release's, so that releases of other names, or two in one namespace,
never meet: the credentials Secret, the CDC role's, the PostgreSQL clusters and Kafka.
*/}}
{{- define "orchard.secretsName" -}}
{{ .Values.secrets.name | default (printf "%s-secrets" .Release.Name) }}
{{- end }}

{{- define "orchard.cdcSecret" -}}
{{ .Values.engines.cdcSecret | default (printf "%s-cdc" .Release.Name) }}
{{- end }}

{{- define "orchard.kafkaCluster" -}}
{{ printf "%s-kafka" .Release.Name }}
{{- end }}

{{- define "orchard.kafkaBrokers" -}}
{{ .Values.engines.kafkaBrokers | default (printf "%s-kafka-bootstrap:9092" (include "orchard.kafkaCluster" .)) }}
{{- end }}

{{/* The apps' one image; its tag the chart's appVersion unless values name one. */}}
{{- define "orchard.image" -}}
{{ printf "%s/apps:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/* A value of the credentials Secret, by key. */}}
{{- define "orchard.secretRef" -}}
valueFrom:
  secretKeyRef:
    name: {{ include "orchard.secretsName" .root }}
    key: {{ .key }}
{{- end }}

{{/* The CloudNativePG cluster of a database owner. */}}
{{- define "orchard.pgCluster" -}}
{{ printf "%s%s" (.root.Values.engines.postgres.clusterPrefix | default (printf "%s-pg-" .root.Release.Name)) .owner }}
{{- end }}

{{/*
An egress rule's peer: the pods labelled .pods, where the engine at .address runs. A Service's
name with its namespace (name.namespace, name.namespace.svc, pod.name.namespace.svc.cluster.local)
is reached in that namespace; a bare name in the release's own. An address outside the
cluster's Services (an IP, another domain) is not what this rule lets through: add your own.
*/}}
{{- define "orchard.enginePeer" -}}
{{- $host := regexReplaceAll "^[a-z]+://" (first (splitList "," .address)) "" | splitList "/" | first | splitList ":" | first }}
{{- $parts := splitList "." $host }}
{{- $namespace := "" }}
{{- /* The label before "svc" (a pod's name has more in front), or the second of two. */}}
{{- range $i, $part := $parts }}
{{- if and (eq $part "svc") (gt $i 0) (not $namespace) }}
{{- $namespace = index $parts (sub $i 1) }}
{{- end }}
{{- end }}
{{- if and (not $namespace) (eq (len $parts) 2) }}
{{- $namespace = index $parts 1 }}
{{- end }}
- podSelector:
    matchLabels:
      {{- toYaml .pods | nindent 6 }}
  {{- if $namespace }}
  namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ $namespace }}
  {{- end }}
{{- end }}

{{/* Every variable an app reads, with the names topology.ts gives them. */}}
{{- define "orchard.env" -}}
{{- $root := .root -}}
{{- $config := .config -}}
{{- $engines := $root.Values.engines -}}
- name: PORT
  value: {{ $config.port | quote }}
- name: MANAGEMENT_PORT
  value: {{ include "orchard.managementPort" . | quote }}
- name: HOST
  value: 0.0.0.0
- name: LOG_LEVEL
  value: {{ $root.Values.logLevel | quote }}
- name: OTEL_SERVICE_NAME
  value: {{ .app }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ $engines.otlpEndpoint | quote }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ include "orchard.pgCluster" (dict "root" $root "owner" $config.database) }}-app
      key: uri
{{- if $config.readReplica }}
{{- /* CloudNativePG's -app Secret has no read-only URI: the same role, on the -ro Service. */}}
{{- $cluster := include "orchard.pgCluster" (dict "root" $root "owner" $config.database) }}
- name: READ_DATABASE_USER
  valueFrom:
    secretKeyRef:
      name: {{ $cluster }}-app
      key: username
- name: READ_DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $cluster }}-app
      key: password
- name: READ_DATABASE_URL
  value: {{ printf "postgres://$(READ_DATABASE_USER):$(READ_DATABASE_PASSWORD)@%s-ro:5432/%s" $cluster (index $engines.databases $config.database) | quote }}
{{- end }}
{{- if $config.temporal }}
- name: TEMPORAL_ADDRESS
  value: {{ $engines.temporalAddress | quote }}
- name: TEMPORAL_NAMESPACE
  value: {{ $engines.temporalNamespace | quote }}
{{- end }}
{{- if $config.kafka }}
- name: KAFKA_BROKERS
  value: {{ include "orchard.kafkaBrokers" $root | quote }}
{{- end }}
- name: REDIS_PASSWORD
  {{- include "orchard.secretRef" (dict "root" $root "key" (printf "redis-password-%s" .app)) | nindent 2 }}
- name: REDIS_URL
  value: {{ printf "redis://%s:$(REDIS_PASSWORD)@%s:%v" .app $engines.redis.host $engines.redis.port | quote }}
{{- if eq .app "gateway" }}
- name: SERVICE_SIGNING_KEY
  {{- include "orchard.secretRef" (dict "root" $root "key" "service-signing-key-gateway") | nindent 2 }}
- name: ADMIN_PASSWORD
  {{- include "orchard.secretRef" (dict "root" $root "key" "admin-password") | nindent 2 }}
{{- range $name, $service := $root.Values.apps }}
{{- if ne $name "gateway" }}
- name: {{ printf "%s_URL" ($name | upper | replace "-" "_") }}
  value: {{ printf "http://%s-%s:%v" $root.Release.Name $name $service.port | quote }}
{{- end }}
{{- end }}
{{- else }}
- name: SERVICE_TRUSTED_KEYS
  {{- include "orchard.secretRef" (dict "root" $root "key" "service-trusted-keys") | nindent 2 }}
{{- end }}
{{- range $name, $value := $config.settings }}
- name: {{ $name }}
  value: {{ $value | quote }}
{{- end }}
{{- range $name, $key := $config.secrets }}
- name: {{ $name }}
  {{- include "orchard.secretRef" (dict "root" $root "key" $key) | nindent 2 }}
{{- end }}
{{- end }}
