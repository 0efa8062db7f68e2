using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using SparkOptimizer.Operator;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Mcp;
using SparkOptimizer.Testing.StandIns;
using SparkOptimizer.Tests.Support;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>
/// The operator's real host against the fake API server, on 127.0.0.1:0, with the SDK's HTTP client on /mcp. Its one
/// local root holds a real log and a link to a log outside it; a History Server stand-in serves another real log.
/// </summary>
public sealed class OperatorMcpFixture : IAsyncLifetime
{
    public const string Log = "spark_event_log_example";
    public const string Link = "linked_event_log";
    public const string HistoryApp = "event_log_2";

    private readonly TempDir _root = new();
    private readonly TempDir _history = new();
    private OperatorHarness _harness = null!;
    private HistoryServerStandIn _historyServer = null!;
    private string _kubeconfig = string.Empty;
    private WebApplication _app = null!;

    public McpClient Client { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public string Root => _root.Path;

    public string HistoryServerUrl => _historyServer.BaseUrl;

    /// <summary>A real log outside the operator's local root.</summary>
    public static string Outside => Corpus.Path("dr-elephant/event_log_1");

    public async Task InitializeAsync()
    {
        File.Copy(Corpus.Path("sparklint/spark_event_log_example"), _root.File(Log));
        File.CreateSymbolicLink(_root.File(Link), Outside);
        File.Copy(Corpus.Path("dr-elephant/" + HistoryApp), _history.File(HistoryApp));
        _historyServer = await HistoryServerStandIn.StartAsync(_history.Path);
        _harness = await OperatorHarness.StartAsync();
        _kubeconfig = _harness.WriteKubeconfig();
        _app = OperatorApp.Build(
            [
                "--urls=http://127.0.0.1:0",
                $"--Operator:Kubeconfig={_kubeconfig}",
                "--Operator:LeaderElection:Enabled=false",
                $"--Engine:LocalEventLogRoots:0={_root.Path}",
                $"--Engine:HistoryServerUrl={_historyServer.BaseUrl}",
            ],
            builder => builder.Logging.ClearProviders());
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        Client = await McpHttpClient.ConnectAsync(new Uri(BaseAddress, "/mcp"));
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _harness.DisposeAsync();
        await _historyServer.DisposeAsync();
        File.Delete(_kubeconfig);
        _root.Dispose();
        _history.Dispose();
    }
}
