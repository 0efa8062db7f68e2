using System.Text.Json.Nodes;
using k8s;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SparkOptimizer.Operator;
using SparkOptimizer.Operator.Metrics;
using SparkOptimizer.Testing.Kubernetes;

namespace SparkOptimizer.Tests.Support;

/// <summary>
/// The fake API server with the Spark operators' CRDs and ours installed, and operator instances running against it
/// through the real KubernetesClient over HTTP. Back-off is shrunk so that fault tests stay fast.
/// </summary>
public sealed class OperatorHarness : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    private readonly List<RunningOperator> operators = [];

    private OperatorHarness(FakeKubeApiServer server)
    {
        Server = server;
    }

    public FakeKubeApiServer Server { get; }

    public RecordingRunProcessor Processor { get; } = new();

    public static async Task<OperatorHarness> StartAsync(bool kubeflow = true, bool apache = true)
    {
        var server = await FakeKubeApiServer.StartAsync(bookmarkInterval: TimeSpan.FromMilliseconds(200));
        server.Install(ResourceType.SparkOptimizations);
        if (kubeflow)
        {
            server.Install(ResourceType.KubeflowSparkApplications);
            server.Install(ResourceType.KubeflowScheduledSparkApplications);
        }

        if (apache)
        {
            server.Install(ResourceType.ApacheSparkApplications);
        }

        return new OperatorHarness(server);
    }

    public IKubernetes NewClient() => new Kubernetes(new KubernetesClientConfiguration { Host = Server.BaseUri.ToString().TrimEnd('/'), AccessToken = "test" });

    public static OperatorOptions FastOptions(bool leaderElection = false, string? identity = null) => new()
    {
        Namespaces = [],
        BackoffUnit = TimeSpan.FromMilliseconds(10),
        MissingCrdRetry = TimeSpan.FromMilliseconds(200),
        WatchTimeoutSeconds = null,
        Concurrency = 2,
        LeaderElection = new LeaderElectionOptions
        {
            Enabled = leaderElection,
            Identity = identity,
            LeaseNamespace = "kube-system",
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(400),
        },
    };

    /// <summary>Starts an operator instance; several may run against the same server (restarts, replicas).</summary>
    public RunningOperator StartOperator(OperatorOptions? options = null, RecordingRunProcessor? processor = null, ILoggerFactory? loggers = null)
    {
        var runtime = new OperatorRuntime(NewClient(), options ?? FastOptions(), processor ?? Processor, new OperatorMetrics(), TimeProvider.System, loggers ?? NullLoggerFactory.Instance);
        var running = new RunningOperator(runtime);
        operators.Add(running);
        return running;
    }

    /// <summary>Starts an operator instance with a real processor (the engine) instead of the recording one, on the given clock (a fake one moves only when told).</summary>
    public RunningOperator StartOperatorWith(SparkOptimizer.Operator.Processing.IRunProcessor processor, OperatorOptions? options = null, TimeProvider? time = null)
    {
        var runtime = new OperatorRuntime(NewClient(), options ?? FastOptions(), processor, new OperatorMetrics(), time ?? TimeProvider.System, NullLoggerFactory.Instance);
        var running = new RunningOperator(runtime);
        operators.Add(running);
        return running;
    }

    /// <summary>Writes a kubeconfig pointing at the fake server (for tests of the real host); delete it when done.</summary>
    public string WriteKubeconfig() =>
        KubeconfigFile.Write(Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}.yaml"), Server.BaseUri.ToString().TrimEnd('/'));

    public JsonObject? Optimization(string ns, string name) => Server.Store.Get(ResourceType.SparkOptimizations, ns, name);

    public IReadOnlyList<JsonObject> Events(string ns) => Server.Store.List(ResourceType.Events, ns).Items;

    public Task WaitUntilAsync(Func<bool> condition, string because) => Server.WaitUntilAsync(condition, Timeout, because);

    /// <summary>Waits until a SparkOptimization lists <paramref name="runCount"/> processed runs.</summary>
    public Task WaitForProcessedRunsAsync(string ns, string name, int runCount) =>
        WaitUntilAsync(() => ProcessedRuns(ns, name).Count >= runCount, $"{ns}/{name} has {runCount} processed runs");

    public IReadOnlyList<string> ProcessedRuns(string ns, string name) =>
        (Optimization(ns, name)?["status"]?["processedRuns"] as JsonArray)?.Select(n => n!.GetValue<string>()).ToList() ?? [];

    public async ValueTask DisposeAsync()
    {
        foreach (var running in operators)
        {
            await running.StopAsync();
        }

        await Server.DisposeAsync();
    }
}

/// <summary>One operator instance and the task running it.</summary>
public sealed class RunningOperator
{
    private readonly CancellationTokenSource stop = new();

    public RunningOperator(OperatorRuntime runtime)
    {
        Runtime = runtime;
        Task = Task.Run(() => runtime.RunAsync(stop.Token));
    }

    public OperatorRuntime Runtime { get; }

    public Task Task { get; }

    public async Task StopAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
        }

        try
        {
            await Task.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // stopped
        }
    }
}
