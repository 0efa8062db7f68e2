using System.Text.Json.Nodes;
using SparkOptimizer.Analysis;
using SparkOptimizer.Analysis.Analyzers;
using SparkOptimizer.Model;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Analysis.Analyzers;

public sealed class AcceleratorFallbackAnalyzerTests
{
    private static readonly AcceleratorFallbackAnalyzer Rapids = new(Accelerator.Rapids);
    private static readonly AcceleratorFallbackAnalyzer Photon = new(Accelerator.Photon);

    [Fact]
    public void Analyze_RapidsDatasetLambdasOnTheCpu_NamesThemOnceForTheQueryAsACodeQuestion()
    {
        // dataset_eventlog: a typed filter/map (Scala lambdas) above GpuColumnarToRow, and the write, stayed on the CPU.
        var finding = Rapids.Analyze(Context("spark-rapids-tools/spark-events-profiling/dataset_eventlog")).Should().ContainSingle().Subject;

        finding.SqlExecutionIds.Should().Equal(0);
        finding.Severity.Should().Be(Severity.Low);
        var rec = finding.Recommendations.Should().ContainSingle().Subject;
        rec.Kind.Should().Be(RecommendationKind.Code);
        rec.Change.Should().BeNull();
        rec.SqlExecutionId.Should().Be(0);
        rec.Text.Should().Contain("MapElements").And.Contain("Filter").And.Contain("spark.rapids.sql.explain=NOT_ON_GPU");
        // The local data's encoder under GpuRowToColumnar is CPU by nature, named nowhere twice.
        finding.Evidence[1].Display.Split("SerializeFromObject").Length.Should().Be(2);
    }

    [Theory]
    [InlineData("spark-rapids-tools/spark-events-profiling/rapids_join_eventlog.zstd")]
    [InlineData("spark-rapids-tools/spark-events-profiling/gds_ucx_eventlog.zstd")]
    [InlineData("spark-rapids-tools/spark-events-profiling/nds_q66_gpu.zstd")]
    public void Analyze_RapidsPlansWhoseCpuNodesAreOnlyLocalDataOrResults_HaveNoFinding(string log)
    {
        // Scans of a local collection, LocalTableScan and CollectLimit run on the CPU by nature: no fallback to report.
        Rapids.Analyze(Context(log)).Should().BeEmpty();
    }

    [Fact]
    public void Analyze_OperatorPlantedBetweenGpuOperators_IsModerateAndNamedAsARoundTrip()
    {
        // rapids_join's plan with one GpuProject (between a GpuShuffledHashJoin and a GpuHashAggregate) put back on the CPU.
        using var dir = new TempDir();
        var path = PlantedLog.PlantEvents(Corpus.Path("spark-rapids-tools/spark-events-profiling/rapids_join_eventlog.zstd"), dir.File("sandwich"), e =>
        {
            if (e["sparkPlanInfo"] is JsonObject plan)
            {
                RenameFirst(plan, "GpuProject", "Project", requireEngineChild: "GpuShuffledHashJoin");
            }

            return [e];
        });

        var finding = Rapids.Analyze(new AnalysisContext(PlantedLog.Read(path), Thresholds.Default)).Should().ContainSingle().Subject;

        finding.Severity.Should().Be(Severity.Moderate);
        finding.Recommendations.Should().ContainSingle().Which.Text.Should().Contain("Project between GPU operators");
        finding.WhatWouldNotHelp.Should().Contain("no setting");
    }

    [Fact]
    public void Analyze_PhotonPlanWithASortLeftOnSpark_ReportsItOffPhoton()
    {
        // databricks.json.gz (databricks.zip as one gzip) runs without Photon: planted as a Photon runtime whose operators are Photon's except the sorts.
        using var dir = new TempDir();
        var path = PlantedLog.PlantEvents(Corpus.Path("spark_log_parser/databricks.json.gz"), dir.File("photon"), e =>
        {
            if ((string?)e["Event"] == "SparkListenerEnvironmentUpdate")
            {
                e["Spark Properties"]!.AsObject()["spark.databricks.clusterUsageTags.sparkVersion"] = "9.1.x-photon-scala2.12";
            }
            else if (e["sparkPlanInfo"] is JsonObject plan)
            {
                ToPhoton(plan);
            }

            return [e];
        });
        var run = PlantedLog.Read(path);
        run.Vendor.DatabricksPhoton.Should().BeTrue();

        var finding = Photon.Analyze(new AnalysisContext(run, Thresholds.Default)).Should().ContainSingle().Subject;

        finding.Title.Should().Contain("Photon");
        finding.Recommendations.Should().OnlyContain(r => r.Kind == RecommendationKind.Code && r.Change == null && r.Text.Contains("Sort") && r.Text.Contains("EXPLAIN"));
        Rapids.Analyze(new AnalysisContext(run, Thresholds.Default)).Should().BeEmpty();
    }

    [Fact]
    public void Analyze_UntouchedDatabricksRunWithoutPhoton_HasNoPhotonFinding() =>
        Photon.Analyze(Context("spark_log_parser/databricks.zip")).Should().BeEmpty();

    private static AnalysisContext Context(string log) => new(CorpusRuns.Get(log), Thresholds.Default);

    private static bool RenameFirst(JsonObject node, string from, string to, string requireEngineChild)
    {
        var children = node["children"] as JsonArray ?? [];
        if ((string?)node["nodeName"] == from && children.OfType<JsonObject>().Any(c => (string?)c["nodeName"] == requireEngineChild))
        {
            node["nodeName"] = to;
            node["simpleString"] = to + ((string?)node["simpleString"])![from.Length..];
            return true;
        }

        return children.OfType<JsonObject>().Any(c => RenameFirst(c, from, to, requireEngineChild));
    }

    private static void ToPhoton(JsonObject node)
    {
        var name = (string?)node["nodeName"] ?? string.Empty;
        if (name is not ("Sort" or "WholeStageCodegen" or "InputAdapter" or "AdaptiveSparkPlan") && !name.StartsWith("WholeStageCodegen", StringComparison.Ordinal))
        {
            node["nodeName"] = "Photon" + name.Replace(" ", string.Empty, StringComparison.Ordinal);
        }

        foreach (var child in (node["children"] as JsonArray ?? []).OfType<JsonObject>())
        {
            ToPhoton(child);
        }
    }
}
