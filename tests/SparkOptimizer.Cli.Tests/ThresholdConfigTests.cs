using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

public sealed class ThresholdConfigTests
{
    [Theory]
    [InlineData("skew.durationRatio: [1, 2]\n", "four levels")]
    [InlineData("no.such.threshold: [1, 2, 3, 4]\n", "unknown threshold")]
    [InlineData("skew.durationRatio: [a, b, c, d]\n", "must be a number")]
    [InlineData("{ unclosed: [\n", "error")]
    public void Analyze_BadConfigFile_ExitsTwoWithOneLineErrorNamingTheFile(string yaml, string expected)
    {
        using var dir = new TempDir();
        var config = dir.File("thresholds.yaml");
        File.WriteAllText(config, yaml);

        var (exit, _, stderr) = CliRunner.Run("analyze", Corpus.Path("sparklens/local-1532512550423"), "--config", config);

        exit.Should().Be(2);
        stderr.Should().Contain(config).And.Contain(expected).And.NotContain("   at ");
        stderr.Trim().Split('\n').Should().HaveCount(1);
    }

    [Fact]
    public void Analyze_MissingConfigFile_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("analyze", Corpus.Path("sparklens/local-1532512550423"), "--config", "/nonexistent/thresholds.yaml");

        exit.Should().Be(2);
        stderr.Should().Contain("no such thresholds file");
    }

    [Fact]
    public void Analyze_ConfigRaisingSkewThresholds_SilencesTheSkewFinding()
    {
        using var dir = new TempDir();
        var lenient = dir.File("lenient.yaml");
        File.WriteAllText(lenient, "skew.durationRatio: [1000, 2000, 3000, 4000]\nskew.bytesRatio: [1000, 2000, 3000, 4000]\n");
        var log = Corpus.Path("sparklint/spark_event_log_example");

        var (_, byDefault, _) = CliRunner.Run("analyze", log, "--format", "json");
        var (exit, relaxed, _) = CliRunner.Run("analyze", log, "--format", "json", "--config", lenient);

        exit.Should().Be(0);
        SkewFindings(byDefault).Should().BePositive("stage 0's 62.7 s task against a 2 s median is skew by default");
        SkewFindings(relaxed).Should().Be(0, "the thresholds file raised every skew level out of reach");
    }

    private static int SkewFindings(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("findings").EnumerateArray()
            .Count(f => f.GetProperty("category").GetString() == "skew");
}
