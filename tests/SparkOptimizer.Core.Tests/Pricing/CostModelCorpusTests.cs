using System.Text.Json;
using SparkOptimizer.Pipeline;
using SparkOptimizer.Pricing;
using SparkOptimizer.Reporting;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Pricing;

/// <summary>
/// The corpus's priced runs against a hand calculation: node-hours x (EC2 price + DBUs x DBU price) from
/// config/pricing/*.yaml, with the node types, worker counts, compute type and times read from each log's own events.
/// </summary>
public sealed class CostModelCorpusTests
{
    private const double MsPerHour = 3_600_000;

    public static TheoryData<string, long, int, decimal, decimal, decimal, decimal, decimal> DatabricksRuns => new()
    {
        // spark_log_parser/databricks.zip: clusterNodeType m5.4xlarge, clusterWorkers 4, driverNodeType m5.xlarge,
        // clusterCreator JobLauncher (jobs compute, AWS 0.15/DBU). No application end: the run spans from the start
        // (1646432441343) to the last task end (1646432743219) = 301,876 ms. aws-ec2.yaml: m5.4xlarge 0.768, m5.xlarge 0.192;
        // databricks.yaml: 2.74 and 0.69 DBU/h.
        { "spark_log_parser/databricks.zip", 301_876, 4, 0.768m, 2.74m, 0.192m, 0.69m, 0.15m },

        // databricks-aws: only spark.databricks.workerNodeTypeId / driverNodeTypeId (m6gd.2xlarge); no worker count, so the
        // 2 executors of the log are the 2 workers; no compute-type tag, so jobs compute. Start 1651187224195, end
        // 1651187579832 = 355,637 ms. aws-ec2-indicative.yaml: 0.3616; databricks.yaml: 1.54 DBU/h.
        { "spark-rapids-tools/spark-events-qualification/cluster_information/platform/databricks-aws", 355_637, 2, 0.3616m, 1.54m, 0.3616m, 1.54m, 0.15m },

        // xgboost: clusterNodeType m4.2xlarge, clusterWorkers 2, driverNodeType m4.xlarge, clusterCreator Webapp (an
        // interactive cluster: all-purpose, AWS 0.55/DBU). No application end: 1671662138929 to the last task end
        // 1671662962490 = 823,561 ms. aws-ec2-indicative.yaml: 0.40 and 0.20; databricks.yaml: 1.5 and 0.75 DBU/h.
        { "spark-rapids-tools/spark-events-qualification/xgboost_eventlog.zstd", 823_561, 2, 0.40m, 1.5m, 0.20m, 0.75m, 0.55m },
    };

    [Theory]
    [MemberData(nameof(DatabricksRuns))]
    public void Price_DatabricksCorpusRun_IsNodeHoursAtInstancePlusDbuRates(string log, long spanMs, int workers, decimal workerEc2, decimal workerDbu, decimal driverEc2, decimal driverDbu, decimal perDbu)
    {
        var run = CorpusRuns.Get(log);
        run.Application.ObservedSpanMs.Should().Be(spanMs, "the hours are the log's own span");

        var hours = (decimal)(spanMs / MsPerHour);
        var expected = hours * ((workers * (workerEc2 + (workerDbu * perDbu))) + driverEc2 + (driverDbu * perDbu));

        var cost = CostModel.Price(run);
        cost.Basis.Should().Be(CostBasis.PriceBook);
        cost.Workers.Should().Be(workers);
        cost.Cost!.Value.Amount.Should().BeApproximately(expected, 0.0001m);

        var report = new AnalysisPipeline().Analyze(run);
        var perRun = Math.Round(expected, 2, MidpointRounding.AwayFromZero);
        report.Cost!.CurrentPerRun.Should().Be(perRun);
        TextReportWriter.Write(report).Should().Contain($"\nCost: ${perRun:0.00} (");
        using var json = JsonDocument.Parse(JsonReportWriter.ToJson(report));
        json.RootElement.GetProperty("cost").GetProperty("perRun").GetDecimal().Should().Be(perRun);
        json.RootElement.GetProperty("cost").GetProperty("basis").GetString().Should().Be("priceBook");
    }

    [Fact]
    public void Price_RunWithNoNodeType_IsCoreHoursAndGiBHoursAtOpenCostDefaultRates()
    {
        // sparklint/spark_event_log_example: yarn-client, no node type anywhere. Application 1466087746466 to 1466088058982
        // (312,516 ms). Executors 2, 1 and 3 added at 1466087808972, 1466087811580 and 1466088056872, none removed: 250,010
        // + 247,402 + 2,110 ms, 2 cores each; spark.executor.memory 30G + 10 % overhead = 33 GiB requested. Driver: 1 core,
        // spark.driver.memory 4G + 409.6 MiB, for the whole run. Spark 1.6 logs no memory peaks, so requests are charged.
        const double executorMs = 250_010 + 247_402 + 2_110;
        const double runMs = 312_516;
        var coreHours = ((2 * executorMs) + runMs) / MsPerHour;
        var gibHours = ((33 * executorMs) + (4505.6 / 1024 * runMs)) / MsPerHour;
        // config/pricing/opencost-default.yaml: OpenCost's 0.031611 per vCPU-hour and 0.004237 per GiB-hour.
        var expected = (0.031611m * (decimal)coreHours) + (0.004237m * (decimal)gibHours);

        var run = CorpusRuns.Get("sparklint/spark_event_log_example");
        var cost = CostModel.Price(run);

        cost.Basis.Should().Be(CostBasis.OpenCostDefaultRates);
        cost.PricedCoreHours.Should().BeApproximately(coreHours, 1e-6);
        cost.PricedGiBHours.Should().BeApproximately(gibHours, 1e-6);
        cost.Cost!.Value.Amount.Should().BeApproximately(expected, 0.0001m);

        var report = new AnalysisPipeline().Analyze(run);
        var perRun = ReportCost.Round(expected);
        TextReportWriter.Write(report).Should().Contain($"\nCost: ${perRun:0.00} (OpenCost default rates: 0.031611/vCPU-hour, 0.004237/GiB-hour; ");
        using var json = JsonDocument.Parse(JsonReportWriter.ToJson(report));
        var c = json.RootElement.GetProperty("cost");
        c.GetProperty("perRun").GetDecimal().Should().Be(perRun);
        c.GetProperty("basis").GetString().Should().Be("openCostDefaultRates");
        c.GetProperty("rates").GetProperty("perVcpuHour").GetDecimal().Should().Be(0.031611m);
        c.GetProperty("rates").GetProperty("perGiBHour").GetDecimal().Should().Be(0.004237m);
    }
}
