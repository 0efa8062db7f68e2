using System.Net;
using System.Text;
using System.Text.Json;
using SparkOptimizer.Cli.Commands;
using SparkOptimizer.Testing;
using SparkOptimizer.Testing.Mcp;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>
/// `serve DIR` where DIR holds a log with planted secrets beside a FIFO, a link to /dev/urandom, a dangling link and a
/// self-looping link (issue 20, points 2, 3, 4, 6, 7): every page, API answer and tool sees the good log and no secret,
/// nothing hangs, every response carries the security headers, and /mcp refuses a foreign Host or Origin.
/// </summary>
public sealed class ServeHostileFolderTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private Task<int>? _serving;
    private string _address = string.Empty;

    public async Task InitializeAsync()
    {
        PlantedSecrets.Write(Corpus.Path(HostileLog.Taxi), _dir.File("taxi-with-secrets.json"));
        Bash($"mkfifo '{_dir.File("a-fifo")}'");
        File.CreateSymbolicLink(_dir.File("random"), "/dev/urandom");
        File.CreateSymbolicLink(_dir.File("dangling"), _dir.File("nothing-here"));
        File.CreateSymbolicLink(_dir.File("loop"), _dir.File("loop"));
        var stdout = new AddressWriter();
        _serving = ServeCommand.ExecuteAsync(new DirectoryInfo(_dir.Path), "http://127.0.0.1:0", null, stdout, TextWriter.Null, _stop.Token);
        _address = (await stdout.Address.Task.WaitAsync(TimeSpan.FromSeconds(30))).TrimEnd('/');
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_serving is not null)
        {
            await _serving.WaitAsync(TimeSpan.FromSeconds(30));
        }

        _http.Dispose();
        _stop.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Serve_FolderWithSpecialFilesAndPlantedSecrets_ShowsTheGoodLogWithoutAnySecretAndWithSecurityHeaders()
    {
        var fleet = await _http.GetAsync(_address + "/api/apps");
        var runs = JsonDocument.Parse(await fleet.Content.ReadAsStringAsync()).RootElement;
        runs.GetArrayLength().Should().Be(1, "the FIFO, the device link and the broken links are skipped, not fatal");
        var runId = runs[0].GetProperty("id").GetString()!;
        var appKey = runs[0].GetProperty("appKey").GetString()!;

        var seen = new StringBuilder();
        foreach (var path in new[] { "/", "/api/fleet", "/api/apps", $"/apps/{appKey}", $"/api/apps/{appKey}", $"/runs/{runId}", $"/api/runs/{runId}", $"/api/runs/{runId}/views" })
        {
            using var response = await _http.GetAsync(_address + path);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
            response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
            response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
            response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("default-src 'self'").And.Contain("frame-ancestors 'none'");
            seen.Append(await response.Content.ReadAsStringAsync());
        }

        await using var client = await McpHttpClient.ConnectAsync(new Uri(_address + "/mcp"));
        var log = _dir.File("taxi-with-secrets.json");
        foreach (var (tool, args) in new (string, Dictionary<string, object?>)[]
        {
            ("analyze", new() { ["path"] = log }),
            ("explain_finding", new() { ["path"] = log, ["findingId"] = "no-such-finding" }),
            ("whatif", new() { ["path"] = log, ["changes"] = new Dictionary<string, object?> { ["spark.executor.instances"] = 8 } }),
            ("compare_runs", new() { ["baselinePath"] = log, ["candidatePath"] = log }),
            ("history", new() { ["folder"] = _dir.Path }),
        })
        {
            seen.Append(McpHttpClient.Text(await McpHttpClient.CallAsync(client, tool, args)));
        }

        seen.ToString().Should().Contain("NewYorkTaxiData", "the outputs were read");
        foreach (var secret in PlantedSecrets.Values)
        {
            seen.ToString().Should().NotContain(secret);
        }
    }

    [Theory]
    [InlineData("127.0.0.1", "http://evil.example", "Origin 'http://evil.example' is not allowed")]
    [InlineData("evil.example", null, "Host 'evil.example:")]
    public async Task Mcp_ForeignOriginOrHost_Answers403(string host, string? origin, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _address + "/mcp")
        {
            Content = new StringContent("""{"jsonrpc":"2.0","id":1,"method":"tools/list"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = host + ":" + new Uri(_address).Port;
        request.Headers.Accept.ParseAdd("application/json, text/event-stream");
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        using var response = await _http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await response.Content.ReadAsStringAsync()).Should().StartWith(reason);
    }

    [Fact]
    public async Task Mcp_TwentyMegabytePath_ErrorIsCutAndRelativePathResolvesInTheServedFolder()
    {
        await using var client = await McpHttpClient.ConnectAsync(new Uri(_address + "/mcp"));

        var huge = McpHttpClient.Text(await McpHttpClient.CallAsync(client, "analyze", new() { ["path"] = new string('a', 20_000_000) }));
        var relative = await McpHttpClient.CallAsync(client, "analyze", new() { ["path"] = "taxi-with-secrets.json" });

        huge.Length.Should().BeLessThan(2_000);
        relative.IsError.Should().NotBe(true, McpHttpClient.Text(relative));
    }

    private static void Bash(string command)
    {
        using var process = System.Diagnostics.Process.Start("bash", ["-c", command]);
        process.WaitForExit();
        process.ExitCode.Should().Be(0);
    }
}
