using SparkOptimizer.Analysis;
using SparkOptimizer.Model;
using SparkOptimizer.Recommendation;

namespace SparkOptimizer.Tests.Recommendation;

public sealed class ConfValidatorTests
{
    [Fact]
    public void Apply_InstancesUnderDynamicAllocation_BecomeMaxExecutorsAndKeepMinInitialMaxOrdered()
    {
        var env = Env(("spark.dynamicAllocation.enabled", "true"), ("spark.dynamicAllocation.minExecutors", "4"), ("spark.dynamicAllocation.initialExecutors", "6"));
        var changes = new ChangeSet();
        changes.Add(new ConfigChange("spark.executor.instances", "10", "3", "widest stage") { FindingIds = ["parallelism-idle-cores"] });

        ConfValidator.Apply(changes, env, []);

        changes["spark.executor.instances"].Should().BeNull();
        changes["spark.dynamicAllocation.maxExecutors"]!.To.Should().Be("3");
        changes["spark.dynamicAllocation.minExecutors"]!.To.Should().Be("3");
        changes["spark.dynamicAllocation.initialExecutors"]!.To.Should().Be("3");
    }

    [Fact]
    public void Apply_ShufflePartitionsWithAqeInitialNumber_KeepsThemEqual()
    {
        var env = Env(("spark.sql.adaptive.coalescePartitions.initialPartitionNum", "200"));
        var changes = new ChangeSet();
        changes.Add(new ConfigChange("spark.sql.shuffle.partitions", "200", "800", "big partitions") { FindingIds = ["shuffle-large-partitions"] });

        ConfValidator.Apply(changes, env, []);

        changes["spark.sql.adaptive.coalescePartitions.initialPartitionNum"]!.To.Should().Be("800");
    }

    [Fact]
    public void Apply_NoOpAndUnbackedChanges_AreDropped()
    {
        var env = Env(("spark.sql.adaptive.enabled", "true"));
        var changes = new ChangeSet();
        var notes = new List<string>();
        changes.Add(new ConfigChange("spark.sql.adaptive.enabled", null, "true", "x") { FindingIds = ["a"] });
        changes.Add(new ConfigChange("spark.speculation", null, "true", "no finding"));

        ConfValidator.Apply(changes, env, notes);

        changes.Count.Should().Be(0);
        notes.Should().ContainSingle(n => n.Contains("no finding backs it", StringComparison.Ordinal));
    }

    private static SparkEnvironment Env(params (string Key, string Value)[] props) =>
        SparkEnvironment.Empty with { SparkProperties = props.ToDictionary(p => p.Key, p => p.Value) };
}
