namespace SparkOptimizer.Trust;

/// <summary>Learning until the cohort has enough runs to trust a peak and a variation; established after.</summary>
public enum CohortState
{
    Learning,
    Established,
}
