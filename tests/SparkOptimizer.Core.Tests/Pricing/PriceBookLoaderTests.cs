using SparkOptimizer.Pricing;
using SparkOptimizer.Testing;

namespace SparkOptimizer.Tests.Pricing;

public sealed class PriceBookLoaderTests
{
    [Fact]
    public void LoadDefaults_EveryFile_StatesSourceAndDate()
    {
        var book = PriceBookLoader.LoadDefaults();

        // aws-ec2, aws-ec2-indicative, aws-emr, azure-vm, databricks, gcp-compute, gcp-dataproc, opencost-default
        book.Sources.Should().HaveCount(8);
        book.Sources.Should().OnlyContain(s => s.Description.Length > 10 && s.Date.Length >= 7);
    }

    [Theory]
    [InlineData("m5.xlarge", 0.192)]
    [InlineData("m6i.8xlarge", 1.536)]
    [InlineData("r5.2xlarge", 0.504)]
    [InlineData("r6i.4xlarge", 1.008)]
    [InlineData("c5.4xlarge", 0.68)]
    [InlineData("c6i.2xlarge", 0.34)]
    [InlineData("n2-standard-4", 0.194236)]
    [InlineData("n2-highmem-8", 0.524056)]
    [InlineData("Standard_D4s_v5", 0.192)]
    [InlineData("Standard_E8s_v5", 0.504)]
    public void LoadDefaults_CommonInstance_HasOnDemandAndSpotPrice(string type, double onDemand)
    {
        var price = PriceBookLoader.LoadDefaults().Find(type);

        price.Should().NotBeNull();
        price!.OnDemandHourly.Should().Be((decimal)onDemand);
        price.SpotHourly.Should().BeLessThan(price.OnDemandHourly);
    }

    [Fact]
    public void LoadDefaults_OpenCostRates_AreOpenCostsPublishedDefaults()
    {
        var rates = PriceBookLoader.LoadDefaults().OpenCost;

        // opencost/opencost configs/default.json: "CPU": "0.031611", "RAM": "0.004237", "spotCPU": "0.006655", "spotRAM": "0.000892".
        rates.Should().NotBeNull();
        rates!.CpuHourly.Should().Be(0.031611m);
        rates.RamGiBHourly.Should().Be(0.004237m);
        rates.For(CapacityType.Spot).Should().Be(new ResourceRates(0.006655m, 0.000892m, "USD"));
        rates.Source.Date.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public void Load_UserOpenCostRates_ReplaceTheDefaults()
    {
        using var dir = new TempDir();
        var file = dir.File("onprem.yaml");
        File.WriteAllText(file, """
            provider: onprem
            source: "our data centre's internal rates"
            date: 2026-11-01
            openCost: { cpu: 0.05, ram: 0.007 }
            """);

        var rates = PriceBookLoader.Load(file).OpenCost!;

        rates.CpuHourly.Should().Be(0.05m);
        rates.RamGiBHourly.Should().Be(0.007m);
        rates.Source.Description.Should().Be("our data centre's internal rates");
    }

    [Fact]
    public void LoadDefaults_PlatformCharges_ArePresent()
    {
        var book = PriceBookLoader.LoadDefaults();

        book.EmrUplift["r5.2xlarge"].Should().Be(0.126m);
        book.EmrOnEks!.PerVcpuHour.Should().Be(0.01012m);
        book.EmrOnEks.PerGbHour.Should().Be(0.00111125m);
        book.DataprocPerVcpuHour.Should().Be(0.010m);
        book.Databricks!.DbuPerHour["m5.xlarge"].Should().Be(0.69m);
        book.Databricks.PricePerDbu("aws", "jobs-compute").Should().Be(0.15m);
        book.ReservedDiscountFor("aws").Should().BeGreaterThan(0);
    }

    [Fact]
    public void Load_UserOverrideFile_ReplacesDefaultPrice()
    {
        using var dir = new TempDir();
        var file = dir.File("ours.yaml");
        File.WriteAllText(file, """
            provider: aws
            source: "our negotiated rates"
            date: 2026-10-01
            instances:
              m5.xlarge: { onDemand: 0.15 }
              x9.huge: { onDemand: 9.99, spot: 3 }
            """);

        var book = PriceBookLoader.Load(file);

        book.Find("m5.xlarge")!.OnDemandHourly.Should().Be(0.15m);
        book.Find("m5.xlarge")!.Source.Description.Should().Be("our negotiated rates");
        book.Find("x9.huge")!.SpotHourly.Should().Be(3m);
        book.Find("r5.xlarge")!.OnDemandHourly.Should().Be(0.252m);
    }

    [Fact]
    public void Parse_FileWithoutSourceOrDate_IsRefused()
    {
        var act = () => PriceBookLoader.Parse("instances:\n  m5.xlarge: { onDemand: 1 }\n", "bad.yaml");

        act.Should().Throw<InvalidDataException>().WithMessage("*source*date*");
    }

    [Fact]
    public void NodeShapes_Defaults_HaveAllocatableBelowCapacity()
    {
        var shapes = NodeShapeCatalog.LoadDefaults();
        var m5 = shapes.Find("m5.xlarge")!;

        m5.Vcpu.Should().Be(4);
        m5.Memory.TotalGiB.Should().Be(16);
        shapes.All.Should().OnlyContain(s => s.AllocatableCpu < s.Vcpu && s.AllocatableMemory.Bytes < s.Memory.Bytes);
        shapes.All.Select(s => s.Name).Should().Contain(["r6i.8xlarge", "c5.9xlarge", "n2-highmem-32", "Standard_E16s_v5"]);
        PriceBookLoader.LoadDefaults().Instances.Keys.Should().OnlyContain(k => shapes.Find(k) != null, "every priced instance has a shape");
    }
}
