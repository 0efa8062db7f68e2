using SparkOptimizer.Trust;

namespace SparkOptimizer.Tests.Trust;

public sealed class TrustLevelNamesTests
{
    [Theory]
    [InlineData("observe", TrustLevel.Observe)]
    [InlineData("recommend", TrustLevel.Recommend)]
    [InlineData("pullRequest", TrustLevel.PullRequest)]
    [InlineData("autoMerge", TrustLevel.AutoMerge)]
    [InlineData(null, TrustLevel.PullRequest)]
    [InlineData("bogus", TrustLevel.PullRequest)]
    public void Parse_CrdSpelling_Level(string? text, TrustLevel expected) => TrustLevelNames.Parse(text).Should().Be(expected);

    [Fact]
    public void Format_EveryLevel_RoundTrips()
    {
        foreach (var level in Enum.GetValues<TrustLevel>())
        {
            TrustLevelNames.Parse(TrustLevelNames.Format(level)).Should().Be(level);
        }
    }
}
