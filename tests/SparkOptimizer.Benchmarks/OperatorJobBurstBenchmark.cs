using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using SparkOptimizer.Operator.Crds;
using SparkOptimizer.Operator.Jobs;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Kubernetes;

namespace SparkOptimizer.Benchmarks;

/// <summary>
/// `operator-burst N --jobs [--real K] [--threshold BYTES]`: N opted-in SparkApplications, each with the same real event log, complete at once; the
/// operator runs as its own process (the built SparkOptimizer.Operator.dll, configuration from the command line; with the default
/// threshold 0 every log goes to a Job, with a larger one small logs stay in-process while a slot is free) against the fake API server, and the fake kubelet completes the Jobs. The first K Jobs run the real one-shot
/// <c>dotnet SparkOptimizer.Operator.dll analyse-run</c>; the others replay the log of a real run after a short delay (the
/// operator's side is the same: create, watch, read the pod log, delete). Reports wall time, the operator's peak RSS (VmHWM),
/// peak Jobs in flight and peak queue depth (scraped from its /metrics), and checks every run was analysed once.
/// </summary>
public static class OperatorJobBurstBenchmark
{
    private const string AppId = "spark-110be3a8424d4a2789cb88134418217b";
    private const int MaxInFlight = 10;
    private const int MaxInProcess = 2;
    private const int Concurrency = 16;

