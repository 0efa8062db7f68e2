using System.Text.Json;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

public sealed class AnalyzeCommandTests
{
    [Fact]
    public void Analyze_RealLogAsJson_WritesTheDocumentedContract()
    {
        var (exit, stdout, _) = CliRunner.Run("analyze", Corpus.Path("sparklint/spark_event_log_example"), "--format", "json");

        exit.Should().Be(0);
        using var doc = JsonDocument.Parse(stdout);
        var root = doc.RootElement;
        root.GetProperty("application").GetProperty("id").GetString().Should().Be("application_1462781278026_205691");
        root.GetProperty("application").GetProperty("durationMs").GetInt64().Should().BePositive();
        foreach (var key in new[] { "jobs", "stages", "failedStages", "tasks", "failedTasks", "executorRunTimeMs", "gcTimeMs", "shuffleReadBytes", "shuffleWriteBytes", "memorySpilledBytes", "diskSpilledBytes", "inputBytes", "outputBytes", "executorsAdded", "sqlExecutions" })
        {
            root.GetProperty("totals").TryGetProperty(key, out _).Should().BeTrue(key);
        }

        var stage = root.GetProperty("stages")[0];
        foreach (var key in new[] { "stageId", "attemptId", "name", "status", "numTasks", "durationMs", "taskDurationMs", "shuffleReadBytes", "shuffleWriteBytes", "memorySpilledBytes", "diskSpilledBytes", "inputBytes", "outputBytes" })
        {
            stage.TryGetProperty(key, out _).Should().BeTrue(key);
        }

        root.GetProperty("findings").ValueKind.Should().Be(JsonValueKind.Array);
        root.GetProperty("configChanges").ValueKind.Should().Be(JsonValueKind.Object);
        root.GetProperty("warnings").ValueKind.Should().Be(JsonValueKind.Array);
        root.GetProperty("totals").GetProperty("tasks").GetInt64().Should().Be(204);
    }

    [Fact]
    public void Analyze_FolderOfLogs_ReportsEachApplication()
    {
        using var dir = new TempDir();
        File.Copy(Corpus.Path("sparklens/local-1532512550423"), dir.File("a"));
        File.Copy(Corpus.Path("dr-elephant/event_log_1"), dir.File("b"));

        var (exit, stdout, _) = CliRunner.Run("analyze", dir.Path, "--format", "json");

        exit.Should().Be(0);
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("applications").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public void Analyze_NotAnEventLog_ExitsOneWithOneLineError()
    {
        var path = Corpus.Path("spark-rapids-tools/spark-events-profiling/driverlog");

        var (exit, _, stderr) = CliRunner.Run("analyze", path);

        exit.Should().Be(1);
        stderr.Should().Contain($"error: {path}: not a Spark event log");
        stderr.Should().NotContain("   at ", "no stack trace reaches the user");
    }

    [Fact]
    public void Analyze_MissingFile_ExitsOne()
    {
        var (exit, _, stderr) = CliRunner.Run("analyze", "/nonexistent/log");

        exit.Should().Be(1);
        stderr.Should().Contain("/nonexistent/log: no such file or folder");
    }

    [Fact]
    public void Analyze_BadOptionValue_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("analyze", "x", "--format", "xml");

        exit.Should().Be(2);
        stderr.Should().Contain("error:");
    }

    [Fact]
    public void Analyze_TruncatedLog_ExitsZeroWithWarningNamingLine()
    {
        var path = Corpus.Path("reencoded/local-1622814619968.inprogress");

        var (exit, stdout, stderr) = CliRunner.Run("analyze", path, "--format", "json");

        exit.Should().Be(0);
        stderr.Should().Contain($"warning: {path}:320:");
        using var doc = JsonDocument.Parse(stdout);
        doc.RootElement.GetProperty("warnings").EnumerateArray().Should().Contain(w => w.GetProperty("line").ValueKind == JsonValueKind.Number && w.GetProperty("line").GetInt64() == 320);
    }

    [Fact]
    public void Analyze_OutputFile_WritesReportThere()
    {
        using var dir = new TempDir();
        var output = dir.File("report.json");

        var (exit, stdout, _) = CliRunner.Run("analyze", Corpus.Path("sparklens/local-1532512550423"), "--format", "json", "--output", output);

        exit.Should().Be(0);
        stdout.Should().BeEmpty();
        JsonDocument.Parse(File.ReadAllText(output)).RootElement.GetProperty("totals").GetProperty("tasks").GetInt64().Should().Be(8);
    }

    [Fact]
    public void Analyze_TextFormat_StartsWithTheReportHeader()
    {
        var (exit, stdout, _) = CliRunner.Run("analyze", Corpus.Path("sparklint/spark_event_log_example"));

        exit.Should().Be(0);
        stdout.Should().StartWith("SPARK OPTIMIZATION REPORT\n========================\n\nJob: MyAppName\nDuration: ");
    }

    [Fact]
    public void Analyze_NoPath_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("analyze");

