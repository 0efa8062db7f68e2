using SparkOptimizer.Model;
using SparkOptimizer.Pricing;

namespace SparkOptimizer.Tests.Pricing;

public sealed class InstanceTypeChangeTests
{
    [Fact]
    public void Plan_ToSmallerNodes_CapsCoresAndKeepsTotalCores()
    {
        var plan = InstanceTypeChange.Plan(NodeShapeCatalog.LoadDefaults(), "r5.2xlarge", "m5.xlarge", executors: 10, cores: 4, heap: new ByteSize(16L << 30))!;

        plan.CoresPerExecutor.Should().Be(3, "m5.xlarge allocates 3.92 cores");
        plan.Executors.Should().Be(14);
        (plan.ExecutorMemory.Bytes * (1 + ExecutorMemory.JvmOverheadFactor)).Should().BeLessThanOrEqualTo(NodeShapeCatalog.LoadDefaults().Find("m5.xlarge")!.AllocatableMemory.Bytes);
        plan.Nodes.Should().Be(14);
        plan.SpeedFactor.Should().Be(1.0);
    }

    [Fact]
    public void Plan_ToNewerGeneration_CarriesRelativeSpeed()
    {
        var plan = InstanceTypeChange.Plan(NodeShapeCatalog.LoadDefaults(), "m5.2xlarge", "m6i.2xlarge", 4, 4, new ByteSize(8L << 30))!;

        plan.SpeedFactor.Should().BeApproximately(1.15, 1e-9);
        plan.CoresPerExecutor.Should().Be(4);
        plan.ExecutorsPerNode.Should().Be(1);
        plan.ExecutorMemory.Should().Be(new ByteSize(8L << 30));
    }

    [Fact]
    public void Plan_UnknownType_IsNull()
    {
        InstanceTypeChange.Plan(NodeShapeCatalog.LoadDefaults(), "m5.xlarge", "q1.tiny", 2, 2, new ByteSize(1L << 30)).Should().BeNull();
    }
}
