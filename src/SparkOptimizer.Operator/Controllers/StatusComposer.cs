using System.Globalization;
using SparkOptimizer.Operator.Entities.Optimization;
using SparkOptimizer.Operator.Processing;

namespace SparkOptimizer.Operator.Controllers;

/// <summary>Computes a SparkOptimization's next status from its current one and what happened to a run.</summary>
public static class StatusComposer
{
    public const string AnalyzedCondition = "Analyzed";
    public const string PullRequestCondition = "PullRequestOpen";
    public const int MaxTopFindings = 5;
    public const int MaxHistory = 20;

    public static SparkOptimizationStatus Analyzed(V1Alpha1SparkOptimization current, FinishedRun run, RunAnalysis analysis, DateTime now, int processedRunsLimit)
    {
        var status = Carry(current.Status);
        status.Phase = Phases.Analyzed;
        status.ObservedGeneration = current.Metadata.Generation;
        status.LastRun = LastRun(run, analysis.DurationMs, analysis.Cost);
        status.LastRun.PriceBasis = PriceBasisComposer.From(analysis.CostDetail);
        var top = analysis.TopFindings.Take(MaxTopFindings).ToList();
        status.Findings = new FindingsStatus
        {
            Critical = analysis.Findings.Critical,
            Severe = analysis.Findings.Severe,
            Moderate = analysis.Findings.Moderate,
            Low = analysis.Findings.Low,
            Worst = top.Count > 0 ? $"{top[0].Severity}: {top[0].Title}" : null,
            Top = top.Select(f => new FindingSummary { Severity = f.Severity, Title = f.Title, Evidence = f.Evidence }).ToList(),
        };
        status.Recommendations = analysis.Recommendations
            .Select(r => new RecommendationStatus { Key = r.Key, From = r.From, To = r.To, Reason = r.Reason })
            .ToList();
        status.Prediction = analysis.Prediction is { } p
            ? new PredictionStatus
            {
                DurationMs = p.DurationMs, Low = p.LowMs, High = p.HighMs, Cost = p.Cost, CostLow = p.CostLow, CostHigh = p.CostHigh,
                Saving = SavingText(p.Saving, p.SavingPercent), Basis = p.Basis, Extrapolated = p.Extrapolated ? true : null,
            }
            : null;
        if (analysis.PullRequest is { } pr)
        {
            status.PullRequest = new PullRequestStatus { Number = pr.Number, Url = pr.Url, State = pr.State, Branch = pr.Branch, Fingerprint = pr.Fingerprint };
        }

        if (analysis.Verification is { } v)
        {
            status.Verification = new VerificationStatus
            {
                State = v.State, MergedFingerprint = v.MergedFingerprint, PredictedDurationMs = v.PredictedDurationMs, ObservedDurationMs = v.ObservedDurationMs,
                PredictedCost = v.PredictedCost, ObservedCost = v.ObservedCost, ErrorPercent = v.ErrorPercent, Runs = v.Runs,
                RunsBefore = v.RunsBefore, IntervalCoverage = v.IntervalCoverage, Reason = v.Reason, RevertPullRequest = v.RevertPullRequest,
            };
        }

        if (analysis.Cohort is { } c)
        {
            status.Cohort = new CohortStatus { Name = c.Name, State = c.State, RunsUsed = c.RunsUsed, Runs = c.Runs, PeakMemoryBytes = c.PeakMemoryBytes, Noise = c.Noise };
        }

        var message = analysis.Message ?? $"Run {run.RunName} ({run.Outcome}): {analysis.Findings.Total} findings, {analysis.Recommendations.Count} recommended changes";
        SetCondition(status, AnalyzedCondition, "True", EventReasons.RunAnalyzed, message, current.Metadata.Generation, now);
        if (status.PullRequest is { } open)
        {
            SetCondition(status, PullRequestCondition, open.State == "open" ? "True" : "False", "PullRequest" + Capitalise(open.State), open.Url ?? "", current.Metadata.Generation, now);
        }

        status.History = History(current.Status, status.LastRun);
        status.ProcessedRuns = Processed(current.Status, run.RunId, processedRunsLimit);
        return status;
    }

    /// <summary>An infrastructure failure: recorded as the last run and processed, but the analysis of earlier runs stays.</summary>
    public static SparkOptimizationStatus InfrastructureFailure(V1Alpha1SparkOptimization current, FinishedRun run, DateTime now, int processedRunsLimit)
    {
        var status = Carry(current.Status);
        status.Phase = Phases.InfrastructureFailure;
        status.ObservedGeneration = current.Metadata.Generation;
        status.LastRun = LastRun(run, null, null);
        var message = $"Run {run.RunName} ended in {run.Outcome} before Spark ran: an infrastructure failure, not used for tuning"
            + (string.IsNullOrWhiteSpace(run.Message) ? "" : $" ({run.Message})");
        SetCondition(status, AnalyzedCondition, "False", EventReasons.InfrastructureFailure, message, current.Metadata.Generation, now);
        status.History = History(current.Status, status.LastRun);
        status.ProcessedRuns = Processed(current.Status, run.RunId, processedRunsLimit);
        return status;
    }

