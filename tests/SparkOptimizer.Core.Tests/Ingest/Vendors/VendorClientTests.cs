using SparkOptimizer.Ingest.Vendors;
using SparkOptimizer.Testing.StandIns;

namespace SparkOptimizer.Tests.Ingest.Vendors;

public sealed class VendorClientTests : IAsyncLifetime
{
    private const string Token = "dapi-Token-Never-Printed-0123";
    private JsonApiStandIn _api = null!;
    private readonly HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _api = await JsonApiStandIn.StartAsync(new Dictionary<string, string>
        {
            ["/api/2.1/clusters/get?cluster_id=1234-567890-reef123"] = RecordedResponses.DatabricksCluster,
            ["/api/2.1/clusters/get?cluster_id=0923-164208-meows279"] = RecordedResponses.DatabricksAutoscalingCluster,
            ["/v1/projects/analytics-prod/regions/us-central1/clusters/etl-cluster"] = RecordedResponses.DataprocCluster,
            ["/ws/v1/cluster/apps/application_1326821518301_0005"] = RecordedResponses.YarnApplication,
        });
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task Databricks_GetCluster_ReadsNodeTypesWorkersSpotAndConf()
    {
        _api.RequiredBearer = Token;

        var cluster = await new DatabricksClustersClient(_http, _api.BaseUri, Token).GetClusterAsync("1234-567890-reef123");

        cluster.Should().BeEquivalentTo(new
        {
            Vendor = "databricks", ClusterId = "1234-567890-reef123", Name = "nightly-etl", RuntimeVersion = "13.3.x-scala2.12",
            DriverNodeType = "i3.2xlarge", WorkerNodeType = "i3.xlarge", Workers = (int?)30, UsesSpot = (bool?)true, Autoscaling = false,
        });
        cluster.SparkConf.Should().Contain("spark.sql.shuffle.partitions", "400");
        _api.Requests.Should().ContainSingle().Which.Authorization.Should().Be("Bearer " + Token);
    }

    [Fact]
    public async Task Databricks_AutoscalingCluster_ReadsTheRange()
    {
        var cluster = await new DatabricksClustersClient(_http, _api.BaseUri, Token).GetClusterAsync("0923-164208-meows279");

        (cluster.MinWorkers, cluster.MaxWorkers, cluster.Workers, cluster.Autoscaling, cluster.UsesSpot).Should().Be((2, 8, (int?)null, true, false));
        cluster.DriverNodeType.Should().Be("Standard_DS3_v2", "the driver defaults to the worker type");
    }

    [Fact]
    public async Task Databricks_RefusedToken_FailsWithoutShowingIt()
    {
        _api.RequiredBearer = "the-right-one";

        var act = () => new DatabricksClustersClient(_http, _api.BaseUri, Token).GetClusterAsync("1234-567890-reef123");

        var ex = (await act.Should().ThrowAsync<VendorApiException>()).Which;
        ex.Status.Should().Be(401);
        ex.Message.Should().Be($"{_api.BaseUri}api/2.1/clusters/get: authentication failed: the token was refused (401)");
        ex.ToString().Should().NotContain(Token);
    }

    [Fact]
    public async Task Dataproc_GetCluster_CountsSpotSecondaryWorkersAndStripsSparkPrefix()
    {
        var cluster = await new DataprocClustersClient(_http, "ya29.token", _api.BaseUri).GetClusterAsync("analytics-prod", "us-central1", "etl-cluster");

        (cluster.DriverNodeType, cluster.WorkerNodeType, cluster.Workers, cluster.UsesSpot, cluster.RuntimeVersion, cluster.State)
            .Should().Be(("n1-standard-4", "n1-highmem-8", (int?)6, (bool?)true, "2.1.11-debian11", "RUNNING"));
        cluster.SparkConf.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["spark.executor.memory"] = "9310m",
            ["spark.executor.cores"] = "4",
            ["spark.dynamicAllocation.enabled"] = "true",
        });
    }

    [Fact]
    public async Task Yarn_GetApplication_ReadsMemoryAndVcoreSeconds()
    {
        var app = await new YarnResourceManagerClient(_http, _api.BaseUri).GetApplicationAsync("application_1326821518301_0005");

        (app.State, app.FinalStatus, app.ApplicationType, app.MemorySeconds, app.VcoreSeconds, app.ElapsedMs).Should().Be(("FINISHED", "SUCCEEDED", "SPARK", (long?)151730, (long?)103, (long?)446748));
        app.AllocatedMb.Should().BeNull("-1 means nothing is held now, not a size");
        app.AverageAllocatedMb.Should().BeApproximately(151730 / 446.748, 1e-6);
    }

    [Fact]
    public async Task Yarn_UnknownApplication_IsNotFound()
    {
        var act = () => new YarnResourceManagerClient(_http, _api.BaseUri).GetApplicationAsync("application_0_0");

        (await act.Should().ThrowAsync<VendorApiException>()).Which.Status.Should().Be(404);
    }
}
