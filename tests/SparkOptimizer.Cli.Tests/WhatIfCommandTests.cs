using System.Text.Json;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

public sealed class WhatIfCommandTests
{
    [Theory]
    [InlineData("--executors", "2000000000", "executors (spark.executor.instances) 2000000000 is out of range: it must be between 1 and 100000")]
    [InlineData("--set", "spark.executor.cores=2000000000", "cores per executor (spark.executor.cores) 2000000000 is out of range")]
    [InlineData("--set", "spark.dynamicAllocation.enabled=true --set spark.dynamicAllocation.maxExecutors=2000000000", "maximum executors (spark.dynamicAllocation.maxExecutors) 2000000000 is out of range")]
    public void WhatIf_AbsurdTarget_IsRefusedWithOneLineReason(string option, string value, string reason)
    {
        var args = new List<string> { "whatif", Corpus.Path(HostileLog.Taxi), option };
        args.AddRange(value.Split(" --set ", StringSplitOptions.None).SelectMany((v, i) => i == 0 ? new[] { v } : new[] { "--set", v }));

        var (exit, stdout, stderr) = CliRunner.Run([.. args]);

        exit.Should().Be(2);
        stderr.Trim().Should().StartWith($"error: {reason}").And.NotContain("\n");
        stdout.Should().BeEmpty();
    }

    [Fact]
    public void WhatIf_NoChange_PredictsTheReplayedBaselineWithinItsInterval()
    {
        var (exit, stdout, _) = CliRunner.Run("whatif", Corpus.Path("sparklint/spark_event_log_example"), "--format", "json");

        exit.Should().Be(0);
        var root = JsonDocument.Parse(stdout).RootElement;
        var observed = root.GetProperty("baseline").GetProperty("observedMs").GetInt64();
        var simulated = root.GetProperty("baseline").GetProperty("simulatedMs").GetInt64();
        var prediction = root.GetProperty("prediction");
        observed.Should().Be(312516);
        Math.Abs(simulated - observed).Should().BeLessThan(observed / 10, "the replay reproduces the observed run");
        prediction.GetProperty("low").GetInt64().Should().BeLessThanOrEqualTo(prediction.GetProperty("durationMs").GetInt64());
        prediction.GetProperty("high").GetInt64().Should().BeGreaterThanOrEqualTo(prediction.GetProperty("durationMs").GetInt64());
    }

    [Fact]
    public void WhatIf_HalfTheExecutors_PredictsALongerRun()
    {
        var sample = Path.Combine(CliRunner.RepoRoot, "samples", "daily_etl_pipeline.json");

        var full = JsonDocument.Parse(CliRunner.Run("whatif", sample, "-f", "json").Stdout).RootElement;
        var half = JsonDocument.Parse(CliRunner.Run("whatif", sample, "--set", "spark.executor.instances=5", "-f", "json").Stdout).RootElement;

        half.GetProperty("config").GetProperty("executors").GetInt32().Should().Be(5);
        half.GetProperty("prediction").GetProperty("durationMs").GetInt64()
            .Should().BeGreaterThan(full.GetProperty("prediction").GetProperty("durationMs").GetInt64());
        half.GetProperty("prediction").GetProperty("cost").ValueKind.Should().Be(JsonValueKind.Number, "the sample names its instance type, so the run has a price");
    }

    [Fact]
    public void WhatIf_BadSet_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("whatif", Corpus.Path("sparklens/local-1532512550423"), "--set", "nonsense");

        exit.Should().Be(2);
        stderr.Should().Contain("key=value");
    }

    [Fact]
    public void WhatIf_UnknownInstanceType_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("whatif", Corpus.Path("sparklens/local-1532512550423"), "--instance-type", "z9.mega");

        exit.Should().Be(2);
        stderr.Should().Contain("unknown instance type");
    }

    [Fact]
    public void WhatIf_Sla_FindsTheCheapestConfigurationWhoseUpperBoundMeetsIt()
    {
        var sample = Path.Combine(CliRunner.RepoRoot, "samples", "daily_etl_pipeline.json");

        var (exit, stdout, _) = CliRunner.Run("whatif", sample, "--sla", "8m", "-f", "json");

        exit.Should().Be(0);
        var search = JsonDocument.Parse(stdout).RootElement.GetProperty("slaSearch");
        search.GetProperty("slaMs").GetInt64().Should().Be(480_000);
        search.GetProperty("high").GetInt64().Should().BeLessThanOrEqualTo(480_000);
        search.GetProperty("costUnit").GetString().Should().Be("USD");
    }

    [Fact]
    public void WhatIf_ImpossibleSla_SaysNoConfigurationMeetsIt()
    {
        var sample = Path.Combine(CliRunner.RepoRoot, "samples", "daily_etl_pipeline.json");

        var (exit, stdout, _) = CliRunner.Run("whatif", sample, "--sla", "5s");

        exit.Should().Be(0);
        stdout.Should().Contain("No configuration searched meets the SLA");
    }

    [Fact]
    public void WhatIf_WithRunHistory_ReadsTheCohortsRecordedRuns()
    {
        using var dir = new TempDir();
        var history = dir.File("history.db");
        foreach (var attempt in new[] { "attempt_1", "attempt_2" })
        {
            CliRunner.Run("analyze", Corpus.Path($"spark-rapids-tools/spark-events-qualification/multiple_attempts/{attempt}_eventlog.zstd"), "--history", history).Exit.Should().Be(0);
        }

        var (exit, stdout, stderr) = CliRunner.Run("whatif", Corpus.Path("spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_2_eventlog.zstd"), "--executors", "2", "--history", history, "-f", "json");

        exit.Should().Be(0);
        stderr.Should().Contain("history: 2 recorded run(s) of cohort ProcessLargeDataset");
        JsonDocument.Parse(stdout).RootElement.GetProperty("prediction").GetProperty("durationMs").GetInt64().Should().BePositive();
    }

    [Fact]
    public void WhatIf_BadSla_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("whatif", Corpus.Path("sparklens/local-1532512550423"), "--sla", "soon");

        exit.Should().Be(2);
        stderr.Should().Contain("--sla expects a duration");
    }
}
