using SparkOptimizer.Analysis;
using SparkOptimizer.Model;

namespace SparkOptimizer.Tests.Analysis;

public sealed class PlanIndexTests
{
    [Theory]
    [InlineData("SortMergeJoin", "SortMergeJoin [customer_id#12], [id#14L], Inner", "customer_id = id")]
    [InlineData("SortMergeJoin", "SortMergeJoin [a#1, cast(b#2 as bigint)], [c#3, d#4], LeftOuter", "a = c, cast(b as bigint) = d")]
    [InlineData("SortMergeJoin", "SortMergeJoin [k#1], [k#9], Inner", "k")]
    [InlineData("HashAggregate", "HashAggregate(keys=[col1#1], functions=[sum(col2#2)])", "col1")]
    [InlineData("HashAggregate", "HashAggregate(keys=[], functions=[count(1)])", "")]
    public void Parse_PlanNodeSimpleString_ReturnsKeysWithoutExpressionIds(string name, string simple, string keys)
    {
        var node = new SqlPlanNode(name, simple, [], [], new Dictionary<string, string>());

        PlanIndex.Parse(7, node)!.KeyText.Should().Be(keys);
    }

    [Fact]
    public void Parse_NonKeyedNode_ReturnsNull()
    {
        PlanIndex.Parse(1, new SqlPlanNode("Filter", "Filter (x#1 > 0)", [], [], new Dictionary<string, string>())).Should().BeNull();
    }
}
