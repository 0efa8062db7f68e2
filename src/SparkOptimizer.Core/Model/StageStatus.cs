namespace SparkOptimizer.Model;

public enum StageStatus
{
    /// <summary>Submitted, no completion seen (still running or log cut short).</summary>
    Active,
    Complete,
    Failed,
    /// <summary>Named by a job but never submitted (its output was reused).</summary>
    Skipped,
}
