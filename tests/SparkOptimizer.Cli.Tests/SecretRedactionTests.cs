using System.Text.Json.Nodes;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

/// <summary>Secrets planted in a real log, of every kind we know leaks, never reach any report format.</summary>
public sealed class SecretRedactionTests
{
    private static IReadOnlyList<string> Secrets => PlantedSecrets.Values;

    private static string PlantSecrets(TempDir dir)
    {
        var file = dir.File("secrets.json");
        PlantedSecrets.Write(Corpus.Path("mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b/events_1_spark-110be3a8424d4a2789cb88134418217b"), file);
        var text = File.ReadAllText(file);
        Secrets.Where(secret => !text.Contains(secret, StringComparison.Ordinal)).Should().BeEmpty("every secret is planted, so its absence from an output means something");
        return file;
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("markdown")]
    public void Analyze_LogWithPlantedSecrets_NoFormatShowsAny(string format)
    {
        using var dir = new TempDir();
        var file = PlantSecrets(dir);

        var (exit, stdout, stderr) = CliRunner.Run("analyze", file, "--format", format);

        exit.Should().Be(0);
        foreach (var secret in Secrets)
        {
            stdout.Should().NotContain(secret);
            stderr.Should().NotContain(secret);
        }
    }

    [Fact]
    public void Analyze_LogWithPlantedSecrets_KeepsTheNonSecretParts()
    {
        using var dir = new TempDir();
        var file = PlantSecrets(dir);

        var (_, stdout, _) = CliRunner.Run("analyze", file, "--format", "json");

        stdout.Should().Contain("java.sql.SQLException", "the failure stays readable, only its secret is masked");
        JsonNode.Parse(stdout)!["application"]!["name"]!.GetValue<string>().Should().Be("NewYorkTaxiData_2025_06_27_00_24_44");
    }

    [Fact]
    public void WhatIf_LogWithPlantedSecrets_ShowsNone()
    {
        using var dir = new TempDir();
        var file = PlantSecrets(dir);

        var (_, stdout, stderr) = CliRunner.Run("whatif", file, "--executors", "4", "--format", "json");

        foreach (var secret in Secrets)
        {
            (stdout + stderr).Should().NotContain(secret);
        }
    }
}
