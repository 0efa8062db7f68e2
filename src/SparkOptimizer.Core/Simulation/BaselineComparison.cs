namespace SparkOptimizer.Simulation;

/// <summary>The replay at the observed configuration against the observed run: the model's own error, shown as Sparklens shows it.</summary>
public sealed record BaselineComparison(long? ObservedMs, long SimulatedMs)
{
    /// <summary>(simulated - observed) / observed in percent; null when the log has no application end.</summary>
    public double? ErrorPct => ObservedMs is > 0 and var o ? (SimulatedMs - o) * 100.0 / o : null;
}
