namespace SparkOptimizer.Pricing;

/// <summary>One node's effective hourly price on a platform (instance + EMR uplift, Dataproc fee or Databricks DBUs), and how it was made.</summary>
public sealed record NodePrice(string InstanceType, decimal Hourly, string Currency, string Method, PriceSource Source, NodeShape? Shape)
{
    public Money PerHour => new(Hourly, Currency);
}
