using SparkOptimizer.Ingest.Logs;
using SparkOptimizer.Pricing;
using SparkOptimizer.Simulation;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Pipeline;

/// <summary>
/// What a host knows beyond the run, handed to the one pipeline instead of being applied by the host afterwards: the
/// cohort whose rails bound the changes (memory floor, OOM cool-down, low confidence while learning), the keys the app
/// pins, the latest run's failure class, the cohort's calibration of the replay, and how the run is priced.
/// </summary>
public sealed record HostContext
{
    public static HostContext None { get; } = new();

    public Cohort? Cohort { get; init; }

    public ValidationContext Validation { get; init; } = ValidationContext.None;

    public RunFailureClass LatestFailure { get; init; } = RunFailureClass.None;

    /// <summary>Corrects the replay's prediction of the recommended configuration by the cohort's past runs.</summary>
    public Func<Prediction, Prediction>? Calibrate { get; init; }

    /// <summary>Driver and executor logs of the run: their OOMs and container kills become evidence.</summary>
    public IReadOnlyList<(string File, IReadOnlyList<LogEvent> Events)>? Logs { get; init; }

    /// <summary>The cohort's runs as the capacity advice needs them (failures, retries, when they ran): spot and reserved capacity.</summary>
    public IReadOnlyList<CohortRunCost>? CohortCosts { get; init; }

    /// <summary>Pricing for this run; null keeps the pipeline's own.</summary>
    public CostOptions? Cost { get; init; }
}
