using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Ingest.Logs;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// Reads a finished run's driver pod log through the Kubernetes API (bounded to the last 10 MiB) and parses it for
/// OOMs, memory kills, fetch failures and lost executors. A pod already gone is not an error: the run is analysed without.
/// </summary>
public sealed class PodLogSource(IKubernetes client, ILogger<PodLogSource> logger)
{
    public const int MaxLogBytes = 10 * 1024 * 1024;

    public Task<IReadOnlyList<(string File, IReadOnlyList<LogEvent> Events)>> DriverLogAsync(CompletedRun run, CancellationToken cancellationToken) =>
        DriverLogAsync(run.Run.Namespace, DriverPodName(run), run.RunId, cancellationToken);

    public async Task<IReadOnlyList<(string File, IReadOnlyList<LogEvent> Events)>> DriverLogAsync(string ns, string pod, string runId, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, limitBytes: MaxLogBytes, cancellationToken: cancellationToken).ConfigureAwait(false);
            var scan = new LogScan();
            SparkLogParser.Read(stream, $"pod/{pod}", "driver", scan);
            return [($"pod/{pod}", scan.Events)];
        }
        catch (HttpOperationException ex)
        {
            logger.LogInformation("No driver log for {Run} (pod {Pod}): {Status}", runId, pod, ex.Response?.StatusCode);
            return [];
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("Driver log of {Run} unreadable: {Reason}", runId, ex.Message);
            return [];
        }
    }

    /// <summary>The Spark operators name the driver pod "&lt;app&gt;-driver" unless the status says otherwise.</summary>
    public static string DriverPodName(CompletedRun run)
    {
        if (run.Resource is Entities.Kubeflow.V1Beta2SparkApplication { Status.DriverInfo.PodName: { Length: > 0 } name })
        {
            return name;
        }

        return $"{run.Run.Name}-driver";
    }
}
