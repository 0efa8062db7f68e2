namespace SparkOptimizer.Pricing;

/// <summary>Hourly prices of one instance type; spot may be unknown.</summary>
public sealed record InstancePrice(string InstanceType, string Provider, decimal OnDemandHourly, decimal? SpotHourly, string Currency, PriceSource Source)
{
    public decimal? Hourly(CapacityType capacity, decimal reservedDiscount) => capacity switch
    {
        CapacityType.Spot => SpotHourly,
        CapacityType.Reserved => OnDemandHourly * (1 - reservedDiscount),
        _ => OnDemandHourly,
    };
}
