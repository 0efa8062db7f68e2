namespace SparkOptimizer.Publishing.Manifests;

/// <summary>Thrown when a YAML input exceeds <see cref="YamlLimits"/>.</summary>
public sealed class YamlLimitException(string message) : Exception(message);
