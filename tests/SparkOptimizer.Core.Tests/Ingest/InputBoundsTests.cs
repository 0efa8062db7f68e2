using System.Text.Json.Nodes;
using SparkOptimizer.Ingest;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;
using SparkOptimizer.Simulation;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Ingest;

/// <summary>Every quantity from a log is bounded where it enters, with a warning naming file, line and field (issue 20, points 1, 8, 9).</summary>
public sealed class InputBoundsTests
{
    private static SparkRun Read(string path) => new EventLogReader().Read(new LocalEventLogLocator().Locate(path).Single());

    [Fact]
    public void Read_ExecutorWithInt32MaxCores_ClampsToTheBoundAndWarnsWithLine()
    {
        using var dir = new TempDir();
        var file = HostileLog.Edit(dir.File("cores.json"), "SparkListenerExecutorAdded", e => e["Executor Info"]!["Total Cores"] = int.MaxValue);

        var run = Read(file);

        run.Executors.Where(e => !e.IsDriver).Should().OnlyContain(e => e.Cores == InputBounds.MaxCoresPerExecutor);
        run.Warnings.Should().Contain(w => w.File == file && w.Line > 0 && w.Message.Contains("Total Cores 2147483647 is past the bound 1024"));
    }

    [Fact]
    public void Analyze_ExecutorWithInt32MaxCores_ReplaysWithinBoundedMemory()
    {
        using var dir = new TempDir();
        var file = HostileLog.Edit(dir.File("cores.json"), "SparkListenerExecutorAdded", e => e["Executor Info"]!["Total Cores"] = int.MaxValue);
        var before = GC.GetTotalAllocatedBytes();

        var report = new AnalysisPipeline().Analyze(new LocalEventLogLocator().Locate(file).Single());

        report.Run.Totals.Tasks.Should().Be(39);
        (GC.GetTotalAllocatedBytes() - before).Should().BeLessThan(2L << 30, "one slot per core of 2^31 cores allocated tens of GB");
    }

    [Fact]
    public void Read_EveryTaskEndWrittenTwice_CountsEachTaskOnceAndSaysHowManyWereDropped()
    {
        using var dir = new TempDir();
        var original = Read(Corpus.Path(HostileLog.Taxi));
        var file = HostileLog.Write(dir.File("twice.json"), e => e["Event"]!.GetValue<string>() == "SparkListenerTaskEnd" ? 2 : 1);

        var run = Read(file);

        run.Totals.Tasks.Should().Be(original.Totals.Tasks);
        run.Totals.TaskDurationMs.Should().Be(original.Totals.TaskDurationMs);
        run.Stages.Sum(s => s.Tasks.TaskCount).Should().Be(original.Stages.Sum(s => s.Tasks.TaskCount));
        run.Warnings.Should().Contain(w => w.Message.Contains($"{original.Totals.Tasks} duplicate task end events (same task id and attempt) dropped"));
    }

    [Fact]
    public void Read_TaskEndsWithoutTaskIds_AreNotTakenForDuplicates()
    {
        using var dir = new TempDir();
        var file = HostileLog.Edit(dir.File("noid.json"), "SparkListenerTaskEnd", e => e["Task Info"]!.AsObject().Remove("Task ID"));

        Read(file).Totals.Tasks.Should().Be(39);
    }

    [Fact]
    public void Analyze_FinishTimeOfInt64Max_IsRefusedWithAWarningAndNoFigureGoesNegative()
    {
        using var dir = new TempDir();
        var file = HostileLog.Write(dir.File("max.json"), e =>
        {
            var kind = e["Event"]!.GetValue<string>();
            if (kind == "SparkListenerTaskEnd")
            {
                e["Task Info"]!["Finish Time"] = long.MaxValue;
            }
            else if (kind == "SparkListenerApplicationEnd")
            {
                e["Timestamp"] = long.MaxValue;
            }

            return 1;
        });

        var report = new AnalysisPipeline().Analyze(new LocalEventLogLocator().Locate(file).Single());

        report.Run.Warnings.Should().Contain(w => w.Line > 0 && w.Message.Contains("Finish Time 9223372036854775807 is not a time between 1970 and 9999"));
        report.Run.Warnings.Should().Contain(w => w.Message.Contains("values of Finish Time were out of bounds in all"));
        report.Run.Application.ObservedSpanMs.Should().BeInRange(0, InputBounds.MaxDurationMs);
        report.Run.Totals.TaskDurationMs.Should().BeGreaterThanOrEqualTo(0);
        var footprint = FootprintCalculator.Compute(report.Run);
        footprint.CoreHours.Should().BeGreaterThanOrEqualTo(0);
        footprint.TaskCoreHours.Should().BeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public void Read_NumbersPastInt64AndNegativeDurations_AreWarningsNeverNegativeTotals()
    {
        using var dir = new TempDir();
        var first = true;
        var file = HostileLog.Write(dir.File("past.json"), e =>
        {
            if (e["Event"]!.GetValue<string>() == "SparkListenerTaskEnd" && e["Task Metrics"] is JsonObject m)
            {
                m["Executor Run Time"] = first ? JsonNode.Parse("123456789012345678901234567890") : m["Executor Run Time"]!.DeepClone();
                m["JVM GC Time"] = -5000;
                m["Input Metrics"]!["Bytes Read"] = JsonNode.Parse("1e30");
                first = false;
            }

            return 1;
        });

        var run = Read(file);

        run.Warnings.Should().Contain(w => w.Line > 0 && w.Message.Contains("a number past the Int64 range was clamped"));
        run.Warnings.Should().Contain(w => w.Message.Contains("Executor Run Time 9223372036854775807 is past the bound"));
        run.Warnings.Should().Contain(w => w.Message.Contains("JVM GC Time -5000 is negative; counted as 0"));
        run.Totals.GcTimeMs.Should().Be(0);
        run.Warnings.Should().Contain(w => w.Message.Contains("Input Bytes Read") && w.Message.Contains("past the bound"));
        run.Totals.ExecutorRunTimeMs.Should().BeInRange(0, long.MaxValue);
        run.Totals.InputBytes.Should().BeInRange(0, long.MaxValue);
        run.Executors.Should().OnlyContain(e => e.RunTimeMs >= 0 && e.InputBytes >= 0);
    }

    [Fact]
    public void Read_GzipBombWithNoEventBeforeIt_IsReportedAsTheLimitItHit()
    {
        using var dir = new TempDir();
        var file = dir.File("bomb.json.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(file), System.IO.Compression.CompressionLevel.SmallestSize))
        {
            var zeros = new byte[1 << 20];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        var act = () => Read(file);

        act.Should().Throw<EventLogFormatException>().Where(e => e.File == file && e.Problem.StartsWith("nothing readable before a limit was hit: compression ratio exceeds", StringComparison.Ordinal));
    }
}
