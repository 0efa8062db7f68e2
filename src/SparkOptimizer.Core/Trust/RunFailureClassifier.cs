using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Trust;

/// <summary>
/// Infrastructure against application failures for a whole run, from the operator's state string, executor removal reasons and
/// task failure reasons. Per-reason text goes through <see cref="FailureClassifier"/>; this adds what only the operator sees
/// (scheduling, image pulls, start timeouts, spot loss). Application evidence wins when both appear: a job that OOMs on spot nodes still OOMs.
/// </summary>
public static class RunFailureClassifier
{
    private static readonly string[] InfraState =
    [
        "SUBMISSION_FAILED", "FailedScheduling", "Unschedulable", "Insufficient memory", "Insufficient cpu", "ImagePullBackOff", "ErrImagePull",
        "timed out", "timeout", "did not start", "spot", "preempt", "interruption", "node lost", "NodeLost", "NodeNotReady", "Evicted", "decommission",
    ];

    private static readonly string[] AppState = ["OOMKilled", "OutOfMemoryError", "exit code 137", "exitCode=137", "exit status 137"];

    public static RunFailureClassification Classify(SparkRun run, string? operatorState = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var reasons = run.Executors.Select(e => e.RemovedReason).OfType<string>()
            .Concat(run.Stages.SelectMany(s => s.Tasks.FailureReasons.Keys.Concat(s.Tasks.FailureExamples)))
            .Concat(run.Stages.Select(s => s.FailureReason).OfType<string>());
        return Classify(operatorState, reasons);
    }

    public static RunFailureClassification Classify(string? operatorState, IEnumerable<string> reasons)
    {
        var evidence = new List<string>();
        var infra = false;
        var app = false;
        var memory = false;
        if (!string.IsNullOrWhiteSpace(operatorState))
        {
            if (AppState.Any(n => operatorState.Contains(n, StringComparison.OrdinalIgnoreCase)))
            {
                app = memory = true;
                evidence.Add($"operator: {operatorState}");
            }
            else if (InfraState.Any(n => operatorState.Contains(n, StringComparison.OrdinalIgnoreCase)))
            {
                infra = true;
                evidence.Add($"operator: {operatorState}");
            }
        }

        foreach (var reason in reasons.Distinct(StringComparer.Ordinal))
        {
            var kind = FailureClassifier.Classify(reason, null);
            if (kind == FailureKind.Infrastructure || (kind is FailureKind.Unknown or FailureKind.ExecutorLost && InfraState.Any(n => reason.Contains(n, StringComparison.OrdinalIgnoreCase))))
            {
                infra = true;
                evidence.Add($"infrastructure: {reason}");
            }
            else if (FailureClassifier.IsMemory(kind) || kind == FailureKind.Application)
            {
                app = true;
                memory |= FailureClassifier.IsMemory(kind);
                evidence.Add($"{kind}: {reason}");
            }
        }

        var cls = app ? RunFailureClass.Application : infra ? RunFailureClass.Infrastructure : RunFailureClass.None;
        return new RunFailureClassification(cls, memory, evidence);
    }
}
