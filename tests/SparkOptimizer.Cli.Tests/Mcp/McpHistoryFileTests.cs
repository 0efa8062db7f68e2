using SparkOptimizer.Cli;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Mcp;

/// <summary>`mcp --history FILE` and `serve DIR --history FILE` refuse a history they cannot read, in one line, before serving anything.</summary>
public sealed class McpHistoryFileTests
{
    [Theory]
    [InlineData("mcp")]
    [InlineData("serve")]
    public void Command_HistoryFileMissing_ExitsTwoWithOneLineAndCreatesNothing(string command)
    {
        using var dir = new TempDir();
        var missing = dir.File("history.db");
        string[] args = command == "mcp" ? ["mcp", "--history", missing] : ["serve", dir.Path, "--history", missing, "--urls", "http://127.0.0.1:0"];

        var (exit, stdout, stderr) = CliRunner.Run(args);

        exit.Should().Be(ExitCodes.Usage);
        stdout.Should().BeEmpty();
        stderr.Trim().Should().Be($"error: --history {missing}: no such file (write one with `analyze LOGS --history FILE`)");
        File.Exists(missing).Should().BeFalse();
    }

    [Fact]
    public void Mcp_HistoryFileNotASqliteDatabase_ExitsTwoWithTheReason()
    {
        using var dir = new TempDir();
        var file = dir.File("history.db");
        File.WriteAllText(file, "not a database, just text long enough to have a header of sorts..................................");

        var (exit, _, stderr) = CliRunner.Run("mcp", "--history", file);

        exit.Should().Be(ExitCodes.Usage);
        stderr.Trim().Should().StartWith($"error: --history {file}: ").And.Contain("not a database").And.NotContain("\n");
    }
}
