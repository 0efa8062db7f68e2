using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;
using SparkOptimizer.Pipeline;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

public sealed class FailureAnalyzerTests
{
    private const string FailLog = "spark-rapids-tools/spark-events-profiling/tasks_executors_fail_compressed_eventlog.zstd";

    [Fact]
    public void Analyze_RapidsFailureLog_ReportsLostExecutorsAndFailedStagesFromTheModel()
    {
        var run = CorpusRuns.Read(FailLog);
        var lost = run.WorkerExecutors.Where(e => e.RemovedAt is not null).Select(e => e.Id).ToArray();
        var failedStages = run.Stages.Where(s => s.Tasks.FailureReasons.Keys.Any(r => r != "TaskKilled")).Select(s => s.StageId).Distinct().Order().ToArray();

        var finding = new FailureAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).Should().ContainSingle().Subject;

        finding.ExecutorIds.Should().BeEquivalentTo(lost);
        finding.StageIds.Should().Equal(failedStages);
        ((int)finding.Severity).Should().BeGreaterThanOrEqualTo((int)Thresholds.Default.Rate("failures.lostExecutors", lost.Length));
        finding.Evidence.Should().Contain(e => e.Metric == "failures.executorLost" && e.Display.Contains("Executor Process Lost", StringComparison.Ordinal));
    }

    [Fact]
    public void Pipeline_LostExecutorsWithoutAMemoryCause_ChangeNoMemory()
    {
        var report = new AnalysisPipeline().Analyze(CorpusRuns.Read(FailLog));

        report.ConfigChanges.Should().NotContain(c => c.Key.Contains("memory", StringComparison.OrdinalIgnoreCase) && c.FindingIds.Contains("failures"));
    }

    [Theory]
    [InlineData("ExceptionFailure", "java.lang.OutOfMemoryError: Java heap space", FailureKind.JvmOutOfMemory)]
    [InlineData("ExecutorLostFailure", "Container killed by YARN for exceeding memory limits. 5.5 GB of 5.5 GB physical memory used", FailureKind.ContainerKilled)]
    [InlineData(null, "The executor with id 3 exited with exit code 137(SIGKILL, possible container OOM).", FailureKind.ContainerKilled)]
    [InlineData(null, "Executor decommission: spot instance reclaimed", FailureKind.Infrastructure)]
    [InlineData("FetchFailed", "", FailureKind.ShuffleFetch)]
    [InlineData("ExceptionFailure", "java.lang.ArithmeticException: / by zero", FailureKind.Application)]
    [InlineData("TaskKilled", "another attempt succeeded", FailureKind.Killed)]
    public void Classify_FailureText_SeparatesMemoryInfrastructureAndCode(string? reason, string text, FailureKind expected)
    {
        FailureClassifier.Classify(reason, text).Should().Be(expected);
    }
}
