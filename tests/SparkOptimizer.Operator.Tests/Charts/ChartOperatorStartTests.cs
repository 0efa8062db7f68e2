using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Charts;

/// <summary>Each rendered Deployment's operator, started with exactly its environment and arguments, is ready against our API server.</summary>
[Collection(OperatorHostCollection.Name)]
public sealed class ChartOperatorStartTests
{
    public static TheoryData<string> Startable()
    {
        var data = new TheoryData<string>();
        // postgres is left out: its connection string needs a PostgreSQL server (the History tests run one of their own)
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
}
