using SparkOptimizer.Simulation;

namespace SparkOptimizer.Pipeline;

/// <summary>
/// The recommended configuration as the replay predicts it (calibrated by the cohort where the host gave a history),
/// and its cost per run with the interval; every host shows these figures and computes none of its own.
/// </summary>
public sealed record RecommendedRun(Prediction Prediction, PricedPrediction? Cost)
{
    /// <summary>The node type the recommended executors run on, when it is not today's (a right-sized node pool).</summary>
    public string? InstanceType { get; init; }
}
