using SparkOptimizer.Ingest.Metrics;
using SparkOptimizer.Testing.Prometheus;

namespace SparkOptimizer.Tests.Ingest.Metrics;

/// <summary>Against a real Prometheus, backfilled with the series a Kubernetes cluster exports for a Spark run.</summary>
public sealed class SparkPodMetricsQueryTests
{
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset End = Start.AddMinutes(30);
    private const string App = "spark-5a1e0c3b7d2f4e6a";

    private static IEnumerable<(DateTimeOffset, double)> Over(Func<int, double> value)
    {
        for (var i = 0; i <= 120; i++)
        {
            yield return (Start.AddSeconds(i * 15), value(i));
        }
    }

    private static Dictionary<string, string> Labels(string pod, string container, params (string, string)[] extra)
    {
        var labels = new Dictionary<string, string> { ["namespace"] = "data", ["pod"] = pod, ["container"] = container };
        foreach (var (k, v) in extra)
        {
            labels[k] = v;
        }

        return labels;
    }

    private static string ClusterSeries()
    {
        var w = new OpenMetricsWriter();
        var pods = new[] { ("etl-driver", "driver", "spark-kubernetes-driver"), ("etl-exec-1", "executor", "spark-kubernetes-executor"), ("etl-exec-2", "executor", "spark-kubernetes-executor") };
        foreach (var (pod, role, container) in pods)
        {
            w.Series("kube_pod_labels", "gauge", new Dictionary<string, string> { ["namespace"] = "data", ["pod"] = pod, ["label_spark_app_selector"] = App, ["label_spark_role"] = role }, Over(_ => 1));
        }

        // The other app's pod must not leak into this app's answer.
        w.Series("kube_pod_labels", "gauge", new Dictionary<string, string> { ["namespace"] = "data", ["pod"] = "other-exec-1", ["label_spark_app_selector"] = "spark-other", ["label_spark_role"] = "executor" }, Over(_ => 1));
        w.Series("container_memory_working_set_bytes", "gauge", Labels("etl-driver", "spark-kubernetes-driver"), Over(i => 1.0e9 + i * 1e6));
        w.Series("container_memory_working_set_bytes", "gauge", Labels("etl-exec-1", "spark-kubernetes-executor"), Over(i => i == 60 ? 5.5e9 : 3.0e9));
        w.Series("container_memory_working_set_bytes", "gauge", Labels("etl-exec-2", "spark-kubernetes-executor"), Over(_ => 2.0e9));
        w.Series("container_memory_working_set_bytes", "gauge", Labels("other-exec-1", "spark-kubernetes-executor"), Over(_ => 9.9e9));
        w.Series("container_memory_rss", "gauge", Labels("etl-exec-1", "spark-kubernetes-executor"), Over(_ => 2.8e9));
        // CPU counters: exec-1 uses 3.5 cores, exec-2 0.5, the driver 0.2.
        w.Series("container_cpu_usage_seconds", "counter", Labels("etl-exec-1", "spark-kubernetes-executor"), Over(i => i * 15 * 3.5));
        w.Series("container_cpu_usage_seconds", "counter", Labels("etl-exec-2", "spark-kubernetes-executor"), Over(i => i * 15 * 0.5));
        w.Series("container_cpu_usage_seconds", "counter", Labels("etl-driver", "spark-kubernetes-driver"), Over(i => i * 15 * 0.2));
        foreach (var pod in new[] { "etl-exec-1", "etl-exec-2" })
        {
            w.Series("kube_pod_container_resource_requests", "gauge", Labels(pod, "spark-kubernetes-executor", ("resource", "memory"), ("unit", "byte")), Over(_ => 4.8e9));
            w.Series("kube_pod_container_resource_limits", "gauge", Labels(pod, "spark-kubernetes-executor", ("resource", "memory"), ("unit", "byte")), Over(_ => 6.0e9));
            w.Series("kube_pod_container_resource_requests", "gauge", Labels(pod, "spark-kubernetes-executor", ("resource", "cpu"), ("unit", "core")), Over(_ => 4));
        }

        w.Series("kube_pod_container_status_last_terminated_reason", "gauge", Labels("etl-exec-2", "spark-kubernetes-executor", ("reason", "OOMKilled")), Over(i => i > 100 ? 1 : 0));
        return w.ToString();
    }

    [Fact]
    public async Task Query_BackfilledCluster_ReturnsEachPodsPeaksAgainstLimits()
    {
        using var server = await PrometheusServer.StartAsync(ClusterSeries());
        using var http = new HttpClient();
        var query = new SparkPodMetricsQuery(new PrometheusClient(http, server.Url));

        var pods = await query.QueryAsync("data", App, null, Start, End);

        pods.Select(p => p.Pod).Should().Equal("etl-driver", "etl-exec-1", "etl-exec-2");
        var exec1 = pods.Single(p => p.Pod == "etl-exec-1");
        exec1.Role.Should().Be("executor");
        exec1.PeakWorkingSetBytes.Should().Be(5.5e9);
        exec1.PeakRssBytes.Should().Be(2.8e9);
        exec1.MeanCpuCores.Should().BeApproximately(3.5, 0.05);
        exec1.MemoryLimitBytes.Should().Be(6.0e9);
        exec1.MemoryRequestBytes.Should().Be(4.8e9);
        exec1.CpuRequestCores.Should().Be(4);
        exec1.MemoryLimitUse.Should().BeApproximately(5.5 / 6.0, 1e-9);
        exec1.OomKilled.Should().BeFalse();
        pods.Single(p => p.Pod == "etl-exec-2").OomKilled.Should().BeTrue();
        pods.Single(p => p.Pod == "etl-driver").Role.Should().Be("driver");
    }

    [Fact]
    public async Task Query_PrometheusDown_FailsWithPrometheusException()
    {
        using var http = new HttpClient();
        var query = new SparkPodMetricsQuery(new PrometheusClient(http, new Uri("http://127.0.0.1:1/"), TimeSpan.FromSeconds(2)));

        var act = () => query.QueryAsync("data", App, null, Start, End);

        await act.Should().ThrowAsync<PrometheusException>().WithMessage("*unreachable*");
    }

    [Fact]
    public async Task Query_HostileAppId_CannotWidenTheSelector()
    {
        using var server = await PrometheusServer.StartAsync(ClusterSeries());
        using var http = new HttpClient();
        var query = new SparkPodMetricsQuery(new PrometheusClient(http, server.Url));

        var pods = await query.QueryAsync("data", "x\"} or vector(1) or {a=\"", "x\"} or", Start, End);

        pods.Should().BeEmpty();
    }
}
