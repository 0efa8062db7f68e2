using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SparkOptimizer.Operator;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Engine;

/// <summary>The operator's own host, with the real engine, serves the dashboard over the runs it analysed.</summary>
[Collection(OperatorHostCollection.Name)]
public sealed class OperatorDashboardTests
{
    [Fact]
    public async Task Host_AfterAnalysingARealRun_ServesItOnTheDashboard()
    {
        await using var harness = await OperatorHarness.StartAsync();
        var kubeconfig = harness.WriteKubeconfig();
        try
        {
            var app = OperatorApp.Build(
                ["--urls=http://127.0.0.1:0", $"--Operator:Kubeconfig={kubeconfig}", "--Operator:LeaderElection:Enabled=false", "--Operator:BackoffUnit=00:00:00.010", $"--Engine:LocalEventLogRoots:0={Corpus.EventLogs}", $"--Engine:LocalEventLogRoots:1={PressuredTaxiRun.Root}"],
                builder => builder.Logging.ClearProviders());
            await app.StartAsync();
            try
            {
                using (var empty = new HttpClient { BaseAddress = new Uri(app.Urls.First()) })
                {
                    (await empty.GetStringAsync(new Uri("/", UriKind.Relative))).Should().Contain("sparkoptimizer.io/enabled", "an operator with no run yet says how to opt an app in");
                }

                var pi = SparkApps.KubeflowPi("spark-pi");
                pi["spec"]!["sparkConf"] = new JsonObject
                {
                    ["spark.eventLog.dir"] = PressuredTaxiRun.Events,
                    ["spark.eventLog.rolling.enabled"] = "true",
                };
                pi["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-110be3a8424d4a2789cb88134418217b");
                harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, pi);
                await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                var fleet = await http.GetStringAsync(new Uri("/api/fleet", UriKind.Relative));
                fleet.Should().Contain("spark-pi");
                var page = await http.GetStringAsync(new Uri("/", UriKind.Relative));
                page.Should().Contain("spark-pi");
                var appPage = await http.GetStringAsync(new Uri("/apps/default%2Fspark-pi", UriKind.Relative));
                appPage.Should().Contain("id=\"history\"", "the app is its cohort, namespace/cohort");
                var status = harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!;
                status["recommendations"]!.AsArray().Should().NotBeEmpty("the engine analysed the real log");
                (await http.GetAsync(new Uri("/metrics", UriKind.Relative))).IsSuccessStatusCode.Should().BeTrue();
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}
