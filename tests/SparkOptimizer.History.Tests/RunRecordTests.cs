using SparkOptimizer.Ingest.Sources;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;
using SparkOptimizer.Simulation;
using SparkOptimizer.Testing;

namespace SparkOptimizer.History.Tests;

public sealed class RunRecordTests
{
    private const string TaxiLog = "mcp-apache-spark-history-server/events/eventlog_v2_spark-110be3a8424d4a2789cb88134418217b";

    [Fact]
    public void From_RealReportWithPredictionAndCost_MapsEveryPart()
    {
        var report = Analyze();
        var prediction = WhatIfSimulator.Prepare(report.Run).Predict(SimulationChange.FromSparkConf(new Dictionary<string, string> { ["spark.executor.instances"] = "8" }));
        var cost = CostModel.Price(report.Run, new CostOptions { InstanceType = "m5.xlarge" });

        var record = RunRecord.From(report, "NewYorkTaxiData", prediction, cost);

        record.Key.Should().Be(new RunKey("NewYorkTaxiData", report.Run.Application.Id!, report.Run.Application.AttemptId ?? string.Empty));
        record.StartedAt.Should().Be(report.Run.Application.StartTime);
        record.FinishedAt.Should().Be(report.Run.Application.EndTime);
        record.DurationMs.Should().Be(report.Run.Application.DurationMs);
        record.Configuration.Should().Contain("spark.executor.memory", "4g").And.NotContainKey("spark.app.id");
        record.Shape.CoresPerExecutor.Should().Be(1);
        record.Shape.ExecutorMemoryBytes.Should().Be(4L << 30);
        record.Findings.Total.Should().Be(report.Findings.Count(f => f.Severity > Analysis.Severity.None));
        record.Findings.Worst.Should().Be(report.WorstSeverity);
        record.Prediction.Should().NotBeNull();
        record.Prediction!.DurationMs.Should().Be(prediction.DurationMs);
        record.Prediction.LowMs.Should().Be(prediction.LowMs);
        record.Prediction.HighMs.Should().Be(prediction.HighMs);
        record.Prediction.IntervalLevel.Should().Be(0.8);
        record.Prediction.Basis.Should().Be(prediction.Basis.ToString());
        cost.Cost.Should().NotBeNull("m5.xlarge has a price");
        record.Cost.Should().Be(cost.Cost!.Value.Amount);
        record.Currency.Should().Be("USD");
        cost.Rates.Should().NotBeNull();
        record.Prediction.Cost.Should().BePositive("the run's rates price the predicted executor- and core-hours");
        record.Verification.State.Should().Be(VerificationState.None);
    }

    [Fact]
    public void ToHistoryEntry_RecordedRun_FeedsTheCalibrationWithItsShapeAndDurations()
    {
        var record = Records.Run("nightly", 3);

        var entry = record.ToHistoryEntry();

        entry.AppKey.Should().Be("nightly");
        entry.Slots.Should().Be(40);
        entry.InputBytes.Should().Be(record.InputBytes);
        entry.ObservedMs.Should().Be(record.DurationMs);
        entry.SimulatedMs.Should().Be(record.Prediction!.DurationMs);
    }

    private static RunReport Analyze()
    {
        var input = EventLogSourceResolver.Resolve(Corpus.Path(TaxiLog), new SourceOptions()).Single();
        return new AnalysisPipeline().Analyze(input);
    }
}
