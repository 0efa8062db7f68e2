{{/* The chart name. */}}
{{- define "spark-optimizer.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The prefix of every resource name. */}}
{{- define "spark-optimizer.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}-spark-optimizer
{{- end }}
{{- end }}

{{- define "spark-optimizer.serviceAccountName" -}}
{{- if .Values.serviceAccount.name }}
{{- .Values.serviceAccount.name }}
{{- else }}
{{- include "spark-optimizer.fullname" . }}
{{- end }}
{{- end }}

{{- define "spark-optimizer.selectorLabels" -}}
app.kubernetes.io/name: {{ include "spark-optimizer.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "spark-optimizer.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "spark-optimizer.labels" -}}
helm.sh/chart: {{ include "spark-optimizer.chart" . }}
{{ include "spark-optimizer.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
The operator's rules in the watched namespaces: exactly OperatorPermissions (src/SparkOptimizer.Operator/Rbac),
each Spark operator's group only when its kind is watched. A test renders this and compares.
*/}}
{{- define "spark-optimizer.rules" -}}
- apiGroups: ["sparkoptimizer.io"]
  resources: ["sparkoptimizations"]
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: ["sparkoptimizer.io"]
  resources: ["sparkoptimizations/status"]
  verbs: ["patch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
- apiGroups: [""]
  resources: ["pods/log"]
  verbs: ["get"]
{{- if .Values.watch.kubeflow }}
- apiGroups: ["sparkoperator.k8s.io"]
  resources: ["sparkapplications", "scheduledsparkapplications"]
  verbs: ["list", "watch"]
{{- end }}
{{- if .Values.watch.apache }}
- apiGroups: ["spark.apache.org"]
  resources: ["sparkapplications"]
  verbs: ["list", "watch"]
{{- end }}
{{- if .Values.analysisJobs.enabled }}
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["create", "get", "list", "watch", "delete"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list"]
{{- end }}
{{- if .Values.pricing.readNodeLabels }}
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list"]
{{- end }}
{{- end }}

{{/*
Refusals the schema cannot express: what a setting needs from another, said in one line with the fix.
*/}}
{{- define "spark-optimizer.validate" -}}
{{- $sqliteOnClaim := and (eq .Values.history.provider "sqlite") .Values.history.sqlite.persistence }}
{{- if and $sqliteOnClaim (gt (int64 .Values.replicaCount) 1) }}
{{- fail (printf "replicaCount is %d but history.provider is sqlite on a ReadWriteOnce claim (history.sqlite.persistence=true), which one pod at a time can mount: set replicaCount=1, or history.provider=postgres for more replicas" (int64 .Values.replicaCount)) }}
{{- end }}
{{- if eq .Values.history.provider "postgres" }}
{{- $_ := required "history.provider is postgres: set history.postgres.connectionSecret.name to a Secret holding the Npgsql connection string (key history.postgres.connectionSecret.key)" .Values.history.postgres.connectionSecret.name }}
{{- $_ := required "history.provider is postgres: history.postgres.connectionSecret.key must name the key of the connection string in that Secret" .Values.history.postgres.connectionSecret.key }}
{{- end }}
{{- if .Values.github.tokenSecret.name }}
{{- $_ := required "github.tokenSecret.name is set: github.tokenSecret.key must name the key of the token in that Secret" .Values.github.tokenSecret.key }}
{{- end }}
{{- end }}
