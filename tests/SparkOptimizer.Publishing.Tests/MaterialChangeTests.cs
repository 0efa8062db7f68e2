using SparkOptimizer.Publishing;

namespace SparkOptimizer.Tests;

public sealed class MaterialChangeTests
{
    private static readonly Dictionary<string, string> Rejected = new() { ["spark.executor.memory"] = "2g", ["spark.sql.shuffle.partitions"] = "400", ["spark.speculation"] = "true" };

    private static ValueChange[] Proposed(string memory, string partitions = "400", string speculation = "true", string? extraKey = null) =>
    [
        new("spark.executor.memory", null, memory, "r"),
        new("spark.sql.shuffle.partitions", null, partitions, "r"),
        new("spark.speculation", null, speculation, "r"),
        .. extraKey is null ? Array.Empty<ValueChange>() : [new ValueChange(extraKey, null, "1", "r")],
    ];

    [Theory]
    [InlineData("2g", "400", "true", false)]
    [InlineData("2100m", "400", "true", false)]
    [InlineData("2g", "420", "true", false)]
    [InlineData("3g", "400", "true", true)]
    [InlineData("2g", "800", "true", true)]
    [InlineData("2g", "400", "false", true)]
    public void IsMateriallyDifferent_ComparesValuesWithinTheTolerance(string memory, string partitions, string speculation, bool expected)
    {
        MaterialChange.IsMateriallyDifferent(Rejected, Proposed(memory, partitions, speculation), 0.1).Should().Be(expected);
    }

    [Fact]
    public void IsMateriallyDifferent_AnotherKey_IsAlwaysMaterial()
    {
        MaterialChange.IsMateriallyDifferent(Rejected, Proposed("2g", extraKey: "spark.executor.cores"), 0.5).Should().BeTrue();
    }

    [Fact]
    public void IsMateriallyDifferent_ZeroTolerance_NeedsTheSameValues()
    {
        MaterialChange.IsMateriallyDifferent(Rejected, Proposed("2100m"), 0).Should().BeTrue();
    }
}
