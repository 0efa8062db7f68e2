using System.Globalization;
using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Recommendation;

/// <summary>The sizer's answer: current and proposed shapes, the floors it held, and why each value moved.</summary>
public sealed record ExecutorSizing(ExecutorShape Current, ExecutorShape Proposed, long HeapFloorBytes, long ContainerFloorBytes, IReadOnlyList<string> Notes)
{
    public bool Changed => Current != Proposed;

    /// <summary>
    /// The shape the applied changes give: a value the sizer proposed but no finding asked for, or that the rails and the
    /// what-if check withheld, stays today's; one they moved takes the applied value. The report shows one value per key.
    /// </summary>
    public ExecutorSizing Applied(IReadOnlyList<ConfigChange> changes, string memoryKey)
    {
        ArgumentNullException.ThrowIfNull(changes);
        string? To(string key) => changes.FirstOrDefault(c => c.Key == key)?.To;
        long Bytes(string key, long today) => To(key) is { } v && ByteSize.TryParse(v, out var b, ByteSize.MiB) ? b.Bytes : today;
        int? Int(string key, int? today) => To(key) is { } v && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : today;
        var applied = new ExecutorShape(
            Bytes(memoryKey, Current.HeapBytes),
            Bytes("spark.executor.memoryOverhead", Proposed.OverheadBytes == Current.OverheadBytes || To("spark.executor.memoryOverhead") is not null ? Current.OverheadBytes : DefaultOverheadFor(Bytes(memoryKey, Current.HeapBytes))),
            Int("spark.executor.cores", Current.Cores) ?? Current.Cores,
            Int("spark.executor.instances", Current.Instances));
        return this with { Proposed = applied };
    }

    // With no explicit overhead, the overhead follows the heap by Spark's own rule.
    private long DefaultOverheadFor(long heap) => heap == Current.HeapBytes ? Current.OverheadBytes : ExecutorSizer.DefaultOverhead(heap);
}
