namespace SparkOptimizer.Trust;

/// <summary>The verdict on a merged change: relative change of the mean normalised duration (negative is faster), the noise band it was judged against, and why.</summary>
public sealed record Verification(VerificationStatus Status, double Change, double Band, int RunsBefore, int RunsAfter, string Reason);
