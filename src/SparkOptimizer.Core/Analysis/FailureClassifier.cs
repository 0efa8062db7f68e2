namespace SparkOptimizer.Analysis;

/// <summary>Classifies failure text from task end reasons and executor removals (JVM OOM against container kill, infrastructure against application).</summary>
public static class FailureClassifier
{
    // RAPIDS' GPU OOMs (GpuRetryOOM and GpuSplitAndRetryOOM derive from OutOfMemoryError in some releases): the GPU's memory, not the heap.
    // cuDF's older form: "java.lang.OutOfMemoryError: Could not allocate native memory: std::bad_alloc: out_of_memory: RMM failure".
    private static readonly string[] GpuOom = ["GpuRetryOOM", "GpuSplitAndRetryOOM", "GPU OutOfMemory", "Maximum pool size exceeded", "RMM failure", "Could not allocate native memory: std::bad_alloc"];
    private static readonly string[] Oom = ["OutOfMemoryError", "Java heap space", "GC overhead limit exceeded", "Direct buffer memory", "Unable to acquire", "SparkOutOfMemoryError"];
    private static readonly string[] ContainerKill = ["exit code 137", "exit status 137", "exitCode=137", "OOMKilled", "exceeding memory limits", "beyond physical memory", "Container killed on request. Exit code is 137", "exit code 143", "exit status 143"];
    private static readonly string[] Infra = ["decommission", "preempt", "spot", "ImagePull", "ErrImagePull", "FailedScheduling", "Unable to create executor", "node lost", "Node lost", "host lost", "NodeNotReady", "Evicted"];

    public static FailureKind Classify(string? reason, string? text)
    {
        var all = $"{reason} {text}";
        if (reason is "TaskKilled" or "TaskCommitDenied")
        {
            return FailureKind.Killed;
        }

        if (Contains(all, GpuOom))
        {
            return FailureKind.GpuOutOfMemory;
        }

        if (Contains(all, Oom))
        {
            return FailureKind.JvmOutOfMemory;
        }

        if (Contains(all, ContainerKill))
        {
            return FailureKind.ContainerKilled;
        }

        if (Contains(all, Infra))
        {
            return FailureKind.Infrastructure;
        }

        return reason switch
        {
            "FetchFailed" or "Resubmitted" => FailureKind.ShuffleFetch,
            "ExecutorLostFailure" => FailureKind.ExecutorLost,
            "ExceptionFailure" => FailureKind.Application,
            _ => all.Contains("lost", StringComparison.OrdinalIgnoreCase) ? FailureKind.ExecutorLost : FailureKind.Unknown,
        };
    }

    /// <summary>A stage's failed task attempts by reason, each with its first example's text and the kind that text says.</summary>
    public static IEnumerable<(string Reason, int Count, string? Example, FailureKind Kind)> Of(SparkOptimizer.Model.StageInfo stage)
    {
        ArgumentNullException.ThrowIfNull(stage);
        foreach (var (reason, count) in stage.Tasks.FailureReasons)
        {
            var example = stage.Tasks.FailureExamples.FirstOrDefault(e => e.StartsWith(reason, StringComparison.Ordinal));
            yield return (reason, count, example, Classify(reason, example));
        }
    }

    public static bool IsMemory(FailureKind kind) => kind is FailureKind.JvmOutOfMemory or FailureKind.ContainerKilled;

    private static bool Contains(string text, string[] needles) => needles.Any(n => text.Contains(n, StringComparison.OrdinalIgnoreCase));
}
