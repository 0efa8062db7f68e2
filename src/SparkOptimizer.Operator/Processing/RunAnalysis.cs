namespace SparkOptimizer.Operator.Processing;

/// <summary>What <see cref="IRunProcessor"/> returns: the status summary the operator writes for the run.</summary>
public sealed record RunAnalysis
{
    /// <summary>Run duration; when null the operator uses the Spark operator's start and termination times.</summary>
    public long? DurationMs { get; init; }

    /// <summary>Cost of the run in USD.</summary>
    public double? Cost { get; init; }

    public FindingCounts Findings { get; init; } = new(0, 0, 0, 0);

    /// <summary>The most important findings, most severe first.</summary>
    public IReadOnlyList<TopFinding> TopFindings { get; init; } = [];

    public IReadOnlyList<RecommendedChange> Recommendations { get; init; } = [];

    public RunPrediction? Prediction { get; init; }

    public PullRequestInfo? PullRequest { get; init; }

    public VerificationResult? Verification { get; init; }

    /// <summary>A one-line summary for the Kubernetes Event and the condition message.</summary>
    public string? Message { get; init; }
}

public sealed record FindingCounts(int Critical, int Severe, int Moderate, int Low)
{
    public int Total => Critical + Severe + Moderate + Low;
}

/// <summary>A finding summarised for status; <paramref name="Severity"/> is critical, severe, moderate or low.</summary>
public sealed record TopFinding(string Severity, string Title, string? Evidence = null);

/// <summary>One configuration change, e.g. spark.executor.memory from 4g to 8g.</summary>
public sealed record RecommendedChange(string Key, string? From, string To, string? Reason = null);

/// <summary>Predicted duration and cost with the recommended changes, with intervals.</summary>
public sealed record RunPrediction(long DurationMs, long LowMs, long HighMs, double? Cost, double? CostLow = null, double? CostHigh = null, double? Saving = null, double? SavingPercent = null);

/// <summary>The pull request for the app after this run; <paramref name="Action"/> says what was done to it.</summary>
public sealed record PullRequestInfo(int Number, string Url, string State, string Branch, string Fingerprint, PullRequestAction Action);

public enum PullRequestAction
{
    None,
    Opened,
    Updated,
}

/// <summary>After a merge: the prediction against what the runs since then observed.</summary>
public sealed record VerificationResult(string State, string? MergedFingerprint, long? PredictedDurationMs, long? ObservedDurationMs, double? PredictedCost, double? ObservedCost, double? ErrorPercent, int Runs);
