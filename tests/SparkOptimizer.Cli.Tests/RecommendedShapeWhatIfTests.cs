using System.Globalization;
using System.Text.Json;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests;

/// <summary>
/// The report's recommended shape is a configuration whatif replays to the same figures: its executors, cores, heap and
/// node type with the report's changes give the same predicted duration and interval, the same cost, and today's cost as
/// the report's, on logs whose recommendation is the change set (the taxi run) and a right-sized node pool (Databricks).
/// </summary>
public sealed class RecommendedShapeWhatIfTests
{
    [Theory]
    [InlineData("spark_log_parser/databricks.zip")]
    [InlineData("mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b")]
    [InlineData("spark_log_parser/emr.zip")]
    public void Whatif_OnTheRecommendedShape_GivesTheReportsFigures(string log)
    {
        var path = Corpus.Path(log);
        var (exit, stdout, _) = CliRunner.Run("analyze", path, "--format", "json");
        exit.Should().BeOneOf(0, 3);
        var report = JsonDocument.Parse(stdout).RootElement;
        var cost = report.GetProperty("cost");
        var shape = cost.GetProperty("recommendedConfiguration");

        var args = new List<string> { "whatif", path, "--format", "json", "--executors", shape.GetProperty("executors").GetInt32().ToString(CultureInfo.InvariantCulture) };
        args.AddRange(["--set", $"spark.executor.cores={shape.GetProperty("coresPerExecutor").GetInt32()}", "--set", $"spark.executor.memory={shape.GetProperty("executorMemory").GetString()}"]);
        foreach (var change in report.GetProperty("configChanges").EnumerateObject().Where(c => c.Name is not ("spark.executor.instances" or "spark.executor.cores" or "spark.executor.memory")))
        {
            args.AddRange(["--set", $"{change.Name}={change.Value.GetString()}"]);
        }

        if (shape.GetProperty("instanceType").GetString() is { } type)
        {
            args.AddRange(["--instance-type", type]);
        }

        var whatif = JsonDocument.Parse(CliRunner.Run([.. args]).Stdout).RootElement;
        var prediction = whatif.GetProperty("prediction");

        prediction.GetProperty("durationMs").GetInt64().Should().Be(cost.GetProperty("recommendedDurationMs").GetInt64(), log);
        prediction.GetProperty("low").GetInt64().Should().Be(cost.GetProperty("recommendedLowMs").GetInt64(), log);
        prediction.GetProperty("high").GetInt64().Should().Be(cost.GetProperty("recommendedHighMs").GetInt64(), log);
        whatif.GetProperty("config").GetProperty("executors").GetInt32().Should().Be(shape.GetProperty("executors").GetInt32(), "whatif replays exactly the executors it is given");
        Math.Round(prediction.GetProperty("cost").GetDecimal(), 2).Should().Be(Math.Round(cost.GetProperty("recommendedPerRun").GetDecimal(), 2), log);
        Math.Round(whatif.GetProperty("baseline").GetProperty("cost").GetDecimal(), 2).Should().Be(cost.GetProperty("perRun").GetDecimal(), $"whatif prices today's run as analyze does on {log}");
    }
}
