namespace SparkOptimizer.History;

/// <summary>Whether a run bore out the prediction made for it (stored by name, so new states never renumber old rows).</summary>
public enum VerificationState
{
    /// <summary>Nothing to verify yet (no recommendation applied before this run).</summary>
    None,

    Pending,

    /// <summary>The run landed inside the predicted interval, or better.</summary>
    Verified,

    /// <summary>The run came out worse than the predicted interval.</summary>
    Regressed,

    Inconclusive,
}
