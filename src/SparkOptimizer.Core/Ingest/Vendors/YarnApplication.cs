namespace SparkOptimizer.Ingest.Vendors;

/// <summary>A YARN application as the ResourceManager reports it: what it was allocated over its life (MB-seconds, vcore-seconds).</summary>
public sealed record YarnApplication(
    string Id,
    string? Name,
    string? User,
    string? Queue,
    string? State,
    string? FinalStatus,
    string? ApplicationType,
    long? StartedTime,
    long? FinishedTime,
    long? ElapsedMs,
    long? MemorySeconds,
    long? VcoreSeconds,
    long? AllocatedMb,
    long? AllocatedVcores)
{
    /// <summary>Average memory held over the run, in MB (memory-seconds over elapsed seconds).</summary>
    public double? AverageAllocatedMb => MemorySeconds is { } ms && ElapsedMs is > 0 ? ms / (ElapsedMs.Value / 1000.0) : null;

    /// <summary>Average vcores held over the run.</summary>
    public double? AverageVcores => VcoreSeconds is { } vs && ElapsedMs is > 0 ? vs / (ElapsedMs.Value / 1000.0) : null;
}
