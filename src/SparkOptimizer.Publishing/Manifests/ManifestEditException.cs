namespace SparkOptimizer.Publishing.Manifests;

/// <summary>The editor refused: the manifest cannot be changed safely, and nothing was written.</summary>
public sealed class ManifestEditException(string message) : Exception(message);
