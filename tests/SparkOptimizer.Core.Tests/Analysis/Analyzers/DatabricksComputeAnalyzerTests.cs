using System.Text.Json.Nodes;
using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

public sealed class DatabricksComputeAnalyzerTests
{
    private const string Notebook = "spark-rapids-tools/spark-events-qualification/xgboost_eventlog.zstd";

    [Fact]
    public void Analyze_NotebookSessionOnAllPurposeCompute_HasNoFinding()
    {
        // xgboost_eventlog: clusterCreator=Webapp, Spark jobs tagged with a notebook path and no Databricks job id.
        var run = CorpusRuns.Get(Notebook);
        run.Vendor.DatabricksSku.Should().Be("all-purpose");
        run.Vendor.DatabricksJobId.Should().BeNull();

        new DatabricksComputeAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).Should().BeEmpty();
    }

    [Fact]
    public void Analyze_JobRunOnAJobCluster_HasNoFinding()
    {
        // databricks.zip: job 703's run 31144 on its own job cluster (clusterCreator=JobLauncher).
        var run = CorpusRuns.Get("spark_log_parser/databricks.zip");
        run.Vendor.DatabricksJobId.Should().Be("703");
        run.Vendor.DatabricksSku.Should().Be("jobs-compute");

        new DatabricksComputeAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).Should().BeEmpty();
    }

    [Fact]
    public void Analyze_JobTaggedRunOnAllPurposeCompute_RecommendsAJobCluster()
    {
        // The notebook run as a Databricks job task would leave it: its Spark jobs tagged spark.databricks.job.id.
        using var dir = new TempDir();
        var path = PlantedLog.PlantEvents(Corpus.Path(Notebook), dir.File("job"), e =>
        {
            if ((string?)e["Event"] == "SparkListenerJobStart" && e["Properties"] is JsonObject props)
            {
                props["spark.databricks.job.id"] = "4242";
                props["spark.databricks.job.runId"] = "77";
            }

            return [e];
        });
        var run = PlantedLog.Read(path);

        var finding = new DatabricksComputeAnalyzer().Analyze(new AnalysisContext(run, Thresholds.Default)).Should().ContainSingle().Subject;

        finding.Severity.Should().Be(Severity.Moderate);
        finding.Evidence[0].Display.Should().Contain("spark.databricks.job.id=4242").And.Contain("clusterCreator=Webapp");
        finding.Recommendations.Should().ContainSingle().Which.Text.Should().Contain("job cluster");
    }
}
