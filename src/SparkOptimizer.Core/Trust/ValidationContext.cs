namespace SparkOptimizer.Trust;

/// <summary>
/// What the validator checks the conf against beyond the conf itself: keys the user pinned (annotation
/// <c>sparkoptimizer.io/pinned: "spark.executor.memory,..."</c>), the executor pod's memory limit when the manifest sets one, and
/// the largest node shape's allocatable memory.
/// </summary>
public sealed record ValidationContext(IReadOnlySet<string> Pinned, long? ContainerLimitBytes = null, long? LargestNodeAllocatableBytes = null)
{
    public const string PinnedAnnotation = "sparkoptimizer.io/pinned";

    public static ValidationContext None { get; } = new(new HashSet<string>(StringComparer.Ordinal));

    public static IReadOnlySet<string> ParsePinned(string? annotation) =>
        (annotation ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    public static IReadOnlySet<string> PinnedFrom(IReadOnlyDictionary<string, string>? annotations) =>
        ParsePinned(annotations is not null && annotations.TryGetValue(PinnedAnnotation, out var v) ? v : null);
}
