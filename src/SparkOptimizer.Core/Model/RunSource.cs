namespace SparkOptimizer.Model;

/// <summary>Where a run was read from and how completely.</summary>
public sealed record RunSource(string Path, IReadOnlyList<string> Parts, string Codec, long BytesRead, long Lines, long Events, long UnparsableLines, ReadStatus Status);
