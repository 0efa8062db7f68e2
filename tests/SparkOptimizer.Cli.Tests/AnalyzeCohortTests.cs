using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

public sealed class AnalyzeCohortTests
{
    [Fact]
    public void Analyze_CohortFolder_SaysWhichCohortEachRunJoined()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_1_eventlog.zstd"), dir.File("a1.zstd"));
        File.Copy(Corpus.Path("spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_2_eventlog.zstd"), dir.File("a2.zstd"));
        File.Copy(Corpus.Path("sparklens/local-1532512550423"), dir.File("other"));

        var (exit, stdout, stderr) = CliRunner.Run("analyze", dir.Path, "--cohort", "--format", "json");

        exit.Should().Be(0);
        stderr.Should().Contain("cohort ProcessLargeDataset: learning, 2 run(s)");
        stderr.Should().Contain("cohort Spark shell: learning, 1 run(s)");
        System.Text.Json.JsonDocument.Parse(stdout).RootElement.GetProperty("applications").GetArrayLength().Should().Be(3);
    }

    [Fact]
    public void Analyze_CohortOfTwoAttempts_JudgesSpotAndReservedOnTheCohortsRuns()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_1_eventlog.zstd"), dir.File("a1.zstd"));
        File.Copy(Corpus.Path("spark-rapids-tools/spark-events-qualification/multiple_attempts/attempt_2_eventlog.zstd"), dir.File("a2.zstd"));

        var (exit, stdout, _) = CliRunner.Run("analyze", dir.Path, "--cohort", "--format", "json");

        exit.Should().Be(0);
        foreach (var app in System.Text.Json.JsonDocument.Parse(stdout).RootElement.GetProperty("applications").EnumerateArray())
        {
            var cost = app.GetProperty("cost");
            cost.GetProperty("cohortRuns").GetInt32().Should().Be(2, "spot and reserved capacity are judged on both runs of the cohort");
            cost.GetProperty("reserved").GetProperty("advice").GetString().Should()
                .Be("2 run(s) within less than a day: no schedule seen yet, so no reserved capacity or savings plan is suggested", "two attempts a minute apart are retries, not a schedule");
        }
    }

    [Fact]
    public void Analyze_CohortStillLearning_NeverLowersMemory()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("aws-emr-advisor/job_spark_shell"), dir.File("run1"));

        var (_, stdout, _) = CliRunner.Run("analyze", dir.Path, "--cohort", "--format", "json");

        var changes = System.Text.Json.JsonDocument.Parse(stdout).RootElement.GetProperty("configChangeDetails").EnumerateArray();
        foreach (var change in changes.Where(c => c.GetProperty("key").GetString()!.Contains("memory", StringComparison.OrdinalIgnoreCase)))
        {
            SparkOptimizer.Model.ByteSize.TryParse(change.GetProperty("to").GetString(), out var to, SparkOptimizer.Model.ByteSize.MiB).Should().BeTrue();
            if (change.GetProperty("from").GetString() is { } fromText && SparkOptimizer.Model.ByteSize.TryParse(fromText, out var from, SparkOptimizer.Model.ByteSize.MiB))
            {
                to.Bytes.Should().BeGreaterThanOrEqualTo(from.Bytes);
            }
        }
    }
}
