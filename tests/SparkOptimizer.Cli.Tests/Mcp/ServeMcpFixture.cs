using ModelContextProtocol.Client;
using SparkOptimizer.Cli.Commands;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Mcp;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>
/// `serve DIR` run as the CLI runs it, on 127.0.0.1:0, with the SDK's HTTP client connected to its /mcp endpoint. DIR
/// holds one real log and two links that lead outside it (to a log file and to a folder of logs).
/// </summary>
public sealed class ServeMcpFixture : IAsyncLifetime
{
    public const string Log = "spark_event_log_example";
    public const string FileLink = "linked_event_log";
    public const string FolderLink = "linked-folder";

    private readonly TempDir _dir = new();
    private readonly CancellationTokenSource _stop = new();
    private Task<int>? _serving;

    public McpClient Client { get; private set; } = null!;

    public string Folder => _dir.Path;

    /// <summary>A real log outside the served folder.</summary>
    public static string Outside => Corpus.Path("dr-elephant/event_log_1");

    public async Task InitializeAsync()
    {
        File.Copy(Corpus.Path("sparklint/spark_event_log_example"), _dir.File(Log));
        File.CreateSymbolicLink(_dir.File(FileLink), Outside);
        Directory.CreateSymbolicLink(_dir.File(FolderLink), Path.GetDirectoryName(Outside)!);
        var stdout = new AddressWriter();
        _serving = ServeCommand.ExecuteAsync(new DirectoryInfo(_dir.Path), "http://127.0.0.1:0", null, stdout, TextWriter.Null, _stop.Token);
        var address = await stdout.Address.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Client = await McpHttpClient.ConnectAsync(new Uri(address.TrimEnd('/') + "/mcp"));
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        await _stop.CancelAsync();
        if (_serving is not null)
        {
            (await _serving.WaitAsync(TimeSpan.FromSeconds(30))).Should().Be(0);
        }

        _stop.Dispose();
        _dir.Dispose();
    }
}
