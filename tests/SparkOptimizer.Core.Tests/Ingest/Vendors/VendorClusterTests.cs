using SparkOptimizer.Ingest.Vendors;
using SparkOptimizer.Model;

namespace SparkOptimizer.Tests.Ingest.Vendors;

public sealed class VendorClusterTests
{
    private static readonly VendorCluster Emr = new("emr", "j-1", "nightly", "TERMINATED", "emr-6.10.0", "m5.xlarge", "r5.2xlarge", 10, null, null, true,
        new Dictionary<string, string>());

    [Fact]
    public void FillGaps_EmrRunWithoutInstanceTypes_TakesTheShapeFromTheApi()
    {
        // What VendorDetector makes of an EMR log such as the corpus's emr.zip: EMR on YARN, no instance types recorded.
        var observed = VendorInfo.Unknown with { Platform = Platform.Emr, ClusterManager = "yarn", Markers = ["emr"] };

        var merged = Emr.FillGaps(observed);

        (merged.Platform, merged.InstanceType, merged.DriverInstanceType, merged.Workers, merged.Cloud).Should().Be((Platform.Emr, "r5.2xlarge", "m5.xlarge", (int?)10, "aws"));
        merged.Markers.Should().Equal("emr", "api:emr");
    }

    [Fact]
    public void FillGaps_ValuesTheLogRecorded_Win()
    {
        var observed = VendorInfo.Unknown with { Platform = Platform.Databricks, InstanceType = "i3.xlarge", Workers = 4 };
        var api = new VendorCluster("databricks", "c", null, null, null, "i3.2xlarge", "i3.4xlarge", 30, 2, 8, false, new Dictionary<string, string>());

        var merged = api.FillGaps(observed);

        (merged.InstanceType, merged.Workers, merged.DriverInstanceType, merged.MinWorkers, merged.MaxWorkers).Should().Be(("i3.xlarge", (int?)4, "i3.2xlarge", (int?)2, (int?)8));
    }
}
