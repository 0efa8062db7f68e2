using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
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
/// <see cref="JobOptions.MaxInFlight"/> Jobs exist at once. The newest Job left by a previous operator for the same run (found by
/// the run's label) is adopted, and the attempts go on from its number.
/// </summary>
public sealed class JobRunAnalyser(IKubernetes client, JobOptions options, EngineOptions engine, TimeProvider time, ILogger logger, OperatorMetrics? metrics = null)
    : IRunAnalyser
{
    private readonly JobWatcher watcher = new(client, options.ActiveDeadlineSeconds, time, logger);
    private readonly JobPodLogs logs = new(client, logger);
    private readonly SemaphoreSlim slots = new(Math.Max(1, options.MaxInFlight));
    private int inFlight;
    private int peakInFlight;

    /// <summary>Most Jobs that existed at once.</summary>
    public int PeakInFlight => Volatile.Read(ref peakInFlight);

    public Task<AnalysedRun> AnalyseAsync(AnalysisRequest request, CancellationToken cancellationToken) => AnalyseAsync(request, null, cancellationToken);

    public async Task<AnalysedRun> AnalyseAsync(AnalysisRequest request, long? logBytes, CancellationToken cancellationToken)
    {
        request = request with { Nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) };
        var size = Encoding.UTF8.GetByteCount(AnalysisJobSpec.RequestJson(request));
        if (size > JobDefaults.MaxRequestBytes)
        {
            // an environment variable past 128 KiB stops the container from starting at all: say why instead
            throw new AnalysisGaveUpException(string.Create(CultureInfo.InvariantCulture,
                $"the analysis request is {size / 1024} KiB, more than the {JobDefaults.MaxRequestBytes / 1024} KiB an analysis Job's environment takes"));
        }

        var attempts = Math.Max(1, options.MaxAttempts);
        var first = await NewestAttemptAsync(request, cancellationToken).ConfigureAwait(false) ?? 1;
        attempts = Math.Max(attempts, first);
        string? failure = null;
        for (var attempt = first; attempt <= attempts; attempt++)
        {
            if (attempt > first)
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

    /// <summary>
    /// The newest attempt among the run's Jobs left by an operator that stopped while they ran (listed by the run's label), so that
    /// it is adopted rather than started again from attempt 1; null when there is none, or the list is out of reach.
    /// </summary>
    private async Task<int?> NewestAttemptAsync(AnalysisRequest request, CancellationToken cancellationToken)
    {
        var ns = request.App.Namespace;
        try
        {
            var jobs = await client.BatchV1.ListNamespacedJobAsync(ns,
                labelSelector: $"{AnalysisJobSpec.RunLabel}={AnalysisJobSpec.RunHash(request)},{AnalysisJobSpec.ManagedByLabel}={AnalysisJobSpec.ManagedBy}",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var prefix = AnalysisJobSpec.NameFor(request, 0)[..^1];
            var newest = jobs.Items.Select(j => j.Metadata.Name)
                .Select(n => n.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(n[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var a) && a > 0 ? a : 0)
                .DefaultIfEmpty(0).Max();
            if (newest > 0)
            {
                logger.LogInformation("Run {Run} of {App}: resuming at its analysis Job's attempt {Attempt}", request.RunId, request.App, newest);
            }

            return newest > 0 ? newest : null;
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException)
        {
            logger.LogWarning("Analysis Jobs of run {Run} of {App} not listed ({Reason}); starting at attempt 1", request.RunId, request.App, e.Message);
            return null;
        }
    }

    private async Task<(AnalysedRun? Result, string? Failure)> AttemptAsync(AnalysisRequest request, int attempt, long? logBytes, CancellationToken cancellationToken)
    {
        var ns = request.App.Namespace;
        var spec = AnalysisJobSpec.Build(request, attempt, logBytes, options, engine);
        var name = spec.Metadata.Name;
        try
        {
            return await RunJobAsync(spec, ns, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or HttpOperationException)
        {
            // the API server was out of reach for a moment (creating, listing pods, reading the log, re-reading after a watch):
            // this attempt failed, the next one starts after the back-off; its Job is given up
            metrics?.Jobs.WithLabels("failed").Inc();
            await DeleteAsync(name, ns).ConfigureAwait(false);
            return (null, $"Job {name}: the API server did not answer ({e.GetType().Name}: {e.Message})");
        }
    }

    private async Task<(AnalysedRun? Result, string? Failure)> RunJobAsync(V1Job spec, string ns, CancellationToken cancellationToken)
    {
        var name = spec.Metadata.Name;
        var job = await CreateOrAdoptAsync(spec, ns, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return (null, $"a Job named {name} exists and is not this run's");
        }

        Track(+1);
        try
        {
            var wait = await watcher.WaitAsync(job, cancellationToken).ConfigureAwait(false);
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
                var last = await logs.LastLogLineAsync(name, ns, cancellationToken).ConfigureAwait(false);
                return (null, $"Job {name} {(timedOut ? "timed out" : "failed")} ({condition?.Reason ?? "Failed"}{(condition?.Message is { Length: > 0 } m ? ": " + m : "")}){(last is null ? "" : "; last log line: " + last)}");
            }

            // an adopted Job carries the nonce of the request it was created with
            var result = await logs.ReadResultAsync(name, ns, AnalysisJobSpec.NonceOf(job) ?? AnalysisJobSpec.NonceOf(spec), cancellationToken).ConfigureAwait(false);
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
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException)
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
