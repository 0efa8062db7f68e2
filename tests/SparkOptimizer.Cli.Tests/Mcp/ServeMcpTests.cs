using System.Text.Json;
using SparkOptimizer.Testing.Mcp;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>The same tools over Streamable HTTP from `serve DIR`, confined to DIR.</summary>
[Collection(ServeMcpCollection.Name)]
public sealed class ServeMcpTests(ServeMcpFixture serve)
{
    [Fact]
    public async Task ListTools_OverHttpFromServe_ReturnsTheFiveReadOnlyTools()
    {
        var tools = await serve.Client.ListToolsAsync();

        tools.Select(t => t.Name).Should().BeEquivalentTo("analyze", "explain_finding", "whatif", "compare_runs", "history");
        tools.Should().OnlyContain(t => t.ProtocolTool.Annotations!.ReadOnlyHint == true && t.ProtocolTool.Annotations.DestructiveHint == false);
        tools.SelectMany(t => t.JsonSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name))
            .Should().NotContain(["cancellationToken", "access"], "the access policy comes from the server, never from the caller");
        serve.Client.ServerInstructions.Should().Contain("Start with analyze").And.Contain($"Logs this server may read: local paths under {serve.Folder} ");
    }

    [Fact]
    public async Task Analyze_LogInTheServedFolder_AgreesWithTheCliJson()
    {
        var path = Path.Combine(serve.Folder, ServeMcpFixture.Log);
        var cli = CliJson.Analyze(path);

        var mcp = await McpHttpClient.CallJsonAsync(serve.Client, "analyze", new() { ["path"] = path, ["topN"] = 20 });

        mcp.GetProperty("application").GetProperty("id").GetString().Should().Be(cli.GetProperty("application").GetProperty("id").GetString());
        mcp.GetProperty("application").GetProperty("durationMs").GetInt64().Should().Be(312516);
        mcp.GetProperty("totals").GetProperty("tasks").GetInt64().Should().Be(cli.GetProperty("totals").GetProperty("tasks").GetInt64());
        Findings(mcp).Should().NotBeEmpty().And.BeEquivalentTo(
            cli.GetProperty("findings").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("severity").GetString()!));
        mcp.GetProperty("configChanges").EnumerateArray().ToDictionary(c => c.GetProperty("key").GetString()!, c => c.GetProperty("to").GetString())
            .Should().BeEquivalentTo(cli.GetProperty("configChanges").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()));
    }

    [Theory]
    [InlineData("absolute", "is outside the served folder")]
    [InlineData("traversal", "is outside the served folder")]
    [InlineData("file-uri", "is outside the served folder")]
    [InlineData("file-link", "symbolic link (or lies under one) that leads outside")]
    [InlineData("folder-link", "symbolic link (or lies under one) that leads outside")]
    [InlineData("s3-uri", "only local paths under the served folder are allowed")]
    [InlineData("history-server", "only local paths under the served folder are allowed")]
    public async Task Analyze_OutsideTheServedFolder_IsAClearToolError(string kind, string expected)
    {
        var path = OutsidePath(kind);

        var result = await McpHttpClient.CallAsync(serve.Client, "analyze", new() { ["path"] = path });

        var text = McpHttpClient.Text(result);
        result.IsError.Should().BeTrue(text);
        text.Should().StartWith("path: ").And.Contain(expected).And.NotContain("schemaVersion").And.NotContain(" at SparkOptimizer");
    }

    [Theory]
    [InlineData("explain_finding")]
    [InlineData("whatif")]
    [InlineData("compare_runs")]
    [InlineData("history")]
    public async Task EveryTool_OutsideTheServedFolder_IsRefused(string tool)
    {
        var inside = Path.Combine(serve.Folder, ServeMcpFixture.Log);
        var outside = ServeMcpFixture.Outside;
        var arguments = new Dictionary<string, object?>
        {
            ["path"] = outside,
            ["findingId"] = "skew.duration",
            ["baselinePath"] = inside,
            ["candidatePath"] = outside,
            ["folder"] = Path.GetDirectoryName(outside),
        };

        var result = await McpHttpClient.CallAsync(serve.Client, tool, arguments);

        var text = McpHttpClient.Text(result);
        result.IsError.Should().BeTrue(text);
        text.Should().Contain("is outside the served folder").And.NotContain("schemaVersion");
    }

    [Fact]
    public async Task History_ServedFolder_ReadsItsLogAndSkipsTheLinksLeadingOutside()
    {
        var history = await McpHttpClient.CallJsonAsync(serve.Client, "history", new() { ["folder"] = serve.Folder });

        history.GetProperty("runs").GetProperty("total").GetInt32().Should().Be(1);
        history.GetProperty("runs").GetProperty("items")[0].GetProperty("path").GetString().Should().Be(Path.Combine(serve.Folder, ServeMcpFixture.Log));
        var skipped = history.GetProperty("skipped").EnumerateArray().Select(s => s.GetString()!).ToList();
        skipped.Should().HaveCount(3, "the linked file and the two logs of the linked folder").And.OnlyContain(s => s.Contains("symbolic link"));
    }

    private string OutsidePath(string kind) => kind switch
    {
        "absolute" => ServeMcpFixture.Outside,
        // up to the file-system root from the served folder, then down to the outside log: lexically it starts in the folder
        "traversal" => serve.Folder + string.Concat(Enumerable.Repeat("/..", serve.Folder.Count(c => c == '/'))) + ServeMcpFixture.Outside,
        "file-uri" => new Uri(ServeMcpFixture.Outside).AbsoluteUri,
        "file-link" => Path.Combine(serve.Folder, ServeMcpFixture.FileLink),
        "folder-link" => Path.Combine(serve.Folder, ServeMcpFixture.FolderLink, Path.GetFileName(ServeMcpFixture.Outside)),
        "s3-uri" => "s3://bucket/spark-events/app-1",
        "history-server" => "http://169.254.169.254/latest/meta-data",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static Dictionary<string, string> Findings(JsonElement mcp) =>
        mcp.GetProperty("findings").GetProperty("items").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!, f => f.GetProperty("severity").GetString()!);

    [Theory]
    [InlineData("analyze", "topN", "\"five\"", "topN: expected an integer, got a string (\"five\")")]
    [InlineData("analyze", "path", "42", "path: expected a string, got a number (42)")]
    [InlineData("analyze", "offset", "1.5", "offset: expected an integer, got a number (1.5)")]
    [InlineData("analyze", "topN", "99999999999", "topN: expected an integer from -2147483648 to 2147483647, got a number (99999999999)")]
    [InlineData("whatif", "changes", "[8]", "changes: expected an object or null, got an array ([8])")]
    [InlineData("compare_runs", "topN", "true", "topN: expected an integer, got a boolean (true)")]
    public async Task Tool_WrongArgumentType_NamesTheParameterAndWhatItExpects(string tool, string parameter, string json, string expected)
    {
        var log = Path.Combine(serve.Folder, ServeMcpFixture.Log);
        var arguments = new Dictionary<string, object?> { ["path"] = log, ["baselinePath"] = log, ["candidatePath"] = log };
        arguments[parameter] = JsonDocument.Parse(json).RootElement.Clone();

        var result = await McpHttpClient.CallAsync(serve.Client, tool, arguments);

        result.IsError.Should().BeTrue();
        McpHttpClient.Text(result).Should().Be($"{tool}: {expected}");
    }

    [Fact]
    public async Task Tool_MissingRequiredArgument_NamesIt()
    {
        var result = await McpHttpClient.CallAsync(serve.Client, "explain_finding", new() { ["path"] = Path.Combine(serve.Folder, ServeMcpFixture.Log) });

        result.IsError.Should().BeTrue();
        McpHttpClient.Text(result).Should().Be("explain_finding: findingId: required (a string), not given");
    }
}
