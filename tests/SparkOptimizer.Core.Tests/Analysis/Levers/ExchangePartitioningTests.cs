using SparkOptimizer.Analysis.Levers;

namespace SparkOptimizer.Tests.Analysis.Levers;

public sealed class ExchangePartitioningTests
{
    [Theory]
    [InlineData("Exchange hashpartitioning(id#12L, 200), ENSURE_REQUIREMENTS, [plan_id=27]", "hashpartitioning", 200, "ENSURE_REQUIREMENTS", false)]
    [InlineData("Exchange hashpartitioning(coalesce(a#1, 0), cast(b#2 as int), 64), REPARTITION_BY_NUM, [plan_id=3]", "hashpartitioning", 64, "REPARTITION_BY_NUM", true)]
    [InlineData("Exchange RoundRobinPartitioning(2), REPARTITION_BY_NUM, [plan_id=80]", "RoundRobinPartitioning", 2, "REPARTITION_BY_NUM", true)]
    [InlineData("Exchange rangepartitioning(a#1 ASC NULLS FIRST, 200), ENSURE_REQUIREMENTS, [plan_id=9]", "rangepartitioning", 200, "ENSURE_REQUIREMENTS", false)]
    [InlineData("Exchange hashpartitioning(key#3, 200)", "hashpartitioning", 200, null, false)]
    public void Parse_ReadsSchemeCountAndOrigin(string simple, string scheme, int partitions, string? origin, bool byNumber)
    {
        var e = ExchangePartitioning.Parse("Exchange", simple)!;

        e.Scheme.Should().Be(scheme);
        e.Partitions.Should().Be(partitions);
        e.Origin.Should().Be(origin);
        e.ByNumber.Should().Be(byNumber);
        e.Display.Should().NotContain("plan_id");
    }

    [Fact]
    public void Parse_SinglePartition_IsOnePartition()
    {
        var e = ExchangePartitioning.Parse("Exchange", "Exchange SinglePartition, ENSURE_REQUIREMENTS, [plan_id=39]")!;

        e.IsSingle.Should().BeTrue();
        e.Partitions.Should().Be(1);
    }

    [Theory]
    [InlineData("BroadcastExchange", "BroadcastExchange HashedRelationBroadcastMode(List(input[0, int, false]),false), [plan_id=5]")]
    [InlineData("ReusedExchange", "ReusedExchange [a#1], Exchange hashpartitioning(a#1, 200)")]
    [InlineData("Project", "Project [a#1]")]
    public void Parse_NodesThatAreNotShuffleExchanges_AreNull(string name, string simple) =>
        ExchangePartitioning.Parse(name, simple).Should().BeNull();
}
