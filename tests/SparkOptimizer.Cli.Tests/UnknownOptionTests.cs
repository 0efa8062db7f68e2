using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

public sealed class UnknownOptionTests
{
    private static string Sample => Path.Combine(CliRunner.RepoRoot, "samples", "daily_etl_pipeline.json");

    [Fact]
    public void Analyze_UnknownOption_ExitsTwoNamingItWithTheNearestKnownOption()
    {
        var (exit, stdout, stderr) = CliProcess.Run("analyze", "--bogus-flag", Sample);

        exit.Should().Be(2);
        stdout.Should().BeEmpty("nothing is analysed on a usage error");
        stderr.Should().Contain("error: unknown option '--bogus-flag' for 'analyze'; the nearest known option is '--");
        stderr.Should().Contain("'spark-optimizer analyze --help' lists them");
        stderr.Should().NotContain("no such file or folder", "an option is never taken for a path");
    }

    [Fact]
    public void Analyze_MisspeltOption_SuggestsTheOptionMeant()
    {
        var (exit, _, stderr) = CliProcess.Run("analyze", Sample, "--fromat", "json");

        exit.Should().Be(2);
        stderr.Should().Contain("error: unknown option '--fromat' for 'analyze'; did you mean '--format'?");
    }

    [Theory]
    [InlineData("whatif", "--executor", "--executors")]
    [InlineData("logs", "--executer", "--executor")]
    public void OtherCommands_MisspeltOption_SuggestTheOptionMeant(string command, string given, string meant)
    {
        var (exit, _, stderr) = CliRunner.Run(command, Sample, given, "4");

        exit.Should().Be(2);
        stderr.Should().Contain($"unknown option '{given}' for '{command}'; did you mean '{meant}'?");
    }

    [Fact]
    public void Sample_UnknownOptionInPlaceOfTheOutput_IsRefused()
    {
        using var dir = new TempDir();

        var (exit, _, stderr) = CliRunner.Run("sample", "--out", dir.File("x.json"));

        exit.Should().Be(2);
        stderr.Should().Contain("unknown option '--out' for 'sample'");
        File.Exists(dir.File("x.json")).Should().BeFalse();
    }

    [Fact]
    public void Analyze_PathAfterDoubleDash_IsReadAsAPathEvenWithALeadingDash()
    {
        var (exit, _, stderr) = CliRunner.Run("analyze", "--", "-no-such-log");

        exit.Should().Be(1);
        stderr.Should().Contain("-no-such-log: no such file or folder");
    }

    [Fact]
    public void Whatif_NegativeNumberValue_IsNotTakenForAnOption()
    {
        var (_, _, stderr) = CliRunner.Run("whatif", Sample, "--executors", "-1");

        stderr.Should().NotContain("unknown option");
    }
}
