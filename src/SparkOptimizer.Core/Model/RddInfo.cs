namespace SparkOptimizer.Model;

/// <summary>An RDD a stage computes; storage level says whether it was asked to be cached.</summary>
public sealed record RddInfo(int Id, string Name, string? Scope, string? StorageLevel, int NumPartitions, int NumCachedPartitions, long MemorySize, long DiskSize, string? CallSite)
{
    public bool IsCached => !string.IsNullOrEmpty(StorageLevel) && !StorageLevel.StartsWith("None", StringComparison.OrdinalIgnoreCase)
        && (StorageLevel.Contains("Memory", StringComparison.OrdinalIgnoreCase) || StorageLevel.Contains("Disk", StringComparison.OrdinalIgnoreCase));
}
