using SparkOptimizer.Analysis;

namespace SparkOptimizer.Recommendation;

/// <summary>A value one finding asked for that lost to another finding's value for the same key.</summary>
public sealed record SupersededChange(ConfigChange Dropped, ConfigChange Kept);
