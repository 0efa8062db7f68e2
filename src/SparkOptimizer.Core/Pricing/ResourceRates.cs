namespace SparkOptimizer.Pricing;

/// <summary>A node's hourly price split into a price per core-hour and per GiB-hour (OpenCost's split).</summary>
public sealed record ResourceRates(decimal PerCoreHour, decimal PerGiBHour, string Currency)
{
    public Money Charge(double coreHours, double gibHours) =>
        new((PerCoreHour * (decimal)coreHours) + (PerGiBHour * (decimal)gibHours), Currency);
}
