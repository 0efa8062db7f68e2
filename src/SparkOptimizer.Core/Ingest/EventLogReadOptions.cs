using SparkOptimizer.Ingest.Codecs;
using SparkOptimizer.Ingest.Redaction;

namespace SparkOptimizer.Ingest;

/// <summary>Limits and policies for reading a log.</summary>
public sealed record EventLogReadOptions
{
    public static EventLogReadOptions Default { get; } = new();

    public DecompressionLimits Limits { get; init; } = DecompressionLimits.Default;

    /// <summary>Longest line kept; longer lines are skipped with a warning (SQL plans reach a few MB).</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>JSON nesting allowed in one event; real SQL plans nest deeper than the default 64.</summary>
    public int MaxJsonDepth { get; init; } = 1024;

    /// <summary>Warnings kept per log; past that they are counted, not listed.</summary>
    public int MaxWarnings { get; init; } = 200;

    public SecretRedactor Redactor { get; init; } = SecretRedactor.Default;
}
