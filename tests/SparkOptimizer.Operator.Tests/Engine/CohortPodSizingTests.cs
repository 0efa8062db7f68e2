using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.History;
using SparkOptimizer.Ingest.Metrics;
using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Operator.Engine;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Kubernetes;
using SparkOptimizer.Testing.Prometheus;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Engine;

/// <summary>
/// Executor pods are sized per cohort: the highest pod working set a real Prometheus saw for a run joins the cohort's memory
/// peak (kept in the run history), so the ratchet of later runs never goes below it.
/// </summary>
public sealed class CohortPodSizingTests : IDisposable
{
    private const string AppId = "spark-110be3a8424d4a2789cb88134418217b";
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Series(double executorPeak)
    {
        IEnumerable<(DateTimeOffset, double)> Over(Func<int, double> value) => Enumerable.Range(0, 21).Select(i => (Start.AddSeconds(i * 15), value(i)));
        Dictionary<string, string> Labels(string pod, string container) => new() { ["namespace"] = SparkApps.Namespace, ["pod"] = pod, ["container"] = container };
        var w = new OpenMetricsWriter();
        foreach (var (pod, role) in new[] { ("spark-pi-driver", "driver"), ("spark-pi-exec-1", "executor"), ("spark-pi-exec-2", "executor") })
        {
            w.Series("kube_pod_labels", "gauge", new Dictionary<string, string> { ["namespace"] = SparkApps.Namespace, ["pod"] = pod, ["label_spark_app_selector"] = AppId, ["label_spark_role"] = role }, Over(_ => 1));
        }

        w.Series("container_memory_working_set_bytes", "gauge", Labels("spark-pi-driver", "spark-kubernetes-driver"), Over(_ => 1.0e9));
        w.Series("container_memory_working_set_bytes", "gauge", Labels("spark-pi-exec-1", "spark-kubernetes-executor"), Over(i => i == 10 ? executorPeak : 2.0e9));
        w.Series("container_memory_working_set_bytes", "gauge", Labels("spark-pi-exec-2", "spark-kubernetes-executor"), Over(_ => 2.5e9));
        return w.ToString();
    }

    [Fact]
    public async Task ExecutorPodPeakFromPrometheus_BecomesTheCohortsMemoryPeakInTheRunHistory()
    {
        const double podPeak = 9.5e9;
        using var prometheus = await PrometheusServer.StartAsync(Series(podPeak));
        using var http = new HttpClient();
        await using var store = await SqliteRunHistoryStore.OpenAsync(_dir.File("history.db"));
        await using var harness = await OperatorHarness.StartAsync();
        harness.Server.Store.Create(ResourceType.KubeflowSparkApplications, SparkApps.Namespace, SparkApps.CompletedKubeflowPi());
        var processor = new EngineRunProcessor(
            EngineParts.Finder(Corpus.EventLogs),
            new AnalysisPipeline(),
            null,
            new SparkPodMetricsQuery(new PrometheusClient(http, prometheus.Url)),
            new EngineOptions(),
            NullLogger<EngineRunProcessor>.Instance,
            cohorts: new CohortLedger(store));

        harness.StartOperatorWith(processor);
        await harness.WaitForProcessedRunsAsync(SparkApps.Namespace, "spark-pi", 1);

        var run = (await store.GetCohortAsync("default/spark-pi")).Should().ContainSingle().Subject;
        run.Outcome!.PeakMemoryBytes.Should().Be((long)podPeak, "the pod's working set exceeded what the event log recorded for the JVM");
        var cohort = new SparkOptimizer.Trust.Cohort("default/spark-pi", [run.ToCohortRun()!]);
        cohort.MemoryFloorBytes.Should().Be((long)Math.Ceiling(podPeak * 1.2), "no later recommendation may size executors below the pod's peak plus 20 %");
    }
}
