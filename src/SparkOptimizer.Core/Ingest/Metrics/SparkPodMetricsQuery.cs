using System.Globalization;

namespace SparkOptimizer.Ingest.Metrics;

/// <summary>
/// Queries the Prometheus series of a Spark application's driver and executor pods over the run's window: cAdvisor
/// working set and RSS, CPU usage, kube-state-metrics requests, limits and OOMKilled. Pods are found by Spark's own pod
/// labels (spark-app-selector, spark-role) as kube-state-metrics exports them (label_spark_app_selector, ...), or by
/// pod-name prefix when the labels are not exported.
/// </summary>
public sealed class SparkPodMetricsQuery(PrometheusClient prometheus)
{
    public static TimeSpan DefaultStep { get; } = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<PodMetrics>> QueryAsync(string @namespace, string sparkAppId, string? podNamePrefix, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken = default)
    {
        var ns = Escape(@namespace);
        var roles = await RolesAsync(ns, Escape(sparkAppId), end, cancellationToken).ConfigureAwait(false);
        var podMatcher = roles.Count > 0
            ? $"pod=~\"{string.Join('|', roles.Keys.Select(EscapeRegex))}\""
            : $"pod=~\"{EscapeRegex(podNamePrefix ?? sparkAppId)}.*\"";
        var selector = $"namespace=\"{ns}\",{podMatcher},container!=\"\",container!=\"POD\"";
        var step = Step(start, end);
        var window = $"{Math.Max(60, (int)step.TotalSeconds * 2)}s";

        var memory = await prometheus.QueryRangeAsync($"max by (pod) (container_memory_working_set_bytes{{{selector}}})", start, end, step, cancellationToken).ConfigureAwait(false);
        var rss = await prometheus.QueryRangeAsync($"max by (pod) (container_memory_rss{{{selector}}})", start, end, step, cancellationToken).ConfigureAwait(false);
        var cpu = await prometheus.QueryRangeAsync($"sum by (pod) (rate(container_cpu_usage_seconds_total{{{selector}}}[{window}]))", start, end, step, cancellationToken).ConfigureAwait(false);
        var stateSelector = $"namespace=\"{ns}\",{podMatcher}";
        var requests = await prometheus.QueryRangeAsync($"sum by (pod, resource) (kube_pod_container_resource_requests{{{stateSelector}}})", start, end, step, cancellationToken).ConfigureAwait(false);
        var limits = await prometheus.QueryRangeAsync($"sum by (pod, resource) (kube_pod_container_resource_limits{{{stateSelector}}})", start, end, step, cancellationToken).ConfigureAwait(false);
        var oom = await prometheus.QueryRangeAsync($"max by (pod) (kube_pod_container_status_last_terminated_reason{{{stateSelector},reason=\"OOMKilled\"}})", start, end, step, cancellationToken).ConfigureAwait(false);

        var pods = memory.Select(s => s.Label("pod")).Concat(cpu.Select(s => s.Label("pod"))).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return pods.Select(pod => new PodMetrics(
            pod,
            roles.TryGetValue(pod, out var role) ? role : GuessRole(pod),
            MaxOf(memory, pod) ?? 0,
            MaxOf(rss, pod),
            MeanOf(cpu, pod) ?? 0,
            MaxOf(cpu, pod) ?? 0,
            MaxOf(requests, pod, "memory"),
            MaxOf(limits, pod, "memory"),
            MaxOf(requests, pod, "cpu"),
            MaxOf(limits, pod, "cpu"),
            (MaxOf(oom, pod) ?? 0) > 0)).ToArray();
    }

    private async Task<Dictionary<string, string>> RolesAsync(string ns, string appId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var roles = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var labels = await prometheus.QueryAsync($"max by (pod, label_spark_role) (last_over_time(kube_pod_labels{{namespace=\"{ns}\",label_spark_app_selector=\"{appId}\"}}[1d]))", at, cancellationToken).ConfigureAwait(false);
            foreach (var s in labels)
            {
                if (s.Label("pod") is { } pod)
                {
                    roles[pod] = s.Label("label_spark_role") ?? GuessRole(pod);
                }
            }
        }
        catch (PrometheusException)
        {
            // kube-state-metrics may not export pod labels; fall back to pod names.
        }

        return roles;
    }

    private static string GuessRole(string pod) => pod.EndsWith("-driver", StringComparison.Ordinal) ? "driver" : pod.Contains("-exec-", StringComparison.Ordinal) ? "executor" : "unknown";

    private static TimeSpan Step(DateTimeOffset start, DateTimeOffset end)
    {
        // At most ~1,000 points per series, never finer than 15 s.
        var seconds = Math.Max(15, (end - start).TotalSeconds / 1000);
        return TimeSpan.FromSeconds(Math.Ceiling(seconds));
    }

    private static double? MaxOf(IReadOnlyList<PrometheusSeries> series, string pod, string? resource = null)
    {
        var values = series.Where(s => s.Label("pod") == pod && (resource is null || s.Label("resource") == resource))
            .SelectMany(s => s.Samples).Select(x => x.Value).Where(double.IsFinite).ToArray();
        return values.Length == 0 ? null : values.Max();
    }

    private static double? MeanOf(IReadOnlyList<PrometheusSeries> series, string pod)
    {
        var values = series.Where(s => s.Label("pod") == pod).SelectMany(s => s.Samples).Select(x => x.Value).Where(double.IsFinite).ToArray();
        return values.Length == 0 ? null : values.Average();
    }

    // Label values come from our own CRD and the app's status; quote them so they cannot change the query.
    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string EscapeRegex(string value) =>
        Escape(System.Text.RegularExpressions.Regex.Escape(value)).Replace("\\\\ ", " ", StringComparison.Ordinal);

    internal static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
