using SparkOptimizer.Pricing;

namespace SparkOptimizer.Tests.Pricing;

public sealed class KubernetesCostSplitTests
{
    [Fact]
    public void Split_M5Xlarge_CpuAndRamAddUpToNodePrice()
    {
        var rates = KubernetesCostSplit.Split(0.192m, 4, 16);

        ((rates.PerCoreHour * 4) + (rates.PerGiBHour * 16)).Should().BeApproximately(0.192m, 0.0000001m);
        // OpenCost's default ratio: 4 x 0.031611 against 16 x 0.004237 puts 65 % of the price on CPU.
        (rates.PerCoreHour * 4 / 0.192m).Should().BeApproximately(0.651m, 0.001m);
    }

    [Fact]
    public void PodCharge_UsageAboveRequest_PaysUsage()
    {
        var rates = new ResourceRates(0.04m, 0.005m, "USD");

        var underUsed = KubernetesCostSplit.PodCharge(rates, hours: 2, requestCores: 2, usedCores: 0.5, requestGiB: 8, usedGiB: 3);
        var overUsed = KubernetesCostSplit.PodCharge(rates, hours: 2, requestCores: 2, usedCores: 3, requestGiB: 8, usedGiB: 10);

        underUsed.Amount.Should().Be((2 * 2 * 0.04m) + (2 * 8 * 0.005m));
        overUsed.Amount.Should().Be((2 * 3 * 0.04m) + (2 * 10 * 0.005m));
    }

    [Theory]
    [InlineData("karpenter.sh/capacity-type", "spot", CapacityType.Spot)]
    [InlineData("karpenter.sh/capacity-type", "on-demand", CapacityType.OnDemand)]
    [InlineData("eks.amazonaws.com/capacityType", "SPOT", CapacityType.Spot)]
    [InlineData("eks.amazonaws.com/capacityType", "ON_DEMAND", CapacityType.OnDemand)]
    [InlineData("cloud.google.com/gke-spot", "true", CapacityType.Spot)]
    [InlineData("kubernetes.azure.com/scalesetpriority", "spot", CapacityType.Spot)]
    [InlineData("spark.kubernetes.node.selector.karpenter.sh/capacity-type", "spot", CapacityType.Spot)]
    public void CapacityFromLabels_KnownLabel_GivesCapacity(string key, string value, CapacityType expected)
    {
        KubernetesCostSplit.CapacityFromLabels(new Dictionary<string, string> { [key] = value }).Should().Be(expected);
    }

    [Fact]
    public void CapacityFromLabels_NoCapacityLabel_IsUnknown()
    {
        KubernetesCostSplit.CapacityFromLabels(new Dictionary<string, string> { ["kubernetes.io/os"] = "linux" }).Should().BeNull();
    }
}
