using System.Text;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Engine;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>
/// Reads what a Job's pod printed: the result line marked with the request's nonce, or the last line for a failure's message. Only
/// the end of the log is read (<see cref="JobDefaults.ResultTailLines"/> lines, at most their last <see cref="JobDefaults.MaxResultLogBytes"/>):
/// the command prints its result last, and a chatty analysis must not be loaded whole into the operator.
/// </summary>
public sealed class JobPodLogs(IKubernetes client, ILogger logger)
{
    /// <summary>The result line in the log of the Job's pod (Kubernetes labels a Job's pods with its name).</summary>
    public async Task<AnalysedRun?> ReadResultAsync(string name, string ns, string? nonce, CancellationToken cancellationToken)
    {
        foreach (var pod in await PodsAsync(name, ns, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container: AnalysisJobSpec.ContainerName,
                    tailLines: JobDefaults.ResultTailLines, cancellationToken: cancellationToken).ConfigureAwait(false);
                var (log, cut) = await ReadCappedAsync(stream, JobDefaults.MaxResultLogBytes, cancellationToken).ConfigureAwait(false);
                if (AnalysisJson.FindResult(log, nonce) is { } result)
                {
                    return result;
                }

                if (cut)
                {
                    logger.LogWarning("Log of analysis pod {Namespace}/{Pod}: the last {Lines} lines pass {Bytes} bytes; only their end was read", ns, pod,
                        JobDefaults.ResultTailLines, JobDefaults.MaxResultLogBytes);
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
        try
        {
            foreach (var pod in await PodsAsync(name, ns, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    using var stream = await client.CoreV1.ReadNamespacedPodLogAsync(pod, ns, container: AnalysisJobSpec.ContainerName, tailLines: 5,
                        cancellationToken: cancellationToken).ConfigureAwait(false);
                    var (log, _) = await ReadCappedAsync(stream, 64 * 1024, cancellationToken).ConfigureAwait(false);
                    var lines = log.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
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
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException)
        {
            // only for the failure's message: the Job's condition says enough
            logger.LogInformation("Log of analysis Job {Namespace}/{Job} not read: {Reason}", ns, name, e.Message);
        }

        return null;
    }

    /// <summary>
    /// The last <paramref name="maxBytes"/> of a log as text, and whether there was more. The end is kept because the result line
    /// is printed last; a cut log starts at its first whole line. Holds at most <paramref name="maxBytes"/> plus one read.
    /// </summary>
    internal static async Task<(string Text, bool Cut)> ReadCappedAsync(Stream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var chunkSize = Math.Clamp(maxBytes, 1, 81920);
        var chunks = new Queue<(byte[] Bytes, int Length)>();
        long held = 0;
        var cut = false;
        while (true)
        {
            var buffer = new byte[chunkSize];
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            chunks.Enqueue((buffer, read));
            held += read;
            while (held - chunks.Peek().Length >= maxBytes)
            {
                held -= chunks.Dequeue().Length;
                cut = true;
            }
        }

        var kept = new byte[held];
        var at = 0;
        foreach (var (bytes, length) in chunks)
        {
            Buffer.BlockCopy(bytes, 0, kept, at, length);
            at += length;
        }

        var start = (int)Math.Max(0, held - maxBytes);
        cut |= start > 0;
        if (cut && !(start > 0 && kept[start - 1] == (byte)'\n'))
        {
            // the first line kept is a partial one (maybe cut inside a character): drop it, unless it is the only one
            var newline = Array.IndexOf(kept, (byte)'\n', start);
            start = newline < 0 ? start : newline + 1;
        }

        return (Encoding.UTF8.GetString(kept, start, kept.Length - start), cut);
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
