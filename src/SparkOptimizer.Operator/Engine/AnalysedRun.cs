using SparkOptimizer.Operator.Processing;
using SparkOptimizer.History;
using SparkOptimizer.Trust;

namespace SparkOptimizer.Operator.Engine;

/// <summary>
/// What the heavy half found in one run (JSON, so that a Job can print it): the railed changes, findings, cost and prediction,
/// the numbers the noise floor and the trust decision need, and the pull request body. No parsed model travels.
/// </summary>
public sealed record AnalysedRun
{
    /// <summary>Set when the event log was not found (or refused); nothing else is then set.</summary>
    public string? NotFound { get; init; }

    /// <summary>With <see cref="NotFound"/>: whether the log may still appear (false when the location is refused).</summary>
    public bool LogCanAppear { get; init; } = true;

    /// <summary>This run as the run history keeps it (its cohort and prediction are set by the operator).</summary>
    public RunRecord? Record { get; init; }

    /// <summary>This run as its cohort remembers it.</summary>
    public CohortRun? CohortRun { get; init; }

    /// <summary>Run duration from the event log.</summary>
    public long? DurationMs { get; init; }

    /// <summary>When the run started and last logged, from the event log (the Prometheus window when the operator lacks one).</summary>
    public DateTimeOffset? Start { get; init; }

    public DateTimeOffset? End { get; init; }

    /// <summary>The run's (redacted) Spark properties: the trust decision checks memory decreases against them.</summary>
    public IReadOnlyDictionary<string, string> SparkProperties { get; init; } = new Dictionary<string, string>();

    /// <summary>The changes that cleared the safety rails.</summary>
    public IReadOnlyList<RecommendedChange> Changes { get; init; } = [];

    public IReadOnlyList<string> RailNotes { get; init; } = [];

    public bool LowConfidence { get; init; }

    public FindingCounts Findings { get; init; } = new(0, 0, 0, 0);

    public IReadOnlyList<TopFinding> TopFindings { get; init; } = [];

    /// <summary>Cost of the run in USD.</summary>
    public double? Cost { get; init; }

    /// <summary>What the cost rests on and its waste by cause.</summary>
    public RunCostDetail? CostDetail { get; init; }

    public RunPrediction? Prediction { get; init; }

    /// <summary>The simulator's predicted and baseline durations (the gain is measured between them).</summary>
    public long? PredictedMs { get; init; }

    public long? BaselineMs { get; init; }

    /// <summary>Predicted time saved as a share of the simulated baseline.</summary>
    public double Gain { get; init; }

    /// <summary>Predicted money saved as a share of the run's cost (for changes that save cost rather than time).</summary>
    public double CostGain { get; init; }

    /// <summary>The report in Markdown, the pull request's body.</summary>
    public string PullRequestBody { get; init; } = string.Empty;

    /// <summary>"n findings (worst x); m changes recommended; cost …" (the operator appends the pull request).</summary>
    public string Summary { get; init; } = string.Empty;
}
