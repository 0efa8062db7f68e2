using SparkOptimizer.Ingest.Sources;

namespace SparkOptimizer.Tests.Ingest.Sources;

public sealed class HttpSourcePathTests
{
    [Theory]
    [InlineData("http://shs:18080", "/")]
    [InlineData("http://shs:18080/app-1", "/")]
    [InlineData("http://gw/spark-history/history/app-1/2", "/spark-history")]
    [InlineData("http://gw//spark-history//api/v1/applications/app-1", "/spark-history")]
    [InlineData("http://gw/a/b/api/v1/applications", "/a/b")]
    public void TryParse_Location_IsTheBaseTheFetchAsksUnder(string uri, string expected)
    {
        HttpSourcePath.TryParse(uri, out var path, out var problem).Should().BeTrue(problem);

        path!.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("http://gw", "/")]
    [InlineData("http://gw/spark-history", "/spark-history")]
    [InlineData("http://gw/spark-history/", "/spark-history")]
    [InlineData("http://gw/a/spark-history/history", "/a/spark-history")]
    [InlineData("http://gw/spark-history/api/v1/applications", "/spark-history")]
    public void TryParseServer_ConfiguredUrl_IsItsWholePath(string uri, string expected)
    {
        HttpSourcePath.TryParseServer(uri, out var path, out var problem).Should().BeTrue(problem);

        path!.ToString().Should().Be(expected);
    }

    [Theory]
    [InlineData("http://gw/shs/../history/x")]
    [InlineData("http://gw/shs/./history/x")]
    [InlineData("http://gw/shs/%2e%2e/history/x")]
    [InlineData("http://gw/shs/%2E./history/x")]
    [InlineData("http://gw/shs/..;x=1/history/x")]
    [InlineData("http://gw/shs%2F..%2Fadmin/history/x")]
    [InlineData("http://gw/shs%5C..%5Cadmin/history/x")]
    [InlineData("http://gw/shs/%252e%252e/history/x")]
    [InlineData("http://gw/shs/a\\b/history/x")]
    [InlineData("http://gw/shs/%00/history/x")]
    [InlineData("http://gw/shs/history/..")]
    public void TryParse_PathThatAServerCouldReadAsAnother_IsRefused(string uri)
    {
        HttpSourcePath.TryParse(uri, out var path, out var problem).Should().BeFalse(uri);

        path.Should().BeNull();
        problem.Should().Contain("'..' segment");
        HttpSourcePath.TryParseServer(uri, out _, out _).Should().BeFalse();
    }

    [Theory]
    [InlineData("http://gw/spark-history/history/x", true)]
    [InlineData("http://gw/spark-history/a/b/history/x", true)]
    [InlineData("http://gw/spark-historyx/history/x", false)]
    [InlineData("http://gw/SPARK-HISTORY/history/x", false)]
    [InlineData("http://gw/history/x", false)]
    [InlineData("http://gw/spark-history", false)]
    public void IsUnder_ComparesWholeSegments(string uri, bool expected)
    {
        HttpSourcePath.TryParseServer("http://gw/spark-history", out var server, out _).Should().BeTrue();
        HttpSourcePath.TryParse(uri, out var path, out var problem).Should().BeTrue(problem);

        path!.IsUnder(server!).Should().Be(expected);
    }
}
