using SparkOptimizer.Ingest.Vendors;
using SparkOptimizer.Testing.StandIns;

namespace SparkOptimizer.Tests.Ingest.Vendors;

public sealed class EmrClustersClientTests
{
    private const string Secret = "emr-Secret-Key-Not-For-Logs/42";

    [Fact]
    public async Task GetCluster_DescribeAndInstanceGroups_GivesTypesWorkersSpotAndSparkDefaults()
    {
        await using var api = await JsonApiStandIn.StartAsync(new Dictionary<string, string>
        {
            ["target:ElasticMapReduce.DescribeCluster"] = EmrResponses.DescribeCluster,
            ["target:ElasticMapReduce.ListInstanceGroups"] = EmrResponses.ListInstanceGroups,
        });
        using var http = new HttpClient();

        var cluster = await new EmrClustersClient(http, "us-east-1", "AKIDEXAMPLE", Secret, endpoint: api.BaseUri).GetClusterAsync("j-3SD91U2E1L2QX");

        (cluster.Vendor, cluster.Name, cluster.RuntimeVersion, cluster.DriverNodeType, cluster.WorkerNodeType, cluster.Workers, cluster.UsesSpot)
            .Should().Be(("emr", "nightly-emr", "emr-6.10.0", "m5.xlarge", "r5.2xlarge", (int?)10, (bool?)true));
        cluster.SparkConf.Should().Contain("spark.executor.memory", "18971M").And.HaveCount(3, "only the spark-defaults classification is Spark conf");
        api.Bodies.Should().AllBe("{\"ClusterId\":\"j-3SD91U2E1L2QX\"}");
        api.Requests.Select(r => r.Authorization).Should().OnlyContain(a => a!.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", StringComparison.Ordinal)
            && a.Contains("/us-east-1/elasticmapreduce/aws4_request", StringComparison.Ordinal) && !a.Contains(Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetCluster_UnknownCluster_FailsNamingTheCallNotTheKey()
    {
        await using var api = await JsonApiStandIn.StartAsync(new Dictionary<string, string>());
        using var http = new HttpClient();

        var act = () => new EmrClustersClient(http, "us-east-1", "AKIDEXAMPLE", Secret, endpoint: api.BaseUri).GetClusterAsync("j-NOPE");

        var ex = (await act.Should().ThrowAsync<VendorApiException>()).Which;
        ex.Message.Should().Contain("(DescribeCluster)").And.Contain("404");
        ex.ToString().Should().NotContain(Secret);
    }

    [Fact]
    public void Authorization_AwsGetVanillaTestVector_MatchesThePublishedSignature()
    {
        var headers = new Dictionary<string, string> { ["Host"] = "example.amazonaws.com", ["X-Amz-Date"] = "20150830T123600Z" };

        var auth = AwsSigV4.Authorization("GET", "/", headers, [], "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "us-east-1", "service",
            new DateTimeOffset(2015, 8, 30, 12, 36, 0, TimeSpan.Zero));

        auth.Should().Be("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, " +
            "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }
}
