namespace SparkOptimizer.Pricing;

/// <summary>
/// OpenCost's custom-pricing model: one price per vCPU-hour and one per GiB-hour of RAM (and their spot prices), charged
/// where no node price is known. Defaults in config/pricing/opencost-default.yaml.
/// </summary>
public sealed record OpenCostRates(decimal CpuHourly, decimal RamGiBHourly, decimal? SpotCpuHourly, decimal? SpotRamGiBHourly, string Currency, PriceSource Source)
{
    /// <summary>The rates for the capacity type: spot rates on spot capacity when the book has them.</summary>
    public ResourceRates For(CapacityType capacity) => capacity == CapacityType.Spot && SpotCpuHourly is { } cpu && SpotRamGiBHourly is { } ram
        ? new ResourceRates(cpu, ram, Currency)
        : new ResourceRates(CpuHourly, RamGiBHourly, Currency);
}
