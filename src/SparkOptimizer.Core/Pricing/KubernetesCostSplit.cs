namespace SparkOptimizer.Pricing;

/// <summary>
/// OpenCost's way of charging pods on plain Kubernetes: a node's hourly price is split into a CPU part and a RAM part
/// in the ratio of OpenCost's default CPU and RAM prices, and each pod pays max(request, usage) of each for its life.
/// </summary>
public static class KubernetesCostSplit
{
    /// <summary>Price per core-hour and per GiB-hour of a node costing <paramref name="nodeHourly"/>.</summary>
    public static ResourceRates Split(decimal nodeHourly, double vcpu, double memoryGiB, string currency = "USD")
    {
        if (vcpu <= 0 || memoryGiB <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(vcpu), "A node needs cores and memory to split its price.");
        }

        var cpuWeight = (decimal)vcpu * PricingDefaults.OpenCostCpuHourly;
        var ramWeight = (decimal)memoryGiB * PricingDefaults.OpenCostRamGiBHourly;
        var cpuShare = cpuWeight / (cpuWeight + ramWeight);
        return new ResourceRates(nodeHourly * cpuShare / (decimal)vcpu, nodeHourly * (1 - cpuShare) / (decimal)memoryGiB, currency);
    }

    /// <summary>A pod's charge: max(request, usage) of cores and of memory, over its hours.</summary>
    public static Money PodCharge(ResourceRates rates, double hours, double requestCores, double usedCores, double requestGiB, double usedGiB)
    {
        ArgumentNullException.ThrowIfNull(rates);
        return rates.Charge(hours * Math.Max(requestCores, usedCores), hours * Math.Max(requestGiB, usedGiB));
    }

    /// <summary>
    /// Spot or on-demand from node labels or node selectors: karpenter.sh/capacity-type, eks.amazonaws.com/capacityType,
    /// cloud.google.com/gke-spot (or gke-preemptible), kubernetes.azure.com/scalesetpriority. Null when none says.
    /// </summary>
    public static CapacityType? CapacityFromLabels(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        foreach (var (key, raw) in labels)
        {
            var name = key.Contains("node.selector.", StringComparison.Ordinal) ? key[(key.IndexOf("node.selector.", StringComparison.Ordinal) + 14)..] : key;
            var value = raw.Trim().ToLowerInvariant();
            switch (name)
            {
                case "karpenter.sh/capacity-type":
                case "eks.amazonaws.com/capacityType":
                    return value == "spot" ? CapacityType.Spot : value is "on-demand" or "on_demand" or "ondemand" ? CapacityType.OnDemand : null;
                case "cloud.google.com/gke-spot":
                case "cloud.google.com/gke-preemptible":
                    return value == "true" ? CapacityType.Spot : CapacityType.OnDemand;
                case "kubernetes.azure.com/scalesetpriority":
                    return value == "spot" ? CapacityType.Spot : CapacityType.OnDemand;
            }
        }

        return null;
    }
}
