using Microsoft.ML.Data;

namespace SparkOptimizer.Simulation.Calibration;

/// <summary>One training row of the residual model: features of a run and log(observed / simulated).</summary>
internal sealed class ResidualRow
{
    public const int FeatureCount = 7;

    public float Label { get; set; }

    [VectorType(FeatureCount)]
    public float[] Features { get; set; } = new float[FeatureCount];

    public static float[] FeaturesOf(RunHistoryEntry e) =>
    [
        (float)Math.Log(Math.Max(1, e.SimulatedMs)),
        e.Executors,
        e.CoresPerExecutor,
        (float)(e.ExecutorMemory.TotalGiB / Math.Max(1, e.CoresPerExecutor)),
        (float)Math.Log(Math.Max(1, e.ShufflePartitions ?? Model.PlatformDefaults.ApacheShufflePartitions)),
        (float)Math.Log(1 + e.InputBytes),
        (float)Math.Log(e.Slots),
    ];
}
