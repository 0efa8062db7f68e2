using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Testing.Prometheus;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Metrics;

/// <summary>
/// /metrics of the real host with the real engine (no Jobs): a run analysed in the process is counted in
/// sparkoptimizer_analyses_total, the interval coverage is absent before any verified run, process and .NET runtime metrics are
/// served, and the whole exposition passes the real `promtool check metrics`.
/// </summary>
[Collection(OperatorHostCollection.Name)]
public sealed class MetricsEndpointTests
{
    private const string AppId = "local-1619631016646";

    [Fact]
    public async Task Metrics_AfterAnInProcessAnalysis_CountItServeRuntimeMetricsAndPassPromtool()
    {
        using var logs = new TempDir();
        File.Copy(Corpus.Path("reencoded/local-1619631016646.lzf"), logs.File(AppId + ".lzf"));
        await using var harness = await OperatorHarness.StartAsync();
        await using var host = await OperatorHost.StartAsync(harness, [$"--Engine:LocalEventLogRoots:0={logs.Path}", "--Engine:History:Provider=none"]);
        var before = await host.GetStringAsync("/metrics");
        before.Should().NotContain("sparkoptimizer_analyses_total{", "nothing analysed yet");

        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, SparkApps.CompletedKubeflowPi("spark-pi", logs.Path, AppId));
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);
        var metrics = await host.GetStringAsync("/metrics");

        harness.Optimization(SparkApps.Namespace, "spark-pi")!["status"]!["phase"]!.GetValue<string>().Should().Be("Analyzed");
        metrics.Should().Contain("sparkoptimizer_analyses_total{where=\"in-process\"} 1");
        metrics.Split('\n').Should().NotContain(l => l.StartsWith("sparkoptimizer_prediction_interval_coverage", StringComparison.Ordinal),
            "a ratio without data is absent, so an alert on coverage < 0.8 does not fire on a new install");
        metrics.Should().Contain("process_cpu_seconds_total").And.Contain("process_working_set_bytes").And.Contain("dotnet_collection_count_total");
        var (exitCode, output) = await Promtool.CheckMetricsAsync(metrics);
        exitCode.Should().Be(0, output);
    }
}
