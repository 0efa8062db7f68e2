using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

public sealed class JoinAnalyzerTests
{
    private const long MiB = ByteSize.MiB;

    [Fact]
    public void Analyze_SortMergeJoinWithSmallSide_RecommendsBroadcastThresholdAboveIt()
    {
        var join = Node("SortMergeJoin", "SortMergeJoin [customer_id#1], [id#2], Inner", [], Exchange(20L * 1024 * MiB), Exchange(40 * MiB));
        var finding = Analyze(join).Should().ContainSingle(f => f.Id == "join-broadcast-candidates").Subject;

        finding.Severity.Should().Be(Thresholds.Default.Rate("join.shuffleSavedBytes", 20L * 1024 * MiB)).And.Be(Severity.Severe);
        finding.Recommendations.Should().Contain(r => r.Change != null && r.Change.Key == "spark.sql.autoBroadcastJoinThreshold" && r.Change.To == "64m");
        finding.Recommendations.Should().Contain(r => r.Kind == RecommendationKind.Code && r.SqlNode == join.SimpleString);
    }

    [Fact]
    public void Analyze_SortMergeJoinOfTwoLargeSides_ReportsNothing()
    {
        var join = Node("SortMergeJoin", "SortMergeJoin [k#1], [k#2], Inner", [], Exchange(20L * 1024 * MiB), Exchange(5L * 1024 * MiB));

        Analyze(join).Should().BeEmpty();
    }

    [Fact]
    public void Analyze_TwoGiBBroadcastAndNestedLoop_ReportsBoth()
    {
        var broadcast = Node("BroadcastExchange", "BroadcastExchange HashedRelationBroadcastMode(...)", [new SqlMetric("data size", 1, "size", 2L * 1024 * MiB)]);
        var loop = Node("BroadcastNestedLoopJoin", "BroadcastNestedLoopJoin BuildRight, Inner, (a#1 < b#2)", [new SqlMetric("number of output rows", 2, "sum", 1_000_000_000)], broadcast, Node("Scan", "Scan x", []));

        var findings = Analyze(loop);

        findings.Should().ContainSingle(f => f.Title == "Oversized Broadcast").Which.Severity.Should().Be(Severity.Severe);
        findings.Should().ContainSingle(f => f.Title.StartsWith("BroadcastNestedLoopJoin", StringComparison.Ordinal)).Which.Severity.Should().Be(Thresholds.Default.Rate("join.nestedLoopRows", 1e9));
    }

    private static List<Finding> Analyze(SqlPlanNode plan)
    {
        // A real run with its SQL plan swapped for the one under test: the rest of the model stays as Spark wrote it.
        var run = CorpusRuns.Read("spark-rapids-tools/spark-events-qualification/aqeshuffle_eventlog.zstd");
        var execution = new SqlExecution(99, "test", null, null, null, plan, null, [], 0);
        return new JoinAnalyzer().Analyze(new AnalysisContext(run with { SqlExecutions = [execution] }, Thresholds.Default)).ToList();
    }

    private static SqlPlanNode Exchange(long bytes) =>
        Node("Sort", "Sort [k ASC]", [], Node("Exchange", "Exchange hashpartitioning(k#1, 200)", [new SqlMetric("data size", 7, "size", bytes)], Node("Scan", "Scan parquet", [])));

    private static SqlPlanNode Node(string name, string simple, IReadOnlyList<SqlMetric> metrics, params SqlPlanNode[] children) =>
        new(name, simple, children, metrics, new Dictionary<string, string>());
}
