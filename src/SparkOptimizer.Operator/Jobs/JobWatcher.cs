using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>
/// Waits for one Job to finish: a watch on its name from the last resourceVersion seen, re-reading the Job whenever the watch ends
/// (its timeout, an expired revision, a dropped connection), until the Job is Complete or Failed, is deleted, or its deadline plus
/// <see cref="DeadlineGrace"/> has passed.
/// </summary>
public sealed class JobWatcher(IKubernetes client, int activeDeadlineSeconds, TimeProvider time, ILogger logger)
{
    /// <summary>How long past the Job's own deadline the operator waits before it gives the Job up as timed out.</summary>
    public static readonly TimeSpan DeadlineGrace = TimeSpan.FromSeconds(30);

    /// <summary>Waits for the Job to finish through a watch on its name, resuming from the last resourceVersion seen.</summary>
    public async Task<JobWait> WaitAsync(V1Job job, CancellationToken cancellationToken)
    {
        var name = job.Metadata.Name;
        var ns = job.Metadata.NamespaceProperty;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(activeDeadlineSeconds) + DeadlineGrace, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var token = linked.Token;
        var current = job;
        var failures = 0;
        try
        {
            while (true)
            {
                if (JobWait.IsTerminal(current))
                {
                    return new JobWait(current, null);
                }

                var events = 0;
                try
                {
                    var stream = client.BatchV1.WatchListNamespacedJobAsync(
                        ns, fieldSelector: $"metadata.name={name}", resourceVersion: current.Metadata.ResourceVersion, allowWatchBookmarks: true,
                        timeoutSeconds: 300, onError: e => logger.LogInformation("Watch of Job {Namespace}/{Job}: {Reason}", ns, name, e.Message),
                        cancellationToken: token);
                    await foreach (var (type, item) in stream.ConfigureAwait(false))
                    {
                        events++;
                        if (type == WatchEventType.Deleted)
                        {
                            return new JobWait(null, "deleted before it finished");
                        }

                        if (type is WatchEventType.Added or WatchEventType.Modified && item?.Metadata?.Name == name)
                        {
                            current = item;
                            if (JobWait.IsTerminal(current))
                            {
                                return new JobWait(current, null);
                            }
                        }
                    }
                }
                catch (Exception e) when (e is HttpOperationException or HttpRequestException or KubernetesException or IOException)
                {
                    logger.LogInformation("Watch of Job {Namespace}/{Job} ended: {Reason}", ns, name, e.Message);
                }

                // the watch ended (its timeout, an expired revision, a dropped connection): read the Job again and resume from there,
                // backing off while watches end without news
                failures = events > 0 ? 0 : failures + 1;
                if (failures > 1)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 50 * Math.Pow(2, failures))), time, token).ConfigureAwait(false);
                }

                var fresh = await ReadAsync(name, ns, token).ConfigureAwait(false);
                if (fresh is null)
                {
                    return new JobWait(null, "deleted before it finished");
                }

                current = fresh;
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new JobWait(null, $"did not finish within {activeDeadlineSeconds} s (+{DeadlineGrace.TotalSeconds:0} s grace)", TimedOut: true);
        }
    }

    public async Task<V1Job?> ReadAsync(string name, string ns, CancellationToken cancellationToken)
    {
        try
        {
            return await client.BatchV1.ReadNamespacedJobAsync(name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
