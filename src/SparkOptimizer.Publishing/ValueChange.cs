namespace SparkOptimizer.Publishing;

/// <summary>
/// One recommended value. <paramref name="Key"/> is a Spark conf key (<c>spark.executor.memory</c>) or a pod-side key
/// (<c>executor.memoryOverhead</c>, <c>executor.coreRequest</c>, <c>driver.coreLimit</c>).
/// </summary>
public sealed record ValueChange(string Key, string? From, string To, string Reason)
{
    /// <summary>A change that takes the key out of the manifest (a revert of a key we added): <see cref="To"/> is empty.</summary>
    public static ValueChange Remove(string key, string? from, string reason) => new(key, from, string.Empty, reason);

    public bool IsRemoval => To.Length == 0;
}
