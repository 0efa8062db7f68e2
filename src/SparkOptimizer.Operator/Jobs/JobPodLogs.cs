using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Engine;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>Reads what a Job's pod printed: the marked result line, or the last line for a failure's message.</summary>
public sealed class JobPodLogs(IKubernetes client, ILogger logger)
{
    /// <summary>The result line in the log of the Job's pod (Kubernetes labels a Job's pods with its name).</summary>
    public async Task<AnalysedRun?> ReadResultAsync(string name, string ns, CancellationToken cancellationToken)
    {
        foreach (var pod in await PodsAsync(name, ns, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container: AnalysisJobSpec.ContainerName, cancellationToken: cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream);
                if (AnalysisJson.FindResult(await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)) is { } result)
                {
                    return result;
                }
            }
            catch (Exception e) when (e is HttpOperationException or System.Text.Json.JsonException)
            {
                logger.LogWarning("Log of analysis pod {Namespace}/{Pod} unreadable: {Reason}", ns, pod, e.Message);
            }
        }

        return null;
    }

    public async Task<string?> LastLogLineAsync(string name, string ns, CancellationToken cancellationToken)
    {
        foreach (var pod in await PodsAsync(name, ns, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container: AnalysisJobSpec.ContainerName, tailLines: 5, cancellationToken: cancellationToken).ConfigureAwait(false);
                using var reader = new StreamReader(stream);
                var lines = (await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false)).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                if (lines.Length > 0)
                {
                    return lines[^1].Length > 200 ? lines[^1][..200] + "…" : lines[^1];
                }
            }
            catch (HttpOperationException)
            {
                // the pod is gone: the Job's condition says enough
            }
        }

        return null;
    }

    /// <summary>The Job's pods, succeeded ones first.</summary>
    private async Task<IReadOnlyList<string>> PodsAsync(string name, string ns, CancellationToken cancellationToken)
    {
        var pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"batch.kubernetes.io/job-name={name}", cancellationToken: cancellationToken).ConfigureAwait(false);
        if (pods.Items.Count == 0)
        {
            // clusters before Kubernetes 1.27 label with job-name only
            pods = await client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: $"job-name={name}", cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        return pods.Items.OrderBy(p => p.Status?.Phase == "Succeeded" ? 0 : 1).Select(p => p.Metadata.Name).ToArray();
    }
}
