namespace SparkOptimizer.Recommendation;

/// <summary>
/// How bold the recommender may be. Memory decreases stay off until a cohort of runs backs them (issue 10's ratchet);
/// the buffer is the margin above the highest observed peak.
/// </summary>
public sealed record RecommendationOptions(bool AllowMemoryDecrease = false, double MemoryBuffer = 0.2)
{
    public static RecommendationOptions Default { get; } = new();
}
