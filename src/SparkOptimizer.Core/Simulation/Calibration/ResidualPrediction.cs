namespace SparkOptimizer.Simulation.Calibration;

/// <summary>The residual model's output column.</summary>
internal sealed class ResidualPrediction
{
    public float Score { get; set; }
}
