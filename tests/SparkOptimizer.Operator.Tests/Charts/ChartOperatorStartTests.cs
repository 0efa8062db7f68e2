using Npgsql;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Testing.Postgres;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Charts;

/// <summary>
/// Each rendered Deployment's operator, started with exactly its environment and arguments, is ready against our API server; the
/// postgres toggle against a real PostgreSQL server (Debian's, started for these tests), its Secret's connection string given.
/// </summary>
[Collection(OperatorHostCollection.Name)]
public sealed class ChartOperatorStartTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    public static TheoryData<string> Startable()
    {
        var data = new TheoryData<string>();
        // postgres has its own test below: its Secret holds a connection string to a real server
        foreach (var name in ChartToggles.All.Keys.Where(n => n != "postgres"))
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Startable))]
    public async Task RenderedDeployment_StartedAsRendered_IsReadyWithin30Seconds(string toggle)
    {
        await using var harness = await OperatorHarness.StartAsync();
        var kubeconfig = harness.WriteKubeconfig();
        try
        {
            var docs = new ChartRenderer(Helm.ChartDir, ChartToggles.Values(toggle), releaseNamespace: "spark-optimizer").RenderAll();
            using var running = RenderedOperator.Start(docs, kubeconfig, "spark-optimizer");

            var ready = await running.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));

            ready.Should().BeTrue($"the operator rendered with '{toggle}' is ready within 30 s; {running.Report()}");
            // the fake records a request just after answering it: wait for the record, with a deadline
            await harness.WaitUntilAsync(
                () => harness.Server.Requests.Any(r => r.Method == "GET" && r.Path.Contains("/sparkoptimizations", StringComparison.Ordinal)),
                "it lists our kind on our API server");
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task RenderedPostgresDeployment_StartedAgainstARealPostgreSql_IsReadyWithin30SecondsAndKeepsItsHistoryThere()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var kubeconfig = harness.WriteKubeconfig();
        var database = await postgres.CreateDatabaseAsync();
        try
        {
            var docs = new ChartRenderer(Helm.ChartDir, ChartToggles.Values("postgres"), releaseNamespace: "spark-optimizer").RenderAll();
            using var running = RenderedOperator.Start(docs, kubeconfig, "spark-optimizer",
                new Dictionary<string, string> { ["SPARK_OPTIMIZER_HISTORY_CONNECTION"] = database });

            var ready = await running.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));

            ready.Should().BeTrue($"the operator rendered with 'postgres' is ready within 30 s; {running.Report()}");
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();
            await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'", connection);
            ((long)(await tables.ExecuteScalarAsync())!).Should().BePositive("the operator created its run-history tables in the PostgreSQL database its Secret names");
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}
