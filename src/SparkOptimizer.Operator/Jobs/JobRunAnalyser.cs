using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Metrics;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>
/// Analyses a run in a Kubernetes Job: creates it, waits for it through a watch that resumes from its resourceVersion, reads the
/// result from its pod's log, and deletes it once read. A failed or timed-out Job is retried with back-off up to
/// <see cref="JobOptions.MaxAttempts"/>; then <see cref="AnalysisGaveUpException"/> makes the run's status say so. At most
/// <see cref="JobOptions.MaxInFlight"/> Jobs exist at once. A Job left by a previous operator (same run, same attempt) is adopted.
/// </summary>
public sealed class JobRunAnalyser(IKubernetes client, JobOptions options, EngineOptions engine, TimeProvider time, ILogger logger, OperatorMetrics? metrics = null)
    : IRunAnalyser
{
    /// <summary>How long past the Job's own deadline the operator waits before it deletes the Job as timed out.</summary>
    public static readonly TimeSpan DeadlineGrace = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim slots = new(Math.Max(1, options.MaxInFlight));
    private int inFlight;
    private int peakInFlight;

    /// <summary>Most Jobs that existed at once.</summary>
    public int PeakInFlight => Volatile.Read(ref peakInFlight);

    public Task<AnalysedRun> AnalyseAsync(AnalysisRequest request, CancellationToken cancellationToken) => AnalyseAsync(request, null, cancellationToken);

    public async Task<AnalysedRun> AnalyseAsync(AnalysisRequest request, long? logBytes, CancellationToken cancellationToken)
    {
        var attempts = Math.Max(1, options.MaxAttempts);
        string? failure = null;
        for (var attempt = 1; attempt <= attempts; attempt++)
        {
            if (attempt > 1)
            {
                await Task.Delay(options.RetryBackoff * Math.Pow(2, attempt - 2), time, cancellationToken).ConfigureAwait(false);
            }

            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var (result, reason) = await AttemptAsync(request, attempt, logBytes, cancellationToken).ConfigureAwait(false);
                if (result is not null)
                {
                    return result;
                }

                failure = reason;
                logger.LogWarning("Analysis Job for run {Run} of {App} failed (attempt {Attempt} of {Attempts}): {Reason}", request.RunId, request.App, attempt, attempts, reason);
            }
            finally
            {
                slots.Release();
            }
        }

        throw new AnalysisGaveUpException(string.Create(CultureInfo.InvariantCulture, $"the analysis Job failed {attempts} time(s); last: {failure}"));
    }

    private async Task<(AnalysedRun? Result, string? Failure)> AttemptAsync(AnalysisRequest request, int attempt, long? logBytes, CancellationToken cancellationToken)
    {
        var ns = request.App.Namespace;
        var spec = AnalysisJobSpec.Build(request, attempt, logBytes, options, engine);
        var name = spec.Metadata.Name;
        var job = await CreateOrAdoptAsync(spec, ns, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return (null, $"a Job named {name} exists and is not this run's");
        }

        Track(+1);
        try
        {
            var wait = await WaitAsync(job, cancellationToken).ConfigureAwait(false);
            if (wait.Job is not { } done)
            {
                metrics?.Jobs.WithLabels(wait.TimedOut ? "timed-out" : "failed").Inc();
                if (wait.TimedOut)
                {
                    await DeleteAsync(name, ns).ConfigureAwait(false);
                }

                return (null, $"Job {name}: {wait.Failure}");
            }

            if (!JobWait.Succeeded(done))
            {
                var condition = JobWait.Condition(done, JobWait.Failed);
                var timedOut = condition?.Reason == "DeadlineExceeded";
                metrics?.Jobs.WithLabels(timedOut ? "timed-out" : "failed").Inc();
                var last = await LastLogLineAsync(name, ns, cancellationToken).ConfigureAwait(false);
                return (null, $"Job {name} {(timedOut ? "timed out" : "failed")} ({condition?.Reason ?? "Failed"}{(condition?.Message is { Length: > 0 } m ? ": " + m : "")}){(last is null ? "" : "; last log line: " + last)}");
            }

            var result = await ReadResultAsync(name, ns, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                metrics?.Jobs.WithLabels("failed").Inc();
                return (null, $"Job {name} completed without a result in its log");
            }

            metrics?.Jobs.WithLabels("succeeded").Inc();
            await DeleteAsync(name, ns).ConfigureAwait(false);
            return (result, null);
        }
        finally
        {
            Track(-1);
        }
    }

    private async Task<V1Job?> CreateOrAdoptAsync(V1Job spec, string ns, CancellationToken cancellationToken)
    {
        try
        {
            var created = await client.BatchV1.CreateNamespacedJobAsync(spec, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            metrics?.Jobs.WithLabels("started").Inc();
            logger.LogInformation("Created analysis Job {Namespace}/{Job}", ns, spec.Metadata.Name);
            return created;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // left by an operator that stopped while it ran: the same run's Job, so wait for it rather than start another
            var existing = await client.BatchV1.ReadNamespacedJobAsync(spec.Metadata.Name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            var labels = existing.Metadata.Labels ?? new Dictionary<string, string>();
            return labels.TryGetValue(AnalysisJobSpec.RunLabel, out var run) && run == spec.Metadata.Labels[AnalysisJobSpec.RunLabel] ? existing : null;
        }
    }

    /// <summary>Waits for the Job to finish through a watch on its name, resuming from the last resourceVersion seen.</summary>
    private async Task<JobWait> WaitAsync(V1Job job, CancellationToken cancellationToken)
    {
        var name = job.Metadata.Name;
        var ns = job.Metadata.NamespaceProperty;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(options.ActiveDeadlineSeconds) + DeadlineGrace, time);
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
            return new JobWait(null, $"did not finish within {options.ActiveDeadlineSeconds} s (+{DeadlineGrace.TotalSeconds:0} s grace)", TimedOut: true);
        }
    }

    private async Task<V1Job?> ReadAsync(string name, string ns, CancellationToken cancellationToken)
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

    /// <summary>The result line in the log of the Job's pod (Kubernetes labels a Job's pods with its name).</summary>
    private async Task<AnalysedRun?> ReadResultAsync(string name, string ns, CancellationToken cancellationToken)
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

    private async Task<string?> LastLogLineAsync(string name, string ns, CancellationToken cancellationToken)
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

    /// <summary>Deletes a Job of ours (and, in the background, its pod); one already gone is fine.</summary>
    private async Task DeleteAsync(string name, string ns)
    {
        try
        {
            await client.BatchV1.DeleteNamespacedJobAsync(name, ns, propagationPolicy: "Background").ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException)
        {
            logger.LogWarning("Analysis Job {Namespace}/{Job} not deleted ({Reason}); its TTL removes it", ns, name, e.Message);
        }
    }

    private void Track(int change)
    {
        var now = Interlocked.Add(ref inFlight, change);
        metrics?.JobsInFlight.Set(now);
        int seen;
        while (now > (seen = Volatile.Read(ref peakInFlight)) && Interlocked.CompareExchange(ref peakInFlight, now, seen) != seen)
        {
        }
    }
}
