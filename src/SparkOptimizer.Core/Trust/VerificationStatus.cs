namespace SparkOptimizer.Trust;

/// <summary>A merged change judged by the runs around it. Pending until there are enough runs on both sides.</summary>
public enum VerificationStatus
{
    Pending,
    Verified,
    Inconclusive,
    Regressed,
}
