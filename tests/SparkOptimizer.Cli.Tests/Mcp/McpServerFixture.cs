using System.Text;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>
/// Launches the built CLI (`dotnet spark-optimizer.dll mcp`) as a separate process and talks to it over stdio with the
/// SDK's own client, once for all the MCP tests: the server caches analysed logs, as it would for an assistant.
/// </summary>
public class McpServerFixture : IAsyncLifetime
{
    private readonly StringBuilder _stderr = new();

    public McpClient Client { get; private set; } = null!;

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    /// <summary>The CLI's arguments: `mcp` and, in a derived fixture, its options.</summary>
    protected virtual IList<string> ServerArguments => ["mcp"];

    public async Task InitializeAsync()
    {
        await PrepareAsync();
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "spark-optimizer",
            Command = "dotnet",
            Arguments = [CliDll, .. ServerArguments],
            StandardErrorLines = line =>
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(line);
                }
            },
        });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Client = await McpClient.CreateAsync(transport, cancellationToken: timeout.Token);
    }

    public virtual async Task DisposeAsync() => await Client.DisposeAsync();

    /// <summary>Runs before the server starts (files it is given must exist by then).</summary>
    protected virtual Task PrepareAsync() => Task.CompletedTask;

    /// <summary>Calls a tool and returns its result; the text of a successful call is parsed JSON.</summary>
    public async Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        return await Client.CallToolAsync(tool, arguments, cancellationToken: timeout.Token);
    }

    public static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    public async Task<(JsonElement Json, int Bytes)> CallJsonAsync(string tool, Dictionary<string, object?> arguments)
    {
        var result = await CallAsync(tool, arguments);
        var text = Text(result);
        result.IsError.Should().NotBe(true, text);
        return (JsonDocument.Parse(text).RootElement.Clone(), Encoding.UTF8.GetByteCount(text));
    }

    /// <summary>The CLI as built beside this test run (same configuration), run with `dotnet` like an assistant would.</summary>
    private static string CliDll
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var dll = Path.Combine(CliRunner.RepoRoot, "src", "SparkOptimizer.Cli", "bin", configuration, "net10.0", "spark-optimizer.dll");
            return File.Exists(dll) ? dll : Path.Combine(AppContext.BaseDirectory, "spark-optimizer.dll");
        }
    }
}
