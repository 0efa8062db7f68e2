using SparkOptimizer.Model;
using SparkOptimizer.Tests.Analysis;

namespace SparkOptimizer.Tests.Ingest.Streaming;

public sealed class VendorDetectorTests
{
    [Fact]
    public void Detect_DatabricksJobCluster_ReadsTheUsageTagsAndSaysWhichKeys()
    {
        var vendor = CorpusRuns.Get("spark_log_parser/databricks.zip").Vendor;

        vendor.Platform.Should().Be(Platform.Databricks);
        (vendor.InstanceType, vendor.InstanceTypeSource).Should().Be(("m5.4xlarge", "spark.databricks.clusterUsageTags.clusterNodeType"));
        (vendor.DriverInstanceType, vendor.DriverInstanceTypeSource).Should().Be(("m5.xlarge", "spark.databricks.clusterUsageTags.driverNodeType"));
        (vendor.Workers, vendor.WorkersSource).Should().Be((4, "spark.databricks.clusterUsageTags.clusterWorkers"));
        (vendor.DatabricksSku, vendor.DatabricksSkuSource).Should().Be(("jobs-compute", "spark.databricks.clusterUsageTags.clusterCreator=JobLauncher"));
    }

    [Fact]
    public void Detect_DatabricksInteractiveCluster_IsAllPurposeThoughItsSkuTagSaysStandard()
    {
        var run = CorpusRuns.Get("spark-rapids-tools/spark-events-qualification/xgboost_eventlog.zstd");
        var vendor = run.Vendor;

        const string sku = "spark.databricks.clusterUsageTags.clusterSku";
        run.Environment.Get(sku).Should().Be("STANDARD_SKU").And.Be(CorpusRuns.Get("spark_log_parser/databricks.zip").Environment.Get(sku),
            "the job cluster carries the same tag: it cannot tell jobs from all-purpose");
        (vendor.InstanceType, vendor.DriverInstanceType, vendor.Workers).Should().Be(("m4.2xlarge", "m4.xlarge", 2));
        (vendor.DatabricksSku, vendor.DatabricksSkuSource).Should().Be(("all-purpose", "spark.databricks.clusterUsageTags.clusterCreator=Webapp"));
    }

    [Fact]
    public void Detect_DatabricksNodeTypeIdsOnly_FallsBackToThemWithNoWorkerCount()
    {
        var vendor = CorpusRuns.Get("spark-rapids-tools/spark-events-qualification/cluster_information/platform/databricks-aws").Vendor;

        (vendor.InstanceType, vendor.InstanceTypeSource).Should().Be(("m6gd.2xlarge", "spark.databricks.workerNodeTypeId"));
        (vendor.DriverInstanceType, vendor.DriverInstanceTypeSource).Should().Be(("m6gd.2xlarge", "spark.databricks.driverNodeTypeId"));
        vendor.Workers.Should().BeNull();
        vendor.DatabricksSku.Should().BeNull("no tag names the compute type");
    }
}
