namespace SparkOptimizer.Recommendation;

/// <summary>
/// How bold the recommender may be. Memory decreases stay off until a cohort of runs backs them (issue 10's ratchet);
/// the buffer is the margin above the highest observed peak; the node limit (from the node shapes, when known) caps increases.
/// </summary>
public sealed record RecommendationOptions(bool AllowMemoryDecrease = false, double MemoryBuffer = 0.2, NodeLimit? Node = null)
{
    public static RecommendationOptions Default { get; } = new();
}
