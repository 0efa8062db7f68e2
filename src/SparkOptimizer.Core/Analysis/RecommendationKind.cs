namespace SparkOptimizer.Analysis;

public enum RecommendationKind
{
    Config,
    Code,
    Resource,
}
