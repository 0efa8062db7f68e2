using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Recommendation;

/// <summary>What the sizer starts from: the shape the run had, the memory beside the heap, and the peaks it was seen to reach.</summary>
public sealed record ExecutorObservation(
    ExecutorShape Current,
    long OffHeapBytes,
    long PySparkBytes,
    long? PeakHeapBytes,
    long? PeakRssBytes,
    bool MemoryFailureSeen,
    bool OverheadExplicit,
    bool LocalMode)
{
    public static ExecutorObservation From(SparkRun run, RunFacts facts, bool memoryFailureSeen)
    {
        var observed = ObservedMemory.From(facts, run);
        var heap = facts.LocalMode ? facts.DriverMemoryBytes : facts.ExecutorMemoryBytes;
        var overhead = facts.LocalMode ? 0 : facts.OverheadBytes;
        return new ExecutorObservation(
            new ExecutorShape(heap, overhead, facts.ExecutorCores, facts.Instances),
            facts.LocalMode ? 0 : facts.OffHeapBytes,
            facts.LocalMode ? 0 : facts.PySparkMemoryBytes,
            observed.PeakHeapBytes,
            facts.LocalMode ? null : observed.PeakRssBytes,
            memoryFailureSeen,
            run.Environment.Get("spark.executor.memoryOverhead") is not null,
            facts.LocalMode);
    }
}
