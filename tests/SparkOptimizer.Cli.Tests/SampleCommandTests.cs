using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

public sealed class SampleCommandTests
{
    [Fact]
    public void Sample_Regenerated_IsByteIdenticalToTheShippedSample()
    {
        using var dir = new TempDir();
        var output = dir.File("sample.json");

        var (exit, _, _) = CliRunner.Run("sample", output);

        exit.Should().Be(0);
        var shipped = Path.Combine(CliRunner.RepoRoot, "samples", "daily_etl_pipeline.json");
        File.ReadAllBytes(output).Should().Equal(File.ReadAllBytes(shipped), "samples/ holds exactly what our own writer produces");
    }

    [Fact]
    public void Analyze_ShippedSample_ReadsCleanly()
    {
        var shipped = Path.Combine(CliRunner.RepoRoot, "samples", "daily_etl_pipeline.json");

        var (exit, stdout, stderr) = CliRunner.Run("analyze", shipped, "--format", "json");

        exit.Should().Be(0);
        stderr.Should().BeEmpty();
        stdout.Should().Contain("\"name\": \"daily_etl_pipeline\"");
    }
}
