using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.Operator;
using SparkOptimizer.Operator.Metrics;
using SparkOptimizer.Operator.Processing;
using SparkOptimizer.Testing.Kubernetes;

namespace SparkOptimizer.Benchmarks;

/// <summary>
/// `operator-burst N`: N opted-in SparkApplications complete at once against the fake API server; the operator (real
/// KubernetesClient over HTTP, concurrency 4) processes them. Reports wall time, peak RSS, peak in-flight processing,
/// peak queue depth, and checks every run was processed exactly once.
/// </summary>
public static class OperatorBurstBenchmark
{
    public static async Task<int> RunAsync(int count)
    {
        await using var server = await FakeKubeApiServer.StartAsync();
        foreach (var type in new[] { ResourceType.SparkOptimizations, ResourceType.KubeflowSparkApplications, ResourceType.KubeflowScheduledSparkApplications, ResourceType.ApacheSparkApplications })
        {
            server.Install(type);
        }

        for (var i = 0; i < count; i++)
        {
            server.Store.Create(ResourceType.KubeflowSparkApplications, "default", App($"app-{i:D4}"));
        }

        var processor = new CountingProcessor();
        var metrics = new OperatorMetrics();
        var options = new OperatorOptions { Concurrency = 4, LeaderElection = new LeaderElectionOptions { Enabled = false }, WatchTimeoutSeconds = null, BackoffUnit = TimeSpan.FromMilliseconds(50) };
        var client = new Kubernetes(new KubernetesClientConfiguration { Host = server.BaseUri.ToString().TrimEnd('/'), AccessToken = "bench" });
        var runtime = new OperatorRuntime(client, options, processor, metrics, TimeProvider.System, NullLoggerFactory.Instance);
        using var stop = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        var task = Task.Run(() => runtime.RunAsync(stop.Token));
        double peakQueue = 0;
        long peakRss = 0;
        while (processor.Calls.Count < count && watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            peakQueue = Math.Max(peakQueue, metrics.QueueDepth.Value);
            peakRss = Math.Max(peakRss, Environment.WorkingSet);
            await Task.Delay(20);
        }

        // wait for the status writes of the last runs
        while (CountProcessed(server) < count && watch.Elapsed < TimeSpan.FromMinutes(10))
        {
            peakRss = Math.Max(peakRss, Environment.WorkingSet);
            await Task.Delay(20);
        }

        watch.Stop();
        await stop.CancelAsync();
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        var duplicates = processor.Calls.GroupBy(c => c).Count(g => g.Count() > 1);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"operator burst: {count} runs in {watch.Elapsed.TotalSeconds:0.0} s ({count / watch.Elapsed.TotalSeconds:0} runs/s), " +
            $"processed {processor.Calls.Distinct().Count()}, duplicates {duplicates}, peak in flight {processor.PeakInFlight} (concurrency {options.Concurrency}), " +
            $"peak queue depth {peakQueue:0}, peak RSS {peakRss / 1e6:0} MB"));
        return duplicates == 0 && processor.Calls.Distinct().Count() == count && processor.PeakInFlight <= options.Concurrency ? 0 : 1;
    }

    private static int CountProcessed(FakeKubeApiServer server) =>
        server.Store.List(ResourceType.SparkOptimizations, "default").Items.Count(o => o["status"]?["processedRuns"] is JsonArray { Count: > 0 });

    private static JsonObject App(string name) => new()
    {
        ["apiVersion"] = "sparkoperator.k8s.io/v1beta2",
        ["kind"] = "SparkApplication",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["annotations"] = new JsonObject { ["sparkoptimizer.io/enabled"] = "true" } },
        ["spec"] = new JsonObject { ["type"] = "Scala", ["sparkConf"] = new JsonObject { ["spark.eventLog.dir"] = "s3a://spark-events/" } },
        ["status"] = new JsonObject
        {
            ["applicationState"] = new JsonObject { ["state"] = "COMPLETED" },
            ["sparkApplicationId"] = "spark-" + name,
            ["lastSubmissionAttemptTime"] = "2026-11-20T10:00:00Z",
            ["terminationTime"] = "2026-11-20T10:30:00Z",
        },
    };

    private sealed class CountingProcessor : IRunProcessor
    {
        private int _inFlight;
        private int _peak;

        public ConcurrentBag<string> Calls { get; } = [];

        public int PeakInFlight => Volatile.Read(ref _peak);

        public async Task<RunAnalysis> ProcessAsync(CompletedRun run, CancellationToken cancellationToken)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(5, cancellationToken);
                Calls.Add(run.RunId);
                return new RunAnalysis { Message = "bench" };
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
