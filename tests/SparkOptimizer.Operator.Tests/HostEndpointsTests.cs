using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SparkOptimizer.Operator;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests;

/// <summary>The real web host (Program's composition) against the fake API server: health, readiness, metrics.</summary>
[Collection(OperatorHostCollection.Name)]
public sealed class HostEndpointsTests
{
    [Fact]
    public async Task Host_ProcessesARun_ServesHealthReadinessAndMetrics()
    {
        await using var harness = await OperatorHarness.StartAsync();
        await using var host = await OperatorHost.StartAsync(harness, ["--Operator:BackoffUnit=00:00:00.010"],
            builder => builder.Services.Replace(ServiceDescriptor.Singleton<IRunProcessor>(harness.Processor)));
        var http = host.Http;
        (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).IsSuccessStatusCode.Should().BeTrue();
        var runtime = host.App.Services.GetRequiredService<OperatorRuntime>();
        await harness.WaitUntilAsync(() => runtime.Ready, "ready once the kinds are listed");
        var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
        ready.IsSuccessStatusCode.Should().BeTrue();

        var pi = SparkApps.KubeflowPi("spark-pi");
        pi["status"] = SparkApps.KubeflowStatus("COMPLETED", "spark-1");
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, pi);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        // the counters move just after the status write the wait above saw: poll, with a deadline
        var metrics = string.Empty;
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (!metrics.Contains("sparkoptimizer_pull_requests_total{action=\"opened\"} 1", StringComparison.Ordinal) && deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            metrics = await host.GetStringAsync("/metrics");
            if (!metrics.Contains("sparkoptimizer_pull_requests_total{action=\"opened\"} 1", StringComparison.Ordinal))
            {
                await Task.Delay(20);
            }
        }

        metrics.Should().Contain("sparkoptimizer_runs_analysed_total{kind=\"SparkApplication.sparkoperator.k8s.io\",result=\"analysed\"} 1");
        metrics.Should().Contain("sparkoptimizer_findings_total{severity=\"critical\"} 1");
        metrics.Should().Contain("sparkoptimizer_pull_requests_total{action=\"opened\"} 1");
        metrics.Should().Contain("sparkoptimizer_reconcile_duration_seconds_bucket");
        metrics.Should().Contain("sparkoptimizer_queue_depth");
    }
}
