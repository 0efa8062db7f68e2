namespace SparkOptimizer.Publishing.Manifests;

/// <summary>No file, or more than one, holds the app's manifest.</summary>
public sealed class ManifestNotFoundException(string message) : Exception(message);
