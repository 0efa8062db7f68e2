using System.Text.Json;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>The CLI's own JSON for the same input, run in-process: what the MCP answers are checked against.</summary>
internal static class CliJson
{
    public static JsonElement Run(params string[] args)
    {
        var (exit, stdout, stderr) = CliRunner.Run(args);
        exit.Should().Be(0, stderr);
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    public static JsonElement Analyze(string path) => Run("analyze", path, "--format", "json");
}
