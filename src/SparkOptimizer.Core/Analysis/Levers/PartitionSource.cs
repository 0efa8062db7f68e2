namespace SparkOptimizer.Analysis.Levers;

/// <summary>What fixes a stage's partition count: the only lever that can change how many tasks it runs.</summary>
public enum PartitionSource
{
    /// <summary>Nothing known: no setting is proposed.</summary>
    Unknown,

    /// <summary>A SQL Exchange whose count is spark.sql.shuffle.partitions (hashpartitioning(..., n) with n the setting).</summary>
    SqlShufflePartitions,

    /// <summary>AQE coalesced the Exchange's partitions at run time: its advisory partition size decides the count.</summary>
    AdaptiveCoalesced,

    /// <summary>repartition(n) / coalesce(n) / RoundRobinPartitioning(n) in the code: only the code changes it.</summary>
    CodeRepartition,

    /// <summary>One partition by design (a global aggregate, limit, a window without partitionBy): a code question.</summary>
    SinglePartition,

    /// <summary>An RDD shuffle: the operation's numPartitions, or spark.default.parallelism when the code gave none.</summary>
    RddShuffle,

    /// <summary>A file scan split by spark.sql.files.maxPartitionBytes / openCostInBytes.</summary>
    FileScan,

    /// <summary>A scan of files that cannot be split (gzip, whole-file formats): one task per file whatever the split size.</summary>
    UnsplittableFiles,

    /// <summary>An RDD input (textFile, hadoopFile, parallelize) split by its source: minPartitions or numSlices in the code.</summary>
    RddInput,

    /// <summary>Spark's own job (parallel file listing): no user code or setting of the job's reaches it.</summary>
    Internal,
}
