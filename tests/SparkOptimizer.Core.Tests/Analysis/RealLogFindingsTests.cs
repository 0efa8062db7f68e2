using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Analysis.Levers;
using SparkOptimizer.Model;

namespace SparkOptimizer.Tests.Analysis;

/// <summary>Findings that real corpus logs carry, each checked against the numbers of the model rather than pasted figures.</summary>
public sealed class RealLogFindingsTests
{
    private const string Databricks = "spark_log_parser/databricks.zip";

    [Fact]
    public void Caching_SparklintCachedRddReadByOneStage_IsReportedWithItsSize()
    {
        var run = CorpusRuns.Read("sparklint/spark_event_log_example");
        var cachedOnce = run.CompletedStages.SelectMany(s => s.Rdds.Select(r => (Rdd: r, Stage: s.StageId)))
            .GroupBy(x => x.Rdd.Id)
            .Where(g => g.Any(x => x.Rdd.IsCached) && g.Select(x => x.Stage).Distinct().Count() == 1 && g.Max(x => x.Rdd.MemorySize + x.Rdd.DiskSize) > 0)
            .Select(g => g.MaxBy(x => x.Rdd.MemorySize + x.Rdd.DiskSize)).ToArray();

        var finding = Analyze(new CachingAnalyzer(), run).Should().ContainSingle(f => f.Id == "caching-unused").Subject;

        finding.StageIds.Should().BeEquivalentTo(cachedOnce.Select(x => x.Stage).Distinct());
        finding.Evidence.Should().Contain(e => e.Value == cachedOnce.Max(x => x.Rdd.MemorySize + x.Rdd.DiskSize));
    }

    [Fact]
    public void Caching_DatabricksRunReadingOneInputRepeatedly_CountsTheStagesThatReadTheSameBytes()
    {
        var run = CorpusRuns.Get(Databricks);
        var finding = Analyze(new CachingAnalyzer(), run).Where(f => f.Title == "Same Input Re-read by Several Stages").Should().NotBeEmpty().And.Subject.First();

        var stages = run.Stages.Where(s => finding.StageIds.Contains(s.StageId) && s.Status == StageStatus.Complete).DistinctBy(s => s.StageId).ToArray();
        var bytes = stages.Select(s => s.Tasks.InputBytes.Sum).ToArray();
        stages.Length.Should().BeGreaterThan(1);
        bytes.Max().Should().BeLessThanOrEqualTo((long)(bytes.Min() * 1.01));
        finding.Evidence[0].Value.Should().Be(stages.Length);
        finding.Severity.Should().Be(Thresholds.Default.Rate("caching.repeatedScans", stages.Length));
    }

    [Fact]
    public void Io_DatabricksCsvScans_AreReportedAsRowFormatWithAParquetHint()
    {
        var run = CorpusRuns.Get(Databricks);

        var finding = Analyze(new IoAnalyzer(), run).Should().ContainSingle(f => f.Id == "io-row-format-csv").Subject;

        finding.SqlExecutionIds.Should().BeEquivalentTo(ScanNode.All(run).Where(s => s.Format.Equals("csv", StringComparison.OrdinalIgnoreCase)).Select(s => s.ExecutionId).Distinct());
        finding.Recommendations.Should().ContainSingle(r => r.Kind == RecommendationKind.Code && r.Text.Contains("Parquet", StringComparison.Ordinal));
    }

    [Fact]
    public void Serializer_DatabricksShufflesAreSqlExchanges_NoKryo()
    {
        // Its 3.9 GiB of shuffle is written by SQL Exchanges (UnsafeRows, untouched by spark.serializer); the RDD shuffles
        // (treeAggregate) write a few KiB: no serializer finding.
        var run = CorpusRuns.Get(Databricks);
        var writers = run.Stages.Where(s => s.Tasks.ShuffleWriteBytes.Sum > 0).ToArray();
        writers.Where(PartitionLevers.WritesSqlExchange).Sum(s => s.Tasks.ShuffleWriteBytes.Sum).Should().BeGreaterThan(ByteSize.GiB);
        writers.Where(s => !PartitionLevers.WritesSqlExchange(s)).Sum(s => s.Tasks.ShuffleWriteBytes.Sum).Should().BeLessThan((long)Thresholds.Default["serializer.rddShuffleBytes"][0]);

        Analyze(new SerializerAnalyzer(), run).Should().BeEmpty();
    }

    [Fact]
    public void DriverTime_InteractiveShellWithLongGaps_IsReportedButCappedLow()
    {
        var run = CorpusRuns.Read("aws-emr-advisor/job_spark_shell");
        var cp = CriticalPath.Of(run, RunFacts.From(run));

        var finding = Analyze(new DriverTimeAnalyzer(), run).Should().ContainSingle().Subject;

        finding.Severity.Should().Be(Severity.Low);
        finding.Evidence[0].Value.Should().Be(cp.DriverShare);
        finding.Evidence[0].Display.Should().StartWith($"Driver-only time: {Fmt.Ms(cp.DriverOnlyMs)} of {Fmt.Ms(cp.WallMs)}");
        cp.CriticalPathMs.Should().BeLessThanOrEqualTo(cp.WallMs);
    }

    [Fact]
    public void Speculation_EmrExecutorsAllOnOneHost_NoSlowHostAndNoSpeculation()
    {
        // All 32 executors of this run sit on one host: no host can be slower than another, so no "slow host" straggler.
        var run = CorpusRuns.Get("spark_log_parser/emr.zip");
        Stragglers.Hosts(run).Should().Be(1);

        var findings = Analyze(new SpeculationAnalyzer(), run);

        findings.Should().NotContain(f => f.Id == "speculation-stragglers");
        findings.SelectMany(f => f.Recommendations).Should().NotContain(r => r.Change != null && r.Change.Key == "spark.speculation");
    }

    [Fact]
    public void Parallelism_IdleCores_ShareMatchesExecutorLifetimesAgainstTaskTime()
    {
        var run = CorpusRuns.Get(Databricks);
        var facts = RunFacts.From(run);
        var idle = 1 - (run.Totals.TaskDurationMs / facts.CoreCapacityMs);

        var finding = Analyze(new ParallelismAnalyzer(), run).Should().ContainSingle(f => f.Id == "parallelism-idle-cores").Subject;

        finding.Evidence[0].Value.Should().BeApproximately(idle, 1e-9);
        finding.Severity.Should().Be(Thresholds.Default.Rate("parallelism.idleCoreShare", idle));
    }

    private static List<Finding> Analyze(IAnalyzer analyzer, SparkRun run) => analyzer.Analyze(new AnalysisContext(run, Thresholds.Default)).ToList();
}
