namespace SparkOptimizer.Pricing;

/// <summary>How the nodes are bought.</summary>
public enum CapacityType
{
    OnDemand,
    Spot,
    Reserved,
}