    public static async Task<int> RunAsync(int count, int real, long threshold = 0)
    {
        var root = CrdFiles.FindRepositoryRoot(AppContext.BaseDirectory);
        var dll = Path.Combine(root, "src", "SparkOptimizer.Operator", "bin", "Release", "net10.0", "SparkOptimizer.Operator.dll");
        if (!File.Exists(dll))
        {
            Console.Error.WriteLine($"build the operator first (dotnet build -c Release src/SparkOptimizer.Operator): {dll} is missing");
            return 2;
        }

        await using var server = await FakeKubeApiServer.StartAsync(bookmarkInterval: TimeSpan.FromSeconds(1));
        foreach (var type in new[] { ResourceType.SparkOptimizations, ResourceType.KubeflowSparkApplications, ResourceType.KubeflowScheduledSparkApplications, ResourceType.ApacheSparkApplications })
        {
            server.Install(type);
        }

        for (var i = 0; i < count; i++)
        {
            server.Store.Create(ResourceType.KubeflowSparkApplications, "default", App($"app-{i:D4}"));
        }

        var kubeconfig = Path.Combine(Path.GetTempPath(), $"bench-kubeconfig-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(kubeconfig, Kubeconfig(server.BaseUri));
        var replay = new Replay(real);
        await using var kubelet = new FakeKubelet(server, ["dotnet", dll], new Dictionary<string, string> { ["Operator__Kubeconfig"] = kubeconfig }, parallelism: MaxInFlight)
        {
            Runner = replay.RunAsync,
        };
        kubelet.Start();

        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            dll, $"--urls=http://127.0.0.1:{port}", $"--Operator:Kubeconfig={kubeconfig}", "--Operator:LeaderElection:Enabled=false",
            $"--Operator:Concurrency={Concurrency}", "--Operator:BackoffUnit=00:00:00.050", "--Logging:LogLevel:Default=Warning",
            $"--Engine:LocalEventLogRoots:0={Corpus.EventLogs}", "--Engine:Jobs:Enabled=true", $"--Engine:Jobs:SizeThresholdBytes={threshold}",
            $"--Engine:Jobs:MaxInFlight={MaxInFlight}", $"--Engine:Jobs:MaxInProcess={MaxInProcess}", "--Engine:Jobs:RetryBackoff=00:00:01",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var watch = Stopwatch.StartNew();
        using var op = Process.Start(info)!;
        op.OutputDataReceived += (_, _) => { };
        op.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine("operator: " + line);
            }
        };
        op.BeginOutputReadLine();
        op.BeginErrorReadLine();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(5) };
        double peakQueue = 0, peakJobs = 0, peakInProcess = 0;
        long peakRss = 0;
        var peakJobObjects = 0;
        var processed = 0;
        while (processed < count && watch.Elapsed < TimeSpan.FromMinutes(30) && !op.HasExited)
        {
            var metrics = await ScrapeAsync(http);
            peakQueue = Math.Max(peakQueue, Gauge(metrics, "sparkoptimizer_queue_depth"));
            peakJobs = Math.Max(peakJobs, Gauge(metrics, "sparkoptimizer_analysis_jobs_in_flight"));
            peakInProcess = Math.Max(peakInProcess, Gauge(metrics, "sparkoptimizer_analyses_in_process"));
            peakRss = Math.Max(peakRss, Status(op.Id, "VmRSS:"));
            peakJobObjects = Math.Max(peakJobObjects, server.Store.List(ResourceType.Jobs, "default").Items.Count);
            processed = server.Store.List(ResourceType.SparkOptimizations, "default").Items.Count(o => o["status"]?["processedRuns"] is JsonArray { Count: > 0 });
            await Task.Delay(100);
        }

        watch.Stop();
        var hwm = Status(op.Id, "VmHWM:");
        var final = await ScrapeAsync(http);
        op.Kill(entireProcessTree: true);
        await op.WaitForExitAsync();
        File.Delete(kubeconfig);

        var optimizations = server.Store.List(ResourceType.SparkOptimizations, "default").Items;
        var analysed = optimizations.Count(o => o["status"]?["phase"]?.GetValue<string>() == "Analyzed" && o["status"]?["recommendations"] is JsonArray { Count: > 0 });
        var jobsCreated = server.Requests.Count(r => r.Method == "POST" && r.Path.EndsWith("/jobs", StringComparison.Ordinal) && r.Status == 201);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"operator burst (jobs): {count} runs in {watch.Elapsed.TotalSeconds:0.0} s ({count / watch.Elapsed.TotalSeconds:0.0} runs/s); analysed with recommendations {analysed}, " +
            $"Jobs created {jobsCreated} ({replay.Real} ran the real analyse-run, {replay.Replayed} replayed), kubelet succeeded {kubelet.Succeeded} failed {kubelet.Failed}; " +
            $"peak Jobs in flight {peakJobs:0} (gauge; max {MaxInFlight}), peak Job objects {peakJobObjects}, peak kubelet pods {kubelet.PeakActive}, peak in-process {peakInProcess:0}, " +
            $"peak queue depth {peakQueue:0}; operator peak RSS {hwm / 1024.0:0} MB (VmHWM; sampled VmRSS peak {peakRss / 1024.0:0} MB); " +
            $"analyses by where: job {Counter(final, "sparkoptimizer_analyses_total{where=\"job\"}")}, in-process {Counter(final, "sparkoptimizer_analyses_total{where=\"in-process\"}")}; " +
            $"real one-shot: median {replay.MedianSeconds:0.00} s"));
        var inJobs = long.Parse(Counter(final, "sparkoptimizer_analyses_total{where=\"job\"}"), CultureInfo.InvariantCulture);
        return analysed == count && jobsCreated == inJobs && peakJobs <= MaxInFlight && peakInProcess <= MaxInProcess ? 0 : 1;
    }

    /// <summary>Runs the first K Jobs for real and replays a real run's log for the rest.</summary>
    private sealed class Replay(int real)
    {
        private readonly ConcurrentBag<double> seconds = [];
        private int started;
        private int replayed;
        private volatile string? recorded;

        public int Real => seconds.Count;

        public int Replayed => Volatile.Read(ref replayed);

        public double MedianSeconds => seconds.Order().ElementAtOrDefault(seconds.Count / 2);

        public async Task<KubeletExit> RunAsync(KubeletRun run, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref started) <= real || recorded is null)
            {
                var clock = Stopwatch.StartNew();
                var exit = await FakeKubelet.RunProcessAsync(run, cancellationToken);
                seconds.Add(clock.Elapsed.TotalSeconds);
                if (exit.ExitCode == 0)
                {
                    recorded ??= exit.Log;
                }

                return exit;
            }

            Interlocked.Increment(ref replayed);
            await Task.Delay(200, cancellationToken);
            return new KubeletExit(0, WithNonceOf(run, recorded));
        }
    }

    /// <summary>The recorded log answering this Job's request: its result line carries the nonce of the request it answers.</summary>
    private static string WithNonceOf(KubeletRun run, string log)
    {
        var nonce = AnalysisJson.ReadRequest(run.Environment[AnalysisJson.RequestVariable]).Nonce;
        return string.Join('\n', log.Split('\n').Select(line => line.StartsWith(AnalysisJson.ResultMarker, StringComparison.Ordinal)
            ? $"{AnalysisJson.ResultMarker}{nonce} {line[(line.IndexOf(' ', AnalysisJson.ResultMarker.Length) + 1)..]}"
            : line));
    }

    private static async Task<string> ScrapeAsync(HttpClient http)
    {
        try
        {
            return await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return string.Empty; // not listening yet
        }
    }

    private static double Gauge(string metrics, string name) =>
        metrics.Split('\n').Where(l => l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(name.Length + 1)..], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max();

    private static string Counter(string metrics, string series) =>
        metrics.Split('\n').FirstOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal))?[(series.Length + 1)..] ?? "0";

    /// <summary>A /proc/PID/status field in kB (VmRSS, VmHWM).</summary>
    private static long Status(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Kubeconfig(Uri server) => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: fake
          cluster:
            server: {server.ToString().TrimEnd('/')}
        users:
        - name: bench
          user:
            token: bench
        contexts:
        - name: fake
          context:
            cluster: fake
            user: bench
        current-context: fake
        """;

    private static JsonObject App(string name) => new()
    {
        ["apiVersion"] = "sparkoperator.k8s.io/v1beta2",
        ["kind"] = "SparkApplication",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["annotations"] = new JsonObject { ["sparkoptimizer.io/enabled"] = "true" } },
        ["spec"] = new JsonObject
        {
            ["type"] = "Scala",
            ["sparkConf"] = new JsonObject
            {
                ["spark.eventLog.enabled"] = "true",
                ["spark.eventLog.dir"] = Corpus.Path("mcp-apache-spark-history-server/events"),
                ["spark.eventLog.rolling.enabled"] = "true",
            },
        },
        ["status"] = new JsonObject
        {
            ["applicationState"] = new JsonObject { ["state"] = "COMPLETED" },
            ["sparkApplicationId"] = AppId,
            ["lastSubmissionAttemptTime"] = "2026-11-20T10:00:00Z",
            ["terminationTime"] = "2026-11-20T10:30:00Z",
        },
    };
}
