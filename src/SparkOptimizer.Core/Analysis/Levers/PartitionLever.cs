namespace SparkOptimizer.Analysis.Levers;

/// <summary>
/// The lever that controls one stage's partition count, read from its SQL plan and RDD lineage: the setting to change
/// (<see cref="ConfKey"/>), or the code call site where no setting reaches, and the plan node that shows why.
/// </summary>
public sealed record PartitionLever(PartitionSource Source, int Partitions, string? ConfKey, string? CallSite, string? PlanNode, string Why)
{
    /// <summary>True when only the code (or nothing) changes it.</summary>
    public bool IsCode => Source is PartitionSource.CodeRepartition or PartitionSource.SinglePartition or PartitionSource.RddInput or PartitionSource.UnsplittableFiles
        || (Source == PartitionSource.RddShuffle && ConfKey is null);
}
