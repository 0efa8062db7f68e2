namespace SparkOptimizer.Model;

/// <summary>Something read badly but not fatally: the file, the line (or byte offset) and what was wrong.</summary>
public sealed record IngestWarning(string File, long? Line, string Message)
{
    public override string ToString() => Line is { } l ? $"{File}:{l}: {Message}" : $"{File}: {Message}";
}
