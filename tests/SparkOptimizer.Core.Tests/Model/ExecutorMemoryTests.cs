using SparkOptimizer.Model;

namespace SparkOptimizer.Tests.Model;

public sealed class ExecutorMemoryTests
{
    private static Func<string, string?> Conf(params (string Key, string Value)[] pairs)
    {
        var map = pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        return key => map.TryGetValue(key, out var v) ? v : null;
    }

    [Theory]
    [InlineData("4g", null, null, null, 4096 + 409)]           // JVM app: max(384 MiB, 10 %)
    [InlineData("2g", null, null, null, 2048 + 384)]           // the 384 MiB floor
    [InlineData("4g", "python", "k8s://https://api", null, 4096 + 1638)] // a Python app on Kubernetes: 40 %
    [InlineData("4g", "python", "yarn", null, 4096 + 409)]     // 40 % is Kubernetes' rule only
    [InlineData("4g", "python", "k8s://https://api", "0.2", 4096 + 819)] // an explicit factor wins
    public void From_Overhead_FollowsSparksRule(string heap, string? resourceType, string? master, string? factor, long expectedMiB)
    {
        var pairs = new List<(string, string)> { ("spark.executor.memory", heap) };
        if (resourceType is not null)
        {
            pairs.Add(("spark.kubernetes.resource.type", resourceType));
        }

        if (master is not null)
        {
            pairs.Add(("spark.master", master));
        }

        if (factor is not null)
        {
            pairs.Add(("spark.executor.memoryOverheadFactor", factor));
        }

        (ExecutorMemory.From(Conf([.. pairs])).TotalBytes / ByteSize.MiB).Should().Be(expectedMiB);
    }

    [Fact]
    public void ForHeap_KeepsAnExplicitOverheadAndAddsOffHeapAndPySpark()
    {
        var conf = Conf(("spark.executor.memory", "4g"), ("spark.executor.memoryOverhead", "1g"), ("spark.memory.offHeap.enabled", "true"),
            ("spark.memory.offHeap.size", "512m"), ("spark.executor.pyspark.memory", "256m"));

        var bigger = ExecutorMemory.ForHeap(conf, 8 * ByteSize.GiB);

        bigger.OverheadBytes.Should().Be(ByteSize.GiB);
        bigger.TotalBytes.Should().Be((8 * ByteSize.GiB) + ByteSize.GiB + (512 * ByteSize.MiB) + (256 * ByteSize.MiB));
    }

    [Fact]
    public void From_Driver_HasNoOffHeapOrPySpark()
    {
        var conf = Conf(("spark.driver.memory", "2g"), ("spark.memory.offHeap.enabled", "true"), ("spark.memory.offHeap.size", "512m"));

        ExecutorMemory.From(conf, "driver").TotalBytes.Should().Be((2 * ByteSize.GiB) + (384 * ByteSize.MiB));
    }
}
