namespace SparkOptimizer.History;

/// <summary>The verification of one run against its prediction; the time comes from the caller (the run or a TimeProvider).</summary>
public sealed record Verification(VerificationState State, DateTimeOffset? VerifiedAt = null, double? ErrorPercent = null, string? Note = null)
{
    public static Verification None { get; } = new(VerificationState.None);
}
