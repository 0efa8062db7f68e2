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

{{- define "spark-optimizer.labels" -}}
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
{{- end }}
