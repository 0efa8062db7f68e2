namespace SparkOptimizer.Operator.Processing;

/// <summary>What <see cref="IRunProcessor"/> returns: the status summary the operator writes for the run.</summary>
public sealed record RunAnalysis
{
    /// <summary>Run duration; when null the operator uses the Spark operator's start and termination times.</summary>
    public long? DurationMs { get; init; }

    /// <summary>Cost of the run in USD.</summary>
    public double? Cost { get; init; }

    /// <summary>What the cost rests on (basis, node type and its source, capacity, price list) and its waste by cause.</summary>
    public RunCostDetail? CostDetail { get; init; }

    public FindingCounts Findings { get; init; } = new(0, 0, 0, 0);

    /// <summary>The most important findings, most severe first.</summary>
    public IReadOnlyList<TopFinding> TopFindings { get; init; } = [];

    public IReadOnlyList<RecommendedChange> Recommendations { get; init; } = [];

    public RunPrediction? Prediction { get; init; }

    public PullRequestInfo? PullRequest { get; init; }

    public VerificationResult? Verification { get; init; }

    public CohortSummary? Cohort { get; init; }

    /// <summary>A one-line summary for the Kubernetes Event and the condition message.</summary>
    public string? Message { get; init; }
}
