namespace SparkOptimizer.History;

/// <summary>
/// A change set proposed for a cohort: the target values (what a later run's configuration is matched against), the manifest
/// edits (for a revert), the prediction with the run it was made from, the pull request, and its verdict. Keyed by
/// (cohort, fingerprint); saving again updates it.
/// </summary>
/// <param name="BaselineDurationMs">Duration of the run the proposal was made from, for the predicted-against-observed report.</param>
/// <param name="BaselineInputBytes">Input of that run: later runs' durations are scaled to it before comparing with the prediction.</param>
public sealed record ProposalRecord(
    string Cohort,
    string Fingerprint,
    IReadOnlyDictionary<string, string> Changes,
    IReadOnlyList<ProposalEdit> Edits,
    PredictedRun? Prediction,
    long? BaselineDurationMs,
    long BaselineInputBytes,
    int? PullRequestNumber,
    string? PullRequestUrl,
    ProposalStatus Status,
    DateTimeOffset ProposedAt,
    string? Note = null)
{
    /// <summary>When the revert pull request was opened (a regressed proposal); null otherwise.</summary>
    public DateTimeOffset? RevertedAt { get; init; }
}
