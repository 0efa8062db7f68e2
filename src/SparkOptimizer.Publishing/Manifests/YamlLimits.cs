namespace SparkOptimizer.Publishing.Manifests;

/// <summary>Bounds on what we agree to parse: manifests are small, and an alias bomb must fail fast, not expand.</summary>
public sealed record YamlLimits(int MaxChars = 1 << 20, int MaxNodes = 100_000, int MaxDepth = 64)
{
    public static YamlLimits Default { get; } = new();
}
