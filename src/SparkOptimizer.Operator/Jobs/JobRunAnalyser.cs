using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Operator.Metrics;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>
/// Analyses a run in a Kubernetes Job: creates it, waits for it through a watch that resumes from its resourceVersion, reads the
/// result from its pod's log, and deletes it once read. A failed or timed-out Job is retried with back-off up to
/// <see cref="JobOptions.MaxAttempts"/>; then <see cref="AnalysisGaveUpException"/> makes the run's status say so. At most
/// <see cref="JobOptions.MaxInFlight"/> Jobs exist at once. The newest Job left by a previous operator for the same run (found by
/// the run's label) is adopted, and the attempts go on from its number, but only a Job exactly as <see cref="AnalysisJobSpec"/>
/// builds it (owner, labels, name) with an attempt within <see cref="JobOptions.MaxAttempts"/>: any other is left alone.
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
        var first = await NewestAttemptAsync(request, attempts, cancellationToken).ConfigureAwait(false) ?? 1;
        metrics?.Analyses.WithLabels("job").Inc();
        var attempt = first;
        string? failure = null;
        var result = await Retries(first, attempts).ExecuteAsync(async token =>
        {
            var number = attempt++;
            await slots.WaitAsync(token).ConfigureAwait(false);
            try
            {
                var (done, reason) = await AttemptAsync(request, number, logBytes, token).ConfigureAwait(false);
                if (done is null)
                {
                    failure = reason;
                    logger.LogWarning("Analysis Job for run {Run} of {App} failed (attempt {Attempt} of {Attempts}): {Reason}", request.RunId, request.App, number, attempts, reason);
                }

                return done;
            }
            finally
            {
                slots.Release();
            }
        }, cancellationToken).ConfigureAwait(false);
        return result ?? throw new AnalysisGaveUpException(string.Create(CultureInfo.InvariantCulture, $"the analysis Job failed {attempts} time(s); last: {failure}"));
    }

    /// <summary>
    /// Attempts <paramref name="first"/> to <paramref name="attempts"/>: an attempt without a result is retried after
    /// RetryBackoff x 2^(attempt - 2) (30 s, 60 s, … by default), on the operator's clock.
    /// </summary>
    private ResiliencePipeline<AnalysedRun?> Retries(int first, int attempts)
    {
        if (attempts <= first)
        {
            return ResiliencePipeline<AnalysedRun?>.Empty;
        }

        return new ResiliencePipelineBuilder<AnalysedRun?> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<AnalysedRun?>
            {
                ShouldHandle = new PredicateBuilder<AnalysedRun?>().HandleResult(r => r is null),
                MaxRetryAttempts = attempts - first,
                // retry n (from 0) starts attempt first + n + 1
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(options.RetryBackoff * Math.Pow(2, first + args.AttemptNumber - 1)),
            })
            .Build();
    }

    /// <summary>
    /// The newest attempt among the run's Jobs left by an operator that stopped while they ran (listed by the run's label), so that
    /// it is adopted rather than started again from attempt 1; null when there is none, or the list is out of reach. Jobs that
    /// carry the label but are not what the operator builds, or an attempt past <paramref name="attempts"/>, are not adopted.
    /// </summary>
    private async Task<int?> NewestAttemptAsync(AnalysisRequest request, int attempts, CancellationToken cancellationToken)
    {
        var ns = request.App.Namespace;
        try
        {
            var jobs = await client.BatchV1.ListNamespacedJobAsync(ns,
                labelSelector: $"{AnalysisJobSpec.RunLabel}={AnalysisJobSpec.RunHash(request)},{AnalysisJobSpec.ManagedByLabel}={AnalysisJobSpec.ManagedBy}",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            var prefix = AnalysisJobSpec.NameFor(request, 0)[..^1];
            var newest = 0;
            foreach (var job in jobs.Items)
            {
                var name = job.Metadata.Name;
                var attempt = name.StartsWith(prefix, StringComparison.Ordinal)
                    && int.TryParse(name[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : 0;
                if (attempt > attempts)
                {
                    logger.LogWarning("Analysis Job {Namespace}/{Job} of run {Run} carries attempt {Attempt}, past the {Attempts} allowed: not adopted, left alone",
                        ns, name, request.RunId, attempt, attempts);
                }
                else if (attempt < 1 || !AnalysisJobSpec.IsBuiltFor(job, request, attempt))
                {
                    logger.LogWarning("Job {Namespace}/{Job} carries the label of run {Run} but is not a Job the operator builds for it (owner, labels, name): not adopted, left alone",
                        ns, name, request.RunId);
                }
                else
                {
                    newest = Math.Max(newest, attempt);
                }
            }

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
            return await RunJobAsync(request, attempt, spec, cancellationToken).ConfigureAwait(false);
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

    private async Task<(AnalysedRun? Result, string? Failure)> RunJobAsync(AnalysisRequest request, int attempt, V1Job spec, CancellationToken cancellationToken)
    {
        var ns = request.App.Namespace;
        var name = spec.Metadata.Name;
        var job = await CreateOrAdoptAsync(request, attempt, spec, cancellationToken).ConfigureAwait(false);
        if (job is null)
        {
            return (null, $"a Job named {name} exists and was not adopted (not one the operator builds for this run, or unreadable)");
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

    private async Task<V1Job?> CreateOrAdoptAsync(AnalysisRequest request, int attempt, V1Job spec, CancellationToken cancellationToken)
    {
        var ns = request.App.Namespace;
        try
        {
            var created = await client.BatchV1.CreateNamespacedJobAsync(spec, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            metrics?.Jobs.WithLabels("started").Inc();
            logger.LogInformation("Created analysis Job {Namespace}/{Job}", ns, spec.Metadata.Name);
            return created;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // left by an operator that stopped while it ran: the same run's Job, so wait for it rather than start another; any other
            // Job of that name is left alone
            V1Job existing;
            try
            {
                existing = await client.BatchV1.ReadNamespacedJobAsync(spec.Metadata.Name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception read) when (read is HttpOperationException or HttpRequestException or IOException)
            {
                // not known to be ours, so not adopted, and not deleted as a failed attempt's Job would be
                logger.LogWarning("Job {Namespace}/{Job} exists and could not be read ({Reason}): not adopted, left alone", ns, spec.Metadata.Name, read.Message);
                return null;
            }

            if (AnalysisJobSpec.IsBuiltFor(existing, request, attempt))
            {
                return existing;
            }

            logger.LogWarning("Job {Namespace}/{Job} exists and is not a Job the operator builds for run {Run} (owner, labels, name): not adopted, left alone",
                ns, spec.Metadata.Name, request.RunId);
            return null;
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
