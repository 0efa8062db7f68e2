using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Trust;

public sealed class ProposalMatcherTests
{
    private static readonly ProposedChangeSet Memory = new("aaaa", new Dictionary<string, string> { ["spark.executor.memory"] = "8g", ["spark.sql.shuffle.partitions"] = "400" });
    private static readonly ProposedChangeSet Partitions = new("bbbb", new Dictionary<string, string> { ["spark.sql.shuffle.partitions"] = "400" });

    private static Dictionary<string, string> Conf(params (string Key, string Value)[] values) => values.ToDictionary(v => v.Key, v => v.Value);

    [Fact]
    public void Match_RunHoldingEveryValue_ReturnsTheProposal()
    {
        var conf = Conf(("spark.executor.memory", "8192m"), ("spark.sql.shuffle.partitions", "400"), ("spark.app.name", "etl"));

        ProposalMatcher.Match(conf, [Memory]).Should().Be("aaaa");
    }

    [Fact]
    public void Match_RunMissingOneValue_ReturnsNull()
    {
        var conf = Conf(("spark.executor.memory", "4g"), ("spark.sql.shuffle.partitions", "400"));

        ProposalMatcher.Match(conf, [Memory]).Should().BeNull();
        ProposalMatcher.Match(Conf(("spark.sql.shuffle.partitions", "400")), [Memory]).Should().BeNull("a key the run does not set is not the proposed value");
    }

    [Fact]
    public void Match_SeveralSatisfied_ReturnsTheNewest()
    {
        var conf = Conf(("spark.executor.memory", "8g"), ("spark.sql.shuffle.partitions", "400"));

        ProposalMatcher.Match(conf, [Memory, Partitions]).Should().Be("bbbb");
        ProposalMatcher.Match(conf, [Partitions, Memory]).Should().Be("aaaa");
    }

    [Theory]
    [InlineData("8g", "8192m", true)]
    [InlineData("8192", "8g", true)]
    [InlineData("8", "8g", false)]
    [InlineData("200", "200.0", true)]
    [InlineData(" TRUE ", "true", true)]
    [InlineData("0.5", "0.6", false)]
    [InlineData("lz4", "zstd", false)]
    public void SameValue_ComparesSizesNumbersAndText(string actual, string expected, bool same) =>
        ProposalMatcher.SameValue(actual, expected).Should().Be(same);
}