    /// <summary>The run could not be analysed after every attempt: recorded (so it is not retried forever) with the error.</summary>
    public static SparkOptimizationStatus AnalysisFailed(
        V1Alpha1SparkOptimization current, FinishedRun run, string error, DateTime now, int processedRunsLimit, string reason = EventReasons.AnalysisFailed)
    {
        var status = Carry(current.Status);
        status.Phase = Phases.Error;
        status.ObservedGeneration = current.Metadata.Generation;
        status.LastRun = LastRun(run, null, null);
        SetCondition(status, AnalyzedCondition, "False", reason, $"Run {run.RunName} could not be analysed: {error}", current.Metadata.Generation, now);
        status.History = History(current.Status, status.LastRun);
        status.ProcessedRuns = Processed(current.Status, run.RunId, processedRunsLimit);
        return status;
    }

    /// <summary>A run whose event log is not there yet: Pending (reason EventLogNotFound) while it is looked for again; not processed.</summary>
    public static SparkOptimizationStatus EventLogPending(V1Alpha1SparkOptimization current, string message, DateTime now)
    {
        var status = Carry(current.Status);
        status.Phase = Phases.Pending;
        status.ObservedGeneration = current.Metadata.Generation;
        SetCondition(status, AnalyzedCondition, "False", EventReasons.EventLogNotFound, message, current.Metadata.Generation, now);
        return status;
    }

    /// <summary>The first status of a new SparkOptimization.</summary>
    public static SparkOptimizationStatus Pending(long? generation, DateTime now)
    {
        var status = new SparkOptimizationStatus { Phase = Phases.Pending, ObservedGeneration = generation, ProcessedRuns = [] };
        SetCondition(status, AnalyzedCondition, "Unknown", "NoRunYet", "No finished run analysed yet", generation, now);
        return status;
    }

    public static bool IsProcessed(SparkOptimizationStatus? status, string runId) => status?.ProcessedRuns?.Contains(runId) == true;

    private static SparkOptimizationStatus Carry(SparkOptimizationStatus? old) => new()
    {
        Phase = old?.Phase,
        ObservedGeneration = old?.ObservedGeneration,
        Conditions = old?.Conditions?.ToList() ?? [],
        LastRun = old?.LastRun,
        Findings = old?.Findings,
        Recommendations = old?.Recommendations,
        Prediction = old?.Prediction,
        PullRequest = old?.PullRequest,
        ProcessedRuns = old?.ProcessedRuns?.ToList() ?? [],
        Verification = old?.Verification,
        Cohort = old?.Cohort,
        History = old?.History?.ToList(),
    };

    private static LastRunStatus LastRun(FinishedRun run, long? durationMs, double? cost)
    {
        var duration = durationMs
            ?? (run.Started is { } s && run.Finished is { } f && f >= s ? (long)(f - s).TotalMilliseconds : null);
        return new LastRunStatus
        {
            Name = run.RunName,
            SparkAppId = run.SparkAppId,
            Outcome = run.Outcome,
            Finished = run.Finished?.UtcDateTime,
            DurationMs = duration,
            Duration = duration is { } d ? DurationText.Format(d) : null,
            Cost = cost,
            CostText = cost is { } c ? Money(c) : null,
        };
    }

    private static List<RunRecord> History(SparkOptimizationStatus? old, LastRunStatus run)
    {
        var history = old?.History?.ToList() ?? [];
        history.Add(new RunRecord
        {
            Name = run.Name, SparkAppId = run.SparkAppId, Outcome = run.Outcome, Finished = run.Finished, DurationMs = run.DurationMs, Cost = run.Cost,
            PredictedDurationMs = old?.Prediction?.DurationMs,
        });
        return history.Count > MaxHistory ? history.Skip(history.Count - MaxHistory).ToList() : history;
    }

    private static List<string> Processed(SparkOptimizationStatus? old, string runId, int limit)
    {
        var runs = old?.ProcessedRuns?.Where(r => r != runId).ToList() ?? [];
        runs.Add(runId);
        return runs.Count > limit ? runs.Skip(runs.Count - limit).ToList() : runs;
    }

    private static void SetCondition(SparkOptimizationStatus status, string type, string value, string reason, string message, long? generation, DateTime now)
    {
        var conditions = status.Conditions ??= [];
        var existing = conditions.FirstOrDefault(c => c.Type == type);
        if (existing is null)
        {
            conditions.Add(new OptimizationCondition { Type = type, Status = value, Reason = reason, Message = message, ObservedGeneration = generation, LastTransitionTime = now });
            return;
        }

        if (existing.Status != value)
        {
            existing.LastTransitionTime = now;
        }

        existing.Status = value;
        existing.Reason = reason;
        existing.Message = message;
        existing.ObservedGeneration = generation;
    }

    /// <summary>The engine prices in USD (RunAnalysis.Cost); the column says so rather than a bare number.</summary>
    private static string Money(double amount) => string.Create(CultureInfo.InvariantCulture, $"{amount:0.00} USD");

    private static string? SavingText(double? saving, double? percent) => (saving, percent) switch
    {
        ({ } s, { } p) => string.Create(CultureInfo.InvariantCulture, $"{Money(s)} ({p:0}%)"),
        ({ } s, null) => Money(s),
        (null, { } p) => string.Create(CultureInfo.InvariantCulture, $"{p:0}%"),
        _ => null,
    };

    private static string Capitalise(string? text) => string.IsNullOrEmpty(text) ? "Unknown" : char.ToUpperInvariant(text[0]) + text[1..];
}
