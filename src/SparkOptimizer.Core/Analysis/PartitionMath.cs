using SparkOptimizer.Model;

namespace SparkOptimizer.Analysis;

/// <summary>Partition counts from bytes: enough partitions for the target size, rounded up to whole waves of the run's cores.</summary>
public static class PartitionMath
{
    public static int ForBytes(long bytes, double targetMiB, int cores)
    {
        var n = (long)Math.Ceiling(bytes / (targetMiB * ByteSize.MiB));
        return RoundToCores(n, cores);
    }

    public static int RoundToCores(long partitions, int cores)
    {
        var c = Math.Max(1, cores);
        var n = Math.Max(partitions, c);
        n = (n + c - 1) / c * c;
        return (int)Math.Min(n, 100_000);
    }

    public static int CurrentShufflePartitions(SparkEnvironment env) => PlatformDefaults.ShufflePartitions(env);
}
