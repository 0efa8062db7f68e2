using SparkOptimizer.Analysis;
using SparkOptimizer.Recommendation;

namespace SparkOptimizer.Tests.Recommendation;

public sealed class ChangeSetTests
{
    [Fact]
    public void Add_SameKeyDifferentValues_KeepsOneValueFromTheHigherPriority()
    {
        var set = new ChangeSet();
        set.Add(new ConfigChange("spark.sql.shuffle.partitions", "200", "800", "spill") { FindingIds = ["spill-1"], Priority = Severity.Severe });
        set.Add(new ConfigChange("spark.sql.shuffle.partitions", "200", "64", "tiny tasks") { FindingIds = ["tiny-1"], Priority = Severity.Low });

        var change = set.Changes.Should().ContainSingle().Subject;
        change.To.Should().Be("800");
        change.FindingIds.Should().BeEquivalentTo("spill-1", "tiny-1");
        set.Superseded.Should().ContainSingle(s => s.Dropped.To == "64");
    }

    [Fact]
    public void Add_SameKeyEqualPriority_PrefersTheLargerValue()
    {
        var set = new ChangeSet();
        set.Add(new ConfigChange("spark.executor.memory", "4g", "6g", "gc") { FindingIds = ["gc-high"], Priority = Severity.Moderate });
        set.Add(new ConfigChange("spark.executor.memory", "4g", "8g", "heap") { FindingIds = ["memory-heap"], Priority = Severity.Moderate });

        set["spark.executor.memory"]!.To.Should().Be("8g");
    }

    [Fact]
    public void Add_SameValueTwice_MergesReasonsAndFindings()
    {
        var set = new ChangeSet();
        set.Add(new ConfigChange("spark.sql.adaptive.enabled", null, "true", "skew") { FindingIds = ["a"], StageIds = [3] });
        set.Add(new ConfigChange("spark.sql.adaptive.enabled", null, "TRUE", "coalesce") { FindingIds = ["b"], StageIds = [5] });

        var change = set.Changes.Should().ContainSingle().Subject;
        change.Reason.Should().Be("skew; coalesce");
        change.StageIds.Should().Equal(3, 5);
        set.Superseded.Should().BeEmpty();
    }
}
