using SparkOptimizer.Operator.Engine;

namespace SparkOptimizer.Tests.Engine;

public sealed class EventLogSourcePolicyTests
{
    private static readonly EventLogSourcePolicy Policy = new(EventLogSourcePolicy.DefaultSchemes, "http://spark-history.spark:18080", ["/mnt/spark-events"]);

    [Theory]
    [InlineData("s3a://spark-events/")]
    [InlineData("gs://bucket/logs")]
    [InlineData("abfss://c@acct.dfs.core.windows.net/logs")]
    [InlineData("http://spark-history.spark:18080/api/v1")]
    [InlineData("/mnt/spark-events/team-a")]
    [InlineData("file:///mnt/spark-events")]
    public void Allows_ConfiguredSources(string location)
    {
        Policy.Allows(location, out var reason).Should().BeTrue(reason);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data", "not an allowed event-log source")]
    [InlineData("https://evil.example.com/", "not an allowed event-log source")]
    [InlineData("http://spark-history.spark:9999/", "not an allowed event-log source")]
    [InlineData("/etc", "outside the allowed")]
    [InlineData("/mnt/spark-events/../../etc/shadow", "outside the allowed")]
    [InlineData("/mnt/spark-events-other", "outside the allowed")]
    [InlineData("ftp://host/x", "not an allowed event-log source")]
    public void Refuses_EverythingElse(string location, string expected)
    {
        Policy.Allows(location, out var reason).Should().BeFalse();
        reason.Should().Contain(expected);
    }
}
