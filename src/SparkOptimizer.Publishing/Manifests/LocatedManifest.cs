namespace SparkOptimizer.Publishing.Manifests;

/// <summary>The file that holds an app's manifest, its text, and the Kustomize namespace that applies to it (if any).</summary>
public sealed record LocatedManifest(string Path, string Text, string? InheritedNamespace);
