using SparkOptimizer.Ingest.Streaming;
using SparkOptimizer.Model;
using SparkOptimizer.Pricing;
using SparkOptimizer.Tests.Simulation;

namespace SparkOptimizer.Tests.Pricing;

/// <summary>Databricks DBUs by compute type as the bill works: jobs, all-purpose, SQL, and Photon's extra DBUs (config/pricing/databricks.yaml).</summary>
public sealed class DatabricksComputePricingTests
{
    private const long Hour = 3_600_000;

    private static SparkRun OnFourWorkers(bool photon = false, string? photonSource = null) => new SyntheticRun()
        .Conf("spark.master", "spark://x")
        .Vendor(VendorInfo.Unknown with
        {
            Platform = Platform.Databricks, InstanceType = "m5.xlarge", Workers = 4, Cloud = "aws",
            DatabricksPhoton = photon, DatabricksPhotonSource = photonSource,
        })
        .Executors(4, 4)
        .Job(0, 0, Hour, 0)
        .Stage(0, 0, 0, Hour, Enumerable.Repeat(Hour, 16).ToArray())
        .Build(Hour);

    [Theory]
    // 4 x m5.xlarge for 1 h: EC2 0.192 + 0.69 DBU/h x (Photon multiplier) x price per DBU.
    [InlineData("jobs-compute", false, 0.15, 1.0)]
    [InlineData("jobs-compute", true, 0.15, 2.5)]
    [InlineData("all-purpose", false, 0.55, 1.0)]
    [InlineData("all-purpose", true, 0.55, 2.0)]
    [InlineData("sql-pro", false, 0.55, 1.0)]
    [InlineData("serverless-sql", false, 0.70, 1.0)]
    public void Price_DatabricksSkuAndPhoton_IsNodeHoursAtEc2PlusDbusTimesPhotonAtSkuPrice(string sku, bool photon, double perDbu, double multiplier)
    {
        var report = CostModel.Price(OnFourWorkers(photon, photon ? "spark.databricks.clusterUsageTags.sparkVersion=13.3.x-photon-scala2.12" : null), new CostOptions { DatabricksSku = sku });

        var expected = 4 * (0.192m + (0.69m * (decimal)multiplier * (decimal)perDbu));
        report.Cost!.Value.Amount.Should().Be(expected);
        report.DatabricksSku.Should().Be(sku);
        report.DatabricksPhotonSource.Should().Be(photon ? "spark.databricks.clusterUsageTags.sparkVersion=13.3.x-photon-scala2.12" : null);
        if (photon)
        {
            report.Method.Should().Contain(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"x {multiplier:0.0} Photon x {perDbu}/DBU"));
        }
    }

    [Fact]
    public void Price_DatabricksOnDemand_SpotSavesOnTheInstanceNotOnTheDbus()
    {
        var report = CostModel.Price(OnFourWorkers());

        // aws-ec2.yaml m5.xlarge: on demand 0.192, spot 0.077 (2025-01-15); DBUs (0.69 x 0.15) are billed alike on spot.
        report.Spot.Savings!.Value.Amount.Should().BeApproximately(4 * (0.192m - 0.077m), 0.0001m);
        report.Spot.SpotCost!.Value.Amount.Should().BeApproximately(4 * (0.077m + (0.69m * 0.15m)), 0.0001m);
        report.Spot.SpotPriceSource!.Date.Should().Be("2025-01-15");
    }

    [Fact]
    public void Price_PhotonOnASkuWithoutMultiplier_IsPricedAsClassicAndSaysSo()
    {
        var report = CostModel.Price(OnFourWorkers(photon: true, "spark.databricks.photon.enabled=true"), new CostOptions { DatabricksSku = "sql-classic" });

        report.Cost!.Value.Amount.Should().Be(4 * (0.192m + (0.69m * 0.22m)));
        report.Method.Should().Contain("no Photon DBU multiplier for sql-classic");
    }

    [Theory]
    [InlineData("spark.databricks.clusterUsageTags.sparkVersion", "13.3.x-photon-scala2.12", true)]
    [InlineData("spark.databricks.clusterUsageTags.effectiveSparkVersion", "14.3.x-photon-scala2.12", true)]
    [InlineData("spark.databricks.clusterUsageTags.runtimeEngine", "PHOTON", true)]
    [InlineData("spark.databricks.photon.enabled", "true", true)]
    [InlineData("spark.databricks.clusterUsageTags.sparkVersion", "13.3.x-scala2.12", false)]
    [InlineData("spark.databricks.clusterUsageTags.runtimeEngine", "STANDARD", false)]
    public void Photon_RuntimeProperties_SayWhetherTheClusterRunsPhoton(string key, string value, bool photon)
    {
        var env = SparkEnvironment.Empty with { SparkProperties = new Dictionary<string, string> { [key] = value } };

        DatabricksComputeType.Photon(env).Should().Be(photon ? $"{key}={value}" : null);
    }
}