        exit.Should().Be(2);
        stderr.Should().Contain("error:");
    }

    [Fact]
    public void Analyze_SampleWithKnownInstanceType_JsonCarriesCostWithItsSource()
    {
        var sample = Path.Combine(CliRunner.RepoRoot, "samples", "daily_etl_pipeline.json");

        var (exit, stdout, _) = CliRunner.Run("analyze", sample, "--format", "json");

        exit.Should().Be(0);
        var cost = JsonDocument.Parse(stdout).RootElement.GetProperty("cost");
        cost.GetProperty("perRun").GetDecimal().Should().BePositive();
        cost.GetProperty("priceSource").GetString().Should().NotBeNullOrEmpty();
        cost.GetProperty("coreHours").GetDouble().Should().BePositive();
        cost.GetProperty("waste").GetArrayLength().Should().BePositive();
    }

    [Fact]
    public void Analyze_RunWithoutInstanceType_PricesAtOpenCostDefaultRatesAndSaysSo()
    {
        var log = Corpus.Path("sparklint/spark_event_log_example");

        var (_, stdout, _) = CliRunner.Run("analyze", log, "--format", "json");
        var (_, text, _) = CliRunner.Run("analyze", log);

        var cost = JsonDocument.Parse(stdout).RootElement.GetProperty("cost");
        cost.GetProperty("basis").GetString().Should().Be("openCostDefaultRates");
        var perRun = cost.GetProperty("perRun").GetDecimal();
        // The priced hours at OpenCost's published defaults (0.031611 per vCPU-hour, 0.004237 per GiB-hour), to the cent.
        var hand = (0.031611m * cost.GetProperty("pricedCoreHours").GetDecimal()) + (0.004237m * cost.GetProperty("pricedGiBHours").GetDecimal());
        perRun.Should().Be(Math.Round(hand, 2, MidpointRounding.AwayFromZero));
        text.Should().Contain($"Cost: ${perRun:0.00} (OpenCost default rates: 0.031611/vCPU-hour, 0.004237/GiB-hour; name the node's instance type for its price)");
    }

    [Fact]
    public void Analyze_NoPricing_GivesCoreHoursAndNoMoney()
    {
        var log = Corpus.Path("sparklint/spark_event_log_example");

        var (_, stdout, _) = CliRunner.Run("analyze", log, "--format", "json", "--no-pricing");
        var (_, text, _) = CliRunner.Run("analyze", log, "--no-pricing");

        var root = JsonDocument.Parse(stdout).RootElement;
        root.GetProperty("cost").GetProperty("perRun").ValueKind.Should().Be(JsonValueKind.Null);
        var coreHours = root.GetProperty("usage").GetProperty("coreHours").GetDouble();
        text.Should().MatchRegex(@"(?m)^Cost: [0-9.]+ core-hours, [0-9.]+ executor-hours \(pricing off\)$")
            .And.Contain($"Cost: {Math.Round(coreHours, 2).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} core-hours").And.NotContain("$");
    }

    [Fact]
    public void Analyze_InstanceTypeOption_PricesTheNodeAndNamesWhereTheTypeCameFrom()
    {
        var (_, stdout, _) = CliRunner.Run("analyze", Corpus.Path("sparklint/spark_event_log_example"), "--format", "json", "--instance-type", "r5.2xlarge");

        var cost = JsonDocument.Parse(stdout).RootElement.GetProperty("cost");
        cost.GetProperty("basis").GetString().Should().Be("priceBook");
        cost.GetProperty("instanceType").GetString().Should().Be("r5.2xlarge");
        cost.GetProperty("instanceTypeSource").GetString().Should().Be("the instance type given to the analysis");
        cost.GetProperty("priceDate").GetString().Should().Be("2025-01-15");
    }

    [Fact]
    public void Analyze_WithSla_SizesExecutorsToTheCheapestConfigurationMeetingIt()
    {
        var sample = Path.Combine(CliRunner.RepoRoot, "samples", "daily_etl_pipeline.json");

        var (exit, stdout, _) = CliRunner.Run("analyze", sample, "--sla", "6m", "--format", "json");

        exit.Should().Be(0);
        var root = JsonDocument.Parse(stdout).RootElement;
        var sized = root.GetProperty("configChangeDetails").EnumerateArray()
            .Where(c => c.GetProperty("reason").GetString()!.Contains("meets the SLA of 6 minutes", StringComparison.Ordinal)).ToArray();
        sized.Should().NotBeEmpty();
        sized.Select(c => c.GetProperty("key").GetString()).Should().OnlyContain(k => k!.StartsWith("spark.executor.", StringComparison.Ordinal));

        var settings = sized.Select(c => $"{c.GetProperty("key").GetString()}={c.GetProperty("to").GetString()}").SelectMany(kv => new[] { "--set", kv }).ToArray();
        var whatif = JsonDocument.Parse(CliRunner.Run(["whatif", sample, .. settings, "-f", "json"]).Stdout).RootElement;
        whatif.GetProperty("prediction").GetProperty("high").GetInt64().Should().BeLessThanOrEqualTo(6 * 60 * 1000, "the proposed sizing is predicted to meet the SLA");
    }

    [Fact]
    public void Analyze_BadSla_ExitsTwo()
    {
        var (exit, _, stderr) = CliRunner.Run("analyze", Corpus.Path("sparklens/local-1532512550423"), "--sla", "soon");

        exit.Should().Be(2);
        stderr.Should().Contain("--sla expects a duration");
    }
}
