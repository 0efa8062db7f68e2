namespace SparkOptimizer.Ingest.Metrics;

/// <summary>What Prometheus saw of one Spark pod over the run: memory and CPU use against requests and limits.</summary>
public sealed record PodMetrics(
    string Pod,
    string Role,
    double PeakWorkingSetBytes,
    double? PeakRssBytes,
    double MeanCpuCores,
    double PeakCpuCores,
    double? MemoryRequestBytes,
    double? MemoryLimitBytes,
    double? CpuRequestCores,
    double? CpuLimitCores,
    bool OomKilled)
{
    /// <summary>Peak memory against the limit (1.0 = at the limit); null when no limit is known.</summary>
    public double? MemoryLimitUse => MemoryLimitBytes is > 0 and var l ? PeakWorkingSetBytes / l : null;
}
