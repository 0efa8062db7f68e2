namespace SparkOptimizer.Publishing.Manifests;

/// <summary>A pod template limit that must go up so the container still fits what Spark asks for after the change.</summary>
internal sealed record PodLimitRaise(string Key, FieldTarget Target, string NewLimit, string Reason);
