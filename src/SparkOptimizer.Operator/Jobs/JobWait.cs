using k8s.Models;

namespace SparkOptimizer.Operator.Jobs;

/// <summary>How waiting for a Job ended: the Job in a terminal state, or why there is none (deleted, timed out).</summary>
public sealed record JobWait(V1Job? Job, string? Failure, bool TimedOut = false)
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";

    public static bool IsTerminal(V1Job job) => Condition(job, Complete) is not null || Condition(job, Failed) is not null;

    public static bool Succeeded(V1Job job) => Condition(job, Complete) is not null;

    public static V1JobCondition? Condition(V1Job job, string type) =>
        job.Status?.Conditions?.FirstOrDefault(c => c.Type == type && string.Equals(c.Status, "True", StringComparison.OrdinalIgnoreCase));
}
