using System.Collections.Concurrent;
using System.Globalization;
using k8s.Models;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator.Entities.Optimization;
using SparkOptimizer.Operator.Metrics;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Operator.Watching;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>
/// What every controller does with a finished run of an opted-in app: make sure the app's SparkOptimization exists,
/// skip the run when its status already lists it, report infrastructure failures without tuning, otherwise call
/// <see cref="IRunProcessor"/> and write the result to status (the run joins processedRuns in the same write, which
/// is what makes a run processed once across restarts). A result whose status write failed is kept and written on
/// the retry instead of processing the run again. A run whose event log is not there yet stays Pending (reason EventLogNotFound)
/// and is looked at again with back-off until <see cref="EventLogWait"/>'s window has passed; then it is an Error saying what
/// was tried. Every event goes to the app and to its SparkOptimization.
/// </summary>
public sealed class RunPipeline(
    SparkOptimizationClient optimizations,
    IRunProcessor processor,
    AppEvents events,
    OperatorMetrics metrics,
    TimeProvider time,
    int processedRunsLimit,
    int maxAnalysisAttempts,
    EventLogWait logWait,
    ILogger logger)
{
    private readonly ConcurrentDictionary<string, RunAnalysis> unwritten = new();
    private readonly ConcurrentDictionary<string, int> failedAttempts = new();

    public async Task HandleAsync(OptimizationTarget target, FinishedRun run, CancellationToken cancellationToken)
    {
        var optimization = await EnsureOptimizationAsync(target, cancellationToken);
        var ns = target.App.Namespace;
        var name = optimization.Metadata.Name;
        var involved = new[] { target.App, OptimizationIdentity(optimization) };
        if (StatusComposer.IsProcessed(optimization.Status, run.RunId))
        {
            return;
        }

        if (run.InfrastructureFailure)
        {
            var written = await optimizations.UpdateStatusAsync(ns, name,
                current => StatusComposer.IsProcessed(current.Status, run.RunId) ? null
                    : StatusComposer.InfrastructureFailure(current, run, Now, processedRunsLimit),
                cancellationToken);
            if (written is not null)
            {
                metrics.RunsAnalysed.WithLabels(KindLabel(target.App), "infrastructure-failure").Inc();
                await events.WarningAsync(involved, EventReasons.InfrastructureFailure,
                    $"Run {run.RunName} ended in {run.Outcome} before Spark ran; reported, not used for tuning", cancellationToken);
            }

            return;
        }

        var key = $"{ns}/{name}/{run.RunId}";
        if (!unwritten.TryGetValue(key, out var analysis))
        {
            var completed = new CompletedRun(
                target.App,
                Identity(run),
                run.RunId,
                run.SparkAppId,
                run.Outcome,
                run.Succeeded,
                run.Started,
                run.Finished,
                EventLogLocation.From(run.SparkConf, run.SparkAppId),
                run.SparkConf,
                new Dictionary<string, string>(target.Annotations),
                optimization.Spec,
                run.Resource)
            {
                Optimization = involved[1],
            };
            try
            {
                analysis = await processor.ProcessAsync(completed, cancellationToken);
                failedAttempts.TryRemove(key, out _);
                logWait.Done(key);
            }
            catch (EventLogNotFoundException e)
            {
                await EventLogNotFoundAsync(key, involved, run, e, cancellationToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // (a timeout inside the processor counts as a failed attempt; only our own shutdown does not)
                var attempts = failedAttempts.AddOrUpdate(key, 1, (_, n) => n + 1);
                await events.WarningAsync(involved, EventReasons.AnalysisFailed, $"Analysis of run {run.RunName} failed (attempt {attempts} of {(e is AnalysisGaveUpException ? attempts : maxAnalysisAttempts)}): {e.Message}", cancellationToken);
                if (attempts < maxAnalysisAttempts && e is not AnalysisGaveUpException)
                {
                    throw; // requeued with back-off
                }

                // give up on this run, visibly, rather than retrying it forever
                await optimizations.UpdateStatusAsync(ns, name,
                    current => StatusComposer.IsProcessed(current.Status, run.RunId) ? null
                        : StatusComposer.AnalysisFailed(current, run, e.Message, Now, processedRunsLimit),
                    cancellationToken);
                failedAttempts.TryRemove(key, out _);
                metrics.RunsAnalysed.WithLabels(KindLabel(target.App), "analysis-failed").Inc();
                return;
            }

            unwritten[key] = analysis;
        }

        var status = await optimizations.UpdateStatusAsync(ns, name,
            current => StatusComposer.IsProcessed(current.Status, run.RunId) ? null
                : StatusComposer.Analyzed(current, run, analysis, Now, processedRunsLimit),
            cancellationToken);
        unwritten.TryRemove(key, out _);
        if (status is null)
        {
            return;
        }

        Count(target, analysis);
        logger.LogInformation("Analysed run {RunId} of {App}: {Findings} findings", run.RunId, target.App, analysis.Findings.Total);
        await events.NormalAsync(involved, EventReasons.RunAnalyzed, status.Conditions?.FirstOrDefault(c => c.Type == StatusComposer.AnalyzedCondition)?.Message ?? "Run analysed", cancellationToken);
        if (analysis.PullRequest is { Action: not PullRequestAction.None } pr)
        {
            var reason = pr.Action == PullRequestAction.Opened ? EventReasons.PullRequestOpened : EventReasons.PullRequestUpdated;
            await events.NormalAsync(involved, reason, $"Pull request #{pr.Number}: {pr.Url}", cancellationToken);
        }
    }

    /// <summary>
    /// The log is not there: within the window the run waits as Pending and is looked at again (the first look warns); after it,
    /// or when waiting cannot help, the run is recorded as an Error with what was tried. Never Analyzed without a log.
    /// </summary>
    private async Task EventLogNotFoundAsync(string key, AppIdentity[] involved, FinishedRun run, EventLogNotFoundException e, CancellationToken cancellationToken)
    {
        var (ns, name) = (involved[1].Namespace, involved[1].Name);
        var step = logWait.Next(key, run.Finished, time.GetUtcNow());
        if (e.CanAppear && step.RetryIn is { } retryIn)
        {
            var message = string.Create(CultureInfo.InvariantCulture,
                $"Event log of run {run.RunName} not found yet (look {step.Attempt}; tried {e.Tried}); looking again until {step.Deadline.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
            await optimizations.UpdateStatusAsync(ns, name,
                current => StatusComposer.IsProcessed(current.Status, run.RunId) ? null : StatusComposer.EventLogPending(current, message, Now),
                cancellationToken);
            if (step.Attempt == 1)
            {
                await events.WarningAsync(involved, EventReasons.EventLogNotFound, message, cancellationToken);
            }

            throw new RequeueException(retryIn, message);
        }

        var error = e.CanAppear
            ? $"event log not found within {DurationText.Format((long)logWait.Window.TotalMilliseconds)} of the run's end ({step.Attempt} looks; tried {e.Tried})"
            : $"event log not found (tried {e.Tried})";
        var written = await optimizations.UpdateStatusAsync(ns, name,
            current => StatusComposer.IsProcessed(current.Status, run.RunId) ? null
                : StatusComposer.AnalysisFailed(current, run, error, Now, processedRunsLimit, EventReasons.EventLogNotFound),
            cancellationToken);
        if (written is not null)
        {
            metrics.RunsAnalysed.WithLabels(KindLabel(involved[0]), "event-log-not-found").Inc();
            await events.WarningAsync(involved, EventReasons.EventLogNotFound, $"Run {run.RunName}: {error}", cancellationToken);
        }
    }

    private static AppIdentity OptimizationIdentity(V1Alpha1SparkOptimization optimization) => new(
        V1Alpha1SparkOptimization.Group + "/" + V1Alpha1SparkOptimization.Version, V1Alpha1SparkOptimization.EntityKind,
        optimization.Metadata.NamespaceProperty ?? string.Empty, optimization.Metadata.Name, optimization.Metadata.Uid);

    /// <summary>Gets the app's SparkOptimization, creating it (owned by the app) when missing.</summary>
    public async Task<V1Alpha1SparkOptimization> EnsureOptimizationAsync(OptimizationTarget target, CancellationToken cancellationToken)
    {
        var ns = target.App.Namespace;
        foreach (var alternate in new[] { false, true })
        {
            var name = target.OptimizationName(alternate);
            var existing = await optimizations.GetAsync(ns, name, cancellationToken);
            if (existing is not null)
            {
                if (target.Matches(existing.Spec?.Target))
                {
                    return OptInAnnotations.SpecChanges(existing.Spec!, target.Annotations) is { } changes
                        ? await optimizations.PatchSpecAsync(ns, name, changes, cancellationToken)
                        : existing;
                }

                continue; // the name belongs to another kind's app
            }

            var created = await optimizations.CreateAsync(New(target, name), cancellationToken);
            if (created is null)
            {
                // created concurrently: read it and check its target again
                existing = await optimizations.GetAsync(ns, name, cancellationToken);
                if (existing is not null && target.Matches(existing.Spec?.Target))
                {
                    return existing;
                }

                continue;
            }

            await optimizations.UpdateStatusAsync(ns, name, current => current.Status is null ? StatusComposer.Pending(current.Metadata.Generation, Now) : null, cancellationToken);
            await events.NormalAsync([target.App, OptimizationIdentity(created)], EventReasons.OptimizationCreated, $"Created SparkOptimization {name}", cancellationToken);
            return await optimizations.GetAsync(ns, name, cancellationToken) ?? created;
        }

        throw new InvalidOperationException($"No free SparkOptimization name for {target.App}");
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static V1Alpha1SparkOptimization New(OptimizationTarget target, string name) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = target.App.Namespace,
            Labels = new Dictionary<string, string> { ["app.kubernetes.io/managed-by"] = "spark-optimizer" },
            OwnerReferences =
            [
                new V1OwnerReference
                {
                    ApiVersion = target.App.ApiVersion, Kind = target.App.Kind, Name = target.App.Name, Uid = target.App.Uid, Controller = true,
                },
            ],
        },
        Spec = OptInAnnotations.SpecFor(target.Reference, target.Annotations),
    };

    private static AppIdentity Identity(FinishedRun run) => new(
        run.Resource.ApiVersion, run.Resource.Kind, run.Resource.Metadata.NamespaceProperty ?? "", run.Resource.Metadata.Name, run.Resource.Metadata.Uid);

    /// <summary>kind.group, e.g. SparkApplication.spark.apache.org: the two SparkApplication kinds stay apart.</summary>
    private static string KindLabel(AppIdentity app) => $"{app.Kind}.{app.ApiVersion.Split('/')[0]}";

    private void Count(OptimizationTarget target, RunAnalysis analysis)
    {
        metrics.RunsAnalysed.WithLabels(KindLabel(target.App), "analysed").Inc();
        metrics.Findings.WithLabels("critical").Inc(analysis.Findings.Critical);
        metrics.Findings.WithLabels("severe").Inc(analysis.Findings.Severe);
        metrics.Findings.WithLabels("moderate").Inc(analysis.Findings.Moderate);
        metrics.Findings.WithLabels("low").Inc(analysis.Findings.Low);
        CostMetrics.Count(metrics.Registry, analysis);
        if (analysis.PullRequest is { Action: not PullRequestAction.None } pr)
        {
            metrics.PullRequests.WithLabels(pr.Action == PullRequestAction.Opened ? "opened" : "updated").Inc();
        }

        if (analysis.Verification is { } v)
        {
            metrics.CountVerifiedRun(v.State, v.LatestInsideInterval);
        }
    }
}
