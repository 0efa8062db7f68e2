using System.Text.RegularExpressions;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Ingest.Metrics;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// Finds the node type a finished run ran on, first answer wins: the app's <c>sparkoptimizer.io/instance-type</c>
/// annotation; the Helm value <c>pricing.instanceType</c> (Engine:InstanceType); the Kubernetes API (the executor pods'
/// and the driver pod's <c>spec.nodeName</c>, then that Node's labels); <c>kube_pod_info</c> and <c>kube_node_labels</c>
/// in Prometheus (for pods or nodes already gone). Null when none says: the event log's own properties, then
/// Engine:DefaultInstanceType, then OpenCost's rates price the run. A missing pod or node, or a refused call, is not an error.
/// </summary>
public sealed partial class NodeShapeResolver(IKubernetes? client, PrometheusClient? prometheus, EngineOptions options, ILogger logger, TimeProvider? time = null)
{
    /// <summary>Instance types longer than this are not names of instance types: ignored.</summary>
    public const int MaxInstanceTypeLength = 64;

    public async Task<RunNode?> ResolveAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Annotations.TryGetValue(NodeLabels.Annotation, out var annotated) && Valid(annotated) is { } type)
        {
            return new RunNode(type, $"annotation {NodeLabels.Annotation} on {run.App.Kind} {run.App.Namespace}/{run.App.Name}", null, new Dictionary<string, string>());
        }

        if (Valid(options.InstanceType) is { } helm)
        {
            return new RunNode(helm, "the operator's pricing.instanceType (Engine:InstanceType)", null, new Dictionary<string, string>());
        }

        if (!options.ReadNodeLabels)
        {
            return null;
        }

        return await FromKubernetesAsync(run, cancellationToken).ConfigureAwait(false)
            ?? await FromPrometheusAsync(run, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RunNode?> FromKubernetesAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        if (client is null)
        {
            return null;
        }

        var ns = run.Run.Namespace;
        try
        {
            var executors = new List<string>();
            if (run.SparkAppId is { } appId && LabelValue().IsMatch(appId))
            {
                var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"spark-app-selector={appId},spark-role=executor", cancellationToken: cancellationToken).ConfigureAwait(false);
                executors.AddRange(pods.Items.Select(p => p.Spec?.NodeName).OfType<string>());
            }

            var (nodeName, ran) = Busiest(executors);
            if (nodeName is null)
            {
                var driver = await ReadOrNullAsync(() => client.CoreV1.ReadNamespacedPodAsync(PodLogSource.DriverPodName(run), ns, cancellationToken: cancellationToken)).ConfigureAwait(false);
                (nodeName, ran) = (driver?.Spec?.NodeName, "the driver");
            }

            if (nodeName is null)
            {
                return null;
            }

            var node = await ReadOrNullAsync(() => client.CoreV1.ReadNodeAsync(nodeName, cancellationToken: cancellationToken)).ConfigureAwait(false);
            var labels = NodeLabels.Pick(node?.Metadata?.Labels);
            return Valid(NodeLabels.TypeOf(labels)) is { } type
                ? new RunNode(type, $"label {LabelOf(labels)} of node {nodeName} (Kubernetes API), which ran {ran}", NodeLabels.RegionOf(labels), labels)
                : null;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            logger.LogInformation("Node of {Run} not read from the Kubernetes API: {Reason}", run.RunId, e.Message);
            return null;
        }
    }

    private async Task<RunNode?> FromPrometheusAsync(CompletedRun run, CancellationToken cancellationToken)
    {
        if (prometheus is null || run.SparkAppId is not { } appId || !LabelValue().IsMatch(appId) || !LabelValue().IsMatch(run.Run.Namespace))
        {
            return null;
        }

        var at = run.Finished ?? (time ?? TimeProvider.System).GetUtcNow();
        var ns = run.Run.Namespace;
        try
        {
            // The app's pods by Spark's own labels, then the node each ran on, then that node's labels.
            var pods = await prometheus.QueryAsync(
                $"max by (pod, label_spark_role) (last_over_time(kube_pod_labels{{namespace=\"{ns}\",label_spark_app_selector=\"{appId}\"}}[1d]))", at, cancellationToken).ConfigureAwait(false);
            var roles = pods.Where(p => p.Label("pod") is { } name && LabelValue().IsMatch(name)).ToDictionary(p => p.Label("pod")!, p => p.Label("label_spark_role") ?? "executor", StringComparer.Ordinal);
            if (PodLogSource.DriverPodName(run) is var driverPod && LabelValue().IsMatch(driverPod))
            {
                roles.TryAdd(driverPod, "driver");
            }

            var matcher = string.Join('|', roles.Keys.Select(p => p.Replace(".", "\\\\.", StringComparison.Ordinal)));
            var info = await prometheus.QueryAsync($"max by (pod, node) (last_over_time(kube_pod_info{{namespace=\"{ns}\",pod=~\"{matcher}\"}}[1d]))", at, cancellationToken).ConfigureAwait(false);
            var executorNodes = info.Where(s => roles.GetValueOrDefault(s.Label("pod") ?? "") == "executor").Select(s => s.Label("node")).OfType<string>().ToList();
            var (nodeName, ran) = Busiest(executorNodes);
            if (nodeName is null)
            {
                (nodeName, ran) = (info.FirstOrDefault(s => roles.GetValueOrDefault(s.Label("pod") ?? "") == "driver")?.Label("node"), "the driver");
            }

            if (nodeName is null || !LabelValue().IsMatch(nodeName))
            {
                return null;
            }

            var series = await prometheus.QueryAsync($"last_over_time(kube_node_labels{{node=\"{nodeName}\"}}[1d])", at, cancellationToken).ConfigureAwait(false);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in NodeLabels.Priced)
            {
                // kube-state-metrics writes eks.amazonaws.com/capacityType as label_eks_amazonaws_com_capacityType (or snake case)
                var name = NodeLabels.PrometheusName(key);
                if (series.Select(s => s.Label(name) ?? s.Label(SnakeCase(name))).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) is { } value)
                {
                    labels[key] = value.Trim();
                }
            }

            return Valid(NodeLabels.TypeOf(labels)) is { } type
                ? new RunNode(type, $"kube_node_labels {NodeLabels.PrometheusName(LabelOf(labels))} of node {nodeName} (Prometheus), which ran {ran}", NodeLabels.RegionOf(labels), labels)
                : null;
        }
        catch (PrometheusException e)
        {
            logger.LogInformation("Node of {Run} not read from Prometheus: {Reason}", run.RunId, e.Message);
            return null;
        }
    }

    /// <summary>The node that ran the most executors, and how many it ran.</summary>
    private static (string? Node, string Ran) Busiest(IReadOnlyCollection<string> nodes) =>
        nodes.GroupBy(n => n, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).FirstOrDefault() is { } top
            ? (top.Key, $"{top.Count()} of the {nodes.Count} executor pod(s)")
            : (null, string.Empty);

    private static string LabelOf(IReadOnlyDictionary<string, string> labels) =>
        labels.ContainsKey(NodeLabels.InstanceType) ? NodeLabels.InstanceType : NodeLabels.BetaInstanceType;

    private static string SnakeCase(string name) => string.Concat(name.Select((c, i) => char.IsAsciiLetterUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : c.ToString()));

    private static string? Valid(string? type) =>
        type?.Trim() is { Length: > 0 and <= MaxInstanceTypeLength } t && InstanceTypeName().IsMatch(t) ? t : null;

    private static async Task<T?> ReadOrNullAsync<T>(Func<Task<T>> read)
        where T : class
    {
        try
        {
            return await read().ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response?.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Kubernetes names and label values (and Spark app ids): safe to put in a selector or a PromQL string.</summary>
    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._-]{0,251}[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex InstanceTypeName();
}
